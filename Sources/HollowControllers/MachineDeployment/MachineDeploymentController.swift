import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// The MachineDeployment controller of OpenShift's cluster-api fork (`pkg/controller/machinedeployment`): rolls each
/// MachineDeployment's template out through MachineSets it owns (`<deployment>-<hash>`) with `maxSurge` and
/// `maxUnavailable`, scales them in proportion, keeps `revisionHistoryLimit` old ones, and sums their counts into
/// its status.
enum MachineDeploymentController {
    static let name = "machinedeployment"

    /// The controller, watching MachineDeployments and MachineSets through the shared informers, and its Event
    /// writer.
    static func make(_ context: ControllerContext) throws -> [any Service] {
        let events = ControllerEventRecorder(
            client: context.client, reportingController: "machinedeployment-controller", logger: context.logger)
        let reconciler = MachineDeploymentReconciler(context, events: events)
        let controller = Controller(
            name: name, workers: context.options.workers, reconciler: reconciler, clock: context.clock,
            logger: context.logger)
        reconciler.register(with: controller)
        return [events, controller]
    }
}

/// One sync of a MachineDeployment: ``MachineDeploymentSync/plan(deployment:machineSets:now:)`` over the informers'
/// caches, carried out in order. A write that fails ends the sync and the runner retries it; the next plan starts
/// from what the informers then show.
struct MachineDeploymentReconciler: Reconciler {
    let deployments: Informer<MachineDeployment>
    let machineSets: Informer<MachineSet>
    let deploymentClient: ResourceClient<MachineDeployment>
    let machineSetClient: ResourceClient<MachineSet>
    let events: ControllerEventRecorder
    let clock: any ControllerClock
    let logger: Logger

    init(_ context: ControllerContext, events: ControllerEventRecorder) {
        deployments = context.informers.informer(MachineDeployment.self)
        machineSets = context.informers.informer(MachineSet.self)
        deploymentClient = context.client.resource(MachineDeployment.self)
        machineSetClient = context.client.resource(MachineSet.self)
        self.events = events
        clock = context.clock
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(MachineDeploymentController.name)"
        self.logger = logger
    }

    /// MachineDeployment events enqueue it; MachineSet events enqueue their controlling MachineDeployment (orphans:
    /// every MachineDeployment that selects them).
    func register(with controller: Controller) {
        controller.watch(deployments)
        WorkloadOwnerEvents(
            owners: deployments, ownerKind: MachineDeployment.kindName, selector: \.selector, controller: controller
        ).register(machineSets)
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let deployment = deployments.get(key) else { return .done }
        let namespace = deployment.namespace ?? ""
        let now = clock.wallTime
        let plan = MachineDeploymentSync.plan(
            deployment: deployment, machineSets: machineSets.list(namespace: namespace), now: now)
        if let error = plan.error {
            logger.error("cannot sync MachineDeployment", metadata: ["key": "\(key)", "error": "\(error)"])
            events.record(.warning, about: deployment, reason: "ReconcileError", action: "Sync", note: error.message, now: now)
            return .done
        }
        do {
            try await carryOut(plan.actions, of: deployment, now: now)
        } catch let error as APIError where error.isConflict || error.isAlreadyExists {
            // The cache is behind a write (ours or another's): the event that brings it up to date syncs again.
            logger.debug("MachineDeployment sync raced a write", metadata: ["key": "\(key)", "error": "\(error)"])
            return ReconcileResult(requeue: true)
        }
        return .done
    }

    /// Carries out `actions` in order, stopping at the first failure.
    private func carryOut(_ actions: [MachineDeploymentAction], of deployment: MachineDeployment, now: Timestamp)
        async throws
    {
        let namespace = deployment.namespace ?? ""
        var ownerRechecked = false
        for action in actions {
            switch action {
            case .adoptMachineSet(let machineSet, let patch):
                if !ownerRechecked {
                    try await WorkloadClaimControl.recheckOwner(deployment, client: deploymentClient)
                    ownerRechecked = true
                }
                do {
                    _ = try await machineSetClient.patch(machineSet.name, namespace: namespace, .merge(patch))
                } catch let error as APIError where error.isNotFound || error.isInvalid {}
            case .releaseMachineSet(let machineSet, let patch):
                do {
                    _ = try await machineSetClient.patch(machineSet.name, namespace: namespace, .merge(patch))
                } catch let error as APIError where error.isNotFound || error.isInvalid {}
            case .createMachineSet(let machineSet):
                _ = try await machineSetClient.create(machineSet, namespace: namespace)
                logger.info(
                    "created MachineSet",
                    metadata: ["key": "\(deployment.key)", "machineSet": "\(machineSet.name)", "replicas": "\(machineSet.replicas)"])
                events.record(
                    .normal, about: deployment, reason: "SuccessfulCreate", action: "Create",
                    note: "Created MachineSet \(machineSet.name) with \(machineSet.replicas) replicas", now: now)
            case .updateMachineSet(let machineSet):
                var typed = machineSet
                typed.object["apiVersion"] = .string(MachineAPI.apiVersion)
                typed.object["kind"] = .string(MachineSet.kindName)
                let before = machineSets.get(namespace: namespace, name: machineSet.name)?.replicas
                _ = try await machineSetClient.update(typed, namespace: namespace)
                if let before, before != machineSet.replicas {
                    events.record(
                        .normal, about: deployment, reason: "SuccessfulScale", action: "Scale",
                        note: "Scaled \(before < machineSet.replicas ? "up" : "down") MachineSet \(machineSet.name) from \(before) to \(machineSet.replicas)",
                        now: now)
                }
            case .deleteMachineSet(let machineSet):
                do {
                    try await machineSetClient.delete(machineSet.name, namespace: namespace)
                } catch let error as APIError where error.isNotFound {}
            case .setRevision(let revision):
                _ = try await deploymentClient.patch(
                    deployment.name, namespace: namespace,
                    .merge(["metadata": ["annotations": [MachineDeploymentSync.revisionAnnotation: .string(revision)]]]))
            case .updateStatus(let status):
                _ = try await deploymentClient.patch(
                    deployment.name, namespace: namespace, .merge(["status": status.json]), subresource: "status")
            }
        }
    }
}
