import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// The machine-api-operator's machine controller (`pkg/controller/machine`, with its drain controller): backs each
/// Machine with an instance from a ``MachineActuator`` and takes it through the phases Provisioning → Provisioned →
/// Running (once nodelink sets `status.nodeRef`), or Failed; on deletion it drains the Node, deletes the instance and
/// the Node, then releases the Machine.
enum MachineController {
    /// `reportingController` of its Events.
    static let reportingController = "machine-controller"

    /// The controller, watching Machines through the shared informers.
    /// - Throws: ``MachineControllerError`` when the context carries no actuator.
    static func make(_ context: ControllerContext) throws -> [any Service] {
        guard let actuator = context.machineActuator else { throw MachineControllerError.noActuator }
        let events = ControllerEventRecorder(
            client: context.client, reportingController: reportingController, logger: context.logger)
        let reconciler = MachineReconciler(
            context, actuator: actuator.reading(through: context.informers), events: events,
            drainTimeout: context.options.machineDrainTimeout)
        // A reconcile is a chain of round trips (the Machine, the provider, the status) with little work between
        // them, so the controller keeps more of them in flight than `workers`, as the scheduler does with Bindings:
        // with 4, a thousand machines came up at about 50 a second, bound by latency rather than by the API server.
        let controller = Controller(
            name: "machine", workers: max(1, context.options.workers) * 4, reconciler: reconciler,
            clock: context.clock,
            logger: context.logger)
        controller.watch(reconciler.machines)
        return [events, controller]
    }
}

/// Why the machine controller cannot start.
public struct MachineControllerError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable { case noActuator }
    private let code: Code

    static let noActuator = MachineControllerError(code: .noActuator)

    public var description: String {
        switch code {
        case .noActuator:
            "the machine controller needs a machine actuator (a provider such as kubemark): pass machineActuator to ControllerManager"
        }
    }
}

/// One reconcile of a Machine: ``MachineSync/nextAction(for:observed:)`` step by step, each step carried out against
/// the provider and the API, until a step that waits.
///
/// Writes go to the object the previous write returned, so one reconcile never conflicts with itself; a conflict
/// with someone else's write ends the reconcile and the Machine's next event (or the rate-limited requeue) brings the
/// next one. Provider outcomes map onto the result: ``MachineActuatorError/requeue(after:_:)`` requeues after the
/// delay, an error with a reason fails the Machine.
struct MachineReconciler: Reconciler {
    let machines: Informer<Machine>
    let machineClient: ResourceClient<Machine>
    let nodeClient: ResourceClient<Node>
    let podClient: ResourceClient<Pod>
    let actuator: any MachineActuator
    let events: ControllerEventRecorder
    let clock: any ControllerClock
    let logger: Logger
    /// How long a drain may take before the deletion goes on without it, unless the Machine sets
    /// `spec.nodeDrainTimeout`; `nil` waits as long as it takes (the machine-api-operator's behaviour).
    let drainTimeout: Duration?

    init(
        _ context: ControllerContext, actuator: any MachineActuator, events: ControllerEventRecorder,
        drainTimeout: Duration? = nil
    ) {
        machines = context.informers.informer(Machine.self)
        machineClient = context.client.resource(Machine.self)
        nodeClient = context.client.resource(Node.self)
        podClient = context.client.resource(Pod.self)
        self.actuator = actuator
        self.events = events
        clock = context.clock
        var logger = context.logger
        logger[metadataKey: "controller"] = "machine"
        self.logger = logger
        self.drainTimeout = drainTimeout
    }

    /// What a step leads to: the next step, or the end of this reconcile.
    enum StepOutcome {
        case next
        case finish(ReconcileResult)
    }

    /// Enough steps for the longest path (finalizer, check, create, check, update), with room to spare.
    static let maximumSteps = 16

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard var machine = machines.get(key) else { return .done }
        var observed = MachineObservation()
        do {
            for _ in 0..<Self.maximumSteps {
                let action = MachineSync.nextAction(for: machine, observed: observed)
                logger.trace("machine step", metadata: ["key": "\(key)", "action": "\(action)"])
                if case .finish(let result) = try await perform(action, on: &machine, observed: &observed) {
                    return result
                }
            }
            return ReconcileResult(requeue: true)
        } catch let error as APIError where error.isConflict {
            logger.debug("Machine changed during reconcile", metadata: ["key": "\(key)", "error": "\(error)"])
            return ReconcileResult(requeue: true)
        } catch let error as APIError
            where error.isNotFound && error.details?.name == key.name && error.details?.kind == "machines"
        {
            // Deleted while reconciling.
            return .done
        }
    }

    private func perform(_ action: MachineAction, on machine: inout Machine, observed: inout MachineObservation)
        async throws -> StepOutcome
    {
        let now = clock.wallTime
        switch action {
        case .addFinalizer:
            var updated = machine
            updated.metadata.finalizers.append(MachineAPI.machineFinalizer)
            machine = try await machineClient.update(updated)
            observed.confirmedLive = true
            return .next

        case .stayFailed:
            logger.debug("Machine is Failed: not reconciling it", metadata: ["machine": "\(machine.key)"])
            return .finish(.done)

        case .checkInstance:
            do {
                observed.instanceExists = try await actuator.exists(machine)
            } catch let error as MachineActuatorError {
                return try await actuatorFailed(error, on: &machine, call: "exists")
            }
            return .next

        case .updateInstance:
            let instance: MachineInstance
            if let created = observed.createdInstance {
                instance = created
            } else {
                do {
                    instance = try await actuator.update(machine)
                } catch let error as MachineActuatorError {
                    return try await actuatorFailed(error, on: &machine, call: "update")
                }
            }
            let updated = MachineSync.applying(instance, to: machine)
            if updated.providerID != machine.providerID || updated.metadata.labels != machine.metadata.labels {
                // spec.providerID and labels through the main resource; the status written next keeps the addresses.
                var written = try await machineClient.update(updated)
                written.object["status"] = machine.object["status"]
                machine = written
            }
            var withAddresses = machine
            withAddresses.addresses = updated.addresses
            let phase = MachineSync.phaseAfterUpdate(withAddresses) ?? machine.phase
            try await writeStatus(
                &machine, from: withAddresses, phase: phase,
                conditions: [.isTrue(.instanceExists, now: now)], now: now)
            // A Provisioned Machine waits for nodelink, whose nodeRef write brings the next reconcile.
            return .finish(phase == .running ? .done : .requeue(after: MachineSync.requeueAfter))

        case .markProvisioning:
            let wrote = try await writeStatus(
                &machine, phase: .provisioning,
                conditions: [
                    .isFalse(
                        .instanceExists, reason: "InstanceNotCreated", message: "Instance has not been created",
                        now: now)
                ], now: now)
            if wrote { observed.confirmedLive = true }
            return .next

        case .createInstance:
            // The cache may be behind this controller's own last write (a Machine failed a moment ago, say): creating
            // is the one step not to repeat on stale information, so look at the Machine itself first, unless a write
            // of this reconcile has just returned it.
            if !observed.confirmedLive {
                observed.confirmedLive = true
                let live = try await machineClient.get(machine.name, namespace: machine.namespace)
                if live.resourceVersion != machine.resourceVersion {
                    machine = live
                    observed = MachineObservation(confirmedLive: true)
                    return .next
                }
            }
            let instance: MachineInstance
            do {
                instance = try await actuator.create(machine)
            } catch let error as MachineActuatorError {
                return try await actuatorFailed(error, on: &machine, call: "create")
            }
            events.record(
                .normal, about: machine, reason: "Created", action: "Create",
                note: "Created instance for Machine \(machine.name)", now: now)
            observed.instanceCreated = true
            if instance.providerID.isEmpty && instance.addresses.isEmpty {
                // Accepted, not reported yet: ask whether it exists.
                observed.instanceExists = nil
            } else {
                // The instance create returned is the one update would report: write it without asking again.
                observed.instanceExists = true
                observed.createdInstance = instance
            }
            return .next

        case .awaitInstance:
            return .finish(.requeue(after: MachineSync.awaitInstanceAfter))

        case .failInstanceMissing:
            try await writeStatus(
                &machine, phase: .failed, failure: .instanceMissing,
                conditions: [
                    .isFalse(
                        .instanceExists, reason: "InstanceMissing", message: "Instance not found on provider",
                        now: now)
                ], now: now)
            return .finish(.done)

        case .markDeleting:
            try await writeStatus(&machine, phase: .deleting, now: now)
            return .next

        case .finished:
            return .finish(.done)

        case .waitForPreDrainHooks(let hooks):
            // Reported on each look, as the machine-api-operator does: looks come only with changes to the Machine.
            events.record(
                .normal, about: machine, reason: "DrainBlocked", action: "Drain",
                note: "Drain blocked by pre-drain hook: \(MachineSync.describe(hooks))", now: now)
            try await writeStatus(&machine, phase: machine.phase, now: now)
            // Removing a hook updates the Machine, and that brings the next reconcile.
            return .finish(.done)

        case .skipDrain(let reason):
            events.record(.normal, about: machine, reason: "DrainSkipped", action: "Drain", note: reason, now: now)
            try await writeStatus(
                &machine, phase: machine.phase, conditions: [.isTrue(.drained, message: reason, now: now)], now: now)
            return .next

        case .drain(let nodeName):
            return try await drain(&machine, nodeName: nodeName, now: now)

        case .waitForPreTerminateHooks(let hooks):
            events.record(
                .normal, about: machine, reason: "TerminateBlocked", action: "Delete",
                note: "Instance deletion blocked by pre-terminate hook: \(MachineSync.describe(hooks))", now: now)
            try await writeStatus(&machine, phase: machine.phase, now: now)
            return .finish(.done)

        case .deleteInstance:
            let progress: MachineDeletionProgress
            do {
                progress = try await actuator.delete(machine)
            } catch let error as MachineActuatorError {
                if let delay = error.retryAfter { return .finish(.requeue(after: delay)) }
                // A configuration that never worked left no instance behind (no addresses were ever reported).
                if error.reason == .invalidConfiguration && machine.addresses.isEmpty {
                    observed.instanceDeleted = true
                    return .next
                }
                events.record(
                    .warning, about: machine, reason: "FailedDelete", action: "Delete", note: "\(error)", now: now)
                throw error
            }
            switch progress {
            case .deleted:
                observed.instanceDeleted = true
                return .next
            case .inProgress(let retryAfter):
                return .finish(.requeue(after: retryAfter))
            }

        case .deleteNode(let nodeName):
            do {
                try await nodeClient.delete(nodeName)
                logger.info("deleted the Machine's Node", metadata: ["machine": "\(machine.key)", "node": "\(nodeName)"])
            } catch let error as APIError where error.isNotFound {
                // Gone already.
            }
            observed.nodeDeleted = true
            return .next

        case .removeFinalizer:
            var updated = machine
            updated.metadata.finalizers.removeAll { $0 == MachineAPI.machineFinalizer }
            do {
                machine = try await machineClient.update(updated)
            } catch let error as APIError where error.isNotFound {
                return .finish(.done)
            }
            logger.info("Machine deleted", metadata: ["machine": "\(machine.key)"])
            return .finish(.done)
        }
    }

    /// A provider call that did not succeed: requeue after its delay, or fail the Machine with its reason.
    private func actuatorFailed(_ error: MachineActuatorError, on machine: inout Machine, call: String) async throws
        -> StepOutcome
    {
        if let delay = error.retryAfter {
            logger.debug(
                "provider asks to retry", metadata: ["machine": "\(machine.key)", "call": "\(call)", "error": "\(error)"])
            return .finish(.requeue(after: delay))
        }
        logger.warning(
            "provider failed the Machine", metadata: ["machine": "\(machine.key)", "call": "\(call)", "error": "\(error)"])
        try await writeStatus(
            &machine, phase: .failed, failure: MachineFailure(reason: error.reason, message: error.message),
            now: clock.wallTime)
        return .finish(.done)
    }

    /// Writes the status ``MachineSync/status(of:phase:failure:conditions:now:)`` computes for `source` (the Machine
    /// itself unless given) when it differs, and records a `Failed` Warning Event when the Machine fails. Returns
    /// whether it wrote (the Machine in hand is then the server's current one).
    ///
    /// Other phase changes get no Event, as in the machine-api-operator: they show in `status.phase`, and an Event
    /// each would add three writes to every Machine's provisioning.
    @discardableResult
    func writeStatus(
        _ machine: inout Machine, from source: Machine? = nil, phase: MachinePhase?, failure: MachineFailure? = nil,
        conditions: [MachineCondition] = [], now: Timestamp
    ) async throws -> Bool {
        let previousPhase = machine.phase
        let updated = MachineSync.status(
            of: source ?? machine, phase: phase, failure: failure, conditions: conditions, now: now)
        guard updated.object["status"] != machine.object["status"] else { return false }
        machine = try await machineClient.updateStatus(updated)
        guard phase == .failed, previousPhase != .failed else { return true }
        let note = [machine.errorReason, machine.errorMessage].compactMap { $0 }.joined(separator: ": ")
        events.record(.warning, about: machine, reason: "Failed", action: "Reconcile", note: note, now: now)
        return true
    }
}
