import HollowModel
import Testing

@testable import HollowControllers

/// `needsRemediation`, re-expressed from the machine-api-operator's `TestNeedsRemediation`/`TestHealthCheckTargets`
/// and Cluster API's `TestHealthCheckTargets` as cases of our own.
@Suite("MachineHealthCheck verdicts")
struct MachineHealthVerdictTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var machine: Machine
        var node: MachineHealthTarget.NodeState
        var conditions = MHCFixtures.readyConditions
        var nodeStartupTimeout: Duration = .seconds(600)
        var expected: MachineHealthVerdict
        var testDescription: String { name }
    }

    static let margin = MachineHealth.recheckMargin

    static let cases: [Case] = [
        Case(
            name: "a node Ready for a day is healthy with nothing to recheck",
            machine: MHCFixtures.machine("m", nodeRef: "n"), node: .present(MHCFixtures.readyNode("n")),
            expected: .healthy(recheckAfter: nil)),
        Case(
            name: "a nodeRef to a node that is gone is unhealthy at once",
            machine: MHCFixtures.machine("m", nodeRef: "n"), node: .missing(name: "n"),
            expected: .unhealthy(.nodeDeleted(node: "n"))),
        Case(
            name: "no node 10m1s after the last status update is past a 10m startup timeout",
            machine: MHCFixtures.machine("m", lastUpdated: MHCFixtures.ago(.seconds(601))), node: .notLinked,
            expected: .unhealthy(.nodeStartupTimeout(.seconds(600)))),
        Case(
            name: "no node for long but the startup timeout is 0 (disabled): healthy",
            machine: MHCFixtures.machine("m", lastUpdated: MHCFixtures.ago(.seconds(3600))), node: .notLinked,
            nodeStartupTimeout: .zero, expected: .healthy(recheckAfter: nil)),
        Case(
            name: "no node 9 minutes after the last status update: rechecked when the 10m run out",
            machine: MHCFixtures.machine("m", lastUpdated: MHCFixtures.ago(.seconds(540))), node: .notLinked,
            expected: .healthy(recheckAfter: .seconds(60) + margin)),
        Case(
            name: "no status update yet: the startup timeout counts from creation",
            machine: MHCFixtures.machine("m", phase: nil, created: MHCFixtures.ago(.seconds(300))),
            node: .notLinked, expected: .healthy(recheckAfter: .seconds(300) + margin)),
        Case(
            name: "neither status update nor creation time: rechecked after the whole startup timeout",
            machine: MHCFixtures.machine("m", phase: nil, created: nil), node: .notLinked,
            expected: .healthy(recheckAfter: .seconds(600))),
        Case(
            name: "NotReady for 400s with a 300s timeout is unhealthy",
            machine: MHCFixtures.machine("m", nodeRef: "n"),
            node: .present(MHCFixtures.notReadyNode("n", for: .seconds(400))),
            expected: .unhealthy(.nodeCondition(MHCFixtures.readyConditions[1]))),
        Case(
            name: "Unknown for 400s names the Unknown condition",
            machine: MHCFixtures.machine("m", nodeRef: "n"),
            node: .present(MHCFixtures.notReadyNode("n", for: .seconds(400), status: "Unknown")),
            expected: .unhealthy(.nodeCondition(MHCFixtures.readyConditions[0]))),
        Case(
            name: "NotReady for 200s of 300s: healthy, rechecked when the 100s left run out",
            machine: MHCFixtures.machine("m", nodeRef: "n"),
            node: .present(MHCFixtures.notReadyNode("n", for: .seconds(200))),
            expected: .healthy(recheckAfter: .seconds(100) + margin)),
        Case(
            name: "a timeout that runs out exactly now has not passed yet (strictly before now)",
            machine: MHCFixtures.machine("m", nodeRef: "n"),
            node: .present(MHCFixtures.notReadyNode("n", for: .seconds(300))),
            expected: .healthy(recheckAfter: margin)),
        Case(
            name: "a Failed machine is unhealthy at once, even with no node",
            machine: MHCFixtures.machine("m", phase: .failed), node: .notLinked,
            expected: .unhealthy(.machineFailed)),
        Case(
            name: "a Failed machine is unhealthy even with a Ready node",
            machine: MHCFixtures.machine("m", nodeRef: "n", phase: .failed),
            node: .present(MHCFixtures.readyNode("n")), expected: .unhealthy(.machineFailed)),
        Case(
            name: "of two running timeouts the earlier one sets the recheck",
            machine: MHCFixtures.machine("m", nodeRef: "n"),
            node: .present(
                MHCFixtures.node("n", [("Ready", "False", .seconds(10)), ("DiskPressure", "True", .seconds(50))])),
            conditions: [
                UnhealthyCondition(type: "Ready", status: "False", timeout: .seconds(300)),
                UnhealthyCondition(type: "DiskPressure", status: "True", timeout: .seconds(60)),
            ],
            expected: .healthy(recheckAfter: .seconds(10) + margin)),
        Case(
            name: "a condition outside the list does not count",
            machine: MHCFixtures.machine("m", nodeRef: "n"),
            node: .present(MHCFixtures.node("n", [("Ready", "True", .seconds(10)), ("PIDPressure", "True", .seconds(900))])),
            expected: .healthy(recheckAfter: nil)),
        Case(
            name: "a custom condition past its timeout is unhealthy",
            machine: MHCFixtures.machine("m", nodeRef: "n"),
            node: .present(MHCFixtures.node("n", [("Ready", "True", .seconds(900)), ("NetworkUnavailable", "True", .seconds(6))])),
            conditions: [UnhealthyCondition(type: "NetworkUnavailable", status: "True", timeout: .seconds(5))],
            expected: .unhealthy(.nodeCondition(UnhealthyCondition(type: "NetworkUnavailable", status: "True", timeout: .seconds(5))))),
        Case(
            name: "an unhealthy condition without lastTransitionTime counts as held forever",
            machine: MHCFixtures.machine("m", nodeRef: "n"),
            node: .present(MHCFixtures.node("n", [("Ready", "False", nil)])),
            expected: .unhealthy(.nodeCondition(MHCFixtures.readyConditions[1]))),
        Case(
            name: "with no conditions to check, a NotReady node is healthy",
            machine: MHCFixtures.machine("m", nodeRef: "n"),
            node: .present(MHCFixtures.notReadyNode("n", for: .seconds(9000))), conditions: [],
            expected: .healthy(recheckAfter: nil)),
        Case(
            name: "with no conditions to check, a missing node is still unhealthy",
            machine: MHCFixtures.machine("m", nodeRef: "n"), node: .missing(name: "n"), conditions: [],
            expected: .unhealthy(.nodeDeleted(node: "n"))),
    ]

    @Test(arguments: cases)
    func verdict(_ testCase: Case) {
        let verdict = MachineHealth.verdict(
            of: MachineHealthTarget(machine: testCase.machine, node: testCase.node), conditions: testCase.conditions,
            nodeStartupTimeout: testCase.nodeStartupTimeout, now: MHCFixtures.now)
        #expect(verdict == testCase.expected)
    }

    @Test func reasonsSayWhatHappened() {
        #expect(MachineUnhealthyReason.machineFailed.description == "machine phase is Failed")
        #expect(MachineUnhealthyReason.nodeDeleted(node: "n1").description == "node n1 has been deleted")
        #expect(
            MachineUnhealthyReason.nodeStartupTimeout(.seconds(600)).description
                == "node failed to report startup in 10m0s")
        #expect(
            MachineUnhealthyReason.nodeCondition(MHCFixtures.readyConditions[1]).description
                == "condition Ready is False for longer than 5m0s")
    }
}
