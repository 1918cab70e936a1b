import HollowModel
import Synchronization

/// A clock whose time moves only when a test calls ``advance(by:)``: deterministic timers for controllers, the work
/// queue's delays, informer backoff and leader election, with no real sleeping.
///
/// `advance` wakes, in deadline order, every sleeper whose deadline has passed; a sleep whose deadline is already due
/// returns at once, so a test can never "miss" a timer by advancing before the code under test went to sleep. To
/// step a system that re-arms its timers, advance, then wait for the woken tasks to go back to sleep with
/// ``waitForSleepers(count:)``. ``wallTime`` starts at the given timestamp and advances with `now`.
public final class ManualClock: ControllerClock, Sendable {
    /// A point on the manual clock: the time since the clock was made.
    public struct Instant: InstantProtocol, CustomStringConvertible {
        public var offset: Duration

        public init(offset: Duration) { self.offset = offset }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        public var description: String { "ManualClock.Instant(\(offset))" }
    }

    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var now = Instant(offset: .zero)
        var nextID: UInt64 = 0
        var sleepers: [UInt64: Sleeper] = [:]
        var sleeperWaiters: [UInt64: (count: Int, continuation: CheckedContinuation<Void, any Error>)] = [:]

        mutating func takeID() -> UInt64 {
            nextID += 1
            return nextID
        }

        /// The waiters satisfied by the current number of sleepers, removed.
        mutating func satisfiedWaiters() -> [CheckedContinuation<Void, any Error>] {
            let ready = sleeperWaiters.filter { $0.value.count <= sleepers.count }
            for id in ready.keys { sleeperWaiters[id] = nil }
            return ready.values.map(\.continuation)
        }
    }

    private let state = Mutex(State())
    private let startWallTime: Timestamp

    /// - Parameter wallTime: what ``wallTime`` reads before the first `advance` (default 2026-01-01T00:00:00Z).
    public init(wallTime: Timestamp = Timestamp(secondsSinceEpoch: 1_767_225_600)) {
        startWallTime = wallTime
    }

    public var now: Instant { state.withLock { $0.now } }
    public var minimumResolution: Duration { .nanoseconds(1) }
    public var wallTime: Timestamp { startWallTime.adding(now.offset) }

    /// The number of tasks currently sleeping on this clock.
    public var sleeperCount: Int { state.withLock { $0.sleepers.count } }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        let id = state.withLock { $0.takeID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Action {
                    case resume, cancel
                    case wake([CheckedContinuation<Void, any Error>])
                }
                let action: Action = state.withLock { state in
                    if Task.isCancelled { return .cancel }
                    if deadline <= state.now { return .resume }
                    state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return .wake(state.satisfiedWaiters())
                }
                switch action {
                case .resume: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                case .wake(let waiters): for waiter in waiters { waiter.resume() }
                }
            }
        } onCancel: {
            state.withLock { $0.sleepers.removeValue(forKey: id) }?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves time forward and wakes every sleeper whose deadline is now due, earliest first.
    public func advance(by duration: Duration) {
        precondition(duration >= .zero, "a ManualClock cannot go backwards")
        advance(to: now.advanced(by: duration))
    }

    /// Moves time to `instant` (never backwards) and wakes every sleeper whose deadline is now due.
    public func advance(to instant: Instant) {
        let due = state.withLock { state -> [Sleeper] in
            if instant > state.now { state.now = instant }
            let due = state.sleepers.filter { $0.value.deadline <= state.now }
            for id in due.keys { state.sleepers[id] = nil }
            return due.values.sorted { $0.deadline < $1.deadline }
        }
        for sleeper in due { sleeper.continuation.resume() }
    }

    /// Suspends until at least `count` tasks are sleeping on this clock: the way a test knows that the code under
    /// test has gone idle (every worker parked on a timer) before it advances time.
    /// - Throws: `CancellationError` when the waiting task is cancelled.
    public func waitForSleepers(count: Int) async throws {
        let id = state.withLock { $0.takeID() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Action { case resume, cancel, wait }
                let action: Action = state.withLock { state in
                    if Task.isCancelled { return .cancel }
                    if state.sleepers.count >= count { return .resume }
                    state.sleeperWaiters[id] = (count, continuation)
                    return .wait
                }
                switch action {
                case .resume: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                case .wait: break
                }
            }
        } onCancel: {
            state.withLock { $0.sleeperWaiters.removeValue(forKey: id) }?.continuation.resume(
                throwing: CancellationError())
        }
    }
}
