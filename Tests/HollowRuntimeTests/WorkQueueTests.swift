import HollowRuntime
import Synchronization
import Testing

/// One step of a work-queue script; `get` only where a key is ready or the queue is shut down, so no step blocks.
enum QueueStep: Sendable, CustomStringConvertible {
    case add(String)
    case addAfter(String, milliseconds: Int)
    case addRateLimited(String)
    case get(String?)
    case done(String)
    case forget(String)
    case advance(milliseconds: Int)
    case count(Int)
    case requeues(String, Int)
    case shutDown

    var description: String {
        switch self {
        case .add(let key): "add(\(key))"
        case .addAfter(let key, let ms): "addAfter(\(key), \(ms)ms)"
        case .addRateLimited(let key): "addRateLimited(\(key))"
        case .get(let key): "get → \(key ?? "nil")"
        case .done(let key): "done(\(key))"
        case .forget(let key): "forget(\(key))"
        case .advance(let ms): "advance(\(ms)ms)"
        case .count(let count): "count == \(count)"
        case .requeues(let key, let count): "numRequeues(\(key)) == \(count)"
        case .shutDown: "shutDown"
        }
    }
}

struct QueueScenario: Sendable, CustomTestStringConvertible {
    var name: String
    var steps: [QueueStep]
    var testDescription: String { name }
}

@Suite struct WorkQueueTests {
    static let scenarios: [QueueScenario] = [
        QueueScenario(
            name: "a key added while queued is queued once",
            steps: [.add("a"), .add("b"), .add("a"), .count(2), .get("a"), .get("b"), .count(0)]),
        QueueScenario(
            name: "a key being processed is not handed out again until done",
            steps: [
                .add("a"), .get("a"), .add("a"), .count(0), .add("b"), .get("b"), .count(0), .done("a"), .count(1),
                .get("a"),
            ]),
        QueueScenario(
            name: "a key dirtied many times while processing is requeued once",
            steps: [
                .add("a"), .get("a"), .add("a"), .add("a"), .add("a"), .done("a"), .count(1), .get("a"), .done("a"),
                .count(0),
            ]),
        QueueScenario(
            name: "done without a new add leaves nothing queued",
            steps: [.add("a"), .get("a"), .done("a"), .count(0), .done("a"), .count(0)]),
        QueueScenario(
            name: "keys are handed out in the order they were first added",
            steps: [.add("c"), .add("a"), .add("b"), .add("c"), .get("c"), .get("a"), .get("b")]),
        QueueScenario(
            name: "shut down ignores adds but hands out what is queued, then nil",
            steps: [.add("a"), .add("b"), .shutDown, .add("c"), .count(2), .get("a"), .get("b"), .get(nil), .get(nil)]),
        QueueScenario(
            name: "a key added while processing after shut down is not requeued",
            steps: [.add("a"), .get("a"), .shutDown, .add("a"), .done("a"), .count(0), .get(nil)]),
        QueueScenario(
            name: "addAfter waits for the clock",
            steps: [
                .addAfter("a", milliseconds: 100), .count(0), .advance(milliseconds: 99), .count(0),
                .advance(milliseconds: 1), .count(1), .get("a"),
            ]),
        QueueScenario(
            name: "addAfter hands keys out in ready-time order",
            steps: [
                .addAfter("a", milliseconds: 300), .addAfter("b", milliseconds: 100),
                .addAfter("c", milliseconds: 200), .advance(milliseconds: 150), .count(1), .advance(milliseconds: 150),
                .count(3), .get("b"), .get("c"), .get("a"),
            ]),
        QueueScenario(
            name: "a key delayed twice keeps the earlier time",
            steps: [
                .addAfter("a", milliseconds: 100), .addAfter("a", milliseconds: 500), .advance(milliseconds: 100),
                .count(1), .get("a"), .done("a"), .advance(milliseconds: 400), .count(0),
            ]),
        QueueScenario(
            name: "a key delayed again sooner moves earlier",
            steps: [
                .addAfter("a", milliseconds: 500), .addAfter("a", milliseconds: 100), .advance(milliseconds: 100),
                .count(1), .get("a"),
            ]),
        QueueScenario(
            name: "addAfter of zero adds at once",
            steps: [.addAfter("a", milliseconds: 0), .count(1), .get("a")]),
        QueueScenario(
            name: "a delayed key that is already queued is not queued twice",
            steps: [
                .add("a"), .addAfter("a", milliseconds: 10), .advance(milliseconds: 10), .count(1), .get("a"),
                .count(0),
            ]),
        QueueScenario(
            name: "a delayed key that comes due while processing waits for done",
            steps: [
                .add("a"), .get("a"), .addAfter("a", milliseconds: 10), .advance(milliseconds: 10), .count(0),
                .done("a"), .count(1), .get("a"),
            ]),
        QueueScenario(
            name: "shut down drops delayed keys",
            steps: [
                .addAfter("a", milliseconds: 10), .shutDown, .addAfter("b", milliseconds: 0),
                .advance(milliseconds: 10), .count(0), .get(nil),
            ]),
        QueueScenario(
            name: "rate-limited retries back off exponentially and forget resets",
            steps: [
                .addRateLimited("a"), .requeues("a", 1), .advance(milliseconds: 4), .count(0),
                .advance(milliseconds: 1), .count(1), .get("a"), .addRateLimited("a"), .done("a"),
                .advance(milliseconds: 9), .count(0), .advance(milliseconds: 1), .count(1), .get("a"),
                .requeues("a", 2), .addRateLimited("a"), .done("a"), .advance(milliseconds: 19), .count(0),
                .advance(milliseconds: 1), .count(1), .get("a"), .done("a"), .forget("a"), .requeues("a", 0),
                .addRateLimited("a"), .advance(milliseconds: 5), .count(1),
            ]),
    ]

    @Test(arguments: scenarios)
    func scenario(_ scenario: QueueScenario) async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(
            clock: clock,
            rateLimiter: ItemExponentialFailureRateLimiter(baseDelay: .milliseconds(5), maxDelay: .seconds(1000)))
        for (index, step) in scenario.steps.enumerated() {
            let context = Comment(rawValue: "step \(index): \(step)")
            switch step {
            case .add(let key): queue.add(key)
            case .addAfter(let key, let ms): queue.add(key, after: .milliseconds(ms))
            case .addRateLimited(let key): queue.addRateLimited(key)
            case .get(let expected):
                if expected != nil {
                    // Guard the script: a get on an empty queue would wait forever.
                    #expect(queue.count > 0, context)
                    guard queue.count > 0 else { return }
                }
                #expect(await queue.get() == expected, context)
            case .done(let key): queue.done(key)
            case .forget(let key): queue.forget(key)
            case .advance(let ms): clock.advance(by: .milliseconds(ms))
            case .count(let expected): #expect(queue.count == expected, context)
            case .requeues(let key, let expected): #expect(queue.numRequeues(key) == expected, context)
            case .shutDown: queue.shutDown()
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aWaitingGetIsHandedTheNextKey() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        async let first = queue.get()
        async let second = queue.get()
        queue.add("a")
        queue.add("b")
        let keys = await [first, second]
        #expect(Set(keys.compactMap { $0 }) == ["a", "b"])
        #expect(queue.processingCount == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func aWaitingGetWakesWhenADelayedKeyComesDue() async throws {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        async let key = queue.get()
        queue.add("late", after: .seconds(10))
        queue.add("early", after: .seconds(5))
        // The getter arms a timer for the earliest key, re-arming when an earlier one arrives.
        try await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(5))
        #expect(await key == "early")
        #expect(queue.delayedCount == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func aGetStartedAfterTheClockMovedPastTheDeadlineReturnsAtOnce() async {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        queue.add("a", after: .seconds(1))
        clock.advance(by: .seconds(2))
        #expect(await queue.get() == "a")
    }

    @Test(.timeLimit(.minutes(1)))
    func shutDownWakesWaitingGetters() async throws {
        let clock = ManualClock()
        let queue = WorkQueue<String>(clock: clock)
        try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask { await queue.get() }
            group.addTask { await queue.get() }
            queue.add("delayed", after: .seconds(1))
            try await clock.waitForSleepers(count: 2)
            queue.shutDown()
            for try await key in group { #expect(key == nil) }
        }
        #expect(clock.sleeperCount == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingAWaitingGetReturnsNil() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        let getter = Task { await queue.get() }
        getter.cancel()
        #expect(await getter.value == nil)
        queue.add("a")
        #expect(queue.count == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func shutDownWithDrainWaitsForKeysBeingProcessed() async {
        let queue = WorkQueue<String>(clock: ManualClock())
        queue.add("a")
        #expect(await queue.get() == "a")
        let doneCalled = Locked(false)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await queue.shutDownWithDrain()
                #expect(doneCalled.value)
            }
            while !queue.isShuttingDown { await Task.yield() }
            doneCalled.withLock { $0 = true }
            queue.done("a")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func concurrentWorkersNeverHoldTheSameKey() async {
        let queue = WorkQueue<Int>(clock: ManualClock())
        let held = Locked<Set<Int>>([])
        let violations = Locked(0)
        let processed = Locked(0)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    while let key = await queue.get() {
                        if !held.withLock({ $0.insert(key).inserted }) { violations.withLock { $0 += 1 } }
                        await Task.yield()
                        queue.add(key)  // dirty while processing: must come back after done, not now
                        await Task.yield()
                        held.withLock { _ = $0.remove(key) }
                        queue.done(key)
                        if processed.withLock({
                            $0 += 1
                            return $0
                        }) >= 2000 {
                            queue.shutDown()
                        }
                    }
                }
            }
            for key in 0..<5 { queue.add(key) }
        }
        #expect(violations.value == 0)
        #expect(processed.value >= 2000)
    }
}
