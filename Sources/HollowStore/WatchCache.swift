import HollowModel
import DequeModule

/// A committed write as the watch cache keeps it.
struct Change: Sendable {
    /// `added` for a create, `modified` for an update, `deleted` for a delete.
    var type: WatchEventType
    /// The new version; for a delete, the last content stamped with the deletion's revision.
    var object: StoredObject
    /// The version this write replaced; nil for a create.
    var previous: StoredObject?

    var revision: Int64 { object.revision }
    var key: StorageKey { object.key }
}

/// One registered watch: its filter and the stream it feeds.
struct Watcher: Sendable {
    typealias Continuation = AsyncThrowingStream<WatchItem, any Error>.Continuation

    let id: Int
    let filter: ObjectFilter
    let continuation: Continuation
    /// Changes at or below this revision are already covered (by replay, the initial snapshot, or because the
    /// watch asked to start later); they are not delivered again.
    var after: Int64
    /// Every change of the resource up to here has been offered to the stream.
    var delivered: Int64
}

/// A stream to end once the caller has released its lock.
///
/// Ending a stream runs its `onTermination`, which unregisters the watcher and so takes the lock again: finishing
/// under the lock would deadlock. The same goes for releasing the last reference to a continuation (the stream's
/// storage runs `onTermination` when it deinitialises), so removed watchers always leave the lock through here.
struct WatchEnding: Sendable {
    let continuation: Watcher.Continuation
    let error: StorageError?

    func finish() {
        if let error { continuation.finish(throwing: error) } else { continuation.finish() }
    }
}

/// Recent history and registered watchers for every resource, as kube-apiserver's cacher keeps them.
///
/// Per resource, a ring of the latest `capacity` changes and `evictedThrough`, the highest revision no longer
/// retained (at start-up, the store's revision then: nothing before it was ever retained). A watch from revision
/// `r` can be served iff `r >= evictedThrough`. Changes are translated per watcher filter (see ``translate(_:for:)``)
/// and yielded in revision order; a watcher whose buffer overflows is ended with `expired`, never skipped.
///
/// A value with no locking and no I/O: ``ObjectCache`` mutates it under its lock together with the objects, which
/// is what makes "replay, then register" and "snapshot, then register" atomic with respect to new commits.
struct WatchCache: Sendable {
    struct History: Sendable {
        var events: Deque<Change> = []
        var evictedThrough: Int64
        var watchers: [Watcher] = []
    }

    let capacity: Int
    /// The store's revision when the cache started.
    let startRevision: Int64
    private(set) var histories: [GroupResource: History] = [:]
    private var nextWatcherID = 0

    init(capacity: Int, startRevision: Int64) {
        precondition(capacity > 0, "watch cache capacity must be positive")
        self.capacity = capacity
        self.startRevision = startRevision
    }

    /// The highest revision of `resource` no longer retained: the oldest revision a watch may start after.
    func evictedThrough(_ resource: GroupResource) -> Int64 {
        histories[resource]?.evictedThrough ?? startRevision
    }

    var watcherCount: Int { histories.values.reduce(0) { $0 + $1.watchers.count } }

    /// The retained changes after `revision` that `filter` concerns, translated for it.
    ///
    /// - Throws: `expired` when changes after `revision` have been evicted.
    func replay(_ filter: ObjectFilter, after revision: Int64) throws(StorageError) -> [WatchItem] {
        let evicted = evictedThrough(filter.resource)
        guard revision >= evicted else {
            throw StorageError(.expired(requested: revision, oldest: evicted))
        }
        guard let events = histories[filter.resource]?.events else { return [] }
        var low = events.startIndex
        var high = events.endIndex
        while low < high {
            let middle = (low + high) / 2
            if events[middle].revision > revision { high = middle } else { low = middle + 1 }
        }
        var items: [WatchItem] = []
        for change in events[low...] {
            if let item = Self.translate(change, for: filter) { items.append(item) }
        }
        return items
    }

    /// Registers a watcher that receives changes with revisions above `after`.
    mutating func addWatcher(_ filter: ObjectFilter, continuation: Watcher.Continuation, after: Int64) -> Int {
        nextWatcherID += 1
        let watcher = Watcher(
            id: nextWatcherID, filter: filter, continuation: continuation, after: after, delivered: after)
        histories[filter.resource, default: History(evictedThrough: startRevision)].watchers.append(watcher)
        return watcher.id
    }

    /// Unregisters a watcher; returns its stream to end outside the lock.
    mutating func removeWatcher(_ resource: GroupResource, id: Int) -> WatchEnding? {
        guard let index = histories[resource]?.watchers.firstIndex(where: { $0.id == id }) else { return nil }
        let watcher = histories[resource]!.watchers.remove(at: index)
        return WatchEnding(continuation: watcher.continuation, error: nil)
    }

    /// Unregisters every watcher (the store is closing); returns their streams to end outside the lock.
    mutating func removeAllWatchers() -> [WatchEnding] {
        var endings: [WatchEnding] = []
        for resource in histories.keys {
            for watcher in histories[resource]!.watchers {
                endings.append(WatchEnding(continuation: watcher.continuation, error: nil))
            }
            histories[resource]!.watchers.removeAll()
        }
        return endings
    }

    /// Retains `changes` (in revision order) and yields them to the watchers they concern.
    ///
    /// - Returns: streams to end outside the lock (overflowed or already terminated watchers).
    mutating func record(_ changes: [Change]) -> [WatchEnding] {
        var endings: [WatchEnding] = []
        for change in changes {
            let resource = change.key.resource
            histories[resource, default: History(evictedThrough: startRevision)].events.append(change)
            Self.evict(&histories[resource]!, capacity: capacity)
            guard !histories[resource]!.watchers.isEmpty else { continue }
            Self.fanOut(change, to: &histories[resource]!.watchers, endings: &endings)
        }
        return endings
    }

    /// Yields `.progress(revision:)` to every watcher, in order with its events.
    ///
    /// - Returns: streams to end outside the lock.
    mutating func notifyProgress(revision: Int64) -> [WatchEnding] {
        var endings: [WatchEnding] = []
        for resource in histories.keys where !histories[resource]!.watchers.isEmpty {
            histories[resource]!.watchers.removeAll { watcher in
                let progress = max(revision, watcher.after)
                guard let ending = Self.deliver(.progress(revision: progress), revision: progress, to: watcher)
                else { return false }
                endings.append(ending)
                return true
            }
        }
        return endings
    }

    /// What `change` means to a watcher with `filter`, as kube-apiserver's cacher decides it: an object that
    /// starts matching is `added`, one that stops matching is `deleted` (carrying its previous content stamped
    /// with the new revision), and a change that neither matches nor matched is nothing.
    static func translate(_ change: Change, for filter: ObjectFilter) -> WatchItem? {
        let matched = change.previous.map(filter.accepts) ?? false
        switch change.type {
        case .deleted:
            return matched ? .event(.deleted, change.object) : nil
        case .added, .modified:
            switch (filter.accepts(change.object), matched) {
            case (true, true): return .event(.modified, change.object)
            case (true, false): return .event(.added, change.object)
            case (false, true): return .event(.deleted, change.previous!.stamped(revision: change.revision))
            case (false, false): return nil
            }
        }
    }

    private static func evict(_ history: inout History, capacity: Int) {
        while history.events.count > capacity {
            history.evictedThrough = history.events.removeFirst().revision
        }
    }

    private static func fanOut(_ change: Change, to watchers: inout [Watcher], endings: inout [WatchEnding]) {
        var index = watchers.startIndex
        while index < watchers.endIndex {
            guard change.revision > watchers[index].after else {
                index += 1
                continue
            }
            if let item = translate(change, for: watchers[index].filter),
                let ending = deliver(item, revision: change.revision, to: watchers[index])
            {
                endings.append(ending)
                watchers.remove(at: index)
                continue
            }
            watchers[index].delivered = change.revision
            index += 1
        }
    }

    /// Yields `item`; returns how to end the watcher if it can take no more.
    private static func deliver(_ item: WatchItem, revision: Int64, to watcher: Watcher) -> WatchEnding? {
        switch watcher.continuation.yield(item) {
        case .enqueued:
            return nil
        case .dropped:
            // The watcher fell a whole buffer behind. It must relist: tell it so rather than skip the event.
            let error = StorageError(.expired(requested: watcher.delivered, oldest: revision))
            return WatchEnding(continuation: watcher.continuation, error: error)
        case .terminated:
            return WatchEnding(continuation: watcher.continuation, error: nil)
        @unknown default:
            return WatchEnding(continuation: watcher.continuation, error: nil)
        }
    }
}
