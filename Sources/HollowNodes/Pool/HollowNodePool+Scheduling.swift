import HollowModel
import HollowRuntime
import Synchronization

/// Writers parked waiting for work.
struct HollowWorkWaiters: Sendable {
    typealias Work = (key: HollowWorkKey, due: Timestamp)
    var nextID: UInt64 = 0
    var parked: [(id: UInt64, continuation: CheckedContinuation<Work?, Never>)] = []
}

/// Wakes the dispatcher when a timer earlier than the one it sleeps for was set. A signal sent while nobody waits
/// is kept for the next wait, so none is lost between reading the next due time and going to sleep.
final class HollowWakeSignal: Sendable {
    private struct State {
        var pending = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func signal() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.pending = true
            return nil
        }
        waiter?.resume()
    }

    /// Returns at the next signal (at once if one is pending), or when cancelled.
    func wait() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { state -> Bool in
                    if state.pending || Task.isCancelled {
                        state.pending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}

extension HollowNodePool {
    /// The timer loop: moves due keys to the ready queue, hands them to parked writers, and sleeps on the clock
    /// until the next one is due or an earlier one is set.
    func dispatch() async {
        while !Task.isCancelled {
            let now = clock.wallTime
            let (ready, next) = state.withLock { state -> ([HollowWorkWaiters.Work], Timestamp?) in
                state.timers.promote(now: now.adding(configuration.timerCoalescing))
                var ready: [HollowWorkWaiters.Work] = []
                let parked = waiters.withLock { $0.parked.count }
                while ready.count < parked, let item = state.timers.take() { ready.append(item) }
                return (ready, state.timers.nextDue)
            }
            handOut(ready)
            await sleep(until: next)
        }
    }

    /// Gives taken work to parked writers; what finds no writer (they were cancelled) goes back.
    private func handOut(_ work: [HollowWorkWaiters.Work]) {
        guard !work.isEmpty else { return }
        var remaining = work[...]
        let continuations = waiters.withLock { waiters in
            var taken: [(CheckedContinuation<HollowWorkWaiters.Work?, Never>, HollowWorkWaiters.Work)] = []
            while let item = remaining.first, !waiters.parked.isEmpty {
                taken.append((waiters.parked.removeFirst().continuation, item))
                remaining = remaining.dropFirst()
            }
            return taken
        }
        for (continuation, item) in continuations { continuation.resume(returning: item) }
        if !remaining.isEmpty {
            let now = clock.wallTime
            state.withLock { state in
                for item in remaining { state.timers.done(item.key, next: now) }
            }
            wake.signal()
        }
    }

    private func sleep(until next: Timestamp?) async {
        await withTaskGroup(of: Void.self) { group in
            if let next {
                group.addTask { [clock] in try? await clock.sleep(untilWallTime: next) }
            }
            group.addTask { await self.wake.wait() }
            await group.next()
            group.cancelAll()
        }
    }

    /// A writer: takes due work one key at a time until cancelled.
    func work() async {
        while let item = await nextWork() {
            switch item.key {
            case .node(let name): await processNode(name, due: item.due)
            case .pod(let key): await processPod(key, due: item.due)
            }
        }
    }

    /// The next ready key, or `nil` when cancelled.
    private func nextWork() async -> HollowWorkWaiters.Work? {
        if Task.isCancelled { return nil }
        if let item = state.withLock({ $0.timers.take() }) { return item }
        let id = waiters.withLock { waiters in
            waiters.nextID += 1
            return waiters.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<HollowWorkWaiters.Work?, Never>) in
                // Park, unless work became ready meanwhile (the dispatcher only hands out to parked writers).
                let item = state.withLock { state -> HollowWorkWaiters.Work?? in
                    if Task.isCancelled { return .some(nil) }
                    if let item = state.timers.take() { return .some(item) }
                    waiters.withLock { $0.parked.append((id, continuation)) }
                    return nil
                }
                if let item { continuation.resume(returning: item) }
            }
        } onCancel: {
            let continuation = waiters.withLock { waiters -> CheckedContinuation<HollowWorkWaiters.Work?, Never>? in
                guard let index = waiters.parked.firstIndex(where: { $0.id == id }) else { return nil }
                return waiters.parked.remove(at: index).continuation
            }
            continuation?.resume(returning: nil)
        }
    }

    /// Ends work on `key`: next due at `next`, re-arming the timer when that is earlier than it was.
    func finish(_ key: HollowWorkKey, next: Timestamp?) {
        if state.withLock({ $0.timers.done(key, next: next) }) { wake.signal() }
    }

    /// How long to wait before retrying after `failures` failed attempts: 500 ms doubling to 30 s.
    func retryDelay(failures: Int) -> Duration {
        min(.milliseconds(500) * (1 << min(max(failures - 1, 0), 6)), .seconds(30))
    }
}
