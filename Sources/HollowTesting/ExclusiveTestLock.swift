import Synchronization

/// Lets timing-sensitive tests (schedules checked to the second, takeovers timed, scale smoke tests) run one at a time
/// within the test process, so that they neither starve nor are starved by each other on a two-core machine.
///
/// Swift Testing runs every test in parallel; `.serialized` only orders the tests of one suite. Tests in any target
/// that call ``run(_:)`` wait for each other instead.
public enum ExclusiveTestLock {
    private struct State {
        var held = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private static let state = Mutex(State())

    /// Runs `body` once no other exclusive test runs.
    public static func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    private static func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state -> Bool in
                if state.held {
                    state.waiters.append(continuation)
                    return false
                }
                state.held = true
                return true
            }
            if acquired { continuation.resume() }
        }
    }

    private static func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.held = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
