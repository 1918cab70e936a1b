import HollowModel

/// One thing the Deployment reconciler does to the API, in the order `DeploymentPlan.actions` lists them.
public enum DeploymentAction: Sendable, Equatable {
    /// Strategic-merge-patch the ReplicaSet with `patch` to add the Deployment's controller reference.
    case adoptReplicaSet(ReplicaSet, patch: JSON)
    /// Strategic-merge-patch the ReplicaSet with `patch` to remove the Deployment's owner reference.
    case releaseReplicaSet(ReplicaSet, patch: JSON)
    /// POST the new ReplicaSet. An AlreadyExists means the cache was stale: fail the sync and let it retry (the next
    /// plan finds the ReplicaSet or bumps `collisionCount`).
    case createReplicaSet(ReplicaSet)
    /// PUT the ReplicaSet (its `resourceVersion` is the cached one, so a conflict fails the sync): a new size, its
    /// revision and replica annotations, or `minReadySeconds`.
    case updateReplicaSet(ReplicaSet)
    /// DELETE an old ReplicaSet beyond `revisionHistoryLimit`.
    case deleteReplicaSet(ReplicaSet)
    /// PUT the Deployment to its `/status` subresource (with the cached `resourceVersion`). The object also carries the
    /// `deployment.kubernetes.io/revision` annotation of the new ReplicaSet: as kube's, the Deployment status strategy
    /// keeps the request's annotations (it resets only spec and labels), and a status write does not bump the
    /// generation where a metadata patch on the main resource would.
    case updateDeploymentStatus(Deployment)
}

/// What one sync of a Deployment decides (`syncDeployment`).
public struct DeploymentPlan: Sendable, Equatable {
    /// Carry these out in order; stop at the first failure and let the sync be retried.
    public var actions: [DeploymentAction] = []
    /// Sync again after this long even without events: a progress-deadline check, or `.zero` after a hash collision.
    public var requeueAfter: Duration?
}

/// The Deployment controller's decisions (`pkg/controller/deployment`).
public enum DeploymentSync {
    /// Decides one sync of `deployment`.
    ///
    /// - Parameters:
    ///   - replicaSets: every ReplicaSet in the Deployment's namespace (to claim by selector and controller reference,
    ///     and to detect a name taken by another ReplicaSet).
    ///   - pods: the pods in the namespace; only Recreate reads them, to wait until no old pod runs.
    /// - Throws: `WorkloadError` for a selector that does not parse, a malformed `maxSurge`/`maxUnavailable`, or an
    ///   unknown strategy type.
    public static func plan(
        deployment: Deployment, replicaSets: [ReplicaSet], pods: [Pod], now: Timestamp
    ) throws(WorkloadError) -> DeploymentPlan {
        var run = try DeploymentSyncRun(deployment: deployment, replicaSets: replicaSets, pods: pods, now: now)
        try run.sync()
        return run.finish()
    }
}

/// The state of one sync: the Deployment and its ReplicaSets as the sync has changed them so far, and the actions
/// that make those changes. Each step mirrors a function of kube's controller and reads the objects as kube would at
/// that point (including its habit of computing status from the ReplicaSets as they were before scaling).
struct DeploymentSyncRun {
    let original: Deployment
    var deployment: Deployment
    /// All ReplicaSets in the namespace, as changed by this sync.
    var namespaceReplicaSets: [ReplicaSet]
    /// The claimed ReplicaSets (`rsList`), as changed by this sync.
    var owned: [ReplicaSet] = []
    let pods: [Pod]
    let now: Timestamp
    var actions: [DeploymentAction] = []
    var requeueAfter: Duration?
    /// Set when the sync must stop early (a hash collision), as kube returns an error.
    var stopped = false

    init(deployment: Deployment, replicaSets: [ReplicaSet], pods: [Pod], now: Timestamp) throws(WorkloadError) {
        original = deployment
        self.deployment = deployment
        namespaceReplicaSets = replicaSets.filter { $0.namespace == deployment.namespace }
        self.pods = pods
        self.now = now
        if deployment.isRollingUpdate {
            _ = try DeploymentSync.resolveFenceposts(
                maxSurge: deployment.maxSurgeValue, maxUnavailable: deployment.maxUnavailableValue,
                desired: deployment.replicas)
        } else if deployment.strategyType != "Recreate" {
            throw .unsupportedStrategy("unexpected deployment strategy type: \(deployment.strategyType)")
        }
    }

    /// The plan: the actions, then the Deployment's status and revision annotation if they changed.
    consuming func finish() -> DeploymentPlan {
        if !stopped {
            if deployment.status != original.status
                || deployment.metadata.annotations != original.metadata.annotations
            {
                actions.append(.updateDeploymentStatus(deployment))
            }
        }
        return DeploymentPlan(actions: actions, requeueAfter: requeueAfter)
    }

    // MARK: - syncDeployment

    mutating func sync() throws(WorkloadError) {
        let selector: LabelSelector
        do { selector = try LabelSelector(labelSelector: deployment.selector) } catch {
            throw .invalidSelector("Deployment", deployment.key, error)
        }
        if selector.isEmpty {
            // "This deployment is selecting all pods. A non-empty selector is required." Only record the generation.
            if deployment.status.observedGeneration < deployment.metadata.generation {
                deployment.status.observedGeneration = deployment.metadata.generation
            }
            return
        }
        claimReplicaSets(selector)

        if WorkloadPod.isBeingDeleted(deployment) {
            let (newReplicaSet, oldReplicaSets) = allReplicaSetsAndSyncRevision(createIfNotExisted: false)
            syncDeploymentStatus(all: oldReplicaSets + [newReplicaSet].compactMap { $0 }, new: newReplicaSet)
            return
        }
        checkPausedConditions()

        let (newReplicaSet, oldReplicaSets) = allReplicaSetsAndSyncRevision(createIfNotExisted: false)
        if deployment.paused {
            syncScale(newReplicaSet, oldReplicaSets)
            return
        }
        if isScalingEvent(newReplicaSet, oldReplicaSets) {
            syncScale(newReplicaSet, oldReplicaSets)
            return
        }
        if deployment.isRollingUpdate {
            try rolloutRolling(newReplicaSet, oldReplicaSets)
        } else {
            try rolloutRecreate(newReplicaSet, oldReplicaSets)
        }
    }

    /// `getReplicaSetsForDeployment`: claim the namespace's ReplicaSets by the Deployment's selector.
    mutating func claimReplicaSets(_ selector: LabelSelector) {
        let uid = deployment.metadata.uid ?? ""
        let reference = WorkloadPodTemplate.controllerReference(
            to: deployment, apiVersion: Deployment.apiVersion, kind: Deployment.kindName)
        let claim = WorkloadClaim(
            namespaceReplicaSets, ownerUID: uid, ownerNamespace: deployment.namespace,
            ownerIsBeingDeleted: WorkloadPod.isBeingDeleted(deployment), controllerReference: reference
        ) { selector.matches(labels: $0.object[path: ["metadata", "labels"]]) }
        for replicaSet in claim.adopt {
            actions.append(
                .adoptReplicaSet(
                    replicaSet,
                    patch: WorkloadOwnership.adoptionPatch(adding: reference, toObjectWithUID: replicaSet.metadata.uid ?? "")))
        }
        for replicaSet in claim.release {
            actions.append(
                .releaseReplicaSet(
                    replicaSet,
                    patch: WorkloadOwnership.releasePatch(removingOwnerUID: uid, fromObjectWithUID: replicaSet.metadata.uid ?? "")))
        }
        owned = claim.claimed
        for replicaSet in owned { replace(replicaSet) }
    }

    /// `checkPausedConditions`: an Unknown Progressing condition while paused, and another on resume, so that the
    /// paused time does not count against the progress deadline.
    mutating func checkPausedConditions() {
        guard deployment.progressDeadlineSeconds != nil else { return }
        let current = deployment.status.conditions.condition(ofType: "Progressing")
        if current?.reason == DeploymentSync.Reason.timedOut { return }
        let pausedConditionExists = current?.reason == DeploymentSync.Reason.paused
        if deployment.paused && !pausedConditionExists {
            deployment.status.conditions.setCondition(
                DeploymentSync.condition("Progressing", "Unknown", DeploymentSync.Reason.paused, "Deployment is paused", now))
        } else if !deployment.paused && pausedConditionExists {
            deployment.status.conditions.setCondition(
                DeploymentSync.condition("Progressing", "Unknown", DeploymentSync.Reason.resumed, "Deployment is resumed", now))
        }
    }

    /// `isScalingEvent`: an active ReplicaSet records a desired size other than the Deployment's.
    func isScalingEvent(_ newReplicaSet: ReplicaSet?, _ oldReplicaSets: [ReplicaSet]) -> Bool {
        for replicaSet in DeploymentSync.active(oldReplicaSets + [newReplicaSet].compactMap { $0 }) {
            guard let desired = DeploymentSync.nonNegativeAnnotation(replicaSet, DeploymentSync.desiredReplicasAnnotation)
            else { continue }
            if desired != deployment.replicas { return true }
        }
        return false
    }

    // MARK: - getAllReplicaSetsAndSyncRevision

    /// The new ReplicaSet (created when `createIfNotExisted` and missing, its revision raised if needed) and all old
    /// ones, with the Deployment's revision annotation following the new ReplicaSet's.
    mutating func allReplicaSetsAndSyncRevision(createIfNotExisted: Bool) -> (ReplicaSet?, [ReplicaSet]) {
        let oldReplicaSets = DeploymentSync.findOldReplicaSets(deployment: deployment, replicaSets: owned).all
        let newReplicaSet = newReplicaSet(oldReplicaSets: oldReplicaSets, createIfNotExisted: createIfNotExisted)
        return (newReplicaSet, oldReplicaSets)
    }

    /// `getNewReplicaSet`.
    mutating func newReplicaSet(oldReplicaSets: [ReplicaSet], createIfNotExisted: Bool) -> ReplicaSet? {
        let newRevision = DeploymentSync.maxRevision(oldReplicaSets) + 1
        if var existing = DeploymentSync.findNewReplicaSet(deployment: deployment, replicaSets: owned) {
            let annotationsUpdated = DeploymentSync.setNewReplicaSetAnnotations(
                deployment: deployment, replicaSet: &existing, newRevision: newRevision, exists: true)
            if annotationsUpdated || existing.minReadySeconds != deployment.minReadySeconds {
                existing.minReadySeconds = deployment.minReadySeconds
                recordUpdate(existing)
                return existing
            }
            _ = DeploymentSync.setDeploymentRevision(
                &deployment, existing.metadata.annotations[DeploymentSync.revisionAnnotation] ?? "")
            if deployment.progressDeadlineSeconds != nil
                && deployment.status.conditions.condition(ofType: "Progressing") == nil
            {
                deployment.status.conditions.setCondition(
                    DeploymentSync.condition(
                        "Progressing", "True", DeploymentSync.Reason.foundNewReplicaSet,
                        "Found new replica set \"\(existing.name)\"", now))
            }
            return existing
        }
        guard createIfNotExisted else { return nil }
        return createNewReplicaSet(oldReplicaSets: oldReplicaSets, newRevision: newRevision)
    }

    /// The creating half of `getNewReplicaSet`, with its hash-collision handling done against the cache: a ReplicaSet
    /// already holding the name is taken as the new one when the Deployment controls it and its template matches, and is
    /// otherwise a collision, which bumps `status.collisionCount` and ends the sync.
    mutating func createNewReplicaSet(oldReplicaSets: [ReplicaSet], newRevision: Int64) -> ReplicaSet? {
        let hash = WorkloadHash.computeHash(
            template: deployment.template ?? .object([:]), collisionCount: deployment.status.collisionCount)
        var created = DeploymentSync.newReplicaSet(deployment: deployment, hash: hash, replicas: 0)
        // NewRSNewReplicas cannot fail here: the strategy and maxSurge were checked when the run began.
        created.replicas =
            (try? DeploymentSync.newReplicaSetReplicas(
                deployment: deployment, allReplicaSets: oldReplicaSets + [created], newReplicaSet: created)) ?? 0
        _ = DeploymentSync.setNewReplicaSetAnnotations(
            deployment: deployment, replicaSet: &created, newRevision: newRevision, exists: false)

        if let existing = namespaceReplicaSets.first(where: { $0.name == created.name }) {
            if existing.metadata.controllerReference?.uid == deployment.metadata.uid
                && DeploymentSync.equalIgnoringHash(deployment.template, existing.template)
            {
                _ = DeploymentSync.setDeploymentRevision(&deployment, String(newRevision))
                return existing
            }
            deployment.status.collisionCount = (deployment.status.collisionCount ?? 0) &+ 1
            actions.append(.updateDeploymentStatus(deployment))
            requeueAfter = .zero
            stopped = true
            return nil
        }

        actions.append(.createReplicaSet(created))
        var cached = created
        cached.metadata.creationTimestamp = now
        owned.append(cached)
        namespaceReplicaSets.append(cached)
        _ = DeploymentSync.setDeploymentRevision(&deployment, String(newRevision))
        if deployment.progressDeadlineSeconds != nil {
            deployment.status.conditions.setCondition(
                DeploymentSync.condition(
                    "Progressing", "True", DeploymentSync.Reason.newReplicaSetCreated,
                    "Created new replica set \"\(created.name)\"", now))
        }
        return cached
    }

    // MARK: - Scaling a ReplicaSet

    /// `scaleReplicaSetAndRecordEvent`: nothing when already at `size`.
    @discardableResult
    mutating func scaleReplicaSetAndRecordEvent(_ replicaSet: ReplicaSet, to size: Int) -> (Bool, ReplicaSet) {
        guard replicaSet.replicas != size else { return (false, replicaSet) }
        return scaleReplicaSet(replicaSet, to: size)
    }

    /// `scaleReplicaSet`: a PUT when the size or the replica annotations change; true when the size did.
    @discardableResult
    mutating func scaleReplicaSet(_ replicaSet: ReplicaSet, to size: Int) -> (Bool, ReplicaSet) {
        let desired = deployment.replicas, maxReplicas = deployment.replicas + DeploymentSync.maxSurge(deployment)
        let sizeNeedsUpdate = replicaSet.replicas != size
        guard sizeNeedsUpdate
            || DeploymentSync.replicasAnnotationsNeedUpdate(replicaSet, desired: desired, max: maxReplicas)
        else { return (false, replicaSet) }
        var updated = replicaSet
        updated.replicas = size
        DeploymentSync.setReplicasAnnotations(&updated, desired: desired, max: maxReplicas)
        recordUpdate(updated)
        return (sizeNeedsUpdate, updated)
    }

    /// Records a PUT of `replicaSet` (built from this sync's latest copy of it). A ReplicaSet written twice in one
    /// sync is written once, with both changes, where the later write was: a second PUT would carry the stale
    /// `resourceVersion` and conflict. A ReplicaSet created by this sync is created with the change instead.
    mutating func recordUpdate(_ replicaSet: ReplicaSet) {
        if let index = actions.firstIndex(where: {
            if case .createReplicaSet(let created) = $0 { return created.name == replicaSet.name }
            return false
        }) {
            var created = replicaSet
            created.metadata.creationTimestamp = nil
            actions[index] = .createReplicaSet(created)
        } else {
            actions.removeAll {
                if case .updateReplicaSet(let earlier) = $0 { return earlier.name == replicaSet.name }
                return false
            }
            actions.append(.updateReplicaSet(replicaSet))
        }
        replace(replicaSet)
    }

    /// Records the changed ReplicaSet in the sync's view of the cache.
    mutating func replace(_ replicaSet: ReplicaSet) {
        if let index = owned.firstIndex(where: { $0.name == replicaSet.name }) { owned[index] = replicaSet }
        if let index = namespaceReplicaSets.firstIndex(where: { $0.name == replicaSet.name }) {
            namespaceReplicaSets[index] = replicaSet
        }
    }

    // MARK: - Status

    /// `syncDeploymentStatus`: the status without progress estimation (scaling, paused, deleted Deployments).
    mutating func syncDeploymentStatus(all: [ReplicaSet], new: ReplicaSet?) {
        deployment.status = DeploymentSync.calculateStatus(
            allReplicaSets: all, newReplicaSet: new, deployment: deployment, now: now)
    }

    /// `syncRolloutStatus`: the status with the Progressing condition estimated, and ReplicaSet failures promoted.
    mutating func syncRolloutStatus(all: [ReplicaSet], new: ReplicaSet?) {
        typealias Reason = DeploymentSync.Reason
        var status = DeploymentSync.calculateStatus(allReplicaSets: all, newReplicaSet: new, deployment: deployment, now: now)
        let hasDeadline = deployment.progressDeadlineSeconds != nil
        if !hasDeadline { status.conditions.removeCondition(ofType: "Progressing") }
        let current = deployment.status.conditions.condition(ofType: "Progressing")
        let isCompleteDeployment =
            status.replicas == status.updatedReplicas && current?.reason == Reason.newReplicaSetAvailable
        if hasDeadline && !isCompleteDeployment {
            let subject = new.map { "ReplicaSet \"\($0.name)\"" } ?? "Deployment \"\(deployment.name)\""
            if DeploymentSync.deploymentComplete(deployment, status: status) {
                status.conditions.setCondition(
                    DeploymentSync.condition(
                        "Progressing", "True", Reason.newReplicaSetAvailable, "\(subject) has successfully progressed.",
                        now))
            } else if DeploymentSync.deploymentProgressing(deployment, status: status) {
                var condition = DeploymentSync.condition(
                    "Progressing", "True", Reason.replicaSetUpdated, "\(subject) is progressing.", now)
                if let current {
                    if current.status == "True" { condition.lastTransitionTime = current.lastTransitionTime }
                    status.conditions.removeCondition(ofType: "Progressing")
                }
                status.conditions.setCondition(condition)
            } else if DeploymentSync.deploymentTimedOut(deployment, status: status, now: now) {
                status.conditions.setCondition(
                    DeploymentSync.condition(
                        "Progressing", "False", Reason.timedOut, "\(subject) has timed out progressing.", now))
            }
        }
        if let failure = DeploymentSync.replicaFailures(allReplicaSets: all, newReplicaSet: new).first {
            status.conditions.setCondition(failure)
        } else {
            status.conditions.removeCondition(ofType: "ReplicaFailure")
        }
        if deployment.status == status {
            requeueAfter = DeploymentSync.progressCheckDelay(deployment, status: status, now: now)
            return
        }
        deployment.status = status
    }
}
