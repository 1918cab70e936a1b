import Foundation
import HollowPKI
import Testing

@Suite struct TokenFileTests {
    @Test func firstStartCreatesOneAdminTokenThatReloads() throws {
        try withTemporaryDirectory { root throws in
            let directory = ClusterDirectory(path: root)
            let created = try TokenFile.loadOrCreate(directory: directory)
            let token = try #require(created.adminToken)
            #expect(token.count == 43)
            #expect(try permissions(of: directory.tokensPath) == 0o600)

            let reloaded = try TokenFile.loadOrCreate(directory: directory)
            #expect(reloaded.entries == created.entries)
            let user = try #require(reloaded.authenticate(token: token))
            #expect(user.user == "hollow-admin")
            #expect(user.groups == ["system:masters"])
            #expect(user.uid == created.entries[0].uid)
        }
    }

    @Test func wrongTokensDoNotAuthenticate() throws {
        let file = try TokenFile(entries: [.init(token: "secret-token", user: "alice", uid: "1", groups: [])])
        #expect(file.authenticate(token: "secret-token")?.user == "alice")
        #expect(file.authenticate(token: "secret-tokeN") == nil)
        #expect(file.authenticate(token: "secret-token ") == nil)
        #expect(file.authenticate(token: "") == nil)
    }

    @Test func parsesKubeAPIServerFormatWithQuotedGroups() throws {
        let text = """
            abc,alice,uid-1,"system:masters,devs"
            def,bob,uid-2
            "g,h",carol,uid-3,viewers\r
            """
        let file = try TokenFile.parse(text)
        #expect(file.entries == [
            .init(token: "abc", user: "alice", uid: "uid-1", groups: ["system:masters", "devs"]),
            .init(token: "def", user: "bob", uid: "uid-2", groups: []),
            .init(token: "g,h", user: "carol", uid: "uid-3", groups: ["viewers"]),
        ])
        let alice = try #require(file.authenticate(token: "abc"))
        #expect(alice.user == "alice" && alice.uid == "uid-1" && alice.groups == ["system:masters", "devs"])
    }

    @Test func renderedFileParsesBackToTheSameEntries() throws {
        let entries: [TokenFile.Entry] = [
            .init(token: TokenFile.generateToken(), user: "hollow-admin", uid: "u1", groups: ["system:masters"]),
            .init(token: "t2", user: "with \"quote\"", uid: "", groups: ["a", "b", "c"]),
            .init(token: "t3", user: "plain", uid: "u3", groups: []),
        ]
        let text = try TokenFile(entries: entries).render()
        #expect(text.contains("u1,\"system:masters\"\n"))
        #expect(try TokenFile.parse(text).entries == entries)
    }

    @Test(arguments: [
        ("abc,alice\n", 1, "expected at least 3 fields"),
        ("\n\nabc,alice,1\nabc,bob,2\n", 4, "duplicate token (first on line 3)"),
        ("a,b,c\nd,e,f,\"g,h\n", 2, "unterminated quoted field"),
        ("a,b\"c,d\n", 1, "bare \""),
        (",alice,1\n", 1, "empty token"),
        ("a,b,c,d,e\n", 1, "at most 4 fields"),
        ("a,\"b\"x,c\n", 1, "after closing quote"),
    ])
    func malformedLinesAreErrorsNamingTheLine(text: String, line: Int, reason: String) throws {
        let error = try #require(throws: PKIError.self) { try TokenFile.parse(text, path: "/x/tokens.csv") }
        #expect(error.isInvalidTokenFile)
        #expect(error.message.hasPrefix("/x/tokens.csv:\(line): "))
        #expect(error.message.contains(reason))
    }

    @Test func generatedTokensAreBase64URLAndDistinct() {
        let tokens = (0..<20).map { _ in TokenFile.generateToken() }
        #expect(Set(tokens).count == tokens.count)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(tokens.allSatisfy { $0.count == 43 && $0.allSatisfy(alphabet.contains) })
    }
}
