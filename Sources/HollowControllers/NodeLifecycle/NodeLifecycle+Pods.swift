import HollowModel

extension NodeLifecycle {
    /// MarkPodsNotReady for one pod: its Ready condition set to False, or `nil` when there is nothing to write (the
    /// pod is not on `nodeName`, has no Ready condition, or it is False already).
    ///
    /// Only `status` changes; `lastTransitionTime` becomes `now` because the status changed, reason, message and
    /// `lastProbeTime` stay. Kube writes the result with an update of the `status` subresource (resourceVersion
    /// precondition) and records a `NodeNotReady` Warning event on the pod; ``podStatusPatch(uid:conditions:)``
    /// builds the equivalent patch.
    ///
    /// Call it for every pod on the node when ``NodeLifecycleUpdate/markPodsNotReady`` is set, and for a pod newly
    /// bound to a node whose Ready condition is not True (``shouldMarkPodsNotReady(on:)``, kube's processPod).
    public static func markingPodNotReady(_ pod: Pod, nodeName: String, now: Timestamp) -> Pod? {
        guard pod.nodeName == nodeName else { return nil }
        let conditions = conditions(of: pod.object)
        guard let index = index(ofCondition: PodConditionType.ready, in: conditions) else { return nil }
        var condition = conditions[index]
        condition["status"] = .string(ConditionStatus.false)
        guard let updated = Pod.updatingCondition(condition, in: conditions, now: now) else { return nil }
        var pod = pod
        pod.object = settingConditions(updated, on: pod.object)
        return pod
    }

    /// processPod's test: pods bound to this node should be marked not ready, because it has a Ready condition and
    /// that condition is not True.
    public static func shouldMarkPodsNotReady(on node: Node) -> Bool {
        guard let status = readyStatus(of: node) else { return false }
        return status != ConditionStatus.true
    }

    /// A pod condition in Go's field order: `type`, `status`, `lastProbeTime` (`null`, as Go writes a zero
    /// `metav1.Time`), `lastTransitionTime`, `reason`, `message`.
    public static func podCondition(type: String, status: String, reason: String, message: String, now: Timestamp)
        -> JSON
    {
        var object: JSONObject = ["type": .string(type), "status": .string(status), "lastProbeTime": .null]
        object["lastTransitionTime"] = .string(now.rfc3339)
        if !reason.isEmpty { object["reason"] = .string(reason) }
        if !message.isEmpty { object["message"] = .string(message) }
        return .object(object)
    }

    /// A strategic merge patch for a pod's `status` subresource carrying `conditions` (merged by `type`) and the
    /// pod's UID as a precondition, as kube's `PatchPodStatus` sends.
    public static func podStatusPatch(uid: String?, conditions: [JSON]) -> JSON {
        var patch: JSONObject = [:]
        if let uid, !uid.isEmpty { patch["metadata"] = ["uid": .string(uid)] }
        patch["status"] = ["conditions": .array(conditions)]
        return .object(patch)
    }

    /// The conditions of `new` that differ from `old`'s condition of the same type: what a status patch needs.
    public static func changedConditions(from old: Pod, to new: Pod) -> [JSON] {
        let before = conditions(of: old.object)
        return conditions(of: new.object).filter { condition in
            guard let index = index(ofCondition: condition["type"]?.stringValue ?? "", in: before) else {
                return true
            }
            return before[index] != condition
        }
    }
}
