import Foundation
import HollowAPIServer
import HollowClient
import HollowControllers
import HollowModel
import HollowNodes
import HollowPKI
import HollowRuntime
import Logging
import Synchronization

/// `hollow bench nodes`: thousands of hollow nodes and their pods in one `hollow up`-like process — the API server,
/// the scheduler and node lifecycle controllers, and a hollow node pool, which talk to the API server in-process
/// through the client (`InProcessTransport`, as in `hollow up`), while the nodes and pods are created over HTTPS.
///
/// Phases: create `nodes` hollow nodes and time until the pool reports every one Ready; create `pods` pods (unbound,
/// 10m CPU each) and time until the scheduler bound them and the nodes run them; then hold still for
/// `steadySeconds` and measure Lease renewals per second and their lag against the schedule, the process's CPU use,
/// and memory.
public struct NodesBenchmark: Sendable {
    public struct Configuration: Sendable {
        public var nodes: Int
        public var pods: Int
        public var steadySeconds: Int
        /// Concurrent creations of nodes and pods.
        public var writers: Int
        /// The pool's concurrent writes (``HollowNodePool/Configuration/writers``).
        public var poolWriters: Int
        public var isQuick: Bool

        public init(
            nodes: Int = 10_000, pods: Int = 100_000, steadySeconds: Int = 30, writers: Int = 32,
            poolWriters: Int = HollowNodePool.Configuration().writers, isQuick: Bool = false
        ) {
            self.nodes = nodes
            self.pods = pods
            self.steadySeconds = steadySeconds
            self.writers = writers
            self.poolWriters = poolWriters
            self.isQuick = isQuick
        }

        public static let quick = Configuration(nodes: 500, pods: 5_000, steadySeconds: 12, isQuick: true)

        public var problem: String? {
            if !(1...50_000).contains(nodes) { return "--nodes must be between 1 and 50000, not \(nodes)" }
            if !(0...1_000_000).contains(pods) { return "--pods must be between 0 and 1000000, not \(pods)" }
            if !(1...600).contains(steadySeconds) { return "--seconds must be between 1 and 600, not \(steadySeconds)" }
            if !(1...512).contains(writers) { return "--writers must be between 1 and 512, not \(writers)" }
            if !(1...1024).contains(poolWriters) { return "--pool-writers must be between 1 and 1024, not \(poolWriters)" }
            return nil
        }
    }

    public struct Report: Sendable, CustomStringConvertible {
        public var configuration: Configuration
        public var nodesCreated: Duration
        public var nodesReady: Duration?
        public var podsCreated: Duration
        public var podsRunning: Duration?
        public var runningAtDeadline: Int
        public var renewalsPerSecond: Double
        public var expectedRenewalsPerSecond: Double
        public var lag: HollowLagHistogram
        public var steadyCPU: CPUShare
        public var residentBefore: Int?
        public var residentAfterNodes: Int?
        public var residentEnd: Int?
        public var peakResident: Int?
        public var failedWrites: Int

        public var description: String {
            func s(_ d: Duration?) -> String {
                d.map { String(format: "%.1f s", Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18) }
                    ?? "not reached"
            }
            func ms(_ d: Duration) -> String {
                String(format: "%.0f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            }
            func mib(_ b: Int?) -> String { b.map { String(format: "%.0f MiB", Double($0) / 1_048_576) } ?? "n/a" }
            func verdict(_ met: Bool) -> String { configuration.isQuick ? "n/a (quick)" : (met ? "met" : "MISSED") }
            let n = configuration.nodes, p = configuration.pods
            var lines = ["hollow bench nodes — \(n) nodes, \(p) pods, one process (API server, scheduler, node lifecycle, pool)"]
            lines.append("  nodes: created in \(s(nodesCreated)); all Ready after \(s(nodesReady))   target < 30 s: \(verdict((nodesReady ?? .seconds(999)) < .seconds(30)))")
            lines.append("  pods:  created in \(s(podsCreated)); all Running after \(s(podsRunning))\(podsRunning == nil ? " (\(runningAtDeadline) running)" : "")   target < 120 s: \(verdict((podsRunning ?? .seconds(999)) < .seconds(120)))")
            lines.append(String(format: "  steady state over %d s: %.0f Lease renewals/s (schedule: %.0f/s, ratio %.2f)", configuration.steadySeconds, renewalsPerSecond, expectedRenewalsPerSecond, renewalsPerSecond / max(expectedRenewalsPerSecond, 1)))
            lines.append("    renewal lag against the 10 s schedule: p50 \(ms(lag.quantile(0.5))), p99 \(ms(lag.quantile(0.99))), max \(ms(lag.maximum)) (\(lag.count) renewals)   target p99 < 2 s: \(verdict(lag.quantile(0.99) < .seconds(2)))")
            lines.append(String(format: "    CPU: %.2f cores (other processes: %.2f)   target < 1 core: %@", steadyCPU.process, steadyCPU.others, verdict(steadyCPU.process < 1)))
            let perNode = residentBefore.flatMap { before in residentAfterNodes.map { ($0 - before) / max(n, 1) } }
            lines.append("  memory: RSS \(mib(residentBefore)) before nodes, \(mib(residentAfterNodes)) with nodes (\(perNode.map { "\($0) bytes per node" } ?? "n/a")), \(mib(residentEnd)) with pods; peak \(mib(peakResident))   target ≤ 3 GiB: \(verdict((peakResident ?? Int.max) <= 3 << 30))")
            lines.append("  failed writes (retried): \(failedWrites)")
            return lines.joined(separator: "\n")
        }
    }

    public let configuration: Configuration
    let logger: Logger
    let progress: @Sendable (String) -> Void

    public init(configuration: Configuration, logger: Logger, progress: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.logger = logger
        self.progress = progress
    }

    public func run() async throws -> Report {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let directory = ClusterDirectory(path: scratch.path + "/cluster")
        progress("starting a cluster on \(directory.path)")
        return try await withBenchCluster(directory, logger: logger) { serving, _ in
            try await withBenchClient(serving, userAgent: "hollow-bench-nodes", logger: logger) { client in
                // As in `hollow up`: the cluster's own controllers and hollow nodes talk to its API server
                // in-process; the load (nodes and pods created) comes over HTTPS, as from any user.
                let cluster = try serving.inProcessClient(userAgent: "hollow-controller-manager", logger: logger)
                return try await measure(client, cluster: cluster)
            }
        }
    }

    private func measure(_ client: KubernetesClient, cluster: KubernetesClient) async throws -> Report {
        let configuration = self.configuration
        let manager = ControllerManager(client: cluster, controllers: [.scheduler, .nodelifecycle], logger: logger)
        let pool = HollowNodePool(
            client: cluster, configuration: .init(pool: "bench", writers: configuration.poolWriters), clock: SystemClock(),
            logger: logger)
        _ = try await client.resource(Namespace.self).create(
            Namespace(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "bench"]]))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await manager.run() }
            group.addTask { try await pool.run() }
            defer { group.cancelAll() }
            let residentBefore = ProcessMemory.trimmedResidentBytes()

            progress("nodes: creating \(configuration.nodes) hollow nodes")
            let nodesStart = ContinuousClock.now
            try await forEachConcurrently(0..<configuration.nodes, width: configuration.writers) { index in
                let template = HollowNodeTemplate(
                    name: "hollow-\(index)", pool: "bench", zone: "zone-\(["a", "b", "c"][index % 3])")
                _ = try await client.resource(Node.self).create(template.node)
            }
            let nodesCreated = ContinuousClock.now - nodesStart
            let nodesReady = try await waitUntil(deadline: nodesStart + .seconds(300), "nodes Ready") {
                pool.statistics().readyNodes >= configuration.nodes
            }.map { $0 - nodesStart }
            let residentAfterNodes = ProcessMemory.trimmedResidentBytes()

            progress("pods: creating \(configuration.pods) pods")
            let podsStart = ContinuousClock.now
            let created = CreatedCount()
            let (podsCreated, podsRunning, running) = try await withPodProgress(
                pool, created: created, since: podsStart
            ) {
                try await forEachConcurrently(0..<configuration.pods, width: configuration.writers) { index in
                    _ = try await client.resource(Pod.self).create(Self.pod(index), namespace: "bench")
                    created.value.add(1, ordering: .relaxed)
                }
                let podsCreated = ContinuousClock.now - podsStart
                var running = 0
                let podsRunning = try await waitUntil(deadline: podsStart + .seconds(600), "pods Running") {
                    running = pool.statistics().runningPods
                    return running >= configuration.pods
                }.map { $0 - podsStart }
                return (podsCreated, podsRunning, running)
            }

            progress("steady state: \(configuration.steadySeconds) s")
            // Let the renewal schedule settle after the bursts of the phases above, then measure.
            try await Task.sleep(for: .seconds(2))
            pool.resetLeaseRenewalLag()
            let renewalsBefore = pool.statistics().leaseRenewals
            let meter = CPUMeter()
            let steadyStart = ContinuousClock.now
            try await Task.sleep(for: .seconds(configuration.steadySeconds))
            let cpu = meter.share()
            let elapsed = (ContinuousClock.now - steadyStart).inSeconds
            let statistics = pool.statistics()
            return Report(
                configuration: configuration, nodesCreated: nodesCreated, nodesReady: nodesReady,
                podsCreated: podsCreated, podsRunning: podsRunning, runningAtDeadline: running,
                renewalsPerSecond: Double(statistics.leaseRenewals - renewalsBefore) / elapsed,
                expectedRenewalsPerSecond: Double(configuration.nodes) / 10, lag: statistics.leaseRenewalLag,
                steadyCPU: cpu, residentBefore: residentBefore, residentAfterNodes: residentAfterNodes,
                residentEnd: ProcessMemory.trimmedResidentBytes(), peakResident: ProcessMemory.peakResidentBytes(),
                failedWrites: statistics.failedWrites)
        }
    }

    /// Runs `body` while reporting every 5 s how far the pods got: created by the benchmark, bound (seen by the
    /// pool's nodes) and Running, so a run shows which stage is the backlog.
    private func withPodProgress<Result: Sendable>(
        _ pool: HollowNodePool, created: CreatedCount, since start: ContinuousClock.Instant,
        _ body: () async throws -> Result
    ) async throws -> Result {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [progress] in
                while !Task.isCancelled {
                    try await Task.sleep(for: .seconds(5))
                    let statistics = pool.statistics()
                    let elapsed = (ContinuousClock.now - start).inSeconds
                    progress(String(
                        format: "pods at %.0f s: %d created, %d bound, %d running", elapsed, created.value.load(ordering: .relaxed),
                        statistics.pods, statistics.runningPods))
                }
            }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// How many pods the benchmark has created so far.
    private final class CreatedCount: Sendable {
        let value = Atomic<Int>(0)
    }

    /// Polls `condition` every 250 ms; the time it held, or `nil` at the deadline.
    private func waitUntil(
        deadline: ContinuousClock.Instant, _ what: String, _ condition: () -> Bool
    ) async throws -> ContinuousClock.Instant? {
        try await pollUntil(deadline: deadline, every: .milliseconds(250), what, progress: progress, condition)
    }

    /// An unbound pod with a small request, as a ReplicaSet would create it.
    static func pod(_ index: Int) -> Pod {
        Pod([
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string("pod-\(index)"), "namespace": "bench", "labels": ["app": .string("app-\(index % 100)")]],
            "spec": [
                "containers": [
                    ["name": "app", "image": "registry.example.com/app:1", "resources": ["requests": ["cpu": "10m", "memory": "16Mi"]]]
                ]
            ],
        ])
    }
}
