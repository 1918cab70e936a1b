import HollowModel

/// The pod predicates the workload controllers share: `controller.IsPodActive`, `podutil.IsPodReady`,
/// `podutil.IsPodAvailable`, and the order in which a ReplicaSet picks pods to delete (`controller.ActivePodsWithRanks`).
public enum WorkloadPod {
    /// `controller.kubernetes.io/pod-deletion-cost`: pods with a lower cost are deleted first.
    public static let deletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

    /// `IsPodActive`: not Succeeded, not Failed, not being deleted.
    public static func isActive(_ pod: Pod) -> Bool {
        !isTerminal(pod) && !isBeingDeleted(pod)
    }

    /// `IsPodTerminal`: Succeeded or Failed.
    public static func isTerminal(_ pod: Pod) -> Bool {
        let phase = pod.object[path: ["status", "phase"]]?.stringValue
        return phase == "Succeeded" || phase == "Failed"
    }

    /// `metadata.deletionTimestamp` is set.
    public static func isBeingDeleted(_ object: some KubernetesObject) -> Bool {
        guard let value = object.object[path: ["metadata", "deletionTimestamp"]] else { return false }
        return !value.isNull
    }

    /// `status.phase` as kube reads it: the empty string when unset (which ranks like Pending).
    static func phase(_ pod: Pod) -> String { pod.object[path: ["status", "phase"]]?.stringValue ?? "" }

    /// `IsPodReady`: the `Ready` condition is `True`.
    public static func isReady(_ pod: Pod) -> Bool { readyCondition(pod)?["status"]?.stringValue == "True" }

    /// When the `Ready` condition last changed, for a ready pod; `nil` for a pod that is not ready or has no time.
    public static func readySince(_ pod: Pod) -> Timestamp? {
        guard isReady(pod) else { return nil }
        return readyCondition(pod)?["lastTransitionTime"]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
    }

    /// `IsPodAvailable`: ready, and ready for longer than `minReadySeconds` strictly before `now` (a pod whose Ready
    /// condition has no transition time is available only when `minReadySeconds` is 0).
    public static func isAvailable(_ pod: Pod, minReadySeconds: Int, now: Timestamp) -> Bool {
        guard isReady(pod) else { return false }
        if minReadySeconds == 0 { return true }
        guard let since = readySince(pod) else { return false }
        return since.adding(.seconds(minReadySeconds)) < now
    }

    private static func readyCondition(_ pod: Pod) -> JSON? {
        pod.object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
    }

    /// `GetDeletionCostFromPodAnnotations`: the annotation as an `Int32`, 0 when unset or malformed (a leading `+` or
    /// leading zeros are malformed).
    public static func deletionCost(_ pod: Pod) -> Int32 {
        guard let value = pod.metadata.annotations[deletionCostAnnotation], let first = value.first else { return 0 }
        let validFirst = first == "-" || value == "0" || ("1"..."9").contains(first)
        guard validFirst, let cost = Int32(value) else { return 0 }
        return cost
    }

    /// The highest restart count of the regular containers, then of the restartable init containers (sidecars);
    /// `maxContainerRestarts` as `compareMaxContainerRestarts` uses it.
    static func maxRestarts(_ pod: Pod) -> (regular: Int64, sidecar: Int64) {
        func highest(_ statuses: JSON?, where include: (String) -> Bool) -> Int64 {
            var result: Int64 = 0
            for status in statuses?.arrayValue ?? [] where include(status["name"]?.stringValue ?? "") {
                result = max(result, status["restartCount"]?.intValue ?? 0)
            }
            return result
        }
        let sidecars = Set(
            (pod.object[path: ["spec", "initContainers"]]?.arrayValue ?? [])
                .filter { $0["restartPolicy"]?.stringValue == "Always" }
                .compactMap { $0["name"]?.stringValue })
        return (
            highest(pod.object[path: ["status", "containerStatuses"]]) { _ in true },
            highest(pod.object[path: ["status", "initContainerStatuses"]]) { sidecars.contains($0) }
        )
    }

    // MARK: - Deletion order

    /// `ActivePodsWithRanks.Less`: whether `lhs` should be deleted before `rhs`. Applied in turn:
    ///
    /// 1. unassigned before assigned; 2. Pending before Unknown before Running; 3. not ready before ready;
    /// 4. lower `pod-deletion-cost` first; 5. higher rank (more pods of the same owner on its node) first;
    /// 6. ready for less time first; 7. more container restarts first; 8. newer (or without creation time) first.
    ///
    /// With `now`, 6 and 8 compare times on kube's logarithmic scale (`LogarithmicScaleDown`, on by default): times in
    /// the same power-of-two bucket of age tie, and the tie goes to the lower UID. Without `now` they compare exactly.
    public static func precedesForDeletion(
        _ lhs: Pod, rank lhsRank: Int, _ rhs: Pod, rank rhsRank: Int, now: Timestamp?
    ) -> Bool {
        let lhsNode = lhs.nodeName ?? "", rhsNode = rhs.nodeName ?? ""
        if lhsNode != rhsNode && (lhsNode.isEmpty || rhsNode.isEmpty) { return lhsNode.isEmpty }

        let lhsPhase = phaseOrdinal(phase(lhs)), rhsPhase = phaseOrdinal(phase(rhs))
        if lhsPhase != rhsPhase { return lhsPhase < rhsPhase }

        let lhsReady = isReady(lhs), rhsReady = isReady(rhs)
        if lhsReady != rhsReady { return !lhsReady }

        let lhsCost = deletionCost(lhs), rhsCost = deletionCost(rhs)
        if lhsCost != rhsCost { return lhsCost < rhsCost }

        if lhsRank != rhsRank { return lhsRank > rhsRank }

        if lhsReady && rhsReady {
            let lhsSince = readySince(lhs), rhsSince = readySince(rhs)
            if lhsSince != rhsSince {
                if let now, let lhsSince, let rhsSince {
                    let difference = logarithmicRankDifference(lhsSince, rhsSince, now: now)
                    if difference == 0 { return uidPrecedes(lhs, rhs) }
                    return difference < 0
                }
                return afterOrZero(lhsSince, rhsSince)
            }
        }

        let lhsRestarts = maxRestarts(lhs), rhsRestarts = maxRestarts(rhs)
        if lhsRestarts.regular != rhsRestarts.regular { return lhsRestarts.regular > rhsRestarts.regular }
        if lhsRestarts.sidecar != rhsRestarts.sidecar { return lhsRestarts.sidecar > rhsRestarts.sidecar }

        let lhsCreated = lhs.metadata.creationTimestamp, rhsCreated = rhs.metadata.creationTimestamp
        if lhsCreated != rhsCreated {
            if let now, let lhsCreated, let rhsCreated {
                let difference = logarithmicRankDifference(lhsCreated, rhsCreated, now: now)
                if difference == 0 { return uidPrecedes(lhs, rhs) }
                return difference < 0
            }
            return afterOrZero(lhsCreated, rhsCreated)
        }
        return false
    }

    /// `pods` in deletion order (`sort.Sort(ActivePodsWithRanks{…})`); `ranks[i]` belongs to `pods[i]`.
    public static func sortedForDeletion(_ pods: [Pod], ranks: [Int], now: Timestamp?) -> [Pod] {
        precondition(pods.count == ranks.count, "one rank per pod")
        return zip(pods, ranks).sorted { precedesForDeletion($0.0, rank: $0.1, $1.0, rank: $1.1, now: now) }.map(\.0)
    }

    private static func phaseOrdinal(_ phase: String) -> Int {
        switch phase {
        case "Unknown": 1
        case "Running": 2
        default: 0  // Pending, and anything else as Go's map lookup gives 0
        }
    }

    /// `afterOrZero`: a missing time counts as later than any time.
    private static func afterOrZero(_ lhs: Timestamp?, _ rhs: Timestamp?) -> Bool {
        guard let lhs, let rhs else { return lhs == nil }
        return lhs > rhs
    }

    /// `logarithmicRankDiff`: ⌊log₂(age in ns)⌋ of each time (−1 for a time not in the past), subtracted.
    static func logarithmicRankDifference(_ lhs: Timestamp, _ rhs: Timestamp, now: Timestamp) -> Int64 {
        func rank(_ time: Timestamp) -> Int64 {
            let (seconds, attoseconds) = now.duration(since: time).components
            let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds / 1_000_000_000)
            // `Double.exponent` is ⌊log₂⌋ exactly, as Go's `int64(math.Log2(d))` is for these magnitudes.
            return nanoseconds > 0 ? Int64(nanoseconds.exponent) : -1
        }
        return rank(lhs) - rank(rhs)
    }

    private static func uidPrecedes(_ lhs: Pod, _ rhs: Pod) -> Bool {
        (lhs.metadata.uid ?? "").utf8.lexicographicallyPrecedes((rhs.metadata.uid ?? "").utf8)
    }
}
