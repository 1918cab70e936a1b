import HollowModel
import DequeModule
import Synchronization

/// A write waiting for the writer, with its caller to resume.
struct WriteRequest: Sendable {
    let key: StorageKey
    let operation: WriteOperation
    let continuation: CheckedContinuation<Result<StoredObject, StorageError>, Never>

    func resume(_ result: Result<StoredObject, StorageError>) {
        continuation.resume(returning: result)
    }
}

/// Where callers leave writes for the single writer loop, which takes everything pending as one batch.
///
/// Phases: `idle` (run() has not started: writes queue up and wait), `running`, `draining` (graceful shutdown:
/// no new writes, the queued ones still commit), `closed` (everything left is handed back to be failed).
final class WriteQueue: Sendable {
    enum Phase: Sendable {
        case idle
        case running
        case draining
        case closed
    }

    private struct State: Sendable {
        var phase = Phase.idle
        var pending: Deque<WriteRequest> = []
        /// The writer loop, when it waits for work.
        var waiter: CheckedContinuation<Void, Never>?

        mutating func takeWaiter() -> CheckedContinuation<Void, Never>? {
            defer { waiter = nil }
            return waiter
        }
    }

    private enum Next {
        case batch([WriteRequest])
        case stop
        case wait
    }

    private let state = Mutex(State())

    var phase: Phase { state.withLock { $0.phase } }

    var pendingCount: Int { state.withLock { $0.pending.count } }

    /// Queues `request`; false when the store takes no more writes (the caller fails it).
    func enqueue(_ request: WriteRequest) -> Bool {
        let (accepted, waiter) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            switch state.phase {
            case .idle, .running:
                state.pending.append(request)
                return (true, state.takeWaiter())
            case .draining, .closed:
                return (false, nil)
            }
        }
        waiter?.resume()
        return accepted
    }

    /// Moves from `idle` to `running`; false in any other phase.
    func start() -> Bool {
        state.withLock { state in
            guard case .idle = state.phase else { return false }
            state.phase = .running
            return true
        }
    }

    /// Stops taking new writes; the writer finishes the queued ones and then sees the end.
    func beginDraining() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard case .running = state.phase else { return nil }
            state.phase = .draining
            return state.takeWaiter()
        }
        waiter?.resume()
    }

    /// Closes for good; returns the writes still queued, for the caller to fail, or nil when already closed.
    func close() -> [WriteRequest]? {
        let (pending, waiter) = state.withLock { state -> ([WriteRequest]?, CheckedContinuation<Void, Never>?) in
            if case .closed = state.phase { return (nil, nil) }
            state.phase = .closed
            defer { state.pending.removeAll() }
            return (Array(state.pending), state.takeWaiter())
        }
        waiter?.resume()
        return pending
    }

    /// The next batch (at most `maximum` writes, in arrival order), waiting for one if need be; nil when the writer
    /// should stop: draining with nothing left, closed, or the calling task cancelled.
    func nextBatch(maximum: Int) async -> [WriteRequest]? {
        while true {
            switch state.withLock({ Self.next(&$0, maximum: maximum) }) {
            case .batch(let batch): return batch
            case .stop: return nil
            case .wait: await waitForWork()
            }
        }
    }

    private static func next(_ state: inout State, maximum: Int) -> Next {
        if Task.isCancelled { return .stop }
        if !state.pending.isEmpty {
            let count = min(max(maximum, 1), state.pending.count)
            let batch = Array(state.pending.prefix(count))
            state.pending.removeFirst(count)
            return .batch(batch)
        }
        switch state.phase {
        case .idle, .running: return .wait
        case .draining, .closed: return .stop
        }
    }

    private func waitForWork() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    guard state.pending.isEmpty, case .running = state.phase, !Task.isCancelled else { return true }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.takeWaiter() }?.resume()
        }
    }
}
