import Synchronization

/// A rate-limited, delaying work queue with client-go's semantics (`workqueue.TypedRateLimitingInterface`).
///
/// - A key added while it is queued is not queued twice.
/// - A key handed out by ``get()`` is not handed to anyone else until ``done(_:)``; if it is added meanwhile it is
///   marked dirty and queued again by `done`, so no change is lost and no key is processed twice at once.
/// - ``add(_:after:)`` adds a key once a delay has passed on the queue's clock; ``addRateLimited(_:)`` after the
///   rate limiter's delay for it (by default client-go's `DefaultControllerRateLimiter`); ``forget(_:)`` resets that.
/// - ``shutDown()`` stops accepting keys and wakes every waiting `get`; keys already queued are still handed out,
///   delayed ones are dropped. ``shutDownWithDrain()`` also waits for the keys being processed to be `done`.
///
/// Delays are not run by a background task: a waiting `get` sleeps on the clock until the earliest delayed key is
/// due, and every `get` and ``count`` first moves the due keys into the queue. So a test with a ``ManualClock`` sees
/// a delayed key in ``count`` right after `advance`, with nothing to wait for.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    private typealias State = WorkQueueState<Key>

    private let state: Mutex<State>
    private let clock: ElapsedClock
    private let nextGetterID = Atomic<UInt64>(0)

    /// - Parameters:
    ///   - clock: the clock delays are measured on.
    ///   - rateLimiter: decides the delay of ``addRateLimited(_:)``; client-go's controller default if omitted.
    public init(
        clock: some Clock<Duration> = ContinuousClock(),
        rateLimiter: any RateLimiter<Key> = MaxOfRateLimiter<Key>.defaultController
    ) {
        self.clock = ElapsedClock(clock)
        state = Mutex(State(rateLimiter: rateLimiter))
    }

    /// Queues `key` unless it is already queued; if it is being processed it is queued again when `done`.
    public func add(_ key: Key) {
        mutate { state, resumptions in state.add(key, into: &resumptions) }
    }

    /// Adds `key` once `delay` has passed; a key already waiting keeps the earlier of the two times.
    public func add(_ key: Key, after delay: Duration) {
        let now = clock.now()
        mutate { state, resumptions in state.add(key, after: delay, now: now, into: &resumptions) }
    }

    /// Adds `key` after the rate limiter's delay for it, counting a requeue.
    public func addRateLimited(_ key: Key) {
        let now = clock.now()
        mutate { state, resumptions in state.addRateLimited(key, now: now, into: &resumptions) }
    }

    /// Stops the rate limiter tracking `key` (call it when `key` was processed successfully).
    public func forget(_ key: Key) {
        state.withLock { $0.forget(key) }
    }

    /// How many times `key` was requeued through ``addRateLimited(_:)`` since it was last forgotten.
    public func numRequeues(_ key: Key) -> Int {
        state.withLock { $0.numRequeues(key) }
    }

    /// The number of keys queued and ready to be handed out (not those being processed or still delayed).
    public var count: Int {
        let now = clock.now()
        return mutate { state, resumptions in
            state.promote(now: now, into: &resumptions)
            return state.queue.count
        }
    }

    /// Keys still waiting for their delay.
    public var delayedCount: Int { state.withLock { $0.delayed.count } }

    /// Keys handed out and not yet `done`.
    public var processingCount: Int { state.withLock { $0.processing.count } }

    public var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

    /// Waits for the next key and marks it as being processed; the caller must call ``done(_:)`` with it.
    ///
    /// - Returns: `nil` once the queue is shut down and empty, or when the calling task is cancelled.
    public func get() async -> Key? {
        while true {
            let now = clock.now()
            let take = mutate { state, resumptions in state.take(now: now, into: &resumptions) }
            let timer: Duration?
            switch take {
            case .item(let key): return key
            case .shutDown: return nil
            case .empty(let nextReadyAt): timer = nextReadyAt
            }
            if Task.isCancelled { return nil }
            switch await wait(timer: timer) {
            case .item(let key): return key
            case .shutDown, .cancelled: return nil
            case .recheck: continue
            }
        }
    }

    /// Marks `key` as processed; if it was added while being processed, it is queued again.
    public func done(_ key: Key) {
        mutate { state, resumptions in state.done(key, into: &resumptions) }
    }

    /// Stops accepting keys and wakes waiting getters; keys already queued are still handed out.
    public func shutDown() {
        mutate { state, resumptions in state.shutDown(drain: false, into: &resumptions) }
    }

    /// Shuts down, then waits until every key handed out has been `done`.
    public func shutDownWithDrain() async {
        mutate { state, resumptions in state.shutDown(drain: true, into: &resumptions) }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !state.withLock({ $0.waitForDrain(continuation) }) { continuation.resume() }
        }
    }

    // MARK: - Waiting

    /// Parks until a key is handed over; with a timer, also until the clock reaches it.
    private func wait(timer: Duration?) async -> State.Wakeup {
        guard let timer else { return await park(timer: nil) }
        return await withTaskGroup(of: State.Wakeup.self) { group in
            group.addTask { await self.park(timer: timer) }
            group.addTask { [clock] in
                do {
                    try await clock.sleepUntil(timer)
                    return .recheck
                } catch {
                    return .cancelled
                }
            }
            var result = await group.next()!
            group.cancelAll()
            // The parked child may have been handed a key just as the timer fired: a key always wins, or it would
            // stay in `processing` forever.
            for await other in group {
                switch (result, other) {
                case (.item, _): break
                case (_, .item), (_, .shutDown): result = other
                default: break
                }
            }
            return result
        }
    }

    private func park(timer: Duration?) async -> State.Wakeup {
        let id = nextGetterID.add(1, ordering: .relaxed).newValue
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<State.Wakeup, Never>) in
                let now = clock.now()
                let immediate = mutate { state, resumptions -> State.Wakeup? in
                    if Task.isCancelled { return .cancelled }
                    return state.takeOrPark(
                        id: id, timer: timer, now: now, continuation: continuation, into: &resumptions)
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            mutate { state, resumptions in state.cancelGetter(id: id, into: &resumptions) }
        }
    }

    /// Runs `body` under the lock, then resumes whatever it woke.
    @discardableResult
    private func mutate<T: Sendable>(_ body: @Sendable (inout State, inout State.Resumptions) -> T) -> T {
        let (result, resumptions) = state.withLock { state in
            var resumptions = State.Resumptions()
            let result = body(&state, &resumptions)
            return (result, resumptions)
        }
        resumptions.resume()
        return result
    }
}
