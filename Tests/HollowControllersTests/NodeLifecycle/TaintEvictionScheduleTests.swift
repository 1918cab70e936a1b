import HollowModel
import Testing

@testable import HollowControllers

/// The taint manager's queue of scheduled evictions, driven by node and pod updates as taint_eviction_test.go's
/// TestUpdatePod, TestUpdateNode and TestUpdateNodeWithMultipleTaints drive the real one.
@Suite struct TaintEvictionScheduleTests {
    typealias F = NodeLifecycleFixtures
    typealias Toleration = TaintEviction.Toleration

    static let key = ObjectKey(namespace: "default", name: "pod1")

    @Test func lengtheningATolerationDoesNotPostponeTheEviction() {
        var schedule = TaintEvictionSchedule()
        let taints = [F.testTaint(1)]
        #expect(
            schedule.process(F.pod(tolerations: [F.testToleration(1, seconds: 1)]), nodeTaints: taints, now: F.now)
                == .evictAt(F.at(1)))
        #expect(
            schedule.process(F.pod(tolerations: [F.testToleration(1, seconds: 100)]), nodeTaints: taints, now: F.now)
                == .evictAt(F.at(1)))
        #expect(schedule.earliestEviction == F.at(1))
        #expect(schedule.due(at: F.now).isEmpty)
        #expect(schedule.due(at: F.at(1)) == [Self.key])
        #expect(
            schedule.process(F.pod(tolerations: [F.testToleration(1, seconds: 100)]), nodeTaints: taints, now: F.at(1))
                == .evictNow)
        #expect(schedule.entries.isEmpty)
    }

    @Test func removingATolerationEvictsAtOnce() {
        var schedule = TaintEvictionSchedule()
        let taints = [F.testTaint(1)]
        _ = schedule.process(F.pod(tolerations: [F.testToleration(1, seconds: 100)]), nodeTaints: taints, now: F.now)
        #expect(schedule.process(F.pod(), nodeTaints: taints, now: F.at(2)) == .evictNow)
        #expect(schedule.entries.isEmpty)
    }

    @Test func taintsRemovedCancelTheEviction() {
        var schedule = TaintEvictionSchedule()
        let pod = F.pod(tolerations: [F.testToleration(1, seconds: 1)])
        _ = schedule.process(pod, nodeTaints: [F.testTaint(1)], now: F.now)
        #expect(schedule.process(pod, nodeTaints: [], now: F.now) == .keep)
        #expect(schedule.earliestEviction == nil)
    }

    @Test func infinitelyToTemporarilyToleratedAndBack() {
        let pod = F.pod(tolerations: [
            Toleration(key: "testTaint1", operator: .exists, effect: .noExecute),
            Toleration(key: "testTaint2", operator: .exists, effect: .noExecute, tolerationSeconds: 60),
        ])
        var schedule = TaintEvictionSchedule()
        #expect(schedule.process(pod, nodeTaints: [], now: F.now) == .keep)
        #expect(schedule.process(pod, nodeTaints: [F.testTaint(1)], now: F.now) == .keep)
        #expect(schedule.entries.isEmpty)
        #expect(
            schedule.process(pod, nodeTaints: [F.testTaint(1), F.testTaint(2, added: F.at(10))], now: F.at(10))
                == .evictAt(F.at(70)))
        #expect(schedule.entries[Self.key] == .init(observedSince: F.at(10), evictAt: F.at(70)))
        #expect(schedule.process(pod, nodeTaints: [F.testTaint(1)], now: F.at(20)) == .keep)
        #expect(schedule.entries.isEmpty)
    }

    @Test func swappingNotReadyForUnreachableKeepsTheEarlierTime() {
        let pod = F.pod(tolerations: [.defaultNotReady(), .defaultUnreachable()])
        var schedule = TaintEvictionSchedule()
        #expect(schedule.process(pod, nodeTaints: [.notReady(timeAdded: F.now)], now: F.now) == .evictAt(F.at(300)))
        #expect(
            schedule.process(pod, nodeTaints: [.unreachable(timeAdded: F.at(100))], now: F.at(100))
                == .evictAt(F.at(300)))
        #expect(schedule.process(pod, nodeTaints: [.unreachable(timeAdded: F.at(100))], now: F.at(300)) == .evictNow)
    }

    @Test func shorteningATolerationBringsTheEvictionForward() {
        var schedule = TaintEvictionSchedule()
        let taints = [F.testTaint(1)]
        _ = schedule.process(F.pod(tolerations: [F.testToleration(1, seconds: 100)]), nodeTaints: taints, now: F.now)
        #expect(
            schedule.process(F.pod(tolerations: [F.testToleration(1, seconds: 10)]), nodeTaints: taints, now: F.at(5))
                == .evictAt(F.at(10)))
    }

    @Test func cancellingReportsWhetherSomethingWasScheduled() {
        var schedule = TaintEvictionSchedule()
        _ = schedule.process(
            F.pod(tolerations: [F.testToleration(1, seconds: 1)]), nodeTaints: [F.testTaint(1)], now: F.now)
        let first = schedule.cancel(Self.key)
        let second = schedule.cancel(Self.key)
        #expect(first)
        #expect(!second)
    }

    @Test func podsDueAreListedInKeyOrder() {
        var schedule = TaintEvictionSchedule()
        let taints = [F.testTaint(1)]
        for (name, seconds) in [("b", Int64(5)), ("a", 5), ("c", 50)] {
            _ = schedule.process(
                F.pod(name, tolerations: [F.testToleration(1, seconds: seconds)]), nodeTaints: taints, now: F.now)
        }
        #expect(schedule.earliestEviction == F.at(5))
        #expect(
            schedule.due(at: F.at(5)) == [
                ObjectKey(namespace: "default", name: "a"), ObjectKey(namespace: "default", name: "b"),
            ])
    }
}
