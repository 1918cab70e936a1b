/// The score plugins of kube-scheduler's default profile that bear on Hollow's pods, with the profile's weights:
/// TaintToleration (3, PreferNoSchedule taints), NodeAffinity (2, preferred terms), NodeResourcesFit (1,
/// LeastAllocated on cpu and memory) and NodeResourcesBalancedAllocation (1).
///
/// Not modelled: PodTopologySpread's default spreading, InterPodAffinity and ImageLocality. kube breaks ties at
/// random; here the highest total wins and ties go to the first node name (node names are ASCII, where `String`
/// order is byte order), so results are stable.
enum SchedulerScoring {
    static let maxNodeScore: Int64 = 100
    static let taintTolerationWeight: Int64 = 3
    static let nodeAffinityWeight: Int64 = 2
    static let leastAllocatedWeight: Int64 = 1
    static let balancedAllocationWeight: Int64 = 1

    /// The chosen node among `feasible` (indices into `nodes`); `feasible` must not be empty.
    static func select(
        _ pod: SchedulerPodRequirements, nodes: [SchedulerNodeInfo], feasible: [Int]
    ) -> (index: Int, score: Int64) {
        // The node infos are read through a buffer pointer: copying one out of the array (its resources, taints,
        // labels) would retain and release its dictionaries and arrays for every node scored, which was most of a
        // scheduling cycle's time on 10,000 nodes.
        nodes.withUnsafeBufferPointer { select(pod, nodes: $0, feasible: feasible) }
    }

    private static func select(
        _ pod: SchedulerPodRequirements, nodes: UnsafeBufferPointer<SchedulerNodeInfo>, feasible: [Int]
    ) -> (index: Int, score: Int64) {
        let count = feasible.count
        var totals = [Int64](repeating: 0, count: count)

        // NodeResourcesFit (LeastAllocated) and BalancedAllocation need no normalisation.
        let balanced = pod.requests.milliCPU != 0 || pod.requests.memory != 0  // best-effort pods skip it
        for (slot, index) in feasible.enumerated() {
            let inputs = ResourceScoreInputs(nodes[index])
            totals[slot] = leastAllocatedWeight * leastAllocated(pod, inputs)
            if balanced { totals[slot] += balancedAllocationWeight * balancedAllocation(pod, inputs) }
        }

        // TaintToleration: fewer intolerable PreferNoSchedule taints is better (normalised, reversed).
        var raw = [Int64](repeating: 0, count: count)
        for (slot, index) in feasible.enumerated() where !nodes[index].preferNoScheduleTaints.isEmpty {
            raw[slot] = intolerablePreferNoScheduleTaints(pod, nodes[index].preferNoScheduleTaints)
        }
        normalize(&raw, reverse: true)
        for slot in 0..<count { totals[slot] += taintTolerationWeight * raw[slot] }

        // NodeAffinity: the weights of the matching preferred terms (normalised); skipped without any.
        if !pod.affinity.preferredTerms.isEmpty {
            for (slot, index) in feasible.enumerated() {
                raw[slot] = pod.affinity.preferredScore(labels: nodes[index].labels, nodeName: nodes[index].name)
            }
            normalize(&raw, reverse: false)
            for slot in 0..<count { totals[slot] += nodeAffinityWeight * raw[slot] }
        }

        var best = 0
        for slot in 1..<max(count, 1) {
            let candidate = totals[slot]
            if candidate > totals[best]
                || (candidate == totals[best]
                    && nodes[feasible[slot]].name < nodes[feasible[best]].name)
            {
                best = slot
            }
        }
        return (feasible[best], totals[best])
    }

    /// `leastResourceScorer` over cpu and memory, weight 1 each: the mean of `(allocatable - requested) * 100 /
    /// allocatable`, where requested counts the node's pods and this one with the non-zero defaults. A resource
    /// the node has none of is left out; more requested than allocatable scores 0.
    static func leastAllocated(_ pod: SchedulerPodRequirements, _ node: ResourceScoreInputs) -> Int64 {
        var score: Int64 = 0
        var weights: Int64 = 0
        func add(capacity: Int64, requested: Int64) {
            guard capacity != 0 else { return }
            score += requested > capacity ? 0 : ((capacity - requested) * maxNodeScore) / capacity
            weights += 1
        }
        add(capacity: node.milliCPUCapacity, requested: node.nonZeroMilliCPU &+ pod.scoringMilliCPU)
        add(capacity: node.memoryCapacity, requested: node.nonZeroMemory &+ pod.scoringMemory)
        return weights == 0 ? 0 : score / weights
    }

    /// `balancedResourceScorer` over cpu and memory with the actual requests: `(1 - |f_cpu - f_mem| / 2) * 100`,
    /// each fraction capped at 1; a single resource with allocatable scores 100.
    static func balancedAllocation(_ pod: SchedulerPodRequirements, _ node: ResourceScoreInputs) -> Int64 {
        let cpuCapacity = node.milliCPUCapacity
        let memoryCapacity = node.memoryCapacity
        guard cpuCapacity != 0 && memoryCapacity != 0 else { return maxNodeScore }
        let cpu = min(Double(node.requestedMilliCPU &+ pod.requests.milliCPU) / Double(cpuCapacity), 1)
        let memory = min(Double(node.requestedMemory &+ pod.requests.memory) / Double(memoryCapacity), 1)
        return Int64((1 - abs((cpu - memory) / 2)) * Double(maxNodeScore))
    }

    /// TaintToleration's raw score: PreferNoSchedule taints none of the pod's empty-effect or PreferNoSchedule
    /// tolerations tolerate.
    static func intolerablePreferNoScheduleTaints(
        _ pod: SchedulerPodRequirements, _ taints: [SchedulerTaint]
    ) -> Int64 {
        var count: Int64 = 0
        for taint in taints where !pod.preferNoScheduleTolerations.tolerate(taint) { count += 1 }
        return count
    }

    /// `helper.DefaultNormalizeScore`: scale to 0…100 by the highest score; reversed, 100 minus that (all 100 when
    /// every score is 0).
    static func normalize(_ scores: inout [Int64], reverse: Bool) {
        let highest = scores.max() ?? 0
        if highest == 0 {
            if reverse { for index in scores.indices { scores[index] = maxNodeScore } }
            return
        }
        for index in scores.indices {
            let score = maxNodeScore * scores[index] / highest
            scores[index] = reverse ? maxNodeScore - score : score
        }
    }
}

/// The numbers of a node that the resource scores read, copied out without its dictionaries and arrays.
struct ResourceScoreInputs {
    var milliCPUCapacity: Int64
    var memoryCapacity: Int64
    var nonZeroMilliCPU: Int64
    var nonZeroMemory: Int64
    var requestedMilliCPU: Int64
    var requestedMemory: Int64

    init(_ node: borrowing SchedulerNodeInfo) {
        milliCPUCapacity = node.allocatable.milliCPU
        memoryCapacity = node.allocatable.memory
        nonZeroMilliCPU = node.usage.nonZeroMilliCPU
        nonZeroMemory = node.usage.nonZeroMemory
        requestedMilliCPU = node.usage.requested.milliCPU
        requestedMemory = node.usage.requested.memory
    }
}
