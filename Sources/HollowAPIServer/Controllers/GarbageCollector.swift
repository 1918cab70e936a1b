import HollowModel
import HollowResources
import HollowStore
import Logging
import ServiceLifecycle
import Synchronization

/// Deletes objects whose owners are gone and carries out foreground and orphan deletion, as
/// kube-controller-manager's garbage collector does for a real cluster.
///
/// It keeps a graph of `ownerReferences` fed by one store watch per served resource, and acts only once every
/// watch has delivered its initial state, so an owner that is merely not yet seen is never taken for gone.
/// Decisions are level-based: a changed object marks itself, its owners and its dependents dirty, and a worker
/// re-evaluates dirty objects against the graph.
public struct GarbageCollector: Service {
    let server: APIServer
    let graph = OwnerGraph()

    public init(server: APIServer) {
        self.server = server
    }

    public func run() async throws {
        let wake = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        await withTaskGroup(of: Void.self) { group in
            // One watch per resource; resources registered later (custom resources) are picked up as they come.
            group.addTask {
                await withTaskGroup(of: Void.self) { watchers in
                    var watched: Set<GroupResource> = []
                    while !Task.isCancelled && !Task.isShuttingDownGracefully {
                        for definition in server.registry.all where watched.insert(definition.groupResource).inserted {
                            let resource = definition.groupResource
                            graph.expect(resource)
                            watchers.addTask {
                                // A watch that ends (the store went away, or fell behind) starts over.
                                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                                    do { try await watch(resource, wake: wake.continuation) } catch {}
                                    try? await Task.sleep(for: .seconds(1))
                                }
                            }
                        }
                        try? await Task.sleep(for: .milliseconds(500))
                    }
                    watchers.cancelAll()
                }
            }
            group.addTask {
                while !Task.isCancelled && !Task.isShuttingDownGracefully {
                    try? await Task.sleep(for: .seconds(5))
                    graph.markAllDirty()
                    wake.continuation.yield()
                }
            }
            for await _ in wake.stream.cancelOnGracefulShutdown() {
                guard graph.isSynced else { continue }
                for uid in graph.takeDirty() { await process(uid) }
            }
            group.cancelAll()
        }
    }

    private func watch(_ resource: GroupResource, wake: AsyncStream<Void>.Continuation) async throws {
        let stream = try server.store.watch(ObjectFilter(resource: resource), after: nil)
        for try await item in stream.cancelOnGracefulShutdown() {
            switch item {
            case .event(let type, let object):
                graph.apply(type, object)
                wake.yield()
            case .initialEventsEnd:
                graph.synced(resource)
                wake.yield()
            case .progress:
                break
            }
        }
    }

    /// Re-evaluates one object: its own foreground or orphan finalizer, then whether it lost its owners.
    private func process(_ uid: String) async {
        guard let node = graph.node(uid) else { return }
        do {
            if node.deleting, node.finalizers.contains("orphan") {
                try await orphanDependents(of: node)
            } else if node.deleting, node.finalizers.contains("foregroundDeletion") {
                try await deleteDependentsInForeground(of: node)
            }
            if !node.owners.isEmpty, !node.deleting {
                try await attemptToDelete(node)
            }
        } catch let error as APIError where error.isNotFound || error.isConflict {
            graph.markDirty(uid)
        } catch {
            server.logger.warning("garbage collection failed", metadata: ["object": "\(node.key)", "error": "\(error)"])
        }
    }

    private func orphanDependents(of owner: OwnerGraph.Node) async throws {
        for dependent in graph.dependents(of: owner.uid) {
            try await update(dependent) { object in
                var object = object
                let references = (object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).filter {
                    $0["uid"]?.stringValue != owner.uid
                }
                object[path: ["metadata", "ownerReferences"]] = references.isEmpty ? nil : .array(references)
                return object
            }
        }
        try await removeFinalizer("orphan", from: owner)
    }

    private func deleteDependentsInForeground(of owner: OwnerGraph.Node) async throws {
        var blocking = 0
        for dependent in graph.dependents(of: owner.uid) {
            let blocks = dependent.owners.contains { $0.uid == owner.uid && $0.blockOwnerDeletion }
            if blocks { blocking += 1 }
            if !dependent.deleting {
                try await delete(dependent, policy: blocks ? "Foreground" : "Background")
            }
        }
        if blocking == 0 { try await removeFinalizer("foregroundDeletion", from: owner) }
    }

    /// A dependent all of whose owners are gone is deleted; one that lost only some drops those references; one
    /// whose remaining owners are all being deleted in the foreground is deleted in the foreground.
    private func attemptToDelete(_ node: OwnerGraph.Node) async throws {
        var absent: [String] = []
        var waiting = 0
        for owner in node.owners {
            guard let ownerNode = graph.node(owner.uid) else {
                absent.append(owner.uid)
                continue
            }
            if ownerNode.deleting, ownerNode.finalizers.contains("foregroundDeletion") { waiting += 1 }
        }
        if absent.count == node.owners.count {
            try await delete(node, policy: "Background")
        } else if !absent.isEmpty {
            let gone = Set(absent)
            try await update(node) { object in
                var object = object
                let references = (object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).filter {
                    !gone.contains($0["uid"]?.stringValue ?? "")
                }
                object[path: ["metadata", "ownerReferences"]] = .array(references)
                return object
            }
        } else if waiting == node.owners.count, node.owners.contains(where: \.blockOwnerDeletion) {
            try await delete(node, policy: "Foreground")
        }
    }

    private func definition(_ node: OwnerGraph.Node) -> ResourceDefinition? {
        server.registry.all.first { $0.groupResource == node.key.resource }
    }

    private func delete(_ node: OwnerGraph.Node, policy: String) async throws {
        guard let definition = definition(node) else { return }
        var options = DeleteOptions()
        options.propagationPolicy = policy
        options.preconditionUID = node.uid
        _ = try await server.performDelete(definition, key: node.key, options: options, now: server.now())
    }

    private func update(_ node: OwnerGraph.Node, _ transform: (JSON) throws -> JSON) async throws {
        guard let definition = definition(node) else { return }
        _ = try await server.guaranteedUpdate(definition, key: node.key, now: server.now(), applyStrategy: false) {
            object in
            guard object[path: ["metadata", "uid"]]?.stringValue == node.uid else {
                throw APIError.notFound(group: definition.group, resource: definition.plural, name: node.key.name)
            }
            return try transform(object)
        }
    }

    private func removeFinalizer(_ finalizer: String, from node: OwnerGraph.Node) async throws {
        try await update(node) { object in
            var object = object
            let finalizers = (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).filter {
                $0.stringValue != finalizer
            }
            object[path: ["metadata", "finalizers"]] = finalizers.isEmpty ? nil : .array(finalizers)
            return object
        }
    }
}

/// The ownership graph: every object's owners, and every owner's dependents, by uid.
final class OwnerGraph: Sendable {
    struct OwnerReference: Sendable, Equatable {
        var uid: String
        var blockOwnerDeletion: Bool
    }

    struct Node: Sendable {
        var uid: String
        var key: StorageKey
        var owners: [OwnerReference]
        var deleting: Bool
        var finalizers: Set<String>
    }

    private struct State {
        var nodes: [String: Node] = [:]
        var dependents: [String: Set<String>] = [:]
        var dirty: Set<String> = []
        var pending: Set<GroupResource> = []
    }

    private let state = Mutex(State())

    var isSynced: Bool { state.withLock { $0.pending.isEmpty } }

    func expect(_ resource: GroupResource) { state.withLock { _ = $0.pending.insert(resource) } }
    func synced(_ resource: GroupResource) { state.withLock { _ = $0.pending.remove(resource) } }

    func node(_ uid: String) -> Node? { state.withLock { $0.nodes[uid] } }

    func dependents(of uid: String) -> [Node] {
        state.withLock { state in (state.dependents[uid] ?? []).compactMap { state.nodes[$0] } }
    }

    func markDirty(_ uid: String) { state.withLock { _ = $0.dirty.insert(uid) } }

    func markAllDirty() {
        state.withLock { state in
            for (uid, node) in state.nodes where !node.owners.isEmpty || node.deleting { state.dirty.insert(uid) }
        }
    }

    func takeDirty() -> Set<String> {
        state.withLock { state in
            defer { state.dirty.removeAll() }
            return state.dirty
        }
    }

    /// Records a change; marks the object, its owners and its dependents for re-evaluation.
    func apply(_ type: WatchEventType, _ object: StoredObject) {
        // Only metadata matters here, and not its managed fields: the rest of the object (a pod's spec and status)
        // is scanned, not built.
        guard let metadata = try? JSON.member("metadata", omitting: ["managedFields"], parsing: object.data),
            let uid = metadata["uid"]?.stringValue
        else { return }
        let owners = (metadata["ownerReferences"]?.arrayValue ?? []).compactMap { reference -> OwnerReference? in
            guard let ownerUID = reference["uid"]?.stringValue else { return nil }
            return OwnerReference(uid: ownerUID, blockOwnerDeletion: reference["blockOwnerDeletion"]?.boolValue == true)
        }
        let node = Node(
            uid: uid, key: object.key, owners: owners,
            deleting: metadata["deletionTimestamp"] != nil,
            finalizers: Set((metadata["finalizers"]?.arrayValue ?? []).compactMap(\.stringValue)))
        state.withLock { state in
            if let previous = state.nodes[uid] {
                for owner in previous.owners { state.dependents[owner.uid]?.remove(uid) }
            }
            if type == .deleted {
                state.nodes[uid] = nil
                for dependent in state.dependents[uid] ?? [] { state.dirty.insert(dependent) }
            } else {
                state.nodes[uid] = node
                for owner in owners { state.dependents[owner.uid, default: []].insert(uid) }
                state.dirty.insert(uid)
            }
            for owner in owners { state.dirty.insert(owner.uid) }
        }
    }
}
