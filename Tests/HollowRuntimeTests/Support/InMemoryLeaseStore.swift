import HollowModel
import HollowRuntime
import Synchronization

/// Leases in memory with the API server's optimistic concurrency: every write bumps `resourceVersion`, and an
/// update whose `resourceVersion` is not the stored one fails with a conflict.
final class InMemoryLeaseStore: LeaseStore {
    struct Conflict: Error {}
    struct AlreadyExists: Error {}
    struct NotFound: Error {}

    private let state = Mutex<(leases: [ObjectKey: Lease], revision: Int)>(([:], 0))

    func get(_ key: ObjectKey) async throws -> Lease? {
        state.withLock { $0.leases[key] }
    }

    func create(_ lease: Lease) async throws -> Lease {
        try state.withLock { state in
            let key = ObjectKey(namespace: lease.namespace, name: lease.name)
            guard state.leases[key] == nil else { throw AlreadyExists() }
            state.revision += 1
            var stored = lease
            stored.metadata.resourceVersion = "\(state.revision)"
            state.leases[key] = stored
            return stored
        }
    }

    func update(_ lease: Lease) async throws -> Lease {
        try state.withLock { state in
            let key = ObjectKey(namespace: lease.namespace, name: lease.name)
            guard let current = state.leases[key] else { throw NotFound() }
            guard current.resourceVersion == lease.resourceVersion else { throw Conflict() }
            state.revision += 1
            var stored = lease
            stored.metadata.resourceVersion = "\(state.revision)"
            state.leases[key] = stored
            return stored
        }
    }

    func lease(_ key: ObjectKey) -> Lease? { state.withLock { $0.leases[key] } }
}

/// A view of a store that can be cut off, as a network partition cuts one candidate off the API server.
final class PartitionableLeaseStore: LeaseStore {
    struct Unreachable: Error {}

    let base: InMemoryLeaseStore
    private let partitioned = Atomic<Bool>(false)

    init(_ base: InMemoryLeaseStore) { self.base = base }

    func partition() { partitioned.store(true, ordering: .sequentiallyConsistent) }

    private func check() throws {
        if partitioned.load(ordering: .sequentiallyConsistent) { throw Unreachable() }
    }

    func get(_ key: ObjectKey) async throws -> Lease? {
        try check()
        return try await base.get(key)
    }

    func create(_ lease: Lease) async throws -> Lease {
        try check()
        return try await base.create(lease)
    }

    func update(_ lease: Lease) async throws -> Lease {
        try check()
        return try await base.update(lease)
    }
}
