import HollowModel
import Testing

@testable import HollowControllers

/// ReplicaSet decisions, after `replica_set_test.go` (TestSyncReplicaSetCreateFailures, TestSyncReplicaSetDormancy,
/// TestControllerUpdateStatusWithFailure, TestGetPodsToDelete, TestPatchPodFails/adoption cases).
@Suite struct ReplicaSetSyncTests {
    typealias F = Fixtures

    static func replicaSet(replicas: Int, labels: [String: String] = ["app": "web"]) -> ReplicaSet {
        var replicaSet = F.replicaSet("web", replicas: replicas, selector: labels)
        replicaSet.object[path: ["spec", "template", "metadata", "annotations"]] = ["team": "blue"]
        return replicaSet
    }

    static func ownedPod(_ name: String, of replicaSet: ReplicaSet, node: String? = "node-1", ready: Bool = true) -> Pod {
        F.pod(
            name, node: node, ready: ready, readySince: F.time(60), created: F.time(120), labels: ["app": "web"],
            owner: WorkloadPodTemplate.controllerReference(to: replicaSet, apiVersion: "apps/v1", kind: "ReplicaSet"))
    }

    static func pods(_ count: Int, of replicaSet: ReplicaSet) -> [Pod] {
        (0..<count).map { ownedPod("web-\($0)", of: replicaSet) }
    }

    @Test(arguments: [
        // (replicas, existing pods, created, deleted)
        (3, 0, 3, 0), (3, 1, 2, 0), (3, 3, 0, 0), (1, 3, 0, 2), (0, 2, 0, 2), (800, 0, 500, 0), (0, 600, 0, 500),
    ])
    func createsOrDeletesTheDifferenceUpToTheBurst(replicas: Int, existing: Int, created: Int, deleted: Int) throws {
        let replicaSet = Self.replicaSet(replicas: replicas)
        let plan = try ReplicaSetSync.plan(replicaSet: replicaSet, pods: Self.pods(existing, of: replicaSet), now: F.now)
        var creates = 0, deletes = 0
        for action in plan.actions {
            switch action {
            case .createPods(let count, _): creates += count
            case .deletePods(let pods): deletes += pods.count
            default: Issue.record("unexpected \(action)")
            }
        }
        #expect(creates == created)
        #expect(deletes == deleted)
    }

    @Test func podsAreBuiltFromTheTemplateWithAControllerReference() throws {
        let replicaSet = Self.replicaSet(replicas: 1)
        let plan = try ReplicaSetSync.plan(replicaSet: replicaSet, pods: [], now: F.now)
        guard case .createPods(1, let pod)? = plan.actions.first else {
            Issue.record("expected one create, got \(plan.actions)")
            return
        }
        #expect(pod.metadata.generateName == "web-")
        #expect(pod.namespace == "default")
        #expect(pod.metadata.labels == ["app": "web"])
        #expect(pod.metadata.annotations == ["team": "blue"])
        #expect(pod.metadata.name.isEmpty)
        let owner = try #require(pod.metadata.controllerReference)
        #expect(owner.apiVersion == "apps/v1" && owner.kind == "ReplicaSet" && owner.name == "web")
        #expect(owner.uid == "uid-web" && owner.controller && owner.blockOwnerDeletion)
        #expect(pod.object["spec"] == replicaSet.template?["spec"])
        #expect(pod.object["status"] == nil)
    }

    @Test func surplusPodsAreRankedUnassignedPendingNotReadyThenNewest() throws {
        let replicaSet = Self.replicaSet(replicas: 2)
        let owner = WorkloadPodTemplate.controllerReference(to: replicaSet, apiVersion: "apps/v1", kind: "ReplicaSet")
        let pods = [
            F.pod("old-ready", node: "n1", ready: true, readySince: F.time(3000), created: F.time(4000), labels: ["app": "web"], owner: owner),
            F.pod("new-ready", node: "n2", ready: true, readySince: F.time(10), created: F.time(20), labels: ["app": "web"], owner: owner),
            F.pod("unassigned", node: nil, phase: "Pending", labels: ["app": "web"], owner: owner),
            F.pod("not-ready", node: "n3", ready: false, labels: ["app": "web"], owner: owner),
            F.pod("pending", node: "n4", phase: "Pending", labels: ["app": "web"], owner: owner),
        ]
        let plan = try ReplicaSetSync.plan(replicaSet: replicaSet, pods: pods, now: F.now)
        guard case .deletePods(let victims)? = plan.actions.first else {
            Issue.record("expected deletes, got \(plan.actions)")
            return
        }
        #expect(victims.map(\.name) == ["unassigned", "pending", "not-ready"])
    }

    /// TestGetPodsToDelete: pods sharing a node with more related pods go first.
    @Test func podsOnCrowdedNodesAreDeletedFirst() {
        let replicaSet = Self.replicaSet(replicas: 1)
        let a = Self.ownedPod("a", of: replicaSet, node: "crowded")
        let b = Self.ownedPod("b", of: replicaSet, node: "quiet")
        let sibling = F.pod("sibling", node: "crowded", ready: true, labels: ["app": "web"])
        let victims = ReplicaSetSync.podsToDelete([b, a], relatedPods: [a, b, sibling], count: 1, now: F.now)
        #expect(victims.map(\.name) == ["a"])
    }

    @Test func relatedPodsComeFromEveryReplicaSetOfTheSameController() {
        let deployment = F.deployment("web", replicas: 2)
        let first = F.replicaSet("web-1", replicas: 1, selector: ["app": "web", "pod-template-hash": "1"], owner: deployment)
        let second = F.replicaSet("web-2", replicas: 1, selector: ["app": "web", "pod-template-hash": "2"], owner: deployment)
        let stranger = F.replicaSet("other", replicas: 1, selector: ["app": "other"])
        let pods = [
            F.pod("p1", labels: ["app": "web", "pod-template-hash": "1"]),
            F.pod("p2", labels: ["app": "web", "pod-template-hash": "2"]),
            F.pod("p3", labels: ["app": "other"]),
        ]
        let related = ReplicaSetSync.relatedPods(of: first, replicaSets: [first, second, stranger], pods: pods)
        #expect(related.map(\.name) == ["p1", "p2"])
    }

    @Test func orphansThatMatchAreAdoptedAndOwnedPodsThatStopMatchingAreReleased() throws {
        let replicaSet = Self.replicaSet(replicas: 2)
        let owned = Self.ownedPod("owned", of: replicaSet)
        var relabelled = Self.ownedPod("relabelled", of: replicaSet)
        relabelled.metadata.labels = ["app": "other"]
        let orphan = F.pod("orphan", node: "node-1", ready: true, labels: ["app": "web"])
        let foreign = F.pod(
            "foreign", labels: ["app": "web"],
            owner: OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: "x", uid: "uid-x", controller: true))
        let deletedOrphan = F.pod("deleted-orphan", labels: ["app": "web"], deleting: true)
        let plan = try ReplicaSetSync.plan(
            replicaSet: replicaSet, pods: [owned, relabelled, orphan, foreign, deletedOrphan], now: F.now)

        #expect(plan.actions.count == 2)
        guard case .adoptPod(let adopted, let adoptPatch) = plan.actions[0],
            case .releasePod(let released, let releasePatch) = plan.actions[1]
        else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        #expect(adopted.name == "orphan")
        #expect(adoptPatch[path: ["metadata", "uid"]] == "uid-orphan")
        #expect(adoptPatch[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["uid"] == "uid-web")
        #expect(released.name == "relabelled")
        #expect(
            releasePatch == ["metadata": ["ownerReferences": [["$patch": "delete", "uid": "uid-web"]], "uid": "uid-relabelled"]])
        #expect(Set(plan.activePods.map(\.name)) == ["owned", "orphan"])
        #expect(plan.status.replicas == 2)
    }

    @Test func inactivePodsAreNotCountedAndAreReplaced() throws {
        let replicaSet = Self.replicaSet(replicas: 2)
        var failed = Self.ownedPod("failed", of: replicaSet)
        failed.object[path: ["status", "phase"]] = "Failed"
        let terminating = F.pod(
            "terminating", labels: ["app": "web"],
            owner: WorkloadPodTemplate.controllerReference(to: replicaSet, apiVersion: "apps/v1", kind: "ReplicaSet"),
            deleting: true)
        let plan = try ReplicaSetSync.plan(
            replicaSet: replicaSet, pods: [Self.ownedPod("ok", of: replicaSet), failed, terminating], now: F.now)
        #expect(plan.actions == [.createPods(count: 1, pod: WorkloadPodTemplate.pod(
            from: replicaSet.template, ownerName: "web", namespace: "default",
            controllerReference: WorkloadPodTemplate.controllerReference(to: replicaSet, apiVersion: "apps/v1", kind: "ReplicaSet")))])
        #expect(plan.status.replicas == 1)
    }

    @Test func nothingIsCreatedOrDeletedWhileExpectationsArePendingOrTheReplicaSetIsDeleted() throws {
        let replicaSet = Self.replicaSet(replicas: 3)
        #expect(
            try ReplicaSetSync.plan(replicaSet: replicaSet, pods: [], expectationsSatisfied: false, now: F.now).actions
                .isEmpty)
        var deleting = replicaSet
        deleting.metadata.deletionTimestamp = F.now
        let plan = try ReplicaSetSync.plan(replicaSet: deleting, pods: [], now: F.now)
        #expect(plan.actions.isEmpty)
        #expect(plan.status.replicas == 0)
    }

    @Test func statusCountsFullyLabelledReadyAndAvailablePods() throws {
        var replicaSet = Self.replicaSet(replicas: 4)
        replicaSet.minReadySeconds = 30
        replicaSet.metadata.generation = 7
        let owner = WorkloadPodTemplate.controllerReference(to: replicaSet, apiVersion: "apps/v1", kind: "ReplicaSet")
        var extraSelector = replicaSet
        extraSelector.object[path: ["spec", "template", "metadata", "labels", "tier"]] = "front"
        let pods = [
            F.pod("a", node: "n", ready: true, readySince: F.time(60), labels: ["app": "web", "tier": "front"], owner: owner),
            F.pod("b", node: "n", ready: true, readySince: F.time(10), labels: ["app": "web", "tier": "front"], owner: owner),
            F.pod("c", node: "n", ready: false, labels: ["app": "web"], owner: owner),
            F.pod("d", node: "n", ready: true, readySince: F.time(100), labels: ["app": "web", "tier": "front"], owner: owner),
        ]
        let plan = try ReplicaSetSync.plan(replicaSet: extraSelector, pods: pods, now: F.now)
        #expect(plan.status.replicas == 4)
        #expect(plan.status.fullyLabeledReplicas == 3)
        #expect(plan.status.readyReplicas == 3)
        #expect(plan.status.availableReplicas == 2)
        #expect(plan.status.observedGeneration == 7)
        #expect(plan.statusNeedsUpdate)
        #expect(plan.requeueAfter == nil)  // not every pod is ready yet
        #expect(plan.status.json == [
            "replicas": 4, "fullyLabeledReplicas": 3, "readyReplicas": 3, "availableReplicas": 2,
            "observedGeneration": 7,
        ])
    }

    @Test func allReadyButNotAvailableRequeuesAfterMinReadySeconds() throws {
        var replicaSet = Self.replicaSet(replicas: 1)
        replicaSet.minReadySeconds = 30
        let owner = WorkloadPodTemplate.controllerReference(to: replicaSet, apiVersion: "apps/v1", kind: "ReplicaSet")
        let pod = F.pod("a", node: "n", ready: true, readySince: F.time(5), labels: ["app": "web"], owner: owner)
        let plan = try ReplicaSetSync.plan(replicaSet: replicaSet, pods: [pod], now: F.now)
        #expect(plan.requeueAfter == .seconds(30))
    }

    @Test func anUnchangedStatusIsNotWrittenAgain() throws {
        let replicaSet = Self.replicaSet(replicas: 2)
        let pods = Self.pods(2, of: replicaSet)
        var synced = replicaSet
        synced.status = try ReplicaSetSync.plan(replicaSet: replicaSet, pods: pods, now: F.now).status
        let plan = try ReplicaSetSync.plan(replicaSet: synced, pods: pods, now: F.now)
        #expect(plan.actions.isEmpty)
        #expect(!plan.statusNeedsUpdate)
    }

    /// TestControllerUpdateStatusWithFailure: a failed create sets ReplicaFailure/FailedCreate; success clears it.
    @Test func failedCreatesSetAReplicaFailureConditionThatSuccessClears() {
        let replicaSet = Self.replicaSet(replicas: 2)
        let failed = ReplicaSetSync.status(
            replicaSet: replicaSet, activePods: [],
            manageReplicasError: ReplicaSetManageError(message: "pods \"web-x\" is forbidden: exceeded quota"), now: F.now)
        let condition = failed.conditions.condition(ofType: "ReplicaFailure")
        #expect(condition?.status == "True")
        #expect(condition?.reason == "FailedCreate")
        #expect(condition?.message == "pods \"web-x\" is forbidden: exceeded quota")

        var withFailure = replicaSet
        withFailure.status = failed
        let tooMany = ReplicaSetSync.status(
            replicaSet: withFailure, activePods: Self.pods(3, of: replicaSet),
            manageReplicasError: ReplicaSetManageError(message: "other"), now: F.now)
        #expect(tooMany.conditions.condition(ofType: "ReplicaFailure")?.reason == "FailedCreate")  // kept as it was

        let cleared = ReplicaSetSync.status(
            replicaSet: withFailure, activePods: Self.pods(2, of: replicaSet), manageReplicasError: nil, now: F.now)
        #expect(cleared.conditions.isEmpty)
    }

    @Test func aMalformedSelectorIsRefused() {
        var replicaSet = Self.replicaSet(replicas: 1)
        replicaSet.object[path: ["spec", "selector"]] = ["matchExpressions": [["key": "app", "operator": "Gt"]]]
        #expect(throws: WorkloadError.self) { try ReplicaSetSync.plan(replicaSet: replicaSet, pods: [], now: F.now) }
    }
}
