import HollowClient
import HollowModel
import HollowRuntime
import HollowTesting
import Logging
import Testing

@testable import HollowControllers

/// The scheduler controller against a real API server: nodes and pods are written through the API, the
/// `ControllerManager` runs only the scheduler, and the tests assert what the API then holds.
struct SchedulerControllerTests {
    /// kube's message for a pod asking 1 more cpu than either of two nodes has left, when no pod of lower priority
    /// could make room.
    static let twoNodesInsufficientCPU =
        "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims "
        + "found for incoming pod."
    /// kube's message for a pod asking more cpu than either of two nodes has at all: evicting pods cannot help.
    static let twoNodesTooSmall =
        "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 Preemption is not "
        + "helpful for scheduling."

    @Test func pendingPodsAreBoundWithinTheirNodesCapacity() async throws {
        try await SchedulerTestCluster.run { cluster in
            try await cluster.createNode("n1", cpu: "2")
            try await cluster.createNode("n2", cpu: "2")
            for index in 1...5 { try await cluster.createPod("web-\(index)", cpu: "1") }

            try await eventually(timeout: .seconds(20), "four of five pods bound") {
                try await cluster.pods().filter { $0.nodeName != nil }.count == 4
            }
            let pods = try await cluster.pods()
            let perNode = Dictionary(grouping: pods.compactMap(\.nodeName), by: { $0 }).mapValues(\.count)
            #expect(perNode == ["n1": 2, "n2": 2])

            // The fifth fits nowhere: PodScheduled=False with kube's message, and a FailedScheduling event.
            let pending = try #require(pods.first { $0.nodeName == nil })
            try await eventually(timeout: .seconds(20), "the Unschedulable condition") {
                try await cluster.podScheduledCondition(pending.name)?["reason"]?.stringValue == "Unschedulable"
            }
            let condition = try #require(try await cluster.podScheduledCondition(pending.name))
            #expect(condition["status"]?.stringValue == "False")
            #expect(condition["message"]?.stringValue == Self.twoNodesInsufficientCPU)

            let bound = try #require(pods.first { $0.nodeName != nil })
            try await eventually(timeout: .seconds(30), "the Scheduled and FailedScheduling events") {
                let events = try await cluster.events()
                return events.contains { event in
                    event["reason"]?.stringValue == "Scheduled"
                        && event[path: ["involvedObject", "name"]]?.stringValue == bound.name
                        && event["message"]?.stringValue
                            == "Successfully assigned default/\(bound.name) to \(bound.nodeName ?? "")"
                        && event["reportingComponent"]?.stringValue == "default-scheduler"
                        && event["type"]?.stringValue == "Normal"
                }
                    && events.contains { event in
                        event["reason"]?.stringValue == "FailedScheduling"
                            && event[path: ["involvedObject", "name"]]?.stringValue == pending.name
                            && event["message"]?.stringValue == Self.twoNodesInsufficientCPU
                            && event["type"]?.stringValue == "Warning"
                    }
            }
        }
    }

    @Test func oversizePodIsUnschedulableUntilANodeThatFitsIsAdded() async throws {
        try await SchedulerTestCluster.run { cluster in
            try await cluster.createNode("n1", cpu: "2")
            try await cluster.createNode("n2", cpu: "2")
            try await cluster.createPod("big", cpu: "3")

            try await eventually(timeout: .seconds(20), "the Unschedulable condition") {
                try await cluster.podScheduledCondition("big")?["reason"]?.stringValue == "Unschedulable"
            }
            let condition = try #require(try await cluster.podScheduledCondition("big"))
            #expect(condition["status"]?.stringValue == "False")
            #expect(condition["message"]?.stringValue == Self.twoNodesTooSmall)
            // Exactly what the pure scheduling logic says about the objects the API holds.
            let big = try await cluster.pod("big")
            let nodes = try await cluster.client.resource(Node.self).list().items.map { SchedulerNodeInfo(node: $0) }
            #expect(
                condition["message"]?.stringValue
                    == SchedulerAlgorithm.schedule(pod: big, nodes: nodes).unschedulableMessage)
            #expect(big.nodeName == nil)

            // A node added is a cluster event: the parked pod is tried again at once, not after the minute.
            try await cluster.createNode("n3", cpu: "4")
            try await eventually(timeout: .seconds(20), "the pod bound to the new node") {
                try await cluster.pod("big").nodeName == "n3"
            }
            #expect(try await cluster.podScheduledCondition("big")?["status"]?.stringValue == "True")
        }
    }

    @Test func manyPodsAreBoundConcurrentlyWithoutOvercommittingANode() async throws {
        try await ExclusiveTestLock.run {
            let nodeCount = 10
            let podCount = 500
            try await SchedulerTestCluster.run { cluster in
                for index in 1...nodeCount { try await cluster.createNode("node-\(index)", cpu: "8", pods: 60) }
                let start = ContinuousClock.now
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for batch in 0..<16 {
                        group.addTask {
                            for index in stride(from: batch, to: podCount, by: 16) {
                                try await cluster.createPod("small-\(index)", cpu: "100m")
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let created = ContinuousClock.now - start
                try await eventually(timeout: .seconds(60), interval: .milliseconds(200), "every pod bound") {
                    try await cluster.pods().allSatisfy { $0.nodeName != nil }
                }
                let elapsed = ContinuousClock.now - start
                let perNode = Dictionary(grouping: try await cluster.pods().compactMap(\.nodeName), by: { $0 })
                    .mapValues(\.count)
                #expect(perNode.values.reduce(0, +) == podCount)
                // 8 cpu / 100m = 80 pods, but the node allows 60 pods.
                #expect(perNode.values.allSatisfy { $0 <= 60 }, "\(perNode)")
                print("scheduler test: \(podCount) pods created in \(created), all bound after \(elapsed)")
            }
        }
    }

    // MARK: - Unschedulable pods (pure)

    @Test(arguments: [(1, 1), (2, 2), (3, 4), (4, 8), (5, 10), (50, 10)])
    func backoffDoublesFromOneSecondToTen(failures: Int, seconds: Int64) {
        #expect(SchedulerUnschedulablePods.backoff(afterFailures: failures) == .seconds(seconds))
    }

    @Test func unparkingReturnsEveryParkedPodWithWhatRemainsOfItsBackoff() {
        let start = Timestamp(secondsSinceEpoch: 1_800_000_000)
        let a = ObjectKey(namespace: "default", name: "a")
        let b = ObjectKey(namespace: "default", name: "b")
        var pods = SchedulerUnschedulablePods()
        pods.parkAfterFailure(a, now: start)
        pods.parkAfterFailure(b, now: start)
        pods.parkAfterFailure(b, now: start.adding(.seconds(1)))

        let moves = pods.unparkAll(now: start.adding(.milliseconds(1500)))
        let delays = Dictionary(uniqueKeysWithValues: moves.map { ($0.key, $0.delay) })
        #expect(delays == [a: .zero, b: .milliseconds(1500)])
        #expect(pods.parked.isEmpty)
        #expect(pods.unparkAll(now: start.adding(.seconds(2))).isEmpty)

        // Failures are remembered until the pod is placed or gone.
        pods.parkAfterFailure(b, now: start.adding(.seconds(3)))
        #expect(pods.failureCount(b) == 3)
        pods.remove(b)
        #expect(pods.failureCount(b) == 0)
        #expect(pods.parked.isEmpty)
    }
}

/// A test cluster with the scheduler running next to the test body, and the few calls the tests make.
private struct SchedulerTestCluster: Sendable {
    let client: KubernetesClient

    static func run(_ body: @escaping @Sendable (SchedulerTestCluster) async throws -> Void) async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await ControllerManager(
                            client: client, controllers: [.scheduler],
                            logger: Logger(label: "scheduler-test", factory: { _ in SwiftLogNoOpLogHandler() })
                        ).run()
                    }
                    try await body(SchedulerTestCluster(client: client))
                    group.cancelAll()
                    while (try? await group.next()) != nil {}
                }
            }
        }
    }

    /// A node with `cpu` allocatable (and 8Gi of memory), Ready, as a kubelet would register it.
    func createNode(_ name: String, cpu: String, pods: Int = 110) async throws {
        let nodes = client.resource(Node.self)
        let created = try await nodes.create(
            Node(["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)]]))
        var node = created
        let resources: JSON = ["cpu": .string(cpu), "memory": "8Gi", "pods": .string("\(pods)")]
        let now = JSON.string(Timestamp.now().rfc3339)
        node.object["status"] = [
            "capacity": resources, "allocatable": resources,
            "conditions": [
                [
                    "type": "Ready", "status": "True", "lastHeartbeatTime": now, "lastTransitionTime": now,
                    "reason": "KubeletReady", "message": "kubelet is posting ready status",
                ]
            ],
        ]
        _ = try await nodes.updateStatus(node)
    }

    func createPod(_ name: String, cpu: String) async throws {
        _ = try await client.resource(Pod.self).create(
            Pod([
                "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "default"],
                "spec": [
                    "containers": [
                        [
                            "name": "app", "image": "registry.k8s.io/pause:3.10",
                            "resources": ["requests": ["cpu": .string(cpu)]],
                        ]
                    ]
                ],
            ]))
    }

    func pods() async throws -> [Pod] {
        try await client.resource(Pod.self).list(namespace: "default").items
    }

    func pod(_ name: String) async throws -> Pod {
        try await client.resource(Pod.self).get(name, namespace: "default")
    }

    func podScheduledCondition(_ name: String) async throws -> JSON? {
        try await pod(name).object[path: ["status", "conditions"]]?.arrayValue?.first {
            $0["type"]?.stringValue == "PodScheduled"
        }
    }

    func events() async throws -> [JSON] {
        try await client.resource(Event.self).list(namespace: "default").items.map(\.object)
    }
}
