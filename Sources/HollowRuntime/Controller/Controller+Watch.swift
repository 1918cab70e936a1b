import HollowModel

/// Wiring informers to a controller's queue (controller-runtime's `For`, `Owns` and `Watches` with their event
/// handlers). Each `watch` registers the informer's sync, so ``Controller/run()`` starts its workers only once the
/// caches it reads are filled.
extension Controller {
    /// Reconciles each object's own key on every add, update and delete (`handler.EnqueueRequestForObject`).
    @discardableResult
    public func watch<Object: KubernetesObject>(_ informer: Informer<Object>) -> EventHandlerRegistration {
        watch(informer) { [ObjectKey(namespace: $0.namespace, name: $0.name)] }
    }

    /// Reconciles the keys `map` returns for each object; on an update, for both the old and the new object
    /// (`handler.EnqueueRequestsFromMapFunc`). Return `[]` to ignore an object.
    @discardableResult
    public func watch<Object: KubernetesObject>(
        _ informer: Informer<Object>, map: @escaping @Sendable (Object) -> [ObjectKey]
    ) -> EventHandlerRegistration {
        waitForSync { try await informer.waitForSync() }
        let queue = queue
        return informer.addEventHandler(
            onAdd: { object in for key in map(object) { queue.add(key) } },
            onUpdate: { old, new in
                var keys = map(new)
                for key in map(old) where !keys.contains(key) { keys.append(key) }
                for key in keys { queue.add(key) }
            },
            onDelete: { object in for key in map(object) { queue.add(key) } })
    }

    /// Reconciles the controlling owner of each object when that owner is of `ownerKind` (and, if given, of
    /// `ownerAPIVersion`'s group): `handler.EnqueueRequestForOwner(…, OnlyControllerOwner())`. Owners are looked
    /// up in the object's namespace.
    @discardableResult
    public func watchOwned<Object: KubernetesObject>(
        _ informer: Informer<Object>, ownerKind: String, ownerAPIVersion: String? = nil
    ) -> EventHandlerRegistration {
        let group = ownerAPIVersion.map(Self.group(ofAPIVersion:))
        return watch(informer) { object in
            guard let owner = object.metadata.controllerReference, owner.kind == ownerKind,
                group.map({ $0 == Self.group(ofAPIVersion: owner.apiVersion) }) ?? true
            else { return [] }
            return [ObjectKey(namespace: object.namespace, name: owner.name)]
        }
    }

    private static func group(ofAPIVersion apiVersion: String) -> String {
        apiVersion.firstIndex(of: "/").map { String(apiVersion[..<$0]) } ?? ""
    }
}
