import HollowModel
import Testing

@testable import HollowControllers

/// The machine controller's next step for a Machine, re-expressed from the machine-api-operator's
/// `TestReconcileRequest` (machines with no phase, Provisioning, provisioned, deleting with and without hooks, already
/// drained, failed, running) plus the steps its drain controller and finalizer handling take.
@Suite struct MachineSyncTests {
    typealias F = MachineControllerFixtures

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var machine: Machine
        var observed: MachineObservation
        var expected: MachineAction
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a new Machine gets the finalizer before anything else", machine: F.machine(finalizer: false),
            observed: .init(), expected: .addFinalizer),
        Case(
            name: "with the finalizer, the provider is asked about the instance", machine: F.machine(),
            observed: .init(), expected: .checkInstance),
        Case(
            name: "no phase and no instance: Provisioning first, no create yet", machine: F.machine(),
            observed: .init(instanceExists: false), expected: .markProvisioning),
        Case(
            name: "Provisioning and no instance: create", machine: F.machine(phase: .provisioning),
            observed: .init(instanceExists: false), expected: .createInstance),
        Case(
            name: "just created and not reported yet: wait for it", machine: F.machine(phase: .provisioning),
            observed: .init(instanceExists: false, instanceCreated: true), expected: .awaitInstance),
        Case(
            name: "instance exists: idempotent update",
            machine: F.machine(internalIP: "0.0.0.0"), observed: .init(instanceExists: true),
            expected: .updateInstance),
        Case(
            name: "Running with its node: still an update",
            machine: F.machine(phase: .running, providerID: "providerID", internalIP: "0.0.0.0", nodeName: "a-node"),
            observed: .init(instanceExists: true), expected: .updateInstance),
        Case(
            name: "providerID and addresses but the instance is gone: Failed",
            machine: F.machine(providerID: "providerID", internalIP: "0.0.0.0"),
            observed: .init(instanceExists: false), expected: .failInstanceMissing),
        Case(
            name: "a providerID alone counts as provisioned",
            machine: F.machine(phase: .provisioned, providerID: "providerID"),
            observed: .init(instanceExists: false), expected: .failInstanceMissing),
        Case(
            name: "Failed stays Failed without asking the provider",
            machine: F.machine(phase: .failed, providerID: "providerID"), observed: .init(),
            expected: .stayFailed),
        Case(
            name: "deleting: phase Deleting first", machine: F.machine(phase: .running, nodeName: "a-node", deleting: true),
            observed: .init(), expected: .markDeleting),
        Case(
            name: "a Failed Machine is still deleted", machine: F.machine(phase: .failed, deleting: true),
            observed: .init(), expected: .markDeleting),
        Case(
            name: "deleting without the finalizer: nothing left to do",
            machine: F.machine(finalizer: false, phase: .deleting, deleting: true), observed: .init(),
            expected: .finished),
        Case(
            name: "deleting with no node: the drain is skipped",
            machine: F.machine(phase: .deleting, deleting: true), observed: .init(),
            expected: .skipDrain(reason: "Node drain skipped: the Machine has no Node")),
        Case(
            name: "a pre-drain hook holds the drain back",
            machine: F.machine(phase: .deleting, nodeName: "a-node", deleting: true, preDrain: ["protect-from-drain"]),
            observed: .init(),
            expected: .waitForPreDrainHooks([MachineLifecycleHook(name: "protect-from-drain", owner: "machine-api-tests")])),
        Case(
            name: "a pre-drain hook on a Machine without a node holds nothing",
            machine: F.machine(phase: .deleting, deleting: true, preDrain: ["protect-from-drain"]), observed: .init(),
            expected: .skipDrain(reason: "Node drain skipped: the Machine has no Node")),
        Case(
            name: "the exclude-node-draining annotation skips the drain",
            machine: F.machine(
                phase: .deleting, nodeName: "a-node", deleting: true,
                annotations: ["machine.openshift.io/exclude-node-draining": ""]),
            observed: .init(), expected: .skipDrain(reason: "Node drain skipped: the Machine is excluded from draining")),
        Case(
            name: "a node and no hooks: drain it",
            machine: F.machine(phase: .deleting, nodeName: "a-node", deleting: true), observed: .init(),
            expected: .drain(nodeName: "a-node")),
        Case(
            name: "drained but a pre-terminate hook holds the instance",
            machine: F.machine(
                phase: .deleting, nodeName: "a-node", deleting: true, preTerminate: ["protect-from-terminate"],
                conditions: [F.drained]),
            observed: .init(),
            expected: .waitForPreTerminateHooks([
                MachineLifecycleHook(name: "protect-from-terminate", owner: "machine-api-tests")
            ])),
        Case(
            name: "already drained: a pre-drain hook no longer matters, the instance is deleted",
            machine: F.machine(phase: .deleting, deleting: true, preDrain: ["protect-from-drain"], conditions: [F.drained]),
            observed: .init(), expected: .deleteInstance),
        Case(
            name: "instance gone: the node is deleted next",
            machine: F.machine(phase: .deleting, nodeName: "a-node", deleting: true, conditions: [F.drained]),
            observed: .init(instanceDeleted: true), expected: .deleteNode("a-node")),
        Case(
            name: "instance and node gone: the finalizer goes",
            machine: F.machine(phase: .deleting, nodeName: "a-node", deleting: true, conditions: [F.drained]),
            observed: .init(instanceDeleted: true, nodeDeleted: true), expected: .removeFinalizer),
        Case(
            name: "no node to delete: the finalizer goes once the instance is gone",
            machine: F.machine(phase: .deleting, deleting: true, conditions: [F.drained]),
            observed: .init(instanceDeleted: true), expected: .removeFinalizer),
    ]

    @Test(arguments: cases)
    func nextAction(_ testCase: Case) {
        #expect(MachineSync.nextAction(for: testCase.machine, observed: testCase.observed) == testCase.expected)
    }

    static let phaseCases: [(String, Machine, MachinePhase?)] = [
        ("no providerID, no addresses: phase unchanged", F.machine(phase: .provisioning), nil),
        ("providerID, no node yet: Provisioned", F.machine(phase: .provisioning, providerID: "kubemark://m"), .provisioned),
        ("addresses alone, no node: Provisioned", F.machine(internalIP: "10.0.0.1"), .provisioned),
        ("with nodeRef: Running", F.machine(phase: .provisioned, providerID: "kubemark://m", nodeName: "m"), .running),
    ]

    @Test(arguments: phaseCases)
    func phaseAfterUpdate(name: String, machine: Machine, expected: MachinePhase?) {
        #expect(MachineSync.phaseAfterUpdate(machine) == expected)
    }

    @Test func updateWritesTheInstancesProviderIDAndAddresses() {
        let instance = MachineInstance(
            providerID: "kubemark://m", addresses: [["type": "InternalIP", "address": "10.0.0.7"]])
        let machine = MachineSync.applying(instance, to: F.machine())
        #expect(machine.providerID == "kubemark://m")
        #expect(machine.internalIP == "10.0.0.7")
        // An instance reporting nothing leaves what the Machine had.
        let kept = MachineSync.applying(MachineInstance(providerID: ""), to: machine)
        #expect(kept.providerID == "kubemark://m")
        #expect(kept.internalIP == "10.0.0.7")
    }

    @Test func failedStatusCarriesTheReasonAndMessage() {
        let failure = MachineFailure(reason: .invalidConfiguration, message: "numCores must be positive")
        let machine = MachineSync.status(of: F.machine(phase: .provisioning), phase: .failed, failure: failure, now: F.now)
        #expect(machine.phase == .failed)
        #expect(machine.errorReason == "InvalidConfiguration")
        #expect(machine.errorMessage == "numCores must be positive")
        #expect(machine.lastUpdated == F.now)
    }

    @Test func missingInstanceFailsWithoutAReason() {
        let machine = MachineSync.status(
            of: F.machine(providerID: "p"), phase: .failed, failure: .instanceMissing, now: F.now)
        #expect(machine.errorReason == nil)
        #expect(machine.errorMessage == "Can't find created instance.")
    }

    @Test func otherPhasesClearTheError() {
        var failed = F.machine(phase: .failed)
        failed.errorReason = "CreateError"
        failed.errorMessage = "boom"
        let machine = MachineSync.status(of: failed, phase: .deleting, now: F.now)
        #expect(machine.errorReason == nil)
        #expect(machine.errorMessage == nil)
    }

    @Test func anUnchangedStatusKeepsLastUpdated() {
        let first = MachineSync.status(of: F.machine(), phase: .provisioning, now: F.now)
        let later = F.now.adding(.seconds(60))
        let second = MachineSync.status(of: first, phase: .provisioning, now: later)
        #expect(second.lastUpdated == F.now)
        #expect(second.object["status"] == first.object["status"])
    }

    @Test func hooksShowInTheDrainableAndTerminableConditions() {
        let machine = MachineSync.status(
            of: F.machine(preDrain: ["keep-pods"]), phase: .deleting, now: F.now)
        let drainable = machine.condition(.drainable)
        #expect(drainable?.status == "False")
        #expect(drainable?.reason == "HookPresent")
        #expect(drainable?.message == "Drain operation currently blocked by: keep-pods (machine-api-tests)")
        #expect(machine.condition(.terminable)?.isTrue == true)
        // The transition time stays when the status does not change.
        let later = MachineSync.status(of: machine, phase: .deleting, now: F.now.adding(.seconds(30)))
        #expect(later.condition(.drainable)?.lastTransitionTime == F.now)
    }
}
