import HollowModel
import HollowRuntime

/// The informer handlers with which kube's workload controllers follow the objects they own — the ReplicaSet and
/// DaemonSet controllers' `addPod`/`updatePod`/`deletePod`, the Deployment controller's `addReplicaSet`/…, the
/// DaemonSet controller's `addHistory`/… — turned into queue keys of `Owner`s:
///
/// - an object with a controller reference enqueues that controller, if it is an `Owner` in the cache with that UID
///   (`resolveControllerRef`); on an update that changed the reference, the old controller too;
/// - an orphan enqueues every `Owner` in its namespace whose (non-empty) selector matches it, so one may adopt it —
///   on an update only when its labels or its controller reference changed;
/// - an object being deleted counts as deleted.
///
/// With `expectations`, an add lowers the controller's expected creations and a delete (or a deletion timestamp) its
/// expected deletions, as `CreationObserved` and `DeletionObserved` do. With `minReadySeconds`, a pod that became
/// ready enqueues its controller again once it should be available.
struct WorkloadOwnerEvents<Owner: KubernetesObject>: Sendable {
    let owners: Informer<Owner>
    let ownerKind: String
    let selector: @Sendable (Owner) -> JSON?
    let controller: Controller
    var expectations: WorkloadExpectationsStore?
    var minReadySeconds: (@Sendable (Owner) -> Int)?

    init(
        owners: Informer<Owner>, ownerKind: String, selector: @escaping @Sendable (Owner) -> JSON?,
        controller: Controller, expectations: WorkloadExpectationsStore? = nil,
        minReadySeconds: (@Sendable (Owner) -> Int)? = nil
    ) {
        self.owners = owners
        self.ownerKind = ownerKind
        self.selector = selector
        self.controller = controller
        self.expectations = expectations
        self.minReadySeconds = minReadySeconds
    }

    /// Adds the handlers to `informer`, and makes the controller wait for its sync.
    func register<Object: KubernetesObject>(_ informer: Informer<Object>) {
        controller.waitForSync { try await informer.waitForSync() }
        informer.addEventHandler(
            onAdd: { object in added(object) },
            onUpdate: { old, new in updated(old, new) },
            onDelete: { object in deleted(object) })
    }

    func added<Object: KubernetesObject>(_ object: Object) {
        if WorkloadPod.isBeingDeleted(object) {
            // A controller restarting can find an object already on its way out: that is a deletion to observe.
            deleted(object)
            return
        }
        if let reference = object.metadata.controllerReference {
            guard let key = resolve(reference, namespace: object.namespace) else { return }
            expectations?.creationObserved(key.description)
            controller.enqueue(key)
            return
        }
        for key in selectingOwners(object) { controller.enqueue(key) }
    }

    func updated<Object: KubernetesObject>(_ old: Object, _ new: Object) {
        guard old.resourceVersion != new.resourceVersion else { return }  // a relist's copy of the same object
        let labelsChanged = old.metadata.labels != new.metadata.labels
        if WorkloadPod.isBeingDeleted(new) {
            // Counted now rather than at the delete: the object may linger for its grace period. The delete event
            // later counts nothing twice (expectations track the keys they wait for).
            deleted(new)
            if labelsChanged { deleted(old) }
            return
        }
        let oldReference = old.metadata.controllerReference
        let newReference = new.metadata.controllerReference
        let referenceChanged = oldReference?.uid != newReference?.uid
        if referenceChanged, let oldReference, let key = resolve(oldReference, namespace: old.namespace) {
            controller.enqueue(key)
        }
        if let newReference {
            guard let key = resolve(newReference, namespace: new.namespace) else { return }
            controller.enqueue(key)
            if let minReadySeconds, let owner = owners.get(key), case let seconds = minReadySeconds(owner), seconds > 0,
                !WorkloadPod.isReady(Pod(old.object)), WorkloadPod.isReady(Pod(new.object))
            {
                // kube adds a second against the millisecond skew of delayed queues.
                controller.enqueue(key, after: .seconds(seconds + 1))
            }
            return
        }
        if labelsChanged || referenceChanged {
            for key in selectingOwners(new) { controller.enqueue(key) }
        }
    }

    func deleted<Object: KubernetesObject>(_ object: Object) {
        guard let reference = object.metadata.controllerReference,
            let key = resolve(reference, namespace: object.namespace)
        else { return }
        expectations?.deletionObserved(key.description, podKey: object.key)
        controller.enqueue(key)
    }

    /// `resolveControllerRef`: the owner's key when the reference names an `Owner` the cache holds with that UID.
    func resolve(_ reference: OwnerReference, namespace: String?) -> ObjectKey? {
        guard reference.kind == ownerKind else { return nil }
        let key = ObjectKey(namespace: namespace, name: reference.name)
        guard let owner = owners.get(key), owner.metadata.uid == reference.uid else { return nil }
        return key
    }

    /// The owners in the object's namespace whose selector selects it (`GetPodReplicaSets` and its siblings); an
    /// owner with an empty or malformed selector selects nothing here.
    func selectingOwners(_ object: some KubernetesObject) -> [ObjectKey] {
        guard let namespace = object.namespace else { return [] }
        let labels = object.object[path: ["metadata", "labels"]]
        return owners.list(namespace: namespace).compactMap { owner in
            guard let selector = try? LabelSelector(labelSelector: selector(owner)), !selector.isEmpty,
                selector.matches(labels: labels)
            else { return nil }
            return ObjectKey(namespace: owner.namespace, name: owner.name)
        }
    }
}
