import HollowModel
import Testing

@testable import HollowControllers

/// nodelink's matching and node changes, re-expressed from the machine-api-operator's `nodelink_controller_test.go`
/// (TestFindMachineFromNodeByProviderID, …ByIP, TestFindNodeFromMachine…, TestNodeRequestFromMachine,
/// TestAddTaintsToNode).
@Suite struct NodeLinkTests {
    typealias F = MachineControllerFixtures

    static let providerIDCases: [(String?, String?)] = [
        (nil, nil),
        ("", nil),
        ("  ", nil),
        ("kubemark://worker-1", "kubemark://worker-1"),
        ("aws:///us-east-1a/i-0abc", "aws://i-0abc"),
        ("AWS://i-0abc", "aws://i-0abc"),
        (" kubemark://worker-1 ", "kubemark://worker-1"),
        ("azure:///subscriptions/s/resourceGroups/g/providers/Microsoft.Compute/virtualMachines/vm-1", "azure://vm-1"),
        ("test", "test"),
        ("aws:///", nil),
    ]

    @Test(arguments: providerIDCases)
    func normalizedProviderID(raw: String?, normalized: String?) {
        #expect(NodeLink.normalizedProviderID(raw) == normalized)
    }

    struct MatchCase: Sendable, CustomTestStringConvertible {
        var name: String
        var machines: [Machine]
        var node: Node
        var expected: String?
        var ambiguous = false
        var testDescription: String { name }
    }

    static let matchCases: [MatchCase] = [
        MatchCase(
            name: "neither has a providerID or an address", machines: [F.machine("m")], node: F.node("n"),
            expected: nil),
        MatchCase(
            name: "matching providerID", machines: [F.machine("m", providerID: "test")],
            node: F.node("n", providerID: "test"), expected: "m"),
        MatchCase(
            name: "different providerIDs", machines: [F.machine("m", providerID: "providerID")],
            node: F.node("n", providerID: "differentProviderID"), expected: nil),
        MatchCase(
            name: "providerIDs spelled differently for one instance",
            machines: [F.machine("m", providerID: "aws:///us-east-1a/i-1")],
            node: F.node("n", providerID: "aws://i-1"), expected: "m"),
        MatchCase(
            name: "no providerID on the node: matching InternalIP",
            machines: [F.machine("m", internalIP: "10.0.0.1")], node: F.node("n", internalIP: "10.0.0.1"),
            expected: "m"),
        MatchCase(
            name: "providerIDs differ but the InternalIP matches",
            machines: [F.machine("m", providerID: "one", internalIP: "10.0.0.1")],
            node: F.node("n", providerID: "other", internalIP: "10.0.0.1"), expected: "m"),
        MatchCase(
            name: "InternalIPs differ", machines: [F.machine("m", internalIP: "one IP")],
            node: F.node("n", internalIP: "a different IP"), expected: nil),
        MatchCase(
            name: "neither providerID nor InternalIP match",
            machines: [F.machine("m", providerID: "one providerID", internalIP: "one IP")],
            node: F.node("n", providerID: "different providerID", internalIP: "different IP"), expected: nil),
        MatchCase(
            name: "providerID wins over another Machine's InternalIP",
            machines: [F.machine("by-ip", internalIP: "10.0.0.1"), F.machine("by-id", providerID: "kubemark://n")],
            node: F.node("n", providerID: "kubemark://n", internalIP: "10.0.0.1"), expected: "by-id"),
        MatchCase(
            name: "two Machines claim one providerID",
            machines: [F.machine("a", providerID: "kubemark://n"), F.machine("b", providerID: "kubemark://n")],
            node: F.node("n", providerID: "kubemark://n"), expected: nil, ambiguous: true),
    ]

    @Test(arguments: matchCases)
    func machineForNode(_ testCase: MatchCase) {
        let match = NodeLink.machine(for: testCase.node, in: testCase.machines)
        #expect(match.object?.name == testCase.expected)
        if testCase.ambiguous {
            #expect(match == .ambiguous(["default/a", "default/b"]))
        }
    }

    /// The other direction (`nodeRequestFromMachine`): the same pairs, looked up from the Machine.
    @Test(arguments: matchCases.filter { $0.machines.count == 1 })
    func nodeForMachine(_ testCase: MatchCase) {
        let match = NodeLink.node(for: testCase.machines[0], in: [testCase.node, F.node("unrelated")])
        #expect(match.object?.name == (testCase.expected == nil ? nil : testCase.node.name))
    }

    static let taintCases: [(String, [JSON], [JSON], [JSON])] = [
        ("no taints on either side", [], [], []),
        ("the Machine adds one", [], [F.taint("dedicated", "some-value", "NoSchedule")],
         [F.taint("dedicated", "some-value", "NoSchedule")]),
        ("the node keeps its own and gains the Machine's",
         [F.taint("key1", "some-value", "Schedule")], [F.taint("dedicated", "some-value", "NoSchedule")],
         [F.taint("key1", "some-value", "Schedule"), F.taint("dedicated", "some-value", "NoSchedule")]),
        ("same key and effect: the node's value stays",
         [F.taint("key1", "v1", "Schedule")], [F.taint("key1", "v2", "Schedule")], [F.taint("key1", "v1", "Schedule")]),
        ("same key, other effect: both",
         [F.taint("key1", "v1", "NoSchedule")], [F.taint("key1", "v1", "NoExecute")],
         [F.taint("key1", "v1", "NoSchedule"), F.taint("key1", "v1", "NoExecute")]),
    ]

    @Test(arguments: taintCases)
    func taintsAreAdded(name: String, nodeTaints: [JSON], machineTaints: [JSON], expected: [JSON]) {
        #expect(NodeLink.addingTaints(machineTaints, to: nodeTaints) == expected)
    }

    @Test func theLinkedNodeCarriesTheAnnotationLabelsAndTaints() {
        let machine = F.machine(
            "worker-a", providerID: "kubemark://worker-a", labelsForNode: ["node-role.kubernetes.io/worker": "", "tier": "gold"],
            taints: [F.taint("dedicated", "batch", "NoSchedule")])
        let node = F.node("worker-a", providerID: "kubemark://worker-a", labels: ["kubernetes.io/hostname": "worker-a", "tier": "silver"])
        let linked = NodeLink.linked(node, to: machine)
        #expect(linked.metadata.annotations["machine.openshift.io/machine"] == "default/worker-a")
        #expect(
            linked.metadata.labels == [
                "kubernetes.io/hostname": "worker-a", "tier": "gold", "node-role.kubernetes.io/worker": "",
            ])
        #expect(linked.object[path: ["spec", "taints"]] == [F.taint("dedicated", "batch", "NoSchedule")])
        // Linking again changes nothing.
        #expect(NodeLink.linked(linked, to: machine) == linked)
    }

    @Test func theNodeRefNamesKindNameAndUID() {
        #expect(NodeLink.nodeRef(to: F.node("worker-a")) == ["kind": "Node", "name": "worker-a", "uid": "uid-worker-a"])
    }
}
