import HollowModel
import HollowRuntime
import ServiceLifecycle
import Synchronization
import Testing

@Suite(.timeLimit(.minutes(1))) struct LeaderElectorTests {
    static let leaseKey = ObjectKey(namespace: "kube-system", name: "hollow-controllers")

    struct Term: Sendable, Equatable {
        var identity: String
        var at: Duration
    }

    /// Two candidates on one store and one manual clock, with probes for when each starts and stops leading.
    final class Election: Sendable {
        let clock = ManualClock()
        let store = InMemoryLeaseStore()
        let started = Probe<Term>()
        let stopped = Probe<Term>()

        func elector(_ identity: String, store: (any LeaseStore)? = nil, releaseOnCancel: Bool = true) -> LeaderElector
        {
            LeaderElector(
                configuration: .init(
                    lease: LeaderElectorTests.leaseKey, identity: identity, jitterFactor: 0,
                    releaseOnCancel: releaseOnCancel),
                store: store ?? self.store, clock: clock, logger: .quiet)
        }

        /// Runs `elector` with a body that reports its term and holds on until cancelled or `until` opens.
        func campaign(_ elector: LeaderElector, until gate: Gate? = nil) -> Task<Void, any Error> {
            let (clock, started, stopped) = (clock, started, stopped)
            let identity = elector.configuration.identity
            return Task {
                try await elector.run {
                    started.yield(Term(identity: identity, at: clock.now.offset))
                    if let gate {
                        await gate.wait()
                    } else {
                        await holdUntilCancelled()
                    }
                    stopped.yield(Term(identity: identity, at: clock.now.offset))
                }
            }
        }

        /// Advances in retry periods until `identity` starts leading, re-synchronising on `sleepers` parked timers
        /// after each step. - Returns: when it took over.
        func advance(until identity: String, starts: inout AsyncStream<Term>.Iterator, sleepers: Int) async throws
            -> Duration
        {
            for _ in 0..<30 {
                clock.advance(by: .seconds(2))
                try await clock.waitForSleepers(count: sleepers)
                if let lease = store.lease(LeaderElectorTests.leaseKey), lease.holderIdentity == identity {
                    let term = await starts.next()
                    #expect(term?.identity == identity)
                    return term?.at ?? .zero
                }
            }
            Issue.record("\(identity) never took over")
            return .zero
        }

        var lease: Lease? { store.lease(LeaderElectorTests.leaseKey) }
    }

    @Test func exactlyOneLeadsAndTheOtherTakesOverOnceADeadLeadersLeaseExpires() async throws {
        let election = Election()
        var starts = election.started.events()
        let a = election.elector("a", releaseOnCancel: false)
        let b = election.elector("b")
        let taskA = election.campaign(a)
        #expect(await starts.next() == Term(identity: "a", at: .zero))
        let taskB = election.campaign(b)
        // a: renewal timer + watchdog; b: retry timer.
        try await election.clock.waitForSleepers(count: 3)
        for _ in 0..<5 {
            #expect(a.isLeader && !b.isLeader)
            #expect(b.leader == "a")
            election.clock.advance(by: .seconds(2))
            try await election.clock.waitForSleepers(count: 3)
        }
        let lease = try #require(election.lease)
        #expect(lease.holderIdentity == "a")
        #expect(lease.leaseTransitions == 0)
        #expect(lease.leaseDurationSeconds == 15)
        #expect(lease.acquireTime == election.clock.wallTime.adding(.seconds(-10)))
        #expect(lease.renewTime == election.clock.wallTime)

        // Killed: no release, no more renewals.
        let killedAt = election.clock.now.offset
        taskA.cancel()
        try await taskA.value
        #expect(election.lease?.holderIdentity == "a")
        let takeover = try await election.advance(until: "b", starts: &starts, sleepers: 1)
        // b trusts only its own clock: the lease runs 15 s from when b *saw* a's last renewal — at the kill, or at
        // b's next poll if b read just before it — and b takes it at its first poll after that.
        #expect(
            takeover == killedAt + .seconds(16) || takeover == killedAt + .seconds(18), "took over at \(takeover)")
        let taken = try #require(election.lease)
        #expect(taken.holderIdentity == "b")
        #expect(taken.leaseTransitions == 1)
        #expect(taken.acquireTime == election.clock.wallTime)
        #expect(b.isLeader)

        // b shuts down and releases.
        taskB.cancel()
        try await taskB.value
        #expect(election.lease?.holderIdentity == "")
        #expect(election.lease?.leaseDurationSeconds == 1)
        #expect(election.lease?.leaseTransitions == 1)
        #expect(!b.isLeader)
    }

    @Test func aReleasedLeaseIsTakenOverAtTheNextRetry() async throws {
        let election = Election()
        var starts = election.started.events()
        var stops = election.stopped.events()
        let gate = Gate()
        let a = election.elector("a")
        let b = election.elector("b")
        let taskA = election.campaign(a, until: gate)
        #expect(await starts.next() == Term(identity: "a", at: .zero))
        let taskB = election.campaign(b)
        try await election.clock.waitForSleepers(count: 3)
        election.clock.advance(by: .seconds(2))
        try await election.clock.waitForSleepers(count: 3)

        // a's work ends (graceful shutdown): it releases the lease on the way out.
        gate.open()
        #expect(await stops.next() == Term(identity: "a", at: .seconds(2)))
        try await taskA.value
        let released = try #require(election.lease)
        #expect(released.holderIdentity == "")
        #expect(released.leaseDurationSeconds == 1)
        #expect(!a.isLeader)

        let takeover = try await election.advance(until: "b", starts: &starts, sleepers: 1)
        #expect(takeover == .seconds(4))
        #expect(election.lease?.leaseTransitions == 1)
        taskB.cancel()
        try await taskB.value
    }

    @Test func aLeaderThatCannotRenewStopsBeforeAnyoneElseCanTakeOver() async throws {
        let election = Election()
        var starts = election.started.events()
        var stops = election.stopped.events()
        let cutOff = PartitionableLeaseStore(election.store)
        let a = election.elector("a", store: cutOff)
        let b = election.elector("b")
        let taskA = election.campaign(a)
        #expect(await starts.next() == Term(identity: "a", at: .zero))
        let taskB = election.campaign(b)
        try await election.clock.waitForSleepers(count: 3)
        for _ in 0..<2 {
            election.clock.advance(by: .seconds(2))
            try await election.clock.waitForSleepers(count: 3)
        }
        // a renewed at 4 s and is cut off; its next round starts at 6 s and runs out at 6 + 10 s.
        cutOff.partition()
        for _ in 0..<5 {
            election.clock.advance(by: .seconds(2))
            try await election.clock.waitForSleepers(count: 3)
            #expect(a.isLeader)
        }
        election.clock.advance(by: .seconds(2))
        let stop = try #require(await stops.next())
        #expect(stop == Term(identity: "a", at: .seconds(16)))
        await #expect(throws: LeaderElectionError.leadershipLost) { try await taskA.value }
        #expect(!a.isLeader)
        try await election.clock.waitForSleepers(count: 1)

        let takeover = try await election.advance(until: "b", starts: &starts, sleepers: 1)
        // b waits 15 s from when it saw a's last renewal (at 4 s, or at its poll at 6 s): after a stopped acting.
        #expect(takeover > stop.at)
        #expect(takeover == .seconds(20) || takeover == .seconds(22), "took over at \(takeover)")
        #expect(election.lease?.leaseTransitions == 1)
        taskB.cancel()
        try await taskB.value
    }

    @Test func aCandidateAloneCreatesTheLeaseAndRenewsIt() async throws {
        let election = Election()
        var starts = election.started.events()
        let a = election.elector("a")
        let task = election.campaign(a)
        #expect(await starts.next() == Term(identity: "a", at: .zero))
        try await election.clock.waitForSleepers(count: 2)
        let created = try #require(election.lease)
        #expect(created.holderIdentity == "a")
        #expect(created.acquireTime == election.clock.wallTime)
        election.clock.advance(by: .seconds(2))
        try await election.clock.waitForSleepers(count: 2)
        let renewed = try #require(election.lease)
        #expect(renewed.renewTime == election.clock.wallTime)
        #expect(renewed.acquireTime == created.acquireTime)
        #expect(renewed.leaseTransitions == 0)
        task.cancel()
        try await task.value
    }
}

@Suite(.timeLimit(.minutes(1))) struct LeaderElectedServicesTests {
    struct WaitsForShutdown: Service {
        let started: Probe<Void>
        func run() async throws {
            started.yield(())
            try await gracefulShutdown()
        }
    }

    @Test func servicesRunWhileLeadingAndTheLeaseIsReleasedAfterGracefulShutdown() async throws {
        let clock = ManualClock()
        let store = InMemoryLeaseStore()
        let started = Probe<Void>()
        var starts = started.events()
        let elector = LeaderElector(
            configuration: .init(lease: LeaderElectorTests.leaseKey, identity: "a", jitterFactor: 0), store: store,
            clock: clock, logger: .quiet)
        let group = ServiceGroup(
            services: [LeaderElectedServices(elector: elector, services: [WaitsForShutdown(started: started)])],
            logger: .quiet)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            _ = await starts.next()
            #expect(store.lease(LeaderElectorTests.leaseKey)?.holderIdentity == "a")
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(store.lease(LeaderElectorTests.leaseKey)?.holderIdentity == "")
        #expect(!elector.isLeader)
    }
}
