import HollowModel

/// A node as the scheduler sees it (kube-scheduler's `framework.NodeInfo`): the node, parsed once per node version,
/// and the running total of what the pods bound to it request.
///
/// Build one when a node is added or updated (``init(node:)``, ``updatingNode(_:)`` keeps the totals), and keep
/// the totals current with ``add(_:)``/``remove(_:)`` as bound pods come and go; a scheduling attempt then reads
/// only integers, labels and taints. Callers must remove exactly the ``SchedulerPodUsage`` they added (keep it per
/// pod, as ``SchedulerCache`` does), since a pod's spec may change between the two.
public struct SchedulerNodeInfo: Sendable {
    public let node: Node
    public let name: String
    public let labels: [String: String]
    /// `spec.unschedulable` (cordoned).
    public let unschedulable: Bool
    /// `spec.taints`.
    public let taints: [SchedulerTaint]
    /// `status.allocatable`, in scheduler units.
    public let allocatable: SchedulerResources
    /// `status.allocatable.pods`; a node without it fits no pod (`Too many pods`), as in kube.
    public let allowedPodNumber: Int64
    /// What the pods bound to this node take from it.
    public internal(set) var usage: SchedulerNodeUsage

    let hasBlockingTaints: Bool
    let preferNoScheduleTaints: [SchedulerTaint]

    public init(node: Node, usage: SchedulerNodeUsage = SchedulerNodeUsage()) {
        self.node = node
        name = node.name
        labels = node.metadata.labels
        unschedulable = node.unschedulable
        taints = node.schedulerTaints
        let list = SchedulerResourceList.parse(node.object[path: ["status", "allocatable"]])
        allocatable = SchedulerResources(resourceList: list)
        allowedPodNumber = list[SchedulerResourceName.pods]?.value ?? 0
        hasBlockingTaints = taints.contains { $0.blocksScheduling }
        preferNoScheduleTaints = taints.filter { $0.effect == SchedulerTaint.preferNoSchedule }
        self.usage = usage
    }

    /// A node info with `bound` pods counted (terminal pods are skipped, as the scheduler's cache never holds
    /// them). Convenient for tests and one-off decisions; controllers should use ``SchedulerCache``.
    public init(node: Node, boundPods: [Pod]) {
        var usage = SchedulerNodeUsage()
        for pod in boundPods where !pod.isSchedulerTerminal { usage.add(SchedulerPodUsage(pod)) }
        self.init(node: node, usage: usage)
    }

    /// The same totals on a new version of the node.
    public func updatingNode(_ node: Node) -> SchedulerNodeInfo { SchedulerNodeInfo(node: node, usage: usage) }

    public mutating func add(_ pod: SchedulerPodUsage) { usage.add(pod) }
    public mutating func remove(_ pod: SchedulerPodUsage) { usage.remove(pod) }
}

/// The sum of what the pods bound to a node request (`NodeInfo.Requested`, `NonZeroRequested`, `len(Pods)`), also
/// broken down by pod priority for the preemption dry run.
public struct SchedulerNodeUsage: Sendable, Hashable {
    public private(set) var requested: SchedulerResources = .zero
    public private(set) var nonZeroMilliCPU: Int64 = 0
    public private(set) var nonZeroMemory: Int64 = 0
    public private(set) var podCount = 0
    /// Per priority, ascending; a handful of entries at most.
    private(set) var byPriority: [PriorityShare] = []

    struct PriorityShare: Sendable, Hashable {
        var priority: Int32
        var requested: SchedulerResources
        var podCount: Int
    }

    public init() {}

    public var isEmpty: Bool { podCount == 0 }

    public mutating func add(_ pod: SchedulerPodUsage) {
        requested.add(pod.requests)
        nonZeroMilliCPU &+= pod.nonZeroMilliCPU
        nonZeroMemory &+= pod.nonZeroMemory
        podCount += 1
        if let index = byPriority.firstIndex(where: { $0.priority >= pod.priority }),
            byPriority[index].priority == pod.priority
        {
            byPriority[index].requested.add(pod.requests)
            byPriority[index].podCount += 1
        } else {
            let index = byPriority.firstIndex { $0.priority > pod.priority } ?? byPriority.endIndex
            byPriority.insert(PriorityShare(priority: pod.priority, requested: pod.requests, podCount: 1), at: index)
        }
    }

    public mutating func remove(_ pod: SchedulerPodUsage) {
        requested.subtract(pod.requests)
        nonZeroMilliCPU &-= pod.nonZeroMilliCPU
        nonZeroMemory &-= pod.nonZeroMemory
        podCount -= 1
        if let index = byPriority.firstIndex(where: { $0.priority == pod.priority }) {
            byPriority[index].requested.subtract(pod.requests)
            byPriority[index].podCount -= 1
            if byPriority[index].podCount <= 0 { byPriority.remove(at: index) }
        }
    }

    /// The requests and pod count left when every pod with a priority below `priority` is gone: what
    /// DefaultPreemption's `SelectVictimsOnNode` checks the preemptor against. `nil` when there is no such pod
    /// (`No preemption victims found for incoming pod`).
    func withoutPods(below priority: Int32) -> (requested: SchedulerResources, podCount: Int)? {
        var requested = requested
        var podCount = podCount
        var found = false
        for share in byPriority where share.priority < priority {
            requested.subtract(share.requested)
            podCount -= share.podCount
            found = true
        }
        return found ? (requested, podCount) : nil
    }
}
