import HollowModel

/// client-go's `EventSourceObjectSpamFilter` (tools/record): a token bucket per reporting source and involved object,
/// so that a controller acting on one object many times — a MachineSet creating a thousand Machines — writes a burst
/// of Events about it and then about one every few minutes, instead of one per action.
///
/// The defaults are client-go's: a burst of 25, then one Event every 5 minutes. Buckets are kept for at most
/// `capacity` objects (client-go's LRU holds 4096); when that is exceeded the buckets that have refilled completely,
/// which decide nothing, are forgotten first.
struct EventSpamFilter: Sendable {
    var burst: Int
    var refillInterval: Duration
    var capacity: Int
    private var buckets: [String: Bucket] = [:]

    private struct Bucket: Sendable {
        var tokens: Double
        var updated: Timestamp
    }

    init(burst: Int = 25, refillInterval: Duration = .seconds(300), capacity: Int = 4096) {
        self.burst = burst
        self.refillInterval = refillInterval
        self.capacity = capacity
    }

    /// Whether an Event about the object with `key` may be written at `now`; takes a token when it may.
    mutating func allows(_ key: String, now: Timestamp) -> Bool {
        var bucket = buckets[key].map { refilled($0, now: now) } ?? Bucket(tokens: Double(burst), updated: now)
        let allowed = bucket.tokens >= 1
        if allowed { bucket.tokens -= 1 }
        buckets[key] = bucket
        if buckets.count > capacity { forgetFullBuckets(now: now) }
        return allowed
    }

    private func refilled(_ bucket: Bucket, now: Timestamp) -> Bucket {
        let elapsed = now.duration(since: bucket.updated)
        guard elapsed > .zero else { return bucket }
        let gained = elapsed / refillInterval
        return Bucket(tokens: min(Double(burst), bucket.tokens + gained), updated: now)
    }

    private mutating func forgetFullBuckets(now: Timestamp) {
        buckets = buckets.filter { refilled($0.value, now: now).tokens < Double(burst) }
        // Every object is still rate-limited: keep the newest half rather than grow without bound.
        if buckets.count > capacity {
            let kept = buckets.sorted { $0.value.updated > $1.value.updated }.prefix(capacity / 2)
            buckets = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
    }
}
