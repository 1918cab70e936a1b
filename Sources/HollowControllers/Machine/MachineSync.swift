import HollowModel

/// The next step the machine controller takes for a Machine (the machine-api-operator's `ReconcileMachine` and its
/// drain controller, one step at a time). The reconciler carries a step out, records what it learnt in a
/// ``MachineObservation`` and asks again, until a step that waits.
public enum MachineAction: Sendable, Equatable {
    // MARK: Not being deleted

    /// Put ``MachineAPI/machineFinalizer`` on the Machine before anything else, so that no instance is ever created
    /// for a Machine that could vanish without the controller seeing it.
    case addFinalizer
    /// A `Failed` Machine stays failed: no calls to the provider until it is deleted.
    case stayFailed
    /// Ask the provider whether the instance exists.
    case checkInstance
    /// The instance exists: have the provider bring it in line, then write its providerID and addresses and the phase
    /// (``MachineSync/phaseAfterUpdate(_:)``).
    case updateInstance
    /// First sight of a Machine with no instance: phase `Provisioning`, nothing created yet.
    case markProvisioning
    /// Have the provider create the instance.
    case createInstance
    /// The provider accepted the create but does not report the instance yet: look again a little later.
    case awaitInstance
    /// The Machine had been given a providerID or addresses but its instance is gone (deleted outside the Machine
    /// API): phase `Failed`.
    case failInstanceMissing

    // MARK: Being deleted

    /// Phase `Deleting`.
    case markDeleting
    /// The finalizer is gone already: nothing is left to do.
    case finished
    /// Draining waits while `preDrain` hooks are present (their owners remove them).
    case waitForPreDrainHooks([MachineLifecycleHook])
    /// No drain: the Machine has no Node or carries ``Machine/excludeNodeDrainingAnnotation``.
    case skipDrain(reason: String)
    /// Cordon the Node and evict its pods.
    case drain(nodeName: String)
    /// The instance's deletion waits while `preTerminate` hooks are present.
    case waitForPreTerminateHooks([MachineLifecycleHook])
    /// Have the provider delete the instance.
    case deleteInstance
    /// Delete the Machine's Node.
    case deleteNode(String)
    /// Remove the finalizer: the API server then deletes the Machine.
    case removeFinalizer
}

/// Why a Machine failed: `status.errorReason` (none when the cause is not the provider's) and `status.errorMessage`.
public struct MachineFailure: Sendable, Equatable {
    public var reason: MachineErrorReason?
    public var message: String

    public init(reason: MachineErrorReason?, message: String) {
        self.reason = reason
        self.message = message
    }

    /// The instance of a provisioned Machine is gone.
    public static let instanceMissing = MachineFailure(reason: nil, message: MachineSync.instanceMissingMessage)
}

/// What the reconciler learnt from the provider and the API during one reconcile; starts empty each time.
public struct MachineObservation: Sendable, Equatable {
    /// What the provider's `exists` answered, `nil` before asking.
    public var instanceExists: Bool?
    /// Whether `create` was called (and returned) in this reconcile.
    public var instanceCreated: Bool
    /// Whether `delete` reported the instance gone.
    public var instanceDeleted: Bool
    /// Whether the Machine's Node was deleted (or found gone).
    public var nodeDeleted: Bool
    /// Whether the Machine in hand is the API server's current one (read from it, or returned by a write of this
    /// reconcile) rather than the cache's; the reconciler makes sure of it once before creating an instance.
    public var confirmedLive: Bool
    /// The instance `create` returned in this reconcile: the `update` step that follows writes what it reports
    /// instead of asking the provider again.
    public var createdInstance: MachineInstance?

    public init(
        instanceExists: Bool? = nil, instanceCreated: Bool = false, instanceDeleted: Bool = false,
        nodeDeleted: Bool = false, confirmedLive: Bool = false, createdInstance: MachineInstance? = nil
    ) {
        self.instanceExists = instanceExists
        self.instanceCreated = instanceCreated
        self.instanceDeleted = instanceDeleted
        self.nodeDeleted = nodeDeleted
        self.confirmedLive = confirmedLive
        self.createdInstance = createdInstance
    }
}

/// The machine controller's decisions, free of I/O.
public enum MachineSync {
    /// How long a Machine waits before the next look when the provider gave no better hint (`requeueAfter` in the
    /// machine-api-operator): a Provisioned Machine waiting for its Node, an instance still going away.
    public static let requeueAfter: Duration = .seconds(30)
    /// How soon to look again for an instance the provider has just accepted.
    public static let awaitInstanceAfter: Duration = .seconds(1)
    /// `errorMessage` of a Machine whose instance vanished.
    public static let instanceMissingMessage = "Can't find created instance."

    /// The next step for `machine`, given what this reconcile has observed so far.
    public static func nextAction(for machine: Machine, observed: MachineObservation = MachineObservation())
        -> MachineAction
    {
        if machine.isDeleting { return nextDeletionAction(for: machine, observed: observed) }
        if !machine.hasMachineFinalizer { return .addFinalizer }
        if machine.phase == .failed { return .stayFailed }
        guard let exists = observed.instanceExists else { return .checkInstance }
        if exists { return .updateInstance }
        if observed.instanceCreated { return .awaitInstance }
        // An instance was there once (the controller wrote what it reported) and is gone now.
        if isProvisioned(machine) { return .failInstanceMissing }
        if machine.phase == nil { return .markProvisioning }
        return .createInstance
    }

    /// Deletion: phase Deleting, drain (after any `preDrain` hooks), then after any `preTerminate` hooks the instance,
    /// the Node and the finalizer.
    static func nextDeletionAction(for machine: Machine, observed: MachineObservation) -> MachineAction {
        guard machine.hasMachineFinalizer else { return .finished }
        if machine.phase != .deleting { return .markDeleting }
        if machine.condition(.drained)?.isTrue != true {
            if machine.excludesNodeDraining { return .skipDrain(reason: "Node drain skipped: the Machine is excluded from draining") }
            guard let nodeName = machine.nodeName, !nodeName.isEmpty else {
                return .skipDrain(reason: "Node drain skipped: the Machine has no Node")
            }
            let hooks = machine.preDrainHooks
            if !hooks.isEmpty { return .waitForPreDrainHooks(hooks) }
            return .drain(nodeName: nodeName)
        }
        let hooks = machine.preTerminateHooks
        if !hooks.isEmpty { return .waitForPreTerminateHooks(hooks) }
        if !observed.instanceDeleted { return .deleteInstance }
        if let nodeName = machine.nodeName, !nodeName.isEmpty, !observed.nodeDeleted { return .deleteNode(nodeName) }
        return .removeFinalizer
    }

    /// Whether the Machine was ever given its instance's providerID or addresses (`machineIsProvisioned`).
    public static func isProvisioned(_ machine: Machine) -> Bool {
        !(machine.providerID ?? "").isEmpty || !machine.addresses.isEmpty
    }

    /// The phase after a successful `update`: unchanged (`nil`) while the instance has reported neither providerID
    /// nor addresses, `Provisioned` until nodelink sets `status.nodeRef`, then `Running`.
    public static func phaseAfterUpdate(_ machine: Machine) -> MachinePhase? {
        guard isProvisioned(machine) else { return nil }
        return (machine.nodeName ?? "").isEmpty ? .provisioned : .running
    }

    /// `machine` with what the instance reports: `spec.providerID` and `status.addresses` (each only when the
    /// instance reports one).
    public static func applying(_ instance: MachineInstance, to machine: Machine) -> Machine {
        var machine = machine
        if !instance.providerID.isEmpty { machine.providerID = instance.providerID }
        if !instance.addresses.isEmpty { machine.addresses = instance.addresses }
        if !instance.labels.isEmpty {
            machine.metadata.labels = machine.metadata.labels.merging(instance.labels) { _, instance in instance }
        }
        return machine
    }

    /// `machine` with the status the controller writes (`updateStatus`): `phase`, `errorReason`/`errorMessage` for a
    /// `Failed` one (cleared otherwise), `conditions`, the `Drainable` and `Terminable` conditions that show the
    /// lifecycle hooks, and `lastUpdated` stamped when anything in the status changed.
    public static func status(
        of machine: Machine, phase: MachinePhase?, failure: MachineFailure? = nil,
        conditions: [MachineCondition] = [], now: Timestamp
    ) -> Machine {
        var updated = machine
        updated.phase = phase
        if phase == .failed, let failure {
            updated.errorReason = failure.reason?.rawValue
            updated.errorMessage = failure.message
        } else {
            updated.errorReason = nil
            updated.errorMessage = nil
        }
        for condition in conditions { updated.setCondition(condition) }
        setLifecycleHookConditions(&updated, now: now)
        if updated.object["status"] != machine.object["status"] { updated.lastUpdated = now }
        return updated
    }

    /// `Drainable` and `Terminable`: `False` with reason `HookPresent` naming the hooks while any are present.
    static func setLifecycleHookConditions(_ machine: inout Machine, now: Timestamp) {
        for (type, hooks, operation) in [
            (MachineConditionType.drainable, machine.preDrainHooks, "Drain"),
            (.terminable, machine.preTerminateHooks, "Terminate"),
        ] {
            if hooks.isEmpty {
                machine.setCondition(.isTrue(type, now: now))
            } else {
                machine.setCondition(
                    .isFalse(
                        type, reason: "HookPresent",
                        message: "\(operation) operation currently blocked by: \(describe(hooks))", now: now))
            }
        }
    }

    /// `name (owner)` for each hook, comma separated.
    public static func describe(_ hooks: [MachineLifecycleHook]) -> String {
        hooks.map { "\($0.name) (\($0.owner))" }.joined(separator: ", ")
    }
}
