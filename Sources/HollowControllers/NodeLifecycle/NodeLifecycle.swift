// NodeLifecycle/: the decisions of kube-controller-manager's node lifecycle controller
// (pkg/controller/nodelifecycle) and of its taint-based eviction (pkg/controller/tainteviction), as pure functions
// and value state machines. Nothing here reads a clock or talks to the API: every entry point takes `now` and
// returns what to write, and the runner that owns informers, the work queue and the client applies it.
//
// How this folder is organised:
//
// - `NodeLifecycle.swift`            This overview, the `NodeLifecycle` namespace: taint keys, condition types and
//                                    the reasons and messages the controller writes.
// - `NodeLifecycle+Taint.swift`      `NodeLifecycle.Taint` (a `spec.taints` entry) and pkg/util/taints' set
//                                    operations.
// - `NodeLifecycle+Conditions.swift` Reading and writing `status.conditions` of nodes and pods in their JSON.
// - `NodeLifecycle+Tainting.swift`   The taints a node should carry: doNoScheduleTaintingPass (condition taints,
//                                    `unschedulable`) and processTaintBaseEviction (`not-ready`/`unreachable`
//                                    NoExecute, swapped when Ready changes, removed when it is True).
// - `NodeLifecycleMonitor.swift`     The health state machine (kube's nodeHealthData, tryUpdateNodeHealth,
//                                    monitorNodeHealth): probe times kept by the controller's own clock, conditions
//                                    set Unknown after the grace period; returns a `NodeLifecycleUpdate`.
// - `NodeLifecycle+Pods.swift`       MarkPodsNotReady on pod JSON (UpdatePodCondition is `Pod.updatingCondition`); pod status patches.
// - `TaintEviction.swift`            Tolerations, GetMatchingTolerations, getMinTolerationTime and the per-pod
//                                    decision (`.evictNow`, `.evictAt`, `.keep`); the `DisruptionTarget`
//                                    condition written before the delete.
// - `TaintEvictionSchedule.swift`    The taint manager's queue of scheduled evictions as a value (kube's
//                                    TimedWorkerQueue): when each pod was first seen exposed, when it is due.
// - `NodeLifecycleController.swift`  The runner: every `nodeMonitorPeriod` on the injected clock, the monitor over
//                                    all nodes, then status, taint and pod writes.
// - `NodeLifecycleController+TaintEviction.swift`  The taint eviction controller: pods on NoExecute-tainted nodes
//                                    requeued at their eviction time, then marked and deleted.
//
// Not modelled (the runner, or a later change): zone disruption states and the rate limiter on NoExecute tainting
// (handleDisruption, RateLimitedTimedQueue), node label reconciliation, events.

import HollowModel

/// Names the node lifecycle controller and taint-based eviction share with the rest of Kubernetes.
public enum NodeLifecycle {
    // MARK: Taint keys (k8s.io/api/core/v1 well_known_taints.go)

    /// Ready is False.
    public static let notReadyTaintKey = "node.kubernetes.io/not-ready"
    /// Ready is Unknown: the node controller lost the node's heartbeats.
    public static let unreachableTaintKey = "node.kubernetes.io/unreachable"
    /// `spec.unschedulable` (cordon).
    public static let unschedulableTaintKey = "node.kubernetes.io/unschedulable"
    public static let memoryPressureTaintKey = "node.kubernetes.io/memory-pressure"
    public static let diskPressureTaintKey = "node.kubernetes.io/disk-pressure"
    public static let pidPressureTaintKey = "node.kubernetes.io/pid-pressure"
    public static let networkUnavailableTaintKey = "node.kubernetes.io/network-unavailable"

    // MARK: Condition types and statuses

    /// Node condition types the controller reads or writes.
    public enum ConditionType {
        public static let ready = "Ready"
        public static let memoryPressure = "MemoryPressure"
        public static let diskPressure = "DiskPressure"
        public static let pidPressure = "PIDPressure"
        public static let networkUnavailable = "NetworkUnavailable"
    }

    /// `True`, `False`, `Unknown`, as conditions spell them.
    public enum ConditionStatus {
        public static let `true` = "True"
        public static let `false` = "False"
        public static let unknown = "Unknown"
    }

    /// Pod condition types the controllers write.
    public enum PodConditionType {
        public static let ready = "Ready"
        public static let disruptionTarget = "DisruptionTarget"
    }

    // MARK: What the controller writes

    /// Reason on a condition the controller set Unknown because heartbeats stopped.
    public static let nodeStatusUnknownReason = "NodeStatusUnknown"
    public static let nodeStatusUnknownMessage = "Kubelet stopped posting node status."
    /// Reason on a condition the kubelet never posted, added by the controller as Unknown.
    public static let nodeStatusNeverUpdatedReason = "NodeStatusNeverUpdated"
    public static let nodeStatusNeverUpdatedMessage = "Kubelet never posted node status."

    /// The namespace holding each node's heartbeat Lease (named after the node).
    public static let nodeLeaseNamespace = "kube-node-lease"

    /// The node conditions the controller turns Unknown when the node goes silent, in kube's order.
    /// `NetworkUnavailable` is left alone: the network plugin, not the kubelet, owns it.
    public static let conditionsSetUnknownWhenSilent: [String] = [
        ConditionType.ready, ConditionType.memoryPressure, ConditionType.diskPressure, ConditionType.pidPressure,
    ]

    /// nodeConditionToTaintKeyStatusMap: the NoSchedule taint a condition in a given status calls for.
    public static func taintKey(forCondition type: String, status: String) -> String? {
        switch (type, status) {
        case (ConditionType.ready, ConditionStatus.false): notReadyTaintKey
        case (ConditionType.ready, ConditionStatus.unknown): unreachableTaintKey
        case (ConditionType.memoryPressure, ConditionStatus.true): memoryPressureTaintKey
        case (ConditionType.diskPressure, ConditionStatus.true): diskPressureTaintKey
        case (ConditionType.networkUnavailable, ConditionStatus.true): networkUnavailableTaintKey
        case (ConditionType.pidPressure, ConditionStatus.true): pidPressureTaintKey
        default: nil
        }
    }

    /// taintKeyToNodeConditionMap: the keys of condition taints, which the NoSchedule pass owns.
    public static let conditionTaintKeys: Set<String> = [
        notReadyTaintKey, unreachableTaintKey, networkUnavailableTaintKey, memoryPressureTaintKey,
        diskPressureTaintKey, pidPressureTaintKey,
    ]
}
