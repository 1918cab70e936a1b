import HollowModel

/// `controller.ControllerExpectations` (with `UIDTrackingControllerExpectations`' deletion keys): what a controller
/// has asked the API server to create and delete and not yet seen in its informer.
///
/// Informers lag the writes a sync makes. A controller that decides again before its cache shows its own pods would
/// create them twice, so kube's ReplicaSet and DaemonSet controllers skip the decisions (but still write status) until
/// their expectations are satisfied. This is the value they keep per controller key; the runner holds it under a lock,
/// records expectations before it acts, lowers them from informer events and from failed writes, and passes
/// `isSatisfied` into the plans.
public struct WorkloadExpectations: Sendable, Equatable {
    /// `ExpectationsTimeout`: expectations older than this are considered satisfied, so a lost watch event cannot
    /// wedge a controller.
    public static let timeout: Duration = .seconds(5 * 60)

    struct Record: Sendable, Equatable {
        var creations: Int
        var deletions: Int
        var deletionKeys: Set<String>
        var recorded: Timestamp
    }

    private var records: [String: Record] = [:]

    public init() {}

    /// `SatisfiedExpectations`: nothing pending for `key`, the pending counts are fulfilled, or they have expired.
    public func isSatisfied(_ key: String, now: Timestamp) -> Bool {
        guard let record = records[key] else { return true }
        if record.creations <= 0 && record.deletions <= 0 { return true }
        return now.duration(since: record.recorded) > Self.timeout
    }

    /// `ExpectCreations` / `ExpectDeletions` / `SetExpectations`: replaces what is expected for `key`. Pass the keys
    /// (`namespace/name`) of pods being deleted so that each deletion is observed once, whether as a deletion
    /// timestamp or as the delete itself.
    public mutating func expect(_ key: String, creations: Int, deletingPodKeys: [String] = [], deletions: Int? = nil, now: Timestamp) {
        records[key] = Record(
            creations: creations, deletions: deletions ?? deletingPodKeys.count, deletionKeys: Set(deletingPodKeys),
            recorded: now)
    }

    /// `CreationObserved`: a pod was seen created, or a create failed or was skipped.
    public mutating func creationObserved(_ key: String) { records[key]?.creations -= 1 }

    /// `DeletionObserved`: a pod was seen deleted (or being deleted), or a delete failed. With `podKey`, only the first
    /// observation of an expected pod counts.
    public mutating func deletionObserved(_ key: String, podKey: String? = nil) {
        guard var record = records[key] else { return }
        if let podKey, !record.deletionKeys.isEmpty {
            guard record.deletionKeys.remove(podKey) != nil else { return }
        }
        record.deletions -= 1
        records[key] = record
    }

    /// `DeleteExpectations`: the controller object itself was deleted.
    public mutating func forget(_ key: String) { records[key] = nil }
}

/// `slowStartBatch`: the sizes in which to issue `count` creates, 1, 2, 4 … — stop at the first batch with a
/// failure, so a quota or admission error costs one request rather than hundreds.
public func workloadSlowStartBatches(_ count: Int, initialBatchSize: Int = 1) -> [Int] {
    var batches: [Int] = []
    var remaining = count
    var size = min(remaining, initialBatchSize)
    while size > 0 {
        batches.append(size)
        remaining -= size
        size = min(2 * size, remaining)
    }
    return batches
}
