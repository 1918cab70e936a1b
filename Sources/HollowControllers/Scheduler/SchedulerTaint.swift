import HollowModel

/// One entry of a node's `spec.taints`.
public struct SchedulerTaint: Sendable, Hashable {
    public var key: String
    public var value: String
    /// `NoSchedule`, `PreferNoSchedule` or `NoExecute`.
    public var effect: String

    public init(key: String, value: String = "", effect: String) {
        self.key = key
        self.value = value
        self.effect = effect
    }

    init(_ json: JSON) {
        self.init(
            key: json["key"]?.stringValue ?? "", value: json["value"]?.stringValue ?? "",
            effect: json["effect"]?.stringValue ?? "")
    }

    public static let noSchedule = "NoSchedule"
    public static let preferNoSchedule = "PreferNoSchedule"
    public static let noExecute = "NoExecute"

    /// The taint a cordoned node stands for: a pod tolerating it may land on a node with `spec.unschedulable`
    /// (`v1.TaintNodeUnschedulable`).
    public static let unschedulable = SchedulerTaint(key: "node.kubernetes.io/unschedulable", effect: noSchedule)

    /// Whether the TaintToleration filter looks at this taint (`helper.DoNotScheduleTaintsFilterFunc`).
    var blocksScheduling: Bool { effect == Self.noSchedule || effect == Self.noExecute }
}

/// One entry of a pod's `spec.tolerations`.
public struct SchedulerToleration: Sendable, Hashable {
    public var key: String
    /// `Equal` (also when empty) or `Exists`. `Lt`/`Gt` belong to the alpha TaintTolerationComparisonOperators
    /// feature, off by default, and, as kube does with it off, match nothing.
    public var `operator`: String
    public var value: String
    /// Empty matches every effect.
    public var effect: String

    public init(key: String = "", operator: String = "Equal", value: String = "", effect: String = "") {
        self.key = key
        self.operator = `operator`
        self.value = value
        self.effect = effect
    }

    init(_ json: JSON) {
        self.init(
            key: json["key"]?.stringValue ?? "", operator: json["operator"]?.stringValue ?? "",
            value: json["value"]?.stringValue ?? "", effect: json["effect"]?.stringValue ?? "")
    }

    /// `Toleration.ToleratesTaint`: the effects match (or the toleration's is empty), the keys match (or the
    /// toleration's is empty, which with `Exists` tolerates everything), and the values are equal for `Equal`.
    public func tolerates(_ taint: SchedulerTaint) -> Bool {
        if !effect.isEmpty && effect != taint.effect { return false }
        if !key.isEmpty && key != taint.key { return false }
        switch `operator` {
        case "", "Equal": return value == taint.value
        case "Exists": return true
        default: return false
        }
    }
}

extension [SchedulerToleration] {
    /// `TolerationsTolerateTaint`: some toleration tolerates the taint.
    func tolerate(_ taint: SchedulerTaint) -> Bool { contains { $0.tolerates(taint) } }
}

extension Pod {
    /// `spec.tolerations`.
    public var schedulerTolerations: [SchedulerToleration] {
        (object[path: ["spec", "tolerations"]]?.arrayValue ?? []).map(SchedulerToleration.init)
    }
}

extension Node {
    /// `spec.taints`.
    public var schedulerTaints: [SchedulerTaint] {
        (object[path: ["spec", "taints"]]?.arrayValue ?? []).map(SchedulerTaint.init)
    }
}
