import HollowModel

/// One entry of a Node's `status.conditions`.
public struct HollowNodeCondition: Sendable, Equatable {
    public var type: String
    public var status: String
    public var reason: String
    public var message: String
    public var lastHeartbeatTime: Timestamp
    public var lastTransitionTime: Timestamp

    public init(
        type: String, status: String, reason: String, message: String, lastHeartbeatTime: Timestamp,
        lastTransitionTime: Timestamp
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
    }

    /// Reads a condition from a Node's JSON; `nil` without a type. Missing times read as the Unix epoch.
    public init?(_ json: JSON) {
        guard let type = json["type"]?.stringValue else { return nil }
        func time(_ key: String) -> Timestamp {
            json[key]?.stringValue.flatMap { try? Timestamp(parsing: $0) } ?? Timestamp(secondsSinceEpoch: 0)
        }
        self.init(
            type: type, status: json["status"]?.stringValue ?? "", reason: json["reason"]?.stringValue ?? "",
            message: json["message"]?.stringValue ?? "", lastHeartbeatTime: time("lastHeartbeatTime"),
            lastTransitionTime: time("lastTransitionTime"))
    }

    /// The conditions of a Node object.
    public static func conditions(of node: JSON) -> [HollowNodeCondition] {
        (node[path: ["status", "conditions"]]?.arrayValue ?? []).compactMap(HollowNodeCondition.init)
    }

    /// As the kubelet writes it (`metav1.Time`: whole seconds).
    public var json: JSON {
        .object([
            "type": .string(type), "status": .string(status),
            "lastHeartbeatTime": .string(lastHeartbeatTime.rfc3339),
            "lastTransitionTime": .string(lastTransitionTime.rfc3339), "reason": .string(reason),
            "message": .string(message),
        ])
    }
}

/// What the kubelet wants a condition to say, and since when that has been so: the real transition time (the
/// kubelet's start, a health-schedule flip, when an override began or ended).
public struct HollowNodeConditionTarget: Sendable, Equatable {
    public var type: String
    public var status: String
    public var reason: String
    public var message: String
    public var since: Timestamp

    public init(type: String, status: String, reason: String, message: String, since: Timestamp) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.since = since
    }
}

/// The conditions a kubelet reports, with its reasons and messages (`pkg/kubelet/nodestatus/setters.go`).
public enum KubeletConditions {
    /// The conditions the kubelet owns, in the order it writes them.
    public static let owned = ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"]

    /// The kubelet's reason and message for `type` at `status`, used when an override gives none.
    public static func reasonAndMessage(type: String, status: String) -> (reason: String, message: String) {
        switch (type, status) {
        case ("Ready", "True"): ("KubeletReady", "kubelet is posting ready status")
        case ("Ready", "False"): ("KubeletNotReady", "container runtime is down")
        case ("MemoryPressure", "False"): ("KubeletHasSufficientMemory", "kubelet has sufficient memory available")
        case ("MemoryPressure", "True"): ("KubeletHasInsufficientMemory", "kubelet has insufficient memory available")
        case ("DiskPressure", "False"): ("KubeletHasNoDiskPressure", "kubelet has no disk pressure")
        case ("DiskPressure", "True"): ("KubeletHasDiskPressure", "kubelet has disk pressure")
        case ("PIDPressure", "False"): ("KubeletHasSufficientPID", "kubelet has sufficient PID available")
        case ("PIDPressure", "True"): ("KubeletHasInsufficientPID", "kubelet has insufficient PID available")
        case ("NetworkUnavailable", "True"): ("NoRouteCreated", "Node created without a route")
        case ("NetworkUnavailable", "False"): ("RouteCreated", "RouteController created a route")
        case (_, "Unknown"): ("NodeStatusUnknown", "Kubelet stopped posting node status.")
        default: ("HollowNodeCondition", "set by \(HollowNodeKeys.conditionPrefix)\(type)")
        }
    }

    /// The conditions to report at `now` for a kubelet started at `start`, and the next moment any of them changes.
    ///
    /// - Parameters:
    ///   - overrideSince: when each override (by type) began, as the pool saw its annotation.
    /// - Returns: the targets (the kubelet's four, then overridden other types by name) and the next change
    ///   (a schedule flip or an override's `until`), always after `now`.
    public static func targets(
        behavior: HollowNodeBehavior, start: Timestamp, overrideSince: [String: Timestamp], now: Timestamp
    ) -> (targets: [HollowNodeConditionTarget], nextChange: Timestamp?) {
        var next: Timestamp?
        func consider(_ time: Timestamp?) {
            guard let time, time > now else { return }
            next = min(next ?? time, time)
        }
        var targets: [HollowNodeConditionTarget] = []
        for type in owned {
            var target: HollowNodeConditionTarget
            if type == "Ready" {
                let phase = behavior.health.phase(at: now.duration(since: start))
                let status = phase.healthy ? "True" : "False"
                let (reason, message) = reasonAndMessage(type: type, status: status)
                target = HollowNodeConditionTarget(
                    type: type, status: status, reason: reason,
                    message: phase.healthy ? message : behavior.health.unhealthyMessage,
                    since: start.adding(phase.since))
                consider(phase.until.map { start.adding($0) })
            } else {
                let (reason, message) = reasonAndMessage(type: type, status: "False")
                target = HollowNodeConditionTarget(
                    type: type, status: "False", reason: reason, message: message, since: start)
            }
            if let override = behavior.conditionOverrides[type] {
                apply(override, to: &target, since: overrideSince[type], start: start, now: now)
                consider(override.until)
            }
            targets.append(target)
        }
        for type in behavior.conditionOverrides.keys.sorted() where !owned.contains(type) {
            let override = behavior.conditionOverrides[type]!
            guard override.isActive(at: now) else { continue }
            var target = HollowNodeConditionTarget(type: type, status: "", reason: "", message: "", since: start)
            apply(override, to: &target, since: overrideSince[type], start: start, now: now)
            consider(override.until)
            targets.append(target)
        }
        return (targets, next)
    }

    private static func apply(
        _ override: HollowNodeConditionOverride, to target: inout HollowNodeConditionTarget, since: Timestamp?,
        start: Timestamp, now: Timestamp
    ) {
        if override.isActive(at: now) {
            let (reason, message) = reasonAndMessage(type: override.type, status: override.status)
            target.status = override.status
            target.reason = override.reason ?? reason
            target.message = override.message ?? message
            target.since = max(since ?? start, start)
        } else if let until = override.until {
            // Ended: the kubelet's own value is back, from `until` on.
            target.since = max(target.since, until)
        }
    }
}
