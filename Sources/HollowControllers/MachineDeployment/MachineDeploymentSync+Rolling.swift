import HollowModel

// The rolling update (`rolling.go`), proportional scaling (`sync.go` scale) and history cleanup (`cleanupDeployment`)
// of the fork's MachineDeployment controller.

extension MachineDeploymentSyncRun {
    // MARK: - RollingUpdate

    /// `rolloutRolling`: the new MachineSet (created if missing) up within `maxSurge`, old ones down within
    /// `maxUnavailable` (unavailable Machines first), old revisions beyond the history limit deleted once the rollout
    /// completed, and the status.
    mutating func rolloutRolling(old: [MachineSet]) throws(MachineDeploymentError) {
        let new: MachineSet
        if let existing = existingNewMachineSet(oldSets: old) {
            new = existing
        } else {
            new = try createNewMachineSet(oldSets: old)
        }
        reconcileNew(all: old + [new], new: new)
        reconcileOld(old: old.map(current), new: current(new))
        syncStatus(all: old + [new], new: new)
        if let status, MachineDeploymentSync.isComplete(deployment, status: status) {
            cleanup(old: old.map(current))
        }
    }

    /// `reconcileNewMachineSet`: down to `replicas` if above it, otherwise up to `NewMSNewReplicas`.
    mutating func reconcileNew(all: [MachineSet], new: MachineSet) {
        let new = current(new)
        if new.replicas == deployment.replicas { return }
        if new.replicas > deployment.replicas {
            scaleMachineSet(new, to: deployment.replicas)
            return
        }
        let size = MachineDeploymentSync.newMachineSetReplicas(deployment: deployment, all: all.map(current), new: new)
        if size != new.replicas { scaleMachineSet(new, to: size) }
    }

    /// `reconcileOldMachineSets`: scale old MachineSets down by at most
    /// `allMachines - minAvailable - newMachineSetUnavailable`.
    mutating func reconcileOld(old: [MachineSet], new: MachineSet) {
        let oldCount = MachineDeploymentSync.replicaCount(old)
        if oldCount == 0 { return }
        let allCount = MachineDeploymentSync.replicaCount(old + [new])
        let minAvailable = deployment.replicas - MachineDeploymentSync.maxUnavailable(deployment)
        let newUnavailable = new.replicas - new.status.availableReplicas
        let maxScaledDown = allCount - minAvailable - newUnavailable
        if maxScaledDown <= 0 { return }
        let cleaned = cleanupUnhealthyReplicas(old, maxCleanupCount: maxScaledDown)
        scaleDownOldForRollingUpdate(all: cleaned + [new], old: cleaned)
    }

    /// `cleanupUnhealthyReplicas`: oldest first, remove replicas that are not available, `maxCleanupCount` in all.
    mutating func cleanupUnhealthyReplicas(_ old: [MachineSet], maxCleanupCount: Int) -> [MachineSet] {
        var old = old.sorted(by: MachineSet.createdBefore)
        var total = 0
        for index in old.indices {
            if total >= maxCleanupCount { break }
            let target = old[index]
            if target.replicas == 0 || target.replicas == target.status.availableReplicas { continue }
            let count = min(maxCleanupCount - total, target.replicas - target.status.availableReplicas)
            old[index] = scaleMachineSet(target, to: target.replicas - count)
            total += count
        }
        return old
    }

    /// `scaleDownOldMachineSetsForRollingUpdate`: oldest first, remove as many replicas as there are available
    /// Machines beyond `minAvailable`.
    mutating func scaleDownOldForRollingUpdate(all: [MachineSet], old: [MachineSet]) {
        let minAvailable = deployment.replicas - MachineDeploymentSync.maxUnavailable(deployment)
        let available = all.reduce(0) { $0 + $1.status.availableReplicas }
        if available <= minAvailable { return }
        let totalScaleDown = available - minAvailable
        var total = 0
        for target in old.sorted(by: MachineSet.createdBefore) {
            if total >= totalScaleDown { break }
            if target.replicas == 0 { continue }
            let count = min(target.replicas, totalScaleDown - total)
            scaleMachineSet(target, to: target.replicas - count)
            total += count
        }
    }

    // MARK: - Scaling events and paused MachineDeployments

    /// `scale`: a lone active MachineSet takes the whole size; a saturated new one empties the old; otherwise the
    /// change up to `replicas + maxSurge` is shared in proportion, the leftover going to the first MachineSet
    /// (largest, newest first when growing; largest, oldest first when shrinking).
    mutating func scale(new: MachineSet?, old: [MachineSet]) {
        typealias Sync = MachineDeploymentSync
        let new = new.map(current)
        let old = old.map(current)
        if let lone = activeOrLatest(new: new, old: old) {
            if lone.replicas != deployment.replicas { scaleMachineSet(lone, to: deployment.replicas) }
            return
        }
        if let new, isSaturated(new) {
            for machineSet in Sync.active(old) { scaleMachineSet(machineSet, to: 0) }
            return
        }
        var all = Sync.active(old + [new].compactMap { $0 })
        let allowed = deployment.replicas > 0 ? deployment.replicas + Sync.maxSurge(deployment) : 0
        let toAdd = allowed - Sync.replicaCount(all)
        if toAdd != 0 {
            all.sort { lhs, rhs in
                if lhs.replicas != rhs.replicas { return lhs.replicas > rhs.replicas }
                return toAdd > 0 ? MachineSet.createdBefore(rhs, lhs) : MachineSet.createdBefore(lhs, rhs)
            }
        }
        var added = 0
        var sizes: [Int] = []
        for machineSet in all {
            let share = toAdd == 0 ? 0 : proportion(of: machineSet, toAdd: toAdd, added: added)
            sizes.append(machineSet.replicas + share)
            added += share
        }
        for (index, machineSet) in all.enumerated() {
            if index == 0 && toAdd != 0 { sizes[0] = max(sizes[0] + toAdd - added, 0) }
            scaleMachineSet(machineSet, to: sizes[index])
        }
    }

    /// `FindOneActiveOrLatest`: the only MachineSet with replicas; with none, the new one or else the newest old one;
    /// with several, `nil`.
    func activeOrLatest(new: MachineSet?, old: [MachineSet]) -> MachineSet? {
        if new == nil && old.isEmpty { return nil }
        let newestFirst = old.sorted { MachineSet.createdBefore($1, $0) }
        let active = MachineDeploymentSync.active(newestFirst + [new].compactMap { $0 })
        switch active.count {
        case 0: return new ?? newestFirst.first
        case 1: return active[0]
        default: return nil
        }
    }

    /// `IsSaturated`: the MachineSet has the replicas, believes so, and all of them are available.
    func isSaturated(_ machineSet: MachineSet) -> Bool {
        guard let desired = MachineDeploymentSync.intAnnotation(machineSet, MachineDeploymentSync.desiredReplicasAnnotation)
        else { return false }
        return machineSet.replicas == deployment.replicas && desired == deployment.replicas
            && machineSet.status.availableReplicas == deployment.replicas
    }

    /// `GetProportion`: the MachineSet's share of `toAdd`, bounded by what is left to add.
    func proportion(of machineSet: MachineSet, toAdd: Int, added: Int) -> Int {
        guard machineSet.replicas != 0, toAdd != added else { return 0 }
        let fraction: Int
        if deployment.replicas == 0 {
            fraction = -machineSet.replicas
        } else {
            let deploymentMax = deployment.replicas + MachineDeploymentSync.maxSurge(deployment)
            var before = MachineDeploymentSync.intAnnotation(machineSet, MachineDeploymentSync.maxReplicasAnnotation) ?? 0
            if before == 0 { before = deployment.status.replicas }
            guard before > 0 else { return 0 }
            let size = Double(machineSet.replicas * deploymentMax) / Double(before)
            fraction = Int(size.rounded(.toNearestOrAwayFromZero)) - machineSet.replicas
        }
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    // MARK: - History

    /// `cleanupDeployment`: delete the oldest MachineSets beyond `revisionHistoryLimit`, skipping any that still has
    /// Machines, wants Machines, has an unobserved generation or is being deleted.
    mutating func cleanup(old: [MachineSet]) {
        let cleanable = old.filter { !WorkloadPod.isBeingDeleted($0) }
        let diff = cleanable.count - max(deployment.revisionHistoryLimit, 0)
        guard diff > 0 else { return }
        for machineSet in cleanable.sorted(by: MachineSet.createdBefore).prefix(diff) {
            if machineSet.status.replicas != 0 || machineSet.replicas != 0
                || machineSet.metadata.generation > machineSet.status.observedGeneration
            {
                continue
            }
            actions.append(.deleteMachineSet(machineSet))
        }
    }
}
