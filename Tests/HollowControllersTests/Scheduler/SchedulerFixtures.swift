import HollowModel

@testable import HollowControllers

/// Builders for the nodes and pods the scheduler tests feed in.
enum SchedulerFixtures {
    static func node(
        _ name: String, cpu: String = "4", memory: String = "16Gi", pods: Int64 = 110,
        allocatable extra: [String: String] = [:], labels: [String: String] = [:], taints: [SchedulerTaint] = [],
        unschedulable: Bool = false
    ) -> Node {
        var allocatable: JSONObject = ["cpu": .string(cpu), "memory": .string(memory), "pods": .int(pods)]
        for (resource, amount) in extra.sorted(by: { $0.key < $1.key }) { allocatable[resource] = .string(amount) }
        var metadata: JSONObject = ["name": .string(name)]
        if !labels.isEmpty { metadata["labels"] = stringMap(labels) }
        var spec = JSONObject()
        if unschedulable { spec["unschedulable"] = true }
        if !taints.isEmpty {
            spec["taints"] = .array(
                taints.map { taint in
                    var json: JSONObject = ["key": .string(taint.key), "effect": .string(taint.effect)]
                    if !taint.value.isEmpty { json["value"] = .string(taint.value) }
                    return .object(json)
                })
        }
        return Node([
            "apiVersion": "v1", "kind": "Node", "metadata": .object(metadata), "spec": .object(spec),
            "status": ["allocatable": .object(allocatable), "capacity": .object(allocatable)],
        ])
    }

    static func container(
        _ name: String = "app", requests: [String: String] = [:], limits: [String: String] = [:],
        restartPolicy: String? = nil
    ) -> JSON {
        var resources = JSONObject()
        if !requests.isEmpty { resources["requests"] = stringMap(requests) }
        if !limits.isEmpty { resources["limits"] = stringMap(limits) }
        var container: JSONObject = ["name": .string(name), "image": "registry.k8s.io/pause:3.10"]
        if !resources.isEmpty { container["resources"] = .object(resources) }
        if let restartPolicy { container["restartPolicy"] = .string(restartPolicy) }
        return .object(container)
    }

    /// A pod with one container requesting `requests` (or the given containers), plus any other spec members.
    static func pod(
        _ name: String = "web", namespace: String = "default", requests: [String: String] = [:],
        containers: [JSON]? = nil, initContainers: [JSON] = [], spec extra: JSONObject = [:],
        nodeName: String? = nil, phase: String? = nil, uid: String? = nil
    ) -> Pod {
        var spec: JSONObject = ["containers": .array(containers ?? [container(requests: requests)])]
        if !initContainers.isEmpty { spec["initContainers"] = .array(initContainers) }
        for member in extra { spec[member.key] = member.value }
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        var metadata: JSONObject = ["name": .string(name), "namespace": .string(namespace)]
        if let uid { metadata["uid"] = .string(uid) }
        var object: JSONObject = [
            "apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": .object(spec),
        ]
        if let phase { object["status"] = ["phase": .string(phase)] }
        return Pod(.object(object))
    }

    static func toleration(
        key: String = "", operator: String = "Equal", value: String = "", effect: String = ""
    ) -> JSON {
        var json: JSONObject = ["operator": .string(`operator`)]
        if !key.isEmpty { json["key"] = .string(key) }
        if !value.isEmpty { json["value"] = .string(value) }
        if !effect.isEmpty { json["effect"] = .string(effect) }
        return .object(json)
    }

    static func expression(_ key: String, _ op: String, _ values: [String] = []) -> JSON {
        var json: JSONObject = ["key": .string(key), "operator": .string(op)]
        if !values.isEmpty { json["values"] = .array(values.map(JSON.string)) }
        return .object(json)
    }

    /// `spec.affinity` with required terms (each a list of match expressions) and optional match fields.
    static func requiredAffinity(_ terms: [JSON]) -> JSON {
        ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": .array(terms)]]]
    }

    static func term(expressions: [JSON] = [], fields: [JSON] = []) -> JSON {
        var json = JSONObject()
        if !expressions.isEmpty { json["matchExpressions"] = .array(expressions) }
        if !fields.isEmpty { json["matchFields"] = .array(fields) }
        return .object(json)
    }

    /// A pod pinned to `nodeName` the way the DaemonSet controller pins its pods.
    static func pinned(to nodeName: String, requests: [String: String]) -> Pod {
        pod(
            "daemon", requests: requests,
            spec: [
                "affinity": requiredAffinity([
                    term(fields: [expression("metadata.name", "In", [nodeName])])
                ])
            ])
    }

    static func stringMap(_ map: [String: String]) -> JSON {
        .object(JSONObject(map.keys.sorted().map { ($0, JSON.string(map[$0]!)) }))
    }

    static let controlPlaneTaint = SchedulerTaint(key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule")
}
