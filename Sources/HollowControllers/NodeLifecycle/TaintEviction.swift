import HollowModel

/// What taint-based eviction decides for one pod on one node.
public enum TaintEvictionDecision: Sendable, Hashable, CustomStringConvertible {
    /// A NoExecute taint is not tolerated, or a toleration allows 0 s or less: delete the pod now.
    case evictNow
    /// Every NoExecute taint is tolerated, some only for a while: delete the pod at this time unless the taints
    /// go away first.
    case evictAt(Timestamp)
    /// No NoExecute taint, or every one tolerated forever: leave the pod, cancelling any eviction scheduled for it.
    case keep

    public var description: String {
        switch self {
        case .evictNow: "evictNow"
        case .evictAt(let time): "evictAt(\(time.rfc3339))"
        case .keep: "keep"
        }
    }
}

/// The decisions of the NoExecute taint manager (pkg/controller/tainteviction): whether and when a pod bound to a
/// tainted node is deleted, from the pod's tolerations and the node's NoExecute taints.
public enum TaintEviction {
    /// One entry of a pod's `spec.tolerations` (`v1.Toleration`).
    public struct Toleration: Sendable, Hashable {
        /// `Equal` (also written as an empty string), `Exists`, and the numeric `Lt`/`Gt` (alpha
        /// TaintTolerationComparisonOperators).
        public struct Operator: RawRepresentable, Sendable, Hashable {
            public var rawValue: String
            public init(rawValue: String) { self.rawValue = rawValue }
            public static let equal = Operator(rawValue: "Equal")
            public static let exists = Operator(rawValue: "Exists")
            public static let lessThan = Operator(rawValue: "Lt")
            public static let greaterThan = Operator(rawValue: "Gt")
        }

        /// Empty: every key (with `Exists`).
        public var key: String
        public var `operator`: Operator
        public var value: String
        /// Empty: every effect.
        public var effect: NodeLifecycle.Taint.Effect
        /// How long a NoExecute taint is tolerated; `nil` for ever, 0 or less not at all.
        public var tolerationSeconds: Int64?

        public init(
            key: String = "", operator: Operator = .equal, value: String = "",
            effect: NodeLifecycle.Taint.Effect = NodeLifecycle.Taint.Effect(rawValue: ""),
            tolerationSeconds: Int64? = nil
        ) {
            self.key = key
            self.operator = `operator`
            self.value = value
            self.effect = effect
            self.tolerationSeconds = tolerationSeconds
        }

        public init(_ json: JSON) {
            key = json["key"]?.stringValue ?? ""
            `operator` = Operator(rawValue: json["operator"]?.stringValue ?? "")
            value = json["value"]?.stringValue ?? ""
            effect = NodeLifecycle.Taint.Effect(rawValue: json["effect"]?.stringValue ?? "")
            tolerationSeconds = json["tolerationSeconds"]?.intValue
        }

        /// Go's field order, empty fields omitted.
        public var json: JSON {
            var object: JSONObject = [:]
            if !key.isEmpty { object["key"] = .string(key) }
            if !`operator`.rawValue.isEmpty { object["operator"] = .string(`operator`.rawValue) }
            if !value.isEmpty { object["value"] = .string(value) }
            if !effect.rawValue.isEmpty { object["effect"] = .string(effect.rawValue) }
            if let tolerationSeconds { object["tolerationSeconds"] = .int(tolerationSeconds) }
            return .object(object)
        }

        /// `ToleratesTaint` (k8s.io/api core/v1 toleration.go): the effect matches (or is empty), the key matches
        /// (or is empty), and the operator accepts the value: `Equal`/empty compares strings, `Exists` takes any,
        /// `Lt`/`Gt` compare both values as base-10 `int64` (the taint's less/greater than the toleration's; false
        /// when either does not parse); any other operator tolerates nothing.
        public func tolerates(_ taint: NodeLifecycle.Taint) -> Bool {
            if !effect.rawValue.isEmpty && effect != taint.effect { return false }
            if !key.isEmpty && key != taint.key { return false }
            switch `operator`.rawValue {
            case "", Operator.equal.rawValue:
                return value == taint.value
            case Operator.exists.rawValue:
                return true
            case Operator.lessThan.rawValue, Operator.greaterThan.rawValue:
                guard let tolerationValue = Int64(value), let taintValue = Int64(taint.value) else { return false }
                return `operator` == .lessThan ? taintValue < tolerationValue : taintValue > tolerationValue
            default:
                return false
            }
        }

        /// The `not-ready:NoExecute` toleration the DefaultTolerationSeconds admission plugin gives every pod that
        /// has none (300 s by default).
        public static func defaultNotReady(seconds: Int64 = 300) -> Toleration {
            Toleration(
                key: NodeLifecycle.notReadyTaintKey, operator: .exists, effect: .noExecute, tolerationSeconds: seconds)
        }

        /// The `unreachable:NoExecute` toleration DefaultTolerationSeconds adds (300 s by default).
        public static func defaultUnreachable(seconds: Int64 = 300) -> Toleration {
            Toleration(
                key: NodeLifecycle.unreachableTaintKey, operator: .exists, effect: .noExecute,
                tolerationSeconds: seconds)
        }
    }

    /// The pod's `spec.tolerations`, in order.
    public static func tolerations(of pod: Pod) -> [Toleration] {
        pod.object[path: ["spec", "tolerations"]]?.arrayValue?.map(Toleration.init) ?? []
    }

    /// `getNoExecuteTaints`.
    public static func noExecuteTaints(_ taints: [NodeLifecycle.Taint]) -> [NodeLifecycle.Taint] {
        taints.filter { $0.effect == .noExecute }
    }

    /// `GetMatchingTolerations`: for each taint, the first toleration that tolerates it; `nil` when some taint is
    /// not tolerated. No taints: an empty list.
    public static func matchingTolerations(taints: [NodeLifecycle.Taint], tolerations: [Toleration]) -> [Toleration]? {
        var used: [Toleration] = []
        for taint in taints {
            guard let toleration = tolerations.first(where: { $0.tolerates(taint) }) else { return nil }
            used.append(toleration)
        }
        return used
    }

    /// `getMinTolerationTime`: the shortest `tolerationSeconds` among `tolerations`; `.zero` when the list is empty
    /// or any is 0 or less; `nil` (tolerated for ever) when none has a limit.
    public static func minTolerationTime(_ tolerations: [Toleration]) -> Duration? {
        guard !tolerations.isEmpty else { return .zero }
        var shortest: Int64?
        for toleration in tolerations {
            guard let seconds = toleration.tolerationSeconds else { continue }
            if seconds <= 0 { return .zero }
            shortest = min(shortest ?? seconds, seconds)
        }
        return shortest.map { .seconds($0) }
    }

    /// processPodOnNode, as a function of values: what to do with a pod whose node has `taints`.
    ///
    /// Only NoExecute taints count. Any not tolerated → `.evictNow`. Otherwise each taint runs its own clock: it is
    /// tolerated for the `tolerationSeconds` of the first toleration that tolerates it (none: for ever; 0 or less:
    /// `.evictNow`), counted from its `timeAdded` — or from `observedSince` when it has none — but never from
    /// before `notBefore`; the pod goes when the first clock runs out (`.evictAt`, or `.evictNow` once that time is
    /// not after `now`). With a single taint, or taints added together, that is kube's "start + minimum
    /// tolerationSeconds among the tolerations used".
    ///
    /// Kube starts the clock when its taint manager first sees the pod on the tainted node, so a controller restart
    /// restarts it; counting from `timeAdded`, which the node controller stamps, gives the same time without
    /// remembering anything.
    ///
    /// - Parameters:
    ///   - observedSince: when the pod was first seen on the tainted node (the runner's record, e.g.
    ///     ``TaintEvictionSchedule``); `now` when `nil`.
    ///   - notBefore: the earliest the pod can have been exposed (its `creationTimestamp`): a pod created on a node
    ///     tainted long ago still gets its whole toleration.
    public static func decision(
        tolerations: [Toleration], taints: [NodeLifecycle.Taint], now: Timestamp, observedSince: Timestamp? = nil,
        notBefore: Timestamp? = nil
    ) -> TaintEvictionDecision {
        let taints = noExecuteTaints(taints)
        guard !taints.isEmpty else { return .keep }
        var deadline: Timestamp?
        for taint in taints {
            guard let toleration = tolerations.first(where: { $0.tolerates(taint) }) else { return .evictNow }
            guard let seconds = toleration.tolerationSeconds else { continue }
            guard seconds > 0 else { return .evictNow }
            var start = taint.timeAdded ?? observedSince ?? now
            if let notBefore, notBefore > start { start = notBefore }
            let end = start.adding(.seconds(seconds))
            deadline = min(deadline ?? end, end)
        }
        guard let deadline else { return .keep }
        return deadline > now ? .evictAt(deadline) : .evictNow
    }

    /// ``decision(tolerations:taints:now:observedSince:notBefore:)`` for `pod` on a node with `nodeTaints`, with
    /// the pod's `creationTimestamp` as `notBefore`. A pod bound to no node is kept.
    public static func decision(
        for pod: Pod, nodeTaints: [NodeLifecycle.Taint], now: Timestamp, observedSince: Timestamp? = nil
    ) -> TaintEvictionDecision {
        guard pod.nodeName != nil else { return .keep }
        return decision(
            tolerations: tolerations(of: pod), taints: nodeTaints, now: now, observedSince: observedSince,
            notBefore: pod.metadata.creationTimestamp)
    }

    // MARK: The delete

    /// Reason of the `DisruptionTarget` condition the taint manager sets before it deletes a pod.
    public static let disruptionTargetReason = "DeletionByTaintManager"
    public static let disruptionTargetMessage = "Taint manager: deleting due to NoExecute taint"

    /// The pod condition `DisruptionTarget=True`, reason `DeletionByTaintManager`, message `Taint manager: deleting
    /// due to NoExecute taint`, transition time `now`.
    public static func disruptionTargetCondition(now: Timestamp) -> JSON {
        NodeLifecycle.podCondition(
            type: NodeLifecycle.PodConditionType.disruptionTarget, status: NodeLifecycle.ConditionStatus.true,
            reason: disruptionTargetReason, message: disruptionTargetMessage, now: now)
    }

    /// addConditionAndDeletePod's first half: `pod` with the `DisruptionTarget` condition set, or `nil` when it
    /// already has it. Patch the status (``NodeLifecycle/podStatusPatch(uid:conditions:)`` with
    /// ``disruptionTargetCondition(now:)``), then delete the pod with default options — its own grace period.
    public static func markingDisruptionTarget(_ pod: Pod, now: Timestamp) -> Pod? {
        guard
            let conditions = Pod.updatingCondition(
                disruptionTargetCondition(now: now), in: NodeLifecycle.conditions(of: pod.object), now: now)
        else { return nil }
        var pod = pod
        pod.object = NodeLifecycle.settingConditions(conditions, on: pod.object)
        return pod
    }
}
