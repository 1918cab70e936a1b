import HollowModel
import Testing

@testable import HollowControllers

/// One sync of a MachineDeployment decided without I/O: the new MachineSet, the rolling steps within `maxSurge` and
/// `maxUnavailable`, proportional scaling, history cleanup, revisions and status. The cases follow the facts of
/// OpenShift's cluster-api fork (`machinedeployment/rolling.go`, `sync.go`, `util/util_test.go`).
@Suite("MachineDeployment sync plan")
struct MachineDeploymentSyncTests {
    typealias F = MachineFixtures
    typealias Sync = MachineDeploymentSync

    static func deployment(
        replicas: Int = 3, image: String = "v1", maxSurge: JSON? = nil, maxUnavailable: JSON? = nil,
        revisionHistoryLimit: Int? = nil, paused: Bool = false, annotations: [String: String] = [:],
        statusReplicas: Int = 0
    ) -> MachineDeployment {
        var metadata = ObjectMeta()
        metadata.name = "pool"
        metadata.namespace = F.namespace
        metadata.uid = "uid-pool"
        metadata.generation = 1
        metadata.resourceVersion = "3"
        metadata.annotations = annotations
        var rolling = JSONObject()
        if let maxSurge { rolling["maxSurge"] = maxSurge }
        if let maxUnavailable { rolling["maxUnavailable"] = maxUnavailable }
        var spec: JSONObject = [
            "replicas": .int(Int64(replicas)), "selector": ["matchLabels": ["pool": "a"]],
            "template": [
                "metadata": ["labels": ["pool": "a"]],
                "spec": ["providerSpec": ["value": ["image": .string(image)]]],
            ],
            "strategy": ["type": "RollingUpdate", "rollingUpdate": .object(rolling)],
        ]
        if let revisionHistoryLimit { spec["revisionHistoryLimit"] = .int(Int64(revisionHistoryLimit)) }
        if paused { spec["paused"] = true }
        return MachineDeployment([
            "apiVersion": "machine.openshift.io/v1beta1", "kind": "MachineDeployment", "metadata": metadata.object,
            "spec": .object(spec), "status": ["replicas": .int(Int64(statusReplicas))],
        ])
    }

    /// A MachineSet the deployment owns, made from the deployment's template for `image`.
    static func owned(
        _ deployment: MachineDeployment, image: String, replicas: Int, available: Int = 0, revision: Int? = nil,
        created: Timestamp, desired: Int? = nil, maxReplicas: Int? = nil
    ) -> MachineSet {
        var source = deployment
        source.object[path: ["spec", "template", "spec", "providerSpec", "value", "image"]] = .string(image)
        let hash = WorkloadHash.computeHash(template: source.template!, collisionCount: nil)
        var machineSet = Sync.newMachineSet(deployment: source, hash: hash)
        machineSet.replicas = replicas
        machineSet.metadata.uid = "uid-\(machineSet.name)"
        machineSet.metadata.resourceVersion = "9"
        machineSet.metadata.creationTimestamp = created
        machineSet.metadata.generation = 1
        var annotations: [String: String] = [:]
        if let revision { annotations[Sync.revisionAnnotation] = String(revision) }
        if let desired { annotations[Sync.desiredReplicasAnnotation] = String(desired) }
        if let maxReplicas { annotations[Sync.maxReplicasAnnotation] = String(maxReplicas) }
        machineSet.metadata.annotations = annotations
        var status = MachineSetStatus()
        status.replicas = replicas
        status.availableReplicas = available
        status.readyReplicas = available
        status.observedGeneration = 1
        machineSet.status = status
        return machineSet
    }

    static func sizes(_ plan: MachineDeploymentPlan) -> [String: Int] {
        var sizes: [String: Int] = [:]
        for action in plan.actions {
            switch action {
            case .createMachineSet(let set), .updateMachineSet(let set): sizes[set.name] = set.replicas
            default: continue
            }
        }
        return sizes
    }

    @Test func defaultsFollowTheFork() {
        let bare = MachineDeployment(["spec": [:]])
        #expect(bare.replicas == 1)
        #expect(bare.strategyType == "RollingUpdate")
        #expect(bare.maxSurgeValue == 1)
        #expect(bare.maxUnavailableValue == 0)
        #expect(bare.revisionHistoryLimit == 1)
        #expect(Sync.maxSurge(Self.deployment(replicas: 10, maxSurge: "25%")) == 3, "a percentage of surge rounds up")
        #expect(Sync.maxUnavailable(Self.deployment(replicas: 10, maxUnavailable: "25%")) == 2, "unavailability rounds down")
        #expect(
            Sync.maxUnavailable(Self.deployment(replicas: 3, maxSurge: 0, maxUnavailable: 0)) == 1,
            "both zero makes one unavailable")
    }

    @Test func firstSyncCreatesTheWholeMachineSetAndTheRevision() throws {
        let deployment = Self.deployment(replicas: 3, annotations: ["team": "infra"])
        let plan = Sync.plan(deployment: deployment, machineSets: [], now: F.now)
        guard case .createMachineSet(let created)? = plan.actions.first else {
            Issue.record("expected a create, got \(plan.actions)")
            return
        }
        let hash = try #require(created.metadata.labels[Sync.templateHashLabel])
        #expect(created.name == "pool-\(hash)")
        #expect(created.replicas == 3)
        #expect(created.metadata.labels == ["pool": "a", Sync.templateHashLabel: hash])
        #expect(created.selector?[path: ["matchLabels", Sync.templateHashLabel]] == .string(hash))
        #expect(created.template?[path: ["metadata", "labels", Sync.templateHashLabel]] == .string(hash))
        #expect(created.metadata.controllerReference?.kind == "MachineDeployment")
        #expect(created.metadata.controllerReference?.uid == "uid-pool")
        let annotations = created.metadata.annotations
        #expect(annotations[Sync.revisionAnnotation] == "1")
        #expect(annotations[Sync.desiredReplicasAnnotation] == "3")
        #expect(annotations[Sync.maxReplicasAnnotation] == "4")
        #expect(annotations["team"] == "infra")
        #expect(plan.actions.contains(.setRevision("1")))
    }

    @Test func aTemplateChangeSurgesByOneAndKeepsEveryOldMachineByDefault() throws {
        let deployment = Self.deployment(replicas: 3, image: "v2")
        let old = Self.owned(deployment, image: "v1", replicas: 3, available: 3, revision: 1, created: F.ago(seconds: 600), desired: 3, maxReplicas: 4)
        let plan = Sync.plan(deployment: deployment, machineSets: [old], now: F.now)
        let sizes = Self.sizes(plan)
        let new = try #require(sizes.keys.first { $0 != old.name })
        #expect(sizes[new] == 1, "maxSurge 1")
        #expect(sizes[old.name] == nil, "maxUnavailable 0: nothing old goes before a new machine is available")
        #expect(plan.actions.contains(.setRevision("2")))
    }

    @Test func oldMachinesGoAsNewOnesBecomeAvailable() {
        let deployment = Self.deployment(replicas: 3, image: "v2")
        let old = Self.owned(deployment, image: "v1", replicas: 3, available: 3, revision: 1, created: F.ago(seconds: 600), desired: 3, maxReplicas: 4)
        let new = Self.owned(deployment, image: "v2", replicas: 1, available: 1, revision: 2, created: F.ago(seconds: 60), desired: 3, maxReplicas: 4)
        let plan = Sync.plan(deployment: deployment, machineSets: [old, new], now: F.now)
        // Four available, three needed: one old machine can go; the new set may not grow past 4 in all yet.
        #expect(Self.sizes(plan) == [old.name: 2])
    }

    @Test func maxUnavailableLetsUnavailableOldMachinesGoAtOnce() {
        let deployment = Self.deployment(replicas: 2, image: "v2", maxUnavailable: 2)
        let old = Self.owned(deployment, image: "v1", replicas: 2, revision: 1, created: F.ago(seconds: 600), desired: 2, maxReplicas: 3)
        let plan = Sync.plan(deployment: deployment, machineSets: [old], now: F.now)
        let sizes = Self.sizes(plan)
        #expect(sizes[old.name] == 0)
        #expect(sizes.filter { $0.key != old.name }.values.first == 1, "the new set surges by one")

        // The next sync, with the old set emptied, grows the new one to the full count.
        var emptied = old
        emptied.replicas = 0
        let new = Self.owned(deployment, image: "v2", replicas: 1, revision: 2, created: F.ago(seconds: 1), desired: 2, maxReplicas: 3)
        #expect(Self.sizes(Sync.plan(deployment: deployment, machineSets: [emptied, new], now: F.now)) == [new.name: 2])
    }

    @Test func completedRolloutDeletesRevisionsBeyondTheLimit() {
        let deployment = Self.deployment(replicas: 2, image: "v3")
        var oldest = Self.owned(deployment, image: "v1", replicas: 0, revision: 1, created: F.ago(seconds: 900), desired: 2, maxReplicas: 3)
        oldest.status = MachineSetStatus(json: ["replicas": 0, "observedGeneration": 1])
        var older = Self.owned(deployment, image: "v2", replicas: 0, revision: 2, created: F.ago(seconds: 600), desired: 2, maxReplicas: 3)
        older.status = MachineSetStatus(json: ["replicas": 0, "observedGeneration": 1])
        let new = Self.owned(deployment, image: "v3", replicas: 2, available: 2, revision: 3, created: F.ago(seconds: 60), desired: 2, maxReplicas: 3)
        let plan = Sync.plan(deployment: deployment, machineSets: [oldest, older, new], now: F.now)
        #expect(plan.actions.contains(.deleteMachineSet(oldest)), "revisionHistoryLimit 1 keeps only the newer old set")
        #expect(!plan.actions.contains(.deleteMachineSet(older)))
        guard case .updateStatus(let status)? = plan.actions.last else {
            Issue.record("expected a status update, got \(plan.actions)")
            return
        }
        #expect(status.replicas == 2)
        #expect(status.updatedReplicas == 2)
        #expect(status.availableReplicas == 2)
        #expect(status.unavailableReplicas == 0)
        #expect(status.observedGeneration == 1)
    }

    @Test func scalingDuringARolloutIsSharedInProportion() {
        // Rolling from 10 (desired recorded 10, max 11) to 20 while the old set has 8 and the new set 3.
        let deployment = Self.deployment(replicas: 20, image: "v2", statusReplicas: 11)
        let old = Self.owned(deployment, image: "v1", replicas: 8, available: 8, revision: 1, created: F.ago(seconds: 600), desired: 10, maxReplicas: 11)
        let new = Self.owned(deployment, image: "v2", replicas: 3, revision: 2, created: F.ago(seconds: 60), desired: 10, maxReplicas: 11)
        let sizes = Self.sizes(Sync.plan(deployment: deployment, machineSets: [old, new], now: F.now))
        // Allowed 21 (20 + surge 1): the old set's share of 11 → 21 is round(8 × 21 / 11) = 15, the new set takes
        // the rest.
        #expect(sizes[old.name] == 15)
        #expect(sizes[new.name] == 6)
    }

    @Test func aPausedDeploymentScalesButDoesNotRoll() {
        let deployment = Self.deployment(replicas: 5, image: "v2", paused: true)
        let old = Self.owned(deployment, image: "v1", replicas: 3, available: 3, revision: 1, created: F.ago(seconds: 600), desired: 3, maxReplicas: 4)
        let plan = Sync.plan(deployment: deployment, machineSets: [old], now: F.now)
        #expect(Self.sizes(plan) == [old.name: 5])
        #expect(!plan.actions.contains { if case .createMachineSet = $0 { true } else { false } })
    }

    @Test func adoptsAMatchingOrphanMachineSet() {
        let deployment = Self.deployment(replicas: 1)
        var orphan = Self.owned(deployment, image: "v1", replicas: 1, created: F.ago(seconds: 10))
        orphan.metadata.ownerReferences = []
        let plan = Sync.plan(deployment: deployment, machineSets: [orphan], now: F.now)
        guard case .adoptMachineSet(let adopted, let patch)? = plan.actions.first else {
            Issue.record("expected an adoption, got \(plan.actions)")
            return
        }
        #expect(adopted.name == orphan.name)
        #expect(patch[path: ["metadata", "ownerReferences"]]?.arrayValue?.count == 1)
        #expect(!plan.actions.contains { if case .createMachineSet = $0 { true } else { false } }, "the orphan is the new set")
    }

    @Test func invalidSpecsAreRefused() {
        var mismatched = Self.deployment()
        mismatched.object[path: ["spec", "selector"]] = ["matchLabels": ["pool": "b"]]
        #expect(Sync.plan(deployment: mismatched, machineSets: [], now: F.now).error != nil)

        var recreate = Self.deployment()
        recreate.object[path: ["spec", "strategy", "type"]] = "Recreate"
        #expect(
            Sync.plan(deployment: recreate, machineSets: [], now: F.now).error?.message
                == "unexpected deployment strategy type: Recreate")

        #expect(Sync.plan(deployment: Self.deployment(maxSurge: "lots"), machineSets: [], now: F.now).error != nil)
    }
}
