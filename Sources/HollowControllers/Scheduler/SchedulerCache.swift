import HollowModel

/// The scheduler's view of the cluster (kube-scheduler's cache and snapshot in one value): a node info per node,
/// kept current from informer events, and the pods bound or assumed onto each node.
///
/// Feed it every node event (``updateNode(_:)``, ``removeNode(named:)``) and every pod event (``updatePod(_:)``,
/// ``removePod(_:)``); events may arrive in any order across kinds (a pod bound to a node the cache has not seen
/// yet is counted once the node arrives). Every update costs O(1) apart from parsing the object that changed.
///
/// A scheduling cycle is ``schedule(_:)`` then, on a `bind` outcome, ``assume(_:onNode:)`` before the next
/// ``schedule(_:)``, so that the next pod sees this one's requests before the Binding round-trips through the
/// informer; if the Binding fails, ``forget(_:)`` undoes the assumption. A value type: guard it with a `Mutex` in
/// the controller and call it from one scheduling loop.
public struct SchedulerCache: Sendable {
    /// Every node, in no particular order.
    public private(set) var nodes: [SchedulerNodeInfo] = []
    private var nodeIndex: [String: Int] = [:]
    private var pods: [ObjectKey: BoundPod] = [:]
    /// Totals of pods bound to nodes the cache does not know (yet, or any more), by node name.
    private var pendingUsage: [String: SchedulerNodeUsage] = [:]
    /// How many feasible nodes an attempt looks for; see ``SchedulerNodeSampling``.
    public var sampling: SchedulerNodeSampling
    /// Where the next attempt starts filtering (`nextStartNodeIndex`), so all nodes get their turn under sampling.
    public private(set) var nextStartIndex = 0

    private struct BoundPod: Sendable {
        var nodeName: String
        var usage: SchedulerPodUsage
        /// Placed by ``assume(_:onNode:)`` and not yet seen bound in an informer event.
        var assumed: Bool
    }

    public init(sampling: SchedulerNodeSampling = .allNodes) {
        self.sampling = sampling
    }

    public func nodeInfo(named name: String) -> SchedulerNodeInfo? { nodeIndex[name].map { nodes[$0] } }

    /// Pods counted against some node, assumed ones included.
    public var boundPodCount: Int { pods.count }

    // MARK: - Nodes

    /// Adds a node or replaces its previous version, keeping the totals of its pods.
    public mutating func updateNode(_ node: Node) {
        let name = node.name
        if let index = nodeIndex[name] {
            nodes[index] = nodes[index].updatingNode(node)
        } else {
            nodeIndex[name] = nodes.count
            nodes.append(
                SchedulerNodeInfo(node: node, usage: pendingUsage.removeValue(forKey: name) ?? SchedulerNodeUsage()))
        }
    }

    /// Removes a node. Pods still bound to it stay counted, against its name, until they are removed too.
    public mutating func removeNode(named name: String) {
        guard let index = nodeIndex.removeValue(forKey: name) else { return }
        let removed = nodes[index]
        if !removed.usage.isEmpty { pendingUsage[name] = removed.usage }
        let last = nodes.count - 1
        if index != last {
            nodes[index] = nodes[last]
            nodeIndex[nodes[index].name] = index
        }
        nodes.removeLast()
    }

    // MARK: - Pods

    /// Adds, updates or drops a pod's share of its node: a pod counts while it has `spec.nodeName` and has not
    /// finished. An unbound version of a pod this cache assumed is ignored (an older event racing the Binding).
    public mutating func updatePod(_ pod: Pod) {
        let key = ObjectKey(namespace: pod.namespace, name: pod.name)
        guard let nodeName = pod.nodeName, !pod.isSchedulerTerminal else {
            if pod.nodeName == nil, pods[key]?.assumed == true { return }
            removePod(key)
            return
        }
        let usage = SchedulerPodUsage(pod)
        if let existing = pods[key] {
            if existing.nodeName == nodeName && existing.usage == usage {
                pods[key]?.assumed = false
                return
            }
            subtract(existing.usage, from: existing.nodeName)
        }
        pods[key] = BoundPod(nodeName: nodeName, usage: usage, assumed: false)
        add(usage, to: nodeName)
    }

    /// Drops a deleted pod's share of its node.
    public mutating func removePod(_ key: ObjectKey) {
        guard let existing = pods.removeValue(forKey: key) else { return }
        subtract(existing.usage, from: existing.nodeName)
    }

    public mutating func removePod(_ pod: Pod) { removePod(ObjectKey(namespace: pod.namespace, name: pod.name)) }

    /// Counts `pod` against `nodeName` ahead of its Binding (kube's `AssumePod`).
    public mutating func assume(_ pod: Pod, onNode nodeName: String) {
        var bound = pod
        bound.nodeName = nodeName
        let key = ObjectKey(namespace: pod.namespace, name: pod.name)
        removePod(key)
        let usage = SchedulerPodUsage(bound)
        pods[key] = BoundPod(nodeName: nodeName, usage: usage, assumed: true)
        add(usage, to: nodeName)
    }

    /// Undoes ``assume(_:onNode:)`` after a failed Binding; a pod already seen bound is left alone.
    public mutating func forget(_ key: ObjectKey) {
        guard pods[key]?.assumed == true else { return }
        removePod(key)
    }

    // MARK: - Scheduling

    /// ``SchedulerAlgorithm/schedule(pod:nodes:sampling:startIndex:)`` over this cache's nodes; advances the start
    /// index past the nodes it evaluated.
    public mutating func schedule(_ pod: Pod) -> SchedulingDecision {
        let decision = SchedulerAlgorithm.schedule(
            SchedulerPodRequirements(pod), nodes: nodes, sampling: sampling, startIndex: nextStartIndex)
        if !nodes.isEmpty { nextStartIndex = (nextStartIndex + decision.evaluatedNodes) % nodes.count }
        return decision
    }

    private mutating func add(_ usage: SchedulerPodUsage, to nodeName: String) {
        if let index = nodeIndex[nodeName] {
            nodes[index].add(usage)
        } else {
            pendingUsage[nodeName, default: SchedulerNodeUsage()].add(usage)
        }
    }

    private mutating func subtract(_ usage: SchedulerPodUsage, from nodeName: String) {
        if let index = nodeIndex[nodeName] {
            nodes[index].remove(usage)
        } else if var pending = pendingUsage[nodeName] {
            pending.remove(usage)
            pendingUsage[nodeName] = pending.isEmpty ? nil : pending
        }
    }
}
