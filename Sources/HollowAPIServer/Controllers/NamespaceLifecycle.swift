import HollowModel
import HollowResources
import HollowStore
import Logging
import ServiceLifecycle

/// Finalizes terminating namespaces: deletes everything they hold, then clears the `kubernetes` finalizer and
/// removes the namespace (kube-controller-manager's namespace controller on a real cluster).
///
/// Level-based: it reacts to namespace events and rechecks terminating namespaces every `recheckInterval` until
/// their content is gone (pods with a grace period leave only when their kubelet lets them go).
public struct NamespaceLifecycle: Service {
    let server: APIServer
    let recheckInterval: Duration

    public init(server: APIServer, recheckInterval: Duration = .seconds(1)) {
        self.server = server
        self.recheckInterval = recheckInterval
    }

    public func run() async throws {
        let namespaces = GroupResource(group: "", resource: "namespaces")
        let wake = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                let stream = try server.store.watch(ObjectFilter(resource: namespaces), after: nil)
                for try await item in stream.cancelOnGracefulShutdown() {
                    if case .event(_, let object) = item, (try? object.decode())?[path: ["metadata", "deletionTimestamp"]] != nil {
                        wake.continuation.yield()
                    }
                }
            }
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    try? await Task.sleep(for: recheckInterval)
                    wake.continuation.yield()
                }
            }
            for await _ in wake.stream.cancelOnGracefulShutdown() {
                await finalizeTerminatingNamespaces()
            }
            group.cancelAll()
        }
    }

    func finalizeTerminatingNamespaces() async {
        let filter = ObjectFilter(resource: GroupResource(group: "", resource: "namespaces"))
        guard let page = try? await server.store.list(filter, limit: nil, continueAfter: nil) else { return }
        for item in page.items {
            guard let namespace = try? item.decode(), namespace[path: ["metadata", "deletionTimestamp"]] != nil else {
                continue
            }
            do {
                try await finalize(item.key.name)
            } catch {
                server.logger.warning("namespace finalization failed", metadata: ["namespace": "\(item.key.name)", "error": "\(error)"])
            }
        }
    }

    /// Deletes the namespace's content; once nothing is left, removes the finalizer and the namespace.
    func finalize(_ name: String) async throws {
        var remaining = 0
        let now = server.now()
        for definition in server.registry.all where definition.namespaced {
            let filter = ObjectFilter(resource: definition.groupResource, namespace: name)
            let page = try await server.store.list(filter, limit: nil, continueAfter: nil)
            for item in page.items {
                remaining += 1
                _ = try? await server.performDelete(definition, key: item.key, options: DeleteOptions(), now: now)
            }
        }
        if remaining > 0 {
            // Check again: what was deleted at once is gone; what is pending goes when its finalizers do.
            for definition in server.registry.all where definition.namespaced {
                let filter = ObjectFilter(resource: definition.groupResource, namespace: name)
                if try await !server.store.list(filter, limit: 1, continueAfter: nil).items.isEmpty { return }
            }
        }
        let key = StorageKey(resource: GroupResource(group: "", resource: "namespaces"), namespace: "", name: name)
        guard let stored = try await server.store.get(key) else { return }
        var namespace = try stored.decode()
        let finalizers = (namespace[path: ["spec", "finalizers"]]?.arrayValue ?? []).filter { $0.stringValue != "kubernetes" }
        if (namespace[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty, finalizers.isEmpty {
            _ = try await server.store.delete(key, expectedRevision: stored.revision)
        } else {
            namespace[path: ["spec", "finalizers"]] = .array(finalizers)
            let index = server.storeIndex(namespace, BuiltinResources.namespaces)
            _ = try await server.store.update(key, ObjectWrite(object: namespace, index: index), expectedRevision: stored.revision)
        }
    }
}
