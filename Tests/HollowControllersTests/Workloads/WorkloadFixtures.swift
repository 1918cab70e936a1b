import HollowModel

@testable import HollowControllers

/// Object builders for the workload tests, shaped like the helpers of kube's controller tests (`newPod`, `rs`,
/// `newDeployment`, `newDaemonSet`, `newNode`).
enum Fixtures {
    static let now = Timestamp(secondsSinceEpoch: 1_800_000_000)

    static func time(_ secondsAgo: Int64) -> Timestamp {
        Timestamp(secondsSinceEpoch: now.secondsSinceEpoch - secondsAgo)
    }

    static func stringMap(_ map: [String: String]) -> JSON {
        .object(JSONObject(map.keys.sorted().map { ($0, JSON.string(map[$0]!)) }))
    }

    static func pod(
        _ name: String, namespace: String = "default", node: String? = nil, phase: String? = "Running",
        ready: Bool = false, readySince: Timestamp? = nil, created: Timestamp? = nil, labels: [String: String] = [:],
        annotations: [String: String] = [:], owner: OwnerReference? = nil, restarts: [Int64] = [], uid: String? = nil,
        deleting: Bool = false
    ) -> Pod {
        var metadata = ObjectMeta()
        metadata.name = name
        metadata.namespace = namespace
        metadata.uid = uid ?? "uid-\(name)"
        metadata.labels = labels
        metadata.annotations = annotations
        metadata.creationTimestamp = created
        if let owner { metadata.ownerReferences = [owner] }
        if deleting { metadata.deletionTimestamp = now }
        var pod = Pod(["apiVersion": "v1", "kind": "Pod", "metadata": metadata.object, "spec": [:]])
        if let node { pod.nodeName = node }
        if let phase { pod.object[path: ["status", "phase"]] = .string(phase) }
        if ready || readySince != nil {
            var condition: JSONObject = ["type": "Ready", "status": ready ? "True" : "False"]
            if let readySince { condition["lastTransitionTime"] = .string(readySince.rfc3339) }
            pod.object[path: ["status", "conditions"]] = [.object(condition)]
        }
        if !restarts.isEmpty {
            pod.object[path: ["status", "containerStatuses"]] = .array(
                restarts.enumerated().map { ["name": .string("c\($0.offset)"), "restartCount": .int($0.element)] })
        }
        return pod
    }

    static func template(labels: [String: String], image: String = "nginx:1") -> JSON {
        ["metadata": ["labels": stringMap(labels)], "spec": ["containers": [["name": "app", "image": .string(image)]]]]
    }

    /// kube's `rs(name, replicas, selector, timestamp)`.
    static func replicaSet(
        _ name: String, replicas: Int, selector: [String: String] = ["foo": "bar"], created: Timestamp? = nil,
        available: Int = 0, statusReplicas: Int = 0, annotations: [String: String] = [:], owner: Deployment? = nil,
        template: JSON? = nil, generation: Int64 = 1, observedGeneration: Int64 = 1
    ) -> ReplicaSet {
        var metadata = ObjectMeta()
        metadata.name = name
        metadata.namespace = "default"
        metadata.uid = "uid-\(name)"
        metadata.generation = generation
        metadata.creationTimestamp = created
        metadata.labels = selector
        metadata.annotations = annotations
        if let owner {
            metadata.ownerReferences = [
                WorkloadPodTemplate.controllerReference(to: owner, apiVersion: "apps/v1", kind: "Deployment")
            ]
        }
        var replicaSet = ReplicaSet([
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": metadata.object,
            "spec": [
                "replicas": .int(Int64(replicas)), "selector": ["matchLabels": stringMap(selector)],
                "template": template ?? Fixtures.template(labels: selector),
            ],
        ])
        var status = ReplicaSetStatus()
        status.replicas = statusReplicas
        status.availableReplicas = available
        status.readyReplicas = available
        status.observedGeneration = observedGeneration
        replicaSet.status = status
        return replicaSet
    }

    /// kube's `newDeployment(name, replicas, revisionHistoryLimit, maxSurge, maxUnavailable, selector)`: RollingUpdate
    /// with explicit surge and unavailability of 0 unless given.
    static func deployment(
        _ name: String = "foo", replicas: Int, revisionHistoryLimit: Int? = nil, maxSurge: JSON = 0,
        maxUnavailable: JSON = 0, selector: [String: String] = ["foo": "bar"], image: String = "nginx:1",
        strategy: String = "RollingUpdate", progressDeadlineSeconds: Int? = nil, generation: Int64 = 1,
        statusReplicas: Int = 0
    ) -> Deployment {
        var metadata = ObjectMeta()
        metadata.name = name
        metadata.namespace = "default"
        metadata.uid = "uid-\(name)"
        metadata.generation = generation
        var spec: JSONObject = [
            "replicas": .int(Int64(replicas)), "selector": ["matchLabels": stringMap(selector)],
            "template": template(labels: selector, image: image),
        ]
        if strategy == "RollingUpdate" {
            spec["strategy"] = [
                "type": "RollingUpdate", "rollingUpdate": ["maxSurge": maxSurge, "maxUnavailable": maxUnavailable],
            ]
        } else {
            spec["strategy"] = ["type": .string(strategy)]
        }
        if let revisionHistoryLimit { spec["revisionHistoryLimit"] = .int(Int64(revisionHistoryLimit)) }
        if let progressDeadlineSeconds { spec["progressDeadlineSeconds"] = .int(Int64(progressDeadlineSeconds)) }
        var deployment = Deployment([
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata.object, "spec": .object(spec),
        ])
        if statusReplicas != 0 {
            var status = DeploymentStatus()
            status.replicas = statusReplicas
            deployment.status = status
        }
        return deployment
    }

    static func node(
        _ name: String, labels: [String: String] = [:], taints: [JSON] = [], unschedulable: Bool = false
    ) -> Node {
        var metadata = ObjectMeta()
        metadata.name = name
        metadata.uid = "uid-\(name)"
        metadata.labels = labels
        var spec = JSONObject()
        if !taints.isEmpty { spec["taints"] = .array(taints) }
        if unschedulable { spec["unschedulable"] = true }
        return Node(["apiVersion": "v1", "kind": "Node", "metadata": metadata.object, "spec": .object(spec)])
    }

    static func taint(_ key: String, _ value: String = "", _ effect: String) -> JSON {
        var taint: JSONObject = ["key": .string(key), "effect": .string(effect)]
        if !value.isEmpty { taint["value"] = .string(value) }
        return .object(taint)
    }

    static func daemonSet(
        _ name: String = "ds", labels: [String: String] = ["name": "simple-daemon", "type": "production"],
        podSpec: JSON = ["containers": [["name": "app", "image": "agent:1"]]], maxUnavailable: JSON? = nil,
        maxSurge: JSON? = nil, strategy: String = "RollingUpdate", generation: Int64 = 1
    ) -> DaemonSet {
        var metadata = ObjectMeta()
        metadata.name = name
        metadata.namespace = "default"
        metadata.uid = "uid-\(name)"
        metadata.generation = generation
        var updateStrategy: JSONObject = ["type": .string(strategy)]
        if strategy == "RollingUpdate" {
            var rollingUpdate = JSONObject()
            if let maxUnavailable { rollingUpdate["maxUnavailable"] = maxUnavailable }
            if let maxSurge { rollingUpdate["maxSurge"] = maxSurge }
            updateStrategy["rollingUpdate"] = .object(rollingUpdate)
        }
        return DaemonSet([
            "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": metadata.object,
            "spec": [
                "selector": ["matchLabels": stringMap(labels)],
                "template": ["metadata": ["labels": stringMap(labels)], "spec": podSpec],
                "updateStrategy": .object(updateStrategy),
            ],
        ])
    }
}
