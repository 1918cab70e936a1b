import HollowModel

/// One thing the ReplicaSet reconciler does to the API, in the order `ReplicaSetPlan.actions` lists them.
public enum ReplicaSetAction: Sendable, Equatable {
    /// Strategic-merge-patch `pod` with `patch` to add the ReplicaSet's controller reference.
    case adoptPod(Pod, patch: JSON)
    /// Strategic-merge-patch `pod` with `patch` to remove the ReplicaSet's owner reference.
    case releasePod(Pod, patch: JSON)
    /// POST `pod` to its namespace's pods `count` times; `generateName` names each one. Issue them in
    /// `workloadSlowStartBatches(count)` and stop after a batch with a failure.
    case createPods(count: Int, pod: Pod)
    /// DELETE each pod (a NotFound is success).
    case deletePods([Pod])
}

/// What one sync of a ReplicaSet decides (`syncReplicaSet`).
public struct ReplicaSetPlan: Sendable, Equatable {
    /// Adoptions and releases first, then at most one create or delete.
    public var actions: [ReplicaSetAction] = []
    /// The active pods the ReplicaSet owns once the claims are applied; the status counts these.
    public var activePods: [Pod] = []
    /// The status to write, assuming the creates and deletes succeed. When one fails, write
    /// `ReplicaSetSync.status(…, manageReplicasError:)` instead.
    public var status = ReplicaSetStatus()
    /// Whether `status` differs from the stored status (`updateReplicaSetStatus`'s check), so `/status` needs a PUT.
    public var statusNeedsUpdate = false
    /// Sync again after this long: the `minReadySeconds` re-check kube schedules when every pod is ready but not all
    /// are available yet.
    public var requeueAfter: Duration?
}

/// A failed create or delete of this sync, for the `ReplicaFailure` condition.
public struct ReplicaSetManageError: Sendable, Equatable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// The ReplicaSet controller's decisions (`pkg/controller/replicaset`).
public enum ReplicaSetSync {
    /// `BurstReplicas`: at most this many pods are created or deleted in one sync.
    public static let burstReplicas = 500

    /// Decides one sync of `replicaSet`.
    ///
    /// - Parameters:
    ///   - pods: every pod in the ReplicaSet's namespace (kube lists them all, so that pods whose labels no longer match
    ///     but which still carry its controller reference are released).
    ///   - relatedPods: the pods of every ReplicaSet with the same controller (`getIndirectlyRelatedPods`), used to rank
    ///     pods on crowded nodes first for deletion; `ReplicaSetSync.relatedPods` computes them. Defaults to the
    ///     ReplicaSet's own pods.
    ///   - expectationsSatisfied: `false` while creates or deletes of an earlier sync are not yet in the cache; then only
    ///     claims and status are decided.
    /// - Throws: `WorkloadError` when `spec.selector` does not parse (kube gives up on such a ReplicaSet).
    public static func plan(
        replicaSet: ReplicaSet, pods: [Pod], relatedPods: [Pod]? = nil, expectationsSatisfied: Bool = true,
        now: Timestamp
    ) throws(WorkloadError) -> ReplicaSetPlan {
        let selector: LabelSelector
        do { selector = try LabelSelector(labelSelector: replicaSet.selector) } catch {
            throw .invalidSelector("ReplicaSet", replicaSet.key, error)
        }
        var plan = ReplicaSetPlan()
        let deleting = WorkloadPod.isBeingDeleted(replicaSet)
        let reference = WorkloadPodTemplate.controllerReference(
            to: replicaSet, apiVersion: ReplicaSet.apiVersion, kind: ReplicaSet.kindName)
        let claim = WorkloadClaim(
            pods.filter { $0.namespace == replicaSet.namespace && WorkloadPod.isActive($0) },
            ownerUID: replicaSet.metadata.uid ?? "",
            ownerNamespace: replicaSet.namespace, ownerIsBeingDeleted: deleting, controllerReference: reference
        ) { selector.matches(labels: $0.object[path: ["metadata", "labels"]]) }
        let uid = replicaSet.metadata.uid ?? ""
        for pod in claim.adopt {
            plan.actions.append(
                .adoptPod(pod, patch: WorkloadOwnership.adoptionPatch(adding: reference, toObjectWithUID: pod.metadata.uid ?? "")))
        }
        for pod in claim.release {
            plan.actions.append(
                .releasePod(pod, patch: WorkloadOwnership.releasePatch(removingOwnerUID: uid, fromObjectWithUID: pod.metadata.uid ?? "")))
        }
        plan.activePods = claim.claimed

        if expectationsSatisfied && !deleting {
            let diff = claim.claimed.count - replicaSet.replicas
            if diff < 0 {
                let pod = WorkloadPodTemplate.pod(
                    from: replicaSet.template, ownerName: replicaSet.name, namespace: replicaSet.namespace,
                    controllerReference: reference)
                plan.actions.append(.createPods(count: min(-diff, burstReplicas), pod: pod))
            } else if diff > 0 {
                let victims = podsToDelete(
                    claim.claimed, relatedPods: relatedPods ?? claim.claimed, count: min(diff, burstReplicas), now: now)
                plan.actions.append(.deletePods(victims))
            }
        }

        plan.status = status(replicaSet: replicaSet, activePods: claim.claimed, manageReplicasError: nil, now: now)
        plan.statusNeedsUpdate = statusNeedsUpdate(replicaSet, plan.status)
        if replicaSet.minReadySeconds > 0 && plan.status.readyReplicas == replicaSet.replicas
            && plan.status.availableReplicas != replicaSet.replicas
        {
            plan.requeueAfter = .seconds(replicaSet.minReadySeconds)
        }
        return plan
    }

    /// `calculateStatus`: counts over `activePods` (fully labeled means carrying every template label), with
    /// `observedGeneration` set to the ReplicaSet's generation. A `manageReplicasError` adds a `ReplicaFailure`
    /// condition (`FailedCreate` when short of pods, `FailedDelete` when over) unless one is there; none removes it.
    public static func status(
        replicaSet: ReplicaSet, activePods: [Pod], manageReplicasError: ReplicaSetManageError?, now: Timestamp
    ) -> ReplicaSetStatus {
        var status = replicaSet.status
        let templateLabels = ObjectMeta(replicaSet.template?["metadata"] ?? .object([:])).labels
        status.replicas = activePods.count
        status.fullyLabeledReplicas = activePods.filter { pod in
            let labels = pod.metadata.labels
            return templateLabels.allSatisfy { labels[$0.key] == $0.value }
        }.count
        status.readyReplicas = activePods.filter(WorkloadPod.isReady).count
        status.availableReplicas = activePods.filter {
            WorkloadPod.isAvailable($0, minReadySeconds: replicaSet.minReadySeconds, now: now)
        }.count
        status.observedGeneration = replicaSet.metadata.generation

        let failure = status.conditions.condition(ofType: "ReplicaFailure")
        if let manageReplicasError, failure == nil {
            let diff = activePods.count - replicaSet.replicas
            let reason = diff < 0 ? "FailedCreate" : diff > 0 ? "FailedDelete" : ""
            status.conditions.setCondition(
                WorkloadCondition(
                    type: "ReplicaFailure", status: "True", reason: reason, message: manageReplicasError.message,
                    lastTransitionTime: now.truncatedToSeconds))
        } else if manageReplicasError == nil && failure != nil {
            status.conditions.removeCondition(ofType: "ReplicaFailure")
        }
        return status
    }

    /// `updateReplicaSetStatus`'s test for a no-op: same counts and conditions, generation already observed.
    static func statusNeedsUpdate(_ replicaSet: ReplicaSet, _ status: ReplicaSetStatus) -> Bool {
        let current = replicaSet.status
        return !(current.replicas == status.replicas && current.fullyLabeledReplicas == status.fullyLabeledReplicas
            && current.readyReplicas == status.readyReplicas && current.availableReplicas == status.availableReplicas
            && replicaSet.metadata.generation == current.observedGeneration && current.conditions == status.conditions)
    }

    /// `getPodsToDelete`: the first `count` of `activePods` in deletion order, where each pod's rank is the number of
    /// active `relatedPods` on its node. All of them, unsorted, when `count` covers them all.
    public static func podsToDelete(_ activePods: [Pod], relatedPods: [Pod], count: Int, now: Timestamp) -> [Pod] {
        guard count < activePods.count else { return activePods }
        var podsOnNode: [String: Int] = [:]
        for pod in relatedPods where WorkloadPod.isActive(pod) { podsOnNode[pod.nodeName ?? "", default: 0] += 1 }
        let ranks = activePods.map { podsOnNode[$0.nodeName ?? ""] ?? 0 }
        return Array(WorkloadPod.sortedForDeletion(activePods, ranks: ranks, now: now).prefix(count))
    }

    /// `getIndirectlyRelatedPods`: the pods selected by any ReplicaSet controlled by `replicaSet`'s controller (by
    /// `replicaSet` alone when it has none), each once.
    public static func relatedPods(of replicaSet: ReplicaSet, replicaSets: [ReplicaSet], pods: [Pod]) -> [Pod] {
        let siblings: [ReplicaSet]
        if let controller = replicaSet.metadata.controllerReference {
            siblings = replicaSets.filter { $0.metadata.controllerReference?.uid == controller.uid }
        } else {
            siblings = [replicaSet]
        }
        var seen: Set<String> = []
        var related: [Pod] = []
        for sibling in siblings {
            guard let selector = try? LabelSelector(labelSelector: sibling.selector) else { continue }
            for pod in pods
            where pod.namespace == sibling.namespace && selector.matches(labels: pod.object[path: ["metadata", "labels"]]) {
                let identity = pod.metadata.uid ?? pod.key
                if seen.insert(identity).inserted { related.append(pod) }
            }
        }
        return related
    }
}
