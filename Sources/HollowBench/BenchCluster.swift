import HollowAPIServer
import HollowClient
import HollowPKI
import Logging
import ServiceLifecycle

/// Runs a cluster on `directory` (127.0.0.1, a free port, no signal handling) while `body` runs, then cancels
/// it and waits until it has stopped: its lock released and its database closed.
///
/// `body` also gets the time from the start of `LocalCluster.run` until the cluster called `onServing`.
func withBenchCluster<T: Sendable>(
    _ directory: ClusterDirectory, logger: Logger, controllers: [any Service] = [],
    _ body: (LocalCluster.Serving, Duration) async throws -> T
) async throws -> T {
    let cluster = LocalCluster(
        configuration: .init(name: "bench", directory: directory, host: "127.0.0.1", port: 0))
    let ready = AsyncStream<(LocalCluster.Serving, Duration)>.makeStream()
    return try await withThrowingTaskGroup(of: Void.self) { group in
        let started = ContinuousClock.now
        group.addTask {
            defer { ready.continuation.finish() }
            try await cluster.run(logger: logger, handleSignals: false, services: controllers) { serving in
                ready.continuation.yield((serving, ContinuousClock.now - started))
            }
        }
        group.addTask {
            // A cluster that never calls onServing (it logs why) must not hang the benchmark.
            try? await Task.sleep(for: .seconds(120))
            ready.continuation.finish()
        }
        var iterator = ready.stream.makeAsyncIterator()
        guard let first = await iterator.next() else {
            group.cancelAll()
            do {
                try await group.waitForAll()
            } catch {
                throw BenchmarkError("the cluster failed to start: \(error)")
            }
            throw BenchmarkError("the cluster did not start serving within 120 s")
        }
        let (serving, startup) = first
        let result: T
        do {
            result = try await body(serving, startup)
        } catch {
            group.cancelAll()
            try? await group.waitForAll()
            throw error
        }
        group.cancelAll()
        // A cancelled cluster may end with CancellationError; it has stopped either way.
        try? await group.waitForAll()
        return result
    }
}

/// Runs `body` with Hollow's client for `serving` as the admin, unthrottled (qps 0), with long request deadlines for
/// the large lists of a benchmark.
func withBenchClient<T: Sendable>(
    _ serving: LocalCluster.Serving, userAgent: String, logger: Logger, _ body: (KubernetesClient) async throws -> T
) async throws -> T {
    let admin = serving.credentials.adminCertificate
    var configuration = ClientConfiguration(
        server: serving.url, certificateAuthorityPEM: serving.credentials.certificateAuthority.certificatePEM,
        credentials: .clientCertificate(certificatePEM: admin.certificatePEM, keyPEM: admin.privateKeyPEM),
        qps: 0, userAgent: userAgent)
    configuration.requestTimeout = .seconds(300)
    return try await KubernetesClient.withClient(configuration, logger: logger, body)
}
