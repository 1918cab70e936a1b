import HollowModel

/// How a hollow node behaves: its health schedule, injected failures, pod timings and heartbeat intervals. A value,
/// read from the Node's `hollow.dev/` annotations (``HollowNodeConfiguration/init(annotations:)``) and changed on a
/// live node by annotating it again.
public struct HollowNodeBehavior: Sendable, Equatable {
    /// `hollow.dev/kubelet`.
    public enum KubeletState: String, Sendable, Equatable {
        /// Posting status, renewing the Lease and running pods.
        case running
        /// As after `systemctl stop kubelet`: nothing is written, so the node lifecycle controller marks the node
        /// Unknown once its grace period passes.
        case stopped
    }

    /// How long after the pool first sees the Node the kubelet registers it.
    public var registrationDelay: Duration
    public var health: HollowNodeHealthSchedule
    public var kubelet: KubeletState
    /// Conditions forced on the node, by type (`hollow.dev/condition.<Type>`).
    public var conditionOverrides: [String: HollowNodeConditionOverride]
    /// Pods on the node fail (`hollow.dev/pod-failure`): containers exit 1, phase Failed.
    public var podFailure: Bool
    /// How long a bound pod stays Pending before its containers run.
    public var podStartDelay: Duration
    /// How long pods with `restartPolicy: Never` or `OnFailure` run before they succeed; `nil`: until deleted.
    public var podRunDuration: Duration?
    /// How long a deleted pod takes to go, when shorter than its grace period; `nil`: the whole grace period.
    public var podTerminationDelay: Duration?
    /// How often the Lease in `kube-node-lease` is renewed (the kubelet's 10 s).
    public var leaseRenewInterval: Duration
    /// How often status is posted when nothing changed (the kubelet's `nodeStatusReportFrequency`, 5 min).
    public var statusReportInterval: Duration

    public init(
        registrationDelay: Duration = .zero, health: HollowNodeHealthSchedule = .alwaysHealthy,
        kubelet: KubeletState = .running, conditionOverrides: [String: HollowNodeConditionOverride] = [:],
        podFailure: Bool = false, podStartDelay: Duration = .zero, podRunDuration: Duration? = nil,
        podTerminationDelay: Duration? = nil, leaseRenewInterval: Duration = .seconds(10),
        statusReportInterval: Duration = .seconds(300)
    ) {
        self.registrationDelay = registrationDelay
        self.health = health
        self.kubelet = kubelet
        self.conditionOverrides = conditionOverrides
        self.podFailure = podFailure
        self.podStartDelay = podStartDelay
        self.podRunDuration = podRunDuration
        self.podTerminationDelay = podTerminationDelay
        self.leaseRenewInterval = leaseRenewInterval
        self.statusReportInterval = statusReportInterval
    }
}

/// One forced node condition: `hollow.dev/condition.<Type>` =
/// `<True|False|Unknown>[;until=<RFC 3339>][;reason=<Reason>][;message=<text>]`.
///
/// While it holds, the node reports the condition with this status (a kubelet condition — Ready, MemoryPressure,
/// DiskPressure, PIDPressure — is replaced; any other type is added). After `until`, or when the annotation is
/// removed, the kubelet's own value comes back, and a condition the kubelet does not own is removed.
public struct HollowNodeConditionOverride: Sendable, Equatable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var until: Timestamp?
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, until: Timestamp? = nil, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.until = until
        self.reason = reason
        self.message = message
    }

    /// An override that holds for `duration` from `now` (what `--for 5m` means on a command line).
    public init(
        type: String, status: String, lasting duration: Duration, from now: Timestamp, reason: String? = nil,
        message: String? = nil
    ) {
        self.init(type: type, status: status, until: now.adding(duration), reason: reason, message: message)
    }

    /// The annotation value (`until` to the second, or to the microsecond when it has a fraction).
    public var annotationValue: String {
        var text = status
        if let until { text += ";until=\(until.nanoseconds == 0 ? until.rfc3339 : until.rfc3339Micro)" }
        if let reason { text += ";reason=\(reason)" }
        if let message { text += ";message=\(message)" }
        return text
    }

    /// Whether it holds at `now`.
    public func isActive(at now: Timestamp) -> Bool { until.map { now < $0 } ?? true }
}

/// Everything a Node's annotations say about its hollow kubelet: what it reports (``shape``) and how it behaves
/// (``behavior``).
public struct HollowNodeConfiguration: Sendable, Equatable {
    public var shape: HollowNodeShape
    public var behavior: HollowNodeBehavior

    public init(shape: HollowNodeShape = HollowNodeShape(), behavior: HollowNodeBehavior = HollowNodeBehavior()) {
        self.shape = shape
        self.behavior = behavior
    }
}
