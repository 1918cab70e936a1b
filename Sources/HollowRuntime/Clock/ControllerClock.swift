import HollowModel

/// The time a controller runs on: a monotonic `Clock` for timers and delays, plus the wall-clock time to stamp into
/// objects (`lastTransitionTime`, a Lease's `renewTime`).
///
/// The two move together: on a ``ManualClock``, `advance(by: .seconds(5))` moves both `now` and ``wallTime`` by five
/// seconds, so a test that advances the clock sees the timestamps it expects. Controllers take `some ControllerClock`
/// (or `any ControllerClock`) and never read `Timestamp.now()` themselves.
public protocol ControllerClock: Clock<Swift.Duration> {
    /// The wall-clock time now, consistent with `now`.
    var wallTime: Timestamp { get }
}

extension ControllerClock {
    /// Sleeps until the wall-clock time `wall`, as a deadline on this clock taken together with its wall time: a
    /// clock that moves on meanwhile (a test advancing a ``ManualClock``) makes the wake-up sooner, never later, as
    /// `sleep(for:)` after reading the time would.
    public func sleep(untilWallTime wall: Timestamp) async throws {
        let start = now
        let delay = wall.duration(since: wallTime)
        try await sleep(until: start.advanced(by: max(delay, .zero)), tolerance: nil)
    }
}

/// The real time: `ContinuousClock` for timers, the system's wall clock for timestamps.
public struct SystemClock: ControllerClock {
    public typealias Instant = ContinuousClock.Instant

    private let base = ContinuousClock()

    public init() {}

    public var now: Instant { base.now }
    public var minimumResolution: Duration { base.minimumResolution }
    public var wallTime: Timestamp { .now() }

    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try await base.sleep(until: deadline, tolerance: tolerance)
    }
}

extension ControllerClock where Self == SystemClock {
    /// The real time.
    public static var system: SystemClock { SystemClock() }
}

/// Any `Clock<Duration>` opened once into closures over elapsed time since the moment it was wrapped, so the work
/// queue and the runner can store a clock without being generic over it, and do arithmetic on plain `Duration`s.
struct ElapsedClock: Sendable {
    /// Time elapsed since the clock was wrapped.
    let now: @Sendable () -> Duration
    /// Sleeps until `now()` reaches `deadline`; throws `CancellationError` when cancelled.
    let sleepUntil: @Sendable (Duration) async throws -> Void

    init<C: Clock<Duration>>(_ clock: C) {
        let origin = clock.now
        now = { origin.duration(to: clock.now) }
        sleepUntil = { deadline in try await clock.sleep(until: origin.advanced(by: deadline), tolerance: nil) }
    }

    func sleep(for duration: Duration) async throws {
        try await sleepUntil(now() + duration)
    }
}
