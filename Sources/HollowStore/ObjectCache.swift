import HollowModel
import Synchronization

/// The store's memory: every current object, the current revision and the watch cache, behind one lock.
///
/// Reads (`get`, `list`, `watch`) are served from here alone. The writer is the only mutator: it reads committed
/// versions with ``committed(_:)``, persists, and then calls ``apply(_:revision:)``, which updates the objects,
/// records the changes and yields them to watchers in one critical section. A watch registers in a critical
/// section too, so it sees each commit either entirely in its replay (or snapshot) or entirely as live events.
final class ObjectCache: Sendable {
    struct State: Sendable {
        var resources: [GroupResource: ResourceObjects]
        var revision: Int64
        var watchCache: WatchCache
        var isClosed = false
    }

    private let state: Mutex<State>
    /// Each watcher's stream buffers this many items beyond its replay or initial snapshot.
    let watcherBufferSize: Int

    init(objects: [StoredObject], revision: Int64, watchCacheCapacity: Int, watcherBufferSize: Int) {
        precondition(watcherBufferSize > 0, "watcher buffer size must be positive")
        var byResource: [GroupResource: [StoredObject]] = [:]
        for object in objects { byResource[object.key.resource, default: []].append(object) }
        let resources = byResource.mapValues(ResourceObjects.init)
        self.state = Mutex(
            State(
                resources: resources, revision: revision,
                watchCache: WatchCache(capacity: watchCacheCapacity, startRevision: revision)))
        self.watcherBufferSize = watcherBufferSize
    }

    var currentRevision: Int64 { state.withLock { $0.revision } }

    var objectCount: Int { state.withLock { $0.resources.values.reduce(0) { $0 + $1.count } } }

    var watcherCount: Int { state.withLock { $0.watchCache.watcherCount } }

    func get(_ key: StorageKey) throws(StorageError) -> StoredObject? {
        try state.withLock { state throws(StorageError) in
            try state.checkOpen()
            return state.resources[key.resource]?[ObjectName(key)]
        }
    }

    func list(_ filter: ObjectFilter, limit: Int?, continueAfter: ContinueKey?) throws(StorageError) -> ListPage {
        try state.withLock { state throws(StorageError) in
            try state.checkOpen()
            // A continued list keeps the revision of its first page, as kube-apiserver's continue tokens do.
            let revision = continueAfter?.revision ?? state.revision
            guard let objects = state.resources[filter.resource] else {
                return ListPage(items: [], revision: revision, continueKey: nil, remainingItemCount: nil)
            }
            let after = continueAfter.map { ObjectName(namespace: $0.namespace, name: $0.name) }
            let page = objects.page(filter, limit: limit, after: after)
            let continueKey = page.continueAfter.map {
                ContinueKey(revision: revision, namespace: $0.namespace, name: $0.name)
            }
            return ListPage(
                items: page.items, revision: revision, continueKey: continueKey, remainingItemCount: page.remaining)
        }
    }

    /// Starts a watch; see ``ObjectStore/watch(_:after:)``.
    ///
    /// The stream's buffer holds the replayed or initial items plus ``watcherBufferSize`` live ones, so a large
    /// initial list never overflows it by itself; falling a further buffer behind ends the stream with `expired`.
    func watch(_ filter: ObjectFilter, after revision: Int64?) throws(StorageError)
        -> AsyncThrowingStream<WatchItem, any Error>
    {
        try state.withLock { state throws(StorageError) in
            try state.checkOpen()
            let initial: [WatchItem]
            let after: Int64
            if let revision {
                initial = try state.watchCache.replay(filter, after: revision)
                after = revision
            } else {
                let objects = state.resources[filter.resource]?.matching(filter) ?? []
                var items = objects.map { WatchItem.event(.added, $0) }
                items.append(.initialEventsEnd(revision: state.revision))
                initial = items
                after = state.revision
            }
            let (stream, continuation) = AsyncThrowingStream.makeStream(
                of: WatchItem.self, throwing: (any Error).self,
                bufferingPolicy: .bufferingOldest(initial.count + watcherBufferSize))
            for item in initial { continuation.yield(item) }
            let id = state.watchCache.addWatcher(filter, continuation: continuation, after: after)
            let resource = filter.resource
            continuation.onTermination = { [weak self] _ in self?.removeWatcher(resource, id: id) }
            return stream
        }
    }

    /// The committed versions of `keys` that exist, and the current revision.
    func committed(_ keys: some Sequence<StorageKey>) -> (objects: [StorageKey: StoredObject], revision: Int64) {
        state.withLock { state in
            var objects: [StorageKey: StoredObject] = [:]
            for key in keys {
                if let object = state.resources[key.resource]?[ObjectName(key)] { objects[key] = object }
            }
            return (objects, state.revision)
        }
    }

    /// Makes committed `changes` visible: updates the objects and revision, records the changes and fans them out.
    func apply(_ changes: [Change], revision: Int64) {
        let endings = state.withLock { state in
            for change in changes {
                switch change.type {
                case .deleted:
                    state.resources[change.key.resource]?.remove(ObjectName(change.key))
                case .added, .modified:
                    state.resources[change.key.resource, default: ResourceObjects()].upsert(change.object)
                }
            }
            state.revision = revision
            return state.watchCache.record(changes)
        }
        for ending in endings { ending.finish() }
    }

    /// Yields `.progress(revision: current)` to every watcher.
    func requestProgress() {
        let endings = state.withLock { state in state.watchCache.notifyProgress(revision: state.revision) }
        for ending in endings { ending.finish() }
    }

    /// Refuses further reads and watches and ends every watch stream (without error: the client re-watches).
    func close() {
        let endings = state.withLock { state in
            state.isClosed = true
            return state.watchCache.removeAllWatchers()
        }
        for ending in endings { ending.finish() }
    }

    private func removeWatcher(_ resource: GroupResource, id: Int) {
        let ending = state.withLock { $0.watchCache.removeWatcher(resource, id: id) }
        ending?.finish()
    }
}

extension ObjectCache.State {
    fileprivate func checkOpen() throws(StorageError) {
        if isClosed { throw StorageError(.backend("the store is closed")) }
    }
}
