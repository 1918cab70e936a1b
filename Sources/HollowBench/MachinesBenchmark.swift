import Foundation
import HollowAPIServer
import HollowClient
import HollowControllers
import HollowKubemark
import HollowModel
import HollowNodes
import HollowPKI
import HollowRuntime
import Logging

/// `hollow bench machines`: a MachineSet of kubemark machines in one `hollow up`-like process — the API server, the
/// Machine API controllers with the kubemark provider, node lifecycle, and a hollow node pool, which reach the API
/// server in-process as in `hollow up`, while the benchmark scales and watches over HTTPS.
///
/// Phases: scale the set 0 → `machines` and time until every Machine is Running with a nodeRef and every node
/// Ready; put a MachineHealthCheck over it, turn a tenth of the nodes NotReady and time, for each, from its timeout
/// (the condition's `lastTransitionTime` plus the timeout, the instant the check is defined by) to the Machine's
/// deletion as a watcher sees it, and to a replacement node Ready; scale to 0 and time until every Machine and Node
/// is gone. Then, when given the `hollow` executable, ``MachinesBenchmark/measureRestart(_:)`` kills a `hollow up`
/// with `kill -9` in the middle of a scale-up and times its restart until exactly the asked machines and nodes exist.
public struct MachinesBenchmark: Sendable {
    public struct Configuration: Sendable {
        public var machines: Int
        /// The share of nodes turned NotReady in the health-check phase.
        public var unhealthyShare: Double
        /// The health check's timeout for `Ready=False`.
        public var healthTimeout: Duration
        /// The `hollow` executable for the restart phase; `nil` skips it.
        public var executable: String?
        public var isQuick: Bool

        public init(
            machines: Int = 1_000, unhealthyShare: Double = 0.1, healthTimeout: Duration = .seconds(2),
            executable: String? = nil, isQuick: Bool = false
        ) {
            self.machines = machines
            self.unhealthyShare = unhealthyShare
            self.healthTimeout = healthTimeout
            self.executable = executable
            self.isQuick = isQuick
        }

        public static let quick = Configuration(machines: 100, isQuick: true)

        public var problem: String? {
            if !(1...20_000).contains(machines) { return "--machines must be between 1 and 20000, not \(machines)" }
            return nil
        }

        /// How many nodes the health-check phase turns NotReady (at least one).
        var unhealthyCount: Int { max(1, Int((Double(machines) * unhealthyShare).rounded())) }
    }

    public struct Report: Sendable, CustomStringConvertible {
        public var configuration: Configuration
        public var scaleUp: Duration?
        public var remediationStart: LatencySummary?
        public var replacementReady: LatencySummary?
        public var remediated: Int
        public var scaleDown: Duration?
        public var restart: RestartReport?
        public var peakResident: Int?

        public var description: String {
            let n = configuration.machines, unhealthy = configuration.unhealthyCount
            func verdict(_ met: Bool) -> String { configuration.isQuick ? "n/a (quick)" : (met ? "met" : "MISSED") }
            var lines = [
                "hollow bench machines — \(n) kubemark machines, one process (API server, Machine API controllers, node lifecycle, pool)"
            ]
            lines.append(
                "  scale 0 → \(n): every Machine Running with a nodeRef and every node Ready after \(secondsText(scaleUp))   target < 20 s: \(verdict((scaleUp ?? .seconds(999)) < .seconds(20)))"
            )
            if let start = remediationStart {
                lines.append(
                    "  health check, \(unhealthy) of \(n) nodes NotReady (timeout \(secondsText(configuration.healthTimeout))): \(remediated) remediated"
                )
                lines.append(
                    "    timeout → Machine deleted: p50 \(millisecondsText(start.p50)), p99 \(millisecondsText(start.p99)), max \(millisecondsText(start.max))   target < 1 s: \(verdict(start.max < .seconds(1)))"
                )
                if let ready = replacementReady {
                    lines.append(
                        "    timeout → replacement node Ready: p50 \(secondsText(ready.p50)), p99 \(secondsText(ready.p99)), max \(secondsText(ready.max)) (\(ready.count) replacements)"
                    )
                }
            } else {
                lines.append("  health check: no remediation seen (\(remediated) of \(unhealthy))")
            }
            lines.append("  scale \(n) → 0: every Machine and Node gone after \(secondsText(scaleDown))")
            if let restart {
                lines.append(contentsOf: restart.lines(verdict: verdict))
            } else {
                lines.append("  kill -9 mid-scale-up: skipped (no hollow executable given)")
            }
            lines.append("  peak RSS: \(peakResident.map { String(format: "%.0f MiB", Double($0) / 1_048_576) } ?? "n/a")")
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

    static let namespace = MachineAPI.namespace
    static let setName = "bench"
    static let pool = "bench"

    public func run() async throws -> Report {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let directory = ClusterDirectory(path: scratch.path + "/cluster")
        progress("starting a cluster on \(directory.path)")
        var report = try await withBenchCluster(directory, logger: logger) { serving, _ in
            try await withBenchClient(serving, userAgent: "hollow-bench-machines", logger: logger) { client in
                // As in `hollow up`: the controllers and hollow nodes reach the API server in-process; the benchmark
                // scales and watches over HTTPS, as a user would.
                let cluster = try serving.inProcessClient(userAgent: "hollow-controller-manager", logger: logger)
                return try await measure(client, cluster: cluster)
            }
        }
        if let executable = configuration.executable {
            report.restart = try await measureRestart(executable, scratch: scratch.path)
        }
        report.peakResident = ProcessMemory.peakResidentBytes()
        return report
    }

    private func measure(_ client: KubernetesClient, cluster: KubernetesClient) async throws -> Report {
        let configuration = self.configuration
        try await MachineAPIInstaller.install(cluster, logger: logger)
        let manager = ControllerManager(
            client: cluster,
            controllers: [.machineset, .machine, .nodelink, .machinehealthcheck, .nodelifecycle], logger: logger,
            machineActuator: KubemarkActuator(client: cluster, pool: Self.pool, clock: SystemClock(), logger: logger))
        let pool = HollowNodePool(
            client: cluster, configuration: .init(pool: Self.pool), clock: SystemClock(), logger: logger)
        let informers = SharedInformerFactory(client: client, logger: logger)
        let watch = MachineWatch(
            machines: informers.informer(Machine.self, namespace: Self.namespace), nodes: informers.informer(Node.self))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await manager.run() }
            group.addTask { try await pool.run() }
            group.addTask { try await informers.run() }
            defer { group.cancelAll() }
            try await informers.waitForSync()
            let machineSets = client.resource(MachineSet.self)
            _ = try await machineSets.create(Self.machineSet(replicas: 0), namespace: Self.namespace)

            progress("scale 0 → \(configuration.machines)")
            let upStart = ContinuousClock.now
            try await scale(machineSets, to: configuration.machines)
            let scaleUp = try await waitUntil(deadline: upStart + .seconds(300), "machines Running") {
                watch.settled(at: configuration.machines)
            }.map { $0 - upStart }

            progress("health check over the set, \(configuration.unhealthyCount) nodes NotReady")
            let health = try await measureRemediation(client, watch)

            progress("scale \(configuration.machines) → 0")
            let downStart = ContinuousClock.now
            try await client.resource(MachineHealthCheck.self).delete(Self.setName, namespace: Self.namespace)
            try await scale(machineSets, to: 0)
            let scaleDown = try await waitUntil(deadline: downStart + .seconds(300), "machines gone") {
                watch.machines.count == 0 && watch.kubemarkNodes == 0
            }.map { $0 - downStart }
            return Report(
                configuration: configuration, scaleUp: scaleUp, remediationStart: health.start,
                replacementReady: health.ready, remediated: health.remediated, scaleDown: scaleDown)
        }
    }

    /// Turns a share of the nodes NotReady under a MachineHealthCheck and times each remediation from its timeout.
    private func measureRemediation(
        _ client: KubernetesClient, _ watch: MachineWatch
    ) async throws -> (start: LatencySummary?, ready: LatencySummary?, remediated: Int) {
        let configuration = self.configuration
        let timeout = configuration.healthTimeout
        let before = Set(watch.nodes.list().map(\.name))
        let victims = Array(watch.machines.list().compactMap(\.nodeName).sorted().prefix(configuration.unhealthyCount))
        let timeline = RemediationTimeline(victims: Set(victims), existing: before)
        watch.machines.addEventHandler(onUpdate: { _, machine in
            if machine.isDeleting, let node = machine.nodeName { timeline.deletionSeen(node: node) }
        })
        watch.nodes.addEventHandler(onUpdate: { _, node in
            timeline.nodeChanged(node)
        })
        _ = try await client.resource(MachineHealthCheck.self).create(
            Self.healthCheck(timeout: timeout), namespace: Self.namespace)
        let nodes = client.resource(Node.self)
        try await forEachConcurrently(0..<victims.count, width: 16) { index in
            let patch: JSON = ["metadata": ["annotations": .object([HollowNodeKeys.conditionPrefix + "Ready": "False"])]]
            _ = try await nodes.patch(victims[index], .merge(patch))
        }
        let start = ContinuousClock.now
        _ = try await waitUntil(deadline: start + .seconds(120), "remediation") {
            timeline.remediated >= victims.count && watch.settled(at: configuration.machines)
                && timeline.replacementsReady >= victims.count
        }
        return timeline.summaries(timeout: timeout)
    }

    private func scale(_ machineSets: ResourceClient<MachineSet>, to replicas: Int) async throws {
        _ = try await machineSets.patch(
            Self.setName, namespace: Self.namespace, .merge(["spec": ["replicas": .int(Int64(replicas))]]))
    }

    /// Polls `condition` every 50 ms; the time it held, or `nil` at the deadline.
    private func waitUntil(
        deadline: ContinuousClock.Instant, _ what: String, _ condition: () -> Bool
    ) async throws -> ContinuousClock.Instant? {
        try await pollUntil(deadline: deadline, every: .milliseconds(50), what, progress: progress, condition)
    }

    /// The benchmark's MachineSet: kubemark machines in the bench pool.
    static func machineSet(name: String = setName, replicas: Int) -> MachineSet {
        let labels = JSON.object([MachineAPI.clusterLabel: "bench", MachineAPI.machineSetLabel: .string(name)])
        return MachineSet([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": "MachineSet",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": labels],
            "spec": [
                "replicas": .int(Int64(replicas)), "deletePolicy": "Oldest",
                "selector": ["matchLabels": labels],
                "template": [
                    "metadata": ["labels": labels],
                    "spec": [
                        "providerSpec": [
                            "value": [
                                "apiVersion": "kubemarkproviderconfig.k8s.io/v1alpha1",
                                "kind": "KubemarkMachineProviderConfig",
                            ]
                        ]
                    ],
                ],
            ],
        ])
    }

    static func healthCheck(timeout: Duration) -> MachineHealthCheck {
        let timeoutText = JSON.string(GoDuration(timeout).description)
        return MachineHealthCheck([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": "MachineHealthCheck",
            "metadata": ["name": .string(setName), "namespace": .string(namespace)],
            "spec": [
                "selector": ["matchLabels": .object([MachineAPI.machineSetLabel: .string(setName)])],
                "unhealthyConditions": [
                    ["type": "Ready", "status": "False", "timeout": timeoutText],
                    ["type": "Ready", "status": "Unknown", "timeout": timeoutText],
                ],
                "maxUnhealthy": "40%",
            ],
        ])
    }
}

/// The benchmark's view of the cluster: machines in the Machine API namespace and all nodes, from informers.
struct MachineWatch: Sendable {
    let machines: Informer<Machine>
    let nodes: Informer<Node>

    /// Nodes a kubemark machine backs.
    var kubemarkNodes: Int { nodes.list().count { $0.providerID?.hasPrefix("kubemark://") ?? false } }

    /// Exactly `count` machines, none being deleted, each Running with a nodeRef to a Ready node.
    func settled(at count: Int) -> Bool {
        let list = machines.list()
        guard list.count == count else { return false }
        return list.allSatisfy { machine in
            guard !machine.isDeleting, machine.phase == .running, let node = machine.nodeName else { return false }
            return nodes.get(namespace: nil, name: node)?.isReady ?? false
        }
    }
}

extension Node {
    var providerID: String? { object[path: ["spec", "providerID"]]?.stringValue }

    /// The `Ready` condition's status and `lastTransitionTime`.
    var readyCondition: (status: String, since: Timestamp?)? {
        guard
            let condition = object[path: ["status", "conditions"]]?.arrayValue?.first(where: {
                $0["type"]?.stringValue == "Ready"
            })
        else { return nil }
        return (
            condition["status"]?.stringValue ?? "Unknown",
            condition["lastTransitionTime"]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
        )
    }

    var isReady: Bool { readyCondition?.status == "True" }
}
