import HollowModel
import Testing

@testable import HollowControllers

/// Whole syncs of a Deployment, after `deployment_controller_test.go` and `progress_test.go`.
@Suite struct DeploymentSyncTests {
    typealias F = Fixtures

    static func web(replicas: Int = 3) -> Deployment {
        var deployment = F.deployment(
            "web", replicas: replicas, maxSurge: "25%", maxUnavailable: "25%", selector: ["app": "web"])
        deployment.object[path: ["spec", "progressDeadlineSeconds"]] = 600
        deployment.metadata.annotations = ["kubernetes.io/change-cause": "first"]
        return deployment
    }

    @Test func theFirstSyncCreatesTheNewReplicaSetAndRecordsRevisionOne() throws {
        let deployment = Self.web()
        let plan = try DeploymentSync.plan(deployment: deployment, replicaSets: [], pods: [], now: F.now)
        #expect(plan.actions.count == 2)
        guard plan.actions.count == 2, case .createReplicaSet(let created) = plan.actions[0],
            case .updateDeploymentStatus(let updated) = plan.actions[1]
        else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        let hash = WorkloadHash.computeHash(template: deployment.template!, collisionCount: nil)
        #expect(created.name == "web-\(hash)")
        #expect(created.replicas == 3)
        #expect(created.metadata.labels["pod-template-hash"] == hash)
        #expect(created.metadata.annotations == [
            "kubernetes.io/change-cause": "first", "deployment.kubernetes.io/revision": "1",
            "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4",
        ])
        #expect(created.object[path: ["metadata", "creationTimestamp"]] == nil)

        #expect(updated.metadata.annotations["deployment.kubernetes.io/revision"] == "1")
        #expect(updated.metadata.annotations["kubernetes.io/change-cause"] == "first")
        #expect(updated.status.observedGeneration == 1)
        let progressing = updated.status.conditions.condition(ofType: "Progressing")
        #expect(progressing?.reason == "NewReplicaSetCreated")
        #expect(progressing?.message == "Created new replica set \"web-\(hash)\"")
        #expect(progressing?.lastUpdateTime == F.now)
        let available = updated.status.conditions.condition(ofType: "Available")
        #expect(available?.status == "False")
        #expect(available?.reason == "MinimumReplicasUnavailable")
        #expect(available?.message == "Deployment does not have minimum availability.")
        #expect(updated.status.json[path: ["conditions"]]?.arrayValue?.first?.objectValue?.keys == [
            "type", "status", "lastUpdateTime", "lastTransitionTime", "reason", "message",
        ])
    }

    @Test func aNameTakenByAnotherTemplateBumpsTheCollisionCount() throws {
        let deployment = Self.web()
        let hash = WorkloadHash.computeHash(template: deployment.template!, collisionCount: nil)
        let squatter = F.replicaSet(
            "web-\(hash)", replicas: 1, selector: ["app": "other"],
            template: F.template(labels: ["app": "other"], image: "other"))
        let plan = try DeploymentSync.plan(deployment: deployment, replicaSets: [squatter], pods: [], now: F.now)
        guard case .updateDeploymentStatus(let updated)? = plan.actions.last else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        #expect(plan.actions.count == 1)
        #expect(updated.status.collisionCount == 1)
        #expect(plan.requeueAfter == .zero)

        var bumped = deployment
        bumped.status = updated.status
        let retry = try DeploymentSync.plan(deployment: bumped, replicaSets: [squatter], pods: [], now: F.now)
        guard case .createReplicaSet(let created)? = retry.actions.first else {
            Issue.record("expected a create, got \(retry.actions)")
            return
        }
        #expect(created.name == "web-" + WorkloadHash.computeHash(template: deployment.template!, collisionCount: 1))
    }

    @Test func orphanReplicaSetsMatchingTheSelectorAreAdopted() throws {
        let deployment = Self.web()
        var orphan = F.replicaSet("web-orphan", replicas: 3, selector: ["app": "web"], template: deployment.template)
        orphan.metadata.annotations = ["deployment.kubernetes.io/revision": "1"]
        let plan = try DeploymentSync.plan(deployment: deployment, replicaSets: [orphan], pods: [], now: F.now)
        guard case .adoptReplicaSet(let adopted, let patch)? = plan.actions.first else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        #expect(adopted.name == "web-orphan")
        #expect(patch[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["kind"] == "Deployment")
        #expect(!plan.actions.contains { if case .createReplicaSet = $0 { true } else { false } })
    }

    @Test func anExistingNewReplicaSetGetsTheDeploymentsMinReadySecondsAndAnnotations() throws {
        var deployment = Self.web()
        deployment.object[path: ["spec", "minReadySeconds"]] = 10
        var existing = F.replicaSet(
            "web-abc", replicas: 3, selector: ["app": "web"], available: 3, statusReplicas: 3, owner: deployment,
            template: deployment.template)
        existing.metadata.annotations = ["deployment.kubernetes.io/revision": "1"]
        let plan = try DeploymentSync.plan(deployment: deployment, replicaSets: [existing], pods: [], now: F.now)
        guard case .updateReplicaSet(let updated)? = plan.actions.first else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        #expect(updated.minReadySeconds == 10)
        #expect(updated.metadata.annotations["kubernetes.io/change-cause"] == "first")
        #expect(plan.actions.filter { if case .updateReplicaSet = $0 { true } else { false } }.count == 1)
    }

    static func stuck(lastProgress secondsAgo: Int64, reason: String = "ReplicaSetUpdated") -> (Deployment, [ReplicaSet]) {
        var deployment = Self.web()
        deployment.metadata.annotations["deployment.kubernetes.io/revision"] = "2"
        let newRS = F.replicaSet(
            "web-new", replicas: 1, selector: ["app": "web"], statusReplicas: 1,
            annotations: [
                "deployment.kubernetes.io/revision": "2", "kubernetes.io/change-cause": "first",
                "deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4",
            ], owner: deployment, template: deployment.template)
        let oldRS = F.replicaSet(
            "web-old", replicas: 3, selector: ["app": "web"], available: 3, statusReplicas: 3,
            annotations: [
                "deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": "3",
                "deployment.kubernetes.io/max-replicas": "4",
            ], owner: deployment, template: F.template(labels: ["app": "web"], image: "nginx:0"))
        var status = DeploymentSync.calculateStatus(
            allReplicaSets: [oldRS, newRS], newReplicaSet: newRS, deployment: deployment, now: F.now)
        status.conditions.setCondition(
            WorkloadCondition(
                type: "Progressing", status: "True", reason: reason, message: "ReplicaSet \"web-new\" is progressing.",
                lastUpdateTime: F.time(secondsAgo), lastTransitionTime: F.time(secondsAgo)))
        deployment.status = status
        return (deployment, [oldRS, newRS])
    }

    @Test func noProgressPastTheDeadlineIsReportedAsTimedOut() throws {
        let (deployment, replicaSets) = Self.stuck(lastProgress: 601)
        let plan = try DeploymentSync.plan(deployment: deployment, replicaSets: replicaSets, pods: [], now: F.now)
        guard case .updateDeploymentStatus(let updated)? = plan.actions.last else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        let progressing = updated.status.conditions.condition(ofType: "Progressing")
        #expect(progressing?.status == "False")
        #expect(progressing?.reason == "ProgressDeadlineExceeded")
        #expect(progressing?.message == "ReplicaSet \"web-new\" has timed out progressing.")
        #expect(
            WorkloadWorld.rolloutStatus(updated).message == "error: deployment \"web\" exceeded its progress deadline")
    }

    @Test func noProgressBeforeTheDeadlineRequeuesForTheCheck() throws {
        let (deployment, replicaSets) = Self.stuck(lastProgress: 100)
        let plan = try DeploymentSync.plan(deployment: deployment, replicaSets: replicaSets, pods: [], now: F.now)
        #expect(plan.actions.isEmpty)
        #expect(plan.requeueAfter == .seconds(501))
    }

    @Test func aSelectorOfEverythingOnlyRecordsTheGeneration() throws {
        var deployment = Self.web()
        deployment.object[path: ["spec", "selector"]] = [:]
        deployment.metadata.generation = 4
        let plan = try DeploymentSync.plan(deployment: deployment, replicaSets: [], pods: [], now: F.now)
        guard case .updateDeploymentStatus(let updated)? = plan.actions.first, plan.actions.count == 1 else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        #expect(updated.status.observedGeneration == 4)
    }

    @Test func unknownStrategiesAndMalformedSurgeAreRefused() {
        var canary = Self.web()
        canary.object[path: ["spec", "strategy"]] = ["type": "Canary"]
        #expect(throws: WorkloadError.self) { try DeploymentSync.plan(deployment: canary, replicaSets: [], pods: [], now: F.now) }
        var oops = Self.web()
        oops.object[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] = "oops"
        #expect(throws: WorkloadError.self) { try DeploymentSync.plan(deployment: oops, replicaSets: [], pods: [], now: F.now) }
    }

    @Test func recreateWaitsForOldPodsToStop() throws {
        var deployment = F.deployment("web", replicas: 2, selector: ["app": "web"], image: "nginx:2", strategy: "Recreate")
        deployment.metadata.generation = 2
        let old = F.replicaSet(
            "web-old", replicas: 0, selector: ["app": "web"],
            annotations: ["deployment.kubernetes.io/revision": "1"], owner: deployment,
            template: F.template(labels: ["app": "web"], image: "nginx:1"))
        let lingering = F.pod(
            "web-old-x", node: "n", phase: "Running", labels: ["app": "web"],
            owner: WorkloadPodTemplate.controllerReference(to: old, apiVersion: "apps/v1", kind: "ReplicaSet"))
        let waiting = try DeploymentSync.plan(deployment: deployment, replicaSets: [old], pods: [lingering], now: F.now)
        #expect(!waiting.actions.contains { if case .createReplicaSet = $0 { true } else { false } })

        var finished = lingering
        finished.object[path: ["status", "phase"]] = "Succeeded"
        let going = try DeploymentSync.plan(deployment: deployment, replicaSets: [old], pods: [finished], now: F.now)
        guard case .createReplicaSet(let created)? = going.actions.first else {
            Issue.record("expected a create, got \(going.actions)")
            return
        }
        #expect(created.replicas == 2)
        #expect(created.metadata.annotations["deployment.kubernetes.io/revision"] == "2")
    }
}
