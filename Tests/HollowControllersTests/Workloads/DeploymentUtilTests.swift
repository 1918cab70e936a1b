import HollowModel
import Testing

@testable import HollowControllers

/// Tables re-expressed from `deployment/util/deployment_util_test.go`.
@Suite struct DeploymentUtilTests {
    typealias F = Fixtures

    @Test(arguments: [
        (JSON.string("0%"), JSON.string("0%"), 0, 0, 1),
        (JSON.string("39%"), JSON.string("39%"), 10, 4, 3),
        (nil, JSON.string("39%"), 10, 0, 3),
        (JSON.string("39%"), nil, 10, 4, 0),
        (nil, nil, 10, 0, 1),
    ] as [(JSON?, JSON?, Int, Int, Int)])
    func resolveFenceposts(maxSurge: JSON?, maxUnavailable: JSON?, desired: Int, surge: Int, unavailable: Int) throws {
        let resolved = try DeploymentSync.resolveFenceposts(
            maxSurge: maxSurge, maxUnavailable: maxUnavailable, desired: desired)
        #expect(resolved.surge == surge)
        #expect(resolved.unavailable == unavailable)
    }

    @Test(arguments: [(JSON.string("oops"), JSON.string("39%")), (JSON.string("55%"), JSON.string("urg"))])
    func malformedFencepostsAreErrors(maxSurge: JSON, maxUnavailable: JSON) {
        #expect(throws: WorkloadError.self) {
            try DeploymentSync.resolveFenceposts(maxSurge: maxSurge, maxUnavailable: maxUnavailable, desired: 10)
        }
    }

    /// TestNewRSNewReplicas: the other ReplicaSet holds 5 replicas.
    @Test(arguments: [
        ("can not scale up - to newRSReplicas", "RollingUpdate", 1, 5, 1, 5),
        ("scale up - to depReplicas", "RollingUpdate", 6, 2, 10, 6),
        ("recreate - to depReplicas", "Recreate", 3, 1, 1, 3),
    ])
    func newReplicaSetReplicas(
        name: String, strategy: String, deploymentReplicas: Int, newReplicas: Int, maxSurge: Int64, expected: Int
    ) throws {
        var deployment = F.deployment(replicas: deploymentReplicas, maxSurge: .int(maxSurge), maxUnavailable: 1)
        deployment.object[path: ["spec", "strategy", "type"]] = .string(strategy)
        let other = F.replicaSet("rs5", replicas: 5)
        let new = F.replicaSet("new", replicas: newReplicas)
        #expect(
            try DeploymentSync.newReplicaSetReplicas(deployment: deployment, allReplicaSets: [other], newReplicaSet: new)
                == expected)
    }

    @Test(arguments: [
        ("maxUnavailable less than replicas", 10, JSON.int(5), 5),
        ("maxUnavailable equal replicas", 10, JSON.int(10), 10),
        ("maxUnavailable greater than replicas", 5, JSON.int(10), 5),
        ("maxUnavailable with replicas is 0", 0, JSON.int(10), 0),
        ("maxUnavailable less than replicas with percents", 10, JSON.string("50%"), 5),
        ("maxUnavailable equal replicas with percents", 10, JSON.string("100%"), 10),
        ("maxUnavailable greater than replicas with percents", 5, JSON.string("100%"), 5),
    ])
    func maxUnavailable(name: String, replicas: Int, maxUnavailable: JSON, expected: Int) {
        let deployment = F.deployment(replicas: replicas, maxSurge: 1, maxUnavailable: maxUnavailable)
        #expect(DeploymentSync.maxUnavailable(deployment) == expected)
    }

    @Test(arguments: [
        ("replicas greater than maxUnavailable", 10, JSON.int(5), 5),
        ("replicas equal maxUnavailable", 10, JSON.int(10), 0),
        ("replicas less than maxUnavailable", 5, JSON.int(10), 0),
        ("replicas is 0", 0, JSON.int(10), 0),
        ("replicas greater than maxUnavailable with percents", 10, JSON.string("60%"), 4),
        ("replicas equal maxUnavailable with percents", 10, JSON.string("100%"), 0),
        ("replicas less than maxUnavailable with percents", 5, JSON.string("100%"), 0),
    ])
    func minAvailable(name: String, replicas: Int, maxUnavailable: JSON, expected: Int) {
        let deployment = F.deployment(replicas: replicas, maxSurge: 1, maxUnavailable: maxUnavailable)
        #expect(DeploymentSync.minAvailable(deployment) == expected)
    }

    @Test func recreateHasNoSurgeOrUnavailability() {
        let deployment = F.deployment(replicas: 10, strategy: "Recreate")
        #expect(DeploymentSync.maxUnavailable(deployment) == 0)
        #expect(DeploymentSync.maxSurge(deployment) == 0)
        #expect(DeploymentSync.minAvailable(deployment) == 0)
    }

    /// TestGetReplicaSetFraction.
    @Test(arguments: [
        ("empty deployment always scales to 0", 0, 0, 0, 10, nil, -10),
        ("unsynced deployment does not scale when max-replicas annotation is missing", 10, 0, 0, 5, nil, 0),
        ("unsynced deployment does not scale when max-replicas annotation is 0", 10, 0, 0, 5, "0", 0),
        ("scale up by 1/5 when max-replicas annotation is missing", 120, 100, 0, 50, nil, 10),
        ("scale up by 1/5 when max-replicas annotation is 0", 120, 100, 0, 50, "0", 10),
        ("scale up by 1/5 should increase RS replicas by 1/5", 120, 0, 0, 50, "100", 10),
        ("scale up with maxSurge by 1/5 should increase RS replicas approximately by 1/5", 120, 0, 10, 50, "110", 9),
        ("scale down by 1/6 should decrease RS replicas by 1/6", 10, 0, 0, 6, "12", -1),
        ("scale down with maxSurge by 1/6 should decrease RS replicas approximately by 1/6", 100, 0, 10, 50, "130", -8),
    ] as [(String, Int, Int, Int64, Int, String?, Int)])
    func replicaSetFraction(
        name: String, replicas: Int, statusReplicas: Int, maxSurge: Int64, rsReplicas: Int, maxReplicas: String?,
        expected: Int
    ) {
        let deployment = F.deployment(
            replicas: replicas, maxSurge: .int(maxSurge), maxUnavailable: 1, statusReplicas: statusReplicas)
        let replicaSet = F.replicaSet(
            "rs", replicas: rsReplicas,
            annotations: maxReplicas.map { [DeploymentSync.maxReplicasAnnotation: $0] } ?? [:])
        #expect(DeploymentSync.replicaSetFraction(replicaSet, deployment: deployment) == expected)
    }

    static func completeness(
        desired: Int, current: Int, updated: Int, available: Int, maxUnavailable: Int64, maxSurge: Int64
    ) -> Deployment {
        var deployment = F.deployment(replicas: desired, maxSurge: .int(maxSurge), maxUnavailable: .int(maxUnavailable))
        var status = DeploymentStatus()
        status.replicas = current
        status.updatedReplicas = updated
        status.availableReplicas = available
        status.observedGeneration = deployment.metadata.generation
        deployment.status = status
        return deployment
    }

    /// TestDeploymentComplete.
    @Test(arguments: [
        ("not complete: min but not all pods become available", completeness(desired: 5, current: 5, updated: 5, available: 4, maxUnavailable: 1, maxSurge: 0), false),
        ("not complete: min availability is not honored", completeness(desired: 5, current: 5, updated: 5, available: 3, maxUnavailable: 1, maxSurge: 0), false),
        ("complete", completeness(desired: 5, current: 5, updated: 5, available: 5, maxUnavailable: 0, maxSurge: 0), true),
        ("not complete: all pods are available but not updated", completeness(desired: 5, current: 5, updated: 4, available: 5, maxUnavailable: 0, maxSurge: 0), false),
        ("not complete: still running old pods", completeness(desired: 1, current: 2, updated: 1, available: 1, maxUnavailable: 0, maxSurge: 1), false),
        ("not complete: one replica deployment never comes up", completeness(desired: 1, current: 1, updated: 1, available: 0, maxUnavailable: 1, maxSurge: 1), false),
    ])
    func deploymentComplete(name: String, deployment: Deployment, expected: Bool) {
        #expect(DeploymentSync.deploymentComplete(deployment, status: deployment.status) == expected)
    }

    static func counts(_ current: Int, _ updated: Int, _ ready: Int, _ available: Int) -> DeploymentStatus {
        var status = DeploymentStatus()
        status.replicas = current
        status.updatedReplicas = updated
        status.readyReplicas = ready
        status.availableReplicas = available
        return status
    }

    /// TestDeploymentProgressing.
    @Test(arguments: [
        ("progressing: updated pods", counts(10, 4, 4, 4), counts(10, 6, 4, 4), true),
        ("not progressing", counts(10, 4, 4, 4), counts(10, 4, 4, 4), false),
        ("progressing: old pods removed", counts(10, 4, 6, 6), counts(8, 4, 6, 6), true),
        ("not progressing: less new pods", counts(10, 7, 3, 3), counts(10, 6, 3, 3), false),
        ("progressing: less overall but more new pods", counts(10, 4, 7, 7), counts(8, 8, 5, 5), true),
        ("progressing: more ready pods", counts(10, 10, 9, 8), counts(10, 10, 10, 8), true),
        ("progressing: more available pods", counts(10, 10, 10, 9), counts(10, 10, 10, 10), true),
    ])
    func deploymentProgressing(name: String, old: DeploymentStatus, new: DeploymentStatus, expected: Bool) {
        var deployment = F.deployment(replicas: 10)
        deployment.status = old
        #expect(DeploymentSync.deploymentProgressing(deployment, status: new) == expected)
    }

    /// TestDeploymentTimedOut: progress last reported at 00:01:09 or 00:01:11, now 00:01:20.
    @Test(arguments: [
        ("nil progressDeadlineSeconds specified - no timeout", nil, Int64(69), "", false),
        ("infinite progressDeadlineSeconds specified - no timeout", Int(Int32.max), Int64(69), "", false),
        ("progressDeadlineSeconds: 10s, now - started => 11s", 10, Int64(69), "", true),
        ("progressDeadlineSeconds: 10s, now - started => 9s", 10, Int64(71), "", false),
        ("previous status was a complete deployment", 10, Int64(0), "NewReplicaSetAvailable", false),
        ("already timed out", 10, Int64(80), "ProgressDeadlineExceeded", true),
    ] as [(String, Int?, Int64, String, Bool)])
    func deploymentTimedOut(name: String, deadline: Int?, lastUpdate: Int64, reason: String, expected: Bool) {
        let deployment = F.deployment(replicas: 1, progressDeadlineSeconds: deadline)
        let base = Timestamp(secondsSinceEpoch: 1_451_606_400)  // 2016-01-01T00:00:00Z
        var status = DeploymentStatus()
        status.conditions = [
            WorkloadCondition(
                type: "Progressing", status: "True", reason: reason, message: "",
                lastUpdateTime: Timestamp(secondsSinceEpoch: base.secondsSinceEpoch + lastUpdate))
        ]
        let now = Timestamp(secondsSinceEpoch: base.secondsSinceEpoch + 80)
        #expect(DeploymentSync.deploymentTimedOut(deployment, status: status, now: now) == expected)
    }

    static func podTemplate(_ name: String, _ node: String, _ annotations: [String: String], _ labels: [String: String]) -> JSON {
        ["metadata": ["name": .string(name), "annotations": F.stringMap(annotations), "labels": F.stringMap(labels)],
         "spec": ["nodeName": .string(node)]]
    }

    /// TestEqualIgnoreHash, each case in both orders.
    @Test(arguments: [
        ("Same spec, same labels",
         podTemplate("foo", "foo-node", [:], ["pod-template-hash": "value-1", "something": "else"]),
         podTemplate("foo", "foo-node", [:], ["pod-template-hash": "value-1", "something": "else"]), true),
        ("Same spec, only pod-template-hash label value is different",
         podTemplate("foo", "foo-node", [:], ["pod-template-hash": "value-1", "something": "else"]),
         podTemplate("foo", "foo-node", [:], ["pod-template-hash": "value-2", "something": "else"]), true),
        ("Same spec, the former doesn't have pod-template-hash label",
         podTemplate("foo", "foo-node", [:], ["something": "else"]),
         podTemplate("foo", "foo-node", [:], ["pod-template-hash": "value-2", "something": "else"]), true),
        ("Same spec, the label is different, the former doesn't have pod-template-hash label, same number of labels",
         podTemplate("foo", "foo-node", [:], ["something": "else"]),
         podTemplate("foo", "foo-node", [:], ["pod-template-hash": "value-2"]), false),
        ("Same spec, the label is different, the latter doesn't have pod-template-hash label, same number of labels",
         podTemplate("foo", "foo-node", [:], ["pod-template-hash": "value-1"]),
         podTemplate("foo", "foo-node", [:], ["something": "else"]), false),
        ("Same spec, the label is different, and the pod-template-hash label value is the same",
         podTemplate("foo", "foo-node", [:], ["pod-template-hash": "value-1"]),
         podTemplate("foo", "foo-node", [:], ["pod-template-hash": "value-1", "something": "else"]), false),
        ("Different spec, same labels",
         podTemplate("foo", "foo-node", ["former": "value"], ["pod-template-hash": "value-1", "something": "else"]),
         podTemplate("foo", "foo-node", ["latter": "value"], ["pod-template-hash": "value-1", "something": "else"]), false),
        ("Different spec, different pod-template-hash label value",
         podTemplate("foo-1", "foo-node", [:], ["pod-template-hash": "value-1", "something": "else"]),
         podTemplate("foo-2", "foo-node", [:], ["pod-template-hash": "value-2", "something": "else"]), false),
        ("Different spec, the former doesn't have pod-template-hash label",
         podTemplate("foo-1", "foo-node-1", [:], ["something": "else"]),
         podTemplate("foo-2", "foo-node-2", [:], ["pod-template-hash": "value-2", "something": "else"]), false),
        ("Different spec, different labels",
         podTemplate("foo", "foo-node-1", [:], ["something": "else"]),
         podTemplate("foo", "foo-node-2", [:], ["nothing": "else"]), false),
    ])
    func equalIgnoringHash(name: String, former: JSON, latter: JSON, expected: Bool) {
        #expect(DeploymentSync.equalIgnoringHash(former, latter) == expected)
        #expect(DeploymentSync.equalIgnoringHash(latter, former) == expected)
    }

    /// TestFindNewReplicaSet / TestFindOldReplicaSets.
    @Test func theOldestReplicaSetWithTheTemplateIsTheNewOne() {
        let deployment = F.deployment(replicas: 1)
        func matching(_ name: String, _ hash: String, _ created: Timestamp) -> ReplicaSet {
            var replicaSet = F.replicaSet(name, replicas: 1, created: created, template: deployment.template)
            replicaSet.object[path: ["spec", "template", "metadata", "labels", "pod-template-hash"]] = .string(hash)
            return replicaSet
        }
        let newRS = matching("new", "hash", F.now.adding(.seconds(60)))
        let newRSDup = matching("new-dup", "different-hash", F.now)
        let oldRS = F.replicaSet(
            "old", replicas: 0, created: F.time(60), template: F.template(labels: ["foo": "bar"], image: "nginx:old"))

        #expect(DeploymentSync.findNewReplicaSet(deployment: deployment, replicaSets: [newRS, oldRS])?.name == "new")
        #expect(DeploymentSync.findNewReplicaSet(deployment: deployment, replicaSets: [newRS, oldRS, newRSDup])?.name == "new-dup")
        #expect(DeploymentSync.findNewReplicaSet(deployment: deployment, replicaSets: [oldRS]) == nil)

        let (required, all) = DeploymentSync.findOldReplicaSets(deployment: deployment, replicaSets: [oldRS, newRS, newRSDup])
        #expect(all.map(\.name) == ["old", "new"])
        #expect(required.map(\.name) == ["new"])
    }

    /// TestAnnotationUtils/SetNewReplicaSetAnnotations: a 5-character history keeps the last two revisions.
    @Test func revisionHistoryKeepsWhatFitsTheLimit() {
        var deployment = F.deployment(replicas: 1)
        deployment.metadata.annotations = [DeploymentSync.revisionAnnotation: "1"]
        var replicaSet = F.replicaSet("rs", replicas: 1)
        for i in Int64(10)..<20 {
            _ = DeploymentSync.setNewReplicaSetAnnotations(
                deployment: deployment, replicaSet: &replicaSet, newRevision: i + 1, exists: true,
                historyLimitInCharacters: 5)
            if i >= 12 {
                #expect(replicaSet.metadata.annotations[DeploymentSync.revisionHistoryAnnotation] == "\(i - 1),\(i)")
            }
            #expect(replicaSet.metadata.annotations[DeploymentSync.revisionAnnotation] == "\(i + 1)")
        }
    }

    @Test func replicaSetsCopyTheDeploymentsAnnotationsButTheSkippedOnes() {
        var deployment = F.deployment(replicas: 2, maxSurge: 1)
        deployment.metadata.annotations = [
            "kubernetes.io/change-cause": "set image", DeploymentSync.revisionAnnotation: "9",
            "kubectl.kubernetes.io/last-applied-configuration": "{}",
        ]
        var replicaSet = F.replicaSet("rs", replicas: 0)
        let changed = DeploymentSync.setNewReplicaSetAnnotations(
            deployment: deployment, replicaSet: &replicaSet, newRevision: 3, exists: false)
        #expect(changed)
        #expect(replicaSet.metadata.annotations == [
            "kubernetes.io/change-cause": "set image", DeploymentSync.revisionAnnotation: "3",
            DeploymentSync.desiredReplicasAnnotation: "2", DeploymentSync.maxReplicasAnnotation: "3",
        ])
    }

    /// TestReplicasAnnotationsNeedUpdate.
    @Test(arguments: [
        ([String: String](), true),
        ([DeploymentSync.desiredReplicasAnnotation: "8", DeploymentSync.maxReplicasAnnotation: "20"], true),
        ([DeploymentSync.desiredReplicasAnnotation: "10", DeploymentSync.maxReplicasAnnotation: "16"], true),
        ([DeploymentSync.desiredReplicasAnnotation: "10", DeploymentSync.maxReplicasAnnotation: "20"], false),
    ])
    func replicasAnnotationsNeedUpdate(annotations: [String: String], expected: Bool) {
        let replicaSet = F.replicaSet("hello", replicas: 1, annotations: annotations)
        #expect(DeploymentSync.replicasAnnotationsNeedUpdate(replicaSet, desired: 10, max: 20) == expected)
    }

    @Test func saturatedMeansSizedBelievedAndAvailable() {
        let deployment = F.deployment(replicas: 1)
        var replicaSet = F.replicaSet(
            "rs", replicas: 1, available: 1, annotations: [DeploymentSync.desiredReplicasAnnotation: "1"])
        #expect(DeploymentSync.isSaturated(deployment: deployment, replicaSet: replicaSet))
        replicaSet.metadata.annotations = [DeploymentSync.desiredReplicasAnnotation: "2"]
        #expect(!DeploymentSync.isSaturated(deployment: deployment, replicaSet: replicaSet))
        #expect(!DeploymentSync.isSaturated(deployment: deployment, replicaSet: nil))
    }

    @Test func theNewReplicaSetIsNamedAndLabelledWithTheHash() {
        var deployment = F.deployment("web", replicas: 3, selector: ["app": "web"])
        deployment.object[path: ["spec", "minReadySeconds"]] = 5
        let replicaSet = DeploymentSync.newReplicaSet(deployment: deployment, hash: "7d4b9c8f5", replicas: 2)
        #expect(replicaSet.name == "web-7d4b9c8f5")
        #expect(replicaSet.namespace == "default")
        #expect(replicaSet.metadata.labels == ["app": "web", "pod-template-hash": "7d4b9c8f5"])
        #expect(replicaSet.selector == ["matchLabels": ["app": "web", "pod-template-hash": "7d4b9c8f5"]])
        #expect(replicaSet.template?[path: ["metadata", "labels"]] == ["app": "web", "pod-template-hash": "7d4b9c8f5"])
        #expect(replicaSet.template?["spec"] == deployment.template?["spec"])
        #expect(replicaSet.replicas == 2)
        #expect(replicaSet.minReadySeconds == 5)
        let owner = replicaSet.metadata.controllerReference
        #expect(owner?.kind == "Deployment" && owner?.name == "web" && owner?.uid == "uid-web")
        #expect(owner?.blockOwnerDeletion == true)
        #expect(DeploymentSync.equalIgnoringHash(replicaSet.template, deployment.template))
    }
}
