// Scheduler: the decision logic of kube-scheduler's default profile, as pure functions over object values, and the
// controller that runs it. Apart from `SchedulerController.swift`, nothing here does I/O or reads a clock; the scheduler controller keeps a `SchedulerCache` current from its node and pod
// informers, asks it where each pending pod goes, and carries out the answer (a Binding, or a PodScheduled=False
// condition and a FailedScheduling event).
//
// How this folder is organised:
//
// - `Scheduler.swift`             `SchedulingDecision` and `SchedulerAlgorithm.schedule`: PreFilter, the filters,
//                                 scoring, and the FitError message with DefaultPreemption's suffix.
// - `SchedulerCache.swift`        `SchedulerCache`: node infos kept current incrementally from informer events,
//                                 the assume step, and the rotating start index for `percentageOfNodesToScore`.
// - `SchedulerNodeInfo.swift`     `SchedulerNodeInfo` (a node parsed once per version) and `SchedulerNodeUsage` (the
//                                 requests of its bound pods, also by priority).
// - `SchedulerPod.swift`          Which pods the scheduler takes, and `SchedulerPodUsage`: a pod's requests as
//                                 `resource.PodRequests` computes them (init containers, sidecars, overhead,
//                                 pod-level resources, limits standing in for missing requests).
// - `SchedulerResources.swift`    `SchedulerResources` (millicores, bytes, scalar resources) and quantity lists.
// - `SchedulerFilters.swift`      NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodeResourcesFit, with
//                                 kube's reason strings (`SchedulerReason`).
// - `SchedulerScoring.swift`      LeastAllocated, BalancedAllocation, TaintToleration and NodeAffinity scores.
// - `SchedulerTaint.swift`,
//   `SchedulerNodeAffinity.swift` Taints, tolerations and node selector terms.
// - `SchedulerObjects.swift`      The Binding, the PodScheduled condition and the event messages.
// - `SchedulerController.swift`   The running scheduler: informers feed the cache, workers schedule pending pods and
//                                 POST Bindings concurrently, unschedulable pods get their condition and an event.
// - `SchedulerUnschedulablePods.swift`  Pods that did not fit and when to retry them (cluster events, or a backoff).

import HollowModel

/// Where a pod goes, or why it cannot go anywhere.
public struct SchedulingDecision: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Bind the pod to this node (POST a Binding, ``SchedulerObjects/binding(for:nodeName:)``).
        case bind(nodeName: String)
        /// No node fits. `message` is kube-scheduler's, for the PodScheduled condition and the FailedScheduling
        /// event, e.g. `0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No
        /// preemption victims found for incoming pod.`
        case unschedulable(message: String)
    }

    public var outcome: Outcome
    /// Nodes the filters ran on, including those that failed them (`ScheduleResult.EvaluatedNodes`).
    public var evaluatedNodes: Int
    /// Nodes that passed every filter (`ScheduleResult.FeasibleNodes`).
    public var feasibleNodes: Int

    public init(outcome: Outcome, evaluatedNodes: Int = 0, feasibleNodes: Int = 0) {
        self.outcome = outcome
        self.evaluatedNodes = evaluatedNodes
        self.feasibleNodes = feasibleNodes
    }

    public var nodeName: String? {
        if case .bind(let nodeName) = outcome { return nodeName }
        return nil
    }

    public var unschedulableMessage: String? {
        if case .unschedulable(let message) = outcome { return message }
        return nil
    }
}

/// kube-scheduler's `percentageOfNodesToScore`: how many feasible nodes a scheduling attempt looks for before it
/// stops filtering and scores what it found.
public enum SchedulerNodeSampling: Sendable, Hashable {
    /// Every node is filtered and every feasible node scored: the best node by Hollow's scoring, deterministically.
    case allNodes
    /// kube's default (`percentageOfNodesToScore: 0`): all nodes below 100, else `50 - nodes/125` percent (at
    /// least 5%), at least 100 nodes. Cheaper on large clusters; which node wins then depends on the start index.
    case adaptive
    /// A fixed percentage (1…100), at least 100 nodes.
    case percentage(Int)

    /// `numFeasibleNodesToFind`.
    func feasibleNodesToFind(among nodeCount: Int) -> Int {
        let minimumNodes = 100
        if nodeCount < minimumNodes { return nodeCount }
        let percentage: Int
        switch self {
        case .allNodes: return nodeCount
        case .adaptive: percentage = Swift.max(50 - nodeCount / 125, 5)
        case .percentage(let value): percentage = Swift.min(Swift.max(value, 1), 100)
        }
        return Swift.max(nodeCount * percentage / 100, minimumNodes)
    }
}

/// One scheduling attempt of kube-scheduler's default profile (`schedulePod` and the PostFilter), for the plugins
/// that bear on Hollow's pods.
public enum SchedulerAlgorithm {
    /// Picks a node for `pod` among `nodes`, or explains why none fits.
    ///
    /// Runs NodeAffinity's PreFilter, then the filters on each node in turn (starting at `startIndex`, wrapping)
    /// until `sampling` has found enough feasible nodes; one feasible node is chosen as is, several are scored.
    /// When none is feasible the message is kube's `FitError.Error()` with DefaultPreemption's outcome appended,
    /// worked out from the nodes' statuses and the priorities of their pods (Hollow never evicts; when kube would
    /// have found victims, the message carries no preemption part, as kube's does then).
    /// - Parameters:
    ///   - pod: a pod for which ``HollowModel/Pod/isSchedulerCandidate(schedulerName:)`` holds.
    ///   - nodes: every node in the cluster, with the pods bound to them (including pods assumed onto them).
    public static func schedule(
        pod: Pod, nodes: [SchedulerNodeInfo], sampling: SchedulerNodeSampling = .allNodes, startIndex: Int = 0
    ) -> SchedulingDecision {
        schedule(SchedulerPodRequirements(pod), nodes: nodes, sampling: sampling, startIndex: startIndex)
    }

    static func schedule(
        _ pod: SchedulerPodRequirements, nodes: [SchedulerNodeInfo], sampling: SchedulerNodeSampling, startIndex: Int
    ) -> SchedulingDecision {
        guard !nodes.isEmpty else {
            return SchedulingDecision(outcome: .unschedulable(message: SchedulerReason.noNodesAvailable))
        }
        var diagnosis = SchedulerDiagnosis(nodeCount: nodes.count)

        // PreFilter: NodeAffinity may narrow the nodes to the names its terms pin, or find them contradictory.
        var candidates: [Int]?
        if pod.affinity.preFilterConflict {
            diagnosis.preFilterMessage = SchedulerReason.nodeAffinityConflict
            diagnosis.absentStatus = .unresolvable(SchedulerReason.nodeAffinityConflict)
            let message = diagnosis.fitErrorMessage(postFilter: preemptionMessage(pod, nodes: nodes, diagnosis))
            return SchedulingDecision(outcome: .unschedulable(message: message))
        }
        if let names = pod.affinity.preFilterNodeNames {
            candidates = nodes.indices.filter { names.contains(nodes[$0].name) }
            diagnosis.absentStatus = .unresolvable(SchedulerReason.nodeAffinityPreFilter)
        }

        // Filter, starting where the previous attempt left off.
        let count = candidates?.count ?? nodes.count
        let wanted = sampling.feasibleNodesToFind(among: count)
        var feasible: [Int] = []
        var evaluated = 0
        if count > 0 {
            let start = ((startIndex % count) + count) % count
            for offset in 0..<count {
                let position = (start + offset) % count
                let index = candidates?[position] ?? position
                evaluated += 1
                if let status = SchedulerFilters.status(of: pod, nodeAt: index, in: nodes) {
                    diagnosis.statuses.append((index, status))
                } else {
                    feasible.append(index)
                    if feasible.count >= wanted { break }
                }
            }
        }

        guard !feasible.isEmpty else {
            let message = diagnosis.fitErrorMessage(postFilter: preemptionMessage(pod, nodes: nodes, diagnosis))
            return SchedulingDecision(
                outcome: .unschedulable(message: message), evaluatedNodes: evaluated, feasibleNodes: 0)
        }
        let chosen =
            feasible.count == 1 ? feasible[0] : SchedulerScoring.select(pod, nodes: nodes, feasible: feasible).index
        return SchedulingDecision(
            outcome: .bind(nodeName: nodes[chosen].name), evaluatedNodes: evaluated, feasibleNodes: feasible.count)
    }

    /// DefaultPreemption's PostFilter message, or `nil` when it would find a node to preempt on (kube then
    /// nominates the pod and the message has no preemption part).
    ///
    /// Only nodes rejected with a resolvable status (NodeResourcesFit without a resource beyond the node's
    /// allocatable) are tried; on each, all pods of lower priority are taken away and the filters run again.
    static func preemptionMessage(
        _ pod: SchedulerPodRequirements, nodes: [SchedulerNodeInfo], _ diagnosis: SchedulerDiagnosis
    ) -> String? {
        if pod.preemptionPolicyNever { return "preemption: " + SchedulerReason.preemptionPolicyNever }
        var dryRun = SchedulerDiagnosis(nodeCount: nodes.count)
        dryRun.absentStatus = .unresolvable(SchedulerReason.preemptionNotHelpful)
        // Nodes left out by a PreFilter are unresolvable too, so only the rejected nodes can be candidates.
        for (index, status) in diagnosis.statuses where status.resolvable {
            guard let remaining = nodes[index].usage.withoutPods(below: pod.priority) else {
                dryRun.statuses.append((index, .unresolvable(SchedulerReason.noPreemptionVictims)))
                continue
            }
            guard
                let status = SchedulerFilters.fit(
                    pod, allocatable: nodes[index].allocatable, allowedPodNumber: nodes[index].allowedPodNumber,
                    requested: remaining.requested, podCount: remaining.podCount)
            else { return nil }
            dryRun.statuses.append((index, status))
        }
        return "preemption: " + dryRun.fitErrorMessage(postFilter: nil)
    }
}

/// The statuses of the nodes a scheduling attempt rejected (`framework.Diagnosis` with its `NodeToStatus`).
struct SchedulerDiagnosis {
    var nodeCount: Int
    /// Nodes the filters rejected, by index.
    var statuses: [(index: Int, status: SchedulerNodeStatus)] = []
    /// The status of every node not in `statuses` (PreFilter narrowing or failure); `nil` leaves them uncounted.
    var absentStatus: SchedulerNodeStatus?
    var preFilterMessage: String?

    /// `FitError.Error()`: `0/N nodes are available:`, then the PreFilter message, or else each reason with the
    /// number of nodes that gave it, sorted as strings; then the PostFilter message.
    func fitErrorMessage(postFilter: String?) -> String {
        var message = "0/\(nodeCount) nodes are available:"
        if let preFilterMessage {
            message += " \(preFilterMessage)."
        } else {
            // A handful of distinct reasons, mostly the same string constants: a linear scan beats hashing.
            var counts: [(reason: String, count: Int)] = []
            func count(_ reason: String, _ times: Int) {
                if let index = counts.firstIndex(where: { $0.reason == reason }) {
                    counts[index].count += times
                } else {
                    counts.append((reason, times))
                }
            }
            for (_, status) in statuses {
                for reason in status.reasons { count(reason, 1) }
            }
            let absent = nodeCount - statuses.count
            if let absentStatus, absent > 0 {
                for reason in absentStatus.reasons { count(reason, absent) }
            }
            let histogram = counts.map { "\($0.count) \($0.reason)" }
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            if !histogram.isEmpty { message += " " + histogram.joined(separator: ", ") + "." }
        }
        if let postFilter, !postFilter.isEmpty { message += " " + postFilter }
        return message
    }
}
