import HollowModel

/// The taint manager's scheduled evictions as a value (kube's TimedWorkerQueue of `CreatedAt`/`FireAt` per pod).
///
/// The runner keeps one under a lock and calls ``process(_:nodeTaints:now:)`` for each pod on a node whose
/// NoExecute taints changed (handleNodeUpdate) and for each pod whose tolerations or node changed
/// (handlePodUpdate); then, outside the lock, it acts on the decision: `.evictNow` → set `DisruptionTarget`
/// (``TaintEviction/markingDisruptionTarget(_:now:)``) and delete the pod; `.evictAt` → make sure a wake-up at
/// ``earliestEviction`` is pending; `.keep` → nothing (any earlier schedule is gone). When woken it processes the
/// pods in ``due(at:)`` again, which re-checks them against the node's current taints before anything is deleted.
///
/// Like kube, a scheduled eviction is never postponed while the pod stays exposed: lengthening a toleration, or the
/// node controller swapping `not-ready` for `unreachable` (a new `timeAdded`), keeps the earlier time. Unlike kube,
/// which keeps the first time whatever happens, a change that calls for an earlier time (a shortened toleration, a
/// new taint tolerated for less) brings the eviction forward.
public struct TaintEvictionSchedule: Sendable {
    /// One pod's schedule.
    public struct Entry: Sendable, Hashable {
        /// When the pod was first seen exposed to finitely tolerated NoExecute taints (kube's `CreatedAt`).
        public var observedSince: Timestamp
        /// When it is to be deleted (kube's `FireAt`).
        public var evictAt: Timestamp
    }

    /// Scheduled evictions by pod.
    public private(set) var entries: [ObjectKey: Entry] = [:]

    public init() {}

    /// Decides for `pod` on a node whose taints are `nodeTaints`
    /// (``TaintEviction/decision(for:nodeTaints:now:observedSince:)``, with the pod's first observation kept here)
    /// and updates the schedule: `.keep` and `.evictNow` drop the pod's entry (cancel; the delete happens now),
    /// `.evictAt` records or keeps it.
    public mutating func process(_ pod: Pod, nodeTaints: [NodeLifecycle.Taint], now: Timestamp)
        -> TaintEvictionDecision
    {
        let key = ObjectKey(namespace: pod.namespace, name: pod.name)
        let existing = entries[key]
        let decision = TaintEviction.decision(
            for: pod, nodeTaints: nodeTaints, now: now, observedSince: existing?.observedSince)
        switch decision {
        case .keep, .evictNow:
            entries[key] = nil
            return decision
        case .evictAt(let time):
            if let existing, existing.evictAt <= time {
                guard existing.evictAt > now else {
                    entries[key] = nil
                    return .evictNow
                }
                return .evictAt(existing.evictAt)
            }
            entries[key] = Entry(observedSince: existing?.observedSince ?? now, evictAt: time)
            return decision
        }
    }

    /// Drops the pod's schedule: it was deleted, or its node's taints are gone (kube's CancelWork). Returns whether
    /// there was one, for the `Cancelling deletion of Pod` event.
    @discardableResult
    public mutating func cancel(_ key: ObjectKey) -> Bool {
        entries.removeValue(forKey: key) != nil
    }

    /// The next time a scheduled eviction falls due, if any: when the runner should wake.
    public var earliestEviction: Timestamp? { entries.values.map(\.evictAt).min() }

    /// The pods whose eviction time is not after `now`, in key order, to process again.
    public func due(at now: Timestamp) -> [ObjectKey] {
        entries.filter { $0.value.evictAt <= now }.keys.sorted()
    }
}
