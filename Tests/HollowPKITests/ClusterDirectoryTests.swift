import Foundation
import HollowPKI
import Testing

@Suite struct ClusterDirectoryTests {
    @Test func defaultDirectoryIsUnderHomeDotHollow() throws {
        let directory = try ClusterDirectory.default(clusterName: "dev", home: "/home/alice")
        #expect(directory.path == "/home/alice/.hollow/clusters/dev")
        #expect(directory.caCertificatePath == "/home/alice/.hollow/clusters/dev/ca.crt")
        #expect(directory.stateDatabasePath == "/home/alice/.hollow/clusters/dev/state.db")
        #expect(directory.lockPath == "/home/alice/.hollow/clusters/dev/lock")
    }

    @Test(arguments: ["", ".", "..", "a/b"])
    func clusterNamesThatEscapeTheDirectoryAreRejected(name: String) {
        #expect(throws: PKIError.self) { try ClusterDirectory.default(clusterName: name, home: "/home/alice") }
    }

    @Test func createMakesThePrivateDirectoryAndItsParents() throws {
        try withTemporaryDirectory { root throws in
            let directory = ClusterDirectory(path: "\(root)/a/b/cluster/")
            #expect(directory.path == "\(root)/a/b/cluster")
            try directory.create()
            #expect(try permissions(of: directory.path) == 0o700)
            try directory.create()  // idempotent
        }
    }

    @Test func secondLockOnTheSameDirectoryFailsNamingTheDirectoryAndHolder() throws {
        try withTemporaryDirectory { root throws in
            let directory = ClusterDirectory(path: root)
            let lock = try directory.lock()
            #expect(lock.isHeld)
            let pid = ProcessInfo.processInfo.processIdentifier
            #expect(try String(contentsOfFile: directory.lockPath, encoding: .utf8) == "\(pid)\n")

            let error = try #require(throws: PKIError.self) { try directory.lock() }
            #expect(error.isDirectoryInUse)
            #expect(error.message == "cluster data directory \(root) is in use by another hollow process (pid \(pid))")

            lock.release()
            #expect(!lock.isHeld)
            let again = try directory.lock()
            #expect(again.isHeld)
        }
    }

    @Test func lockCreatesAMissingDirectory() throws {
        try withTemporaryDirectory { root throws in
            let directory = ClusterDirectory(path: "\(root)/new/cluster")
            let lock = try directory.lock()
            #expect(lock.isHeld)
            #expect(try permissions(of: directory.path) == 0o700)
        }
    }

    @Test func lockIsReleasedWhenTheLockObjectGoesAway() throws {
        try withTemporaryDirectory { root throws in
            let directory = ClusterDirectory(path: root)
            do {
                _ = try directory.lock()
            }
            let lock = try directory.lock()
            #expect(lock.isHeld)
        }
    }

    @Test(.enabled(if: tool("/usr/bin/flock") != nil))
    func anotherProcessCannotTakeTheLock() throws {
        try withTemporaryDirectory { root throws in
            let directory = ClusterDirectory(path: root)
            let lock = try directory.lock()
            let arguments = ["--nonblock", "--conflict-exit-code", "7", directory.lockPath, "true"]
            #expect(try run("/usr/bin/flock", arguments).status == 7)
            lock.release()
            #expect(try run("/usr/bin/flock", arguments).status == 0)
        }
    }
}
