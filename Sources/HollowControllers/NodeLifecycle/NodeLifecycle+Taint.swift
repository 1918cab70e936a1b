import HollowModel

extension NodeLifecycle {
    /// One entry of a node's `spec.taints` (`v1.Taint`).
    ///
    /// Taints are unique on a node by key and effect (``matches(_:)``); `timeAdded` is set only on NoExecute taints
    /// by kube's API validation but the node controller stamps it on every taint it adds.
    public struct Taint: Sendable, Hashable, CustomStringConvertible {
        /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`; other spellings are kept as written.
        public struct Effect: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
            public var rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            public static let noSchedule = Effect(rawValue: "NoSchedule")
            public static let preferNoSchedule = Effect(rawValue: "PreferNoSchedule")
            public static let noExecute = Effect(rawValue: "NoExecute")
            public var description: String { rawValue }
        }

        public var key: String
        public var value: String
        public var effect: Effect
        /// When the taint was added (`metav1.Time`, whole seconds on the wire).
        public var timeAdded: Timestamp?

        public init(key: String, value: String = "", effect: Effect, timeAdded: Timestamp? = nil) {
            self.key = key
            self.value = value
            self.effect = effect
            self.timeAdded = timeAdded
        }

        /// Reads a taint from its JSON; missing fields read as empty, an unparsable `timeAdded` as absent.
        public init(_ json: JSON) {
            key = json["key"]?.stringValue ?? ""
            value = json["value"]?.stringValue ?? ""
            effect = Effect(rawValue: json["effect"]?.stringValue ?? "")
            timeAdded = json["timeAdded"]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
        }

        /// The taint as Go writes it: `key`, `value` (omitted when empty), `effect`, `timeAdded` (omitted when
        /// absent, whole seconds).
        public var json: JSON {
            var object: JSONObject = ["key": .string(key)]
            if !value.isEmpty { object["value"] = .string(value) }
            object["effect"] = .string(effect.rawValue)
            if let timeAdded { object["timeAdded"] = .string(timeAdded.rfc3339) }
            return .object(object)
        }

        /// kube's `MatchTaint`: the same key and effect, whatever the value and time.
        public func matches(_ other: Taint) -> Bool { key == other.key && effect == other.effect }

        /// `key=value:effect`, or `key:effect` with no value (kube's `Taint.ToString`).
        public var description: String {
            value.isEmpty ? "\(key):\(effect.rawValue)" : "\(key)=\(value):\(effect.rawValue)"
        }

        /// The node controller's `not-ready` NoExecute taint (NotReadyTaintTemplate).
        public static func notReady(timeAdded: Timestamp? = nil) -> Taint {
            Taint(key: NodeLifecycle.notReadyTaintKey, effect: .noExecute, timeAdded: timeAdded?.truncatedToSeconds)
        }

        /// The node controller's `unreachable` NoExecute taint (UnreachableTaintTemplate).
        public static func unreachable(timeAdded: Timestamp? = nil) -> Taint {
            Taint(
                key: NodeLifecycle.unreachableTaintKey, effect: .noExecute, timeAdded: timeAdded?.truncatedToSeconds)
        }
    }

    /// The node's `spec.taints`, in order.
    public static func taints(of node: Node) -> [Taint] {
        node.object[path: ["spec", "taints"]]?.arrayValue?.map(Taint.init) ?? []
    }

    /// `node` with `spec.taints` replaced; an empty list removes the field, as Go's `omitempty` does.
    public static func settingTaints(_ taints: [Taint], on node: Node) -> Node {
        var node = node
        node.object[path: ["spec", "taints"]] = taints.isEmpty ? nil : .array(taints.map(\.json))
        return node
    }

    /// The strategic merge patch kube's `PatchNodeTaints` sends: `spec.taints` replaced whole (the field has no
    /// merge key) with `metadata.resourceVersion` as a precondition, so a concurrent writer's taint is not lost.
    /// An empty list is written as `null`, which deletes the field.
    public static func taintsPatch(_ taints: [Taint], resourceVersion: String?) -> JSON {
        var patch: JSONObject = [:]
        if let resourceVersion, !resourceVersion.isEmpty {
            patch["metadata"] = ["resourceVersion": .string(resourceVersion)]
        }
        patch["spec"] = ["taints": taints.isEmpty ? .null : .array(taints.map(\.json))]
        return .object(patch)
    }

    // MARK: pkg/util/taints

    /// `TaintExists`: a taint with the same key and effect is in `taints`.
    public static func taintExists(_ taint: Taint, in taints: [Taint]) -> Bool {
        taints.contains { $0.matches(taint) }
    }

    /// `AddOrUpdateTaint`: replaces the taint with the same key and effect in place when it differs, else appends.
    /// Returns whether `taints` changed.
    @discardableResult
    static func addOrUpdateTaint(_ taint: Taint, in taints: inout [Taint]) -> Bool {
        if let index = taints.firstIndex(where: { $0.matches(taint) }) {
            guard taints[index] != taint else { return false }
            taints[index] = taint
            return true
        }
        taints.append(taint)
        return true
    }

    /// `DeleteTaint`: removes every taint with the same key and effect. Returns whether `taints` changed.
    @discardableResult
    static func deleteTaint(_ taint: Taint, from taints: inout [Taint]) -> Bool {
        let count = taints.count
        taints.removeAll { $0.matches(taint) }
        return taints.count != count
    }

    /// `TaintSetDiff`: taints of `new` absent from `old` (to add) and of `old` absent from `new` (to remove), by
    /// key and effect.
    static func taintSetDiff(_ new: [Taint], _ old: [Taint]) -> (add: [Taint], remove: [Taint]) {
        (new.filter { !taintExists($0, in: old) }, old.filter { !taintExists($0, in: new) })
    }
}
