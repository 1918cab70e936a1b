/// Latencies recorded in nanoseconds, summarised with exact nearest-rank percentiles.
///
/// Every sample is kept (8 bytes each): a run records a few million at most, and exact percentiles need no
/// bucket-precision caveat in the report.
public struct LatencySamples: Sendable {
    private(set) var nanoseconds: [Int64] = []

    public init(reservingCapacity capacity: Int = 0) {
        nanoseconds.reserveCapacity(capacity)
    }

    public var count: Int { nanoseconds.count }

    public mutating func record(_ duration: Duration) {
        nanoseconds.append(duration.nanoseconds)
    }

    public mutating func record(nanoseconds value: Int64) {
        nanoseconds.append(value)
    }

    public mutating func append(contentsOf other: LatencySamples) {
        nanoseconds.append(contentsOf: other.nanoseconds)
    }

    /// Sorts a copy of the samples once and reads the percentiles off it.
    public func summary() -> LatencySummary {
        let sorted = nanoseconds.sorted()
        guard let largest = sorted.last else { return LatencySummary(count: 0, p50: .zero, p90: .zero, p99: .zero, max: .zero) }
        func rank(_ percent: Double) -> Duration {
            // Nearest rank: the smallest sample with at least `percent` of the samples at or below it.
            let index = Int((percent / 100 * Double(sorted.count)).rounded(.up)) - 1
            return .nanoseconds(sorted[min(max(index, 0), sorted.count - 1)])
        }
        return LatencySummary(count: sorted.count, p50: rank(50), p90: rank(90), p99: rank(99), max: .nanoseconds(largest))
    }
}

/// Percentiles of a set of latencies.
public struct LatencySummary: Sendable {
    public var count: Int
    public var p50: Duration
    public var p90: Duration
    public var p99: Duration
    public var max: Duration
}

extension Duration {
    /// Whole nanoseconds (truncated).
    var nanoseconds: Int64 {
        let parts = components
        return parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000
    }

    var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }

    var inMilliseconds: Double { inSeconds * 1_000 }
}
