import HollowModel
import Logging
import ServiceLifecycle
import Synchronization

/// Runs a ``Reconciler`` over the keys of a ``WorkQueue`` with N workers (controller-runtime's `Controller`).
///
/// Keys come from informer handlers (``watch(_:)`` and its variants) or ``enqueue(_:)``. The runner owns the retry
/// policy: an error requeues the key with rate-limited backoff; success forgets the key's backoff and, if the result
/// asks for it, requeues it after `requeueAfter` (or with backoff for `requeue`).
///
/// `run()` waits for every watched informer to sync, then runs the workers as child tasks. On graceful shutdown the
/// workers stop taking keys and the reconciles in flight finish; `run()` returns once they have. On cancellation,
/// in-flight reconciles are cancelled. A controller runs once: its queue is shut down when `run()` returns.
public final class Controller: Service, Sendable {
    public let name: String
    public let workers: Int
    /// The controller's queue, for enqueueing from handlers that need more than ``enqueue(_:)``.
    public let queue: WorkQueue<ObjectKey>

    private let reconciler: any Reconciler
    private let logger: Logger
    private let stopping = Atomic<Bool>(false)
    private let syncWaiters = Mutex<[@Sendable () async throws -> Void]>([])

    /// - Parameters:
    ///   - name: names the controller in logs (`controller` metadata).
    ///   - workers: how many keys are reconciled concurrently (controller-runtime's `MaxConcurrentReconciles`).
    ///   - clock: the clock for `requeueAfter` and backoff.
    ///   - rateLimiter: backoff for errors and `requeue`; client-go's controller default if omitted.
    public init(
        name: String,
        workers: Int = 1,
        reconciler: some Reconciler,
        clock: some Clock<Duration> = ContinuousClock(),
        rateLimiter: any RateLimiter<ObjectKey> = MaxOfRateLimiter<ObjectKey>.defaultController,
        logger: Logger
    ) {
        precondition(workers >= 1, "a controller needs at least one worker")
        self.name = name
        self.workers = workers
        self.reconciler = reconciler
        self.queue = WorkQueue(clock: clock, rateLimiter: rateLimiter)
        var logger = logger
        logger[metadataKey: "controller"] = "\(name)"
        self.logger = logger
    }

    /// Queues `key` for reconciling.
    public func enqueue(_ key: ObjectKey) { queue.add(key) }

    /// Queues the object's key for reconciling.
    public func enqueue(_ object: some KubernetesObject) {
        queue.add(ObjectKey(namespace: object.namespace, name: object.name))
    }

    /// Queues `key` after `delay`.
    public func enqueue(_ key: ObjectKey, after delay: Duration) { queue.add(key, after: delay) }

    /// Makes ``run()`` wait for this before starting workers (``watch(_:)`` registers its informer's sync).
    public func waitForSync(_ wait: @escaping @Sendable () async throws -> Void) {
        syncWaiters.withLock { $0.append(wait) }
    }

    public func run() async throws {
        defer { queue.shutDown() }
        let waits = syncWaiters.withLock { $0 }
        if !waits.isEmpty {
            logger.debug("waiting for caches to sync")
            // A shutdown while still syncing simply ends the controller.
            let synced = try await cancelWhenGracefulShutdown { [waits] () async throws -> Bool in
                do {
                    for wait in waits { try await wait() }
                    return true
                } catch is CancellationError {
                    return false
                }
            }
            guard synced, !Task.isCancelled else { return }
        }
        logger.info("starting workers", metadata: ["workers": "\(workers)"])
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for _ in 0..<workers {
                    group.addTask { await self.work() }
                }
            }
        } onGracefulShutdown: { [self] in
            stopping.store(true, ordering: .sequentiallyConsistent)
            queue.shutDown()
        }
        logger.info("workers stopped")
    }

    /// One worker: takes keys until the queue shuts down or the controller stops.
    private func work() async {
        while let key = await queue.get() {
            if stopping.load(ordering: .sequentiallyConsistent) || Task.isCancelled {
                // Shutting down: leave the key; the next start lists everything anyway.
                queue.done(key)
                return
            }
            await process(key)
        }
    }

    /// Reconciles one key and applies the retry policy (controller-runtime's `reconcileHandler`).
    private func process(_ key: ObjectKey) async {
        defer { queue.done(key) }
        var logger = logger
        logger[metadataKey: "key"] = "\(key)"
        do {
            let result = try await reconciler.reconcile(key)
            if let delay = result.requeueAfter, delay > .zero {
                queue.forget(key)
                queue.add(key, after: delay)
            } else if result.requeue {
                queue.addRateLimited(key)
            } else {
                queue.forget(key)
            }
            logger.trace("reconciled", metadata: ["result": "\(result)"])
        } catch is CancellationError where Task.isCancelled {
            logger.debug("reconcile cancelled")
        } catch {
            logger.error(
                "reconcile failed",
                metadata: ["error": "\(error)", "requeues": "\(queue.numRequeues(key))"])
            queue.addRateLimited(key)
        }
    }
}
