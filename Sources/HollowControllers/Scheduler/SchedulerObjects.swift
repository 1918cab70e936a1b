import HollowModel

/// The objects and messages the scheduler writes: the Binding, the PodScheduled condition and the event texts.
public enum SchedulerObjects {
    /// The body of `POST /api/v1/namespaces/{ns}/pods/{name}/binding` (DefaultBinder's `v1.Binding`). The pod's UID
    /// is included when known, as kube does, so a pod deleted and recreated under the same name is not bound by
    /// mistake.
    public static func binding(for pod: Pod, nodeName: String) -> JSON {
        var metadata: JSONObject = ["name": .string(pod.name)]
        if let namespace = pod.namespace { metadata["namespace"] = .string(namespace) }
        if let uid = pod.metadata.uid, !uid.isEmpty { metadata["uid"] = .string(uid) }
        return [
            "apiVersion": "v1",
            "kind": "Binding",
            "metadata": .object(metadata),
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(nodeName)],
        ]
    }

    /// The condition kube-scheduler sets on a pod it cannot place, members in `v1.PodCondition`'s order:
    /// `{"type":"PodScheduled","observedGeneration":…,"status":"False","lastProbeTime":null,
    /// "lastTransitionTime":now,"reason":"Unschedulable","message":…}`. `observedGeneration` is the pod's
    /// `metadata.generation` (PodObservedGenerationTracking) and left out when that is 0.
    public static func unschedulableCondition(message: String, now: Timestamp, pod: Pod) -> JSON {
        var condition: JSONObject = ["type": "PodScheduled"]
        let generation = pod.metadata.generation
        if generation != 0 { condition["observedGeneration"] = .int(generation) }
        condition["status"] = "False"
        condition["lastProbeTime"] = .null
        condition["lastTransitionTime"] = .string(now.rfc3339)
        condition["reason"] = "Unschedulable"
        condition["message"] = .string(message)
        return .object(condition)
    }

    /// The FailedScheduling event's message: the condition message cut to 1024 bytes with ` ...`
    /// (`truncateMessage`, `validation.NoteLengthLimit`).
    public static func failedSchedulingEventMessage(_ message: String) -> String {
        let limit = 1024
        let bytes = Array(message.utf8)
        guard bytes.count > limit else { return message }
        let suffix = " ..."
        return String(decoding: bytes.prefix(limit - suffix.utf8.count), as: UTF8.self) + suffix
    }

    /// The Scheduled event's message: `Successfully assigned <ns>/<name> to <node>`.
    public static func scheduledEventMessage(for pod: Pod, nodeName: String) -> String {
        "Successfully assigned \(pod.namespace ?? "")/\(pod.name) to \(nodeName)"
    }
}

extension Pod {
    /// Sets `condition` in `status.conditions` as `podutil.UpdatePodCondition` does: a condition of the same type
    /// is replaced, keeping its `lastTransitionTime` when the status did not change.
    /// - Returns: whether anything changed (when not, kube sends no update).
    @discardableResult
    public mutating func setSchedulerCondition(_ condition: JSON) -> Bool {
        guard let type = condition["type"]?.stringValue else { return false }
        var conditions = object[path: ["status", "conditions"]]?.arrayValue ?? []
        guard let index = conditions.firstIndex(where: { $0["type"]?.stringValue == type }) else {
            conditions.append(condition)
            object[path: ["status", "conditions"]] = .array(conditions)
            return true
        }
        let old = conditions[index]
        var new = condition
        if new["status"] == old["status"], let transition = old["lastTransitionTime"] {
            new["lastTransitionTime"] = transition
        }
        let fields = ["status", "reason", "message", "lastProbeTime", "lastTransitionTime", "observedGeneration"]
        let unchanged = fields.allSatisfy { Self.normalized(new[$0]) == Self.normalized(old[$0]) }
        conditions[index] = new
        object[path: ["status", "conditions"]] = .array(conditions)
        return !unchanged
    }

    /// Absent and `null` compare equal, as Go's zero values do.
    private static func normalized(_ value: JSON?) -> JSON { value ?? .null }
}
