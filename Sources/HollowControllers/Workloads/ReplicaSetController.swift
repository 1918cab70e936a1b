import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// kube-controller-manager's ReplicaSet controller (`pkg/controller/replicaset`): keeps `spec.replicas` pods of each
/// ReplicaSet's template, adopting and releasing pods by its selector, and reports their counts in its status.
enum ReplicaSetController {
    /// The controller, watching ReplicaSets and pods through the shared informers.
    static func make(_ context: ControllerContext) throws -> [any Service] {
        let reconciler = ReplicaSetReconciler(context)
        let controller = Controller(
            name: "replicaset", workers: context.options.workers, reconciler: reconciler, clock: context.clock,
            logger: context.logger)
        reconciler.register(with: controller)
        return [controller]
    }
}

/// One sync of a ReplicaSet (`syncReplicaSet`):
/// ``ReplicaSetSync/plan(replicaSet:pods:relatedPods:expectationsSatisfied:now:)`` over the informers' caches, carried
/// out in order, then the status.
///
/// Creates and deletes are recorded as expectations before they are issued, and lowered by the pod events that show
/// them (or by the writes that fail), so that a sync running before the informer caught up does not create or delete
/// the same pods again.
struct ReplicaSetReconciler: Reconciler {
    let replicaSets: Informer<ReplicaSet>
    let pods: Informer<Pod>
    let replicaSetClient: ResourceClient<ReplicaSet>
    let podClient: ResourceClient<Pod>
    let podControl: WorkloadPodControl
    let expectations = WorkloadExpectationsStore()
    let clock: any ControllerClock
    let logger: Logger

    init(_ context: ControllerContext) {
        replicaSets = context.informers.informer(ReplicaSet.self)
        pods = context.informers.informer(Pod.self)
        replicaSetClient = context.client.resource(ReplicaSet.self)
        podClient = context.client.resource(Pod.self)
        var logger = context.logger
        logger[metadataKey: "controller"] = "replicaset"
        podControl = WorkloadPodControl(pods: podClient, logger: logger)
        clock = context.clock
        self.logger = logger
    }

    /// ReplicaSet events enqueue the ReplicaSet (a deleted one drops its expectations); pod events enqueue their
    /// controlling ReplicaSet, or for orphans every ReplicaSet that selects them, and lower expectations.
    func register(with controller: Controller) {
        controller.watch(replicaSets)
        let expectations = expectations
        replicaSets.addEventHandler(onDelete: { replicaSet in expectations.forget(replicaSet.key) })
        WorkloadOwnerEvents(
            owners: replicaSets, ownerKind: ReplicaSet.kindName, selector: \.selector, controller: controller,
            expectations: expectations, minReadySeconds: \.minReadySeconds
        ).register(pods)
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let expectationKey = key.description
        guard let replicaSet = replicaSets.get(key) else {
            expectations.forget(expectationKey)
            return .done
        }
        let now = clock.wallTime
        let namespacePods = pods.list(namespace: replicaSet.namespace ?? "")
        let related = ReplicaSetSync.relatedPods(
            of: replicaSet, replicaSets: replicaSets.list(namespace: replicaSet.namespace ?? ""), pods: namespacePods)
        let plan: ReplicaSetPlan
        do {
            plan = try ReplicaSetSync.plan(
                replicaSet: replicaSet, pods: namespacePods, relatedPods: related,
                expectationsSatisfied: expectations.isSatisfied(expectationKey, now: now), now: now)
        } catch {
            logger.error("cannot sync ReplicaSet", metadata: ["key": "\(key)", "error": "\(error)"])
            return .done
        }

        var manageError: (any Error)?
        var ownerRechecked = false
        actions: for action in plan.actions {
            switch action {
            case .adoptPod(let pod, let patch):
                if !ownerRechecked {
                    try await WorkloadClaimControl.recheckOwner(replicaSet, client: replicaSetClient)
                    ownerRechecked = true
                }
                try await WorkloadClaimControl.adopt(pod, patch: patch, client: podClient)
            case .releasePod(let pod, let patch):
                try await WorkloadClaimControl.release(pod, patch: patch, client: podClient)
            case .createPods(let count, let pod):
                logger.debug(
                    "too few replicas",
                    metadata: ["key": "\(key)", "need": "\(replicaSet.replicas)", "creating": "\(count)"])
                expectations.expect(expectationKey, creations: count, deletingPodKeys: [], now: now)
                let outcome = await podControl.createPods(Array(repeating: pod, count: count))
                // The creates that failed or were never tried will not show up in the informer.
                expectations.creationObserved(expectationKey, count: count - outcome.created)
                if let error = outcome.error {
                    manageError = error
                    break actions
                }
            case .deletePods(let victims):
                logger.debug(
                    "too many replicas",
                    metadata: ["key": "\(key)", "need": "\(replicaSet.replicas)", "deleting": "\(victims.count)"])
                expectations.expect(expectationKey, creations: 0, deletingPodKeys: victims.map(\.key), now: now)
                let outcome = await podControl.deletePods(victims)
                for podKey in outcome.unobservedKeys { expectations.deletionObserved(expectationKey, podKey: podKey) }
                if let error = outcome.error {
                    manageError = error
                    break actions
                }
            }
        }

        var status = plan.status
        var statusNeedsUpdate = plan.statusNeedsUpdate
        if let manageError {
            status = ReplicaSetSync.status(
                replicaSet: replicaSet, activePods: plan.activePods,
                manageReplicasError: ReplicaSetManageError(message: "\(manageError)"), now: now)
            statusNeedsUpdate = ReplicaSetSync.statusNeedsUpdate(replicaSet, status)
        }
        if statusNeedsUpdate {
            var updated = WorkloadTypeMeta.replicaSet(replicaSet)
            updated.status = status
            do {
                _ = try await replicaSetClient.updateStatus(updated)
            } catch let error as APIError where manageError == nil && (error.isConflict || error.isNotFound) {
                // Changed or gone since the cache saw it: its event brings the next sync.
                logger.debug("ReplicaSet changed during sync", metadata: ["key": "\(key)", "error": "\(error)"])
                return ReconcileResult(requeue: true)
            }
        }
        if let manageError { throw manageError }
        return plan.requeueAfter.map(ReconcileResult.requeue(after:)) ?? .done
    }
}
