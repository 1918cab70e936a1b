import DequeModule

/// The work queue's bookkeeping as a value: every method is synchronous, takes the clock's reading as `now`, and
/// returns the continuations to resume, which the ``WorkQueue`` resumes after releasing its lock.
///
/// The sets follow client-go's `queue.go`: `dirty` holds every key that needs processing (queued, or added again
/// while being processed); `processing` the keys handed out and not yet `done`; `queue` the order in which dirty keys
/// that are not being processed are handed out. A key is in `queue` at most once and never while in `processing`.
struct WorkQueueState<Key: Hashable & Sendable> {
    /// What a waiting `get()` is resumed with.
    enum Wakeup: Sendable {
        /// The key is now the caller's: it is in `processing` until `done`.
        case item(Key)
        case shutDown
        /// Look again: a delayed item became due sooner than this getter's timer, or its timer fired.
        case recheck
        case cancelled
    }

    struct Getter {
        var id: UInt64
        /// The ready time this getter's timer is set for, or `nil` when it has none.
        var timer: Duration?
        var continuation: CheckedContinuation<Wakeup, Never>
    }

    /// Continuations to resume once the lock is released.
    struct Resumptions {
        var getters: [(CheckedContinuation<Wakeup, Never>, Wakeup)] = []
        var drained: [CheckedContinuation<Void, Never>] = []

        func resume() {
            for (continuation, wakeup) in getters { continuation.resume(returning: wakeup) }
            for continuation in drained { continuation.resume() }
        }
    }

    /// The result of trying to take a key without waiting.
    enum Take {
        case item(Key)
        case shutDown
        /// Nothing to hand out; a delayed item will be ready at the given time, if any.
        case empty(nextReadyAt: Duration?)
    }

    private(set) var queue: Deque<Key> = []
    private(set) var dirty: Set<Key> = []
    private(set) var processing: Set<Key> = []
    private(set) var delayed = DelayedItems<Key>()
    private(set) var shuttingDown = false
    private(set) var draining = false
    var rateLimiter: any RateLimiter<Key>
    private var getters: Deque<Getter> = []
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []

    init(rateLimiter: any RateLimiter<Key>) {
        self.rateLimiter = rateLimiter
    }

    var waitingGetters: Int { getters.count }

    /// Marks `key` as needing processing (client-go `Add`).
    mutating func add(_ key: Key, into resumptions: inout Resumptions) {
        guard !shuttingDown, dirty.insert(key).inserted else { return }
        // Added while being processed: `done` re-queues it.
        guard !processing.contains(key) else { return }
        queue.append(key)
        handOff(into: &resumptions)
    }

    /// Adds `key` once `delay` has passed (client-go `AddAfter`); a key already waiting keeps the earlier time.
    mutating func add(_ key: Key, after delay: Duration, now: Duration, into resumptions: inout Resumptions) {
        guard !shuttingDown else { return }
        guard delay > .zero else { return add(key, into: &resumptions) }
        let readyAt = now + delay
        guard delayed.insert(key, readyAt: readyAt) else { return }
        // Getters whose timer would fire too late (or who have none) must re-arm.
        var remaining: Deque<Getter> = []
        for getter in getters {
            if let timer = getter.timer, timer <= readyAt {
                remaining.append(getter)
            } else {
                resumptions.getters.append((getter.continuation, .recheck))
            }
        }
        getters = remaining
    }

    /// Adds `key` after the rate limiter's delay for it (client-go `AddRateLimited`).
    mutating func addRateLimited(_ key: Key, now: Duration, into resumptions: inout Resumptions) {
        guard !shuttingDown else { return }
        let delay = rateLimiter.when(key, now: now)
        add(key, after: delay, now: now, into: &resumptions)
    }

    /// Moves the delayed items that are due into the queue.
    mutating func promote(now: Duration, into resumptions: inout Resumptions) {
        guard !delayed.isEmpty else { return }
        for key in delayed.popReady(now: now) { add(key, into: &resumptions) }
    }

    /// Hands out the next key if there is one (client-go `Get` without the wait).
    mutating func take(now: Duration, into resumptions: inout Resumptions) -> Take {
        promote(now: now, into: &resumptions)
        if let key = queue.popFirst() {
            processing.insert(key)
            dirty.remove(key)
            return .item(key)
        }
        if shuttingDown { return .shutDown }
        return .empty(nextReadyAt: delayed.nextReadyAt)
    }

    /// Takes a key, or parks the getter until one is handed to it.
    /// - Parameter timer: the ready time the caller will sleep until, or `nil` if it sets no timer. When a delayed
    ///   item is now due earlier than that, the getter is told to `recheck` at once instead of parking.
    /// - Returns: the wakeup to resume with immediately, or `nil` when the getter was parked.
    mutating func takeOrPark(
        id: UInt64, timer: Duration?, now: Duration, continuation: CheckedContinuation<Wakeup, Never>,
        into resumptions: inout Resumptions
    ) -> Wakeup? {
        switch take(now: now, into: &resumptions) {
        case .item(let key): return .item(key)
        case .shutDown: return .shutDown
        case .empty(let nextReadyAt):
            if let nextReadyAt, timer.map({ nextReadyAt < $0 }) ?? true { return .recheck }
            getters.append(Getter(id: id, timer: timer, continuation: continuation))
            return nil
        }
    }

    /// Removes a parked getter whose task was cancelled.
    mutating func cancelGetter(id: UInt64, into resumptions: inout Resumptions) {
        guard let index = getters.firstIndex(where: { $0.id == id }) else { return }
        resumptions.getters.append((getters.remove(at: index).continuation, .cancelled))
    }

    /// Marks `key` as processed (client-go `Done`): if it was added again meanwhile, it is queued now.
    mutating func done(_ key: Key, into resumptions: inout Resumptions) {
        guard processing.remove(key) != nil else { return }
        if dirty.contains(key) {
            queue.append(key)
            handOff(into: &resumptions)
        } else if processing.isEmpty {
            resumptions.drained += drainWaiters
            drainWaiters.removeAll()
        }
    }

    /// Stops accepting keys (client-go `ShutDown`): `add` is ignored from now on, delayed items are dropped, keys
    /// already queued are still handed out, and a `get` on an empty queue returns at once.
    mutating func shutDown(drain: Bool, into resumptions: inout Resumptions) {
        shuttingDown = true
        draining = draining || drain
        delayed.removeAll()
        for getter in getters { resumptions.getters.append((getter.continuation, .shutDown)) }
        getters.removeAll()
    }

    /// Registers a `shutDownWithDrain` waiter. - Returns: `false` when nothing is being processed.
    mutating func waitForDrain(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        guard !processing.isEmpty else { return false }
        drainWaiters.append(continuation)
        return true
    }

    mutating func forget(_ key: Key) { rateLimiter.forget(key) }
    func numRequeues(_ key: Key) -> Int { rateLimiter.numRequeues(key) }

    /// Gives queued keys to parked getters, first come first served.
    private mutating func handOff(into resumptions: inout Resumptions) {
        while !getters.isEmpty, let key = queue.popFirst() {
            let getter = getters.removeFirst()
            processing.insert(key)
            dirty.remove(key)
            resumptions.getters.append((getter.continuation, .item(key)))
        }
    }
}
