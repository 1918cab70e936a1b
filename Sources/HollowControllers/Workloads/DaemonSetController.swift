import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// kube-controller-manager's DaemonSet controller (`pkg/controller/daemon`): one pod of each DaemonSet on every node
/// that should run it, pinned there by node affinity, rolled out through ControllerRevisions, with the counts in its
/// status.
enum DaemonSetController {
    /// The controller, watching DaemonSets, nodes, pods and ControllerRevisions through the shared informers.
    static func make(_ context: ControllerContext) throws -> [any Service] {
        let reconciler = DaemonSetReconciler(context)
        let controller = Controller(
            name: "daemonset", workers: context.options.workers, reconciler: reconciler, clock: context.clock,
            logger: context.logger)
        reconciler.register(with: controller)
        return [controller]
    }
}

/// One sync of a DaemonSet (`syncDaemonSet`):
/// ``DaemonSetSync/plan(daemonSet:nodes:pods:controllerRevisions:expectationsSatisfied:now:)`` over the informers'
/// caches, carried out in order, then the status.
///
/// As in kube, the creates and deletes of a sync are recorded as one expectation before the first of them, and
/// lowered by the pod events that show them or by the writes that fail or are skipped.
struct DaemonSetReconciler: Reconciler {
    let daemonSets: Informer<DaemonSet>
    let nodes: Informer<Node>
    let pods: Informer<Pod>
    let revisions: Informer<ControllerRevision>
    let daemonSetClient: ResourceClient<DaemonSet>
    let podClient: ResourceClient<Pod>
    let revisionClient: ResourceClient<ControllerRevision>
    let podControl: WorkloadPodControl
    let expectations = WorkloadExpectationsStore()
    let clock: any ControllerClock
    let logger: Logger

    init(_ context: ControllerContext) {
        daemonSets = context.informers.informer(DaemonSet.self)
        nodes = context.informers.informer(Node.self)
        pods = context.informers.informer(Pod.self)
        revisions = context.informers.informer(ControllerRevision.self)
        daemonSetClient = context.client.resource(DaemonSet.self)
        podClient = context.client.resource(Pod.self)
        revisionClient = context.client.resource(ControllerRevision.self)
        var logger = context.logger
        logger[metadataKey: "controller"] = "daemonset"
        podControl = WorkloadPodControl(pods: podClient, logger: logger)
        clock = context.clock
        self.logger = logger
    }

    /// DaemonSet events enqueue the DaemonSet; pod and ControllerRevision events their controlling DaemonSet (orphans:
    /// every DaemonSet that selects them), pods lowering expectations; a node added, removed or changed in anything but
    /// its heartbeats enqueues every DaemonSet.
    func register(with controller: Controller) {
        controller.watch(daemonSets)
        let expectations = expectations
        let daemonSets = daemonSets
        let nodes = nodes
        daemonSets.addEventHandler(onDelete: { daemonSet in expectations.forget(daemonSet.key) })
        WorkloadOwnerEvents(
            owners: daemonSets, ownerKind: DaemonSet.kindName, selector: \.selector, controller: controller,
            expectations: expectations, minReadySeconds: \.minReadySeconds
        ).register(pods)
        WorkloadOwnerEvents(
            owners: daemonSets, ownerKind: DaemonSet.kindName, selector: \.selector, controller: controller
        ).register(revisions)

        @Sendable func enqueueAll() { for daemonSet in daemonSets.list() { controller.enqueue(daemonSet) } }
        controller.waitForSync { try await nodes.waitForSync() }
        nodes.addEventHandler(
            onAdd: { _ in enqueueAll() },
            onUpdate: { old, new in if !Self.isHeartbeatOnly(old, new) { enqueueAll() } },
            onDelete: { _ in enqueueAll() })
    }

    /// `shouldIgnoreNodeUpdate`: the conditions kept their types and statuses and nothing else changed but the
    /// resource version, the managed fields and the conditions' times and messages.
    static func isHeartbeatOnly(_ old: Node, _ new: Node) -> Bool {
        func conditionStates(_ node: Node) -> [String] {
            (node.object[path: ["status", "conditions"]]?.arrayValue ?? [])
                .map { ($0["type"]?.stringValue ?? "") + "=" + ($0["status"]?.stringValue ?? "") }.sorted()
        }
        guard conditionStates(old) == conditionStates(new) else { return false }
        func rest(_ node: Node) -> JSON {
            var object = node.object
            object[path: ["metadata", "resourceVersion"]] = nil
            object[path: ["metadata", "managedFields"]] = nil
            object[path: ["status", "conditions"]] = nil
            return object
        }
        return rest(old) == rest(new)
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let expectationKey = key.description
        guard let daemonSet = daemonSets.get(key) else {
            expectations.forget(expectationKey)
            return .done
        }
        let now = clock.wallTime
        let namespace = daemonSet.namespace ?? ""
        let plan: DaemonSetPlan
        do {
            plan = try DaemonSetSync.plan(
                daemonSet: daemonSet, nodes: nodes.list(), pods: pods.list(namespace: namespace),
                controllerRevisions: revisions.list(namespace: namespace),
                expectationsSatisfied: expectations.isSatisfied(expectationKey, now: now), now: now)
        } catch {
            logger.error("cannot sync DaemonSet", metadata: ["key": "\(key)", "error": "\(error)"])
            return .done
        }

        let manageError: (any Error)?
        do {
            manageError = try await carryOut(plan.actions, of: daemonSet, now: now)
        } catch let error as APIError where error.isConflict || error.isAlreadyExists {
            // The cache is behind a write (ours or another's): the event that brings it up to date syncs again.
            logger.debug("DaemonSet sync raced a write", metadata: ["key": "\(key)", "error": "\(error)"])
            return ReconcileResult(requeue: true)
        }

        // As kube, the status is written even when creating or deleting pods failed.
        if plan.statusNeedsUpdate {
            var updated = WorkloadTypeMeta.daemonSet(daemonSet)
            updated.status = plan.status
            do {
                _ = try await daemonSetClient.updateStatus(updated, namespace: namespace)
            } catch let error as APIError where manageError == nil && (error.isConflict || error.isNotFound) {
                // Changed or gone since the cache saw it: its event brings the next sync.
                logger.debug("DaemonSet changed during sync", metadata: ["key": "\(key)", "error": "\(error)"])
                return ReconcileResult(requeue: true)
            }
        }
        if let manageError { throw manageError }
        switch plan.requeueAfter {
        case nil: return .done
        case let delay? where delay <= .zero: return ReconcileResult(requeue: true)  // after a hash collision
        case let delay?: return .requeue(after: delay)
        }
    }

    /// Carries out `actions` in order. A failed write of revisions, claims or the collision count throws at once; a
    /// failed pod create or delete ends the actions too, but is returned, so that the status is still written.
    private func carryOut(_ actions: [DaemonSetAction], of daemonSet: DaemonSet, now: Timestamp) async throws
        -> (any Error)?
    {
        let expectationKey = daemonSet.key
        let namespace = daemonSet.namespace ?? ""
        // `SetExpectations(createDiff, deleteDiff)`, once, before the first create or delete of this sync.
        var creations = 0
        var deletingPodKeys: [String] = []
        for action in actions {
            if case .createPods(let created) = action { creations += created.count }
            if case .deletePods(let deleted) = action { deletingPodKeys += deleted.map(\.key) }
        }
        var expectationsRecorded = false
        func recordExpectations() {
            guard !expectationsRecorded else { return }
            expectationsRecorded = true
            expectations.expect(expectationKey, creations: creations, deletingPodKeys: deletingPodKeys, now: now)
        }
        var ownerRechecked = false
        func recheckOwner() async throws {
            guard !ownerRechecked else { return }
            try await WorkloadClaimControl.recheckOwner(daemonSet, client: daemonSetClient)
            ownerRechecked = true
        }

        for (index, action) in actions.enumerated() {
            switch action {
            case .adoptControllerRevision(let revision, let patch):
                try await recheckOwner()
                try await WorkloadClaimControl.adopt(revision, patch: patch, client: revisionClient)
            case .releaseControllerRevision(let revision, let patch):
                try await WorkloadClaimControl.release(revision, patch: patch, client: revisionClient)
            case .createControllerRevision(let revision):
                // An AlreadyExists means the cache is behind: the next plan finds the revision, or a collision.
                _ = try await revisionClient.create(WorkloadTypeMeta.controllerRevision(revision), namespace: namespace)
            case .updateControllerRevision(let revision):
                _ = try await revisionClient.update(WorkloadTypeMeta.controllerRevision(revision), namespace: namespace)
            case .deleteControllerRevision(let revision):
                do {
                    try await revisionClient.delete(revision.name, namespace: namespace)
                } catch let error as APIError where error.isNotFound {}
            case .updateDaemonSetStatus(let updated):
                _ = try await daemonSetClient.updateStatus(WorkloadTypeMeta.daemonSet(updated), namespace: namespace)
            case .patchPod(let pod, let mergePatch):
                do {
                    _ = try await podClient.patch(pod.name, namespace: namespace, .merge(mergePatch))
                } catch let error as APIError where error.isNotFound {}
            case .adoptPod(let pod, let patch):
                try await recheckOwner()
                try await WorkloadClaimControl.adopt(pod, patch: patch, client: podClient)
            case .releasePod(let pod, let patch):
                try await WorkloadClaimControl.release(pod, patch: patch, client: podClient)
            case .createPods(let created):
                recordExpectations()
                logger.debug(
                    "creating daemon pods", metadata: ["key": "\(expectationKey)", "count": "\(created.count)"])
                let outcome = await podControl.createPods(created)
                expectations.creationObserved(expectationKey, count: created.count - outcome.created)
                if let error = outcome.error {
                    skipped(actions[(index + 1)...], expectationKey: expectationKey)
                    return error
                }
            case .deletePods(let deleted):
                recordExpectations()
                logger.debug(
                    "deleting daemon pods", metadata: ["key": "\(expectationKey)", "count": "\(deleted.count)"])
                let outcome = await podControl.deletePods(deleted)
                for podKey in outcome.unobservedKeys { expectations.deletionObserved(expectationKey, podKey: podKey) }
                if let error = outcome.error {
                    skipped(actions[(index + 1)...], expectationKey: expectationKey)
                    return error
                }
            }
        }
        return nil
    }

    /// Lowers the expectations of creates and deletes a failure left undone.
    private func skipped(_ actions: ArraySlice<DaemonSetAction>, expectationKey: String) {
        for action in actions {
            switch action {
            case .createPods(let pods): expectations.creationObserved(expectationKey, count: pods.count)
            case .deletePods(let pods):
                for pod in pods { expectations.deletionObserved(expectationKey, podKey: pod.key) }
            default: break
            }
        }
    }
}
