import HollowModel

extension ReplicaSet {
    /// `apps/v1`, `ReplicaSet`: for controller references, since listed objects carry no `apiVersion` or `kind`.
    public static let apiVersion = "apps/v1"
    public static let kindName = "ReplicaSet"

    /// `spec.replicas`, 1 when unset (apps/v1's default).
    public var replicas: Int {
        get { object[path: ["spec", "replicas"]]?.intValue.map(Int.init) ?? 1 }
        set { object[path: ["spec", "replicas"]] = .int(Int64(newValue)) }
    }

    public var minReadySeconds: Int {
        get { object[path: ["spec", "minReadySeconds"]]?.intValue.map(Int.init) ?? 0 }
        set { object[path: ["spec", "minReadySeconds"]] = newValue == 0 ? nil : .int(Int64(newValue)) }
    }

    /// `spec.selector` as a `metav1.LabelSelector`.
    public var selector: JSON? { object[path: ["spec", "selector"]] }

    /// `spec.template`, the `PodTemplateSpec`.
    public var template: JSON? { object[path: ["spec", "template"]] }

    /// `status`, typed.
    public var status: ReplicaSetStatus {
        get { ReplicaSetStatus(json: object["status"]) }
        set { object["status"] = newValue.json }
    }

    var creationOrder: (Timestamp, String) { (metadata.creationTimestamp ?? Timestamp(secondsSinceEpoch: .min / 2), name) }
}

/// `apps/v1` `ReplicaSetStatus`.
public struct ReplicaSetStatus: Sendable, Equatable {
    public var replicas = 0
    public var fullyLabeledReplicas = 0
    public var readyReplicas = 0
    public var availableReplicas = 0
    public var observedGeneration: Int64 = 0
    public var conditions: [WorkloadCondition] = []

    public init() {}

    public init(json: JSON?) {
        func int(_ key: String) -> Int { json?[key]?.intValue.map(Int.init) ?? 0 }
        replicas = int("replicas")
        fullyLabeledReplicas = int("fullyLabeledReplicas")
        readyReplicas = int("readyReplicas")
        availableReplicas = int("availableReplicas")
        observedGeneration = json?["observedGeneration"]?.intValue ?? 0
        conditions = WorkloadCondition.list(json?["conditions"])
    }

    /// The status as the Go type renders it: `replicas` always, the other counts when not zero.
    public var json: JSON {
        var object: JSONObject = ["replicas": .int(Int64(replicas))]
        if fullyLabeledReplicas != 0 { object["fullyLabeledReplicas"] = .int(Int64(fullyLabeledReplicas)) }
        if readyReplicas != 0 { object["readyReplicas"] = .int(Int64(readyReplicas)) }
        if availableReplicas != 0 { object["availableReplicas"] = .int(Int64(availableReplicas)) }
        if observedGeneration != 0 { object["observedGeneration"] = .int(observedGeneration) }
        if !conditions.isEmpty { object["conditions"] = conditions.json }
        return .object(object)
    }
}

/// `ReplicaSetsByCreationTimestamp`: oldest first (no timestamp counts as oldest), name as the tie breaker.
func replicaSetCreatedBefore(_ lhs: ReplicaSet, _ rhs: ReplicaSet) -> Bool {
    let (lhsTime, lhsName) = lhs.creationOrder, (rhsTime, rhsName) = rhs.creationOrder
    if lhsTime == rhsTime { return lhsName.utf8.lexicographicallyPrecedes(rhsName.utf8) }
    return lhsTime < rhsTime
}
