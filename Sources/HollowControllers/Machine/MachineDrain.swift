import HollowModel

/// One pass of draining a Node, decided from the Node and the pods bound to it (`kubectl drain` as the
/// machine-api-operator's drain controller runs it: `Force`, `IgnoreAllDaemonSets`, `DeleteEmptyDirData`).
public struct MachineDrainPlan: Sendable, Equatable {
    /// Set `spec.unschedulable` first.
    public var cordon: Bool
    /// Pods to evict through `pods/<name>/eviction`.
    public var evict: [Pod]
    /// Pods already terminating that the drain waits for.
    public var waitFor: [Pod]
    /// DaemonSet and mirror pods, left alone (and, on an unreachable node, pods long terminating).
    public var skipped: [Pod]
    /// `deleteOptions.gracePeriodSeconds` of each eviction: `nil` (the pod's own) normally, 1 on an unreachable node.
    public var gracePeriodSeconds: Int64?

    /// Whether nothing is left to evict or wait for once cordoned.
    public var isDrained: Bool { !cordon && evict.isEmpty && waitFor.isEmpty }
}

/// The drain's decisions.
public enum MachineDrain {
    /// kubectl drain's `SkipWaitForDeleteTimeoutSeconds` as the machine-api-operator sets it for an unreachable node:
    /// pods terminating for longer than this are not waited for, since no kubelet will ever confirm them gone. (It was
    /// five minutes until the operator also shortened the grace period on such nodes.)
    public static let unreachableSkipWaitAfter: Duration = .seconds(1)
    /// The grace period evictions use on an unreachable node.
    public static let unreachableGracePeriodSeconds: Int64 = 1
    /// How soon to look again while pods terminate.
    public static let recheckAfter: Duration = .seconds(1)
    /// How soon to retry an eviction a PodDisruptionBudget refused (429); kubectl drain waits five seconds too.
    public static let evictionRetryAfter: Duration = .seconds(5)
    /// The Drained condition's reason while a drain is under way.
    public static let drainingReason = "Draining"

    /// What to do about `node` and the pods bound to it.
    public static func plan(node: Node, pods: [Pod], now: Timestamp) -> MachineDrainPlan {
        let unreachable = isUnreachable(node)
        var plan = MachineDrainPlan(
            cordon: !node.unschedulable, evict: [], waitFor: [], skipped: [],
            gracePeriodSeconds: unreachable ? unreachableGracePeriodSeconds : nil)
        for pod in pods where pod.nodeName == node.name {
            if isMirrorPod(pod) || isDaemonSetPod(pod) {
                plan.skipped.append(pod)
            } else if let deleted = pod.metadata.deletionTimestamp {
                if unreachable && now.duration(since: deleted) > unreachableSkipWaitAfter {
                    plan.skipped.append(pod)
                } else {
                    plan.waitFor.append(pod)
                }
            } else {
                plan.evict.append(pod)
            }
        }
        return plan
    }

    /// Whether the drain has gone on longer than `timeout` since `started`: then the Machine's deletion proceeds
    /// without it (Cluster API's `nodeDrainTimeout`). No timeout means wait as long as it takes, as the
    /// machine-api-operator does.
    public static func hasTimedOut(started: Timestamp?, timeout: Duration?, now: Timestamp) -> Bool {
        guard let started, let timeout else { return false }
        return now.duration(since: started) > timeout
    }

    /// A Node whose `Ready` condition is `Unknown`: its kubelet stopped reporting.
    public static func isUnreachable(_ node: Node) -> Bool {
        let conditions = node.object[path: ["status", "conditions"]]?.arrayValue ?? []
        return conditions.contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "Unknown" }
    }

    /// A static pod's mirror (`kubernetes.io/config.mirror`): the kubelet owns it, the API cannot evict it.
    public static func isMirrorPod(_ pod: Pod) -> Bool {
        pod.metadata.annotations["kubernetes.io/config.mirror"] != nil
    }

    /// A pod a DaemonSet controls: its controller would put it straight back.
    public static func isDaemonSetPod(_ pod: Pod) -> Bool {
        guard let owner = pod.metadata.controllerReference else { return false }
        return owner.kind == "DaemonSet" && owner.apiVersion.hasPrefix("apps/")
    }

    /// The `policy/v1` Eviction posted for `pod`.
    public static func eviction(for pod: Pod, gracePeriodSeconds: Int64?) -> JSON {
        var eviction: JSONObject = [
            "apiVersion": "policy/v1", "kind": "Eviction",
            "metadata": ["name": .string(pod.name), "namespace": .string(pod.namespace ?? "default")],
        ]
        if let gracePeriodSeconds { eviction["deleteOptions"] = ["gracePeriodSeconds": .int(gracePeriodSeconds)] }
        return .object(eviction)
    }
}
