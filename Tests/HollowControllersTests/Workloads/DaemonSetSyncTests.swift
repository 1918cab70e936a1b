import HollowModel
import Testing

@testable import HollowControllers

/// DaemonSet syncs, after `daemon_controller_test.go` and `update_test.go`.
@Suite struct DaemonSetSyncTests {
    typealias F = Fixtures
    static let labels = ["name": "simple-daemon", "type": "production"]

    static func nodes(_ count: Int) -> [Node] { (0..<count).map { F.node("node-\($0)", labels: labels) } }

    /// A daemon pod of `daemonSet` on `node`, bound, ready since a minute ago.
    static func daemonPod(
        _ name: String, _ daemonSet: DaemonSet, node: String?, hash: String, created: Timestamp = F.time(600),
        ready: Bool = true, phase: String = "Running", target: String? = nil
    ) -> Pod {
        var pod = F.pod(
            name, node: node, phase: phase, ready: ready, readySince: F.time(60), created: created,
            labels: labels.merging(["controller-revision-hash": hash]) { $1 },
            owner: WorkloadPodTemplate.controllerReference(to: daemonSet, apiVersion: "apps/v1", kind: "DaemonSet"))
        if let target {
            pod.object[path: ["spec", "affinity"]] = DaemonSetPlacement.pinningAffinity(nil, toNode: target)
        }
        return pod
    }

    /// The DaemonSet with its current revision, as after a first sync.
    static func established(_ daemonSet: DaemonSet) throws -> (ControllerRevision, String) {
        let plan = try DaemonSetSync.plan(daemonSet: daemonSet, nodes: [], pods: [], controllerRevisions: [], now: F.now)
        guard case .createControllerRevision(var revision)? = plan.actions.first else {
            throw WorkloadError.invalidIntOrPercent("no revision")
        }
        revision.metadata.uid = "uid-" + revision.name
        return (revision, plan.hash)
    }

    static func created(_ plan: DaemonSetPlan) -> [String] {
        plan.actions.flatMap { action -> [String] in
            if case .createPods(let pods) = action { return pods.compactMap(DaemonSetPlacement.targetNodeName) }
            return []
        }
    }

    static func deleted(_ plan: DaemonSetPlan) -> [String] {
        plan.actions.flatMap { action -> [String] in
            if case .deletePods(let pods) = action { return pods.map(\.name) }
            return []
        }
    }

    @Test func theFirstSyncSnapshotsTheTemplateAndCreatesAPodPerNode() throws {
        let daemonSet = F.daemonSet()
        let plan = try DaemonSetSync.plan(
            daemonSet: daemonSet, nodes: Self.nodes(3), pods: [], controllerRevisions: [], now: F.now)
        guard case .createControllerRevision(let revision)? = plan.actions.first else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        let hash = WorkloadHash.computeHash(template: daemonSet.template!, collisionCount: nil)
        #expect(plan.hash == hash)
        #expect(revision.name == "ds-\(hash)")
        #expect(revision.revision == 1)
        #expect(revision.metadata.labels == Self.labels.merging(["controller-revision-hash": hash]) { $1 })
        #expect(revision.object[path: ["metadata", "annotations"]] == nil)
        #expect(revision.data?[path: ["spec", "template", "$patch"]] == "replace")
        #expect(revision.data?[path: ["spec", "template", "spec"]] == daemonSet.template?["spec"])
        #expect(revision.metadata.controllerReference?.kind == "DaemonSet")
        #expect(Self.created(plan) == ["node-0", "node-1", "node-2"])
        #expect(plan.status.desiredNumberScheduled == 3)
        #expect(plan.status.numberUnavailable == 3)
        #expect(plan.status.observedGeneration == 1)
        #expect(plan.statusNeedsUpdate)
    }

    @Test func podsGoWhereTheyShouldAndOnlyThere() throws {
        var daemonSet = F.daemonSet()
        daemonSet.object[path: ["spec", "template", "spec", "nodeSelector"]] = ["disk": "ssd"]
        let (revision, hash) = try Self.established(daemonSet)
        let nodes = [
            F.node("ssd-empty", labels: ["disk": "ssd"]),
            F.node("ssd-twice", labels: ["disk": "ssd"]),
            F.node("ssd-failed", labels: ["disk": "ssd"]),
            F.node("hdd", labels: ["disk": "hdd"]),
        ]
        let pods = [
            Self.daemonPod("twice-old", daemonSet, node: "ssd-twice", hash: hash, created: F.time(900)),
            Self.daemonPod("twice-new", daemonSet, node: "ssd-twice", hash: hash, created: F.time(100)),
            Self.daemonPod("failed", daemonSet, node: "ssd-failed", hash: hash, ready: false, phase: "Failed"),
            Self.daemonPod("misplaced", daemonSet, node: "hdd", hash: hash),
            Self.daemonPod("lost", daemonSet, node: nil, hash: hash, target: "gone-node"),
        ]
        let plan = try DaemonSetSync.plan(
            daemonSet: daemonSet, nodes: nodes, pods: pods, controllerRevisions: [revision], now: F.now)
        #expect(Self.created(plan) == ["ssd-empty"])
        #expect(Set(Self.deleted(plan)) == ["twice-new", "failed", "misplaced", "lost"])
        #expect(plan.status.desiredNumberScheduled == 3)
        #expect(plan.status.currentNumberScheduled == 2)
        #expect(plan.status.numberMisscheduled == 1)
        #expect(plan.status.numberReady == 1)  // the oldest pod on ssd-twice; the failed pod is not ready
        #expect(plan.status.numberAvailable == 1)
        #expect(plan.status.updatedNumberScheduled == 2)
        #expect(plan.status.numberUnavailable == 2)
    }

    @Test func orphanPodsMatchingTheSelectorAreAdopted() throws {
        let daemonSet = F.daemonSet()
        let (revision, _) = try Self.established(daemonSet)
        let orphan = F.pod("orphan", node: "node-0", ready: true, labels: Self.labels)
        let plan = try DaemonSetSync.plan(
            daemonSet: daemonSet, nodes: Self.nodes(1), pods: [orphan], controllerRevisions: [revision], now: F.now)
        #expect(plan.actions.contains {
            if case .adoptPod(let pod, _) = $0 { return pod.name == "orphan" }
            return false
        })
        #expect(Self.created(plan).isEmpty)  // the adopted pod covers node-0
    }

    /// TestDaemonSetUpdatesPods: with maxUnavailable N, N old pods at a time are deleted for manage to replace.
    @Test(arguments: [(JSON.int(1), 1), (JSON.int(2), 2), (JSON.string("50%"), 3), (JSON.int(0), 1)])
    func rollingUpdateDeletesOldPodsWithinMaxUnavailable(maxUnavailable: JSON, deletions: Int) throws {
        let old = F.daemonSet(maxUnavailable: maxUnavailable)
        let (_, oldHash) = try Self.established(old)
        var daemonSet = old
        daemonSet.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "agent:2"]]
        daemonSet.metadata.generation = 2
        let nodes = Self.nodes(5)
        let pods = nodes.map { Self.daemonPod("p-\($0.name)", daemonSet, node: $0.name, hash: oldHash) }
        let plan = try DaemonSetSync.plan(daemonSet: daemonSet, nodes: nodes, pods: pods, controllerRevisions: [], now: F.now)
        #expect(Self.created(plan).isEmpty)
        #expect(Self.deleted(plan).count == deletions)
        #expect(plan.status.updatedNumberScheduled == 0)
    }

    @Test func unavailableNewPodsUseUpTheBudgetAndUnavailableOldPodsAreReplacedAnyway() throws {
        let old = F.daemonSet(maxUnavailable: 1)
        let (_, oldHash) = try Self.established(old)
        var daemonSet = old
        daemonSet.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "agent:2"]]
        let newHash = WorkloadHash.computeHash(template: daemonSet.template!, collisionCount: nil)
        let nodes = Self.nodes(4)
        let pods = [
            Self.daemonPod("new-starting", daemonSet, node: "node-0", hash: newHash, ready: false),
            Self.daemonPod("old-broken", daemonSet, node: "node-1", hash: oldHash, ready: false),
            Self.daemonPod("old-a", daemonSet, node: "node-2", hash: oldHash),
            Self.daemonPod("old-b", daemonSet, node: "node-3", hash: oldHash),
        ]
        let plan = try DaemonSetSync.plan(daemonSet: daemonSet, nodes: nodes, pods: pods, controllerRevisions: [], now: F.now)
        #expect(Self.deleted(plan) == ["old-broken"])
    }

    @Test func surgeCreatesBesideOldPodsAndDeletesThemOnceReplaced() throws {
        let old = F.daemonSet(maxUnavailable: 0, maxSurge: 1)
        let (_, oldHash) = try Self.established(old)
        var daemonSet = old
        daemonSet.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "agent:2"]]
        let newHash = WorkloadHash.computeHash(template: daemonSet.template!, collisionCount: nil)
        let nodes = Self.nodes(3)
        let allOld = nodes.map { Self.daemonPod("old-\($0.name)", daemonSet, node: $0.name, hash: oldHash) }
        let first = try DaemonSetSync.plan(
            daemonSet: daemonSet, nodes: nodes, pods: allOld, controllerRevisions: [], now: F.now)
        #expect(Self.created(first) == ["node-0"])
        #expect(Self.deleted(first).isEmpty)

        let surged = allOld + [Self.daemonPod("new-node-0", daemonSet, node: "node-0", hash: newHash, created: F.time(30))]
        let second = try DaemonSetSync.plan(
            daemonSet: daemonSet, nodes: nodes, pods: surged, controllerRevisions: [], now: F.now)
        #expect(Self.deleted(second) == ["old-node-0"])  // manage: the new pod is available, the old one goes
        #expect(Self.created(second).isEmpty)
    }

    @Test func aTemplateChangeAddsARevisionAndOldOnesBeyondTheLimitGoUnlessInUse() throws {
        var daemonSet = F.daemonSet()
        daemonSet.object[path: ["spec", "revisionHistoryLimit"]] = 1
        var revisions: [ControllerRevision] = []
        for (index, image) in ["agent:1", "agent:2", "agent:3"].enumerated() {
            var old = daemonSet
            old.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": .string(image)]]
            var (revision, _) = try Self.established(old)
            revision.revision = Int64(index + 1)
            revisions.append(revision)
        }
        daemonSet.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "agent:4"]]
        let inUse = Self.daemonPod(
            "p", daemonSet, node: "node-0", hash: revisions[0].metadata.labels["controller-revision-hash"]!)
        let plan = try DaemonSetSync.plan(
            daemonSet: daemonSet, nodes: Self.nodes(1), pods: [inUse], controllerRevisions: revisions, now: F.now)
        guard case .createControllerRevision(let current)? = plan.actions.first else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        #expect(current.revision == 4)
        let deletedRevisions = plan.actions.compactMap { action -> String? in
            if case .deleteControllerRevision(let revision) = action { return revision.name }
            return nil
        }
        // Two of the three old revisions must go: revision 1 is still used by a pod, so 2 and 3 do.
        #expect(deletedRevisions == [revisions[1].name, revisions[2].name])
    }

    @Test func theCurrentRevisionIsReusedWithTheNextNumberOnRollback() throws {
        let daemonSet = F.daemonSet()
        var (first, _) = try Self.established(daemonSet)
        first.revision = 1
        var other = daemonSet
        other.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "agent:2"]]
        var (second, _) = try Self.established(other)
        second.revision = 2
        let plan = try DaemonSetSync.plan(
            daemonSet: daemonSet, nodes: [], pods: [], controllerRevisions: [first, second], now: F.now)
        guard case .updateControllerRevision(let updated)? = plan.actions.first else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        #expect(updated.name == first.name)
        #expect(updated.revision == 3)
    }

    @Test func aRevisionNameTakenByAnotherTemplateBumpsTheCollisionCount() throws {
        let daemonSet = F.daemonSet()
        var (squatter, _) = try Self.established(daemonSet)
        squatter.object["data"] = ["spec": ["template": ["$patch": "replace"]]]
        squatter.metadata.ownerReferences = []
        squatter.metadata.labels = ["other": "labels"]
        let plan = try DaemonSetSync.plan(
            daemonSet: daemonSet, nodes: Self.nodes(1), pods: [], controllerRevisions: [squatter], now: F.now)
        guard case .updateDaemonSetStatus(let updated)? = plan.actions.last, plan.actions.count == 1 else {
            Issue.record("unexpected actions \(plan.actions)")
            return
        }
        #expect(updated.status.collisionCount == 1)
        #expect(plan.requeueAfter == .zero)
    }

    @Test func pendingExpectationsOnlyUpdateStatusWithoutObservingTheGeneration() throws {
        var daemonSet = F.daemonSet(generation: 3)
        let (revision, _) = try Self.established(daemonSet)
        daemonSet.metadata.generation = 3
        let plan = try DaemonSetSync.plan(
            daemonSet: daemonSet, nodes: Self.nodes(2), pods: [], controllerRevisions: [revision],
            expectationsSatisfied: false, now: F.now)
        #expect(plan.actions.isEmpty)
        #expect(plan.status.desiredNumberScheduled == 2)
        #expect(plan.status.observedGeneration == 0)
    }

    /// A DaemonSet rollout on five nodes with maxUnavailable 2, driven to the end: never more than two nodes without an
    /// available pod, and `kubectl rollout status` reports success.
    @Test func aRollingUpdateCompletesWithinMaxUnavailable() throws {
        var daemonSet = F.daemonSet(maxUnavailable: 2)
        let nodes = Self.nodes(5)
        var pods: [Pod] = []
        var revisions: [ControllerRevision] = []
        var now = F.now
        var serial = 0

        func sync() throws {
            let plan = try DaemonSetSync.plan(
                daemonSet: daemonSet, nodes: nodes, pods: pods, controllerRevisions: revisions, now: now)
            for action in plan.actions {
                switch action {
                case .createControllerRevision(var revision):
                    revision.metadata.uid = "uid-" + revision.name
                    revisions.append(revision)
                case .updateControllerRevision(let revision):
                    revisions = revisions.map { $0.name == revision.name ? revision : $0 }
                case .deleteControllerRevision(let revision):
                    revisions.removeAll { $0.name == revision.name }
                case .createPods(let created):
                    for var pod in created {
                        serial += 1
                        pod.metadata.name = "ds-\(serial)"
                        pod.metadata.uid = "uid-ds-\(serial)"
                        pod.metadata.creationTimestamp = now
                        pod.nodeName = DaemonSetPlacement.targetNodeName(pod)  // the scheduler binds it
                        pod.object["status"] = [
                            "phase": "Running",
                            "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(now.rfc3339)]],
                        ]
                        pods.append(pod)
                    }
                case .deletePods(let victims):
                    let names = Set(victims.map(\.name))
                    pods.removeAll { names.contains($0.name) }
                default:
                    Issue.record("unexpected \(action)")
                }
            }
            if plan.statusNeedsUpdate { daemonSet.status = plan.status }
            let covered = Set(pods.compactMap(\.nodeName)).count
            #expect(nodes.count - covered <= 2 || daemonSet.status.updatedNumberScheduled == 0 && pods.isEmpty)
            now = now.adding(.seconds(1))
        }

        for _ in 0..<3 { try sync() }
        #expect(pods.count == 5)
        daemonSet.object[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "agent:2"]]
        daemonSet.metadata.generation = 2
        for _ in 0..<12 { try sync() }

        let status = daemonSet.status
        #expect(status.observedGeneration == 2)
        #expect(status.updatedNumberScheduled == status.desiredNumberScheduled)
        #expect(status.numberAvailable == status.desiredNumberScheduled)
        #expect(status.desiredNumberScheduled == 5)
        #expect(pods.allSatisfy { $0.object[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "agent:2" })
        #expect(revisions.count == 2)
    }
}
