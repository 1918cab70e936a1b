import HollowModel

extension NodeLifecycle {
    /// A read-only view of one node condition (`v1.NodeCondition`).
    public struct NodeCondition: Sendable, Equatable {
        public var type: String
        public var status: String
        public var reason: String
        public var message: String
        public var lastHeartbeatTime: Timestamp?
        public var lastTransitionTime: Timestamp?

        public init(_ json: JSON) {
            type = json["type"]?.stringValue ?? ""
            status = json["status"]?.stringValue ?? ""
            reason = json["reason"]?.stringValue ?? ""
            message = json["message"]?.stringValue ?? ""
            lastHeartbeatTime = json["lastHeartbeatTime"]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
            lastTransitionTime = json["lastTransitionTime"]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
        }

        /// A condition in Go's field order: `type`, `status`, `lastHeartbeatTime`, `lastTransitionTime`, `reason`,
        /// `message` (times in whole seconds; an absent time is written `null`, as Go writes a zero `metav1.Time`).
        public static func json(
            type: String, status: String, lastHeartbeatTime: Timestamp?, lastTransitionTime: Timestamp?,
            reason: String, message: String
        ) -> JSON {
            var object: JSONObject = ["type": .string(type), "status": .string(status)]
            object["lastHeartbeatTime"] = lastHeartbeatTime.map { .string($0.rfc3339) } ?? .null
            object["lastTransitionTime"] = lastTransitionTime.map { .string($0.rfc3339) } ?? .null
            if !reason.isEmpty { object["reason"] = .string(reason) }
            if !message.isEmpty { object["message"] = .string(message) }
            return .object(object)
        }
    }

    /// `status.conditions` of a node or pod, as written.
    public static func conditions(of object: JSON) -> [JSON] {
        object[path: ["status", "conditions"]]?.arrayValue ?? []
    }

    /// The node's condition of `type` (kube's `GetNodeCondition`), if it has one.
    public static func condition(_ type: String, of node: Node) -> NodeCondition? {
        conditions(of: node.object).first { $0["type"]?.stringValue == type }.map(NodeCondition.init)
    }

    /// The status of the node's Ready condition (`True`, `False`, `Unknown`), or `nil` when it has none.
    public static func readyStatus(of node: Node) -> String? {
        condition(ConditionType.ready, of: node)?.status
    }

    /// `object` with `status.conditions` replaced (removed when empty).
    static func settingConditions(_ conditions: [JSON], on object: JSON) -> JSON {
        var object = object
        object[path: ["status", "conditions"]] = conditions.isEmpty ? nil : .array(conditions)
        return object
    }

    static func index(ofCondition type: String, in conditions: [JSON]) -> Int? {
        conditions.firstIndex { $0["type"]?.stringValue == type }
    }
}
