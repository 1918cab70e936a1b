import HollowModel

// The arithmetic of rollouts and scaling (`deployment_util.go`): surge and unavailability, the new ReplicaSet's size,
// saturation, and the proportions of a scaling event.

extension DeploymentSync {
    /// `ResolveFenceposts`: `maxSurge` rounded up and `maxUnavailable` rounded down against `desired`; when both come
    /// to zero, unavailability is 1 (validation forbids both zero, but rounding down can produce it).
    public static func resolveFenceposts(
        maxSurge: JSON?, maxUnavailable: JSON?, desired: Int
    ) throws(WorkloadError) -> (surge: Int, unavailable: Int) {
        let surge = try WorkloadIntOrPercent.scaledValue(maxSurge, total: desired, roundUp: true)
        var unavailable = try WorkloadIntOrPercent.scaledValue(maxUnavailable, total: desired, roundUp: false)
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    /// `MaxSurge`: 0 unless RollingUpdate. (A malformed value counts as 0; `plan` refuses such a Deployment first.)
    public static func maxSurge(_ deployment: Deployment) -> Int {
        guard deployment.isRollingUpdate else { return 0 }
        return (try? resolveFenceposts(
            maxSurge: deployment.maxSurgeValue, maxUnavailable: deployment.maxUnavailableValue,
            desired: deployment.replicas))?.surge ?? 0
    }

    /// `MaxUnavailable`: 0 unless RollingUpdate with replicas, and never more than the replicas.
    public static func maxUnavailable(_ deployment: Deployment) -> Int {
        guard deployment.isRollingUpdate, deployment.replicas != 0 else { return 0 }
        let unavailable =
            (try? resolveFenceposts(
                maxSurge: deployment.maxSurgeValue, maxUnavailable: deployment.maxUnavailableValue,
                desired: deployment.replicas))?.unavailable ?? 0
        return min(unavailable, deployment.replicas)
    }

    /// `MinAvailable`: replicas less `maxUnavailable`, 0 unless RollingUpdate.
    public static func minAvailable(_ deployment: Deployment) -> Int {
        guard deployment.isRollingUpdate else { return 0 }
        return deployment.replicas - maxUnavailable(deployment)
    }

    /// `NewRSNewReplicas`: for RollingUpdate, grow the new ReplicaSet as far as `replicas + maxSurge` pods in all
    /// allows, never past `replicas`; for Recreate, `replicas`.
    public static func newReplicaSetReplicas(
        deployment: Deployment, allReplicaSets: [ReplicaSet], newReplicaSet: ReplicaSet
    ) throws(WorkloadError) -> Int {
        switch deployment.strategyType {
        case "RollingUpdate":
            let surge = try WorkloadIntOrPercent.scaledValue(
                deployment.maxSurgeValue, total: deployment.replicas, roundUp: true)
            let current = replicaCount(allReplicaSets)
            let maxTotal = deployment.replicas + surge
            if current >= maxTotal { return newReplicaSet.replicas }
            let scaleUp = min(maxTotal - current, deployment.replicas - newReplicaSet.replicas)
            return newReplicaSet.replicas + scaleUp
        case "Recreate":
            return deployment.replicas
        default:
            throw .unsupportedStrategy("deployment type \(deployment.strategyType) isn't supported")
        }
    }

    /// `IsSaturated`: the ReplicaSet has the Deployment's replicas, believes so (its desired-replicas annotation), and
    /// all of them are available.
    public static func isSaturated(deployment: Deployment, replicaSet: ReplicaSet?) -> Bool {
        guard let replicaSet, let desired = replicaSet.metadata.annotations[desiredReplicasAnnotation].flatMap({ Int($0) })
        else { return false }
        return replicaSet.replicas == deployment.replicas && desired == deployment.replicas
            && replicaSet.status.availableReplicas == deployment.replicas
    }

    /// `FindActiveOrLatest`: the only ReplicaSet with replicas; with none, the new one or else the newest old one; with
    /// several, `nil` (they are scaled proportionally).
    public static func findActiveOrLatest(newReplicaSet: ReplicaSet?, oldReplicaSets: [ReplicaSet]) -> ReplicaSet? {
        if newReplicaSet == nil && oldReplicaSets.isEmpty { return nil }
        let newestFirst = oldReplicaSets.sorted { replicaSetCreatedBefore($1, $0) }
        let active = (newestFirst + [newReplicaSet].compactMap { $0 }).filter { $0.replicas > 0 }
        switch active.count {
        case 0: return newReplicaSet ?? newestFirst[0]
        case 1: return active[0]
        default: return nil
        }
    }

    /// `GetProportion`: how many of `toAdd` (negative when scaling down) `replicaSet` takes, given `added` so far:
    /// its fraction, bounded by what is left.
    public static func proportion(
        of replicaSet: ReplicaSet?, deployment: Deployment, toAdd: Int, added: Int
    ) -> Int {
        guard let replicaSet, replicaSet.replicas != 0, toAdd != 0, toAdd != added else { return 0 }
        let fraction = replicaSetFraction(replicaSet, deployment: deployment)
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    /// `getReplicaSetFraction`: the ReplicaSet's share of the change from the size recorded in its max-replicas
    /// annotation to `replicas + maxSurge`, rounded half away from zero. Without a usable annotation the Deployment's
    /// `status.replicas` stands in; when that is 0 too the ReplicaSet does not scale.
    static func replicaSetFraction(_ replicaSet: ReplicaSet, deployment: Deployment) -> Int {
        if deployment.replicas == 0 { return -replicaSet.replicas }
        let deploymentMaxReplicas = deployment.replicas + maxSurge(deployment)
        var before = nonNegativeAnnotation(replicaSet, maxReplicasAnnotation) ?? 0
        if before == 0 { before = deployment.status.replicas }
        guard before > 0 else { return 0 }
        let size = Double(replicaSet.replicas * deploymentMaxReplicas) / Double(before)
        return Int(size.rounded(.toNearestOrAwayFromZero)) - replicaSet.replicas
    }

    /// `GetReplicaCountForReplicaSets`: the sum of `spec.replicas`.
    static func replicaCount(_ replicaSets: [ReplicaSet]) -> Int { replicaSets.reduce(0) { $0 + $1.replicas } }

    /// `FilterActiveReplicaSets`.
    static func active(_ replicaSets: [ReplicaSet]) -> [ReplicaSet] { replicaSets.filter { $0.replicas > 0 } }
}
