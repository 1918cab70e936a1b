import HollowModel
import Testing

@testable import HollowControllers

/// The short-circuit, the counts and who is remediated, re-expressed from the machine-api-operator's
/// `TestReconcile`, `TestIsAllowedRemediation`, `TestGetMaxUnhealthy`, `TestReconcileStatus` and
/// `TestHealthCheckTargets`.
@Suite("MachineHealthCheck plans")
struct MachineHealthCheckPlanTests {
    static func plan(
        _ targets: [MachineHealthTarget], maxUnhealthy: JSON? = nil, nodeStartupTimeout: String? = nil
    ) throws -> MachineHealthCheckPlan {
        let settings = try MachineHealthCheckSettings(
            MHCFixtures.healthCheck(maxUnhealthy: maxUnhealthy, nodeStartupTimeout: nodeStartupTimeout))
        return MachineHealthCheckSync.plan(
            targets: targets, settings: settings, conditions: try settings.effectiveConditions(override: nil),
            now: MHCFixtures.now)
    }

    static func healthy(_ name: String) -> MachineHealthTarget {
        MachineHealthTarget(
            machine: MHCFixtures.machine(name, nodeRef: "\(name)-node"), node: .present(MHCFixtures.readyNode("\(name)-node")))
    }

    static func unhealthy(_ name: String, owned: Bool = true, deleting: Bool = false) -> MachineHealthTarget {
        MachineHealthTarget(
            machine: MHCFixtures.machine(name, nodeRef: "\(name)-node", owned: owned, deleting: deleting),
            node: .present(MHCFixtures.notReadyNode("\(name)-node", for: .seconds(400))))
    }

    static func recentlyUnhealthy(_ name: String) -> MachineHealthTarget {
        MachineHealthTarget(
            machine: MHCFixtures.machine(name, nodeRef: "\(name)-node"),
            node: .present(MHCFixtures.notReadyNode("\(name)-node", for: .seconds(200))))
    }

    @Test func anUnhealthyOwnedMachineIsRemediated() throws {
        let plan = try Self.plan([Self.unhealthy("a")])
        #expect(plan.expectedMachines == 1)
        #expect(plan.currentHealthy == 0)
        #expect(plan.remediationAllowed)
        #expect(plan.remediationsAllowed == 0)
        #expect(plan.remediate.map(\.target.machine.name) == ["a"])
        #expect(plan.remediate.first?.reason == .nodeCondition(MHCFixtures.readyConditions[1]))
        #expect(plan.requeueAfter == nil)
    }

    @Test func aHealthyMachineCountsAndLeavesOneRemediation() throws {
        let plan = try Self.plan([Self.healthy("a")])
        #expect((plan.expectedMachines, plan.currentHealthy, plan.remediationsAllowed) == (1, 1, 1))
        #expect(plan.remediate.isEmpty && plan.detectedUnhealthy.isEmpty)
    }

    @Test func aMachineLikelyToGoUnhealthyIsNotCurrentlyHealthyAndRequeues() throws {
        let plan = try Self.plan([Self.recentlyUnhealthy("a")])
        #expect((plan.expectedMachines, plan.currentHealthy, plan.remediationsAllowed) == (1, 0, 0))
        #expect(plan.detectedUnhealthy.map(\.machine.name) == ["a"])
        #expect(plan.requeueAfter == .seconds(100) + MachineHealth.recheckMargin)
        #expect(plan.remediate.isEmpty)
    }

    @Test func aMachineWithoutControllerIsSkipped() throws {
        let plan = try Self.plan([Self.unhealthy("a", owned: false)])
        #expect(plan.remediate.isEmpty)
        #expect(plan.skippedNoController.map(\.target.machine.name) == ["a"])
    }

    @Test func aMachineWithoutNodeRefWaitsForTheStartupTimeout() throws {
        let target = MachineHealthTarget(
            machine: MHCFixtures.machine("a", lastUpdated: MHCFixtures.ago(.zero)), node: .notLinked)
        let plan = try Self.plan([target], nodeStartupTimeout: "15m")
        #expect((plan.expectedMachines, plan.currentHealthy) == (1, 0))
        #expect(plan.requeueAfter == .seconds(900) + MachineHealth.recheckMargin)
        #expect(plan.detectedUnhealthy.count == 1)
    }

    @Test func aMachineWithoutNodeIsNeverCurrentlyHealthyEvenWithTheStartupTimeoutDisabled() throws {
        let plan = try Self.plan([MachineHealthTarget(machine: MHCFixtures.machine("a"), node: .notLinked)], nodeStartupTimeout: "0")
        #expect((plan.expectedMachines, plan.currentHealthy, plan.remediationsAllowed) == (1, 0, 0))
        #expect(plan.requeueAfter == nil && plan.detectedUnhealthy.isEmpty && plan.remediate.isEmpty)
    }

    @Test func aMachineBeingDeletedIsNeitherHealthyNorDeletedAgain() throws {
        let plan = try Self.plan([Self.unhealthy("a", deleting: true)])
        #expect((plan.expectedMachines, plan.currentHealthy, plan.remediationsAllowed) == (1, 0, 0))
        #expect(plan.remediate.isEmpty && plan.skippedNoController.isEmpty)

        let healthyButDeleting = MachineHealthTarget(
            machine: MHCFixtures.machine("b", nodeRef: "b-node", deleting: true),
            node: .present(MHCFixtures.readyNode("b-node")))
        #expect(try Self.plan([healthyButDeleting]).currentHealthy == 0)
    }

    @Test func oneHealthyOneUnhealthyOneGone() throws {
        let gone = MachineHealthTarget(machine: MHCFixtures.machine("c", nodeRef: "c-node"), node: .missing(name: "c-node"))
        let plan = try Self.plan([Self.healthy("a"), Self.unhealthy("b"), gone])
        #expect((plan.expectedMachines, plan.currentHealthy, plan.unhealthy) == (3, 1, 2))
        #expect(plan.remediate.map(\.target.machine.name) == ["b", "c"])
        #expect(plan.remediate.last?.reason == .nodeDeleted(node: "c-node"))
    }

    @Test func twoRunningTimeoutsRequeueAtTheEarlier() throws {
        let notStarted = MachineHealthTarget(
            machine: MHCFixtures.machine("a", lastUpdated: MHCFixtures.ago(.seconds(540))), node: .notLinked)
        let plan = try Self.plan([notStarted, Self.recentlyUnhealthy("b")])
        #expect(plan.detectedUnhealthy.count == 2)
        #expect(plan.requeueAfter == .seconds(60) + MachineHealth.recheckMargin)
        #expect(plan.currentHealthy == 0)
    }

    struct ShortCircuit: CustomTestStringConvertible, Sendable {
        var name: String
        var maxUnhealthy: JSON?
        var healthy: Int
        var unhealthy: Int
        var allowed: Bool
        var remediationsAllowed: Int
        var testDescription: String { name }
    }

    static let shortCircuits: [ShortCircuit] = [
        ShortCircuit(name: "2 of 5 unhealthy with maxUnhealthy 2", maxUnhealthy: 2, healthy: 3, unhealthy: 2, allowed: true, remediationsAllowed: 0),
        ShortCircuit(name: "3 of 5 unhealthy with maxUnhealthy 2", maxUnhealthy: 2, healthy: 2, unhealthy: 3, allowed: false, remediationsAllowed: 0),
        ShortCircuit(name: "a negative maxUnhealthy allows none", maxUnhealthy: -2, healthy: 2, unhealthy: 3, allowed: false, remediationsAllowed: 0),
        ShortCircuit(name: "a negative maxUnhealthy with none unhealthy", maxUnhealthy: -1, healthy: 1, unhealthy: 0, allowed: true, remediationsAllowed: 0),
        ShortCircuit(name: "40% of 5 is 2: 2 unhealthy allowed", maxUnhealthy: "40%", healthy: 3, unhealthy: 2, allowed: true, remediationsAllowed: 0),
        ShortCircuit(name: "40% of 5 is 2: 3 unhealthy restricted", maxUnhealthy: "40%", healthy: 2, unhealthy: 3, allowed: false, remediationsAllowed: 0),
        ShortCircuit(name: "an integer in a string: \"2\" of 5", maxUnhealthy: "2", healthy: 3, unhealthy: 2, allowed: true, remediationsAllowed: 0),
        ShortCircuit(name: "an integer in a string: 3 over \"2\"", maxUnhealthy: "2", healthy: 2, unhealthy: 3, allowed: false, remediationsAllowed: 0),
        ShortCircuit(name: "40% of 10 with 7 healthy leaves 1", maxUnhealthy: "40%", healthy: 7, unhealthy: 3, allowed: true, remediationsAllowed: 1),
        ShortCircuit(name: "40% of 10 with 5 healthy is restricted", maxUnhealthy: "40%", healthy: 5, unhealthy: 5, allowed: false, remediationsAllowed: 0),
        ShortCircuit(name: "the default 100% of 10 with 5 healthy leaves 5", maxUnhealthy: nil, healthy: 5, unhealthy: 5, allowed: true, remediationsAllowed: 5),
        ShortCircuit(name: "no targets at all", maxUnhealthy: "40%", healthy: 0, unhealthy: 0, allowed: true, remediationsAllowed: 0),
        ShortCircuit(name: "maxUnhealthy 1 with 2 unhealthy", maxUnhealthy: 1, healthy: 1, unhealthy: 2, allowed: false, remediationsAllowed: 0),
    ]

    @Test(arguments: shortCircuits)
    func shortCircuit(_ testCase: ShortCircuit) throws {
        let targets = (0..<testCase.healthy).map { Self.healthy("h\($0)") }
            + (0..<testCase.unhealthy).map { Self.unhealthy("u\($0)") }
        let plan = try Self.plan(targets, maxUnhealthy: testCase.maxUnhealthy)
        #expect(plan.remediationAllowed == testCase.allowed)
        #expect(plan.remediationsAllowed == testCase.remediationsAllowed)
        #expect(plan.remediate.count == (testCase.allowed ? testCase.unhealthy : 0))
    }

    @Test(arguments: [
        (JSON.int(3), 2, 3), (.string("40%"), 5, 2), (.string("60%"), 7, 4), (.string("100%"), 7, 7),
        (.string("0%"), 7, 0), (.int(-1), 3, 0), (.string("30"), 2, 30),
    ])
    func maxUnhealthyRoundsPercentagesDown(_ value: JSON, _ expected: Int, _ resolved: Int) throws {
        #expect(try MaxUnhealthy(value).value(expectedMachines: expected) == resolved)
    }

    @Test(arguments: [JSON.string("abcdef"), .string("a%"), .string("1%0"), .string("foo%50"), .bool(true)])
    func badMaxUnhealthyIsRejected(_ value: JSON) {
        #expect(throws: MachineHealthCheckError.self) { try MaxUnhealthy(value) }
    }

    @Test func restrictedStatusCarriesTheOperatorsMessage() throws {
        let plan = try Self.plan([Self.unhealthy("a")], maxUnhealthy: -1)
        let status = MachineHealthCheckSync.status(plan, maxUnhealthy: .count(-1), previous: nil, now: MHCFixtures.now)
        #expect(status["expectedMachines"] == 1)
        #expect(status["currentHealthy"] == 0)
        #expect(status["remediationsAllowed"] == 0)
        let condition = try #require(status["conditions"]?.arrayValue?.first)
        #expect(condition["type"] == "RemediationAllowed")
        #expect(condition["status"] == "False")
        #expect(condition["severity"] == "Warning")
        #expect(condition["reason"] == "TooManyUnhealthy")
        #expect(
            condition["message"]
                == "Remediation is not allowed, the number of not started or unhealthy machines exceeds maxUnhealthy (total: 1, unhealthy: 1, maxUnhealthy: -1)"
        )
        #expect(condition["lastTransitionTime"] == .string(MHCFixtures.now.rfc3339))
    }

    @Test func theConditionKeepsItsTransitionTimeWhileItsStatusHolds() throws {
        let plan = try Self.plan([Self.healthy("a")])
        let earlier = MHCFixtures.ago(.seconds(60))
        let first = MachineHealthCheckSync.status(plan, maxUnhealthy: .percent(100), previous: nil, now: earlier)
        let firstCondition = try #require(first["conditions"]?.arrayValue?.first)
        #expect(firstCondition == ["type": "RemediationAllowed", "status": "True", "lastTransitionTime": .string(earlier.rfc3339)])
        let again = MachineHealthCheckSync.status(plan, maxUnhealthy: .percent(100), previous: first, now: MHCFixtures.now)
        #expect(again == first, "nothing changed, so nothing to write")

        let restricted = try Self.plan([Self.unhealthy("a"), Self.unhealthy("b")], maxUnhealthy: 1)
        let flipped = MachineHealthCheckSync.status(restricted, maxUnhealthy: .count(1), previous: first, now: MHCFixtures.now)
        #expect(flipped["conditions"]?.arrayValue?.count == 1)
        #expect(flipped["conditions"]?.arrayValue?.first?["lastTransitionTime"] == .string(MHCFixtures.now.rfc3339))
    }

    @Test func targetsAreTheSelectedMachinesOfTheChecksNamespace() throws {
        let settings = try MachineHealthCheckSettings(MHCFixtures.healthCheck())
        var elsewhere = MHCFixtures.machine("other-ns")
        elsewhere.metadata.namespace = "default"
        let machines = [
            MHCFixtures.machine("worker"), MHCFixtures.machine("infra", labels: ["role": "infra"]), elsewhere,
        ]
        let selected = MachineHealthCheckSync.selectedMachines(
            machines, namespace: MachineAPI.namespace, selector: settings.selector)
        #expect(selected.map(\.name) == ["worker"])
    }
}
