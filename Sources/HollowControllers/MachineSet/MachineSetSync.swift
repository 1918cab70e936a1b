import HollowModel

/// One thing the MachineSet reconciler does to the API, in the order `MachineSetPlan.actions` lists them.
public enum MachineSetAction: Sendable, Equatable {
    /// JSON-merge-patch the Machine with `patch` to add the MachineSet's controller reference (custom resources take
    /// no strategic merge patch, so the patch carries the whole list, the `uid` and the `resourceVersion`: a Machine
    /// changed or replaced since the cache saw it is not adopted).
    case adoptMachine(Machine, patch: JSON)
    /// JSON-merge-patch the Machine with `patch` to remove the MachineSet's owner reference.
    case releaseMachine(Machine, patch: JSON)
    /// POST `machine` `count` times; `generateName` names each one. Issue them in `workloadSlowStartBatches(count)`
    /// and stop after a batch with a failure.
    case createMachines(count: Int, machine: Machine)
    /// DELETE each Machine (a NotFound is success). The machine controller's finalizer drains the Node and deletes
    /// the instance before the Machine goes.
    case deleteMachines([Machine])
}

/// What one sync of a MachineSet decides.
public struct MachineSetPlan: Sendable, Equatable {
    /// Adoptions and releases first, then at most one create or delete.
    public var actions: [MachineSetAction] = []
    /// The Machines the MachineSet owns once the claims are applied (none being deleted); the status counts these.
    public var machines: [Machine] = []
    /// The status to write.
    public var status = MachineSetStatus()
    /// Whether `status` differs from the stored one, so `/status` needs a PUT.
    public var statusNeedsUpdate = false
    /// Why the MachineSet cannot be managed; `status` then carries it and `actions` is empty.
    public var error: MachineSetError?
    /// Sync again after this long: the `minReadySeconds` re-check when every Machine is ready but not all are
    /// available yet.
    public var requeueAfter: Duration?
    /// How many Machines the set keeps: `spec.replicas`, within cluster-autoscaler's bounds when it has them.
    public var targetReplicas = 0
    /// Something about the MachineSet's cluster-autoscaler annotations to report in a Warning Event: replicas kept
    /// within the bounds, or annotations that do not parse (then ignored).
    public var autoscalerWarning: MachineSetWarning?
}

/// A Warning Event's reason and message.
public struct MachineSetWarning: Sendable, Equatable {
    public var reason: String
    public var message: String

    /// `spec.replicas` lies outside the node group's bounds; `target` Machines are kept.
    static func outsideBounds(replicas: Int, target: Int, bounds: MachineSetAutoscalerBounds) -> MachineSetWarning {
        let (side, annotation, limit) =
            replicas > bounds.maxSize
            ? ("above", MachineSetAutoscalerBounds.maxSizeAnnotation, bounds.maxSize)
            : ("below", MachineSetAutoscalerBounds.minSizeAnnotation, bounds.minSize)
        return MachineSetWarning(
            reason: "ReplicasOutsideAutoscalerBounds",
            message: "spec.replicas \(replicas) is \(side) \(annotation) \(limit): keeping \(target) machines")
    }

    static func invalidAnnotations(_ error: MachineSetAutoscalerBoundsError) -> MachineSetWarning {
        MachineSetWarning(
            reason: "InvalidAutoscalerAnnotations", message: "\(error); the autoscaler bounds are ignored")
    }
}

/// The MachineSet controller's decisions (the machine-api-operator's `pkg/controller/machineset`, with the claim and
/// expectation rules of kube's ReplicaSet controller).
public enum MachineSetSync {
    /// At most this many Machines are created or deleted in one sync (kube's `BurstReplicas`); the next sync does the
    /// rest.
    public static let burstReplicas = 500

    /// Decides one sync of `machineSet`.
    ///
    /// - Parameters:
    ///   - machines: every Machine in the MachineSet's namespace. Machines being deleted are left out of everything,
    ///     as the operator's `shouldExcludeMachine` does: they are replaced at once, and not counted.
    ///   - nodes: the Nodes by name, for readiness (a Machine is ready when the Node of its `status.nodeRef` is).
    ///   - expectationsSatisfied: `false` while creates or deletes of an earlier sync are not yet in the cache; then
    ///     only claims and status are decided.
    public static func plan(
        machineSet: MachineSet, machines: [Machine], nodes: [String: Node], expectationsSatisfied: Bool = true,
        now: Timestamp
    ) -> MachineSetPlan {
        var plan = MachineSetPlan()
        // The operator ignores a MachineSet on its way out; the garbage collector removes its Machines.
        if machineSet.isDeleting { return plan }

        let selector: LabelSelector
        let policy: MachineSetDeletePolicy
        do {
            let validated = try validate(machineSet)
            selector = validated.selector
            policy = validated.policy
        } catch {
            plan.error = error
            var status = machineSet.status
            status.errorReason = error.reason
            status.errorMessage = error.message
            status.observedGeneration = machineSet.metadata.generation
            plan.status = status
            plan.statusNeedsUpdate = status != machineSet.status
            return plan
        }

        let reference = controllerReference(to: machineSet)
        let uid = machineSet.metadata.uid ?? ""
        let claim = WorkloadClaim(
            machines.filter { $0.namespace == machineSet.namespace && !$0.isDeleting }, ownerUID: uid,
            ownerNamespace: machineSet.namespace, ownerIsBeingDeleted: false, controllerReference: reference
        ) { selector.matches(labels: $0.object[path: ["metadata", "labels"]]) }
        for machine in claim.adopt {
            plan.actions.append(.adoptMachine(machine, patch: adoptionPatch(machine, adding: reference)))
        }
        for machine in claim.release {
            plan.actions.append(.releaseMachine(machine, patch: releasePatch(machine, removingOwnerUID: uid)))
        }
        plan.machines = claim.claimed

        plan.targetReplicas = machineSet.replicas
        do {
            if let bounds = try MachineSetAutoscalerBounds(annotations: machineSet.metadata.annotations) {
                plan.targetReplicas = bounds.clamp(machineSet.replicas)
                if plan.targetReplicas != machineSet.replicas {
                    plan.autoscalerWarning = .outsideBounds(
                        replicas: machineSet.replicas, target: plan.targetReplicas, bounds: bounds)
                }
            }
        } catch {
            plan.autoscalerWarning = .invalidAnnotations(error)
        }

        if expectationsSatisfied {
            let diff = claim.claimed.count - plan.targetReplicas
            if diff < 0 {
                plan.actions.append(
                    .createMachines(count: min(-diff, burstReplicas), machine: machine(from: machineSet)))
            } else if diff > 0 {
                plan.actions.append(
                    .deleteMachines(
                        machinesToDelete(from: claim.claimed, count: min(diff, burstReplicas), policy: policy, now: now)))
            }
        }

        plan.status = status(machineSet: machineSet, machines: claim.claimed, nodes: nodes, now: now)
        plan.statusNeedsUpdate = plan.status != machineSet.status
        if machineSet.minReadySeconds > 0 && plan.status.readyReplicas == plan.targetReplicas
            && plan.status.availableReplicas != plan.targetReplicas
        {
            plan.requeueAfter = .seconds(machineSet.minReadySeconds)
        }
        return plan
    }

    /// The operator's `validateMachineset` and the delete policy: a selector that parses, is not empty and selects the
    /// template's labels.
    public static func validate(
        _ machineSet: MachineSet
    ) throws(MachineSetError) -> (selector: LabelSelector, policy: MachineSetDeletePolicy) {
        let selector: LabelSelector
        do { selector = try LabelSelector(labelSelector: machineSet.selector) } catch {
            throw .invalidSelector(error)
        }
        if selector.isEmpty || selector.matchesNothing { throw .emptySelector }
        if !selector.matches(labels: machineSet.template?[path: ["metadata", "labels"]]) {
            throw .selectorDoesNotMatchTemplate
        }
        return (selector, try MachineSetDeletePolicy(specValue: machineSet.deletePolicy))
    }

    /// `metav1.NewControllerRef(machineSet, MachineSet)`.
    public static func controllerReference(to machineSet: MachineSet) -> OwnerReference {
        WorkloadPodTemplate.controllerReference(
            to: machineSet, apiVersion: MachineAPI.apiVersion, kind: MachineSet.kindName)
    }

    /// The Machine the operator's `createMachine` builds: `generateName` `<machineset>-`, the template's labels (plus
    /// ``MachineAPI/machineSetLabel`` naming the set when the template does not set it) and annotations, the
    /// template's spec verbatim, the set's namespace and a controller reference to it.
    public static func machine(from machineSet: MachineSet) -> Machine {
        let template = machineSet.template
        var metadata = JSONObject()
        metadata["generateName"] = .string(machineSet.name + "-")
        if let namespace = machineSet.namespace { metadata["namespace"] = .string(namespace) }
        var labels = template?[path: ["metadata", "labels"]]?.objectValue ?? [:]
        if labels[MachineAPI.machineSetLabel] == nil {
            labels[MachineAPI.machineSetLabel] = .string(machineSet.name)
        }
        metadata["labels"] = .object(labels)
        if let annotations = template?[path: ["metadata", "annotations"]], let map = annotations.objectValue,
            !map.isEmpty
        {
            metadata["annotations"] = annotations
        }
        metadata["ownerReferences"] = .array([controllerReference(to: machineSet).object])
        return Machine([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": .string(Machine.kindName),
            "metadata": .object(metadata), "spec": template?["spec"] ?? .object([:]),
        ])
    }

    /// A merge patch setting the object's owner references to its current ones plus `reference`, guarded by its
    /// `uid` and `resourceVersion`. (Custom resources take no strategic merge patch, so the list goes whole.)
    static func adoptionPatch(_ object: some KubernetesObject, adding reference: OwnerReference) -> JSON {
        let references = object.metadata.ownerReferences.map(\.object) + [reference.object]
        return ownerReferencesPatch(object, references)
    }

    /// A merge patch setting the object's owner references to its current ones less the one to `ownerUID`.
    static func releasePatch(_ object: some KubernetesObject, removingOwnerUID ownerUID: String) -> JSON {
        ownerReferencesPatch(object, object.metadata.ownerReferences.filter { $0.uid != ownerUID }.map(\.object))
    }

    private static func ownerReferencesPatch(_ object: some KubernetesObject, _ references: [JSON]) -> JSON {
        var metadata: JSONObject = ["ownerReferences": references.isEmpty ? .null : .array(references)]
        if let uid = object.metadata.uid { metadata["uid"] = .string(uid) }
        if let resourceVersion = object.metadata.resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
        return ["metadata": .object(metadata)]
    }
}
