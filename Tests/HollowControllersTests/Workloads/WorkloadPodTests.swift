import HollowModel
import Testing

@testable import HollowControllers

/// Pod predicates and the deletion order, re-expressed from `controller_utils_test.go` (TestSortingActivePods,
/// TestSortingActivePodsWithRanks, TestActivePodFiltering) and `pkg/api/v1/pod` util tests.
@Suite struct WorkloadPodTests {
    typealias F = Fixtures

    @Test(arguments: [
        ("Succeeded", false, false), ("Failed", false, false), ("Running", false, true), ("Pending", false, true),
        ("Unknown", false, true), ("Running", true, false),
    ])
    func activePodsAreNeitherTerminalNorBeingDeleted(phase: String, deleting: Bool, active: Bool) {
        #expect(WorkloadPod.isActive(F.pod("p", phase: phase, deleting: deleting)) == active)
    }

    @Test(arguments: [
        // (ready, seconds since ready, minReadySeconds, available)
        (false, Int64(100), 0, false),
        (true, Int64(0), 0, true),
        (true, Int64(10), 10, false),  // exactly minReadySeconds: not strictly before now
        (true, Int64(11), 10, true),
        (true, Int64(5), 10, false),
    ])
    func availabilityNeedsReadinessForLongerThanMinReadySeconds(
        ready: Bool, secondsReady: Int64, minReadySeconds: Int, available: Bool
    ) {
        let pod = F.pod("p", ready: ready, readySince: F.time(secondsReady))
        #expect(WorkloadPod.isAvailable(pod, minReadySeconds: minReadySeconds, now: F.now) == available)
    }

    @Test func aReadyPodWithoutTransitionTimeIsAvailableOnlyWithoutMinReadySeconds() {
        let pod = F.pod("p", ready: true)
        #expect(WorkloadPod.isAvailable(pod, minReadySeconds: 0, now: F.now))
        #expect(!WorkloadPod.isAvailable(pod, minReadySeconds: 1, now: F.now))
    }

    @Test(arguments: [
        ("10", Int32(10)), ("-5", Int32(-5)), ("0", Int32(0)), ("+10", Int32(0)), ("008", Int32(0)),
        ("x", Int32(0)), ("2147483648", Int32(0)),
    ])
    func deletionCostParsesLikeKube(annotation: String, cost: Int32) {
        let pod = F.pod("p", annotations: [WorkloadPod.deletionCostAnnotation: annotation])
        #expect(WorkloadPod.deletionCost(pod) == cost)
    }

    /// TestSortingActivePods: without `now` (plain comparison), every permutation sorts the same.
    @Test func activePodsSortUnassignedPendingNotReadyAndNewerFirst() {
        let then = F.time(30 * 24 * 3600)
        let pods = [
            F.pod("unscheduled", node: nil, phase: "Pending"),
            F.pod("scheduledButPending", node: "bar", phase: "Pending"),
            F.pod("unknownPhase", node: "foo", phase: "Unknown"),
            F.pod("runningButNotReady", node: "foo", phase: "Running"),
            F.pod("runningNoLastTransitionTime", node: "foo", ready: true, restarts: [3, 0]),
            F.pod("runningWithLastTransitionTime", node: "foo", ready: true, readySince: F.now, restarts: [3, 0]),
            F.pod("runningLongerTime", node: "foo", ready: true, readySince: then, restarts: [3, 0]),
            F.pod("lowerContainerRestartCount", node: "foo", ready: true, readySince: then, created: F.now, restarts: [2, 1]),
            F.pod("oldest", node: "foo", ready: true, readySince: then, created: then, restarts: [2, 1]),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let shuffled = pods.shuffled(using: &generator)
            let sorted = WorkloadPod.sortedForDeletion(shuffled, ranks: Array(repeating: 0, count: pods.count), now: nil)
            #expect(sorted.map(\.name) == pods.map(\.name))
        }
    }

    // TestSortingActivePodsWithRanks.
    static let then1Month = Fixtures.time(30 * 24 * 3600)
    static let then2Hours = Fixtures.time(2 * 3600)
    static let then5Hours = Fixtures.time(5 * 3600)
    static let then8Hours = Fixtures.time(8 * 3600)

    static func rankPod(
        _ name: String, _ node: String?, _ phase: String, _ ready: Bool, restarts: Int64 = 0, readySince: Timestamp? = nil,
        created: Timestamp? = nil, cost: String? = nil
    ) -> Pod {
        Fixtures.pod(
            name, node: node, phase: phase, ready: ready, readySince: ready ? readySince : nil, created: created,
            annotations: cost.map { [WorkloadPod.deletionCostAnnotation: $0] } ?? [:],
            restarts: ready ? [restarts] : [], uid: "")
    }

    static let unscheduled = rankPod("unscheduled", nil, "Pending", false)
    static let scheduledPending = rankPod("pending", "node", "Pending", false)
    static let unknownPhase = rankPod("unknown-phase", "node", "Unknown", false)
    static let runningNotReady = rankPod("not-ready", "node", "Running", false)
    static let readyNoTransitionTime = rankPod("ready-no-last-transition-time", "node", "Running", true)
    static let readyNow = rankPod("ready-now", "node", "Running", true, readySince: Fixtures.now, created: Fixtures.now)
    static let readyThen = rankPod("ready-then", "node", "Running", true, readySince: then1Month, created: then1Month)
    static let readyNowHighRestarts = rankPod(
        "ready-high-restarts", "node", "Running", true, restarts: 9001, readySince: Fixtures.now, created: Fixtures.now)
    static let readyNowCreatedThen = rankPod(
        "ready-now-created-then", "node", "Running", true, readySince: Fixtures.now, created: then1Month)
    static let lowDeletionCost = rankPod(
        "low-deletion-cost", "node", "Running", true, readySince: Fixtures.now, created: then1Month, cost: "10")
    static let highDeletionCost = rankPod(
        "high-deletion-cost", "node", "Running", true, readySince: Fixtures.now, created: then1Month, cost: "100")
    static let unscheduled5Hours = rankPod("unscheduled-5-hours", nil, "Pending", false, created: then5Hours)
    static let unscheduled8Hours = rankPod("unscheduled-10-hours", nil, "Pending", false, created: then8Hours)
    static let ready2Hours = rankPod("ready-2-hours", nil, "Running", true, readySince: then2Hours, created: then1Month)
    static let ready5Hours = rankPod("ready-5-hours", nil, "Running", true, readySince: then5Hours, created: then1Month)
    static let ready8Hours = rankPod("ready-10-hours", nil, "Running", true, readySince: then8Hours, created: then1Month)

    @Test(arguments: [
        (unscheduled, unscheduled), (scheduledPending, scheduledPending), (unknownPhase, unknownPhase),
        (runningNotReady, runningNotReady), (readyNowCreatedThen, readyNowCreatedThen), (readyNow, readyNow),
        (readyThen, readyThen), (readyNowHighRestarts, readyNowHighRestarts),
        // Same power-of-two bucket of age: equal under LogarithmicScaleDown.
        (unscheduled5Hours, unscheduled8Hours), (ready5Hours, ready8Hours),
    ])
    func equivalentPodsDoNotPrecedeEachOther(lhs: Pod, rhs: Pod) {
        #expect(!WorkloadPod.precedesForDeletion(lhs, rank: 1, rhs, rank: 1, now: Fixtures.now))
        #expect(!WorkloadPod.precedesForDeletion(rhs, rank: 1, lhs, rank: 1, now: Fixtures.now))
    }

    @Test(arguments: [
        (unscheduled, 1, scheduledPending, 2),
        (unscheduled, 2, scheduledPending, 1),
        (scheduledPending, 1, unknownPhase, 2),
        (unknownPhase, 1, runningNotReady, 2),
        (runningNotReady, 1, readyNoTransitionTime, 1),
        (readyNoTransitionTime, 1, readyNow, 1),
        (readyNow, 2, readyNoTransitionTime, 1),
        (readyNow, 1, readyThen, 1),
        (readyNow, 2, readyThen, 1),
        (readyNowHighRestarts, 1, readyNow, 1),
        (readyNow, 2, readyNowHighRestarts, 1),
        (readyNow, 1, readyNowCreatedThen, 1),
        (readyNowCreatedThen, 2, readyNow, 1),
        (lowDeletionCost, 2, highDeletionCost, 1),
        (ready2Hours, 1, ready5Hours, 1),
    ])
    func rankedDeletionOrder(lesser: Pod, lesserRank: Int, greater: Pod, greaterRank: Int) {
        #expect(WorkloadPod.precedesForDeletion(lesser, rank: lesserRank, greater, rank: greaterRank, now: Fixtures.now))
        #expect(!WorkloadPod.precedesForDeletion(greater, rank: greaterRank, lesser, rank: lesserRank, now: Fixtures.now))
    }

    @Test(arguments: [
        (JSON.int(3), 10, true, 3), (JSON.string("25%"), 3, true, 1), (JSON.string("25%"), 3, false, 0),
        (JSON.string("39%"), 10, true, 4), (JSON.string("39%"), 10, false, 3), (JSON.null, 10, true, 0),
        (JSON.string("100%"), 5, false, 5),
    ])
    func intOrPercentRoundsAsAsked(value: JSON, total: Int, roundUp: Bool, expected: Int) throws {
        #expect(try WorkloadIntOrPercent.scaledValue(value, total: total, roundUp: roundUp) == expected)
    }

    @Test(arguments: [JSON.string("oops"), JSON.string("x%"), JSON.bool(true)])
    func malformedIntOrPercentIsRefused(value: JSON) {
        #expect(throws: WorkloadError.self) { try WorkloadIntOrPercent.scaledValue(value, total: 10, roundUp: true) }
    }

    @Test func templateHashUsesTheSafeAlphabetAndIgnoresKeyOrder() {
        let template: JSON = ["metadata": ["labels": ["app": "web", "tier": "front"]], "spec": ["containers": []]]
        let reordered: JSON = ["spec": ["containers": []], "metadata": ["labels": ["tier": "front", "app": "web"]]]
        let hash = WorkloadHash.computeHash(template: template, collisionCount: nil)
        #expect(hash == WorkloadHash.computeHash(template: reordered, collisionCount: nil))
        #expect(!hash.isEmpty && hash.allSatisfy { "4589bcdf67".contains($0) })
        #expect(hash != WorkloadHash.computeHash(template: template, collisionCount: 1))
        #expect(
            WorkloadHash.computeHash(template: template, collisionCount: 1)
                != WorkloadHash.computeHash(template: template, collisionCount: 2))
    }

    @Test(arguments: [("0123456789", "456789bcdf"), ("4294967295", "86f8fbc6f9")])
    func safeEncodeMapsDigitsOntoTheAlphabet(text: String, encoded: String) {
        #expect(WorkloadHash.safeEncode(text) == encoded)
    }

    @Test func fnv32aMatchesGo() {
        var hasher = WorkloadHash.FNV32a()
        hasher.write(Array("hello".utf8))
        #expect(hasher.value == 0x4f9f_2cab)  // fnv.New32a().Write([]byte("hello")).Sum32()
    }

    @Test(arguments: [(0, [Int]()), (1, [1]), (5, [1, 2, 2]), (10, [1, 2, 4, 3])])
    func slowStartDoublesBatches(count: Int, batches: [Int]) {
        #expect(workloadSlowStartBatches(count) == batches)
    }

    @Test func expectationsAreSatisfiedOnceObservedOrExpired() {
        var expectations = WorkloadExpectations()
        #expect(expectations.isSatisfied("default/web", now: F.now))
        expectations.expect("default/web", creations: 2, now: F.now)
        #expect(!expectations.isSatisfied("default/web", now: F.now))
        expectations.creationObserved("default/web")
        expectations.creationObserved("default/web")
        #expect(expectations.isSatisfied("default/web", now: F.now))

        expectations.expect("default/web", creations: 0, deletingPodKeys: ["default/a"], now: F.now)
        expectations.deletionObserved("default/web", podKey: "default/b")
        #expect(!expectations.isSatisfied("default/web", now: F.now))
        expectations.deletionObserved("default/web", podKey: "default/a")
        expectations.deletionObserved("default/web", podKey: "default/a")
        #expect(expectations.isSatisfied("default/web", now: F.now))

        expectations.expect("default/web", creations: 1, now: F.now)
        #expect(expectations.isSatisfied("default/web", now: F.now.adding(.seconds(301))))
    }
}
