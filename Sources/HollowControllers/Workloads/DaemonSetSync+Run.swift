import HollowModel

/// The state of one DaemonSet sync. Each step mirrors a function of kube's controller (`syncDaemonSet`,
/// `constructHistory`, `manage`, `rollingUpdate`, `cleanupHistory`, `updateDaemonSetStatus`) and, like kube, reads the
/// cache as it was when the sync began: pods created or relabelled by this sync are not seen by its later steps.
struct DaemonSetSyncRun {
    var daemonSet: DaemonSet
    let nodes: [Node]
    let nodesByName: [String: Node]
    let pods: [Pod]
    let revisions: [ControllerRevision]
    let now: Timestamp
    var plan = DaemonSetPlan()

    init(
        daemonSet: DaemonSet, nodes: [Node], pods: [Pod], revisions: [ControllerRevision], now: Timestamp
    ) throws(WorkloadError) {
        self.daemonSet = daemonSet
        self.nodes = nodes
        var byName: [String: Node] = [:]
        for node in nodes { byName[node.name] = node }
        nodesByName = byName
        self.pods = pods.filter { $0.namespace == daemonSet.namespace }
        self.revisions = revisions.filter { $0.namespace == daemonSet.namespace }
        self.now = now
        _ = try DaemonSetSync.surgeAndUnavailable(daemonSet, desired: max(nodes.count, 1))
    }

    mutating func sync(expectationsSatisfied: Bool) throws(WorkloadError) -> DaemonSetPlan {
        let selector: LabelSelector
        do { selector = try LabelSelector(labelSelector: daemonSet.selector) } catch {
            throw .invalidSelector("DaemonSet", daemonSet.key, error)
        }
        // "This daemon set is selecting all pods. A non-empty selector is required." And a DaemonSet being deleted
        // gets no status: its revisions may already be gone.
        if selector.isEmpty || WorkloadPod.isBeingDeleted(daemonSet) { return plan }

        guard let (current, old) = constructHistory(selector) else { return plan }
        let hash = current.metadata.labels[DaemonSet.revisionHashLabel] ?? ""
        plan.hash = hash

        let claimed = claimPods(selector)
        if let duplicates = duplicateCurrentRevisions, duplicates.count > 1 {
            deduplicate(duplicates, keeping: current, pods: claimed)
        }
        let nodeToPods = podsByNode(claimed)

        if expectationsSatisfied {
            var (createNodes, deletePods) = manage(nodeToPods, hash: hash)
            if createNodes.isEmpty && deletePods.isEmpty && daemonSet.updateStrategyType == "RollingUpdate" {
                (createNodes, deletePods) = rollingUpdate(nodeToPods, hash: hash)
            }
            if !createNodes.isEmpty {
                plan.actions.append(
                    .createPods(
                        createNodes.prefix(DaemonSetSync.burstReplicas).map {
                            DaemonSetPlacement.daemonPod(daemonSet: daemonSet, hash: hash, nodeName: $0)
                        }))
            }
            if !deletePods.isEmpty {
                plan.actions.append(.deletePods(Array(deletePods.prefix(DaemonSetSync.burstReplicas))))
            }
            cleanupHistory(old, pods: claimed)
        }
        updateStatus(nodeToPods, hash: hash, updateObservedGeneration: expectationsSatisfied)
        return plan
    }

    // MARK: - Revisions

    /// Set by `constructHistory` when more than one revision matches the template.
    var duplicateCurrentRevisions: [ControllerRevision]?

    /// `constructHistory`: claim the revisions, label any without a hash, split current from old, and create the
    /// current one (or raise its revision number). `nil` after a hash collision, which ends the sync.
    mutating func constructHistory(_ selector: LabelSelector) -> (ControllerRevision, [ControllerRevision])? {
        let uid = daemonSet.metadata.uid ?? ""
        let reference = WorkloadPodTemplate.controllerReference(
            to: daemonSet, apiVersion: DaemonSet.apiVersion, kind: DaemonSet.kindName)
        let claim = WorkloadClaim(
            revisions, ownerUID: uid, ownerNamespace: daemonSet.namespace, ownerIsBeingDeleted: false,
            controllerReference: reference
        ) { selector.matches(labels: $0.object[path: ["metadata", "labels"]]) }
        for revision in claim.adopt {
            plan.actions.append(
                .adoptControllerRevision(
                    revision,
                    patch: WorkloadOwnership.adoptionPatch(adding: reference, toObjectWithUID: revision.metadata.uid ?? "")))
        }
        for revision in claim.release {
            plan.actions.append(
                .releaseControllerRevision(
                    revision,
                    patch: WorkloadOwnership.releasePatch(removingOwnerUID: uid, fromObjectWithUID: revision.metadata.uid ?? "")))
        }

        let data = DaemonSetSync.revisionData(daemonSet)
        var current: [ControllerRevision] = []
        var old: [ControllerRevision] = []
        for var history in claim.claimed {
            if history.metadata.labels[DaemonSet.revisionHashLabel] == nil {
                // The name stands in for the hash, so that a collision cannot arise.
                history.metadata.labels[DaemonSet.revisionHashLabel] = history.name
                recordRevisionUpdate(history)
            }
            if history.data.map({ $0.isEquivalent(to: data) }) ?? false {
                current.append(history)
            } else {
                old.append(history)
            }
        }

        let currentRevision = (old.map(\.revision).max().map { max($0, 0) } ?? 0) + 1
        if current.isEmpty {
            guard let snapshot = snapshot(revision: currentRevision) else { return nil }
            return (snapshot, old)
        }
        var keep = current[0]
        for history in current where history.revision >= keep.revision { keep = history }
        if current.count > 1 { duplicateCurrentRevisions = current }
        if keep.revision < currentRevision {
            keep.revision = currentRevision
            recordRevisionUpdate(keep)
        }
        return (keep, old)
    }

    /// `snapshot`: create the revision for the current template, or find it already made; a same-named revision of
    /// another template is a hash collision, which bumps `collisionCount`.
    mutating func snapshot(revision: Int64) -> ControllerRevision? {
        let hash = WorkloadHash.computeHash(
            template: daemonSet.template ?? .object([:]), collisionCount: daemonSet.status.collisionCount)
        let history = DaemonSetSync.controllerRevision(daemonSet: daemonSet, hash: hash, revision: revision)
        if let existing = revisions.first(where: { $0.name == history.name }) {
            if existing.data.map({ $0.isEquivalent(to: DaemonSetSync.revisionData(daemonSet)) }) ?? false {
                return existing
            }
            var collided = daemonSet
            collided.status.collisionCount = (daemonSet.status.collisionCount ?? 0) &+ 1
            plan.actions.append(.updateDaemonSetStatus(collided))
            plan.requeueAfter = .zero
            return nil
        }
        plan.actions.append(.createControllerRevision(history))
        return history
    }

    /// `dedupCurHistories`: pods are relabelled to the kept revision's hash and the other current revisions deleted.
    mutating func deduplicate(_ current: [ControllerRevision], keeping keep: ControllerRevision, pods: [Pod]) {
        let keptHash = keep.metadata.labels[DaemonSet.revisionHashLabel] ?? ""
        for pod in pods where pod.metadata.labels[DaemonSet.revisionHashLabel] != keptHash {
            plan.actions.append(
                .patchPod(pod, mergePatch: ["metadata": ["labels": [DaemonSet.revisionHashLabel: .string(keptHash)]]]))
        }
        for history in current where history.name != keep.name {
            plan.actions.append(.deleteControllerRevision(history))
        }
    }

    /// One PUT per revision per sync, with all of this sync's changes (a second would carry a stale resourceVersion).
    mutating func recordRevisionUpdate(_ revision: ControllerRevision) {
        plan.actions.removeAll {
            if case .updateControllerRevision(let earlier) = $0 { return earlier.name == revision.name }
            return false
        }
        plan.actions.append(.updateControllerRevision(revision))
    }

    /// `cleanupHistory`: delete the oldest old revisions beyond `revisionHistoryLimit`, except those a pod still has.
    mutating func cleanupHistory(_ old: [ControllerRevision], pods: [Pod]) {
        var toKill = old.count - daemonSet.revisionHistoryLimit
        guard toKill > 0 else { return }
        var liveHashes: Set<String> = []
        for pod in pods where DaemonSetPlacement.targetNodeName(pod) != nil {
            if let hash = pod.metadata.labels[DaemonSet.revisionHashLabel], !hash.isEmpty { liveHashes.insert(hash) }
        }
        for history in old.sorted(by: { $0.revision < $1.revision }) {
            if toKill <= 0 { break }
            if let hash = history.metadata.labels[DaemonSet.revisionHashLabel], liveHashes.contains(hash) { continue }
            plan.actions.append(.deleteControllerRevision(history))
            toKill -= 1
        }
    }

    // MARK: - Pods

    /// `getDaemonPods`: claim the namespace's pods by the selector.
    mutating func claimPods(_ selector: LabelSelector) -> [Pod] {
        let uid = daemonSet.metadata.uid ?? ""
        let reference = WorkloadPodTemplate.controllerReference(
            to: daemonSet, apiVersion: DaemonSet.apiVersion, kind: DaemonSet.kindName)
        let claim = WorkloadClaim(
            pods, ownerUID: uid, ownerNamespace: daemonSet.namespace, ownerIsBeingDeleted: false,
            controllerReference: reference
        ) { selector.matches(labels: $0.object[path: ["metadata", "labels"]]) }
        for pod in claim.adopt {
            plan.actions.append(
                .adoptPod(pod, patch: WorkloadOwnership.adoptionPatch(adding: reference, toObjectWithUID: pod.metadata.uid ?? "")))
        }
        for pod in claim.release {
            plan.actions.append(
                .releasePod(pod, patch: WorkloadOwnership.releasePatch(removingOwnerUID: uid, fromObjectWithUID: pod.metadata.uid ?? "")))
        }
        return claim.claimed
    }

    /// `getNodesToDaemonPods`: claimed pods by target node, leaving out terminal pods already being deleted.
    func podsByNode(_ claimed: [Pod]) -> [String: [Pod]] {
        var result: [String: [Pod]] = [:]
        for pod in claimed {
            if WorkloadPod.isTerminal(pod) && WorkloadPod.isBeingDeleted(pod) { continue }
            guard let nodeName = DaemonSetPlacement.targetNodeName(pod) else { continue }
            result[nodeName, default: []].append(pod)
        }
        return result
    }

    /// `manage`: per node (`podsShouldBeOnNode`) the nodes that need a daemon pod and the pods to delete — failed or
    /// succeeded ones, extras (all but the oldest, or under surge all but the oldest old and oldest new), and those on
    /// nodes they may no longer run on — plus unbound pods aimed at nodes that no longer exist.
    func manage(_ nodeToPods: [String: [Pod]], hash: String) -> (createNodes: [String], deletePods: [Pod]) {
        var createNodes: [String] = []
        var deletePods: [Pod] = []
        let surge = DaemonSetSync.allowsSurge(daemonSet)
        for node in nodes {
            let (shouldRun, shouldContinueRunning) = DaemonSetPlacement.nodeShouldRunDaemonPod(
                node: node, daemonSet: daemonSet)
            let daemonPods = nodeToPods[node.name]
            if shouldRun && daemonPods == nil {
                createNodes.append(node.name)
            } else if shouldContinueRunning {
                var running: [Pod] = []
                for pod in daemonPods ?? [] where !WorkloadPod.isBeingDeleted(pod) {
                    let phase = WorkloadPod.phase(pod)
                    if phase == "Failed" || phase == "Succeeded" {
                        deletePods.append(pod)
                    } else {
                        running.append(pod)
                    }
                }
                running.sort(by: DaemonSetSync.scheduledThenOldest)
                if !surge {
                    if running.count > 1 { deletePods += running.dropFirst() }
                    continue
                }
                if running.count <= 1 {
                    if running.isEmpty && shouldRun { createNodes.append(node.name) }
                    continue
                }
                var oldestNew: Pod?, oldestOld: Pod?
                for pod in running {
                    if pod.metadata.labels[DaemonSet.revisionHashLabel] == hash {
                        if oldestNew == nil {
                            oldestNew = pod
                            continue
                        }
                    } else if oldestOld == nil {
                        oldestOld = pod
                        continue
                    }
                    deletePods.append(pod)
                }
                if let oldestNew, let oldestOld {
                    if !WorkloadPod.isReady(oldestOld)
                        || WorkloadPod.isAvailable(oldestNew, minReadySeconds: daemonSet.minReadySeconds, now: now)
                    {
                        deletePods.append(oldestOld)
                    }
                }
            } else if let daemonPods {
                deletePods += daemonPods.filter { !WorkloadPod.isBeingDeleted($0) }
            }
        }
        for (nodeName, pods) in nodeToPods.sorted(by: { $0.key < $1.key }) where nodesByName[nodeName] == nil {
            deletePods += pods.filter { $0.nodeName == nil }
        }
        return (createNodes, deletePods)
    }

    /// `findUpdatedPodsOnNode`: the node's one up-to-date and one old pod (ignoring pods being deleted), or `nil` when
    /// there are more than one of either.
    func updatedAndOldPods(_ pods: [Pod], hash: String) -> (new: Pod?, old: Pod?)? {
        var new: Pod?, old: Pod?
        for pod in pods where !WorkloadPod.isBeingDeleted(pod) {
            if DaemonSetSync.isPodUpdated(pod, hash: hash, templateGeneration: daemonSet.templateGeneration) {
                if new != nil { return nil }
                new = pod
            } else {
                if old != nil { return nil }
                old = pod
            }
        }
        return (new, old)
    }
}
