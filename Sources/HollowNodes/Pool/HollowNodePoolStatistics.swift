/// A pool at a glance, for `hollow nodes` and `hollow bench nodes`.
public struct HollowNodePoolStatistics: Sendable, Equatable {
    /// Nodes this pool simulates.
    public var nodes = 0
    /// Of those, registered (status posted at least once, or found registered).
    public var registeredNodes = 0
    /// Of those, reporting Ready=True.
    public var readyNodes = 0
    public var stoppedKubelets = 0
    /// Nodes whose annotations do not parse (they keep their previous behaviour).
    public var invalidConfigurations = 0
    /// Pods bound to this pool's nodes, and how many of them are Running.
    public var pods = 0
    public var runningPods = 0
    /// Writes to the API server since the pool started, and how many failed.
    public var writes = 0
    public var failedWrites = 0
    public var leaseRenewals = 0
    /// How late Lease renewals were, measured from when they were due (since start or ``HollowNodePool/resetLeaseRenewalLag()``).
    public var leaseRenewalLag = HollowLagHistogram()
    /// Work due and not yet finished (a backlog means the writers cannot keep up).
    public var backlog = 0

    public init() {}
}

/// Counts of durations in fixed buckets (10 ms … 30 s), with the maximum.
public struct HollowLagHistogram: Sendable, Equatable {
    /// Upper bounds of the buckets; a last bucket holds everything above.
    public static let bounds: [Duration] = [
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2), .seconds(5), .seconds(10), .seconds(30),
    ]

    public private(set) var counts = [Int](repeating: 0, count: HollowLagHistogram.bounds.count + 1)
    public private(set) var count = 0
    public private(set) var maximum: Duration = .zero

    public init() {}

    public mutating func record(_ lag: Duration) {
        let lag = max(lag, .zero)
        let bucket = Self.bounds.firstIndex { lag <= $0 } ?? Self.bounds.count
        counts[bucket] += 1
        count += 1
        maximum = max(maximum, lag)
    }

    /// The upper bound of the bucket holding quantile `q` (0…1); the maximum for the last bucket; zero when empty.
    public func quantile(_ q: Double) -> Duration {
        guard count > 0 else { return .zero }
        let rank = Int((q * Double(count)).rounded(.up))
        var seen = 0
        for (index, bucketCount) in counts.enumerated() {
            seen += bucketCount
            if seen >= max(rank, 1) { return index < Self.bounds.count ? min(Self.bounds[index], maximum) : maximum }
        }
        return maximum
    }
}

/// The pool's running totals, kept in its state.
struct HollowNodePoolCounters: Sendable {
    var writes = 0
    var failedWrites = 0
    var leaseRenewals = 0
    var leaseRenewalLag = HollowLagHistogram()
}
