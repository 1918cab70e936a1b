import HollowModel
import Testing

@testable import HollowControllers

/// An in-memory cluster for driving the workload decisions end to end: the API server's part (names, UIDs,
/// generations, creation times, garbage collection of a deleted ReplicaSet's pods) and an instant kubelet (a pod is
/// Running and Ready as soon as it exists). Every write is visible to the next decision, as if the informers kept up.
struct WorkloadWorld {
    var deployment: Deployment
    var replicaSets: [ReplicaSet] = []
    var pods: [Pod] = []
    var now = Fixtures.now
    private var serial = 0

    init(deployment: Deployment) {
        self.deployment = deployment
    }

    mutating func nextName(_ prefix: String) -> String {
        serial += 1
        return prefix + String(serial, radix: 36)
    }

    /// A spec change, as the API server records one: a new generation.
    mutating func updateDeploymentSpec(_ change: (inout Deployment) -> Void) {
        change(&deployment)
        deployment.metadata.generation += 1
    }

    // MARK: - Deployment controller

    @discardableResult
    mutating func syncDeployment() throws -> DeploymentPlan {
        let plan = try DeploymentSync.plan(deployment: deployment, replicaSets: replicaSets, pods: pods, now: now)
        for action in plan.actions { apply(action) }
        return plan
    }

    mutating func apply(_ action: DeploymentAction) {
        switch action {
        case .createReplicaSet(var replicaSet):
            precondition(!replicaSets.contains { $0.name == replicaSet.name }, "AlreadyExists")
            replicaSet.metadata.uid = "uid-" + replicaSet.name
            replicaSet.metadata.creationTimestamp = now
            replicaSet.metadata.generation = 1
            replicaSets.append(replicaSet)
        case .updateReplicaSet(var replicaSet):
            let index = replicaSets.firstIndex { $0.name == replicaSet.name }!
            let stored = replicaSets[index]
            replicaSet.status = stored.status  // the main resource ignores status
            replicaSet.metadata.generation = stored.metadata.generation
            if replicaSet.object["spec"] != stored.object["spec"] { replicaSet.metadata.generation += 1 }
            replicaSets[index] = replicaSet
        case .deleteReplicaSet(let replicaSet):
            replicaSets.removeAll { $0.name == replicaSet.name }
            pods.removeAll { $0.metadata.controllerReference?.uid == replicaSet.metadata.uid }
        case .updateDeploymentStatus(let updated):
            // As the Deployment status subresource: the status and the annotations are written.
            deployment.status = updated.status
            deployment.metadata.annotations = updated.metadata.annotations
        case .adoptReplicaSet(let replicaSet, _):
            let index = replicaSets.firstIndex { $0.name == replicaSet.name }!
            replicaSets[index].metadata.ownerReferences.append(
                WorkloadPodTemplate.controllerReference(to: deployment, apiVersion: "apps/v1", kind: "Deployment"))
        case .releaseReplicaSet(let replicaSet, _):
            let index = replicaSets.firstIndex { $0.name == replicaSet.name }!
            replicaSets[index].metadata.ownerReferences.removeAll { $0.uid == deployment.metadata.uid }
        }
    }

    // MARK: - ReplicaSet controller

    /// One sync of every ReplicaSet, then a second (the informer events of the first would trigger it), so that
    /// their statuses describe the pods as they now are.
    mutating func syncReplicaSets() throws {
        for _ in 0..<2 {
            for name in replicaSets.map(\.name) {
                guard let replicaSet = replicaSets.first(where: { $0.name == name }) else { continue }
                let related = ReplicaSetSync.relatedPods(of: replicaSet, replicaSets: replicaSets, pods: pods)
                let plan = try ReplicaSetSync.plan(replicaSet: replicaSet, pods: pods, relatedPods: related, now: now)
                for action in plan.actions {
                    switch action {
                    case .createPods(let count, let template):
                        for _ in 0..<count { createPod(template) }
                    case .deletePods(let victims):
                        let names = Set(victims.map(\.name))
                        pods.removeAll { names.contains($0.name) }
                    case .adoptPod, .releasePod:
                        Issue.record("unexpected \(action)")
                    }
                }
                if plan.statusNeedsUpdate, let index = replicaSets.firstIndex(where: { $0.name == name }) {
                    replicaSets[index].status = plan.status
                }
            }
        }
    }

    mutating func createPod(_ template: Pod) {
        var pod = template
        pod.metadata.name = nextName(template.metadata.generateName ?? "pod-")
        pod.metadata.uid = "uid-" + pod.metadata.name
        pod.metadata.creationTimestamp = now
        pod.nodeName = "node-1"
        pod.object["status"] = [
            "phase": "Running",
            "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(now.rfc3339)]],
        ]
        pods.append(pod)
    }

    // MARK: - Observations

    /// The pods of the Deployment's ReplicaSets.
    var deploymentPods: [Pod] {
        let uids = Set(replicaSets.compactMap(\.metadata.uid))
        return pods.filter { $0.metadata.controllerReference.map { uids.contains($0.uid) } ?? false }
    }

    func availablePods(minReadySeconds: Int = 0) -> Int {
        deploymentPods.filter { WorkloadPod.isAvailable($0, minReadySeconds: minReadySeconds, now: now) }.count
    }

    /// `kubectl rollout status` for a Deployment (`polymorphichelpers.DeploymentStatusViewer`): its message and
    /// whether the rollout is done; an error message when the progress deadline was exceeded.
    static func rolloutStatus(_ deployment: Deployment) -> (message: String, done: Bool) {
        let status = deployment.status
        let name = deployment.name
        guard deployment.metadata.generation <= status.observedGeneration else {
            return ("Waiting for deployment spec update to be observed...", false)
        }
        if status.conditions.condition(ofType: "Progressing")?.reason == "ProgressDeadlineExceeded" {
            return ("error: deployment \"\(name)\" exceeded its progress deadline", false)
        }
        if status.updatedReplicas < deployment.replicas {
            return (
                "Waiting for deployment \"\(name)\" rollout to finish: \(status.updatedReplicas) out of "
                    + "\(deployment.replicas) new replicas have been updated...", false
            )
        }
        if status.replicas > status.updatedReplicas {
            return (
                "Waiting for deployment \"\(name)\" rollout to finish: \(status.replicas - status.updatedReplicas) old "
                    + "replicas are pending termination...", false
            )
        }
        if status.availableReplicas < status.updatedReplicas {
            return (
                "Waiting for deployment \"\(name)\" rollout to finish: \(status.availableReplicas) of "
                    + "\(status.updatedReplicas) updated replicas are available...", false
            )
        }
        return ("deployment \"\(name)\" successfully rolled out", true)
    }
}
