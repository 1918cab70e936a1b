import HollowClient
import HollowControllers
import HollowModel
import HollowNodes
import HollowRuntime
import HollowTesting
import Logging
import Testing

/// A real API server, a hollow node pool on a ``ManualClock`` and, optionally, controllers on the same clock.
struct HollowPoolHarness: Sendable {
    let client: KubernetesClient
    let clock: ManualClock
    let pool: HollowNodePool
    let poolName: String

    static let quiet = Logger(label: "hollow-nodes-test", factory: { _ in SwiftLogNoOpLogHandler() })

    static func run(
        pool poolName: String = "test", controllers: [ControllerName] = [],
        _ body: @escaping @Sendable (HollowPoolHarness) async throws -> Void
    ) async throws {
        // Near the real time: the node lifecycle controller counts a new node's startup grace from its
        // creationTimestamp, which the API server stamps from its own clock.
        let clock = ManualClock(wallTime: Timestamp.now().truncatedToSeconds)
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                let pool = HollowNodePool(
                    client: client,
                    configuration: .init(pool: poolName, writers: 4, timerCoalescing: .zero), clock: clock,
                    logger: quiet)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await pool.run() }
                    if !controllers.isEmpty {
                        group.addTask {
                            try await ControllerManager(
                                client: client, controllers: controllers, options: ControllerOptions(workers: 1),
                                clock: clock, logger: quiet
                            ).run()
                        }
                    }
                    defer { group.cancelAll() }
                    try await body(HollowPoolHarness(client: client, clock: clock, pool: pool, poolName: poolName))
                    group.cancelAll()
                    while (try? await group.next()) != nil {}
                }
            }
        }
    }

    // MARK: Objects

    @discardableResult
    func create(_ template: HollowNodeTemplate) async throws -> Node {
        try await client.resource(Node.self).create(template.node)
    }

    func node(_ name: String) async throws -> Node { try await client.resource(Node.self).get(name) }

    func lease(_ name: String) async throws -> Lease? {
        do {
            return try await client.resource(Lease.self).get(name, namespace: "kube-node-lease")
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    func annotate(_ name: String, _ annotations: [String: String?]) async throws {
        let changes = JSONObject(annotations.keys.sorted().map { ($0, annotations[$0]!.map(JSON.string) ?? .null) })
        _ = try await client.resource(Node.self).patch(name, .merge(["metadata": ["annotations": .object(changes)]]))
    }

    static func condition(_ type: String, of node: Node) -> HollowNodeCondition? {
        HollowNodeCondition.conditions(of: node.object).first { $0.type == type }
    }

    func ready(_ name: String) async throws -> HollowNodeCondition? {
        Self.condition("Ready", of: try await node(name))
    }

    /// Waits until the node has registered (Ready condition posted and a Lease).
    func waitForRegistration(_ names: String...) async throws {
        for name in names {
            try await eventually(timeout: .seconds(15), "\(name) registered") {
                let ready = try await ready(name)
                let lease = try await lease(name)
                return ready != nil && lease != nil
            }
        }
    }

    func pod(_ name: String, namespace: String = "default") async throws -> Pod? {
        do {
            return try await client.resource(Pod.self).get(name, namespace: namespace)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    func createPod(
        _ name: String, on node: String?, restartPolicy: String = "Always", containers: [String] = ["app"]
    ) async throws {
        var spec: JSONObject = [
            "restartPolicy": .string(restartPolicy),
            "containers": .array(containers.map { ["name": .string($0), "image": "nginx:1.27"] }),
        ]
        if let node { spec["nodeName"] = .string(node) }
        _ = try await client.resource(Pod.self).create(
            Pod([
                "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "default"],
                "spec": .object(spec),
            ]))
    }

    /// Waits until the pool has nothing due or in progress (its writes for the current time are done).
    func waitForPoolIdle() async throws {
        try await eventually(timeout: .seconds(15), "the pool idle") { pool.statistics().backlog == 0 }
    }
}
