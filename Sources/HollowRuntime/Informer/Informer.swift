import HollowClient
import HollowModel
import Logging
import ServiceLifecycle
import Synchronization

/// An in-memory, indexed cache of one resource kept current by a list+watch, with event handlers (client-go's
/// `sharedIndexInformer`). Get one from a ``SharedInformerFactory`` so controllers share it.
///
/// `run()` consumes the ``ResourceUpdate`` stream its `updates` closure makes: the first `.replace` fills the cache
/// and marks it synced (``hasSynced``, ``waitForSync()``); later events change it; a later `.replace` (after a 410 or
/// a server restart) is diffed against the cache so handlers see exactly the adds, updates and deletes that happened
/// meanwhile, none twice. If the stream throws or ends, it is made again after a backoff (800 ms doubling to 30 s,
/// on the informer's clock); the cache is kept meanwhile.
///
/// Reads (``get(_:)``, ``list()``, ``byIndex(_:_:)``) see the cache as of the last applied update; they copy only
/// what they return. Handlers added at any time first get an add for every cached object, then every change.
public final class Informer<Object: KubernetesObject>: Service, Sendable {
    /// Makes the list+watch sequence (the client's `ResourceClient.updates(namespace:options:)`, or an
    /// `AsyncThrowingStream` in tests); called again whenever the previous one failed or ended.
    public typealias Updates = @Sendable () -> any AsyncSequence<ResourceUpdate<Object>, any Error>

    /// The index every informer has: namespaced objects by `metadata.namespace` (client-go's `NamespaceIndex`).
    public static var namespaceIndex: String { "namespace" }

    private struct State {
        var cache = InformerCache<Object>()
        var listeners: [UInt64: InformerListener<Object>] = [:]
        var nextID: UInt64 = 0
        var synced = false
        var syncWaiters: [UInt64: CheckedContinuation<Void, any Error>] = [:]
        /// Where `run()` takes listeners added while it runs, to start their delivery tasks.
        var listenerSink: AsyncStream<InformerListener<Object>>.Continuation?
        var running = false

        mutating func takeID() -> UInt64 {
            nextID += 1
            return nextID
        }
    }

    public let name: String
    private let updates: Updates
    private let clock: ElapsedClock
    private let logger: Logger
    private let state = Mutex(State())

    /// - Parameters:
    ///   - name: names the informer in logs (e.g. `pods`).
    ///   - updates: makes the list+watch stream (the client's `ResourceUpdate` sequence).
    ///   - clock: the clock for restart backoff.
    public convenience init(
        name: String, clock: some Clock<Duration> = ContinuousClock(), logger: Logger,
        updates: @escaping Updates
    ) {
        self.init(name: name, clock: ElapsedClock(clock), logger: logger, updates: updates)
    }

    init(name: String, clock: ElapsedClock, logger: Logger, updates: @escaping Updates) {
        self.name = name
        self.updates = updates
        self.clock = clock
        var logger = logger
        logger[metadataKey: "informer"] = "\(name)"
        self.logger = logger
        try! state.withLock { state throws(InformerError) in
            try state.cache.addIndex(Self.namespaceIndex) { object in object.namespace.map { [$0] } ?? [] }
        }
    }

    // MARK: - Reading the cache

    public func get(_ key: ObjectKey) -> Object? { state.withLock { $0.cache.objects[key] } }

    public func get(namespace: String?, name: String) -> Object? {
        get(ObjectKey(namespace: namespace, name: name))
    }

    /// Every cached object, in no particular order.
    public func list() -> [Object] { state.withLock { Array($0.cache.objects.values) } }

    /// The cached objects of one namespace.
    public func list(namespace: String) -> [Object] { (try? byIndex(Self.namespaceIndex, namespace)) ?? [] }

    public var keys: [ObjectKey] { state.withLock { Array($0.cache.objects.keys) } }
    public var count: Int { state.withLock { $0.cache.objects.count } }

    /// The resource version of the last list, event or bookmark applied (client-go's `LastSyncResourceVersion`).
    public var lastSyncResourceVersion: String? { state.withLock { $0.cache.resourceVersion } }

    /// Adds a secondary index; objects already cached are indexed at once.
    /// - Throws: ``InformerError`` when an index of that name exists.
    public func addIndex(_ name: String, _ function: @escaping IndexFunction<Object>) throws {
        try state.withLock { state throws(InformerError) in try state.cache.addIndex(name, function) }
    }

    /// The cached objects whose index function returned `value` (client-go's `ByIndex`).
    /// - Throws: ``InformerError`` for an unknown index.
    public func byIndex(_ name: String, _ value: String) throws -> [Object] {
        try state.withLock { state throws(InformerError) in
            try state.cache.keys(inIndex: name, value: value).compactMap { state.cache.objects[$0] }
        }
    }

    /// The keys of the cached objects whose index function returned `value` (client-go's `IndexKeys`).
    public func keys(inIndex name: String, value: String) throws -> [ObjectKey] {
        try state.withLock { state throws(InformerError) in Array(try state.cache.keys(inIndex: name, value: value)) }
    }

    /// The values an index currently has objects under (client-go's `ListIndexFuncValues`).
    public func indexValues(_ name: String) throws -> [String] {
        try state.withLock { state throws(InformerError) in try state.cache.values(ofIndex: name) }
    }

    // MARK: - Sync

    /// Whether the first full list has been applied.
    public var hasSynced: Bool { state.withLock { $0.synced } }

    /// Returns once the first full list has been applied. - Throws: `CancellationError` when cancelled first.
    public func waitForSync() async throws {
        let id = state.withLock { $0.takeID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let action: SyncWaitAction = state.withLock { state in
                    if state.synced { return .resume }
                    if Task.isCancelled { return .cancel }
                    state.syncWaiters[id] = continuation
                    return .wait
                }
                switch action {
                case .resume: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                case .wait: break
                }
            }
        } onCancel: {
            state.withLock { $0.syncWaiters.removeValue(forKey: id) }?.resume(throwing: CancellationError())
        }
    }

    // MARK: - Handlers

    /// Adds a handler. It first gets an add for every object already cached, then every change, in order.
    @discardableResult
    public func addEventHandler(_ handler: EventHandler<Object>) -> EventHandlerRegistration {
        let (listener, sink, wakeup) = state.withLock { state in
            let listener = InformerListener(id: state.takeID(), handler: handler)
            state.listeners[listener.id] = listener
            // Under the lock, so the snapshot and the events after it neither overlap nor leave a gap.
            let wakeup =
                state.cache.objects.isEmpty
                ? nil : listener.push(state.cache.objects.values.lazy.map { InformerEvent.added($0) })
            return (listener, state.listenerSink, wakeup)
        }
        wakeup?.resume()
        sink?.yield(listener)
        return EventHandlerRegistration(id: listener.id)
    }

    @discardableResult
    public func addEventHandler(
        onAdd: (@Sendable (Object) async -> Void)? = nil,
        onUpdate: (@Sendable (_ old: Object, _ new: Object) async -> Void)? = nil,
        onDelete: (@Sendable (Object) async -> Void)? = nil
    ) -> EventHandlerRegistration {
        addEventHandler(EventHandler(onAdd: onAdd, onUpdate: onUpdate, onDelete: onDelete))
    }

    /// Stops a handler; events it has not been given yet are dropped.
    public func removeEventHandler(_ registration: EventHandlerRegistration) {
        state.withLock { $0.listeners.removeValue(forKey: registration.id) }?.stop()
    }

    /// Events buffered for a handler and not yet delivered (how far it lags behind).
    public func pendingEvents(_ registration: EventHandlerRegistration) -> Int {
        state.withLock { $0.listeners[registration.id] }?.bufferedCount ?? 0
    }

    // MARK: - Running

    /// Consumes the list+watch stream and delivers events until cancelled or graceful shutdown.
    public func run() async throws {
        let (newListeners, sink) = AsyncStream.makeStream(of: InformerListener<Object>.self)
        let initial = state.withLock { state in
            precondition(!state.running, "informer \(name) is already running")
            state.running = true
            state.listenerSink = sink
            return Array(state.listeners.values)
        }
        defer {
            state.withLock { state in
                state.running = false
                state.listenerSink = nil
            }
            sink.finish()
        }
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for listener in initial {
                    group.addTask { await listener.run() }
                }
                group.addTask {
                    await self.reflect()
                    sink.finish()
                }
                for await listener in newListeners {
                    group.addTask { await listener.run() }
                }
                group.cancelAll()
            }
        }
    }

    /// Applies one update to the cache and hands its events to every handler, under one lock so that handlers
    /// added concurrently see a consistent snapshot.
    func apply(_ update: ResourceUpdate<Object>) {
        var events: [InformerEvent<Object>] = []
        let (wakeups, syncWaiters) = state.withLock { state in
            state.cache.apply(update, into: &events)
            var wakeups: [InformerListener<Object>.Wakeup] = []
            if !events.isEmpty {
                for listener in state.listeners.values {
                    if let wakeup = listener.push(events) { wakeups.append(wakeup) }
                }
            }
            var syncWaiters: [CheckedContinuation<Void, any Error>] = []
            if case .replace = update, !state.synced {
                state.synced = true
                syncWaiters = Array(state.syncWaiters.values)
                state.syncWaiters.removeAll()
            }
            return (wakeups, syncWaiters)
        }
        for wakeup in wakeups { wakeup.resume() }
        for waiter in syncWaiters { waiter.resume() }
    }

    /// client-go's reflector loop: run the stream, and make it again after a backoff when it fails.
    private func reflect() async {
        var failures = 0
        while !Task.isCancelled {
            var sawUpdate = false
            do {
                for try await update in updates() {
                    if !sawUpdate {
                        sawUpdate = true
                        failures = 0
                    }
                    apply(update)
                }
                if Task.isCancelled { return }
                logger.warning("list+watch stream ended; starting it again")
            } catch {
                if Task.isCancelled { return }
                logger.warning("list+watch stream failed; starting it again", metadata: ["error": "\(error)"])
            }
            let delay = Self.backoff(afterFailures: failures)
            failures += 1
            do {
                try await clock.sleep(for: delay)
            } catch {
                return
            }
        }
    }

    /// 800 ms doubling to 30 s, as client-go's reflector backs off.
    static func backoff(afterFailures failures: Int) -> Duration {
        failures >= 6 ? .seconds(30) : min(.milliseconds(800) * (1 << failures), .seconds(30))
    }
}

private enum SyncWaitAction { case resume, cancel, wait }
