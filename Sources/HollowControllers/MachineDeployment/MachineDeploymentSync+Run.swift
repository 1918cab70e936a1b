import HollowModel

/// The state of one sync: the MachineDeployment and its MachineSets as the sync has changed them so far, and the
/// actions that make those changes. Each step mirrors a function of the fork's controller.
struct MachineDeploymentSyncRun {
    let original: MachineDeployment
    var deployment: MachineDeployment
    /// All MachineSets in the namespace, as changed by this sync.
    var namespaceSets: [MachineSet]
    /// The claimed MachineSets, as changed by this sync.
    var owned: [MachineSet] = []
    let now: Timestamp
    var actions: [MachineDeploymentAction] = []
    /// The revision annotation to write, when it changed.
    var revision: String?
    var status: MachineDeploymentStatus?

    init(deployment: MachineDeployment, machineSets: [MachineSet], now: Timestamp) {
        original = deployment
        self.deployment = deployment
        namespaceSets = machineSets.filter { $0.namespace == deployment.namespace }
        self.now = now
    }

    /// The plan: the actions, then the revision and the status if they changed.
    consuming func finish() -> MachineDeploymentPlan {
        if let revision, revision != original.metadata.annotations[MachineDeploymentSync.revisionAnnotation] {
            actions.append(.setRevision(revision))
        }
        if let status, status != original.status { actions.append(.updateStatus(status)) }
        return MachineDeploymentPlan(actions: actions)
    }

    // MARK: - reconcile

    mutating func sync() throws(MachineDeploymentError) {
        let selector: LabelSelector
        do { selector = try LabelSelector(labelSelector: deployment.selector) } catch {
            throw MachineDeploymentError(message: "spec.selector: Invalid value: invalid label selector: \(error.message)")
        }
        if selector.isEmpty || selector.matchesNothing {
            // A MachineDeployment selecting everything (or nothing) manages nothing; only the generation is recorded.
            var status = deployment.status
            status.observedGeneration = max(status.observedGeneration, deployment.metadata.generation)
            self.status = status
            return
        }
        guard selector.matches(labels: deployment.template?[path: ["metadata", "labels"]]) else {
            throw MachineDeploymentError(
                message: "failed validation on MachineDeployment \(deployment.name) label selector, cannot match any machines")
        }
        guard deployment.strategyType == "RollingUpdate" else {
            throw MachineDeploymentError(message: "unexpected deployment strategy type: \(deployment.strategyType)")
        }
        _ = try MachineDeploymentSync.fenceposts(deployment)

        claimMachineSets(selector)
        let old = MachineDeploymentSync.findOld(deployment: deployment, machineSets: owned)
        if WorkloadPod.isBeingDeleted(deployment) {
            let new = findNew()
            syncStatus(all: old + [new].compactMap { $0 }, new: new)
            return
        }
        if deployment.paused || isScalingEvent(new: findNew(), old: old) {
            let new = existingNewMachineSet(oldSets: old)
            scale(new: new, old: old)
            if deployment.paused { cleanup(old: old) }
            syncStatus(all: old + [new].compactMap { $0 }, new: new)
            return
        }
        try rolloutRolling(old: old)
    }

    /// `getMachineSetsForDeployment`: claim the namespace's MachineSets by the selector.
    mutating func claimMachineSets(_ selector: LabelSelector) {
        let uid = deployment.metadata.uid ?? ""
        let reference = WorkloadPodTemplate.controllerReference(
            to: deployment, apiVersion: MachineAPI.apiVersion, kind: MachineDeployment.kindName)
        let claim = WorkloadClaim(
            namespaceSets, ownerUID: uid, ownerNamespace: deployment.namespace,
            ownerIsBeingDeleted: WorkloadPod.isBeingDeleted(deployment), controllerReference: reference
        ) { selector.matches(labels: $0.object[path: ["metadata", "labels"]]) }
        for machineSet in claim.adopt {
            actions.append(
                .adoptMachineSet(machineSet, patch: MachineSetSync.adoptionPatch(machineSet, adding: reference)))
        }
        for machineSet in claim.release {
            actions.append(
                .releaseMachineSet(machineSet, patch: MachineSetSync.releasePatch(machineSet, removingOwnerUID: uid)))
        }
        owned = claim.claimed
        for machineSet in owned { replace(machineSet) }
    }

    func findNew() -> MachineSet? { MachineDeploymentSync.findNew(deployment: deployment, machineSets: owned) }

    /// `isScalingEvent`: an active MachineSet records a desired size other than the MachineDeployment's.
    func isScalingEvent(new: MachineSet?, old: [MachineSet]) -> Bool {
        MachineDeploymentSync.active(old + [new].compactMap { $0 }).contains { machineSet in
            guard let desired = MachineDeploymentSync.intAnnotation(
                machineSet, MachineDeploymentSync.desiredReplicasAnnotation)
            else { return false }
            return desired != deployment.replicas
        }
    }

    // MARK: - The new MachineSet

    /// `getNewMachineSet` for an existing one: its revision raised above the old ones, `minReadySeconds` kept in
    /// step, and the MachineDeployment's revision following it.
    mutating func existingNewMachineSet(oldSets: [MachineSet]) -> MachineSet? {
        guard var existing = findNew() else { return nil }
        let newRevision = MachineDeploymentSync.maxRevision(oldSets) + 1
        let annotationsChanged = setNewMachineSetAnnotations(&existing, newRevision: newRevision, exists: true)
        if annotationsChanged || existing.minReadySeconds != deployment.minReadySeconds {
            existing.object[path: ["spec", "minReadySeconds"]] = .int(Int64(deployment.minReadySeconds))
            recordUpdate(existing)
        }
        revision = existing.metadata.annotations[MachineDeploymentSync.revisionAnnotation]
        return existing
    }

    /// The creating half of `getNewMachineSet`: `<deployment>-<hash>` with the hash label on its labels, selector and
    /// template, as many replicas as the surge allows, and the revision. A MachineSet already holding the name is
    /// taken when the MachineDeployment controls it and its template matches; otherwise the sync fails.
    mutating func createNewMachineSet(oldSets: [MachineSet]) throws(MachineDeploymentError) -> MachineSet {
        let hash = WorkloadHash.computeHash(template: deployment.template ?? .object([:]), collisionCount: nil)
        let newRevision = MachineDeploymentSync.maxRevision(oldSets) + 1
        var created = MachineDeploymentSync.newMachineSet(deployment: deployment, hash: hash)
        created.replicas = MachineDeploymentSync.newMachineSetReplicas(
            deployment: deployment, all: oldSets + [created], new: created)
        _ = setNewMachineSetAnnotations(&created, newRevision: newRevision, exists: false)

        if let existing = namespaceSets.first(where: { $0.name == created.name }) {
            guard existing.metadata.controllerReference?.uid == deployment.metadata.uid,
                MachineDeploymentSync.equalIgnoringHash(deployment.template, existing.template)
            else {
                throw MachineDeploymentError(
                    message: "cannot create MachineSet \(created.name): the name is taken by another MachineSet")
            }
            revision = String(newRevision)
            return existing
        }
        actions.append(.createMachineSet(created))
        var cached = created
        cached.metadata.creationTimestamp = now
        owned.append(cached)
        namespaceSets.append(cached)
        revision = String(newRevision)
        return cached
    }

    /// `SetNewMachineSetAnnotations`: the MachineDeployment's annotations (less the skipped ones), the new revision
    /// when higher (the one it replaces moving to the revision history), and for a new MachineSet the replica
    /// annotations. True when anything changed.
    mutating func setNewMachineSetAnnotations(
        _ machineSet: inout MachineSet, newRevision: Int64, exists: Bool
    ) -> Bool {
        typealias Sync = MachineDeploymentSync
        var annotations = machineSet.metadata.annotations
        var changed = false
        for (key, value) in deployment.metadata.annotations
        where !Sync.annotationsNotCopied.contains(key) && annotations[key] != value {
            annotations[key] = value
            changed = true
        }
        let oldRevisionText = annotations[Sync.revisionAnnotation]
        let oldRevision: Int64
        if let oldRevisionText, !oldRevisionText.isEmpty {
            guard let parsed = Int64(oldRevisionText) else {
                machineSet.metadata.annotations = annotations
                return changed
            }
            oldRevision = parsed
        } else {
            oldRevision = 0
        }
        if oldRevision < newRevision {
            annotations[Sync.revisionAnnotation] = String(newRevision)
            changed = true
            if let oldRevisionText, !oldRevisionText.isEmpty {
                let history = annotations[Sync.revisionHistoryAnnotation] ?? ""
                annotations[Sync.revisionHistoryAnnotation] =
                    history.isEmpty ? oldRevisionText : history + "," + oldRevisionText
            }
        }
        machineSet.metadata.annotations = annotations
        if !exists {
            changed = setReplicasAnnotations(&machineSet) || changed
        }
        return changed
    }

    /// `SetReplicasAnnotations`: desired replicas and `replicas + maxSurge`. True when they changed.
    func setReplicasAnnotations(_ machineSet: inout MachineSet) -> Bool {
        let desired = String(deployment.replicas)
        let maximum = String(deployment.replicas + MachineDeploymentSync.maxSurge(deployment))
        var annotations = machineSet.metadata.annotations
        guard annotations[MachineDeploymentSync.desiredReplicasAnnotation] != desired
            || annotations[MachineDeploymentSync.maxReplicasAnnotation] != maximum
        else { return false }
        annotations[MachineDeploymentSync.desiredReplicasAnnotation] = desired
        annotations[MachineDeploymentSync.maxReplicasAnnotation] = maximum
        machineSet.metadata.annotations = annotations
        return true
    }

    // MARK: - Scaling a MachineSet

    /// `scaleMachineSet`: a PUT when the size or the replica annotations change.
    @discardableResult
    mutating func scaleMachineSet(_ machineSet: MachineSet, to size: Int) -> MachineSet {
        var updated = machineSet
        updated.replicas = size
        let annotationsChanged = setReplicasAnnotations(&updated)
        guard machineSet.replicas != size || annotationsChanged else { return machineSet }
        recordUpdate(updated)
        return updated
    }

    /// Records a write of `machineSet`: merged into this sync's create of it, or replacing an earlier PUT of it (a
    /// second PUT would carry a stale `resourceVersion`).
    mutating func recordUpdate(_ machineSet: MachineSet) {
        if let index = actions.firstIndex(where: {
            if case .createMachineSet(let created) = $0 { return created.name == machineSet.name }
            return false
        }) {
            var created = machineSet
            created.metadata.creationTimestamp = nil
            actions[index] = .createMachineSet(created)
        } else {
            actions.removeAll {
                if case .updateMachineSet(let earlier) = $0 { return earlier.name == machineSet.name }
                return false
            }
            actions.append(.updateMachineSet(machineSet))
        }
        replace(machineSet)
    }

    /// Records the changed MachineSet in the sync's view of the cache.
    mutating func replace(_ machineSet: MachineSet) {
        if let index = owned.firstIndex(where: { $0.name == machineSet.name }) { owned[index] = machineSet }
        if let index = namespaceSets.firstIndex(where: { $0.name == machineSet.name }) {
            namespaceSets[index] = machineSet
        }
    }

    /// The latest copy of `machineSet` in this sync.
    func current(_ machineSet: MachineSet) -> MachineSet {
        owned.first { $0.name == machineSet.name } ?? machineSet
    }

    // MARK: - Status

    mutating func syncStatus(all: [MachineSet], new: MachineSet?) {
        status = MachineDeploymentSync.status(
            deployment: deployment, all: all.map(current), new: new.map(current))
    }
}

extension MachineDeploymentSync {
    /// `FindNewMachineSet`: the oldest MachineSet whose template equals the MachineDeployment's, ignoring the hash.
    public static func findNew(deployment: MachineDeployment, machineSets: [MachineSet]) -> MachineSet? {
        machineSets.sorted(by: MachineSet.createdBefore).first { equalIgnoringHash($0.template, deployment.template) }
    }

    /// `FindOldMachineSets`: every MachineSet but the new one.
    public static func findOld(deployment: MachineDeployment, machineSets: [MachineSet]) -> [MachineSet] {
        let new = findNew(deployment: deployment, machineSets: machineSets)
        return machineSets.filter { $0.name != new?.name }
    }

    /// The new MachineSet of `deployment` for template hash `hash`, with no replicas yet: named `<deployment>-<hash>`,
    /// the hash label added to the template's labels (its labels), selector and template, `minReadySeconds` copied,
    /// and a controller reference to the MachineDeployment.
    public static func newMachineSet(deployment: MachineDeployment, hash: String) -> MachineSet {
        var template = deployment.template ?? .object([:])
        template[path: ["metadata", "labels", templateHashLabel]] = .string(hash)
        var selector = deployment.selector ?? .object([:])
        selector[path: ["matchLabels", templateHashLabel]] = .string(hash)
        var metadata = ObjectMeta()
        metadata.name = deployment.name + "-" + hash
        metadata.namespace = deployment.namespace
        metadata.object["labels"] = template[path: ["metadata", "labels"]]
        metadata.ownerReferences = [
            WorkloadPodTemplate.controllerReference(
                to: deployment, apiVersion: MachineAPI.apiVersion, kind: MachineDeployment.kindName)
        ]
        var spec: JSONObject = ["replicas": 0, "selector": selector, "template": template]
        if deployment.minReadySeconds > 0 { spec["minReadySeconds"] = .int(Int64(deployment.minReadySeconds)) }
        return MachineSet([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": .string(MachineSet.kindName),
            "metadata": metadata.object, "spec": .object(spec),
        ])
    }
}
