import Synchronization

/// What one request of a load loop came to.
enum RequestOutcome: Sendable {
    case success
    case failure(String)

    /// A success when the status is `expected`, otherwise a failure quoting the start of the body.
    static func expecting(_ expected: Int, _ reply: BenchClient.Reply) -> RequestOutcome {
        if reply.status == expected { return .success }
        return .failure("HTTP \(reply.status): \(reply.text.prefix(200))")
    }
}

/// The rate, failures and latencies of a load loop.
struct Throughput: Sendable {
    /// Requests that succeeded.
    var operations: Int
    var failures: Int
    var firstFailure: String?
    var elapsed: Duration
    var latency: LatencySummary
    /// Cores used while the loop ran, by this process and by others.
    var cpu: CPUShare

    var perSecond: Double { elapsed > .zero ? Double(operations) / elapsed.inSeconds : 0 }
}

/// Closed-loop load: one worker a state, each sending its next request as soon as the previous one is answered.
///
/// Bounded in count and time: the workers share a sequence counter and stop once `limit` sequence numbers are
/// taken or `duration` has passed (a request in flight at the deadline is finished and counted). A worker also
/// stops after 100 failures in a row, so a broken server is not hammered for the rest of the phase.
enum LoadLoop {
    static func run<State: Sendable>(
        _ states: [State], duration: Duration?, limit: Int,
        operation: @escaping @Sendable (inout State, _ sequence: Int) async -> RequestOutcome
    ) async -> (Throughput, [State]) {
        let counter = SequenceCounter()
        let meter = CPUMeter()
        let clock = ContinuousClock()
        let start = clock.now
        let deadline = duration.map { start + $0 }
        let workers = await withTaskGroup(of: (Int, WorkerTally<State>).self) { group in
            for (index, initial) in states.enumerated() {
                group.addTask {
                    var tally = WorkerTally(state: initial)
                    var failuresInARow = 0
                    while !Task.isCancelled, failuresInARow < 100 {
                        if let deadline, clock.now >= deadline { break }
                        let sequence = counter.next()
                        if sequence >= limit { break }
                        let began = clock.now
                        let outcome = await operation(&tally.state, sequence)
                        let latency = clock.now - began
                        switch outcome {
                        case .success:
                            tally.operations += 1
                            tally.latencies.record(latency)
                            failuresInARow = 0
                        case .failure(let message):
                            tally.failures += 1
                            if tally.firstFailure == nil { tally.firstFailure = message }
                            failuresInARow += 1
                        }
                    }
                    return (index, tally)
                }
            }
            var tallies: [(Int, WorkerTally<State>)] = []
            for await tally in group { tallies.append(tally) }
            return tallies.sorted { $0.0 < $1.0 }.map(\.1)
        }
        let elapsed = clock.now - start
        var latencies = LatencySamples()
        for worker in workers { latencies.append(contentsOf: worker.latencies) }
        let throughput = Throughput(
            operations: workers.reduce(0) { $0 + $1.operations }, failures: workers.reduce(0) { $0 + $1.failures },
            firstFailure: workers.lazy.compactMap(\.firstFailure).first, elapsed: elapsed,
            latency: latencies.summary(), cpu: meter.share())
        return (throughput, workers.map(\.state))
    }
}

private struct WorkerTally<State: Sendable>: Sendable {
    var state: State
    var operations = 0
    var failures = 0
    var firstFailure: String?
    var latencies = LatencySamples()
}

/// Hands out 0, 1, 2, … (or from `start`) to concurrent workers; also counts events.
final class SequenceCounter: Sendable {
    private let atomic: Atomic<Int>

    init(_ start: Int = 0) { atomic = Atomic(start) }

    /// Takes the next number (the count before this call).
    @discardableResult
    func next() -> Int {
        atomic.wrappingAdd(1, ordering: .relaxed).oldValue
    }

    /// How many numbers were taken (plus `start`).
    var value: Int { atomic.load(ordering: .relaxed) }
}

/// Runs `body` for every element with at most `width` at a time.
func forEachConcurrently(
    _ range: Range<Int>, width: Int, _ body: @escaping @Sendable (Int) async throws -> Void
) async throws {
    let next = SequenceCounter(range.lowerBound)
    try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<max(width, 1) {
            group.addTask {
                while true {
                    let index = next.next()
                    guard index < range.upperBound else { return }
                    try await body(index)
                }
            }
        }
        try await group.waitForAll()
    }
}
