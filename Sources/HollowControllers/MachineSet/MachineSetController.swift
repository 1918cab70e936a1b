import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle
import Synchronization

/// The machine-api-operator's MachineSet controller (`pkg/controller/machineset`): keeps `spec.replicas` Machines of
/// each MachineSet's template, adopting and releasing Machines by its selector, deleting by its `deletePolicy`
/// (delete-machine annotations and failed Machines first), and reporting counts in its status — ready and available
/// from the Nodes the Machines became.
enum MachineSetController {
    static let name = "machineset"

    /// The controller, watching MachineSets, Machines and Nodes through the shared informers, and its Event writer.
    static func make(_ context: ControllerContext) throws -> [any Service] {
        let events = ControllerEventRecorder(
            client: context.client, reportingController: "machineset-controller", logger: context.logger)
        let reconciler = MachineSetReconciler(context, events: events)
        let controller = Controller(
            name: name, workers: context.options.workers, reconciler: reconciler, clock: context.clock,
            logger: context.logger)
        reconciler.register(with: controller)
        return [events, controller]
    }
}

/// One sync of a MachineSet: ``MachineSetSync/plan(machineSet:machines:nodes:expectationsSatisfied:now:)`` over the
/// informers' caches, carried out in order, then the status.
///
/// Creates and deletes are recorded as expectations before they are issued and lowered by the Machine events that
/// show them (or by the writes that fail), so that a sync running before the informer caught up does not create or
/// delete the same Machines again — where the operator polls the API server after each batch, this waits on the
/// cache.
struct MachineSetReconciler: Reconciler {
    /// The Machine informer's index of Machines by `status.nodeRef.name`, so a Node event finds its Machine.
    static let nodeNameIndex = "machineset.nodeRef"

    let machineSets: Informer<MachineSet>
    let machines: Informer<Machine>
    let nodes: Informer<Node>
    let machineSetClient: ResourceClient<MachineSet>
    let machineClient: ResourceClient<Machine>
    let expectations = WorkloadExpectationsStore()
    /// The autoscaler warning last reported per MachineSet uid, so each is reported once, not on every sync.
    let reportedWarnings = ReportedWarnings()
    let events: ControllerEventRecorder
    let clock: any ControllerClock
    let logger: Logger

    init(_ context: ControllerContext, events: ControllerEventRecorder) {
        machineSets = context.informers.informer(MachineSet.self)
        machines = context.informers.informer(Machine.self)
        nodes = context.informers.informer(Node.self)
        machineSetClient = context.client.resource(MachineSet.self)
        machineClient = context.client.resource(Machine.self)
        self.events = events
        clock = context.clock
        var logger = context.logger
        logger[metadataKey: "controller"] = "\(MachineSetController.name)"
        self.logger = logger
    }

    /// MachineSet events enqueue the MachineSet (a deleted one drops its expectations); Machine events enqueue their
    /// controlling MachineSet, or for orphans every MachineSet that selects them, and lower expectations; a Node whose
    /// readiness changed enqueues the MachineSet of its Machine (again after `minReadySeconds` when it became Ready).
    func register(with controller: Controller) {
        controller.watch(machineSets)
        let expectations = expectations
        machineSets.addEventHandler(onDelete: { machineSet in expectations.forget(machineSet.key) })
        WorkloadOwnerEvents(
            owners: machineSets, ownerKind: MachineSet.kindName, selector: \.selector, controller: controller,
            expectations: expectations
        ).register(machines)

        // Another controller may have added the same index to the shared informer first; either way it is there.
        try? machines.addIndex(Self.nodeNameIndex) { machine in machine.nodeName.map { [$0] } ?? [] }
        let machines = machines
        let machineSets = machineSets
        let nodes = nodes
        let enqueueOwner: @Sendable (Node, Duration?) -> Void = { node, delay in
            for machine in (try? machines.byIndex(Self.nodeNameIndex, node.name)) ?? [] {
                guard let reference = machine.metadata.controllerReference, reference.kind == MachineSet.kindName
                else { continue }
                let key = ObjectKey(namespace: machine.namespace, name: reference.name)
                controller.enqueue(key)
                if let delay, let machineSet = machineSets.get(key), machineSet.minReadySeconds > 0 {
                    controller.enqueue(key, after: delay + .seconds(machineSet.minReadySeconds))
                }
            }
        }
        controller.waitForSync { try await nodes.waitForSync() }
        nodes.addEventHandler(
            onAdd: { node in enqueueOwner(node, nil) },
            onUpdate: { old, new in
                let wasReady = MachineNodeReadiness.isReady(old), isReady = MachineNodeReadiness.isReady(new)
                guard wasReady != isReady else { return }
                // kube adds a second against the millisecond skew of delayed queues.
                enqueueOwner(new, isReady ? .seconds(1) : nil)
            },
            onDelete: { node in enqueueOwner(node, nil) })
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let expectationKey = key.description
        guard let machineSet = machineSets.get(key) else {
            expectations.forget(expectationKey)
            return .done
        }
        let now = clock.wallTime
        var nodesByName: [String: Node] = [:]
        let namespaceMachines = machines.list(namespace: machineSet.namespace ?? "")
        for machine in namespaceMachines {
            if let name = machine.nodeName, let node = nodes.get(namespace: nil, name: name) { nodesByName[name] = node }
        }
        let plan = MachineSetSync.plan(
            machineSet: machineSet, machines: namespaceMachines, nodes: nodesByName,
            expectationsSatisfied: expectations.isSatisfied(expectationKey, now: now), now: now)
        if reportedWarnings.isNew(plan.autoscalerWarning, for: machineSet.metadata.uid ?? key.description),
            let warning = plan.autoscalerWarning
        {
            logger.warning("\(warning.message)", metadata: ["key": "\(key)"])
            events.record(.warning, about: machineSet, reason: warning.reason, action: "Scale", note: warning.message, now: now)
        }
        if let error = plan.error {
            logger.error("cannot manage MachineSet", metadata: ["key": "\(key)", "error": "\(error)"])
            if plan.statusNeedsUpdate {
                events.record(
                    .warning, about: machineSet, reason: error.reason, action: "Validate", note: error.message, now: now)
            }
        }

        var manageError: (any Error)?
        var ownerRechecked = false
        actions: for action in plan.actions {
            switch action {
            case .adoptMachine(let machine, let patch):
                if !ownerRechecked {
                    // `RecheckDeletionTimestamp`: a MachineSet deleted since the cache saw it adopts nothing.
                    try await WorkloadClaimControl.recheckOwner(machineSet, client: machineSetClient)
                    ownerRechecked = true
                }
                try await adopt(machine, patch: patch)
            case .releaseMachine(let machine, let patch):
                do {
                    _ = try await machineClient.patch(machine.name, namespace: machine.namespace, .merge(patch))
                } catch let error as APIError where error.isNotFound || error.isInvalid {
                    // Gone or replaced: nothing left to release.
                }
            case .createMachines(let count, let machine):
                logger.info(
                    "too few replicas",
                    metadata: ["key": "\(key)", "need": "\(plan.targetReplicas)", "creating": "\(count)"])
                expectations.expect(expectationKey, creations: count, deletingPodKeys: [], now: now)
                let outcome = await createMachines(machine, count: count)
                // The creates that failed or were never tried will not show up in the informer.
                expectations.creationObserved(expectationKey, count: count - outcome.created.count)
                for name in outcome.created {
                    events.record(
                        .normal, about: machineSet, reason: "SuccessfulCreate", action: "Create",
                        note: "Created machine: \(name)", now: now)
                }
                if let error = outcome.error {
                    events.record(
                        .warning, about: machineSet, reason: "FailedCreate", action: "Create",
                        note: "Error creating machine: \(error)", now: now)
                    manageError = error
                    break actions
                }
            case .deleteMachines(let victims):
                logger.info(
                    "too many replicas",
                    metadata: [
                        "key": "\(key)", "need": "\(plan.targetReplicas)", "deleting": "\(victims.map(\.name))",
                    ])
                expectations.expect(expectationKey, creations: 0, deletingPodKeys: victims.map(\.key), now: now)
                let outcome = await deleteMachines(victims)
                for machineKey in outcome.unobservedKeys {
                    expectations.deletionObserved(expectationKey, podKey: machineKey)
                }
                for victim in victims where outcome.failed[victim.key] == nil {
                    events.record(
                        .normal, about: machineSet, reason: "SuccessfulDelete", action: "Delete",
                        note: "Deleted machine: \(victim.name)", now: now)
                }
                if let error = outcome.failed.values.first {
                    events.record(
                        .warning, about: machineSet, reason: "FailedDelete", action: "Delete",
                        note: "Error deleting machine: \(error)", now: now)
                    manageError = error
                    break actions
                }
            }
        }

        if plan.statusNeedsUpdate {
            var updated = machineSet
            updated.object["apiVersion"] = .string(MachineAPI.apiVersion)
            updated.object["kind"] = .string(MachineSet.kindName)
            updated.status = plan.status
            do {
                _ = try await machineSetClient.updateStatus(updated)
            } catch let error as APIError where manageError == nil && (error.isConflict || error.isNotFound) {
                // Changed or gone since the cache saw it: its event brings the next sync.
                logger.debug("MachineSet changed during sync", metadata: ["key": "\(key)", "error": "\(error)"])
                return ReconcileResult(requeue: true)
            }
        }
        if let manageError { throw manageError }
        return plan.requeueAfter.map(ReconcileResult.requeue(after:)) ?? .done
    }

    /// Adopts `machine`. One gone, changed or replaced since the cache saw it is left alone: the event that showed
    /// the change syncs again.
    private func adopt(_ machine: Machine, patch: JSON) async throws {
        do {
            _ = try await machineClient.patch(machine.name, namespace: machine.namespace, .merge(patch))
        } catch let error as APIError where error.isNotFound || error.isConflict || error.isInvalid {
            logger.debug("not adopting Machine", metadata: ["machine": "\(machine.key)", "error": "\(error)"])
        }
    }

    /// POSTs `count` copies of `machine` in `workloadSlowStartBatches`, a batch concurrently, stopping after the
    /// first batch with a failure. Returns the names created and the first failure.
    private func createMachines(_ machine: Machine, count: Int) async -> (created: [String], error: (any Error)?) {
        var created: [String] = []
        let namespace = machine.namespace
        for size in workloadSlowStartBatches(count) {
            let results = await withTaskGroup(of: Result<String, any Error>.self) { group in
                for _ in 0..<size {
                    group.addTask {
                        do {
                            return .success(try await self.machineClient.create(machine, namespace: namespace).name)
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                var results: [Result<String, any Error>] = []
                for await result in group { results.append(result) }
                return results
            }
            var firstError: (any Error)?
            for result in results {
                switch result {
                case .success(let name): created.append(name)
                case .failure(let error): firstError = firstError ?? error
                }
            }
            if let firstError {
                logger.warning("failed to create machines", metadata: ["error": "\(firstError)"])
                return (created, firstError)
            }
        }
        return (created, nil)
    }

    /// DELETEs `victims` concurrently. `unobservedKeys`: the Machines no informer event will show going (a NotFound,
    /// or a failure); `failed`: the failures other than NotFound, by key.
    private func deleteMachines(_ victims: [Machine]) async -> (unobservedKeys: [String], failed: [String: any Error]) {
        let results = await withTaskGroup(of: (String, (any Error)?)?.self) { group in
            for victim in victims {
                group.addTask {
                    do {
                        try await self.machineClient.delete(victim.name, namespace: victim.namespace)
                        return nil
                    } catch let error as APIError where error.isNotFound {
                        return (victim.key, nil)
                    } catch {
                        return (victim.key, error)
                    }
                }
            }
            var results: [(String, (any Error)?)] = []
            for await result in group { if let result { results.append(result) } }
            return results
        }
        var failed: [String: any Error] = [:]
        for (key, error) in results { if let error { failed[key] = error } }
        if let error = failed.values.first {
            logger.warning("failed to delete machines", metadata: ["error": "\(error)"])
        }
        return (results.map(\.0), failed)
    }
}

/// The warning each MachineSet was last told about, by uid.
final class ReportedWarnings: Sendable {
    private let warnings = Mutex<[String: MachineSetWarning]>([:])

    /// Whether `warning` differs from the one last seen for `uid` (a warning gone counts as a change, reported by
    /// nothing); remembers it.
    func isNew(_ warning: MachineSetWarning?, for uid: String) -> Bool {
        warnings.withLock { warnings in
            guard warnings[uid] != warning else { return false }
            warnings[uid] = warning
            return warning != nil
        }
    }
}
