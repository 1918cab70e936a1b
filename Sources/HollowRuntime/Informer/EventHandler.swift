import DequeModule
import HollowModel
import Synchronization

/// Callbacks for an informer's changes (client-go's `ResourceEventHandlerFuncs`).
///
/// Each handler gets every event, in the order the cache changed, from its own task with its own unbounded buffer
/// (client-go's `processorListener`): a slow handler falls behind on its own and never holds up the informer or
/// the other handlers. Handlers usually just enqueue keys.
public struct EventHandler<Object: KubernetesObject>: Sendable {
    public var onAdd: (@Sendable (Object) async -> Void)?
    public var onUpdate: (@Sendable (_ old: Object, _ new: Object) async -> Void)?
    public var onDelete: (@Sendable (Object) async -> Void)?

    public init(
        onAdd: (@Sendable (Object) async -> Void)? = nil,
        onUpdate: (@Sendable (_ old: Object, _ new: Object) async -> Void)? = nil,
        onDelete: (@Sendable (Object) async -> Void)? = nil
    ) {
        self.onAdd = onAdd
        self.onUpdate = onUpdate
        self.onDelete = onDelete
    }

    /// One closure for every event.
    public init(_ onEvent: @escaping @Sendable (InformerEvent<Object>) async -> Void) {
        onAdd = { await onEvent(.added($0)) }
        onUpdate = { await onEvent(.updated(old: $0, new: $1)) }
        onDelete = { await onEvent(.deleted($0)) }
    }

    func deliver(_ event: InformerEvent<Object>) async {
        switch event {
        case .added(let object): await onAdd?(object)
        case .updated(let old, let new): await onUpdate?(old, new)
        case .deleted(let object): await onDelete?(object)
        }
    }
}

/// A handler added to an informer; pass it to ``Informer/removeEventHandler(_:)`` to stop it.
public struct EventHandlerRegistration: Sendable, Hashable {
    let id: UInt64
}

/// One handler's buffer and delivery loop.
final class InformerListener<Object: KubernetesObject>: Sendable {
    private struct State {
        var buffer: Deque<InformerEvent<Object>> = []
        var waiter: CheckedContinuation<InformerEvent<Object>?, Never>?
        var stopped = false
    }

    let id: UInt64
    private let handler: EventHandler<Object>
    private let state = Mutex(State())

    init(id: UInt64, handler: EventHandler<Object>) {
        self.id = id
        self.handler = handler
    }

    /// Buffers `events`. - Returns: a parked delivery loop to resume with the first of them, after the caller's lock
    ///   is released.
    func push(_ events: some Sequence<InformerEvent<Object>>) -> Wakeup? {
        state.withLock { state -> Wakeup? in
            guard !state.stopped else { return nil }
            state.buffer.append(contentsOf: events)
            guard let waiter = state.waiter, let first = state.buffer.popFirst() else { return nil }
            state.waiter = nil
            return Wakeup(continuation: waiter, event: first)
        }
    }

    /// Drops the buffer and ends the delivery loop.
    func stop() {
        let waiter = state.withLock { state in
            state.stopped = true
            state.buffer.removeAll()
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// Delivers buffered events one at a time until stopped or cancelled.
    func run() async {
        while let event = await next() {
            await handler.deliver(event)
        }
    }

    var bufferedCount: Int { state.withLock { $0.buffer.count } }

    private func next() async -> InformerEvent<Object>? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<InformerEvent<Object>?, Never>) in
                // `.some(event)` to resume with at once (`.some(nil)`: the loop ends), `nil` when parked.
                let immediate: InformerEvent<Object>?? = state.withLock { state in
                    if state.stopped || Task.isCancelled { return .some(nil) }
                    if let event = state.buffer.popFirst() { return .some(event) }
                    state.waiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }

    struct Wakeup {
        var continuation: CheckedContinuation<InformerEvent<Object>?, Never>
        var event: InformerEvent<Object>

        func resume() { continuation.resume(returning: event) }
    }
}
