import HollowModel

// The strategies (`rolling.go`, `recreate.go`), scaling events and paused Deployments (`sync.go` sync and scale), and
// history cleanup (`cleanupDeployment`).

extension DeploymentSyncRun {
    // MARK: - RollingUpdate

    /// `rolloutRolling`: scale the new ReplicaSet up within `maxSurge`; if that did nothing, scale old ones down within
    /// `maxUnavailable`; if that did nothing either and the rollout is complete, clean up history.
    mutating func rolloutRolling(_ existingNew: ReplicaSet?, _ oldReplicaSets: [ReplicaSet]) throws(WorkloadError) {
        var newReplicaSet = existingNew
        if newReplicaSet == nil {
            newReplicaSet = createNewReplicaSet(
                oldReplicaSets: oldReplicaSets, newRevision: DeploymentSync.maxRevision(oldReplicaSets) + 1)
            if stopped { return }
        }
        guard let newReplicaSet else { return }
        let all = oldReplicaSets + [newReplicaSet]

        if try reconcileNewReplicaSet(all: all, new: newReplicaSet) {
            syncRolloutStatus(all: all, new: newReplicaSet)
            return
        }
        if reconcileOldReplicaSets(all: all, old: DeploymentSync.active(oldReplicaSets), new: newReplicaSet) {
            syncRolloutStatus(all: all, new: newReplicaSet)
            return
        }
        if DeploymentSync.deploymentComplete(deployment, status: deployment.status) {
            cleanupDeployment(oldReplicaSets)
        }
        syncRolloutStatus(all: all, new: newReplicaSet)
    }

    /// `reconcileNewReplicaSet`: down to `replicas` if above it, otherwise up to `NewRSNewReplicas`.
    mutating func reconcileNewReplicaSet(all: [ReplicaSet], new: ReplicaSet) throws(WorkloadError) -> Bool {
        if new.replicas == deployment.replicas { return false }
        if new.replicas > deployment.replicas {
            return scaleReplicaSetAndRecordEvent(new, to: deployment.replicas).0
        }
        let count = try DeploymentSync.newReplicaSetReplicas(
            deployment: deployment, allReplicaSets: all, newReplicaSet: new)
        return scaleReplicaSetAndRecordEvent(new, to: count).0
    }

    /// `reconcileOldReplicaSets`: scale old ReplicaSets down by at most
    /// `allPods - minAvailable - newReplicaSetUnavailable`, unhealthy replicas first.
    mutating func reconcileOldReplicaSets(all: [ReplicaSet], old: [ReplicaSet], new: ReplicaSet) -> Bool {
        let oldPodsCount = DeploymentSync.replicaCount(old)
        if oldPodsCount == 0 { return false }
        let allPodsCount = DeploymentSync.replicaCount(all)
        let minAvailable = deployment.replicas - DeploymentSync.maxUnavailable(deployment)
        let newUnavailable = new.replicas - new.status.availableReplicas
        let maxScaledDown = allPodsCount - minAvailable - newUnavailable
        if maxScaledDown <= 0 { return false }

        let (cleaned, cleanupCount) = cleanupUnhealthyReplicas(old, maxCleanupCount: maxScaledDown)
        let scaledDownCount = scaleDownOldReplicaSetsForRollingUpdate(all: cleaned + [new], old: cleaned)
        return cleanupCount + scaledDownCount > 0
    }

    /// `cleanupUnhealthyReplicas`: oldest first, remove replicas that are not available, `maxCleanupCount` in all.
    mutating func cleanupUnhealthyReplicas(_ old: [ReplicaSet], maxCleanupCount: Int) -> ([ReplicaSet], Int) {
        var old = old.sorted(by: replicaSetCreatedBefore)
        var total = 0
        for index in old.indices {
            if total >= maxCleanupCount { break }
            let target = old[index]
            if target.replicas == 0 { continue }
            if target.replicas == target.status.availableReplicas { continue }
            let count = min(maxCleanupCount - total, target.replicas - target.status.availableReplicas)
            let (_, updated) = scaleReplicaSetAndRecordEvent(target, to: target.replicas - count)
            total += count
            old[index] = updated
        }
        return (old, total)
    }

    /// `scaleDownOldReplicaSetsForRollingUpdate`: oldest first, remove as many replicas as there are available pods
    /// beyond `minAvailable`.
    mutating func scaleDownOldReplicaSetsForRollingUpdate(all: [ReplicaSet], old: [ReplicaSet]) -> Int {
        let minAvailable = deployment.replicas - DeploymentSync.maxUnavailable(deployment)
        let available = all.reduce(0) { $0 + $1.status.availableReplicas }
        if available <= minAvailable { return 0 }
        let totalScaleDown = available - minAvailable
        var total = 0
        for target in old.sorted(by: replicaSetCreatedBefore) {
            if total >= totalScaleDown { break }
            if target.replicas == 0 { continue }
            let count = min(target.replicas, totalScaleDown - total)
            scaleReplicaSetAndRecordEvent(target, to: target.replicas - count)
            total += count
        }
        return total
    }

    // MARK: - Recreate

    /// `rolloutRecreate`: scale every old ReplicaSet to zero, wait until none of their pods runs, then create (or
    /// scale up) the new one.
    mutating func rolloutRecreate(_ existingNew: ReplicaSet?, _ oldReplicaSets: [ReplicaSet]) throws(WorkloadError) {
        var newReplicaSet = existingNew
        var all = oldReplicaSets + [newReplicaSet].compactMap { $0 }

        var scaledDown = false
        for replicaSet in DeploymentSync.active(oldReplicaSets) {
            if scaleReplicaSetAndRecordEvent(replicaSet, to: 0).0 { scaledDown = true }
        }
        if scaledDown || oldPodsRunning(new: newReplicaSet, old: oldReplicaSets) {
            syncRolloutStatus(all: all, new: newReplicaSet)
            return
        }
        if newReplicaSet == nil {
            newReplicaSet = createNewReplicaSet(
                oldReplicaSets: oldReplicaSets, newRevision: DeploymentSync.maxRevision(oldReplicaSets) + 1)
            if stopped { return }
            all = oldReplicaSets + [newReplicaSet].compactMap { $0 }
        }
        if let newReplicaSet { scaleReplicaSetAndRecordEvent(newReplicaSet, to: deployment.replicas) }
        if DeploymentSync.deploymentComplete(deployment, status: deployment.status) {
            cleanupDeployment(oldReplicaSets)
        }
        syncRolloutStatus(all: all, new: newReplicaSet)
    }

    /// `oldPodsRunning`: an old ReplicaSet reports pods, or a pod controlled by one of the Deployment's ReplicaSets
    /// other than the new one is not Succeeded or Failed.
    func oldPodsRunning(new: ReplicaSet?, old: [ReplicaSet]) -> Bool {
        if old.reduce(0, { $0 + $1.status.replicas }) > 0 { return true }
        guard let selector = try? LabelSelector(labelSelector: deployment.selector) else { return false }
        let oldUIDs = Set(owned.compactMap(\.metadata.uid)).subtracting([new?.metadata.uid].compactMap { $0 })
        return pods.contains { pod in
            guard pod.namespace == deployment.namespace,
                let controller = pod.metadata.controllerReference, oldUIDs.contains(controller.uid),
                selector.matches(labels: pod.object[path: ["metadata", "labels"]])
            else { return false }
            return !WorkloadPod.isTerminal(pod)
        }
    }

    // MARK: - Scaling events and paused Deployments

    /// `sync`: scale proportionally, clean up history while paused, then the status without progress estimation.
    mutating func syncScale(_ newReplicaSet: ReplicaSet?, _ oldReplicaSets: [ReplicaSet]) {
        scale(newReplicaSet, oldReplicaSets)
        if deployment.paused { cleanupDeployment(oldReplicaSets) }
        syncDeploymentStatus(all: oldReplicaSets + [newReplicaSet].compactMap { $0 }, new: newReplicaSet)
    }

    /// `scale`: a lone active ReplicaSet takes the whole size; a saturated new one empties the old; otherwise, for
    /// RollingUpdate, the change up to `replicas + maxSurge` is shared in proportion, the leftover going to the first
    /// ReplicaSet (largest, newest first when growing; largest, oldest first when shrinking).
    mutating func scale(_ newReplicaSet: ReplicaSet?, _ oldReplicaSets: [ReplicaSet]) {
        if let activeOrLatest = DeploymentSync.findActiveOrLatest(
            newReplicaSet: newReplicaSet, oldReplicaSets: oldReplicaSets)
        {
            if activeOrLatest.replicas == deployment.replicas { return }
            scaleReplicaSetAndRecordEvent(activeOrLatest, to: deployment.replicas)
            return
        }
        if DeploymentSync.isSaturated(deployment: deployment, replicaSet: newReplicaSet) {
            for old in DeploymentSync.active(oldReplicaSets) { scaleReplicaSetAndRecordEvent(old, to: 0) }
            return
        }
        guard deployment.isRollingUpdate else { return }

        var all = DeploymentSync.active(oldReplicaSets + [newReplicaSet].compactMap { $0 })
        let allReplicas = DeploymentSync.replicaCount(all)
        let allowedSize = deployment.replicas > 0 ? deployment.replicas + DeploymentSync.maxSurge(deployment) : 0
        let toAdd = allowedSize - allReplicas
        if toAdd > 0 {
            all.sort { bySize($0, $1, newerFirst: true) }
        } else if toAdd < 0 {
            all.sort { bySize($0, $1, newerFirst: false) }
        }

        var added = 0
        var sizes: [Int] = []
        for replicaSet in all {
            if toAdd != 0 {
                let proportion = DeploymentSync.proportion(
                    of: replicaSet, deployment: deployment, toAdd: toAdd, added: added)
                sizes.append(replicaSet.replicas + proportion)
                added += proportion
            } else {
                sizes.append(replicaSet.replicas)
            }
        }
        for (index, replicaSet) in all.enumerated() {
            if index == 0 && toAdd != 0 { sizes[0] = max(sizes[0] + toAdd - added, 0) }
            scaleReplicaSet(replicaSet, to: sizes[index])
        }
    }

    /// `ReplicaSetsBySizeNewer` / `ReplicaSetsBySizeOlder`: larger first; equal sizes newer (or older) first.
    private func bySize(_ lhs: ReplicaSet, _ rhs: ReplicaSet, newerFirst: Bool) -> Bool {
        if lhs.replicas == rhs.replicas {
            return newerFirst ? replicaSetCreatedBefore(rhs, lhs) : replicaSetCreatedBefore(lhs, rhs)
        }
        return lhs.replicas > rhs.replicas
    }

    // MARK: - History

    /// `cleanupDeployment`: delete the oldest revisions beyond `revisionHistoryLimit`, skipping any that still has
    /// pods, wants pods, has an unobserved generation or is being deleted.
    mutating func cleanupDeployment(_ oldReplicaSets: [ReplicaSet]) {
        guard let limit = deployment.revisionHistoryLimit else { return }
        let cleanable = oldReplicaSets.filter { !WorkloadPod.isBeingDeleted($0) }
        let diff = cleanable.count - limit
        guard diff > 0 else { return }
        let byRevision = cleanable.sorted { lhs, rhs in
            let lhsRevision = DeploymentSync.revision(of: lhs), rhsRevision = DeploymentSync.revision(of: rhs)
            guard let lhsRevision, let rhsRevision, lhsRevision != rhsRevision else {
                return replicaSetCreatedBefore(lhs, rhs)
            }
            return lhsRevision < rhsRevision
        }
        for replicaSet in byRevision.prefix(diff) {
            if replicaSet.status.replicas != 0 || replicaSet.replicas != 0
                || replicaSet.metadata.generation > replicaSet.status.observedGeneration
            {
                continue
            }
            actions.append(.deleteReplicaSet(replicaSet))
        }
    }
}
