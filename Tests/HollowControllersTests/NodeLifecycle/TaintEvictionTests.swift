import HollowModel
import Testing

@testable import HollowControllers

/// Toleration matching (k8s.io/api toleration_test.go), getMinTolerationTime (TestGetMinTolerationTime) and the
/// per-pod decision (taint_eviction_test.go's TestCreatePod, TestUpdatePod, TestUpdateNode…), with a fixed clock.
@Suite struct TaintEvictionTests {
    typealias F = NodeLifecycleFixtures
    typealias Taint = NodeLifecycle.Taint
    typealias Toleration = TaintEviction.Toleration

    // MARK: ToleratesTaint

    struct MatchCase: Sendable, CustomTestStringConvertible {
        let name: String
        let toleration: Toleration
        let taint: Taint
        let tolerated: Bool
        var testDescription: String { name }
    }

    static let sla = "node.kubernetes.io/sla"

    static let matchCases: [MatchCase] = [
        MatchCase(
            name: "same key and effect, Exists, taint without value",
            toleration: Toleration(key: "foo", operator: .exists, effect: .noSchedule),
            taint: Taint(key: "foo", effect: .noSchedule), tolerated: true),
        MatchCase(
            name: "same key and effect, Exists, taint with a value",
            toleration: Toleration(key: "foo", operator: .exists, effect: .noSchedule),
            taint: Taint(key: "foo", value: "bar", effect: .noSchedule), tolerated: true),
        MatchCase(
            name: "empty key with Exists matches every key",
            toleration: Toleration(operator: .exists, effect: .noSchedule),
            taint: Taint(key: "foo", value: "bar", effect: .noSchedule), tolerated: true),
        MatchCase(
            name: "empty key and effect with Exists tolerates everything",
            toleration: Toleration(operator: .exists),
            taint: Taint(key: "foo", value: "bar", effect: .noExecute), tolerated: true),
        MatchCase(
            name: "same key, effect and value, Equal",
            toleration: Toleration(key: "foo", operator: .equal, value: "bar", effect: .noSchedule),
            taint: Taint(key: "foo", value: "bar", effect: .noSchedule), tolerated: true),
        MatchCase(
            name: "empty operator means Equal",
            toleration: Toleration(key: "foo", operator: Toleration.Operator(rawValue: ""), value: "bar"),
            taint: Taint(key: "foo", value: "bar", effect: .noExecute), tolerated: true),
        MatchCase(
            name: "same key and effect, different values, Equal",
            toleration: Toleration(key: "foo", operator: .equal, value: "value1", effect: .noSchedule),
            taint: Taint(key: "foo", value: "value2", effect: .noSchedule), tolerated: false),
        MatchCase(
            name: "same key and value, different effects",
            toleration: Toleration(key: "foo", operator: .equal, value: "bar", effect: .noSchedule),
            taint: Taint(key: "foo", value: "bar", effect: .noExecute), tolerated: false),
        MatchCase(
            name: "empty effect matches every effect",
            toleration: Toleration(key: "foo", operator: .exists),
            taint: Taint(key: "foo", effect: .noExecute), tolerated: true),
        MatchCase(
            name: "different keys",
            toleration: Toleration(key: "foo", operator: .exists, effect: .noExecute),
            taint: Taint(key: "bar", effect: .noExecute), tolerated: false),
        MatchCase(
            name: "unknown operator tolerates nothing",
            toleration: Toleration(key: "foo", operator: Toleration.Operator(rawValue: "In"), value: "bar"),
            taint: Taint(key: "foo", value: "bar", effect: .noExecute), tolerated: false),
        MatchCase(
            name: "Gt: taint value less than the toleration's",
            toleration: Toleration(key: sla, operator: .greaterThan, value: "950", effect: .noSchedule),
            taint: Taint(key: sla, value: "800", effect: .noSchedule), tolerated: false),
        MatchCase(
            name: "Gt: taint value greater than the toleration's",
            toleration: Toleration(key: sla, operator: .greaterThan, value: "750", effect: .noSchedule),
            taint: Taint(key: sla, value: "950", effect: .noSchedule), tolerated: true),
        MatchCase(
            name: "Lt: taint value greater than the toleration's",
            toleration: Toleration(key: sla, operator: .lessThan, value: "800", effect: .noSchedule),
            taint: Taint(key: sla, value: "950", effect: .noSchedule), tolerated: false),
        MatchCase(
            name: "Lt: taint value less than the toleration's",
            toleration: Toleration(key: sla, operator: .lessThan, value: "950", effect: .noSchedule),
            taint: Taint(key: sla, value: "800", effect: .noSchedule), tolerated: true),
        MatchCase(
            name: "Gt: equal values",
            toleration: Toleration(key: sla, operator: .greaterThan, value: "950", effect: .noSchedule),
            taint: Taint(key: sla, value: "950", effect: .noSchedule), tolerated: false),
        MatchCase(
            name: "Gt: non-numeric taint value",
            toleration: Toleration(key: sla, operator: .greaterThan, value: "950", effect: .noSchedule),
            taint: Taint(key: sla, value: "high", effect: .noSchedule), tolerated: false),
        MatchCase(
            name: "Gt: negative values",
            toleration: Toleration(key: "test-key", operator: .greaterThan, value: "-100", effect: .noSchedule),
            taint: Taint(key: "test-key", value: "-200", effect: .noSchedule), tolerated: false),
        MatchCase(
            name: "Gt: large int64 values",
            toleration: Toleration(
                key: "test-key", operator: .greaterThan, value: "9223372036854775806", effect: .noSchedule),
            taint: Taint(key: "test-key", value: "100", effect: .noSchedule), tolerated: false),
    ]

    @Test(arguments: matchCases)
    func tolerationMatchesTaintAsKubeDoes(_ testCase: MatchCase) {
        #expect(testCase.toleration.tolerates(testCase.taint) == testCase.tolerated)
    }

    @Test func matchingTolerationsPicksTheFirstTolerationForEachTaint() {
        let forever = F.testToleration(1, seconds: nil)
        let short = F.testToleration(1, seconds: 5)
        let other = F.testToleration(2, seconds: 10)
        #expect(TaintEviction.matchingTolerations(taints: [], tolerations: []) == [])
        #expect(TaintEviction.matchingTolerations(taints: [F.testTaint(1)], tolerations: []) == nil)
        #expect(
            TaintEviction.matchingTolerations(
                taints: [F.testTaint(1), F.testTaint(2)], tolerations: [forever, short, other]) == [forever, other])
        #expect(
            TaintEviction.matchingTolerations(taints: [F.testTaint(1), F.testTaint(3)], tolerations: [forever])
                == nil)
    }

    // MARK: getMinTolerationTime

    struct MinimumCase: Sendable, CustomTestStringConvertible {
        let seconds: [Int64?]
        /// `nil`: tolerated for ever (kube's -1).
        let expected: Duration?
        var testDescription: String { "\(seconds) → \(expected.map { "\($0)" } ?? "forever")" }
    }

    static let minimumCases: [MinimumCase] = [
        MinimumCase(seconds: [], expected: .zero),
        MinimumCase(seconds: [nil], expected: nil),
        MinimumCase(seconds: [1, 2], expected: .seconds(1)),
        MinimumCase(seconds: [1, nil], expected: .seconds(1)),
        MinimumCase(seconds: [nil, 1], expected: .seconds(1)),
        MinimumCase(seconds: [300, 0, nil], expected: .zero),
        MinimumCase(seconds: [-5, 300], expected: .zero),
        MinimumCase(seconds: [nil, nil], expected: nil),
    ]

    @Test(arguments: minimumCases)
    func minimumTolerationTime(_ testCase: MinimumCase) {
        let tolerations = testCase.seconds.map { Toleration(operator: .exists, tolerationSeconds: $0) }
        #expect(TaintEviction.minTolerationTime(tolerations) == testCase.expected)
    }

    // MARK: processPodOnNode

    struct DecisionCase: Sendable, CustomTestStringConvertible {
        let name: String
        let pod: Pod
        let taints: [Taint]
        var now: Timestamp = F.now
        var observedSince: Timestamp? = nil
        let expected: TaintEvictionDecision
        var testDescription: String { name }
    }

    static func pod(_ tolerations: [Toleration], node: String? = "node1", created: Timestamp? = F.longAgo) -> Pod {
        F.pod(node: node, tolerations: tolerations, created: created)
    }

    static let decisionCases: [DecisionCase] = [
        DecisionCase(name: "untainted node", pod: pod([]), taints: [], expected: .keep),
        DecisionCase(
            name: "NoSchedule taints do not evict",
            pod: pod([]), taints: [Taint(key: "testTaint1", effect: .noSchedule)], expected: .keep),
        DecisionCase(name: "not scheduled", pod: pod([], node: nil), taints: [F.testTaint(1)], expected: .keep),
        DecisionCase(name: "tainted node, no toleration", pod: pod([]), taints: [F.testTaint(1)], expected: .evictNow),
        DecisionCase(
            name: "finite toleration", pod: pod([F.testToleration(1, seconds: 100)]), taints: [F.testTaint(1)],
            expected: .evictAt(F.at(100))),
        DecisionCase(
            name: "infinite toleration", pod: pod([F.testToleration(1, seconds: nil)]), taints: [F.testTaint(1)],
            expected: .keep),
        DecisionCase(
            name: "toleration for another taint", pod: pod([F.testToleration(2, seconds: nil)]),
            taints: [F.testTaint(1)], expected: .evictNow),
        DecisionCase(
            name: "only one of two taints tolerated", pod: pod([F.testToleration(1, seconds: 100)]),
            taints: [F.testTaint(1), F.testTaint(2)], expected: .evictNow),
        DecisionCase(
            name: "evicted when the first toleration runs out",
            pod: pod([F.testToleration(1, seconds: 1), F.testToleration(2, seconds: 100)]),
            taints: [F.testTaint(1), F.testTaint(2)], expected: .evictAt(F.at(1))),
        DecisionCase(
            name: "infinitely tolerated taint plus a temporarily tolerated one",
            pod: pod([
                Toleration(key: "testTaint1", operator: .exists, effect: .noExecute),
                Toleration(key: "testTaint2", operator: .exists, effect: .noExecute, tolerationSeconds: 60),
            ]),
            taints: [F.testTaint(1), F.testTaint(2)], expected: .evictAt(F.at(60))),
        DecisionCase(
            name: "zero tolerationSeconds", pod: pod([F.testToleration(1, seconds: 0)]), taints: [F.testTaint(1)],
            expected: .evictNow),
        DecisionCase(
            name: "negative tolerationSeconds", pod: pod([F.testToleration(1, seconds: -1)]),
            taints: [F.testTaint(1)], expected: .evictNow),
        DecisionCase(
            name: "toleration already used up", pod: pod([F.testToleration(1, seconds: 100)]),
            taints: [F.testTaint(1, added: F.at(-100))], expected: .evictNow),
        DecisionCase(
            name: "toleration with one second left", pod: pod([F.testToleration(1, seconds: 100)]),
            taints: [F.testTaint(1, added: F.at(-99))], expected: .evictAt(F.at(1))),
        DecisionCase(
            name: "taint without timeAdded counts from the first observation",
            pod: pod([F.testToleration(1, seconds: 100)]), taints: [F.testTaint(1, added: nil)],
            observedSince: F.at(-30), expected: .evictAt(F.at(70))),
        DecisionCase(
            name: "taint without timeAdded, first seen now",
            pod: pod([F.testToleration(1, seconds: 100)]), taints: [F.testTaint(1, added: nil)],
            expected: .evictAt(F.at(100))),
        DecisionCase(
            name: "pod created after the taint gets its whole toleration",
            pod: pod([F.testToleration(1, seconds: 100)], created: F.at(-10)),
            taints: [F.testTaint(1, added: F.at(-3600))], expected: .evictAt(F.at(90))),
        DecisionCase(
            name: "each taint runs its own clock",
            pod: pod([F.testToleration(1, seconds: 300), F.testToleration(2, seconds: 60)]),
            taints: [F.testTaint(1, added: F.at(-200)), F.testTaint(2, added: F.at(-10))],
            expected: .evictAt(F.at(50))),
        DecisionCase(
            name: "default tolerations on a not-ready node",
            pod: pod([.defaultNotReady(), .defaultUnreachable()]), taints: [.notReady(timeAdded: F.now)],
            expected: .evictAt(F.at(300))),
        DecisionCase(
            name: "default tolerations do not cover other NoExecute taints",
            pod: pod([.defaultNotReady(), .defaultUnreachable()]),
            taints: [.unreachable(timeAdded: F.now), Taint(key: "maintenance", effect: .noExecute)],
            expected: .evictNow),
    ]

    @Test(arguments: decisionCases)
    func decisionForPodOnTaintedNode(_ testCase: DecisionCase) {
        let decision = TaintEviction.decision(
            for: testCase.pod, nodeTaints: testCase.taints, now: testCase.now, observedSince: testCase.observedSince)
        #expect(decision == testCase.expected)
    }

    /// 299 s, 300 s and 301 s after the node controller's taint.
    @Test(arguments: [(Int64(299), false), (300, true), (301, true)])
    func defaultTolerationsEvictExactlyThreeHundredSecondsAfterTheUnreachableTaint(elapsed: Int64, evict: Bool) {
        // The node goes silent; the monitor marks it Unknown and taints it at `taintedAt`.
        let node = F.node("node1", conditions: [F.ready("True", heartbeat: F.now)])
        var monitor = NodeLifecycleMonitor()
        _ = monitor.monitor(node, lease: nil, now: F.now)
        let taintedAt = F.at(41)
        let update = monitor.monitor(node, lease: nil, now: taintedAt)
        let tainted = update.applied(to: node)
        let taints = NodeLifecycle.taints(of: tainted)
        #expect(taints.contains(.unreachable(timeAdded: taintedAt)))

        let pod = F.pod(tolerations: [.defaultNotReady(), .defaultUnreachable()])
        #expect(TaintEviction.decision(for: pod, nodeTaints: taints, now: taintedAt) == .evictAt(F.at(341)))
        let decision = TaintEviction.decision(for: pod, nodeTaints: taints, now: taintedAt.adding(.seconds(elapsed)))
        #expect(decision == (evict ? .evictNow : .evictAt(F.at(341))))
    }

    // MARK: The delete

    @Test func disruptionTargetConditionIsTheTaintManagers() {
        #expect(
            TaintEviction.disruptionTargetCondition(now: F.now).serializedString
                == #"{"type":"DisruptionTarget","status":"True","lastProbeTime":null,"lastTransitionTime":"2015-01-01T12:00:00Z","reason":"DeletionByTaintManager","message":"Taint manager: deleting due to NoExecute taint"}"#
        )
    }

    @Test func markingDisruptionTargetAddsTheConditionOnce() throws {
        let ready = F.podCondition("Ready", "True", transition: F.at(-600))
        let pod = F.pod(conditions: [ready])
        let marked = try #require(TaintEviction.markingDisruptionTarget(pod, now: F.now))
        #expect(
            NodeLifecycle.conditions(of: marked.object) == [ready, TaintEviction.disruptionTargetCondition(now: F.now)])
        #expect(TaintEviction.markingDisruptionTarget(marked, now: F.at(5)) == nil)
        let changed = NodeLifecycle.changedConditions(from: pod, to: marked)
        #expect(
            NodeLifecycle.podStatusPatch(uid: "uid-1", conditions: changed)
                == [
                    "metadata": ["uid": "uid-1"],
                    "status": ["conditions": [TaintEviction.disruptionTargetCondition(now: F.now)]],
                ])
    }
}
