import HollowModel

/// The pods the scheduler could not place, parked until the cluster changes (kube-scheduler's `unschedulablePods`
/// with the per-pod backoff of its `backoffQ`), as a value the scheduler controller keeps under its lock.
///
/// A failed attempt parks the pod (``parkAfterFailure(_:now:)``). A cluster event that may make room — a node added
/// or changed in a way the filters read, a bound pod deleted or finished — moves every parked pod back to the queue
/// (``unparkAll(now:)``, kube's `MoveAllToActiveOrBackoffQueue`), each once what remains of its backoff has passed:
/// 1 s doubling with every failed attempt up to 10 s, counted from its last failure (`podInitialBackoffDuration`,
/// `podMaxBackoffDuration`), so a busy cluster does not retry the same hopeless pod in a tight loop. Unparking
/// empties the set; the failure counts stay until the pod is placed or gone (``remove(_:)``).
///
/// The controller also retries every unschedulable pod after ``retryInterval`` whatever happens (kube's
/// `podMaxInUnschedulablePodsDuration`), so that a change no event announces never strands a pod.
public struct SchedulerUnschedulablePods: Sendable {
    /// The backoff after a pod's first failed attempt.
    public static let initialBackoff = Duration.seconds(1)
    /// The longest backoff.
    public static let maximumBackoff = Duration.seconds(10)
    /// How long a parked pod waits for a cluster event before it is tried again anyway.
    public static let retryInterval = Duration.seconds(60)

    private struct Failures: Sendable {
        var count: Int
        var last: Timestamp
    }

    private var failures: [ObjectKey: Failures] = [:]
    /// Pods waiting for a cluster event.
    public private(set) var parked: Set<ObjectKey> = []

    public init() {}

    /// Records a failed attempt for `key` at `now` and parks it.
    public mutating func parkAfterFailure(_ key: ObjectKey, now: Timestamp) {
        failures[key] = Failures(count: (failures[key]?.count ?? 0) + 1, last: now)
        parked.insert(key)
    }

    /// Forgets `key`: it was placed, deleted, or is no longer this scheduler's to place.
    public mutating func remove(_ key: ObjectKey) {
        failures[key] = nil
        parked.remove(key)
    }

    /// How many failed attempts `key` has had since it was last placed or removed.
    public func failureCount(_ key: ObjectKey) -> Int { failures[key]?.count ?? 0 }

    /// Unparks every parked pod: each with how long it should still wait (zero when its backoff is over).
    public mutating func unparkAll(now: Timestamp) -> [(key: ObjectKey, delay: Duration)] {
        guard !parked.isEmpty else { return [] }
        var moves: [(key: ObjectKey, delay: Duration)] = []
        moves.reserveCapacity(parked.count)
        for key in parked {
            moves.append((key, remainingBackoff(key, now: now)))
        }
        parked.removeAll(keepingCapacity: true)
        return moves
    }

    /// What remains at `now` of the backoff that followed `key`'s last failure.
    public func remainingBackoff(_ key: ObjectKey, now: Timestamp) -> Duration {
        guard let failure = failures[key] else { return .zero }
        let remaining = Self.backoff(afterFailures: failure.count) - now.duration(since: failure.last)
        return remaining > .zero ? remaining : .zero
    }

    /// `calculateBackoffDuration`: the initial backoff doubled for each failure after the first, at most the maximum.
    public static func backoff(afterFailures count: Int) -> Duration {
        guard count > 0 else { return .zero }
        var backoff = initialBackoff
        for _ in 1..<count {
            backoff *= 2
            if backoff >= maximumBackoff { return maximumBackoff }
        }
        return backoff
    }
}
