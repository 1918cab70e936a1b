import Foundation
import HollowAPIServer
import HollowPKI
import HollowStore
import Logging

/// A real Hollow cluster for tests: the full server on `127.0.0.1:0` over HTTPS, with a fresh data directory,
/// torn down when the body returns.
public struct TestCluster: Sendable {
    public let serving: LocalCluster.Serving
    public let directory: ClusterDirectory

    public var kubeconfigPath: String { serving.kubeconfigPath }
    public var url: String { serving.url }
    public var port: Int { serving.port }

    /// Starts a cluster in a new temporary directory (or `directory`), runs `body`, then stops it.
    public static func run<T: Sendable>(
        directory: ClusterDirectory? = nil, kubernetesVersion: String = "v1.31.0", port: Int = 0,
        store: SQLiteStore.Configuration = .init(),
        _ body: @Sendable (TestCluster) async throws -> T
    ) async throws -> T {
        // Timing-sensitive tests run while no cluster starts (see ExclusiveTestLock).
        try await ExclusiveTestLock.shared {
            try await runCluster(directory: directory, kubernetesVersion: kubernetesVersion, port: port, store: store, body)
        }
    }

    private static func runCluster<T: Sendable>(
        directory: ClusterDirectory?, kubernetesVersion: String, port: Int, store: SQLiteStore.Configuration,
        _ body: @Sendable (TestCluster) async throws -> T
    ) async throws -> T {
        let directory = try directory ?? ClusterDirectory(path: TemporaryDirectory.make(prefix: "hollow-test"))
        let cluster = LocalCluster(
            configuration: .init(
                name: "test", directory: directory, host: "127.0.0.1", port: port, kubernetesVersion: kubernetesVersion,
                store: store))
        let logger = {
            var logger = Logger(label: "hollow-test")
            logger.logLevel = .critical
            return logger
        }()
        let ready = AsyncStream<LocalCluster.Serving>.makeStream()
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await cluster.run(logger: logger, handleSignals: false) { serving in
                    ready.continuation.yield(serving)
                }
                ready.continuation.finish()
                return nil
            }
            var iterator = ready.stream.makeAsyncIterator()
            guard let serving = await iterator.next() else {
                // The cluster ended before serving: surface its error.
                while let result = try await group.next() { if let result { return result } }
                throw TestClusterError("the cluster stopped before it served")
            }
            let result = try await body(TestCluster(serving: serving, directory: directory))
            group.cancelAll()
            while (try? await group.next()) != nil {}
            return result
        }
    }
}

public struct TestClusterError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Temporary directories for tests.
public enum TemporaryDirectory {
    public static func make(prefix: String) throws -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
