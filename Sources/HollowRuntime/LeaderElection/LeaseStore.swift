import HollowModel

/// The API calls leader election makes on its Lease (client-go's `resourcelock.LeaseLock`). The client conforms to
/// it; tests use an in-memory store.
public protocol LeaseStore: Sendable {
    /// The lease, or `nil` when it does not exist (NotFound).
    func get(_ key: ObjectKey) async throws -> Lease?
    /// Creates the lease; throws when it already exists. - Returns: the lease as stored.
    func create(_ lease: Lease) async throws -> Lease
    /// Replaces the lease; throws on a conflict (its `resourceVersion` is not the stored one).
    /// - Returns: the lease as stored.
    func update(_ lease: Lease) async throws -> Lease
}

/// The part of a Lease that leader election reads and writes (client-go's `LeaderElectionRecord`).
public struct LeaderElectionRecord: Sendable, Hashable {
    /// Who holds the lease; empty when nobody does (after a release).
    public var holderIdentity: String
    public var leaseDurationSeconds: Int64
    public var acquireTime: Timestamp?
    public var renewTime: Timestamp?
    public var leaseTransitions: Int64

    public init(
        holderIdentity: String, leaseDurationSeconds: Int64, acquireTime: Timestamp?, renewTime: Timestamp?,
        leaseTransitions: Int64
    ) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    /// The record a Lease's spec holds (`LeaseSpecToLeaderElectionRecord`).
    public init(_ lease: Lease) {
        holderIdentity = lease.holderIdentity ?? ""
        leaseDurationSeconds = lease.leaseDurationSeconds ?? 0
        acquireTime = lease.acquireTime
        renewTime = lease.renewTime
        leaseTransitions = lease.leaseTransitions
    }

    /// Writes the record into a Lease's spec (`LeaderElectionRecordToLeaseSpec`), times as MicroTime.
    public func write(to lease: inout Lease) {
        lease.holderIdentity = holderIdentity
        lease.leaseDurationSeconds = leaseDurationSeconds
        lease.acquireTime = acquireTime?.truncatedToMicroseconds
        lease.renewTime = renewTime?.truncatedToMicroseconds
        lease.leaseTransitions = leaseTransitions
    }
}

extension Lease {
    /// A new `coordination.k8s.io/v1` Lease named by `key` holding `record`.
    public init(_ key: ObjectKey, record: LeaderElectionRecord) {
        var metadata: JSONObject = ["name": .string(key.name)]
        if let namespace = key.namespace { metadata["namespace"] = .string(namespace) }
        self.init(["apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": .object(metadata)])
        record.write(to: &self)
    }
}
