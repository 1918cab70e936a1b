/// Decides how long a failed item waits before it is retried (client-go's `workqueue.TypedRateLimiter`).
///
/// Rate limiters are values: the work queue keeps one under its lock and passes its clock's reading as `now`
/// (elapsed time on the queue's clock), so they are deterministic and testable without any clock at all.
public protocol RateLimiter<Key>: Sendable {
    associatedtype Key: Hashable & Sendable

    /// How long `key` should wait before its next try, counting one more requeue of it.
    mutating func when(_ key: Key, now: Duration) -> Duration
    /// Stops tracking `key`: its next failure starts the backoff afresh.
    mutating func forget(_ key: Key)
    /// How many times `key` has been requeued since it was last forgotten.
    func numRequeues(_ key: Key) -> Int
}

/// Per-item exponential backoff: `baseDelay × 2^failures`, capped at `maxDelay`
/// (client-go's `ItemExponentialFailureRateLimiter`).
public struct ItemExponentialFailureRateLimiter<Key: Hashable & Sendable>: RateLimiter {
    public var baseDelay: Duration
    public var maxDelay: Duration
    private var failures: [Key: Int] = [:]

    public init(baseDelay: Duration, maxDelay: Duration) {
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    public mutating func when(_ key: Key, now: Duration) -> Duration {
        let exponent = failures[key, default: 0]
        failures[key] = exponent + 1
        // Computed in floating-point nanoseconds, as client-go does, so large exponents saturate at `maxDelay`
        // instead of overflowing.
        let backoff = baseDelay.nanosecondsValue * Double.pow2(exponent)
        guard backoff.isFinite, backoff < maxDelay.nanosecondsValue, backoff < 9.2e18 else { return maxDelay }
        return .nanoseconds(Int64(backoff))
    }

    public mutating func forget(_ key: Key) { failures[key] = nil }
    public func numRequeues(_ key: Key) -> Int { failures[key, default: 0] }
}

/// An overall token bucket shared by all items: `qps` tokens a second, at most `burst` saved up, starting full
/// (client-go's `BucketRateLimiter` over `golang.org/x/time/rate.Limiter`).
///
/// Each `when` reserves one token; when the bucket is empty the reservation goes into debt and the returned delay
/// is how long until that token will have been refilled, so a burst of failures is spread out at `qps`.
public struct BucketRateLimiter<Key: Hashable & Sendable>: RateLimiter {
    public var qps: Double
    public var burst: Int
    private var tokens: Double
    private var last: Duration?

    public init(qps: Double, burst: Int) {
        self.qps = qps
        self.burst = burst
        tokens = Double(burst)
    }

    public mutating func when(_ key: Key, now: Duration) -> Duration {
        // x/time/rate's advance(): refill for the time since the last reservation, capped at the burst.
        if let last, now > last {
            tokens = min(Double(burst), tokens + (now - last).secondsValue * qps)
        }
        if last == nil || now > last! { last = now }
        tokens -= 1
        guard tokens < 0 else { return .zero }
        // durationFromTokens: truncated to whole nanoseconds.
        return .nanoseconds(Int64(-tokens / qps * 1e9))
    }

    public mutating func forget(_ key: Key) {}
    public func numRequeues(_ key: Key) -> Int { 0 }
}

/// The longest delay any of its limiters asks for (client-go's `MaxOfRateLimiter`).
public struct MaxOfRateLimiter<Key: Hashable & Sendable>: RateLimiter {
    public var limiters: [any RateLimiter<Key>]

    public init(_ limiters: [any RateLimiter<Key>]) { self.limiters = limiters }

    public mutating func when(_ key: Key, now: Duration) -> Duration {
        var longest = Duration.zero
        for index in limiters.indices {
            longest = max(longest, limiters[index].when(key, now: now))
        }
        return longest
    }

    public mutating func forget(_ key: Key) {
        for index in limiters.indices { limiters[index].forget(key) }
    }

    public func numRequeues(_ key: Key) -> Int {
        limiters.map { $0.numRequeues(key) }.max() ?? 0
    }

    /// client-go's `DefaultControllerRateLimiter`: per-item backoff from 5 ms doubling to 1000 s, and an overall
    /// 10 qps bucket with a burst of 100, whichever is slower.
    public static var defaultController: MaxOfRateLimiter<Key> {
        MaxOfRateLimiter([
            ItemExponentialFailureRateLimiter<Key>(baseDelay: .milliseconds(5), maxDelay: .seconds(1000)),
            BucketRateLimiter<Key>(qps: 10, burst: 100),
        ])
    }
}

extension Duration {
    /// The duration in nanoseconds (client-go's `Duration.Nanoseconds()`, as a `Double`).
    var nanosecondsValue: Double {
        Double(components.seconds) * 1e9 + Double(components.attoseconds / 1_000_000_000)
    }

    var secondsValue: Double { nanosecondsValue / 1e9 }
}

extension Double {
    fileprivate static func pow2(_ exponent: Int) -> Double {
        exponent >= 1100 ? .infinity : Double(sign: .plus, exponent: exponent, significand: 1)
    }
}
