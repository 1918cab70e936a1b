import HollowModel

/// One entry of a workload's `status.conditions`: `DeploymentCondition` (with `lastUpdateTime`) or
/// `ReplicaSetCondition` / `DaemonSetCondition` (without).
public struct WorkloadCondition: Sendable, Equatable {
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    public var lastUpdateTime: Timestamp?
    public var lastTransitionTime: Timestamp?
    public var reason: String
    public var message: String

    public init(
        type: String, status: String, reason: String, message: String, lastUpdateTime: Timestamp? = nil,
        lastTransitionTime: Timestamp? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
    }

    public init(json: JSON) {
        type = json["type"]?.stringValue ?? ""
        status = json["status"]?.stringValue ?? ""
        lastUpdateTime = json["lastUpdateTime"]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
        lastTransitionTime = json["lastTransitionTime"]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
        reason = json["reason"]?.stringValue ?? ""
        message = json["message"]?.stringValue ?? ""
    }

    /// In the field order of the Go types; empty reason and message are left out as `omitempty` leaves them out.
    public var json: JSON {
        var object: JSONObject = ["type": .string(type), "status": .string(status)]
        if let lastUpdateTime { object["lastUpdateTime"] = .string(lastUpdateTime.rfc3339) }
        if let lastTransitionTime { object["lastTransitionTime"] = .string(lastTransitionTime.rfc3339) }
        if !reason.isEmpty { object["reason"] = .string(reason) }
        if !message.isEmpty { object["message"] = .string(message) }
        return .object(object)
    }

    static func list(_ json: JSON?) -> [WorkloadCondition] { json?.arrayValue?.map(WorkloadCondition.init) ?? [] }
}

extension Array where Element == WorkloadCondition {
    /// `GetDeploymentCondition`.
    public func condition(ofType type: String) -> WorkloadCondition? { first { $0.type == type } }

    /// `SetDeploymentCondition` / `SetCondition`: a condition with the same status and reason as the current one changes
    /// nothing (message and times included); one with the same status keeps the current `lastTransitionTime`; the new
    /// condition goes to the end.
    public mutating func setCondition(_ condition: WorkloadCondition) {
        var condition = condition
        if let current = self.condition(ofType: condition.type) {
            if current.status == condition.status && current.reason == condition.reason { return }
            if current.status == condition.status { condition.lastTransitionTime = current.lastTransitionTime }
        }
        removeCondition(ofType: condition.type)
        append(condition)
    }

    public mutating func removeCondition(ofType type: String) { removeAll { $0.type == type } }

    var json: JSON { .array(map(\.json)) }
}
