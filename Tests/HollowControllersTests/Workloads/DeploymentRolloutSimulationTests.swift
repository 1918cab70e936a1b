import HollowModel
import Testing

@testable import HollowControllers

/// A Deployment driven to completion by applying the Deployment and ReplicaSet decisions to `WorkloadWorld`, checking
/// kube's rollout guarantees after every step.
@Suite struct DeploymentRolloutSimulationTests {
    typealias F = Fixtures

    struct Bounds: Sendable, CustomTestStringConvertible {
        var replicas: Int
        var maxSurge: JSON
        var maxUnavailable: JSON
        var surge: Int
        var unavailable: Int
        var testDescription: String { "\(replicas) replicas, maxSurge \(maxSurge), maxUnavailable \(maxUnavailable)" }
    }

    /// Runs syncs until nothing changes (or `limit` rounds), checking after each step that the pods never exceed
    /// `replicas + surge` and available pods never fall below `replicas - unavailable`. Returns the rounds taken.
    @discardableResult
    static func settle(_ world: inout WorkloadWorld, bounds: Bounds, limit: Int = 60) throws -> Int {
        for round in 1...limit {
            let before = (world.deployment, world.replicaSets, world.pods)
            try world.syncDeployment()
            try check(world, bounds)
            try world.syncReplicaSets()
            try check(world, bounds)
            world.now = world.now.adding(.seconds(1))
            if world.deployment == before.0 && world.replicaSets == before.1 && world.pods == before.2 { return round }
        }
        Issue.record("did not settle in \(limit) rounds")
        return limit
    }

    static func check(_ world: WorkloadWorld, _ bounds: Bounds) throws {
        let pods = world.deploymentPods.count
        #expect(pods <= bounds.replicas + bounds.surge, "\(pods) pods exceed replicas + maxSurge")
        // Availability only counts once the first rollout has brought the pods up.
        if world.deployment.metadata.annotations[DeploymentSync.revisionAnnotation] != "1" {
            let available = world.availablePods()
            #expect(available >= bounds.replicas - bounds.unavailable, "only \(available) pods available")
        }
    }

    @Test(arguments: [
        Bounds(replicas: 3, maxSurge: "25%", maxUnavailable: "25%", surge: 1, unavailable: 0),
        Bounds(replicas: 3, maxSurge: 1, maxUnavailable: 0, surge: 1, unavailable: 0),
        Bounds(replicas: 3, maxSurge: 0, maxUnavailable: 1, surge: 0, unavailable: 1),
        Bounds(replicas: 3, maxSurge: 2, maxUnavailable: 1, surge: 2, unavailable: 1),
        Bounds(replicas: 10, maxSurge: "30%", maxUnavailable: "20%", surge: 3, unavailable: 2),
    ])
    func anImageChangeRollsOutWithinSurgeAndUnavailability(_ bounds: Bounds) throws {
        var deployment = F.deployment(
            "web", replicas: bounds.replicas, maxSurge: bounds.maxSurge, maxUnavailable: bounds.maxUnavailable,
            selector: ["app": "web"], image: "nginx:1")
        deployment.object[path: ["spec", "progressDeadlineSeconds"]] = 600
        var world = WorkloadWorld(deployment: deployment)

        try Self.settle(&world, bounds: bounds)
        #expect(WorkloadWorld.rolloutStatus(world.deployment).done)
        #expect(world.replicaSets.count == 1)
        #expect(world.deploymentPods.count == bounds.replicas)
        let first = try #require(world.replicaSets.first)

        world.updateDeploymentSpec {
            $0.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:2"]]
        }
        #expect(!WorkloadWorld.rolloutStatus(world.deployment).done)
        let rounds = try Self.settle(&world, bounds: bounds)
        #expect(rounds > 2, "a rolling update takes several steps")

        let status = WorkloadWorld.rolloutStatus(world.deployment)
        #expect(status.done, "kubectl rollout status says: \(status.message)")
        #expect(status.message == "deployment \"web\" successfully rolled out")

        let new = try #require(DeploymentSync.findNewReplicaSet(deployment: world.deployment, replicaSets: world.replicaSets))
        #expect(new.name != first.name)
        #expect(new.replicas == bounds.replicas)
        #expect(new.metadata.annotations[DeploymentSync.revisionAnnotation] == "2")
        #expect(world.replicaSets.first { $0.name == first.name }?.replicas == 0)
        #expect(world.deployment.metadata.annotations[DeploymentSync.revisionAnnotation] == "2")
        #expect(world.deploymentPods.count == bounds.replicas)
        #expect(world.deploymentPods.allSatisfy {
            $0.object[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:2"
        })

        let finalStatus = world.deployment.status
        #expect(finalStatus.observedGeneration == 2)
        #expect(finalStatus.replicas == bounds.replicas)
        #expect(finalStatus.updatedReplicas == bounds.replicas)
        #expect(finalStatus.readyReplicas == bounds.replicas)
        #expect(finalStatus.availableReplicas == bounds.replicas)
        #expect(finalStatus.unavailableReplicas == 0)
        let progressing = finalStatus.conditions.condition(ofType: "Progressing")
        #expect(progressing?.status == "True")
        #expect(progressing?.reason == "NewReplicaSetAvailable")
        #expect(progressing?.message == "ReplicaSet \"\(new.name)\" has successfully progressed.")
        let available = finalStatus.conditions.condition(ofType: "Available")
        #expect(available?.status == "True")
        #expect(available?.reason == "MinimumReplicasAvailable")
        #expect(available?.message == "Deployment has minimum availability.")
    }

    @Test func rollingBackReusesTheOldReplicaSetWithTheNextRevision() throws {
        let bounds = Bounds(replicas: 3, maxSurge: 1, maxUnavailable: 0, surge: 1, unavailable: 0)
        var world = WorkloadWorld(
            deployment: F.deployment("web", replicas: 3, maxSurge: 1, maxUnavailable: 0, selector: ["app": "web"]))
        try Self.settle(&world, bounds: bounds)
        let original = try #require(world.replicaSets.first)
        for image in ["nginx:2", "nginx:1"] {
            world.updateDeploymentSpec {
                $0.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": .string(image)]]
            }
            try Self.settle(&world, bounds: bounds)
        }
        #expect(world.replicaSets.count == 2)
        let reused = try #require(world.replicaSets.first { $0.name == original.name })
        #expect(reused.replicas == 3)
        #expect(reused.metadata.annotations[DeploymentSync.revisionAnnotation] == "3")
        #expect(reused.metadata.annotations[DeploymentSync.revisionHistoryAnnotation] == "1")
        #expect(world.deployment.metadata.annotations[DeploymentSync.revisionAnnotation] == "3")
        #expect(WorkloadWorld.rolloutStatus(world.deployment).done)
    }

    @Test func scalingMidRolloutKeepsBothReplicaSetsInProportion() throws {
        var world = WorkloadWorld(
            deployment: F.deployment("web", replicas: 4, maxSurge: 2, maxUnavailable: 0, selector: ["app": "web"]))
        let loose = Bounds(replicas: 8, maxSurge: 4, maxUnavailable: 0, surge: 4, unavailable: 8)
        try Self.settle(&world, bounds: loose)
        // Start a rollout that cannot finish: the new pods never become ready.
        world.updateDeploymentSpec {
            $0.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:broken"]]
        }
        try world.syncDeployment()
        try world.syncReplicaSets()
        for index in world.pods.indices
        where world.pods[index].object[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:broken" {
            world.pods[index].object[path: ["status", "conditions"]] = [["type": "Ready", "status": "False"]]
        }
        try world.syncReplicaSets()
        let sizesBefore = world.replicaSets.map(\.replicas)
        #expect(sizesBefore.reduce(0, +) == 6)  // 4 old + 2 surge new

        world.updateDeploymentSpec { $0.replicas = 8 }
        let plan = try world.syncDeployment()
        #expect(plan.actions.contains { if case .updateReplicaSet = $0 { true } else { false } })
        let sizes = Dictionary(uniqueKeysWithValues: world.replicaSets.map { ($0.name, $0.replicas) })
        #expect(sizes.values.reduce(0, +) == 10)  // 8 + maxSurge 2, shared in proportion 4:2 → 7:3 (rounded)
        #expect(world.replicaSets.allSatisfy {
            $0.metadata.annotations[DeploymentSync.desiredReplicasAnnotation] == "8"
                && $0.metadata.annotations[DeploymentSync.maxReplicasAnnotation] == "10"
        })
    }

    @Test func recreateRemovesEveryOldPodBeforeCreatingNewOnes() throws {
        var world = WorkloadWorld(
            deployment: F.deployment("web", replicas: 3, selector: ["app": "web"], strategy: "Recreate"))
        let bounds = Bounds(replicas: 3, maxSurge: 0, maxUnavailable: 3, surge: 0, unavailable: 3)
        try Self.settle(&world, bounds: bounds)
        world.updateDeploymentSpec {
            $0.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:2"]]
        }
        var sawEmpty = false
        for _ in 0..<20 {
            try world.syncDeployment()
            let images = Set(world.deploymentPods.compactMap {
                $0.object[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
            })
            #expect(images.count <= 1, "old and new pods never run together")
            if world.deploymentPods.isEmpty { sawEmpty = true }
            try world.syncReplicaSets()
            world.now = world.now.adding(.seconds(1))
        }
        #expect(sawEmpty)
        #expect(WorkloadWorld.rolloutStatus(world.deployment).done)
        #expect(world.deploymentPods.count == 3)
    }

    @Test func aPausedDeploymentDoesNotRollOut() throws {
        let bounds = Bounds(replicas: 2, maxSurge: 1, maxUnavailable: 0, surge: 1, unavailable: 0)
        var deployment = F.deployment("web", replicas: 2, maxSurge: 1, maxUnavailable: 0, selector: ["app": "web"])
        deployment.object[path: ["spec", "progressDeadlineSeconds"]] = 600
        var world = WorkloadWorld(deployment: deployment)
        try Self.settle(&world, bounds: bounds)
        world.updateDeploymentSpec {
            $0.object[path: ["spec", "paused"]] = true
            $0.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:2"]]
        }
        try Self.settle(&world, bounds: bounds)
        #expect(world.replicaSets.count == 1)
        let progressing = world.deployment.status.conditions.condition(ofType: "Progressing")
        #expect(progressing?.status == "Unknown")
        #expect(progressing?.reason == "DeploymentPaused")
        #expect(progressing?.message == "Deployment is paused")
        #expect(!WorkloadWorld.rolloutStatus(world.deployment).done)

        world.updateDeploymentSpec { $0.object[path: ["spec", "paused"]] = false }
        try Self.settle(&world, bounds: bounds)
        #expect(WorkloadWorld.rolloutStatus(world.deployment).done)
        #expect(world.replicaSets.count == 2)
    }
}
