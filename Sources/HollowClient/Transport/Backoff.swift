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
        let base = min(
            Double(initial.components.seconds) + Double(initial.components.attoseconds) / 1e18,
            1e9) * pow(factor, Double(min(attempt, 60)))
        let capped = min(base, Double(cap.components.seconds) + Double(cap.components.attoseconds) / 1e18)
        let jittered = capped * (1 + Double.random(in: 0...max(jitter, 0)))
        return .nanoseconds(Int64(jittered * 1e9))
    }

    /// Request retries: 100 ms doubling to 5 s.
    public static let requests = Backoff(initial: .milliseconds(100), cap: .seconds(5))
    /// Re-establishing watches: client-go's reflector starts at 800 ms and caps at 30 s.
    public static let watches = Backoff(initial: .milliseconds(800), cap: .seconds(30))
}

private func pow(_ base: Double, _ exponent: Double) -> Double {
    var result = 1.0
    var remaining = Int(exponent)
    while remaining > 0 {
        result *= base
        remaining -= 1
    }
    return result
}
