import HollowModel
import Testing

@testable import HollowControllers

/// MarkPodsNotReady and UpdatePodCondition on pod JSON.
@Suite struct NodeLifecyclePodTests {
    typealias F = NodeLifecycleFixtures

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let pod: Pod
        /// The pod's conditions after marking; `nil`: nothing to write.
        let expected: [JSON]?
        var testDescription: String { name }
    }

    static let scheduled = F.podCondition("PodScheduled", "True", transition: F.at(-900))
    static let readyTrue = F.podCondition("Ready", "True", transition: F.at(-600))

    static let cases: [Case] = [
        Case(
            name: "Ready True becomes False with a new transition time, other conditions kept",
            pod: F.pod(node: "node0", conditions: [scheduled, readyTrue]),
            expected: [scheduled, F.podCondition("Ready", "False", transition: F.now)]),
        Case(
            name: "reason and message of the kubelet's condition are kept",
            pod: F.pod(
                node: "node0",
                conditions: [F.podCondition("Ready", "Unknown", transition: F.at(-600), reason: "ContainersNotReady")]),
            expected: [F.podCondition("Ready", "False", transition: F.now, reason: "ContainersNotReady")]),
        Case(
            name: "already not ready",
            pod: F.pod(node: "node0", conditions: [F.podCondition("Ready", "False", transition: F.at(-600))]),
            expected: nil),
        Case(name: "no Ready condition", pod: F.pod(node: "node0", conditions: [scheduled]), expected: nil),
        Case(name: "pod on another node", pod: F.pod(node: "node1", conditions: [readyTrue]), expected: nil),
    ]

    @Test(arguments: cases)
    func markingPodNotReady(_ testCase: Case) {
        let marked = NodeLifecycle.markingPodNotReady(testCase.pod, nodeName: "node0", now: F.now)
        #expect(marked.map { NodeLifecycle.conditions(of: $0.object) } == testCase.expected)
        if let marked {
            #expect(marked.object["spec"] == testCase.pod.object["spec"])
            #expect(NodeLifecycle.markingPodNotReady(marked, nodeName: "node0", now: F.at(5)) == nil)
        }
    }

    @Test func podsAreMarkedOnlyOnNodesWhoseReadyIsNotTrue() {
        #expect(!NodeLifecycle.shouldMarkPodsNotReady(on: F.node()))
        #expect(!NodeLifecycle.shouldMarkPodsNotReady(on: F.node(conditions: [F.ready("True", heartbeat: F.now)])))
        #expect(NodeLifecycle.shouldMarkPodsNotReady(on: F.node(conditions: [F.ready("False", heartbeat: F.now)])))
        #expect(
            NodeLifecycle.shouldMarkPodsNotReady(
                on: F.node(conditions: [F.unknown("Ready", heartbeat: F.now, transition: F.now)])))
    }

    struct UpdateCase: Sendable, CustomTestStringConvertible {
        let name: String
        let condition: JSON
        /// `nil`: unchanged.
        let expected: [JSON]?
        var testDescription: String { name }
    }

    static let updateCases: [UpdateCase] = [
        UpdateCase(
            name: "new condition is appended with transition now",
            condition: F.podCondition("DisruptionTarget", "True", transition: F.at(-1)),
            expected: [scheduled, readyTrue, F.podCondition("DisruptionTarget", "True", transition: F.now)]),
        UpdateCase(
            name: "same status keeps the old transition time",
            condition: F.podCondition("Ready", "True", transition: F.at(-1), reason: "Again"),
            expected: [scheduled, F.podCondition("Ready", "True", transition: F.at(-600), reason: "Again")]),
        UpdateCase(
            name: "identical condition is no change",
            condition: F.podCondition("Ready", "True", transition: F.at(-1)),
            expected: nil),
        UpdateCase(
            name: "status change takes transition now",
            condition: F.podCondition("Ready", "False", transition: F.at(-1)),
            expected: [scheduled, F.podCondition("Ready", "False", transition: F.now)]),
    ]

    @Test(arguments: updateCases)
    func updatePodConditionAsKubeDoes(_ testCase: UpdateCase) {
        #expect(
            Pod.updatingCondition(testCase.condition, in: [Self.scheduled, Self.readyTrue], now: F.now)
                == testCase.expected)
    }
}
