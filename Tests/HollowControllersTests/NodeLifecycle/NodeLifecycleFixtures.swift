import HollowModel

@testable import HollowControllers

/// Builders for the node lifecycle tests: nodes, pods and leases as the API would hold them, at fixed times.
enum NodeLifecycleFixtures {
    typealias Taint = NodeLifecycle.Taint
    typealias Toleration = TaintEviction.Toleration

    /// The `now` of kube's node lifecycle tests: 2015-01-01T12:00:00Z.
    static let now = time("2015-01-01T12:00:00Z")
    /// A creation time long before `now`.
    static let longAgo = time("2012-01-01T00:00:00Z")

    static func time(_ text: String) -> Timestamp {
        do { return try Timestamp(parsing: text) } catch { fatalError("bad fixture time \(text)") }
    }

    static func at(_ seconds: Int64, after base: Timestamp = now) -> Timestamp {
        base.adding(.seconds(seconds))
    }

    static func node(
        _ name: String = "node0", created: Timestamp? = longAgo, conditions: [JSON] = [], taints: [Taint] = [],
        unschedulable: Bool = false
    ) -> Node {
        var metadata: JSONObject = ["name": .string(name), "resourceVersion": "7"]
        if let created { metadata["creationTimestamp"] = .string(created.rfc3339) }
        var object: JSONObject = ["apiVersion": "v1", "kind": "Node", "metadata": .object(metadata)]
        var spec: JSONObject = [:]
        if unschedulable { spec["unschedulable"] = true }
        if !taints.isEmpty { spec["taints"] = .array(taints.map(\.json)) }
        object["spec"] = .object(spec)
        var status: JSONObject = ["capacity": ["cpu": "10", "memory": "10G"]]
        if !conditions.isEmpty { status["conditions"] = .array(conditions) }
        object["status"] = .object(status)
        return Node(.object(object))
    }

    /// A node condition as the kubelet posts it.
    static func condition(
        _ type: String, _ status: String, heartbeat: Timestamp, transition: Timestamp, reason: String = "",
        message: String = ""
    ) -> JSON {
        NodeLifecycle.NodeCondition.json(
            type: type, status: status, lastHeartbeatTime: heartbeat, lastTransitionTime: transition, reason: reason,
            message: message)
    }

    static func ready(_ status: String, heartbeat: Timestamp, transition: Timestamp? = nil) -> JSON {
        condition(
            NodeLifecycle.ConditionType.ready, status, heartbeat: heartbeat, transition: transition ?? heartbeat,
            reason: status == "True" ? "KubeletReady" : "KubeletNotReady")
    }

    /// What the controller writes for a condition that went silent.
    static func unknown(_ type: String, heartbeat: Timestamp, transition: Timestamp) -> JSON {
        condition(
            type, "Unknown", heartbeat: heartbeat, transition: transition, reason: "NodeStatusUnknown",
            message: "Kubelet stopped posting node status.")
    }

    /// What the controller writes for a condition the kubelet never posted.
    static func neverUpdated(_ type: String, created: Timestamp = longAgo, transition: Timestamp) -> JSON {
        condition(
            type, "Unknown", heartbeat: created, transition: transition, reason: "NodeStatusNeverUpdated",
            message: "Kubelet never posted node status.")
    }

    static func lease(_ name: String = "node0", renewed: Timestamp) -> Lease {
        var lease = Lease(
            .object([
                "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                "metadata": ["name": .string(name), "namespace": "kube-node-lease"],
                "spec": ["holderIdentity": .string(name), "leaseDurationSeconds": 40],
            ]))
        lease.renewTime = renewed
        return lease
    }

    static func pod(
        _ name: String = "pod1", node: String? = "node1", tolerations: [Toleration] = [], conditions: [JSON] = [],
        created: Timestamp? = longAgo, uid: String = "uid-1"
    ) -> Pod {
        var metadata: JSONObject = ["name": .string(name), "namespace": "default", "uid": .string(uid)]
        if let created { metadata["creationTimestamp"] = .string(created.rfc3339) }
        var spec: JSONObject = ["containers": [["name": "app", "image": "registry.k8s.io/pause:3.10"]]]
        if let node { spec["nodeName"] = .string(node) }
        if !tolerations.isEmpty { spec["tolerations"] = .array(tolerations.map(\.json)) }
        var status: JSONObject = ["phase": "Running"]
        if !conditions.isEmpty { status["conditions"] = .array(conditions) }
        return Pod(
            .object([
                "apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": .object(spec),
                "status": .object(status),
            ]))
    }

    /// A pod condition as the kubelet writes it.
    static func podCondition(_ type: String, _ status: String, transition: Timestamp, reason: String = "") -> JSON {
        var object: JSONObject = [
            "type": .string(type), "status": .string(status), "lastProbeTime": .null,
            "lastTransitionTime": .string(transition.rfc3339),
        ]
        if !reason.isEmpty { object["reason"] = .string(reason) }
        return .object(object)
    }

    /// kube's `createNoExecuteTaint(index)`: `testTaint<i>=test<i>:NoExecute`.
    static func testTaint(_ index: Int, added: Timestamp? = now) -> Taint {
        Taint(key: "testTaint\(index)", value: "test\(index)", effect: .noExecute, timeAdded: added)
    }

    /// kube's `addToleration(pod, index, duration)`: tolerates `testTaint<i>` for `seconds`, for ever when `nil`.
    static func testToleration(_ index: Int, seconds: Int64?) -> Toleration {
        Toleration(key: "testTaint\(index)", value: "test\(index)", effect: .noExecute, tolerationSeconds: seconds)
    }
}
