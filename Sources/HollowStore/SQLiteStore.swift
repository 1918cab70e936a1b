import HollowModel
import Logging
import SQLiteNIO
import ServiceLifecycle

/// An ``ObjectStore`` kept in one SQLite file and served from memory.
///
/// ``open(path:configuration:logger:)`` loads every object into memory; reads and watches never touch SQLite.
/// Writes are durable when they return (WAL, `synchronous=NORMAL`: an acknowledged write survives the process
/// being killed). They go through a single writer that commits everything pending as one transaction (group
/// commit), so concurrent callers share the cost of a commit.
///
/// The store is a `Service`: ``run()`` is the writer and the progress-notification timer. Writes made before
/// `run()` starts wait for it; after `run()` returns (graceful shutdown drains queued writes first) the store is
/// closed: writes, reads and watches fail with `backend`, and open watch streams end. A store that is only read
/// (never run) is released with ``close()``.
public final class SQLiteStore: ObjectStore, Service, Sendable {
    /// Tunables; the defaults suit a single API server.
    public struct Configuration: Sendable {
        /// Changes retained per resource for watches that resume from a revision.
        public var watchCacheCapacity: Int
        /// Live items a watcher may fall behind before its stream ends with `expired`.
        public var watcherBufferSize: Int
        /// How often every watcher gets `.progress` (the basis of bookmarks).
        public var progressInterval: Duration
        /// The most writes committed in one transaction.
        public var maxBatchSize: Int

        public init(
            watchCacheCapacity: Int = 10_000, watcherBufferSize: Int = 10_000,
            progressInterval: Duration = .seconds(1), maxBatchSize: Int = 1_000
        ) {
            self.watchCacheCapacity = watchCacheCapacity
            self.watcherBufferSize = watcherBufferSize
            self.progressInterval = progressInterval
            self.maxBatchSize = maxBatchSize
        }

        /// Why these settings cannot work, if they cannot.
        var problem: String? {
            if watchCacheCapacity < 1 { return "watchCacheCapacity must be at least 1, not \(watchCacheCapacity)" }
            if watcherBufferSize < 1 { return "watcherBufferSize must be at least 1, not \(watcherBufferSize)" }
            if maxBatchSize < 1 { return "maxBatchSize must be at least 1, not \(maxBatchSize)" }
            if progressInterval <= .zero { return "progressInterval must be positive, not \(progressInterval)" }
            return nil
        }
    }

    /// The database file.
    public let path: String
    public let configuration: Configuration
    let logger: Logger
    let connection: SQLiteConnection
    let cache: ObjectCache
    let writes = WriteQueue()

    init(path: String, configuration: Configuration, logger: Logger, connection: SQLiteConnection, cache: ObjectCache)
    {
        self.path = path
        self.configuration = configuration
        self.logger = logger
        self.connection = connection
        self.cache = cache
    }

    deinit {
        // A store dropped without run() or close() would trip sqlite-nio's "not closed" assertion.
        if !connection.isClosed { _ = connection.close() }
    }

    // MARK: Reads, from memory

    public var currentRevision: Int64 { cache.currentRevision }

    public func get(_ key: StorageKey) async throws(StorageError) -> StoredObject? {
        try cache.get(key)
    }

    /// Lists in (namespace, name) order.
    ///
    /// A continued list reports the revision of its first page (from `continueAfter`) and reflects the objects as
    /// they are now. `continueKey` is set only when more matching objects follow; `remainingItemCount` only then,
    /// and only for a filter that `isEverything`.
    public func list(_ filter: ObjectFilter, limit: Int?, continueAfter: ContinueKey?) async throws(StorageError)
        -> ListPage
    {
        try cache.list(filter, limit: limit, continueAfter: continueAfter)
    }

    /// Watches; see ``ObjectStore/watch(_:after:)``.
    ///
    /// Every `progressInterval`, and on ``requestProgress()``, each watcher also receives `.progress(revision:)`,
    /// in order with its events. A watcher that falls `watcherBufferSize` items behind is ended with `expired`.
    /// A watch from a revision above the current one receives only changes after that revision.
    public func watch(_ filter: ObjectFilter, after revision: Int64?) throws(StorageError)
        -> AsyncThrowingStream<WatchItem, any Error>
    {
        try cache.watch(filter, after: revision)
    }

    /// Sends `.progress(revision: currentRevision)` to every watcher now.
    public func requestProgress() {
        cache.requestProgress()
    }

    // MARK: Writes, through the writer

    public func create(_ key: StorageKey, _ write: ObjectWrite) async throws(StorageError) -> StoredObject {
        try await submit(key, .create(write))
    }

    public func update(_ key: StorageKey, _ write: ObjectWrite, expectedRevision: Int64?) async throws(StorageError)
        -> StoredObject
    {
        try await submit(key, .update(write, expectedRevision: expectedRevision))
    }

    public func delete(_ key: StorageKey, expectedRevision: Int64?) async throws(StorageError) -> StoredObject {
        try await submit(key, .delete(expectedRevision: expectedRevision))
    }

    /// Queues a write and waits for its batch to commit. Not cancellable: once queued, a write happens.
    private func submit(_ key: StorageKey, _ operation: WriteOperation) async throws(StorageError) -> StoredObject {
        let result = await withCheckedContinuation { continuation in
            let request = WriteRequest(key: key, operation: operation, continuation: continuation)
            if !writes.enqueue(request) {
                request.resume(.failure(StorageError(.backend("the store is closed"), key: key)))
            }
        }
        return try result.get()
    }

    // MARK: Lifecycle

    /// Runs the writer and the progress timer until graceful shutdown (queued writes are committed first) or
    /// cancellation (queued writes fail), then closes the store.
    ///
    /// - Throws: `backend` when the store was already run or closed.
    public func run() async throws {
        guard writes.start() else {
            throw StorageError(.backend("SQLiteStore.run() was called on a store that already ran or was closed"))
        }
        logger.debug("store running", metadata: ["path": "\(path)"])
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.sendProgressPeriodically() }
                await self.writeLoop()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.writes.beginDraining()
        }
        await shutDown()
        logger.debug("store closed", metadata: ["path": "\(path)", "revision": "\(currentRevision)"])
    }

    /// Closes a store that is not running: fails queued writes, ends watches, closes the database. On a running
    /// store it begins a graceful stop instead, and ``run()`` closes the store when the queued writes are done.
    public func close() async {
        switch writes.phase {
        case .idle:
            await shutDown()
        case .running:
            writes.beginDraining()
        case .draining, .closed:
            return
        }
    }

    /// Runs once, by whoever closes the write queue.
    private func shutDown() async {
        guard let pending = writes.close() else { return }
        for request in pending {
            request.resume(.failure(StorageError(.backend("the store closed before this write"), key: request.key)))
        }
        cache.close()
        do {
            // The future-based close, which a cancelled run() cannot skip (see `execute`).
            try await connection.close().get()
        } catch {
            logger.error("closing the database failed", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }

    private func sendProgressPeriodically() async {
        while true {
            do {
                try await Task.sleep(for: configuration.progressInterval)
            } catch {
                return
            }
            cache.requestProgress()
        }
    }
}
