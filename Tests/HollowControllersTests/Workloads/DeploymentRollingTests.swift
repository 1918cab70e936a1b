import HollowModel
import Testing

@testable import HollowControllers

/// Scaling decisions re-expressed from `rolling_test.go` and `sync_test.go` (TestScale,
/// TestDeploymentController_cleanupDeployment).
@Suite struct DeploymentRollingTests {
    typealias F = Fixtures

    static func run(_ deployment: Deployment, _ replicaSets: [ReplicaSet]) throws -> DeploymentSyncRun {
        var run = try DeploymentSyncRun(deployment: deployment, replicaSets: replicaSets, pods: [], now: F.now)
        run.owned = replicaSets
        return run
    }

    /// The replicas the sync's PUTs leave each ReplicaSet with.
    static func updatedSizes(_ actions: [DeploymentAction]) -> [String: Int] {
        var sizes: [String: Int] = [:]
        for case .updateReplicaSet(let replicaSet) in actions { sizes[replicaSet.name] = replicaSet.replicas }
        return sizes
    }

    /// TestDeploymentController_reconcileNewReplicaSet.
    @Test(arguments: [
        (10, Int64(0), 10, 0, nil),  // should not scale up
        (10, Int64(2), 10, 0, 2),
        (10, Int64(2), 5, 0, 7),
        (10, Int64(2), 10, 2, nil),
        (10, Int64(2), 2, 11, 10),  // should scale down
    ] as [(Int, Int64, Int, Int, Int?)])
    func reconcileNewReplicaSet(
        deploymentReplicas: Int, maxSurge: Int64, oldReplicas: Int, newReplicas: Int, expectedNew: Int?
    ) throws {
        let new = F.replicaSet("foo-new", replicas: newReplicas, selector: ["foo": "new"])
        let old = F.replicaSet("foo-old", replicas: oldReplicas, selector: ["foo": "old"])
        let deployment = F.deployment(replicas: deploymentReplicas, maxSurge: .int(maxSurge), maxUnavailable: 0)
        var run = try Self.run(deployment, [new, old])
        let scaled = try run.reconcileNewReplicaSet(all: [new, old], new: new)
        #expect(scaled == (expectedNew != nil))
        #expect(Self.updatedSizes(run.actions) == (expectedNew.map { ["foo-new": $0] } ?? [:]))
    }

    /// TestDeploymentController_reconcileOldReplicaSets.
    @Test(arguments: [
        (10, Int64(0), 10, 0, 10, 0, 9),
        (10, Int64(2), 10, 0, 10, 0, 8),
        (10, Int64(2), 10, 0, 8, 0, 8),  // unhealthy replicas of old ReplicaSets cleaned up
        (10, Int64(2), 10, 0, 9, 0, 8),  // one unhealthy cleaned up, one ready scaled down
        (10, Int64(2), 8, 2, 8, 0, nil),  // unavailable new pods do not make old ones go further
    ] as [(Int, Int64, Int, Int, Int, Int, Int?)])
    func reconcileOldReplicaSets(
        deploymentReplicas: Int, maxUnavailable: Int64, oldReplicas: Int, newReplicas: Int, availableOld: Int,
        availableNew: Int, expectedOld: Int?
    ) throws {
        let new = F.replicaSet("foo-new", replicas: newReplicas, selector: ["foo": "new"], available: availableNew)
        let old = F.replicaSet("foo-old", replicas: oldReplicas, selector: ["foo": "old"], available: availableOld)
        let deployment = F.deployment(
            replicas: deploymentReplicas, maxSurge: 0, maxUnavailable: .int(maxUnavailable), selector: ["foo": "new"])
        var run = try Self.run(deployment, [old, new])
        let scaled = run.reconcileOldReplicaSets(all: [old, new], old: [old], new: new)
        #expect(scaled == (expectedOld != nil))
        #expect(Self.updatedSizes(run.actions) == (expectedOld.map { ["foo-old": $0] } ?? [:]))
    }

    /// TestDeploymentController_cleanupUnhealthyReplicas.
    @Test(arguments: [(10, 8, 1, 1), (10, 8, 3, 2), (10, 8, 0, 0), (10, 10, 3, 0)])
    func cleanupUnhealthyReplicas(oldReplicas: Int, available: Int, maxCleanupCount: Int, expected: Int) throws {
        let old = F.replicaSet("foo-v2", replicas: oldReplicas, available: available)
        let deployment = F.deployment(replicas: 10, maxSurge: 2, maxUnavailable: 2)
        var run = try Self.run(deployment, [old])
        let (_, cleaned) = run.cleanupUnhealthyReplicas([old], maxCleanupCount: maxCleanupCount)
        #expect(cleaned == expected)
    }

    /// TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate.
    @Test(arguments: [
        (10, Int64(0), 10, 10, 9),
        (10, Int64(2), 10, 10, 8),
        (10, Int64(2), 8, 10, nil),
        (10, Int64(2), 10, 0, nil),
        (10, Int64(2), 1, 10, nil),
    ] as [(Int, Int64, Int, Int, Int?)])
    func scaleDownOldReplicaSetsForRollingUpdate(
        deploymentReplicas: Int, maxUnavailable: Int64, available: Int, oldReplicas: Int, expectedOld: Int?
    ) throws {
        let old = F.replicaSet("foo-v2", replicas: oldReplicas, available: available)
        let deployment = F.deployment(replicas: deploymentReplicas, maxSurge: 0, maxUnavailable: .int(maxUnavailable))
        var run = try Self.run(deployment, [old])
        let scaled = run.scaleDownOldReplicaSetsForRollingUpdate(all: [old], old: [old])
        #expect((scaled > 0) == (expectedOld != nil))
        #expect(Self.updatedSizes(run.actions) == (expectedOld.map { ["foo-v2": $0] } ?? [:]))
    }

    struct ScaleCase: Sendable, CustomTestStringConvertible {
        var name: String
        var replicas: Int
        var oldReplicas: Int
        var maxSurge: Int64 = 0
        var oldMaxSurge: Int64 = 0
        var maxUnavailable: Int64 = 0
        var new: (String, Int)?
        var old: [(String, Int)]
        var expectedNew: Int?
        var expectedOld: [Int]
        var desiredAnnotations: [String: Int] = [:]
        var newAvailable: Int?
        var updatedTemplate = false
        var testDescription: String { name }
    }

    static let newTimestamp = Timestamp(secondsSinceEpoch: 1_463_709_600)  // 2016-05-20T02:00:00Z
    static let oldTimestamp = Timestamp(secondsSinceEpoch: 1_463_706_000)
    static let olderTimestamp = Timestamp(secondsSinceEpoch: 1_463_702_400)

    /// TestScale.
    @Test(arguments: [
        ScaleCase(name: "normal scaling event: 10 -> 12", replicas: 12, oldReplicas: 10,
                  new: ("foo-v1", 10), old: [], expectedNew: 12, expectedOld: []),
        ScaleCase(name: "normal scaling event: 10 -> 5", replicas: 5, oldReplicas: 10,
                  new: ("foo-v1", 10), old: [], expectedNew: 5, expectedOld: []),
        ScaleCase(name: "proportional scaling: 5 -> 10", replicas: 10, oldReplicas: 5,
                  new: ("foo-v2", 2), old: [("foo-v1", 3)], expectedNew: 4, expectedOld: [6]),
        ScaleCase(name: "proportional scaling: 5 -> 3", replicas: 3, oldReplicas: 5,
                  new: ("foo-v2", 2), old: [("foo-v1", 3)], expectedNew: 1, expectedOld: [2]),
        ScaleCase(name: "proportional scaling: 9 -> 4", replicas: 4, oldReplicas: 9,
                  new: ("foo-v2", 8), old: [("foo-v1", 1)], expectedNew: 4, expectedOld: [0]),
        ScaleCase(name: "proportional scaling: 7 -> 10", replicas: 10, oldReplicas: 7,
                  new: ("foo-v3", 2), old: [("foo-v2", 3), ("foo-v1", 2)], expectedNew: 3, expectedOld: [4, 3]),
        ScaleCase(name: "proportional scaling: 13 -> 8", replicas: 8, oldReplicas: 13,
                  new: ("foo-v3", 2), old: [("foo-v2", 8), ("foo-v1", 3)], expectedNew: 1, expectedOld: [5, 2]),
        ScaleCase(name: "leftover distribution: 3 -> 4", replicas: 4, oldReplicas: 3,
                  new: ("foo-v3", 1), old: [("foo-v2", 1), ("foo-v1", 1)], expectedNew: 2, expectedOld: [1, 1]),
        ScaleCase(name: "leftover distribution: 3 -> 2", replicas: 2, oldReplicas: 3,
                  new: ("foo-v3", 1), old: [("foo-v2", 1), ("foo-v1", 1)], expectedNew: 1, expectedOld: [1, 0]),
        ScaleCase(name: "proportional scaling (no new rs): 4 -> 5", replicas: 5, oldReplicas: 4,
                  new: nil, old: [("foo-v2", 2), ("foo-v1", 2)], expectedNew: nil, expectedOld: [3, 2]),
        ScaleCase(name: "proportional scaling: 6 -> 0", replicas: 0, oldReplicas: 6,
                  new: ("foo-v3", 3), old: [("foo-v2", 2), ("foo-v1", 1)], expectedNew: 0, expectedOld: [0, 0]),
        ScaleCase(name: "proportional scaling: 0 -> 6", replicas: 6, oldReplicas: 6,
                  new: ("foo-v3", 0), old: [("foo-v2", 0), ("foo-v1", 0)], expectedNew: 6, expectedOld: [0, 0]),
        ScaleCase(name: "failed rs update", replicas: 5, oldReplicas: 5,
                  new: ("foo-v3", 2), old: [("foo-v2", 1), ("foo-v1", 1)], expectedNew: 2, expectedOld: [2, 1],
                  desiredAnnotations: ["foo-v2": 3]),
        ScaleCase(name: "deployment with surge pods", replicas: 20, oldReplicas: 10, maxSurge: 2, oldMaxSurge: 2,
                  new: ("foo-v2", 6), old: [("foo-v1", 6)], expectedNew: 11, expectedOld: [11]),
        ScaleCase(name: "change both surge and size", replicas: 50, oldReplicas: 10, maxSurge: 6, oldMaxSurge: 3,
                  new: ("foo-v2", 5), old: [("foo-v1", 8)], expectedNew: 22, expectedOld: [34]),
        ScaleCase(name: "change both size and template", replicas: 14, oldReplicas: 10,
                  new: nil, old: [("foo-v2", 7), ("foo-v1", 3)], expectedNew: nil, expectedOld: [10, 4],
                  updatedTemplate: true),
        ScaleCase(name: "saturated but broken new replica set does not affect old pods", replicas: 2, oldReplicas: 2,
                  maxSurge: 1, oldMaxSurge: 1, maxUnavailable: 1,
                  new: ("foo-v2", 2), old: [("foo-v1", 1)], expectedNew: 2, expectedOld: [1], newAvailable: 0),
    ])
    func proportionalScaling(_ test: ScaleCase) throws {
        var deployment = F.deployment(
            replicas: test.replicas, maxSurge: .int(test.maxSurge), maxUnavailable: .int(test.maxUnavailable))
        if test.updatedTemplate { deployment.object[path: ["spec", "template", "metadata", "labels", "another"]] = "label" }
        let oldDeployment = F.deployment(replicas: test.oldReplicas, maxSurge: .int(test.oldMaxSurge))
        let oldSurge = DeploymentSync.maxSurge(oldDeployment)
        func replicaSet(_ name: String, _ replicas: Int, _ created: Timestamp, available: Int? = nil) -> ReplicaSet {
            let desired = test.desiredAnnotations[name] ?? test.oldReplicas
            return F.replicaSet(
                name, replicas: replicas, created: created, available: available ?? 0,
                annotations: [
                    DeploymentSync.desiredReplicasAnnotation: String(desired),
                    DeploymentSync.maxReplicasAnnotation: String(desired + oldSurge),
                ])
        }
        let timestamps = test.new == nil ? [Self.newTimestamp, Self.oldTimestamp] : [Self.oldTimestamp, Self.olderTimestamp]
        let new = test.new.map { replicaSet($0.0, $0.1, Self.newTimestamp, available: test.newAvailable) }
        let old = test.old.enumerated().map { replicaSet($0.element.0, $0.element.1, timestamps[$0.offset]) }

        var run = try Self.run(deployment, old + [new].compactMap { $0 })
        run.scale(new, old)
        let sizes = Self.updatedSizes(run.actions)
        if let new, let expectedNew = test.expectedNew { #expect((sizes[new.name] ?? new.replicas) == expectedNew) }
        #expect(old.map { sizes[$0.name] ?? $0.replicas } == test.expectedOld)
    }

    /// TestDeploymentController_cleanupDeployment: (spec replicas, status replicas) of each old ReplicaSet.
    @Test(arguments: [
        ([(0, 0), (0, 0), (0, 0)], 1, false, 2),
        ([(0, 0), (0, 1), (1, 0), (1, 1)], 0, false, 1),  // only spec = status = 0 goes
        ([(0, 0), (0, 0)], 0, false, 2),
        ([(1, 1), (1, 1)], 0, false, 0),
        ([(0, 0)], 0, true, 0),  // already being deleted
        ([(0, 0), (0, 0), (0, 0)], Int(Int32.max), false, 0),  // unlimited history
    ])
    func cleanupDeployment(sizes: [(Int, Int)], revisionHistoryLimit: Int, deleting: Bool, deletions: Int) throws {
        let old = sizes.enumerated().map { index, size in
            var replicaSet = F.replicaSet("foo-\(index + 1)", replicas: size.0, statusReplicas: size.1)
            if deleting { replicaSet.metadata.deletionTimestamp = F.now }
            return replicaSet
        }
        let deployment = F.deployment(replicas: 1, revisionHistoryLimit: revisionHistoryLimit)
        var run = try Self.run(deployment, old)
        run.cleanupDeployment(old)
        let deleted = run.actions.filter { if case .deleteReplicaSet = $0 { true } else { false } }
        #expect(deleted.count == deletions)
    }

    @Test func historyIsCleanedOldestRevisionFirst() throws {
        let old = [("a", "3"), ("b", "1"), ("c", "2")].map { name, revision in
            F.replicaSet(name, replicas: 0, annotations: [DeploymentSync.revisionAnnotation: revision])
        }
        var run = try Self.run(F.deployment(replicas: 1, revisionHistoryLimit: 1), old)
        run.cleanupDeployment(old)
        #expect(run.actions == [.deleteReplicaSet(old[1]), .deleteReplicaSet(old[2])])
    }
}
