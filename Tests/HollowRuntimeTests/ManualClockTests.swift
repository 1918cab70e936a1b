import HollowModel
import HollowRuntime
import Testing

@Suite struct ManualClockTests {
    @Test func sleepersWakeWhenTheirDeadlineIsReached() async throws {
        let clock = ManualClock()
        let woke = Probe<Duration>()
        var wakeups = woke.events()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for seconds in [3, 1, 2] {
                group.addTask {
                    try await clock.sleep(for: .seconds(seconds))
                    woke.yield(clock.now.offset)
                }
            }
            try await clock.waitForSleepers(count: 3)
            clock.advance(by: .seconds(1))
            #expect(await wakeups.next(1) == [.seconds(1)])
            #expect(clock.sleeperCount == 2)
            clock.advance(by: .seconds(5))
            #expect(await wakeups.next(2) == [.seconds(6), .seconds(6)])
            try await group.waitForAll()
        }
    }

    @Test func aDeadlineAlreadyPassedReturnsAtOnce() async throws {
        let clock = ManualClock()
        clock.advance(by: .seconds(10))
        try await clock.sleep(until: .init(offset: .seconds(5)))
        try await clock.sleep(for: .zero)
        #expect(clock.sleeperCount == 0)
    }

    @Test func sleepingUntilAWallTimeWakesAtThatTimeHoweverFarTheClockMovedFirst() async throws {
        let clock = ManualClock()
        let start = clock.wallTime
        // The clock moves on after the caller chose the time and before it sleeps: the wake-up is still at that
        // time, not 4 s later.
        clock.advance(by: .seconds(4))
        try await withThrowingTaskGroup(of: Duration.self) { group in
            group.addTask {
                try await clock.sleep(untilWallTime: start.adding(.seconds(10)))
                return clock.now.offset
            }
            try await clock.waitForSleepers(count: 1)
            clock.advance(by: .seconds(6))
            let woke = try await group.next()
            #expect(woke == .seconds(10))
        }
        try await clock.sleep(untilWallTime: start)  // already passed: at once
        #expect(clock.sleeperCount == 0)
    }

    @Test func cancellingASleeperThrowsAndUnregistersIt() async throws {
        let clock = ManualClock()
        let task = Task { try await clock.sleep(for: .seconds(60)) }
        try await clock.waitForSleepers(count: 1)
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test func wallTimeAdvancesWithTheClock() {
        let start = Timestamp(secondsSinceEpoch: 1_800_000_000)
        let clock = ManualClock(wallTime: start)
        #expect(clock.wallTime == start)
        clock.advance(by: .milliseconds(1500))
        #expect(clock.wallTime == Timestamp(secondsSinceEpoch: 1_800_000_001, nanoseconds: 500_000_000))
        #expect(clock.now.offset == .milliseconds(1500))
    }
}
