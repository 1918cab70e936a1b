import HollowModel

/// What one elector knows of the lease and decides from it (the bookkeeping of client-go's `LeaderElector`), as a
/// value with no I/O: the elector reads or writes the Lease, then feeds the result back here.
///
/// Expiry is judged on the local clock, as client-go does: a lease held by someone else is valid until
/// `leaseDurationSeconds` after this elector last *saw it change*, whatever its `renewTime` says, so clock skew
/// between holders does not matter.
struct LeaderElectionState: Sendable {
    /// What to do after reading the lease.
    enum Decision: Sendable, Equatable {
        case create(Lease)
        case update(Lease)
        /// Someone else holds an unexpired lease.
        case heldByOther(String)
    }

    let identity: String
    let lease: ObjectKey
    let leaseDurationSeconds: Int64
    /// The record last read or written, and the lease object it came from (for its `resourceVersion`).
    private(set) var observedRecord: LeaderElectionRecord?
    private(set) var observedLease: Lease?
    /// When (on the monotonic clock) `observedRecord` last changed.
    private(set) var observedTime: Duration = .zero

    init(identity: String, lease: ObjectKey, leaseDuration: Duration) {
        self.identity = identity
        self.lease = lease
        leaseDurationSeconds = leaseDuration.components.seconds
    }

    /// Whether the last observed holder is this elector (client-go's `IsLeader`).
    var isLeader: Bool { observedRecord?.holderIdentity == identity }

    /// The last observed holder, if any.
    var leader: String? { observedRecord.flatMap { $0.holderIdentity.isEmpty ? nil : $0.holderIdentity } }

    /// Whether the observed lease has not expired at `now`, counted from when it was observed.
    func isLeaseValid(now: Duration) -> Bool {
        guard let observedRecord else { return false }
        return observedTime + .seconds(observedRecord.leaseDurationSeconds) > now
    }

    /// The renewal to try without reading first, when this elector leads and its lease is still valid (the fast
    /// path of `tryAcquireOrRenew`); `nil` otherwise.
    func optimisticRenewal(now: Duration, wallTime: Timestamp) -> Lease? {
        guard isLeader, isLeaseValid(now: now), let observedRecord, var lease = observedLease else { return nil }
        LeaderElectionRecord(
            holderIdentity: identity, leaseDurationSeconds: leaseDurationSeconds,
            acquireTime: observedRecord.acquireTime, renewTime: wallTime,
            leaseTransitions: observedRecord.leaseTransitions
        ).write(to: &lease)
        return lease
    }

    /// Decides from the lease as just read (`nil`: it does not exist) whether and how to take or renew it.
    mutating func decide(current: Lease?, now: Duration, wallTime: Timestamp) -> Decision {
        var record = LeaderElectionRecord(
            holderIdentity: identity, leaseDurationSeconds: leaseDurationSeconds, acquireTime: wallTime,
            renewTime: wallTime, leaseTransitions: 0)
        guard let current else { return .create(Lease(lease, record: record)) }

        let old = LeaderElectionRecord(current)
        if old != observedRecord {
            observedRecord = old
            observedTime = now
        }
        observedLease = current
        if !old.holderIdentity.isEmpty, isLeaseValid(now: now), !isLeader {
            return .heldByOther(old.holderIdentity)
        }
        if isLeader {
            record.acquireTime = old.acquireTime
            record.leaseTransitions = old.leaseTransitions
        } else {
            record.leaseTransitions = old.leaseTransitions + 1
        }
        var updated = current
        record.write(to: &updated)
        return .update(updated)
    }

    /// Records a lease this elector wrote successfully.
    mutating func observeWrite(_ stored: Lease, now: Duration) {
        observedRecord = LeaderElectionRecord(stored)
        observedLease = stored
        observedTime = now
    }

    /// The update that gives the lease up (client-go's `release`): no holder, a one-second duration, so others take
    /// over at once; `nil` when this elector does not hold it.
    func release(wallTime: Timestamp) -> Lease? {
        guard isLeader, let observedRecord, var lease = observedLease else { return nil }
        LeaderElectionRecord(
            holderIdentity: "", leaseDurationSeconds: 1, acquireTime: wallTime, renewTime: wallTime,
            leaseTransitions: observedRecord.leaseTransitions
        ).write(to: &lease)
        return lease
    }
}
