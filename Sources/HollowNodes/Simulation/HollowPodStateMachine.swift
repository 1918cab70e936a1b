import HollowModel

/// One pod on a hollow node as a value: Pending → Running → (Succeeded | Failed), and its graceful deletion. No I/O.
///
/// Like ``HollowNodeStateMachine``: ``step(now:node:)`` returns the write due at `now` and when to step again, the
/// pool performs it and calls ``record(_:)`` when it succeeded. Nothing happens while the node's kubelet is not
/// running (not registered yet, or stopped).
///
/// - A bound pod runs `podStartDelay` after the pool saw it (or after the kubelet started, when later).
/// - With `restartPolicy` `Never` or `OnFailure` and a `podRunDuration`, it succeeds that long after it started.
/// - With `podFailure`, a pending pod fails instead of running, and a running one fails at once.
/// - Deleted (`deletionTimestamp` set), it goes `min(grace period, podTerminationDelay)` after the pool saw the
///   deletion; one that never ran or has finished goes at once.
public struct HollowPodStateMachine: Sendable {
    public enum RestartPolicy: String, Sendable {
        case always = "Always", onFailure = "OnFailure", never = "Never"
    }

    public enum Write: Sendable, Equatable {
        /// Containers started at `at`: phase Running, pod IP, container statuses.
        case run(at: Timestamp)
        /// Containers terminated at `at`: exit 0 (Succeeded) or 1 (Failed).
        case finish(succeeded: Bool, at: Timestamp)
        /// Delete with grace period 0 and a UID precondition, as the kubelet does once containers are gone.
        case delete
    }

    public struct Step: Sendable, Equatable {
        public var write: Write?
        public var wakeAt: Timestamp?
    }

    /// What the pod's node contributes to a step.
    public struct NodeView: Sendable {
        /// When its kubelet started; `nil` while not registered.
        public var kubeletStartTime: Timestamp?
        public var kubeletRunning: Bool
        public var behavior: HollowNodeBehavior

        public init(kubeletStartTime: Timestamp?, kubeletRunning: Bool, behavior: HollowNodeBehavior) {
            self.kubeletStartTime = kubeletStartTime
            self.kubeletRunning = kubeletRunning
            self.behavior = behavior
        }
    }

    public var restartPolicy: RestartPolicy
    /// `status.phase` as the pod shows it.
    public private(set) var phase: String
    /// When its containers started (`status.startTime`).
    public private(set) var startTime: Timestamp?
    /// When the pool first saw the pod bound.
    public let firstSeen: Timestamp
    /// When the pool first saw its `deletionTimestamp`.
    public private(set) var deletionSeen: Timestamp?
    public private(set) var deletionGracePeriod: Duration?
    public private(set) var deleted = false

    public init(restartPolicy: RestartPolicy, phase: String = "Pending", startTime: Timestamp? = nil, firstSeen: Timestamp) {
        self.restartPolicy = restartPolicy
        self.phase = phase
        self.startTime = startTime
        self.firstSeen = firstSeen
    }

    public var isTerminal: Bool { phase == "Succeeded" || phase == "Failed" }

    public func step(now: Timestamp, node: NodeView) -> Step {
        guard node.kubeletRunning, let kubeletStart = node.kubeletStartTime, !deleted else {
            return Step(write: nil, wakeAt: nil)
        }
        let behavior = node.behavior
        if let deletionSeen {
            guard phase == "Running" else { return Step(write: .delete, wakeAt: nil) }
            let grace = deletionGracePeriod ?? .seconds(30)
            let due = deletionSeen.adding(min(grace, behavior.podTerminationDelay ?? grace))
            return now >= due ? Step(write: .delete, wakeAt: nil) : Step(write: nil, wakeAt: due)
        }
        switch phase {
        case "Pending":
            let due = max(firstSeen, kubeletStart).adding(behavior.podStartDelay)
            if now < due { return Step(write: nil, wakeAt: due) }
            return Step(write: behavior.podFailure ? .finish(succeeded: false, at: now) : .run(at: now), wakeAt: nil)
        case "Running":
            if behavior.podFailure { return Step(write: .finish(succeeded: false, at: now), wakeAt: nil) }
            guard restartPolicy != .always, let run = behavior.podRunDuration else { return Step(write: nil, wakeAt: nil) }
            let due = (startTime ?? now).adding(run)
            return now >= due ? Step(write: .finish(succeeded: true, at: now), wakeAt: nil) : Step(write: nil, wakeAt: due)
        default:
            return Step(write: nil, wakeAt: nil)
        }
    }

    public mutating func record(_ write: Write) {
        switch write {
        case .run(let at):
            phase = "Running"
            startTime = at
        case .finish(let succeeded, let at):
            phase = succeeded ? "Succeeded" : "Failed"
            if startTime == nil { startTime = at }
        case .delete:
            deleted = true
        }
    }

    /// Takes what the pod shows when it is newer than the pool's last write to it: its phase and start time.
    public mutating func observe(phase: String, startTime: Timestamp?) {
        self.phase = phase
        if let startTime { self.startTime = startTime }
    }

    /// Notes a deletion seen at `now` (the first sighting counts); a shorter grace period given later wins.
    public mutating func observeDeletion(gracePeriodSeconds: Int64?, now: Timestamp) {
        if deletionSeen == nil { deletionSeen = now }
        if let seconds = gracePeriodSeconds {
            let grace = Duration.seconds(max(seconds, 0))
            deletionGracePeriod = min(deletionGracePeriod ?? grace, grace)
        }
    }
}
