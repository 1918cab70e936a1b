import HollowClient
import HollowModel

/// The real client feeds informers: each informer's stream is the client's resuming list+watch.
extension KubernetesClient: ListWatcher {
    public func listAndWatch<Object: KubernetesObject>(
        _ type: Object.Type, resource: APIResource, namespace: String?, options: ListOptions
    ) -> any AsyncSequence<ResourceUpdate<Object>, any Error> {
        self.resource(resource, as: type).updates(namespace: namespace, options: options)
    }
}

/// Leader election's Lease calls over the real client.
public struct ClientLeaseStore: LeaseStore {
    let leases: ResourceClient<Lease>

    public init(client: KubernetesClient) { leases = client.resource(Lease.self) }

    public func get(_ key: ObjectKey) async throws -> Lease? {
        do {
            return try await leases.get(key.name, namespace: key.namespace)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    public func create(_ lease: Lease) async throws -> Lease {
        try await leases.create(lease)
    }

    public func update(_ lease: Lease) async throws -> Lease {
        try await leases.update(lease)
    }
}
