import HollowModel

/// What the machine controller reads and writes on a Machine beyond the shared accessors: its finalizer, its
/// conditions (`InstanceExists`, `Drainable`, `Drained`, `Terminable`) and the annotations that steer deletion.
extension Machine {
    /// `machine.openshift.io/exclude-node-draining`: any value skips the drain when the Machine is deleted.
    public static let excludeNodeDrainingAnnotation = "machine.openshift.io/exclude-node-draining"

    /// Whether the machine controller's finalizer is on the Machine.
    public var hasMachineFinalizer: Bool { metadata.finalizers.contains(MachineAPI.machineFinalizer) }

    /// Whether draining was switched off for this Machine.
    public var excludesNodeDraining: Bool { metadata.annotations[Self.excludeNodeDrainingAnnotation] != nil }

    /// `spec.nodeDrainTimeout` (Cluster API's field, a Go duration such as `30s`), when set and valid.
    public var nodeDrainTimeout: Duration? {
        guard let text = object[path: ["spec", "nodeDrainTimeout"]]?.stringValue,
            let parsed = try? GoDuration(parsing: text), parsed.nanoseconds > 0
        else { return nil }
        return parsed.duration
    }

    /// `status.nodeRef` in full: `{kind: Node, name, uid}`.
    public var nodeRef: JSON? {
        get { object[path: ["status", "nodeRef"]] }
        set { object[path: ["status", "nodeRef"]] = newValue }
    }

    /// `status.conditions`, `[{type, status, severity, reason, message, lastTransitionTime}]`.
    public var conditions: [JSON] {
        get { object[path: ["status", "conditions"]]?.arrayValue ?? [] }
        set { object[path: ["status", "conditions"]] = newValue.isEmpty ? nil : .array(newValue) }
    }

    /// The condition of `type`, if set.
    public func condition(_ type: MachineConditionType) -> MachineCondition? {
        conditions.first { $0["type"]?.stringValue == type.rawValue }.map(MachineCondition.init(json:))
    }

    /// Sets `condition`, keeping its `lastTransitionTime` when the status did not change (the machine-api-operator's
    /// `conditions.Set`).
    public mutating func setCondition(_ condition: MachineCondition) {
        var condition = condition
        var list = conditions
        if let index = list.firstIndex(where: { $0["type"]?.stringValue == condition.type.rawValue }) {
            let existing = MachineCondition(json: list[index])
            if existing.status == condition.status { condition.lastTransitionTime = existing.lastTransitionTime }
            list[index] = condition.json
        } else {
            list.append(condition.json)
        }
        conditions = list
    }
}

/// The Machine condition types the machine controller maintains.
public struct MachineConditionType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Whether the provider reports the instance.
    public static let instanceExists = MachineConditionType(rawValue: "InstanceExists")
    /// `False` while a `preDrain` hook holds the drain back.
    public static let drainable = MachineConditionType(rawValue: "Drainable")
    /// `True` once the node is drained (or the drain was skipped); the instance is deleted only after.
    public static let drained = MachineConditionType(rawValue: "Drained")
    /// `False` while a `preTerminate` hook holds the instance's deletion back.
    public static let terminable = MachineConditionType(rawValue: "Terminable")

    public var description: String { rawValue }
}

/// One entry of a Machine's `status.conditions` (`machine.openshift.io/v1beta1` `Condition`).
public struct MachineCondition: Sendable, Equatable {
    public var type: MachineConditionType
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// `Error`, `Warning` or `Info` for a `False` condition; empty otherwise.
    public var severity: String
    public var reason: String
    public var message: String
    public var lastTransitionTime: Timestamp?

    public init(
        type: MachineConditionType, status: String, severity: String = "", reason: String = "", message: String = "",
        lastTransitionTime: Timestamp?
    ) {
        self.type = type
        self.status = status
        self.severity = severity
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }

    init(json: JSON) {
        type = MachineConditionType(rawValue: json["type"]?.stringValue ?? "")
        status = json["status"]?.stringValue ?? ""
        severity = json["severity"]?.stringValue ?? ""
        reason = json["reason"]?.stringValue ?? ""
        message = json["message"]?.stringValue ?? ""
        lastTransitionTime = json["lastTransitionTime"]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
    }

    var json: JSON {
        var object: JSONObject = ["type": .string(type.rawValue), "status": .string(status)]
        if !severity.isEmpty { object["severity"] = .string(severity) }
        if let lastTransitionTime { object["lastTransitionTime"] = .string(lastTransitionTime.rfc3339) }
        if !reason.isEmpty { object["reason"] = .string(reason) }
        if !message.isEmpty { object["message"] = .string(message) }
        return .object(object)
    }

    public var isTrue: Bool { status == "True" }

    /// A `True` condition.
    public static func isTrue(_ type: MachineConditionType, reason: String = "", message: String = "", now: Timestamp)
        -> MachineCondition
    {
        MachineCondition(type: type, status: "True", reason: reason, message: message, lastTransitionTime: now)
    }

    /// A `False` condition with a severity.
    public static func isFalse(
        _ type: MachineConditionType, reason: String, severity: String = "Warning", message: String, now: Timestamp
    ) -> MachineCondition {
        MachineCondition(
            type: type, status: "False", severity: severity, reason: reason, message: message, lastTransitionTime: now)
    }
}
