import HollowModel

@testable import HollowControllers

/// Builders for the MachineHealthCheck tests: Machines, Nodes and checks as JSON, with times relative to a fixed
/// `now`.
enum MHCFixtures {
    /// 2026-03-01T12:00:00Z.
    static let now = Timestamp(secondsSinceEpoch: 1_772_366_400)

    static func ago(_ duration: Duration) -> Timestamp { now.adding(.zero - duration) }

    /// A Machine in `openshift-machine-api` labelled `role=worker`, controlled by MachineSet `workers` unless
    /// `owned` is false.
    static func machine(
        _ name: String, nodeRef: String? = nil, phase: MachinePhase? = .running, lastUpdated: Timestamp? = nil,
        created: Timestamp? = ago(.seconds(3600)), owned: Bool = true, deleting: Bool = false,
        labels: [String: String] = ["role": "worker"]
    ) -> Machine {
        var machine = Machine([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": "Machine",
            "metadata": ["name": .string(name), "namespace": .string(MachineAPI.namespace), "uid": .string("uid-\(name)")],
        ])
        machine.metadata.labels = labels
        machine.metadata.creationTimestamp = created
        if owned {
            machine.metadata.ownerReferences = [
                OwnerReference(
                    apiVersion: MachineAPI.apiVersion, kind: "MachineSet", name: "workers", uid: "uid-workers",
                    controller: true, blockOwnerDeletion: true)
            ]
        }
        if deleting { machine.metadata.deletionTimestamp = ago(.seconds(1)) }
        machine.phase = phase
        machine.nodeName = nodeRef
        machine.lastUpdated = lastUpdated
        return machine
    }

    /// A Node whose conditions are `(type, status, held for)`.
    static func node(_ name: String, _ conditions: [(String, String, Duration?)]) -> Node {
        var node = Node(["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)]])
        node.object[path: ["status", "conditions"]] = .array(
            conditions.map { type, status, held in
                NodeLifecycle.NodeCondition.json(
                    type: type, status: status, lastHeartbeatTime: now, lastTransitionTime: held.map(ago),
                    reason: "", message: "")
            })
        return node
    }

    static func readyNode(_ name: String) -> Node { node(name, [("Ready", "True", .seconds(86_400))]) }

    static func notReadyNode(_ name: String, for held: Duration, status: String = "False") -> Node {
        node(name, [("Ready", status, held)])
    }

    /// A check over `role=worker` Machines.
    static func healthCheck(
        _ name: String = "workers", maxUnhealthy: JSON? = nil, nodeStartupTimeout: String? = nil,
        conditions: [JSON]? = [
            ["type": "Ready", "status": "Unknown", "timeout": "300s"],
            ["type": "Ready", "status": "False", "timeout": "300s"],
        ]
    ) -> MachineHealthCheck {
        var spec: JSONObject = ["selector": ["matchLabels": ["role": "worker"]]]
        if let conditions { spec["unhealthyConditions"] = .array(conditions) }
        if let maxUnhealthy { spec["maxUnhealthy"] = maxUnhealthy }
        if let nodeStartupTimeout { spec["nodeStartupTimeout"] = .string(nodeStartupTimeout) }
        return MachineHealthCheck([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": "MachineHealthCheck",
            "metadata": ["name": .string(name), "namespace": .string(MachineAPI.namespace)],
            "spec": .object(spec),
        ])
    }

    /// The spec's conditions: Ready Unknown or False for 300 s.
    static let readyConditions = [
        UnhealthyCondition(type: "Ready", status: "Unknown", timeout: .seconds(300)),
        UnhealthyCondition(type: "Ready", status: "False", timeout: .seconds(300)),
    ]
}
