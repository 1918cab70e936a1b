import HollowModel
import Testing

@testable import HollowControllers

/// cluster-autoscaler's node group bounds, with cases re-expressed from its clusterapi provider's annotation tests
/// (`TestUtilParseScalingBounds`), and the MachineSet plan keeping its Machines within them.
@Suite("MachineSet cluster-autoscaler bounds")
struct MachineSetAutoscalerBoundsTests {
    typealias F = MachineFixtures
    typealias Bounds = MachineSetAutoscalerBounds

    struct Case: Sendable, CustomTestStringConvertible {
        var testDescription: String
        var min: String?
        var max: String?
        var expected: Result<Bounds?, MachineSetAutoscalerBoundsError>
    }

    static let cases: [Case] = [
        Case(testDescription: "no annotations: not a node group", min: nil, max: nil, expected: .success(nil)),
        Case(testDescription: "min only: max reads 0, not a node group", min: "0", max: nil, expected: .success(nil)),
        Case(testDescription: "both 0: not a node group", min: "0", max: "0", expected: .success(nil)),
        Case(testDescription: "max only: min reads 0", min: nil, max: "6", expected: .success(Bounds(minSize: 0, maxSize: 6))),
        Case(testDescription: "min 1, max 10", min: "1", max: "10", expected: .success(Bounds(minSize: 1, maxSize: 10))),
        Case(testDescription: "min equals max", min: "3", max: "3", expected: .success(Bounds(minSize: 3, maxSize: 3))),
        Case(
            testDescription: "negative min", min: "-1", max: "0",
            expected: .failure(.notANonNegativeInteger(annotation: Bounds.minSizeAnnotation, value: "-1"))),
        Case(
            testDescription: "min not an integer", min: "not-an-int", max: "0",
            expected: .failure(.notANonNegativeInteger(annotation: Bounds.minSizeAnnotation, value: "not-an-int"))),
        Case(
            testDescription: "negative max", min: "0", max: "-1",
            expected: .failure(.notANonNegativeInteger(annotation: Bounds.maxSizeAnnotation, value: "-1"))),
        Case(
            testDescription: "max not an integer", min: "0", max: "1.5",
            expected: .failure(.notANonNegativeInteger(annotation: Bounds.maxSizeAnnotation, value: "1.5"))),
        Case(
            testDescription: "max below min", min: "2", max: "1",
            expected: .failure(.maxBelowMin(minSize: 2, maxSize: 1))),
    ]

    @Test(arguments: cases)
    func annotationsParseAsTheAutoscalerReadsThem(_ testCase: Case) {
        var annotations: [String: String] = [:]
        annotations[Bounds.minSizeAnnotation] = testCase.min
        annotations[Bounds.maxSizeAnnotation] = testCase.max
        let result = Result { () throws(MachineSetAutoscalerBoundsError) in try Bounds(annotations: annotations) }
        #expect(result == testCase.expected)
    }

    static func machineSet(replicas: Int, min: String?, max: String?) -> MachineSet {
        var set = F.machineSet(replicas: replicas)
        set.metadata.annotations[Bounds.minSizeAnnotation] = min
        set.metadata.annotations[Bounds.maxSizeAnnotation] = max
        return set
    }

    static func owned(_ count: Int, of set: MachineSet) -> [Machine] {
        (0..<count).map { F.machine("workers-\($0)", owner: F.reference(to: set)) }
    }

    static func plan(_ set: MachineSet, _ machines: [Machine]) -> MachineSetPlan {
        MachineSetSync.plan(machineSet: set, machines: machines, nodes: [:], now: F.now)
    }

    @Test func replicasAboveMaxSizeCreateOnlyUpToIt() {
        let set = Self.machineSet(replicas: 5, min: "1", max: "3")
        let plan = Self.plan(set, Self.owned(1, of: set))
        #expect(plan.targetReplicas == 3)
        guard case .createMachines(let count, _)? = plan.actions.first else {
            Issue.record("expected a create, got \(plan.actions)")
            return
        }
        #expect(count == 2)
        #expect(plan.autoscalerWarning?.reason == "ReplicasOutsideAutoscalerBounds")
        #expect(
            plan.autoscalerWarning?.message
                == "spec.replicas 5 is above \(Bounds.maxSizeAnnotation) 3: keeping 3 machines")
    }

    @Test func replicasBelowMinSizeDeleteOnlyDownToIt() {
        let set = Self.machineSet(replicas: 0, min: "2", max: "4")
        let plan = Self.plan(set, Self.owned(4, of: set))
        guard case .deleteMachines(let victims)? = plan.actions.first else {
            Issue.record("expected a delete, got \(plan.actions)")
            return
        }
        #expect(victims.count == 2)
        #expect(
            plan.autoscalerWarning?.message
                == "spec.replicas 0 is below \(Bounds.minSizeAnnotation) 2: keeping 2 machines")
    }

    @Test func replicasWithinTheBoundsAreKeptAsAsked() {
        let set = Self.machineSet(replicas: 2, min: "1", max: "3")
        let plan = Self.plan(set, Self.owned(2, of: set))
        #expect(plan.actions.isEmpty)
        #expect(plan.targetReplicas == 2)
        #expect(plan.autoscalerWarning == nil)
    }

    @Test func invalidAnnotationsAreIgnoredWithAWarning() {
        let set = Self.machineSet(replicas: 3, min: "two", max: "4")
        let plan = Self.plan(set, Self.owned(1, of: set))
        #expect(plan.targetReplicas == 3)
        #expect(plan.autoscalerWarning?.reason == "InvalidAutoscalerAnnotations")
        #expect(
            plan.autoscalerWarning?.message
                == "annotation \(Bounds.minSizeAnnotation): \"two\" is not a non-negative integer; the autoscaler bounds are ignored")
    }
}
