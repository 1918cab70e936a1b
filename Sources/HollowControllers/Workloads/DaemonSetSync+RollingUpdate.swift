import HollowModel

extension DaemonSetSyncRun {
    /// `rollingUpdate`. Without surge, delete old pods while no more than `maxUnavailable` nodes lack an available
    /// up-to-date pod (old pods that are unavailable anyway are always replaced), and let `manage` create the new ones.
    /// With surge, create new pods beside old ones on up to `maxSurge` nodes (at once where the old pod is unavailable),
    /// and delete an old pod once its replacement is available.
    ///
    /// Nodes are visited in name order (kube's map order is random).
    func rollingUpdate(_ podsOnNodes: [String: [Pod]], hash: String) -> (createNodes: [String], deletePods: [Pod]) {
        var nodeToPods = podsOnNodes
        var desired = 0
        for node in nodes where DaemonSetPlacement.nodeShouldRunDaemonPod(node: node, daemonSet: daemonSet).shouldRun {
            desired += 1
            if nodeToPods[node.name] == nil { nodeToPods[node.name] = [] }
        }
        guard let (maxSurge, maxUnavailable) = try? DaemonSetSync.surgeAndUnavailable(daemonSet, desired: desired)
        else { return ([], []) }
        let minReadySeconds = daemonSet.minReadySeconds
        func available(_ pod: Pod) -> Bool { WorkloadPod.isAvailable(pod, minReadySeconds: minReadySeconds, now: now) }
        let nodeNames = nodeToPods.keys.sorted()

        if maxSurge == 0 {
            var unavailable = 0
            var replacements: [Pod] = []
            var candidates: [Pod] = []
            for nodeName in nodeNames {
                guard let (newPod, oldPod) = updatedAndOldPods(nodeToPods[nodeName] ?? [], hash: hash) else {
                    unavailable += 1  // excess pods: manage cleans up, count the node as unavailable
                    continue
                }
                switch (newPod, oldPod) {
                case (nil, nil), (.some, .some):
                    unavailable += 1
                case (let newPod?, nil):
                    if !available(newPod) { unavailable += 1 }
                case (nil, let oldPod?):
                    if !available(oldPod) {
                        replacements.append(oldPod)
                        unavailable += 1
                    } else if unavailable < maxUnavailable {
                        candidates.append(oldPod)
                    }
                }
            }
            let remaining = min(max(maxUnavailable - unavailable, 0), candidates.count)
            return ([], replacements + candidates.prefix(remaining))
        }

        var oldPodsToDelete: [Pod] = []
        var shouldNotRunPodsToDelete: [Pod] = []
        var candidateNewNodes: [String] = []
        var allowedNewNodes: [String] = []
        var surging = 0
        var numberAvailable = 0
        func shouldRun(_ nodeName: String) -> Bool {
            guard let node = nodesByName[nodeName] else { return false }
            return DaemonSetPlacement.nodeShouldRunDaemonPod(node: node, daemonSet: daemonSet).shouldRun
        }
        for nodeName in nodeNames {
            guard let (newPod, oldPod) = updatedAndOldPods(nodeToPods[nodeName] ?? [], hash: hash) else {
                surging += 1  // excess pods: manage cleans up, count the node as surging
                continue
            }
            if let oldPod {
                if available(oldPod) { numberAvailable += 1 }
            } else if let newPod, available(newPod) {
                numberAvailable += 1
            }
            guard let oldPod else { continue }  // manage handles the node
            if let newPod {
                if !available(newPod) {
                    surging += 1  // waiting for the new pod to become available
                    continue
                }
                oldPodsToDelete.append(oldPod)
                continue
            }
            if !available(oldPod) {
                if !shouldRun(nodeName) {
                    oldPodsToDelete.append(oldPod)
                    continue
                }
                allowedNewNodes.append(nodeName)
            } else {
                if !shouldRun(nodeName) {
                    shouldNotRunPodsToDelete.append(oldPod)
                    continue
                }
                if surging >= maxSurge { continue }
                candidateNewNodes.append(nodeName)
            }
        }
        // Under surge the owner expects full availability: a pod on a node it should leave goes only once pods
        // elsewhere make up for it.
        let deletable = min(numberAvailable - desired, shouldNotRunPodsToDelete.count)
        if deletable > 0 { oldPodsToDelete += shouldNotRunPodsToDelete.prefix(deletable) }
        let remaining = min(max(maxSurge - surging, 0), candidateNewNodes.count)
        return (allowedNewNodes + candidateNewNodes.prefix(remaining), oldPodsToDelete)
    }

    /// `updateDaemonSetStatus`: per node that should run a daemon pod, whether it has one, and whether the oldest is
    /// ready, available and up to date; pods on nodes that should not run one are misscheduled.
    mutating func updateStatus(_ nodeToPods: [String: [Pod]], hash: String, updateObservedGeneration: Bool) {
        var desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0
        for node in nodes {
            let shouldRun = DaemonSetPlacement.nodeShouldRunDaemonPod(node: node, daemonSet: daemonSet).shouldRun
            let daemonPods = nodeToPods[node.name] ?? []
            if shouldRun {
                desired += 1
                guard let pod = daemonPods.sorted(by: DaemonSetSync.scheduledThenOldest).first else { continue }
                current += 1
                if WorkloadPod.isReady(pod) {
                    ready += 1
                    if WorkloadPod.isAvailable(pod, minReadySeconds: daemonSet.minReadySeconds, now: now) {
                        available += 1
                    }
                }
                if DaemonSetSync.isPodUpdated(pod, hash: hash, templateGeneration: daemonSet.templateGeneration) {
                    updated += 1
                }
            } else if !daemonPods.isEmpty {
                misscheduled += 1
            }
        }
        let stored = daemonSet.status
        var status = stored
        status.desiredNumberScheduled = desired
        status.currentNumberScheduled = current
        status.numberMisscheduled = misscheduled
        status.numberReady = ready
        status.updatedNumberScheduled = updated
        status.numberAvailable = available
        status.numberUnavailable = desired - available
        if updateObservedGeneration { status.observedGeneration = daemonSet.metadata.generation }
        plan.status = status
        let countsUnchanged =
            stored.desiredNumberScheduled == desired && stored.currentNumberScheduled == current
            && stored.numberMisscheduled == misscheduled && stored.numberReady == ready
            && stored.updatedNumberScheduled == updated && stored.numberAvailable == available
            && stored.numberUnavailable == desired - available
        plan.statusNeedsUpdate = !(countsUnchanged && stored.observedGeneration >= daemonSet.metadata.generation)
        if daemonSet.minReadySeconds > 0 && ready != available {
            plan.requeueAfter = .seconds(daemonSet.minReadySeconds)
        }
    }
}
