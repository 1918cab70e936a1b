import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// kube-controller-manager's Deployment controller (`pkg/controller/deployment`): rolls each Deployment's template
/// out through ReplicaSets it owns (RollingUpdate or Recreate), scales them proportionally, cleans up old ones, and
/// reports progress in its status.
enum DeploymentController {
    /// The controller, watching Deployments, ReplicaSets and pods through the shared informers.
    static func make(_ context: ControllerContext) throws -> [any Service] {
        let reconciler = DeploymentReconciler(context)
        let controller = Controller(
            name: "deployment", workers: context.options.workers, reconciler: reconciler, clock: context.clock,
            logger: context.logger)
        reconciler.register(with: controller)
        return [controller]
    }
}

/// One sync of a Deployment (`syncDeployment`): ``DeploymentSync/plan(deployment:replicaSets:pods:now:)`` over the
/// informers' caches, carried out in order. A write that fails ends the sync and the runner retries it; the next
/// plan starts from what the informers then show.
struct DeploymentReconciler: Reconciler {
    let deployments: Informer<Deployment>
    let replicaSets: Informer<ReplicaSet>
    let pods: Informer<Pod>
    let deploymentClient: ResourceClient<Deployment>
    let replicaSetClient: ResourceClient<ReplicaSet>
    let clock: any ControllerClock
    let logger: Logger

    init(_ context: ControllerContext) {
        deployments = context.informers.informer(Deployment.self)
        replicaSets = context.informers.informer(ReplicaSet.self)
        pods = context.informers.informer(Pod.self)
        deploymentClient = context.client.resource(Deployment.self)
        replicaSetClient = context.client.resource(ReplicaSet.self)
        clock = context.clock
        var logger = context.logger
        logger[metadataKey: "controller"] = "deployment"
        self.logger = logger
    }

    /// Deployment events enqueue the Deployment; ReplicaSet events enqueue their controlling Deployment (orphans:
    /// every Deployment that selects them); a deleted pod enqueues its Deployment when that one is Recreate, which
    /// waits for the old pods to be gone.
    func register(with controller: Controller) {
        controller.watch(deployments)
        WorkloadOwnerEvents(
            owners: deployments, ownerKind: Deployment.kindName, selector: \.selector, controller: controller
        ).register(replicaSets)
        let replicaSets = replicaSets
        let deployments = deployments
        let pods = pods
        controller.waitForSync { try await pods.waitForSync() }
        pods.addEventHandler(onDelete: { pod in
            // `deletePod`: through the pod's ReplicaSet to its Deployment.
            guard let podOwner = pod.metadata.controllerReference, podOwner.kind == ReplicaSet.kindName,
                let replicaSet = replicaSets.get(namespace: pod.namespace, name: podOwner.name),
                replicaSet.metadata.uid == podOwner.uid,
                let owner = replicaSet.metadata.controllerReference, owner.kind == Deployment.kindName,
                let deployment = deployments.get(namespace: pod.namespace, name: owner.name),
                deployment.metadata.uid == owner.uid, deployment.strategyType == "Recreate"
            else { return }
            controller.enqueue(deployment)
        })
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let deployment = deployments.get(key) else { return .done }
        let namespace = deployment.namespace ?? ""
        let plan: DeploymentPlan
        do {
            plan = try DeploymentSync.plan(
                deployment: deployment, replicaSets: replicaSets.list(namespace: namespace),
                pods: pods.list(namespace: namespace), now: clock.wallTime)
        } catch {
            logger.error("cannot sync Deployment", metadata: ["key": "\(key)", "error": "\(error)"])
            return .done
        }

        do {
            try await carryOut(plan.actions, of: deployment)
        } catch let error as APIError where error.isConflict || error.isAlreadyExists {
            // The cache is behind a write (ours or another's): the event that brings it up to date syncs again.
            logger.debug("Deployment sync raced a write", metadata: ["key": "\(key)", "error": "\(error)"])
            return ReconcileResult(requeue: true)
        }
        switch plan.requeueAfter {
        case nil: return .done
        // `.zero`: after a hash collision, or a progress deadline due now.
        case let delay? where delay <= .zero: return ReconcileResult(requeue: true)
        case let delay?: return .requeue(after: delay)
        }
    }

    /// Carries out `actions` in order, stopping at the first failure.
    private func carryOut(_ actions: [DeploymentAction], of deployment: Deployment) async throws {
        let key = deployment.key
        let namespace = deployment.namespace ?? ""
        var ownerRechecked = false
        for action in actions {
            switch action {
            case .adoptReplicaSet(let replicaSet, let patch):
                if !ownerRechecked {
                    try await WorkloadClaimControl.recheckOwner(deployment, client: deploymentClient)
                    ownerRechecked = true
                }
                try await WorkloadClaimControl.adopt(replicaSet, patch: patch, client: replicaSetClient)
            case .releaseReplicaSet(let replicaSet, let patch):
                try await WorkloadClaimControl.release(replicaSet, patch: patch, client: replicaSetClient)
            case .createReplicaSet(let replicaSet):
                // An AlreadyExists means the cache is behind: the next plan finds the ReplicaSet, or a collision.
                _ = try await replicaSetClient.create(WorkloadTypeMeta.replicaSet(replicaSet), namespace: namespace)
                logger.info(
                    "created ReplicaSet",
                    metadata: [
                        "key": "\(key)", "replicaSet": "\(replicaSet.name)",
                        "replicas": "\(replicaSet.replicas)",
                    ])
            case .updateReplicaSet(let replicaSet):
                _ = try await replicaSetClient.update(WorkloadTypeMeta.replicaSet(replicaSet), namespace: namespace)
            case .deleteReplicaSet(let replicaSet):
                do {
                    try await replicaSetClient.delete(replicaSet.name, namespace: namespace)
                } catch let error as APIError where error.isNotFound {}
            case .updateDeploymentStatus(let updated):
                _ = try await deploymentClient.updateStatus(WorkloadTypeMeta.deployment(updated), namespace: namespace)
            }
        }
    }
}
