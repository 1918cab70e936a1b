import HollowModel

@testable import HollowControllers

/// Machines, Nodes and pods for the machine controller's and nodelink's pure tests.
enum MachineControllerFixtures {
    static let now = Timestamp(secondsSinceEpoch: 1_767_225_600)

    /// A Machine in `default` with the cluster label and an empty provider spec, shaped by the arguments.
    static func machine(
        _ name: String = "machine", finalizer: Bool = true, phase: MachinePhase? = nil, providerID: String? = nil,
        internalIP: String? = nil, nodeName: String? = nil, deleting: Bool = false, preDrain: [String] = [],
        preTerminate: [String] = [], annotations: [String: String] = [:], conditions: [MachineCondition] = [],
        labelsForNode: [String: String] = [:], taints: [JSON] = []
    ) -> Machine {
        var machine = Machine([
            "apiVersion": "machine.openshift.io/v1beta1", "kind": "Machine",
            "metadata": [
                "name": .string(name), "namespace": "default", "uid": .string("uid-\(name)"),
                "labels": ["machine.openshift.io/cluster-api-cluster": "testcluster"],
            ],
            "spec": ["providerSpec": ["value": [:]]],
        ])
        if finalizer { machine.metadata.finalizers = [MachineAPI.machineFinalizer] }
        if deleting { machine.metadata.deletionTimestamp = now }
        if !annotations.isEmpty { machine.metadata.annotations = annotations }
        machine.phase = phase
        machine.providerID = providerID
        if let internalIP { machine.addresses = [["type": "InternalIP", "address": .string(internalIP)]] }
        machine.nodeName = nodeName
        if !preDrain.isEmpty {
            machine.object[path: ["spec", "lifecycleHooks", "preDrain"]] = hooks(preDrain)
        }
        if !preTerminate.isEmpty {
            machine.object[path: ["spec", "lifecycleHooks", "preTerminate"]] = hooks(preTerminate)
        }
        for condition in conditions { machine.setCondition(condition) }
        if !labelsForNode.isEmpty {
            machine.object[path: ["spec", "metadata", "labels"]] = .object(
                JSONObject(labelsForNode.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))
        }
        if !taints.isEmpty { machine.object[path: ["spec", "taints"]] = .array(taints) }
        return machine
    }

    static func hooks(_ names: [String]) -> JSON {
        .array(names.map { ["name": .string($0), "owner": "machine-api-tests"] })
    }

    static let drained = MachineCondition.isTrue(.drained, now: now)

    /// A Node with an optional providerID, InternalIP, Ready status and taints.
    static func node(
        _ name: String = "node", providerID: String? = nil, internalIP: String? = nil, ready: String? = nil,
        unschedulable: Bool = false, taints: [JSON] = [], labels: [String: String] = [:]
    ) -> Node {
        var node = Node(["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name), "uid": .string("uid-\(name)")]])
        if let providerID { node.object[path: ["spec", "providerID"]] = .string(providerID) }
        if unschedulable { node.object[path: ["spec", "unschedulable"]] = true }
        if !taints.isEmpty { node.object[path: ["spec", "taints"]] = .array(taints) }
        if let internalIP {
            node.object[path: ["status", "addresses"]] = [["type": "InternalIP", "address": .string(internalIP)]]
        }
        if let ready { node.object[path: ["status", "conditions"]] = [["type": "Ready", "status": .string(ready)]] }
        if !labels.isEmpty { node.metadata.labels = labels }
        return node
    }

    /// A pod bound to `nodeName`, optionally owned by a controller of `ownerKind`, mirrored or terminating since
    /// `deletedAgo`.
    static func pod(
        _ name: String, on nodeName: String = "node", ownerKind: String? = nil, mirror: Bool = false,
        deletedAgo: Duration? = nil
    ) -> Pod {
        var pod = Pod([
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": "default", "uid": .string("uid-\(name)")],
            "spec": ["nodeName": .string(nodeName), "containers": [["name": "app", "image": "app:1"]]],
        ])
        if let ownerKind {
            let apiVersion = ownerKind == "DaemonSet" || ownerKind == "ReplicaSet" ? "apps/v1" : "v1"
            pod.metadata.ownerReferences = [
                OwnerReference(apiVersion: apiVersion, kind: ownerKind, name: "owner", uid: "uid-owner", controller: true)
            ]
        }
        if mirror { pod.metadata.annotations = ["kubernetes.io/config.mirror": "hash"] }
        if let deletedAgo {
            pod.metadata.deletionTimestamp = Timestamp(
                secondsSinceEpoch: now.secondsSinceEpoch - Int64(deletedAgo.components.seconds))
        }
        return pod
    }

    static func taint(_ key: String, _ value: String, _ effect: String) -> JSON {
        ["key": .string(key), "value": .string(value), "effect": .string(effect)]
    }
}
