import HollowModel

/// Spec fields read with apps/v1's defaults applied (`SetDefaults_Deployment`), so an object stored without them
/// behaves as kube-apiserver would have stored it: 1 replica, RollingUpdate with 25% surge and 25% unavailable, 10
/// revisions of history, a 600 s progress deadline.
extension Deployment {
    public static let apiVersion = "apps/v1"
    public static let kindName = "Deployment"
    /// `math.MaxInt32`: the "no limit" value of `revisionHistoryLimit` and `progressDeadlineSeconds`.
    static let unlimited = Int(Int32.max)

    public var replicas: Int {
        get { object[path: ["spec", "replicas"]]?.intValue.map(Int.init) ?? 1 }
        set { object[path: ["spec", "replicas"]] = .int(Int64(newValue)) }
    }

    public var minReadySeconds: Int { object[path: ["spec", "minReadySeconds"]]?.intValue.map(Int.init) ?? 0 }

    /// `spec.revisionHistoryLimit`; `nil` when unlimited (`HasRevisionHistoryLimit` is false).
    public var revisionHistoryLimit: Int? {
        let limit = object[path: ["spec", "revisionHistoryLimit"]]?.intValue.map(Int.init) ?? 10
        return limit == Self.unlimited ? nil : limit
    }

    /// `spec.progressDeadlineSeconds`; `nil` when there is none (`HasProgressDeadline` is false).
    public var progressDeadlineSeconds: Int? {
        let deadline = object[path: ["spec", "progressDeadlineSeconds"]]?.intValue.map(Int.init) ?? 600
        return deadline == Self.unlimited ? nil : deadline
    }

    public var paused: Bool { object[path: ["spec", "paused"]]?.boolValue ?? false }

    /// `spec.strategy.type`: `RollingUpdate` (the default) or `Recreate`.
    public var strategyType: String { object[path: ["spec", "strategy", "type"]]?.stringValue ?? "RollingUpdate" }

    public var isRollingUpdate: Bool { strategyType == "RollingUpdate" }

    /// `spec.strategy.rollingUpdate.maxSurge`, `25%` when unset.
    public var maxSurgeValue: JSON { object[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] ?? "25%" }

    /// `spec.strategy.rollingUpdate.maxUnavailable`, `25%` when unset.
    public var maxUnavailableValue: JSON {
        object[path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"]] ?? "25%"
    }

    public var selector: JSON? { object[path: ["spec", "selector"]] }
    public var template: JSON? { object[path: ["spec", "template"]] }

    public var status: DeploymentStatus {
        get { DeploymentStatus(json: object["status"]) }
        set { object["status"] = newValue.json }
    }
}

/// `apps/v1` `DeploymentStatus`.
public struct DeploymentStatus: Sendable, Equatable {
    public var observedGeneration: Int64 = 0
    public var replicas = 0
    public var updatedReplicas = 0
    public var readyReplicas = 0
    public var availableReplicas = 0
    public var unavailableReplicas = 0
    public var conditions: [WorkloadCondition] = []
    public var collisionCount: Int32?

    public init() {}

    public init(json: JSON?) {
        func int(_ key: String) -> Int { json?[key]?.intValue.map(Int.init) ?? 0 }
        observedGeneration = json?["observedGeneration"]?.intValue ?? 0
        replicas = int("replicas")
        updatedReplicas = int("updatedReplicas")
        readyReplicas = int("readyReplicas")
        availableReplicas = int("availableReplicas")
        unavailableReplicas = int("unavailableReplicas")
        conditions = WorkloadCondition.list(json?["conditions"])
        collisionCount = json?["collisionCount"]?.intValue.map { Int32(truncatingIfNeeded: $0) }
    }

    /// In the Go type's field order, zero counts left out (they are all `omitempty`).
    public var json: JSON {
        var object = JSONObject()
        func put(_ key: String, _ value: Int) { if value != 0 { object[key] = .int(Int64(value)) } }
        if observedGeneration != 0 { object["observedGeneration"] = .int(observedGeneration) }
        put("replicas", replicas)
        put("updatedReplicas", updatedReplicas)
        put("readyReplicas", readyReplicas)
        put("availableReplicas", availableReplicas)
        put("unavailableReplicas", unavailableReplicas)
        if !conditions.isEmpty { object["conditions"] = conditions.json }
        if let collisionCount { object["collisionCount"] = .int(Int64(collisionCount)) }
        return .object(object)
    }
}
