import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@Suite struct ControllerTests {
    /// Records what reconciles saw; never two at once for one key.
    final class Recorder: Sendable {
        let inFlight = Mutex<Set<ObjectKey>>([])
        let overlaps = Atomic<Int>(0)

        func enter(_ key: ObjectKey) {
            if !inFlight.withLock({ $0.insert(key).inserted }) { overlaps.add(1, ordering: .relaxed) }
        }
        func leave(_ key: ObjectKey) { inFlight.withLock { _ = $0.remove(key) } }
    }

    @Test(.timeLimit(.minutes(1)))
    func workersNeverReconcileOneKeyAtOnceAndSeeEveryLastChange() async throws {
        let keys = (0..<8).map { ObjectKey(namespace: "ns", name: "k\($0)") }
        // Each enqueue bumps a key's version; a reconcile records the version it saw.
        let versions = Locked<[ObjectKey: Int]>([:])
        let seen = Locked<[ObjectKey: Int]>([:])
        let recorder = Recorder()
        let finished = Probe<Void>()
        var finishedEvents = finished.events()
        let reconciler = ReconcilerFunction { key in
            recorder.enter(key)
            let version = versions.withLock { $0[key, default: 0] }
            await Task.yield()
            await Task.yield()
            seen.withLock { $0[key] = version }
            recorder.leave(key)
            finished.yield(())
            return .done
        }
        let controller = Controller(
            name: "test", workers: 4, reconciler: reconciler, clock: ManualClock(), logger: .quiet)
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await controller.run() }
            for round in 0..<300 {
                let key = keys[(round * 7) % keys.count]
                versions.withLock { $0[key, default: 0] += 1 }
                controller.enqueue(key)
                if round % 3 == 0 { await Task.yield() }
            }
            let expected = versions.value
            while seen.value != expected {
                _ = await finishedEvents.next()
            }
            group.cancelAll()
        }
        #expect(recorder.overlaps.load(ordering: .relaxed) == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func errorsAreRetriedWithExponentialBackoffThenForgotten() async throws {
        struct Flaky: Error {}
        let clock = ManualClock()
        let attempts = Probe<Duration>()
        var attemptTimes = attempts.events()
        let failuresLeft = Locked(3)
        let reconciler = ReconcilerFunction { _ in
            attempts.yield(clock.now.offset)
            if failuresLeft.withLock({ left in
                defer { left -= 1 }
                return left > 0
            }) {
                throw Flaky()
            }
            return .done
        }
        let controller = Controller(
            name: "flaky", reconciler: reconciler, clock: clock,
            rateLimiter: ItemExponentialFailureRateLimiter(baseDelay: .milliseconds(5), maxDelay: .seconds(1000)),
            logger: .quiet)
        let key = ObjectKey(namespace: "ns", name: "a")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await controller.run() }
            controller.enqueue(key)
            #expect(await attemptTimes.next() == .zero)
            for (failures, backoff) in [(1, 5), (2, 10), (3, 20)] {
                // The worker goes back to the queue and parks on the delayed key's timer.
                try await clock.waitForSleepers(count: 1)
                #expect(controller.queue.numRequeues(key) == failures)
                clock.advance(by: .milliseconds(backoff) - .nanoseconds(1))
                #expect(controller.queue.count == 0)
                clock.advance(by: .nanoseconds(1))
                #expect(await attemptTimes.next() == clock.now.offset)
            }
            #expect(clock.now.offset == .milliseconds(35))
            // Success forgets the backoff once the reconcile is done.
            while controller.queue.processingCount > 0 { await Task.yield() }
            #expect(controller.queue.numRequeues(key) == 0)
            group.cancelAll()
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func requeueAfterReconcilesAgainOnTheClock() async throws {
        let clock = ManualClock()
        let attempts = Probe<Duration>()
        var attemptTimes = attempts.events()
        let reconciler = ReconcilerFunction { _ in
            attempts.yield(clock.now.offset)
            return clock.now.offset < .seconds(60) ? .requeue(after: .seconds(30)) : .done
        }
        let controller = Controller(name: "periodic", reconciler: reconciler, clock: clock, logger: .quiet)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await controller.run() }
            controller.enqueue(ObjectKey(namespace: nil, name: "node-1"))
            #expect(await attemptTimes.next() == .zero)
            for expected in [30, 60] {
                try await clock.waitForSleepers(count: 1)
                clock.advance(by: .seconds(30))
                #expect(await attemptTimes.next() == .seconds(expected))
            }
            while controller.queue.processingCount > 0 { await Task.yield() }
            #expect(controller.queue.delayedCount == 0)
            #expect(controller.queue.numRequeues(ObjectKey(namespace: nil, name: "node-1")) == 0)
            group.cancelAll()
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func gracefulShutdownFinishesInFlightReconcilesAndTakesNoNewKeys() async throws {
        let started = Probe<ObjectKey>()
        var startedKeys = started.events()
        let gate = Gate()
        let completed = Locked<[ObjectKey]>([])
        let reconciler = ReconcilerFunction { key in
            started.yield(key)
            await gate.wait()
            // Not cancelled: graceful shutdown lets it finish its work.
            #expect(!Task.isCancelled)
            completed.withLock { $0.append(key) }
            return .done
        }
        let controller = Controller(name: "drain", reconciler: reconciler, clock: ManualClock(), logger: .quiet)
        let group = ServiceGroup(services: [controller], logger: .quiet)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            controller.enqueue(ObjectKey(namespace: "ns", name: "a"))
            #expect(await startedKeys.next() == ObjectKey(namespace: "ns", name: "a"))
            controller.enqueue(ObjectKey(namespace: "ns", name: "b"))
            await group.triggerGracefulShutdown()
            while !controller.queue.isShuttingDown { await Task.yield() }
            controller.enqueue(ObjectKey(namespace: "ns", name: "c"))
            gate.open()
            try await tasks.waitForAll()
        }
        #expect(completed.value == [ObjectKey(namespace: "ns", name: "a")])
    }

    @Test(.timeLimit(.minutes(1)))
    func watchedInformersFeedTheQueueAndGateTheWorkers() async throws {
        let source = UpdateSource<Pod>()
        let informer = Informer<Pod>(name: "pods", clock: ManualClock(), logger: .quiet, updates: source.updates)
        let reconciled = Probe<ObjectKey>()
        var reconciledKeys = reconciled.events()
        let controller = Controller(
            name: "owner",
            reconciler: ReconcilerFunction { key in
                reconciled.yield(key)
                return .done
            }, clock: ManualClock(), logger: .quiet)
        controller.watchOwned(informer, ownerKind: "ReplicaSet", ownerAPIVersion: "apps/v1")
        var owned = pod("p1", resourceVersion: "1")
        owned.metadata.ownerReferences = [
            OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "rs", uid: "u", controller: true)
        ]
        await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await controller.run() }
            group.addTask { try await informer.run() }
            var streams = source.streams()
            let stream = await streams.next()!
            controller.enqueue(ObjectKey(namespace: "default", name: "direct"))
            #expect(controller.queue.count == 1)  // no worker takes it before the cache syncs
            stream.yield(.replace([owned, pod("unowned", resourceVersion: "2")], resourceVersion: "2"))
            let keys = await reconciledKeys.next(2)
            #expect(
                Set(keys) == [
                    ObjectKey(namespace: "default", name: "direct"), ObjectKey(namespace: "default", name: "rs"),
                ])
            group.cancelAll()
        }
    }
}
