import HollowModel

extension NodeLifecycle {
    /// The taints `node` should carry given its conditions and `spec.unschedulable`, or `nil` when its
    /// `spec.taints` are already right.
    ///
    /// Two passes, as kube's controller makes them:
    /// 1. doNoScheduleTaintingPass: each condition in nodeConditionToTaintKeyStatusMap calls for a NoSchedule taint
    ///    (Ready False → `not-ready`, Ready Unknown → `unreachable`, MemoryPressure/DiskPressure/PIDPressure/
    ///    NetworkUnavailable True → `memory-pressure`/`disk-pressure`/`pid-pressure`/`network-unavailable`) and
    ///    `spec.unschedulable` calls for `unschedulable:NoSchedule`. NoSchedule taints with those keys that are not
    ///    called for are removed; the rest of the node's taints are never touched.
    /// 2. processTaintBaseEviction: Ready False → `not-ready:NoExecute`, Ready Unknown → `unreachable:NoExecute`,
    ///    each replacing the other; Ready True removes both (markNodeAsReachable). A node without a Ready condition
    ///    keeps its NoExecute taints as they are.
    ///
    /// Taints already present (by key and effect) are kept as they are, `timeAdded` included, so evictions keep
    /// counting from when the taint first appeared; added taints get `timeAdded = now` (SwapNodeControllerTaint)
    /// and go at the end. Applying the result and calling again returns `nil`.
    ///
    /// Kube adds NoExecute taints through a per-zone rate limiter and stops adding them when a whole zone is down
    /// (handleDisruption); that is the runner's call, not modelled here.
    public static func reconciledTaints(for node: Node, now: Timestamp) -> [Taint]? {
        reconciledTaints(
            taints: taints(of: node), conditions: conditions(of: node.object).map(NodeCondition.init),
            unschedulable: node.unschedulable, now: now)
    }

    /// ``reconciledTaints(for:now:)`` over the parts of a node.
    public static func reconciledTaints(
        taints current: [Taint], conditions: [NodeCondition], unschedulable: Bool, now: Timestamp
    ) -> [Taint]? {
        let stamp = now.truncatedToSeconds
        var taints = current

        // doNoScheduleTaintingPass
        var wanted: [Taint] = []
        for condition in conditions {
            if let key = taintKey(forCondition: condition.type, status: condition.status) {
                wanted.append(Taint(key: key, effect: .noSchedule))
            }
        }
        if unschedulable { wanted.append(Taint(key: unschedulableTaintKey, effect: .noSchedule)) }
        let owned = taints.filter {
            $0.effect == .noSchedule && ($0.key == unschedulableTaintKey || conditionTaintKeys.contains($0.key))
        }
        let (toAdd, toRemove) = taintSetDiff(wanted, owned)
        for var taint in toAdd {
            taint.timeAdded = stamp
            addOrUpdateTaint(taint, in: &taints)
        }
        for taint in toRemove { deleteTaint(taint, from: &taints) }

        // processTaintBaseEviction / doNoExecuteTaintingPass / markNodeAsReachable
        let ready = conditions.first { $0.type == ConditionType.ready }
        switch ready?.status {
        case ConditionStatus.false?:
            if !taintExists(.notReady(), in: taints) { addOrUpdateTaint(.notReady(timeAdded: stamp), in: &taints) }
            deleteTaint(.unreachable(), from: &taints)
        case ConditionStatus.unknown?:
            if !taintExists(.unreachable(), in: taints) {
                addOrUpdateTaint(.unreachable(timeAdded: stamp), in: &taints)
            }
            deleteTaint(.notReady(), from: &taints)
        case ConditionStatus.true?:
            deleteTaint(.unreachable(), from: &taints)
            deleteTaint(.notReady(), from: &taints)
        default:
            break
        }
        return taints == current ? nil : taints
    }
}
