/// Polls `condition` every `interval` until `deadline`, printing a progress line every 10 s while it waits; the time
/// it held, or `nil` at the deadline. What the benchmarks use to time "until every X is Y".
func pollUntil(
    deadline: ContinuousClock.Instant, every interval: Duration, _ what: String,
    progress: @Sendable (String) -> Void, _ condition: () -> Bool
) async throws -> ContinuousClock.Instant? {
    var lastReport = ContinuousClock.now
    while ContinuousClock.now < deadline {
        if condition() { return .now }
        if ContinuousClock.now - lastReport > .seconds(10) {
            progress("still waiting for \(what)")
            lastReport = .now
        }
        try await Task.sleep(for: interval)
    }
    return condition() ? .now : nil
}
