import Foundation

/// Exponential back-off with jitter for retries (client-go's `wait.Backoff`): `initial × factor^attempt`,
/// capped, with up to `jitter` of it added at random.
public struct Backoff: Sendable {
    public var initial: Duration
    public var factor: Double
    public var cap: Duration
    public var jitter: Double

    public init(initial: Duration, factor: Double = 2, cap: Duration, jitter: Double = 0.1) {
        self.initial = initial
        self.factor = factor
        self.cap = cap
        self.jitter = jitter
    }

    /// The delay before retry number `attempt` (0 for the first retry).
    public func delay(attempt: Int) -> Duration {
        let grown = seconds(initial) * pow(factor, Double(min(max(attempt, 0), 60)))
        let capped = min(grown, seconds(cap))
        return .nanoseconds(Int64(capped * (1 + Double.random(in: 0...max(jitter, 0))) * 1e9))
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Request retries: 100 ms doubling to 5 s.
    public static let requests = Backoff(initial: .milliseconds(100), cap: .seconds(5))
    /// Re-establishing watches: client-go's reflector starts at 800 ms and caps at 30 s.
    public static let watches = Backoff(initial: .milliseconds(800), cap: .seconds(30))
}
