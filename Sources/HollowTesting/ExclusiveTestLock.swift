import Synchronization

/// Lets timing-sensitive tests (schedules checked to the second, takeovers timed, scale smoke tests) run alone among
/// the tests that start servers, so that a two-core machine running the whole suite in parallel does not starve them.
///
/// Swift Testing runs every test in parallel; `.serialized` only orders the tests of one suite. Tests that start a
/// cluster (``TestCluster/run(directory:kubernetesVersion:port:store:_:)``, the end-to-end server fixtures) hold the
/// lock shared; ``run(_:)`` holds it exclusively, waiting for them to finish and keeping new ones waiting. Both are
/// re-entrant within a task and its child tasks, so an exclusive test may start clusters itself.
public enum ExclusiveTestLock {
    private enum Kind { case shared, exclusive }

    private struct State {
        var exclusive = false
        var shared = 0
        var waiters: [(kind: Kind, continuation: CheckedContinuation<Void, Never>)] = []

        /// Admits waiters from the front of the queue, in order, while they can run.
        mutating func admit() -> [CheckedContinuation<Void, Never>] {
            var admitted: [CheckedContinuation<Void, Never>] = []
            while let first = waiters.first {
                switch first.kind {
                case .shared where !exclusive:
                    shared += 1
                case .exclusive where !exclusive && shared == 0:
                    exclusive = true
                default:
                    return admitted
                }
                admitted.append(waiters.removeFirst().continuation)
            }
            return admitted
        }
    }

    private static let state = Mutex(State())
    @TaskLocal private static var held: Kind?

    /// Runs `body` with no other exclusive test and no cluster-starting test running.
    public static func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        if held == .exclusive { return try await body() }
        await acquire(.exclusive)
        defer { release(.exclusive) }
        return try await $held.withValue(.exclusive) { try await body() }
    }

    /// Runs `body` alongside other shared holders, but never alongside an exclusive test.
    public static func shared<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        if held != nil { return try await body() }
        await acquire(.shared)
        defer { release(.shared) }
        return try await $held.withValue(.shared) { try await body() }
    }

    private static func acquire(_ kind: Kind) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLock { state in
                state.waiters.append((kind, continuation))
                return state.admit()
            }
            for waiter in admitted { waiter.resume() }
        }
    }

    private static func release(_ kind: Kind) {
        let admitted = state.withLock { state in
            switch kind {
            case .shared: state.shared -= 1
            case .exclusive: state.exclusive = false
            }
            return state.admit()
        }
        for waiter in admitted { waiter.resume() }
    }
}
