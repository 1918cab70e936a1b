import Synchronization

/// Client-side rate limiting as client-go's `flowcontrol.NewTokenBucketRateLimiter`: `qps` tokens a second,
/// at most `burst` saved up; each request takes one, waiting for it when none is left.
///
/// Waiters reserve their token up front (the bucket may go negative), so they are served in arrival order and a
/// cancelled waiter's reservation is simply spent, as golang.org/x/time/rate's `Wait` does.
public final class TokenBucket: Sendable {
    private struct State {
        var tokens: Double
        var last: ContinuousClock.Instant
    }

    private let qps: Double
    private let burst: Double
    private let state: Mutex<State>

    public init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = Double(max(burst, 1))
        state = Mutex(State(tokens: Double(max(burst, 1)), last: .now))
    }

    /// Takes a token, sleeping until it is due. Unlimited when `qps` is not positive.
    public func acquire() async throws {
        guard qps > 0 else { return }
        let wait: Duration = state.withLock { state in
            let now = ContinuousClock.now
            let elapsed = now - state.last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            state.tokens = min(burst, state.tokens + seconds * qps)
            state.last = now
            state.tokens -= 1
            if state.tokens >= 0 { return .zero }
            return .nanoseconds(Int64(-state.tokens / qps * 1e9))
        }
        if wait > .zero { try await Task.sleep(for: wait) }
    }
}
