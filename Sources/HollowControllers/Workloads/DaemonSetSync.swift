import HollowModel

/// One thing the DaemonSet reconciler does to the API, in the order `DaemonSetPlan.actions` lists them.
public enum DaemonSetAction: Sendable, Equatable {
    /// Strategic-merge-patch the revision with `patch` to add the DaemonSet's controller reference.
    case adoptControllerRevision(ControllerRevision, patch: JSON)
    /// Strategic-merge-patch the revision with `patch` to remove the DaemonSet's owner reference.
    case releaseControllerRevision(ControllerRevision, patch: JSON)
    /// POST the ControllerRevision snapshotting the current template.
    case createControllerRevision(ControllerRevision)
    /// PUT a revision: its missing hash label added, or its `revision` raised to the newest.
    case updateControllerRevision(ControllerRevision)
    /// DELETE a duplicate revision, or an old one beyond `revisionHistoryLimit` that no pod uses.
    case deleteControllerRevision(ControllerRevision)
    /// PUT the DaemonSet to `/status` with `status.collisionCount` raised (a hash collision); the sync stops here.
    case updateDaemonSetStatus(DaemonSet)
    /// Merge-patch a pod's labels (pods relabelled to the kept revision when duplicate revisions are merged).
    case patchPod(Pod, mergePatch: JSON)
    /// Strategic-merge-patch the pod with `patch` to add the DaemonSet's controller reference.
    case adoptPod(Pod, patch: JSON)
    /// Strategic-merge-patch the pod with `patch` to remove the DaemonSet's owner reference.
    case releasePod(Pod, patch: JSON)
    /// POST each pod (each is pinned to its node); issue them in `workloadSlowStartBatches` and stop after a failed batch.
    case createPods([Pod])
    /// DELETE each pod (a NotFound is success).
    case deletePods([Pod])
}

/// What one sync of a DaemonSet decides (`syncDaemonSet`).
public struct DaemonSetPlan: Sendable, Equatable {
    public var actions: [DaemonSetAction] = []
    /// The hash of the current template: the `controller-revision-hash` of up-to-date pods.
    public var hash = ""
    /// The status to write to `/status` when `statusNeedsUpdate` (`storeDaemonSetStatus`'s check).
    public var status = DaemonSetStatus()
    public var statusNeedsUpdate = false
    /// Sync again after `minReadySeconds` while some ready pods are not yet available.
    public var requeueAfter: Duration?
}

/// The DaemonSet controller's decisions (`pkg/controller/daemon`).
public enum DaemonSetSync {
    /// `BurstReplicas`: at most this many pods are created, and this many deleted, in one sync.
    public static let burstReplicas = 250

    /// Decides one sync of `daemonSet`.
    ///
    /// - Parameters:
    ///   - nodes: every node.
    ///   - pods: every pod in the DaemonSet's namespace.
    ///   - controllerRevisions: every ControllerRevision in the namespace.
    ///   - expectationsSatisfied: `false` while creates or deletes of an earlier sync are not yet in the cache; then
    ///     only revisions, claims and status (without raising `observedGeneration`) are decided.
    /// - Throws: `WorkloadError` for a selector that does not parse or a malformed `maxUnavailable`/`maxSurge`.
    public static func plan(
        daemonSet: DaemonSet, nodes: [Node], pods: [Pod], controllerRevisions: [ControllerRevision],
        expectationsSatisfied: Bool = true, now: Timestamp
    ) throws(WorkloadError) -> DaemonSetPlan {
        var run = try DaemonSetSyncRun(
            daemonSet: daemonSet, nodes: nodes, pods: pods, revisions: controllerRevisions, now: now)
        return try run.sync(expectationsSatisfied: expectationsSatisfied)
    }

    /// `Match`'s reference: the revision data for the DaemonSet's template, `{"spec":{"template":{…,"$patch":"replace"}}}`
    /// with keys sorted as Go writes maps.
    public static func revisionData(_ daemonSet: DaemonSet) -> JSON {
        var template = daemonSet.template ?? .object([:])
        template["$patch"] = "replace"
        return WorkloadHash.canonical(["spec": ["template": template]])
    }

    /// `snapshot`: the ControllerRevision `<daemonset>-<hash>` holding the template, labelled with the template's
    /// labels and the hash, annotated as the DaemonSet is, controlled by it.
    public static func controllerRevision(daemonSet: DaemonSet, hash: String, revision: Int64) -> ControllerRevision {
        var labels = ObjectMeta(daemonSet.template?["metadata"] ?? .object([:])).labels
        labels[DaemonSet.revisionHashLabel] = hash
        var metadata = ObjectMeta()
        metadata.name = daemonSet.name + "-" + hash
        metadata.namespace = daemonSet.namespace
        metadata.labels = labels
        // (Only when there are some: `ObjectMeta`'s setter writes null for an empty map.)
        if !daemonSet.metadata.annotations.isEmpty { metadata.annotations = daemonSet.metadata.annotations }
        metadata.ownerReferences = [
            WorkloadPodTemplate.controllerReference(to: daemonSet, apiVersion: DaemonSet.apiVersion, kind: DaemonSet.kindName)
        ]
        return ControllerRevision([
            "apiVersion": .string(ControllerRevision.apiVersion), "kind": .string(ControllerRevision.kindName),
            "metadata": metadata.object, "data": revisionData(daemonSet), "revision": .int(revision),
        ])
    }

    /// `IsPodUpdated`: the pod carries the current hash, or the DaemonSet's template generation.
    public static func isPodUpdated(_ pod: Pod, hash: String, templateGeneration: Int64?) -> Bool {
        let labels = pod.metadata.labels
        let generationMatches = templateGeneration.map { labels[DaemonSet.templateGenerationLabel] == String($0) } ?? false
        return (!hash.isEmpty && labels[DaemonSet.revisionHashLabel] == hash) || generationMatches
    }

    /// `SurgeCount` and `UnavailableCount` for `desired` nodes, both rounded up, 0 unless RollingUpdate; when both are
    /// 0 on a DaemonSet with nodes to cover, unavailability is 1.
    public static func surgeAndUnavailable(
        _ daemonSet: DaemonSet, desired: Int
    ) throws(WorkloadError) -> (surge: Int, unavailable: Int) {
        var surge = 0, unavailable = 0
        if daemonSet.updateStrategyType == "RollingUpdate" {
            surge = try WorkloadIntOrPercent.scaledValue(daemonSet.maxSurgeValue, total: desired, roundUp: true)
            unavailable = try WorkloadIntOrPercent.scaledValue(daemonSet.maxUnavailableValue, total: desired, roundUp: true)
        }
        if desired > 0 && surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    /// `AllowsSurge`: `maxSurge` comes to more than 0 pods for one node.
    public static func allowsSurge(_ daemonSet: DaemonSet) -> Bool {
        guard daemonSet.updateStrategyType == "RollingUpdate" else { return false }
        return ((try? WorkloadIntOrPercent.scaledValue(daemonSet.maxSurgeValue, total: 1, roundUp: true)) ?? 0) > 0
    }

    /// `podByCreationTimestampAndPhase`: bound pods first, then oldest, then by name.
    static func scheduledThenOldest(_ lhs: Pod, _ rhs: Pod) -> Bool {
        let lhsBound = lhs.nodeName != nil, rhsBound = rhs.nodeName != nil
        if lhsBound != rhsBound { return lhsBound }
        let lhsCreated = lhs.metadata.creationTimestamp, rhsCreated = rhs.metadata.creationTimestamp
        if lhsCreated == rhsCreated { return lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8) }
        guard let lhsCreated, let rhsCreated else { return lhsCreated == nil }
        return lhsCreated < rhsCreated
    }
}
