import HollowClient
import HollowModel
import HollowRuntime
import HollowTesting
import Logging
import Testing

@testable import HollowControllers

/// The node lifecycle controller against a real API server, on a ``ManualClock``: the test plays the kubelet
/// (node status and Lease) and moves time; the controller's writes are awaited with `eventually`.
///
/// With one worker, the controller's clock sleepers are the monitor loop between passes, plus the eviction worker
/// while an eviction is scheduled; ``ManualClock/waitForSleepers(count:)`` tells the test when they are parked.
struct NodeLifecycleControllerTests {
    @Test func silentNodeGoesUnknownAndTaintedThenRecoversWhenItsKubeletReturns() async throws {
        try await NodeLifecycleTestCluster.run { cluster in
            let t0 = cluster.clock.wallTime
            try await cluster.createReadyNode("n1", heartbeat: t0)
            try await cluster.renewLease("n1", at: t0)
            try await cluster.startControllers()
            // The first pass has seen the node healthy once the monitor sleeps.
            try await cluster.clock.waitForSleepers(count: 1)

            cluster.clock.advance(by: .seconds(41))
            try await eventually(timeout: .seconds(30), "the node marked Unknown and tainted") {
                let node = try await cluster.node("n1")
                return NodeLifecycle.readyStatus(of: node) == "Unknown"
                    && NodeLifecycleTestCluster.taintKeys(node) == [
                        "node.kubernetes.io/unreachable:NoSchedule", "node.kubernetes.io/unreachable:NoExecute",
                    ]
            }
            let node = try await cluster.node("n1")
            let ready = try #require(NodeLifecycle.condition("Ready", of: node))
            #expect(ready.reason == "NodeStatusUnknown")
            #expect(ready.message == "Kubelet stopped posting node status.")
            #expect(ready.lastHeartbeatTime == t0)
            #expect(ready.lastTransitionTime == t0.adding(.seconds(41)))
            for type in ["MemoryPressure", "DiskPressure", "PIDPressure"] {
                #expect(NodeLifecycle.condition(type, of: node)?.reason == "NodeStatusNeverUpdated", "\(type)")
            }
            #expect(NodeLifecycle.taints(of: node).allSatisfy { $0.timeAdded == t0.adding(.seconds(41)) })

            // The kubelet comes back: a renewed Lease and Ready=True. The next passes take the taints away.
            let back = cluster.clock.wallTime
            try await cluster.renewLease("n1", at: back)
            try await cluster.postReady("n1", heartbeat: back)
            try await eventually(timeout: .seconds(30), "the taints removed") {
                // Each try lets one more monitor period pass, until a pass has seen the kubelet's writes.
                if cluster.clock.sleeperCount >= 1 { cluster.clock.advance(by: .seconds(5)) }
                return try await NodeLifecycleTestCluster.taintKeys(cluster.node("n1")).isEmpty
            }
            #expect(try await NodeLifecycle.readyStatus(of: cluster.node("n1")) == "True")
        }
    }

    @Test func podOnAnUnreachableNodeIsEvictedWhenItsTolerationRunsOut() async throws {
        try await NodeLifecycleTestCluster.run { cluster in
            let t0 = cluster.clock.wallTime
            try await cluster.createReadyNode("n1", heartbeat: t0)
            try await cluster.renewLease("n1", at: t0)
            try await cluster.createRunningPod("web", on: "n1", toleratingUnreachableFor: 300)
            try await cluster.startControllers()
            try await cluster.clock.waitForSleepers(count: 1)

            // 41 s of silence: unreachable taints, and the pod marked not ready. While waiting, the clock moves on in
            // small steps, so that a write the controllers retry (a conflict under load) is retried.
            cluster.clock.advance(by: .seconds(41))
            try await eventually(timeout: .seconds(30), "the NoExecute taint") {
                cluster.clock.advance(by: .milliseconds(20))
                return try await NodeLifecycleTestCluster.taintKeys(cluster.node("n1"))
                    .contains("node.kubernetes.io/unreachable:NoExecute")
            }
            try await eventually(timeout: .seconds(30), "the pod marked not ready") {
                cluster.clock.advance(by: .milliseconds(20))
                return try await cluster.podCondition("web", "Ready")?["status"]?.stringValue == "False"
            }

            // The eviction is due 300 s after the taint was added.
            let taints = try await cluster.node("n1").object[path: ["spec", "taints"]]?.arrayValue ?? []
            let noExecute = try #require(
                taints.first { $0["key"] == "node.kubernetes.io/unreachable" && $0["effect"] == "NoExecute" })
            let added = try Timestamp(parsing: try #require(noExecute["timeAdded"]?.stringValue))
            // Counted from the taint, or from the pod's creation if that came later (kube counts from when it saw
            // the pod).
            let created = try #require(try await cluster.pod("web").metadata.creationTimestamp)
            let due = max(added, created).adding(.seconds(300))
            cluster.clock.advance(by: due.duration(since: cluster.clock.wallTime) - .seconds(1))
            // A second before it is due: give the controllers time to act wrongly, then check they did not.
            try await Task.sleep(for: .milliseconds(500))
            var pod = try await cluster.pod("web")
            #expect(pod.metadata.deletionTimestamp == nil, "evicted before its toleration ran out")
            #expect(NodeLifecycleTestCluster.condition(of: pod, "DisruptionTarget") == nil)

            cluster.clock.advance(by: .seconds(1))
            try await eventually(timeout: .seconds(30), "the pod deleted") {
                cluster.clock.advance(by: .milliseconds(20))
                return try await cluster.pod("web").metadata.deletionTimestamp != nil
            }
            // Graceful deletion: with no kubelet to finish it, the pod stays, carrying why it goes.
            pod = try await cluster.pod("web")
            let disruption = try #require(NodeLifecycleTestCluster.condition(of: pod, "DisruptionTarget"))
            #expect(disruption["status"]?.stringValue == "True")
            #expect(disruption["reason"]?.stringValue == "DeletionByTaintManager")
            #expect(disruption["message"]?.stringValue == "Taint manager: deleting due to NoExecute taint")
        }
    }
}

/// A test cluster, a client, a manual clock starting at the real time (so that the API server's creation times
/// are not in the clock's future), and the node lifecycle controller run next to the test body once it asks.
private struct NodeLifecycleTestCluster: Sendable {
    let client: KubernetesClient
    let clock: ManualClock
    let start: @Sendable () -> Void

    static func run(_ body: @escaping @Sendable (NodeLifecycleTestCluster) async throws -> Void) async throws {
        try await TestCluster.run { cluster in
            // Started once the server serves, so that the objects the test creates are not from the clock's future.
            let clock = ManualClock(wallTime: Timestamp.now().truncatedToSeconds)
            try await cluster.withKubernetesClient { client in
                let (starts, starter) = AsyncStream.makeStream(of: Void.self)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        var iterator = starts.makeAsyncIterator()
                        guard await iterator.next() != nil else { return }
                        try await ControllerManager(
                            client: client, controllers: [.nodelifecycle], options: ControllerOptions(workers: 1),
                            clock: clock,
                            logger: Logger(label: "node-lifecycle-test", factory: { _ in SwiftLogNoOpLogHandler() })
                        ).run()
                    }
                    let cluster = NodeLifecycleTestCluster(
                        client: client, clock: clock,
                        start: {
                            starter.yield()
                            starter.finish()
                        })
                    try await body(cluster)
                    starter.finish()
                    group.cancelAll()
                    while (try? await group.next()) != nil {}
                }
            }
        }
    }

    /// Starts the controllers (after the test has written the initial state).
    func startControllers() async throws { start() }

    /// A node as a kubelet registers it, with Ready=True posted at `heartbeat`.
    func createReadyNode(_ name: String, heartbeat: Timestamp) async throws {
        _ = try await client.resource(Node.self).create(
            Node(["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)]]))
        try await postReady(name, heartbeat: heartbeat)
    }

    /// What a kubelet posts: capacity and Ready=True with a fresh heartbeat.
    func postReady(_ name: String, heartbeat: Timestamp) async throws {
        let nodes = client.resource(Node.self)
        var node = try await nodes.get(name)
        let resources: JSON = ["cpu": "4", "memory": "8Gi", "pods": "110"]
        node.object["status"] = [
            "capacity": resources, "allocatable": resources,
            "conditions": [
                NodeLifecycle.NodeCondition.json(
                    type: "Ready", status: "True", lastHeartbeatTime: heartbeat, lastTransitionTime: heartbeat,
                    reason: "KubeletReady", message: "kubelet is posting ready status")
            ],
        ]
        _ = try await nodes.updateStatus(node)
    }

    /// Creates or renews the node's Lease in `kube-node-lease`.
    func renewLease(_ name: String, at time: Timestamp) async throws {
        let leases = client.resource(Lease.self)
        do {
            var lease = try await leases.get(name, namespace: NodeLifecycle.nodeLeaseNamespace)
            lease.renewTime = time
            _ = try await leases.update(lease)
        } catch let error as APIError where error.isNotFound {
            var lease = Lease([
                "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": ["name": .string(name), "namespace": .string(NodeLifecycle.nodeLeaseNamespace)],
                "spec": ["holderIdentity": .string(name), "leaseDurationSeconds": 40],
            ])
            lease.renewTime = time
            _ = try await leases.create(lease)
        }
    }

    /// A pod bound to `nodeName`, running and Ready, tolerating `not-ready` and `unreachable` for `seconds` (set
    /// explicitly, whether or not admission would add the defaults).
    func createRunningPod(_ name: String, on nodeName: String, toleratingUnreachableFor seconds: Int64) async throws {
        let pods = client.resource(Pod.self)
        var pod = try await pods.create(
            Pod([
                "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "default"],
                "spec": [
                    "nodeName": .string(nodeName),
                    "containers": [["name": "app", "image": "registry.k8s.io/pause:3.10"]],
                    "tolerations": [
                        TaintEviction.Toleration.defaultNotReady(seconds: seconds).json,
                        TaintEviction.Toleration.defaultUnreachable(seconds: seconds).json,
                    ],
                ],
            ]))
        let now = JSON.string(Timestamp.now().rfc3339)
        pod.object["status"] = [
            "phase": "Running",
            "conditions": [["type": "Ready", "status": "True", "lastProbeTime": .null, "lastTransitionTime": now]],
        ]
        _ = try await pods.updateStatus(pod)
    }

    func node(_ name: String) async throws -> Node {
        try await client.resource(Node.self).get(name)
    }

    func pod(_ name: String) async throws -> Pod {
        try await client.resource(Pod.self).get(name, namespace: "default")
    }

    func podCondition(_ name: String, _ type: String) async throws -> JSON? {
        Self.condition(of: try await pod(name), type)
    }

    static func condition(of pod: Pod, _ type: String) -> JSON? {
        pod.object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    /// `key:effect` of each taint, in order.
    static func taintKeys(_ node: Node) -> [String] {
        NodeLifecycle.taints(of: node).map { "\($0.key):\($0.effect.rawValue)" }
    }
}
