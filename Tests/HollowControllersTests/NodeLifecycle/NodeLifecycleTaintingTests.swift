import HollowModel
import Testing

@testable import HollowControllers

/// doNoScheduleTaintingPass and processTaintBaseEviction as one function of a node's conditions and taints.
@Suite struct NodeLifecycleTaintingTests {
    typealias F = NodeLifecycleFixtures
    typealias Taint = NodeLifecycle.Taint

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let node: Node
        /// `nil`: the taints are already right.
        let expected: [Taint]?
        var testDescription: String { name }
    }

    static let earlier = F.at(-600)
    static func noSchedule(_ key: String, _ added: Timestamp? = F.now) -> Taint {
        Taint(key: key, effect: .noSchedule, timeAdded: added)
    }
    static func condition(_ type: String, _ status: String) -> JSON {
        F.condition(type, status, heartbeat: F.now, transition: F.now)
    }
    static let readyTrue = F.ready("True", heartbeat: F.now)

    static let cases: [Case] = [
        Case(name: "healthy node needs no taints", node: F.node(conditions: [readyTrue]), expected: nil),
        Case(
            name: "Ready False: not-ready NoSchedule and NoExecute",
            node: F.node(conditions: [F.ready("False", heartbeat: F.now)]),
            expected: [noSchedule(NodeLifecycle.notReadyTaintKey), .notReady(timeAdded: F.now)]),
        Case(
            name: "Ready Unknown: unreachable NoSchedule and NoExecute",
            node: F.node(conditions: [condition("Ready", "Unknown")]),
            expected: [noSchedule(NodeLifecycle.unreachableTaintKey), .unreachable(timeAdded: F.now)]),
        Case(
            name: "memory pressure",
            node: F.node(conditions: [readyTrue, condition("MemoryPressure", "True")]),
            expected: [noSchedule(NodeLifecycle.memoryPressureTaintKey)]),
        Case(
            name: "disk pressure",
            node: F.node(conditions: [readyTrue, condition("DiskPressure", "True")]),
            expected: [noSchedule(NodeLifecycle.diskPressureTaintKey)]),
        Case(
            name: "PID pressure",
            node: F.node(conditions: [readyTrue, condition("PIDPressure", "True")]),
            expected: [noSchedule(NodeLifecycle.pidPressureTaintKey)]),
        Case(
            name: "network unavailable",
            node: F.node(conditions: [readyTrue, condition("NetworkUnavailable", "True")]),
            expected: [noSchedule(NodeLifecycle.networkUnavailableTaintKey)]),
        Case(
            name: "pressure conditions False or Unknown call for nothing",
            node: F.node(conditions: [
                readyTrue, condition("MemoryPressure", "False"), condition("DiskPressure", "Unknown"),
                condition("PIDPressure", "False"), condition("NetworkUnavailable", "False"),
            ]),
            expected: nil),
        Case(
            name: "cordoned node",
            node: F.node(conditions: [readyTrue], unschedulable: true),
            expected: [noSchedule(NodeLifecycle.unschedulableTaintKey)]),
        Case(
            name: "uncordoned node loses the unschedulable taint",
            node: F.node(conditions: [readyTrue], taints: [noSchedule(NodeLifecycle.unschedulableTaintKey, earlier)]),
            expected: []),
        Case(
            name: "taints already present keep their timeAdded",
            node: F.node(
                conditions: [F.ready("False", heartbeat: F.now), condition("DiskPressure", "True")],
                taints: [noSchedule(NodeLifecycle.notReadyTaintKey, earlier), .notReady(timeAdded: earlier)]),
            expected: [
                noSchedule(NodeLifecycle.notReadyTaintKey, earlier), .notReady(timeAdded: earlier),
                noSchedule(NodeLifecycle.diskPressureTaintKey),
            ]),
        Case(
            name: "pressure gone: its taint is removed",
            node: F.node(
                conditions: [readyTrue, condition("MemoryPressure", "False")],
                taints: [noSchedule(NodeLifecycle.memoryPressureTaintKey, earlier)]),
            expected: []),
        Case(
            name: "Ready False to Unknown swaps both taints",
            node: F.node(
                conditions: [condition("Ready", "Unknown")],
                taints: [noSchedule(NodeLifecycle.notReadyTaintKey, earlier), .notReady(timeAdded: earlier)]),
            expected: [noSchedule(NodeLifecycle.unreachableTaintKey), .unreachable(timeAdded: F.now)]),
        Case(
            name: "Ready Unknown to False swaps both taints",
            node: F.node(
                conditions: [F.ready("False", heartbeat: F.now)],
                taints: [noSchedule(NodeLifecycle.unreachableTaintKey, earlier), .unreachable(timeAdded: earlier)]),
            expected: [noSchedule(NodeLifecycle.notReadyTaintKey), .notReady(timeAdded: F.now)]),
        Case(
            name: "Ready True removes the controller's taints and leaves the user's",
            node: F.node(
                conditions: [readyTrue],
                taints: [
                    Taint(key: "dedicated", value: "gpu", effect: .noExecute),
                    noSchedule(NodeLifecycle.unreachableTaintKey, earlier), .unreachable(timeAdded: earlier),
                    Taint(key: NodeLifecycle.memoryPressureTaintKey, effect: .preferNoSchedule),
                ]),
            expected: [
                Taint(key: "dedicated", value: "gpu", effect: .noExecute),
                Taint(key: NodeLifecycle.memoryPressureTaintKey, effect: .preferNoSchedule),
            ]),
        Case(
            name: "no Ready condition: NoExecute taints are left as they are",
            node: F.node(taints: [.notReady(timeAdded: earlier)]),
            expected: nil),
        Case(
            name: "no Ready condition and no taints: nothing",
            node: F.node(created: F.now),
            expected: nil),
    ]

    @Test(arguments: cases)
    func taintsFollowConditions(_ testCase: Case) {
        #expect(NodeLifecycle.reconciledTaints(for: testCase.node, now: F.now) == testCase.expected)
    }

    @Test(arguments: cases)
    func reconcilingTheResultAgainChangesNothing(_ testCase: Case) {
        guard let taints = NodeLifecycle.reconciledTaints(for: testCase.node, now: F.now) else { return }
        let tainted = NodeLifecycle.settingTaints(taints, on: testCase.node)
        #expect(NodeLifecycle.reconciledTaints(for: tainted, now: F.at(5)) == nil)
    }

    @Test func taintJSONIsGoShaped() throws {
        let taint = Taint(key: "k", value: "v", effect: .noExecute, timeAdded: F.now)
        #expect(
            taint.json.serializedString
                == #"{"key":"k","value":"v","effect":"NoExecute","timeAdded":"2015-01-01T12:00:00Z"}"#)
        #expect(Taint(taint.json) == taint)
        #expect(Taint(key: "k", effect: .noSchedule).json.serializedString == #"{"key":"k","effect":"NoSchedule"}"#)
        #expect(taint.description == "k=v:NoExecute")
        #expect(
            NodeLifecycle.taintsPatch([], resourceVersion: "9").serializedString
                == #"{"metadata":{"resourceVersion":"9"},"spec":{"taints":null}}"#)
    }

    @Test func removingTheLastTaintDropsTheField() {
        let node = NodeLifecycle.settingTaints([], on: F.node(taints: [.notReady()]))
        #expect(node.object[path: ["spec", "taints"]] == nil)
    }
}
