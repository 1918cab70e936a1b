import HollowModel

@testable import HollowControllers

/// Object builders for the MachineSet and MachineDeployment tests, in `openshift-machine-api`.
enum MachineFixtures {
    static let namespace = MachineAPI.namespace
    static let now = Timestamp(secondsSinceEpoch: 1_800_000_000)
    static let day: Int64 = 86_400

    static func ago(days: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - days * day) }
    static func ago(seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - seconds) }

    static func stringMap(_ map: [String: String]) -> JSON {
        .object(JSONObject(map.keys.sorted().map { ($0, JSON.string(map[$0]!)) }))
    }

    static func machine(
        _ name: String, created: Timestamp? = nil, labels: [String: String] = ["set": "workers"],
        annotations: [String: String] = [:], node: String? = nil, phase: MachinePhase? = nil,
        errorReason: String? = nil, errorMessage: String? = nil, deleting: Bool = false,
        owner: OwnerReference? = nil, resourceVersion: String = "7"
    ) -> Machine {
        var metadata = ObjectMeta()
        metadata.name = name
        metadata.namespace = namespace
        metadata.uid = "uid-\(name)"
        metadata.resourceVersion = resourceVersion
        metadata.labels = labels
        metadata.annotations = annotations
        metadata.creationTimestamp = created
        if let owner { metadata.ownerReferences = [owner] }
        if deleting { metadata.deletionTimestamp = now }
        var machine = Machine([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": "Machine", "metadata": metadata.object, "spec": [:],
        ])
        machine.nodeName = node
        machine.phase = phase
        machine.errorReason = errorReason
        machine.errorMessage = errorMessage
        return machine
    }

    static func template(labels: [String: String] = ["set": "workers"], annotations: [String: String] = [:]) -> JSON {
        var metadata: JSONObject = ["labels": stringMap(labels)]
        if !annotations.isEmpty { metadata["annotations"] = stringMap(annotations) }
        return [
            "metadata": .object(metadata),
            "spec": ["providerSpec": ["value": ["kind": "KubemarkMachineProviderConfig"]]],
        ]
    }

    static func machineSet(
        _ name: String = "workers", replicas: Int = 3, selector: JSON? = ["matchLabels": ["set": "workers"]],
        template: JSON = template(), deletePolicy: String? = nil, minReadySeconds: Int = 0, generation: Int64 = 2,
        status: JSON? = nil, deleting: Bool = false
    ) -> MachineSet {
        var metadata = ObjectMeta()
        metadata.name = name
        metadata.namespace = namespace
        metadata.uid = "uid-\(name)"
        metadata.generation = generation
        metadata.resourceVersion = "5"
        if deleting { metadata.deletionTimestamp = now }
        var spec: JSONObject = ["replicas": .int(Int64(replicas)), "template": template]
        if let selector { spec["selector"] = selector }
        if let deletePolicy { spec["deletePolicy"] = .string(deletePolicy) }
        if minReadySeconds > 0 { spec["minReadySeconds"] = .int(Int64(minReadySeconds)) }
        var object: JSONObject = [
            "apiVersion": .string(MachineAPI.apiVersion), "kind": "MachineSet", "metadata": metadata.object,
            "spec": .object(spec),
        ]
        if let status { object["status"] = status }
        return MachineSet(.object(object))
    }

    /// A Node whose Ready condition is `ready` since `since`.
    static func node(_ name: String, ready: Bool = true, since: Timestamp? = nil) -> Node {
        var condition: JSONObject = ["type": "Ready", "status": ready ? "True" : "False"]
        if let since { condition["lastTransitionTime"] = .string(since.rfc3339) }
        return Node(["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)], "status": ["conditions": [.object(condition)]]])
    }

    static func reference(to machineSet: MachineSet) -> OwnerReference {
        MachineSetSync.controllerReference(to: machineSet)
    }

    static func foreignReference() -> OwnerReference {
        OwnerReference(
            apiVersion: MachineAPI.apiVersion, kind: "MachineSet", name: "other", uid: "uid-other", controller: true,
            blockOwnerDeletion: true)
    }
}
