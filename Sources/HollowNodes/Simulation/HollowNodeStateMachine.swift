import HollowModel

/// One hollow kubelet as a value: what it has reported, and what it must write next and when. No I/O.
///
/// The pool keeps one per node under its lock. ``step(now:)`` returns the writes due at `now` (start the kubelet,
/// post status, renew the Lease) and when to call it again; the pool performs them after releasing the lock and
/// calls ``record(_:)`` for each one that succeeded. A failed write is simply not recorded: the next step asks for it
/// again. ``configurationChanged(_:now:)`` and ``observe(conditions:kubeletStartTime:)`` feed it the Node's
/// annotations and the conditions others wrote (the node lifecycle controller's `Unknown`).
///
/// `lastTransitionTime` is the real transition: when a condition's status differs from what the Node shows, it is
/// stamped with the target's `since` (the start, the schedule's flip, an override's begin or end), not with the
/// moment the post happens; only when the Node shows a later transition than that (an `Unknown` written while this
/// kubelet lagged) is it stamped `now`, as the kubelet would.
///
/// Periodic writes are spread: a node renews its Lease at the instants `offset + k·interval` (wall-clock
/// nanoseconds), `offset` a hash of its name, so ten thousand nodes renew evenly and never in bursts; unchanged status
/// is posted on the same grid every `statusReportInterval`.
public struct HollowNodeStateMachine: Sendable {
    /// A write the kubelet makes.
    public enum Write: Sendable, Equatable {
        /// The kubelet starts at `at`: the pool records it in `hollow.dev/kubelet-start-time` (at registration, also
        /// the usual labels, providerID and podCIDR).
        case start(at: Timestamp, registration: Bool)
        /// Post status: these conditions (heartbeat `at`), removing the types in `removing` (overrides that ended);
        /// with `includesShape`, also capacity, allocatable, addresses and nodeInfo.
        case postStatus(conditions: [HollowNodeCondition], removing: [String], includesShape: Bool, at: Timestamp)
        /// Renew (or create) the Lease with `renewTime` `at`.
        case renewLease(at: Timestamp)
    }

    /// The writes due now and when to step again (`nil`: only when something changes, e.g. a stopped kubelet).
    public struct Step: Sendable, Equatable {
        public var writes: [Write]
        public var wakeAt: Timestamp?
    }

    public let name: String
    public private(set) var configuration: HollowNodeConfiguration
    /// When the kubelet last started (the schedule's origin); `nil` until registered.
    public private(set) var kubeletStartTime: Timestamp?
    /// The conditions as the Node shows them (what this kubelet posted, or what others wrote since).
    public private(set) var reported: [String: HollowNodeCondition]
    /// When the pool first saw the Node: registration is due `registrationDelay` later.
    public let firstSeen: Timestamp
    /// A start asked for (kubelet back to running, schedule changed) and not yet recorded.
    public private(set) var pendingStart: Timestamp?
    public private(set) var lastStatusPost: Timestamp?
    public private(set) var lastLeaseRenewal: Timestamp?
    private var overrideSince: [String: Timestamp] = [:]
    /// Conditions outside the kubelet's four that this node posted from overrides (and so removes when they end).
    private var ownedTypes: Set<String> = []
    private var postedShape: HollowNodeShape?
    /// Where in each interval this node's periodic writes fall, as a fraction of the interval.
    private let phase: Double

    /// - Parameters:
    ///   - kubeletStartTime: the Node's `hollow.dev/kubelet-start-time`, when a previous run registered it.
    ///   - observed: the Node's conditions now.
    public init(
        name: String, configuration: HollowNodeConfiguration, firstSeen: Timestamp, kubeletStartTime: Timestamp? = nil,
        observed: [HollowNodeCondition] = []
    ) {
        self.name = name
        self.configuration = configuration
        self.firstSeen = firstSeen
        self.kubeletStartTime = kubeletStartTime
        reported = Dictionary(observed.map { ($0.type, $0) }, uniquingKeysWith: { $1 })
        for type in configuration.behavior.conditionOverrides.keys {
            overrideSince[type] = firstSeen
            if !KubeletConditions.owned.contains(type) { ownedTypes.insert(type) }
        }
        phase = Double(fnv1a64(name.utf8) % 1_000_003) / 1_000_003
    }

    public var isRegistered: Bool { kubeletStartTime != nil }
    public var kubeletRunning: Bool { configuration.behavior.kubelet == .running }
    /// The Ready status the Node shows (`nil` before any).
    public var readyStatus: String? { reported["Ready"]?.status }

    /// When the kubelet is due to (re)start: registration (`firstSeen + registrationDelay`, or later when started
    /// afterwards), or a requested restart.
    public var startDue: Timestamp? {
        guard kubeletRunning else { return nil }
        if kubeletStartTime == nil {
            let registration = firstSeen.adding(configuration.behavior.registrationDelay)
            return max(registration, pendingStart ?? registration)
        }
        return pendingStart
    }

    /// When the next Lease renewal is due, once one was made (what renewal lag is measured against).
    public var leaseDue: Timestamp? {
        guard kubeletRunning, startDue == nil, let last = lastLeaseRenewal else { return nil }
        return slot(after: last, interval: configuration.behavior.leaseRenewInterval)
    }

    // MARK: - Stepping

    /// The writes due at `now`, assuming each succeeds, and when to step next.
    public func step(now: Timestamp) -> Step {
        guard kubeletRunning else { return Step(writes: [], wakeAt: nil) }
        var writes: [Write] = []
        let start: Timestamp
        var fresh = false
        if let due = startDue {
            if now < due { return Step(writes: [], wakeAt: due) }
            start = due
            fresh = true
            writes.append(.start(at: due, registration: kubeletStartTime == nil))
        } else {
            start = kubeletStartTime!
        }
        let behavior = configuration.behavior

        // Status: on any change, else on the report interval.
        let (targets, nextChange) = KubeletConditions.targets(
            behavior: behavior, start: start, overrideSince: overrideSince, now: now)
        var changed = fresh || postedShape != configuration.shape
        var conditions: [HollowNodeCondition] = []
        for target in targets {
            let previous = reported[target.type]
            let transition: Timestamp
            if let previous, previous.status == target.status {
                transition = previous.lastTransitionTime
            } else if let previous, target.since.truncatedToSeconds < previous.lastTransitionTime {
                transition = now
            } else {
                transition = target.since
            }
            if previous?.status != target.status || previous?.reason != target.reason
                || previous?.message != target.message
            {
                changed = true
            }
            conditions.append(
                HollowNodeCondition(
                    type: target.type, status: target.status, reason: target.reason, message: target.message,
                    lastHeartbeatTime: now, lastTransitionTime: transition))
        }
        let targeted = Set(targets.map(\.type))
        let removing = reported.keys.filter { ownedTypes.contains($0) && !targeted.contains($0) }.sorted()
        if !removing.isEmpty { changed = true }
        let statusInterval = behavior.statusReportInterval
        let statusDue = lastStatusPost.map { slot(after: $0, interval: statusInterval) } ?? now
        var nextStatus = statusDue
        if changed || now >= statusDue {
            writes.append(
                .postStatus(
                    conditions: conditions, removing: removing, includesShape: fresh || postedShape != configuration.shape,
                    at: now))
            nextStatus = slot(after: now, interval: statusInterval)
        }

        // Lease: at the start, then on this node's grid.
        let leaseInterval = behavior.leaseRenewInterval
        var nextLease: Timestamp
        if fresh {
            writes.append(.renewLease(at: now))
            nextLease = slot(after: now, interval: leaseInterval)
        } else {
            nextLease = lastLeaseRenewal.map { slot(after: $0, interval: leaseInterval) }
                ?? slot(atOrAfter: now, interval: leaseInterval)
            if now >= nextLease {
                writes.append(.renewLease(at: now))
                nextLease = slot(after: now, interval: leaseInterval)
            }
        }
        var wake = min(nextStatus, nextLease)
        if let nextChange { wake = min(wake, nextChange) }
        return Step(writes: writes, wakeAt: wake)
    }

    /// Records a write that succeeded.
    public mutating func record(_ write: Write) {
        switch write {
        case .start(let at, _):
            kubeletStartTime = at
            pendingStart = nil
        case .postStatus(let conditions, let removing, let includesShape, let at):
            for condition in conditions {
                reported[condition.type] = condition
                if !KubeletConditions.owned.contains(condition.type) { ownedTypes.insert(condition.type) }
            }
            for type in removing {
                reported[type] = nil
                ownedTypes.remove(type)
            }
            if includesShape { postedShape = configuration.shape }
            lastStatusPost = at
        case .renewLease(let at):
            lastLeaseRenewal = at
        }
    }

    // MARK: - Inputs

    /// Takes the Node's new configuration, seen at `now`. The kubelet restarts (a new start, so the schedule begins
    /// again) when it goes from stopped to running or when its health schedule changes; an override that is new or
    /// changed begins at `now`.
    public mutating func configurationChanged(_ new: HollowNodeConfiguration, now: Timestamp) {
        let old = configuration
        configuration = new
        let wasRunning = old.behavior.kubelet == .running
        if new.behavior.kubelet == .running {
            if !wasRunning {
                pendingStart = now
            } else if kubeletStartTime != nil && old.behavior.health != new.behavior.health {
                pendingStart = now
            }
        }
        for (type, override) in new.behavior.conditionOverrides where old.behavior.conditionOverrides[type] != override {
            overrideSince[type] = now
        }
        for type in old.behavior.conditionOverrides.keys where new.behavior.conditionOverrides[type] == nil {
            overrideSince[type] = nil
        }
    }

    /// Takes what the Node shows, when it is newer than this kubelet's last write: its conditions (others may have
    /// set them Unknown) and its `hollow.dev/kubelet-start-time` (removed: register again, from `now`).
    public mutating func observe(conditions: [HollowNodeCondition], kubeletStartTime observedStart: Timestamp?, now: Timestamp) {
        reported = Dictionary(conditions.map { ($0.type, $0) }, uniquingKeysWith: { $1 })
        if kubeletStartTime != nil, observedStart == nil {
            kubeletStartTime = nil
            pendingStart = now
            postedShape = nil
        } else if let observedStart, pendingStart == nil {
            kubeletStartTime = observedStart
        }
    }

    // MARK: - The grid

    /// The first instant after `time` on this node's grid for `interval`.
    func slot(after time: Timestamp, interval: Duration) -> Timestamp {
        let i = max(interval.nanosecondCount, 1)
        let offset = Int64(phase * Double(i))
        let t = time.secondsSinceEpoch * 1_000_000_000 + Int64(time.nanoseconds)
        let k = floorDiv(t - offset, i) + 1
        return Timestamp(secondsSinceEpoch: 0, nanoseconds: k * i + offset)
    }

    /// The first instant at or after `time` on the grid.
    func slot(atOrAfter time: Timestamp, interval: Duration) -> Timestamp {
        slot(after: time.adding(.nanoseconds(-1)), interval: interval)
    }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// 64-bit FNV-1a: stable across runs and platforms (Swift's `Hasher` is seeded per process).
func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
}
