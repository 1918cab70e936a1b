import HollowModel
import Testing

@testable import HollowControllers

/// One sync of a MachineSet decided without I/O: claims, creates and deletes, status, invalid specs.
@Suite("MachineSet sync plan")
struct MachineSetSyncTests {
    typealias F = MachineFixtures

    static func owned(_ name: String, _ set: MachineSet = F.machineSet(), created: Timestamp? = nil, node: String? = nil,
                      annotations: [String: String] = [:]) -> Machine {
        F.machine(name, created: created, annotations: annotations, node: node, owner: F.reference(to: set))
    }

    static func plan(
        _ set: MachineSet, _ machines: [Machine], nodes: [Node] = [], satisfied: Bool = true
    ) -> MachineSetPlan {
        MachineSetSync.plan(
            machineSet: set, machines: machines, nodes: Dictionary(uniqueKeysWithValues: nodes.map { ($0.name, $0) }),
            expectationsSatisfied: satisfied, now: F.now)
    }

    @Test func createsTheMissingMachinesFromTheTemplate() throws {
        let set = F.machineSet(
            replicas: 3, template: F.template(labels: ["set": "workers", "role": "worker"], annotations: ["note": "x"]))
        let plan = Self.plan(set, [Self.owned("workers-aaaaa")])
        guard case .createMachines(let count, let machine)? = plan.actions.first, plan.actions.count == 1 else {
            Issue.record("expected one create, got \(plan.actions)")
            return
        }
        #expect(count == 2)
        #expect(machine.metadata.generateName == "workers-")
        #expect(machine.namespace == MachineAPI.namespace)
        #expect(machine.apiVersion == "machine.openshift.io/v1beta1")
        #expect(machine.kind == "Machine")
        #expect(
            machine.metadata.labels == [
                "set": "workers", "role": "worker", MachineAPI.machineSetLabel: "workers",
            ])
        #expect(machine.metadata.annotations == ["note": "x"])
        #expect(machine.object["spec"] == set.template?["spec"])
        let reference = try #require(machine.metadata.controllerReference)
        #expect(reference.apiVersion == "machine.openshift.io/v1beta1")
        #expect(reference.kind == "MachineSet")
        #expect(reference.name == "workers")
        #expect(reference.uid == "uid-workers")
        #expect(reference.blockOwnerDeletion)
    }

    @Test func theTemplatesMachineSetLabelWins() {
        let set = F.machineSet(
            replicas: 1, template: F.template(labels: ["set": "workers", MachineAPI.machineSetLabel: "given"]))
        guard case .createMachines(_, let machine)? = Self.plan(set, []).actions.first else {
            Issue.record("expected a create")
            return
        }
        #expect(machine.metadata.labels[MachineAPI.machineSetLabel] == "given")
    }

    @Test func createsAndDeletesAtMostABurstPerSync() {
        let up = Self.plan(F.machineSet(replicas: 700), [])
        #expect(up.actions.count == 1)
        if case .createMachines(let count, _)? = up.actions.first { #expect(count == 500) }

        let set = F.machineSet(replicas: 0)
        let machines = (0..<600).map { Self.owned("m-\($0)", set) }
        guard case .deleteMachines(let victims)? = Self.plan(set, machines).actions.first else {
            Issue.record("expected a delete")
            return
        }
        #expect(victims.count == 500)
    }

    @Test func waitsForExpectationsBeforeCreatingOrDeleting() {
        let plan = Self.plan(F.machineSet(replicas: 3), [], satisfied: false)
        #expect(plan.actions.isEmpty)
        #expect(plan.status.replicas == 0)
        #expect(plan.statusNeedsUpdate)
    }

    @Test func scalesDownByPolicyAnnotatedFirst() {
        let set = F.machineSet(replicas: 1, deletePolicy: "Oldest")
        let machines = [
            Self.owned("a", set, created: F.ago(seconds: 30)),
            Self.owned("b", set, created: F.ago(seconds: 20), annotations: [MachineAPI.deleteMachineAnnotation: "1"]),
            Self.owned("c", set, created: F.ago(seconds: 10)),
        ]
        #expect(Self.plan(set, machines).actions == [.deleteMachines([machines[1], machines[0]])])

        let newest = F.machineSet(replicas: 2, deletePolicy: "Newest")
        let machinesOfNewest = machines.map { F.machine($0.name, created: $0.metadata.creationTimestamp, owner: F.reference(to: newest)) }
        #expect(Self.plan(newest, machinesOfNewest).actions == [.deleteMachines([machinesOfNewest[2]])])
    }

    @Test func adoptsOrphansAndReleasesWhatNoLongerMatches() throws {
        let set = F.machineSet(replicas: 2)
        let orphan = F.machine("orphan")
        let strayed = F.machine("strayed", labels: ["set": "elsewhere"], owner: F.reference(to: set))
        let foreign = F.machine("foreign", owner: F.foreignReference())
        let unrelated = F.machine("unrelated", labels: ["set": "other"])
        let plan = Self.plan(set, [orphan, strayed, foreign, unrelated, Self.owned("kept", set)])

        #expect(plan.actions.count == 2, "an adoption and a release; the count is met")
        guard case .adoptMachine(let adopted, let adoption) = plan.actions[0],
            case .releaseMachine(let released, let release) = plan.actions[1]
        else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        #expect(adopted.name == "orphan")
        #expect(adoption["metadata"]?["uid"] == "uid-orphan")
        #expect(adoption["metadata"]?["resourceVersion"] == "7")
        let references = try #require(adoption[path: ["metadata", "ownerReferences"]]?.arrayValue)
        #expect(references.map { OwnerReference($0).uid } == ["uid-workers"])
        #expect(released.name == "strayed")
        #expect(release[path: ["metadata", "ownerReferences"]] == .null)
        #expect(plan.machines.map(\.name).sorted() == ["kept", "orphan"])
        #expect(plan.status.replicas == 2)
    }

    @Test func releasingKeepsOtherOwnerReferences() throws {
        let set = F.machineSet()
        var strayed = F.machine("strayed", labels: [:], owner: F.reference(to: set))
        strayed.metadata.ownerReferences.append(
            OwnerReference(apiVersion: "v1", kind: "ConfigMap", name: "keep", uid: "uid-keep"))
        let plan = Self.plan(set, [strayed])
        guard case .releaseMachine(_, let patch)? = plan.actions.first else {
            Issue.record("expected a release, got \(plan.actions)")
            return
        }
        let references = try #require(patch[path: ["metadata", "ownerReferences"]]?.arrayValue)
        #expect(references.map { OwnerReference($0).uid } == ["uid-keep"])
    }

    @Test func machinesBeingDeletedAreNeitherCountedNorAdopted() {
        let set = F.machineSet(replicas: 2)
        let plan = Self.plan(
            set, [Self.owned("kept", set), F.machine("going", deleting: true, owner: F.reference(to: set)),
                  F.machine("orphan-going", deleting: true)])
        #expect(plan.machines.map(\.name) == ["kept"])
        if case .createMachines(let count, _)? = plan.actions.first { #expect(count == 1) } else {
            Issue.record("expected a create, got \(plan.actions)")
        }
    }

    @Test func aMachineSetBeingDeletedIsLeftAlone() {
        let plan = Self.plan(F.machineSet(replicas: 3, deleting: true), [])
        #expect(plan.actions.isEmpty)
        #expect(!plan.statusNeedsUpdate)
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        let name: String
        let set: MachineSet
        let message: String
        var testDescription: String { name }
    }

    static let invalidCases: [InvalidCase] = [
        InvalidCase(
            name: "empty selector", set: F.machineSet(selector: [:]),
            message: "spec.selector: Invalid value: empty selector is not valid for MachineSet"),
        InvalidCase(
            name: "selector misses the template", set: F.machineSet(selector: ["matchLabels": ["set": "other"]]),
            message: "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`"),
        InvalidCase(
            name: "bad operator",
            set: F.machineSet(selector: ["matchExpressions": [["key": "set", "operator": "Gt", "values": ["1"]]]]),
            message: "spec.selector: Invalid value: invalid label selector:"),
        InvalidCase(
            name: "unknown delete policy", set: F.machineSet(deletePolicy: "Smallest"),
            message: "unsupported delete policy Smallest, must be one of 'Random', 'Newest', or 'Oldest'"),
    ]

    @Test(arguments: invalidCases)
    func anInvalidSpecIsReportedNotActedOn(_ test: InvalidCase) throws {
        let plan = Self.plan(test.set, [F.machine("orphan")])
        #expect(plan.actions.isEmpty)
        let error = try #require(plan.error)
        #expect(error.message.hasPrefix(test.message))
        #expect(plan.status.errorReason == "InvalidConfiguration")
        #expect(plan.status.errorMessage == error.message)
        #expect(plan.status.observedGeneration == 2)
        #expect(plan.statusNeedsUpdate)

        // Once written, the same sync changes nothing.
        var written = test.set
        written.status = plan.status
        #expect(!Self.plan(written, [F.machine("orphan")]).statusNeedsUpdate)
    }

    @Test func aFixedSpecClearsTheError() {
        var status = MachineSetStatus()
        status.errorReason = "InvalidConfiguration"
        status.errorMessage = "was broken"
        let set = F.machineSet(replicas: 0, status: status.json())
        let plan = Self.plan(set, [])
        #expect(plan.status.errorReason == nil)
        #expect(plan.status.errorMessage == nil)
        #expect(plan.statusNeedsUpdate)
        #expect(plan.status.json()["errorReason"] == nil)
    }

    @Test func statusCountsLabelsNodesAndAvailability() throws {
        let set = F.machineSet(
            replicas: 4, selector: ["matchLabels": ["set": "workers"]],
            template: F.template(labels: ["set": "workers", "role": "worker"]), minReadySeconds: 60)
        let reference = F.reference(to: set)
        let machines = [
            F.machine("a", labels: ["set": "workers", "role": "worker"], node: "node-a", owner: reference),
            F.machine("b", labels: ["set": "workers", "role": "worker"], node: "node-b", owner: reference),
            F.machine("c", labels: ["set": "workers"], node: "node-c", owner: reference),
            F.machine("d", labels: ["set": "workers", "role": "worker"], node: "node-gone", owner: reference),
        ]
        let nodes = [
            F.node("node-a", since: F.ago(seconds: 120)),  // ready for two minutes: available
            F.node("node-b", since: F.ago(seconds: 30)),  // ready, not yet available
            F.node("node-c", ready: false, since: F.ago(seconds: 300)),
        ]
        let plan = Self.plan(set, machines, nodes: nodes)
        #expect(plan.actions.isEmpty)
        #expect(plan.status.replicas == 4)
        #expect(plan.status.fullyLabeledReplicas == 3)
        #expect(plan.status.readyReplicas == 2)
        #expect(plan.status.availableReplicas == 1)
        #expect(plan.status.observedGeneration == 2)
        #expect(plan.status.labelSelector == "set=workers")
        #expect(plan.requeueAfter == nil, "not every machine is ready")

        let json = plan.status.json()
        #expect(json["labelSelector"] == "set=workers")
        #expect(json["replicas"] == 4)
        #expect(MachineSetStatus(json: json) == plan.status)
    }

    @Test func requeuesAfterMinReadySecondsWhenAllAreReadyButNotAvailable() {
        let set = F.machineSet(replicas: 1, minReadySeconds: 60)
        let plan = Self.plan(set, [Self.owned("a", set, node: "n")], nodes: [F.node("n", since: F.ago(seconds: 5))])
        #expect(plan.status.readyReplicas == 1)
        #expect(plan.status.availableReplicas == 0)
        #expect(plan.requeueAfter == .seconds(60))
    }

    @Test func anUpToDateStatusIsNotWrittenAgain() {
        let set = F.machineSet(replicas: 1)
        let machines = [Self.owned("a", set)]
        var written = set
        written.status = Self.plan(set, machines).status
        #expect(!Self.plan(written, machines).statusNeedsUpdate)

        // Unknown status members survive the write.
        var withConditions = written
        withConditions.object[path: ["status", "conditions"]] = [["type": "Paused", "status": "False"]]
        var rewritten = withConditions
        rewritten.status = Self.plan(withConditions, machines).status
        #expect(rewritten.object[path: ["status", "conditions"]] != nil)
    }
}
