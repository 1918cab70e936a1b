import HollowClient
import HollowModel
import Logging
import ServiceLifecycle
import Synchronization

/// Makes the list+watch sequence of a resource: a `.replace` with the full list, then the watch's changes, and a
/// new `.replace` whenever the watch had to be started afresh (client-go's `ListerWatcher` plus reflector). The
/// client conforms to this (`ResourceClient<Object>(client:resource:).updates(namespace:options:)`); the sequence
/// should resume itself and not normally throw.
public protocol ListWatcher: Sendable {
    func listAndWatch<Object: KubernetesObject>(
        _ type: Object.Type, resource: APIResource, namespace: String?, options: ListOptions
    ) -> any AsyncSequence<ResourceUpdate<Object>, any Error>
}

/// One informer per (object type, resource, namespace, list options), shared by every controller that asks for it,
/// so two controllers watching pods on a node cost one list+watch (client-go's `SharedInformerFactory`).
///
/// `run()` runs every informer made so far and any made while it runs; informers made before `run()` start with it.
/// Put the factory in the `ServiceGroup` before the controllers, so it shuts down after them.
public final class SharedInformerFactory: Service, Sendable {
    private struct InformerKey: Hashable {
        var type: ObjectIdentifier
        var resource: APIResource
        var namespace: String?
        var options: ListOptions
    }

    private struct State {
        var informers: [InformerKey: any Service & SyncWaiting] = [:]
        var order: [any Service & SyncWaiting] = []
        var sink: AsyncStream<any Service & SyncWaiting>.Continuation?
        var running = false
    }

    private let client: any ListWatcher
    private let clock: ElapsedClock
    private let logger: Logger
    private let state = Mutex(State())

    /// - Parameters:
    ///   - client: makes the list+watch streams.
    ///   - clock: the informers' clock (restart backoff).
    public init(client: some ListWatcher, clock: some Clock<Duration> = ContinuousClock(), logger: Logger) {
        self.client = client
        self.clock = ElapsedClock(clock)
        self.logger = logger
    }

    /// The shared informer for objects of `type` in `namespace` (all namespaces when `nil`) matching `options`'
    /// selectors, made on first use.
    /// - Parameter resource: where `type` is served; `Object.resource` if omitted (required for ``Unstructured``).
    public func informer<Object: KubernetesObject>(
        _ type: Object.Type = Object.self, resource: APIResource? = nil, namespace: String? = nil,
        options: ListOptions = ListOptions()
    ) -> Informer<Object> {
        guard let resource = resource ?? Object.resource else {
            preconditionFailure("an informer of \(Object.self) needs its APIResource")
        }
        let key = InformerKey(
            type: ObjectIdentifier(type), resource: resource, namespace: namespace, options: options)
        let (informer, sink, isNew) = state.withLock {
            state -> (Informer<Object>, AsyncStream<any Service & SyncWaiting>.Continuation?, Bool) in
            if let existing = state.informers[key] { return (existing as! Informer<Object>, nil, false) }
            var name = resource.description
            if let namespace { name += " in \(namespace)" }
            if let selector = options.labelSelector, !selector.isEmpty { name += " [\(selector)]" }
            if let selector = options.fieldSelector, !selector.isEmpty { name += " [\(selector)]" }
            let client = client
            let informer = Informer<Object>(name: name, clock: clock, logger: logger) {
                client.listAndWatch(Object.self, resource: resource, namespace: namespace, options: options)
            }
            state.informers[key] = informer
            state.order.append(informer)
            return (informer, state.sink, true)
        }
        if isNew { sink?.yield(informer) }
        return informer
    }

    /// Returns once every informer made so far has synced.
    public func waitForSync() async throws {
        let informers = state.withLock { $0.order }
        for informer in informers { try await informer.waitForSync() }
    }

    /// Runs the informers until cancelled or graceful shutdown.
    public func run() async throws {
        let (added, sink) = AsyncStream.makeStream(of: (any Service & SyncWaiting).self)
        let initial = state.withLock { state in
            precondition(!state.running, "the informer factory is already running")
            state.running = true
            state.sink = sink
            return state.order
        }
        defer {
            state.withLock { state in
                state.running = false
                state.sink = nil
            }
            sink.finish()
        }
        try await withThrowingDiscardingTaskGroup { group in
            for informer in initial {
                group.addTask { try await informer.run() }
            }
            // Ends with graceful shutdown or cancellation, like the informers themselves.
            group.addTask {
                try? await gracefulShutdown()
                sink.finish()
            }
            for await informer in added {
                group.addTask { try await informer.run() }
            }
        }
    }
}

/// Something a controller can wait on before it starts its workers.
public protocol SyncWaiting: Sendable {
    func waitForSync() async throws
}

extension Informer: SyncWaiting {}
