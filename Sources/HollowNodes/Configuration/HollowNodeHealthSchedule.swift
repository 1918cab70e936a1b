/// kubemark's health schedule (the `RuntimeDisrupter` that openshift/cluster-api-provider-kubemark's actuator turns on
/// with `--turn-unhealthy-after` / `--turn-unhealthy-periodically`), as a pure function of the time since the
/// kubelet started.
///
/// As kubemark does, a node always starts healthy: a periodic node is Ready for `healthy`, NotReady for `unhealthy`,
/// and so on for ever (flips at `healthy`, `healthy + unhealthy`, `2·healthy + unhealthy`, …); an
/// `unhealthyAfter(d)` node is Ready until `d` and NotReady from then on. The kubemark README's wording ("Unready for
/// 5s, then Ready for 40s") suggests the other order; its code (`RuntimeDisrupter.Start`) sleeps `healthyDuration`
/// first, and that is what is matched here.
public struct HollowNodeHealthSchedule: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        /// Ready for ever (kubemark's default).
        case alwaysHealthy
        /// Ready for `healthy`, then NotReady for `unhealthy`, repeating (`turnUnhealthyPeriodically`). Both positive.
        case periodic(healthy: Duration, unhealthy: Duration)
        /// Ready until this long after the start, then NotReady for good (`turnUnhealthyAfter`).
        case unhealthyAfter(Duration)
    }

    /// Where the schedule stands at some moment.
    public struct Phase: Sendable, Equatable {
        public var healthy: Bool
        /// Time since the start at which this phase began (the flip, or zero).
        public var since: Duration
        /// Time since the start at which it ends, `nil` for never.
        public var until: Duration?

        public init(healthy: Bool, since: Duration, until: Duration?) {
            self.healthy = healthy
            self.since = since
            self.until = until
        }
    }

    public var mode: Mode

    public init(_ mode: Mode = .alwaysHealthy) { self.mode = mode }

    public static let alwaysHealthy = HollowNodeHealthSchedule()

    /// The phase `elapsed` after the start (a negative `elapsed` counts as zero). A flip instant belongs to the phase
    /// it starts: at exactly `healthy` a periodic node is unhealthy.
    public func phase(at elapsed: Duration) -> Phase {
        let elapsed = max(elapsed, .zero)
        switch mode {
        case .alwaysHealthy:
            return Phase(healthy: true, since: .zero, until: nil)
        case .unhealthyAfter(let after):
            return elapsed < after
                ? Phase(healthy: true, since: .zero, until: after) : Phase(healthy: false, since: after, until: nil)
        case .periodic(let healthy, let unhealthy):
            let h = healthy.nanosecondCount, u = unhealthy.nanosecondCount
            let cycle = h + u
            guard h > 0, u > 0 else { return Phase(healthy: true, since: .zero, until: nil) }
            let e = elapsed.nanosecondCount
            let start = e / cycle * cycle
            if e - start < h {
                return Phase(healthy: true, since: .nanoseconds(start), until: .nanoseconds(start + h))
            }
            return Phase(healthy: false, since: .nanoseconds(start + h), until: .nanoseconds(start + cycle))
        }
    }

    /// The Ready condition's message while unhealthy, in the kubelet's form for a failed runtime health check
    /// (`<check> is not healthy: <error>`) with kubemark's wording of the error.
    public var unhealthyMessage: String {
        switch mode {
        case .alwaysHealthy:
            return "container runtime is down"
        case .unhealthyAfter(let after):
            return "RuntimeDisrupter is not healthy: reporting unhealthy indefinitely on request (\(goDuration(after)) after start up)"
        case .periodic(let healthy, let unhealthy):
            return "RuntimeDisrupter is not healthy: reporting unhealthy periodically on request (unhealthy for \(goDuration(unhealthy)) every \(goDuration(healthy + unhealthy)))"
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating at `Int64`'s range.
    var nanosecondCount: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (total, overflow2) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return total
    }
}
