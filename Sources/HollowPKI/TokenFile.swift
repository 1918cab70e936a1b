import Crypto
import Foundation

/// kube-apiserver's static token file (`--token-auth-file`): one `token,user,uid,"group1,group2"` line per token.
///
/// Tokens are kept only as SHA-256 digests for lookup, and `authenticate` compares every digest in constant time,
/// so neither the result nor the timing reveals how much of a wrong token was right.
public struct TokenFile: Sendable {
    /// One line of the file.
    public struct Entry: Sendable, Hashable {
        /// The bearer token, as sent in `Authorization: Bearer <token>`.
        public var token: String
        /// The user name the token authenticates as.
        public var user: String
        /// The user's UID (may be empty).
        public var uid: String
        /// The user's groups (the optional fourth column, split on commas).
        public var groups: [String]

        /// An entry; `TokenFile.init(entries:)` validates it.
        public init(token: String, user: String, uid: String, groups: [String]) {
            self.token = token
            self.user = user
            self.uid = uid
            self.groups = groups
        }
    }

    /// The user of the admin token made on first start.
    public static let adminUser = "hollow-admin"
    /// The group of the admin token made on first start.
    public static let adminGroup = "system:masters"

    /// The entries in file order.
    public let entries: [Entry]
    private let digests: [SHA256.Digest]

    /// A token file holding `entries`.
    ///
    /// - Throws: `PKIError` (`isInvalidArgument`) for an empty or duplicate token, a field containing a line break,
    ///   or a group containing a comma (the format cannot represent them).
    public init(entries: [Entry]) throws {
        var seen = Set<String>()
        for (index, entry) in entries.enumerated() {
            let fields = [entry.token, entry.user, entry.uid] + entry.groups
            guard !entry.token.isEmpty, seen.insert(entry.token).inserted else {
                throw PKIError.invalidArgument(
                    "token entry \(index + 1) (user \(entry.user)): empty or duplicate token"
                )
            }
            guard !fields.contains(where: { $0.contains(where: \.isNewline) }),
                !entry.groups.contains(where: { $0.isEmpty || $0.contains(",") })
            else {
                throw PKIError.invalidArgument(
                    "token entry \(index + 1) (user \(entry.user)): no field may contain a line break, "
                        + "and each group must be non-empty without commas"
                )
            }
        }
        self.entries = entries
        self.digests = entries.map { SHA256.hash(data: Array($0.token.utf8)) }
    }

    /// Parses the file's text; `path` names it in errors.
    ///
    /// Blank lines are skipped. A line with fewer than three fields, an empty or duplicate token, or broken quoting
    /// throws `PKIError` (`isInvalidTokenFile`) naming the line number.
    public static func parse(_ text: String, path: String = "tokens.csv") throws -> TokenFile {
        var entries: [Entry] = []
        var lineNumbers: [String: Int] = [:]
        // "\r\n" is one Character, so splitting on isNewline handles both line endings.
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let number = index + 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let fields: [String]
            do {
                fields = try splitCSVLine(line)
            } catch {
                throw PKIError.invalidTokenFile(path, line: number, error.message)
            }
            guard fields.count >= 3 else {
                throw PKIError.invalidTokenFile(
                    path,
                    line: number,
                    "expected at least 3 fields (token,user,uid[,\"group1,group2\"]), found \(fields.count)"
                )
            }
            guard fields.count <= 4 else {
                throw PKIError.invalidTokenFile(
                    path,
                    line: number,
                    "expected at most 4 fields; quote the groups (token,user,uid,\"group1,group2\")"
                )
            }
            guard !fields[0].isEmpty else { throw PKIError.invalidTokenFile(path, line: number, "empty token") }
            if let first = lineNumbers.updateValue(number, forKey: fields[0]) {
                throw PKIError.invalidTokenFile(path, line: number, "duplicate token (first on line \(first))")
            }
            let groups = fields.count == 4 ? fields[3].split(separator: ",").map(String.init) : []
            entries.append(Entry(token: fields[0], user: fields[1], uid: fields[2], groups: groups))
        }
        return try TokenFile(entries: entries)
    }

    /// Reads and parses the file at `path`.
    ///
    /// - Throws: `PKIError`: `isFileSystemError` if it cannot be read (including when missing), `isInvalidTokenFile`
    ///   for a malformed line.
    public static func load(path: String) throws -> TokenFile {
        guard let text = try SecureFile.readTextIfPresent(path) else {
            throw PKIError.fileSystem("read", path, errno: ENOENT)
        }
        return try parse(text, path: path)
    }

    /// Loads `tokens.csv` from `directory`, or on first start creates it (0600) with one random admin token for
    /// user `hollow-admin` in group `system:masters`. Creates the directory if needed.
    public static func loadOrCreate(directory: ClusterDirectory) throws -> TokenFile {
        try directory.create()
        if let text = try SecureFile.readTextIfPresent(directory.tokensPath) {
            return try parse(text, path: directory.tokensPath)
        }
        let admin = Entry(
            token: generateToken(),
            user: adminUser,
            uid: UUID().uuidString.lowercased(),
            groups: [adminGroup]
        )
        let file = try TokenFile(entries: [admin])
        try file.write(to: directory.tokensPath)
        return file
    }

    /// A new random token: 32 bytes from the system CSPRNG, base64url without padding (43 characters).
    public static func generateToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The first token of user `hollow-admin`, if any.
    public var adminToken: String? {
        entries.first { $0.user == Self.adminUser }?.token
    }

    /// The user a bearer token belongs to, or nil for an unknown token.
    ///
    /// Every entry is compared, in constant time, whatever matches.
    public func authenticate(token: String) -> (user: String, uid: String, groups: [String])? {
        let presented = SHA256.hash(data: Array(token.utf8))
        var match = -1
        for (index, digest) in digests.enumerated() {
            let equal = Self.constantTimeEqual(presented, digest)
            match = equal ? index : match
        }
        guard match >= 0, !token.isEmpty else { return nil }
        let entry = entries[match]
        return (entry.user, entry.uid, entry.groups)
    }

    /// The file's text: one line per entry, groups always quoted.
    public func render() -> String {
        entries.map { entry in
            var fields = [entry.token, entry.user, entry.uid].map(Self.quoteIfNeeded)
            if !entry.groups.isEmpty { fields.append(Self.quote(entry.groups.joined(separator: ","))) }
            return fields.joined(separator: ",") + "\n"
        }.joined()
    }

    /// Writes the file atomically with mode 0600.
    public func write(to path: String) throws {
        try SecureFile.write(render(), to: path, mode: SecureFile.privateMode)
    }

    private static func constantTimeEqual(_ lhs: SHA256.Digest, _ rhs: SHA256.Digest) -> Bool {
        lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                var difference: UInt8 = 0
                for index in 0..<min(left.count, right.count) { difference |= left[index] ^ right[index] }
                return difference == 0 && left.count == right.count
            }
        }
    }

    private static func quoteIfNeeded(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0.isWhitespace }) ? quote(field) : field
    }

    private static func quote(_ field: String) -> String {
        "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Why one CSV line does not parse.
private struct CSVLineError: Error {
    let message: String
}

/// Splits one line into fields with encoding/csv's rules: `"` quotes a whole field and `""` is a literal quote.
private func splitCSVLine(_ line: Substring) throws(CSVLineError) -> [String] {
    var fields: [String] = []
    var characters = line.makeIterator()
    var current = ""
    var next = characters.next()
    var column = 1
    while true {
        if next == "\"" {
            // Quoted field: runs to the closing quote, which must end the field.
            let start = column
            while true {
                next = characters.next()
                column += 1
                guard let character = next else {
                    throw CSVLineError(message: "unterminated quoted field starting at column \(start)")
                }
                if character == "\"" {
                    next = characters.next()
                    column += 1
                    if next == "\"" {
                        current.append("\"")
                        continue
                    }
                    guard next == nil || next == "," else {
                        throw CSVLineError(message: "unexpected character after closing quote at column \(column)")
                    }
                    break
                }
                current.append(character)
            }
        } else {
            while let character = next, character != "," {
                guard character != "\"" else {
                    throw CSVLineError(message: "bare \" in unquoted field at column \(column); quote the field")
                }
                current.append(character)
                next = characters.next()
                column += 1
            }
        }
        fields.append(current)
        current = ""
        guard next == "," else { return fields }
        next = characters.next()
        column += 1
    }
}
