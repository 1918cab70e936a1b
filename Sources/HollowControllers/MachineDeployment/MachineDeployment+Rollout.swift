import HollowModel

/// The rollout fields of a `machine.openshift.io/v1beta1` MachineDeployment, with the defaults of OpenShift's
/// cluster-api fork (`PopulateDefaultsMachineDeployment`): strategy RollingUpdate, `maxSurge` 1, `maxUnavailable` 0,
/// `revisionHistoryLimit` 1, `minReadySeconds` 0.
extension MachineDeployment {
    /// `spec.strategy.type`, `RollingUpdate` when unset (the only type the fork knows).
    public var strategyType: String {
        let value = object[path: ["spec", "strategy", "type"]]?.stringValue ?? ""
        return value.isEmpty ? "RollingUpdate" : value
    }

    /// `spec.strategy.rollingUpdate.maxSurge`, an int or a percentage; 1 when unset.
    public var maxSurgeValue: JSON { object[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] ?? .int(1) }

    /// `spec.strategy.rollingUpdate.maxUnavailable`, an int or a percentage; 0 when unset.
    public var maxUnavailableValue: JSON {
        object[path: ["spec", "strategy", "rollingUpdate", "maxUnavailable"]] ?? .int(0)
    }

    /// `spec.revisionHistoryLimit`: old MachineSets kept; 1 when unset.
    public var revisionHistoryLimit: Int {
        object[path: ["spec", "revisionHistoryLimit"]]?.intValue.map(Int.init) ?? 1
    }

    public var minReadySeconds: Int { object[path: ["spec", "minReadySeconds"]]?.intValue.map(Int.init) ?? 0 }

    public var paused: Bool { object[path: ["spec", "paused"]]?.boolValue ?? false }

    /// `status`, typed.
    public var status: MachineDeploymentStatus {
        get { MachineDeploymentStatus(json: object["status"]) }
        set { object["status"] = newValue.json }
    }
}

/// `MachineDeploymentStatus`.
public struct MachineDeploymentStatus: Sendable, Equatable {
    public var observedGeneration: Int64 = 0
    public var replicas = 0
    public var updatedReplicas = 0
    public var readyReplicas = 0
    public var availableReplicas = 0
    public var unavailableReplicas = 0
    /// `spec.selector` as a string, for the scale subresource's `status.selector`.
    public var labelSelector: String?

    public init() {}

    public init(json: JSON?) {
        func int(_ key: String) -> Int { json?[key]?.intValue.map(Int.init) ?? 0 }
        observedGeneration = json?["observedGeneration"]?.intValue ?? 0
        replicas = int("replicas")
        updatedReplicas = int("updatedReplicas")
        readyReplicas = int("readyReplicas")
        availableReplicas = int("availableReplicas")
        unavailableReplicas = int("unavailableReplicas")
        labelSelector = json?["labelSelector"]?.stringValue
    }

    /// Every member, zeros included, so that a merge patch of it replaces the whole status.
    public var json: JSON {
        [
            "observedGeneration": .int(observedGeneration), "replicas": .int(Int64(replicas)),
            "updatedReplicas": .int(Int64(updatedReplicas)), "readyReplicas": .int(Int64(readyReplicas)),
            "availableReplicas": .int(Int64(availableReplicas)), "unavailableReplicas": .int(Int64(unavailableReplicas)),
            "labelSelector": labelSelector.map(JSON.string) ?? .null,
        ]
    }
}

extension MachineSet {
    /// `metadata.creationTimestamp` and name, for the oldest-first orders (no timestamp counts as oldest).
    var creationOrder: (Timestamp, String) {
        (metadata.creationTimestamp ?? Timestamp(secondsSinceEpoch: .min / 2), name)
    }

    /// `MachineSetsByCreationTimestamp`: oldest first, name as the tie breaker.
    static func createdBefore(_ lhs: MachineSet, _ rhs: MachineSet) -> Bool {
        let (lhsTime, lhsName) = lhs.creationOrder, (rhsTime, rhsName) = rhs.creationOrder
        if lhsTime == rhsTime { return lhsName.utf8.lexicographicallyPrecedes(rhsName.utf8) }
        return lhsTime < rhsTime
    }
}
