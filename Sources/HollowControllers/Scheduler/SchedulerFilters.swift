import HollowModel

/// Everything a scheduling attempt needs from the pod, parsed once per attempt (kube's PreFilter and PreScore
/// state), so that evaluating a node reads no JSON.
struct SchedulerPodRequirements: Sendable {
    var requestedNodeName: String?
    /// NodeResourcesFit's pod request.
    var requests: SchedulerResources
    /// Scalar requests in name order, zero requests dropped (fit.go skips them).
    var scalarRequests: [(name: String, amount: Int64)]
    /// LeastAllocated's pod request (cpu and memory with the defaults for containers without requests).
    var scoringMilliCPU: Int64
    var scoringMemory: Int64
    var tolerations: [SchedulerToleration]
    var toleratesUnschedulable: Bool
    /// Tolerations with an empty or `PreferNoSchedule` effect, for the TaintToleration score.
    var preferNoScheduleTolerations: [SchedulerToleration]
    var affinity: SchedulerNodeAffinity
    var priority: Int32
    var preemptionPolicyNever: Bool

    init(_ pod: Pod) {
        requestedNodeName = pod.nodeName
        let spec = SchedulerPodSpecResources(pod)
        let plain = spec.requests()
        requests = SchedulerResources(resourceList: plain)
        scalarRequests = requests.scalarResources.filter { $0.value != 0 }.map { (name: $0.key, amount: $0.value) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let scoring = spec.requests(defaults: [SchedulerResourceName.cpu, SchedulerResourceName.memory])
        scoringMilliCPU = scoring[SchedulerResourceName.cpu]?.milliValue ?? 0
        scoringMemory = scoring[SchedulerResourceName.memory]?.value ?? 0
        tolerations = pod.schedulerTolerations
        toleratesUnschedulable = tolerations.tolerate(SchedulerTaint.unschedulable)
        preferNoScheduleTolerations = tolerations.filter {
            $0.effect.isEmpty || $0.effect == SchedulerTaint.preferNoSchedule
        }
        affinity = SchedulerNodeAffinity(pod)
        priority = pod.schedulerPriority
        preemptionPolicyNever = pod.object[path: ["spec", "preemptionPolicy"]]?.stringValue == "Never"
    }
}

/// Why one node cannot take the pod: a framework `Status` from the first filter plugin that rejected it.
struct SchedulerNodeStatus: Sendable, Equatable {
    /// `Unschedulable` (preemption might help) rather than `UnschedulableAndUnresolvable`.
    var resolvable: Bool
    var reasons: [String]

    static func unresolvable(_ reason: String) -> SchedulerNodeStatus {
        SchedulerNodeStatus(resolvable: false, reasons: [reason])
    }
}

/// The reason strings kube-scheduler's plugins report, word for word (they end up in pod conditions, events and
/// cluster-autoscaler's matching).
public enum SchedulerReason {
    /// NodeUnschedulable's `ErrReasonUnschedulable`.
    public static let nodeUnschedulable = "node(s) were unschedulable"
    /// NodeName's `ErrReason`.
    public static let nodeName = "node(s) didn't match the requested node name"
    /// TaintToleration's Filter. Since kubernetes/kubernetes#134740 (in v1.35, cherry-picked to release-1.34 as
    /// #135023) the pod status no longer names the taint; earlier releases wrote
    /// `node(s) had untolerated taint {<key>: <value>}`.
    public static let untoleratedTaint = "node(s) had untolerated taint(s)"
    /// NodeAffinity's `ErrReasonPod`.
    public static let nodeAffinity = "node(s) didn't match Pod's node affinity/selector"
    /// NodeAffinity's PreFilter when the `metadata.name` terms exclude each other (`errReasonConflict`).
    public static let nodeAffinityConflict = "pod affinity terms conflict"
    /// The framework's status for nodes a PreFilter result left out.
    public static let nodeAffinityPreFilter = "node(s) didn't satisfy plugin(s) [NodeAffinity]"
    /// NodeResourcesFit.
    public static let tooManyPods = "Too many pods"
    public static let insufficientCPU = "Insufficient cpu"
    public static let insufficientMemory = "Insufficient memory"
    public static let insufficientEphemeralStorage = "Insufficient ephemeral-storage"
    public static func insufficient(_ resource: String) -> String { "Insufficient \(resource)" }
    /// DefaultPreemption.
    public static let preemptionNotHelpful = "Preemption is not helpful for scheduling"
    public static let noPreemptionVictims = "No preemption victims found for incoming pod"
    public static let preemptionPolicyNever = "not eligible due to preemptionPolicy=Never."
    /// `ErrNoNodesAvailable`.
    public static let noNodesAvailable = "no nodes available to schedule pods"
}

/// The filter plugins of kube-scheduler's default profile that bear on Hollow's pods, in the profile's order:
/// NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodeResourcesFit. As in the framework, the first
/// plugin to reject a node decides its status.
///
/// Not modelled: NodePorts, the volume plugins, PodTopologySpread and InterPodAffinity filters, DRA.
enum SchedulerFilters {
    /// The status of `nodes[index]`, `nil` when the pod fits.
    ///
    /// Takes the array and an index rather than a node info: reading fields through the array lets the optimiser
    /// load just those, where passing `nodes[index]` copies the whole node info, retaining everything in it, for
    /// every node of every attempt.
    static func status(
        of pod: SchedulerPodRequirements, nodeAt index: Int, in nodes: [SchedulerNodeInfo]
    ) -> SchedulerNodeStatus? {
        // NodeUnschedulable
        if nodes[index].unschedulable && !pod.toleratesUnschedulable {
            return .unresolvable(SchedulerReason.nodeUnschedulable)
        }
        // NodeName
        if let requested = pod.requestedNodeName, requested != nodes[index].name {
            return .unresolvable(SchedulerReason.nodeName)
        }
        // TaintToleration: the first NoSchedule or NoExecute taint no toleration tolerates.
        if nodes[index].hasBlockingTaints {
            for taint in nodes[index].taints where taint.blocksScheduling && !pod.tolerations.tolerate(taint) {
                return .unresolvable(SchedulerReason.untoleratedTaint)
            }
        }
        // NodeAffinity
        if pod.affinity.filters && !pod.affinity.matches(labels: nodes[index].labels, nodeName: nodes[index].name) {
            return .unresolvable(SchedulerReason.nodeAffinity)
        }
        // NodeResourcesFit, the common case first, reading integers only (copying the resources out would retain
        // their dictionaries, for every node filtered).
        let request = pod.requests
        if Int64(nodes[index].usage.podCount) < nodes[index].allowedPodNumber && pod.scalarRequests.isEmpty
            && request.milliCPU <= nodes[index].allocatable.milliCPU &- nodes[index].usage.requested.milliCPU
            && request.memory <= nodes[index].allocatable.memory &- nodes[index].usage.requested.memory
            && request.ephemeralStorage
                <= nodes[index].allocatable.ephemeralStorage &- nodes[index].usage.requested.ephemeralStorage
        {
            return nil
        }
        return fit(
            pod, allocatable: nodes[index].allocatable, allowedPodNumber: nodes[index].allowedPodNumber,
            requested: nodes[index].usage.requested, podCount: nodes[index].usage.podCount)
    }

    /// NodeResourcesFit's `fitsRequest`: one reason per insufficient resource. A resource the pod asks more of
    /// than the node has allocatable at all makes the status unresolvable, since evicting pods cannot help.
    static func fit(
        _ pod: SchedulerPodRequirements, allocatable: SchedulerResources, allowedPodNumber: Int64,
        requested: SchedulerResources, podCount: Int
    ) -> SchedulerNodeStatus? {
        let request = pod.requests
        var reasons: [String] = []
        var resolvable = true
        if Int64(podCount) + 1 > allowedPodNumber { reasons.append(SchedulerReason.tooManyPods) }
        if request.isZero { return reasons.isEmpty ? nil : SchedulerNodeStatus(resolvable: true, reasons: reasons) }

        if request.milliCPU > 0 && request.milliCPU > allocatable.milliCPU &- requested.milliCPU {
            reasons.append(SchedulerReason.insufficientCPU)
            if request.milliCPU > allocatable.milliCPU { resolvable = false }
        }
        if request.memory > 0 && request.memory > allocatable.memory &- requested.memory {
            reasons.append(SchedulerReason.insufficientMemory)
            if request.memory > allocatable.memory { resolvable = false }
        }
        if request.ephemeralStorage > 0
            && request.ephemeralStorage > allocatable.ephemeralStorage &- requested.ephemeralStorage
        {
            reasons.append(SchedulerReason.insufficientEphemeralStorage)
            if request.ephemeralStorage > allocatable.ephemeralStorage { resolvable = false }
        }
        for (name, amount) in pod.scalarRequests {
            let capacity = allocatable.scalar(name)
            if amount > capacity &- requested.scalar(name) {
                reasons.append(SchedulerReason.insufficient(name))
                if amount > capacity { resolvable = false }
            }
        }
        return reasons.isEmpty ? nil : SchedulerNodeStatus(resolvable: resolvable, reasons: reasons)
    }
}
