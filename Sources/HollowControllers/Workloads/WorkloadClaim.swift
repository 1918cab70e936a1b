import HollowModel

/// What `ControllerRefManager.ClaimObject` decides for each object a controller could own: keep what it owns and
/// still selects, adopt orphans it selects, release what it owns but no longer selects.
public struct WorkloadClaim<Object: KubernetesObject>: Sendable {
    /// The objects the controller owns once the adoptions and releases are done (adopted ones included, with the
    /// controller reference added).
    public var claimed: [Object] = []
    /// Orphans to adopt: patch each with `adoptionPatch`.
    public var adopt: [Object] = []
    /// Owned objects that no longer match: patch each with `releasePatch`.
    public var release: [Object] = []

    /// Sorts `objects` as `ClaimObject` does for a controller with UID `ownerUID` in `ownerNamespace`:
    ///
    /// - controlled by another controller: ignored;
    /// - controlled by this one: claimed if `matches`, otherwise released (unless the owner is being deleted);
    /// - orphan: adopted if `matches`, it is not being deleted, it is in the owner's namespace and the owner is not
    ///   being deleted.
    ///
    /// Kube rechecks with a live GET that the owner is not being deleted before its first adoption of a sync; the
    /// reconciler should do the same before applying `adopt`.
    public init(
        _ objects: [Object], ownerUID: String, ownerNamespace: String?, ownerIsBeingDeleted: Bool,
        controllerReference: OwnerReference, matches: (Object) -> Bool
    ) {
        for object in objects {
            let metadata = object.metadata
            if let controllerUID = metadata.controllerUID {
                guard controllerUID == ownerUID else { continue }
                if matches(object) {
                    claimed.append(object)
                } else if !ownerIsBeingDeleted {
                    release.append(object)
                }
                continue
            }
            guard !ownerIsBeingDeleted, matches(object), !WorkloadPod.isBeingDeleted(object) else { continue }
            if let ownerNamespace, !ownerNamespace.isEmpty, object.namespace != ownerNamespace { continue }
            adopt.append(object)
            var adopted = object
            adopted.metadata.ownerReferences.append(controllerReference)
            claimed.append(adopted)
        }
    }
}

/// The patches with which kube adopts and releases (`GenerateOwnerReferencesPatch`, `GenerateDeleteOwnerRefStrategicMergeBytes`).
public enum WorkloadOwnership {
    /// Strategic merge patch adding `reference` to the object with UID `uid` (the UID makes the patch fail if the object
    /// was replaced): `{"metadata":{"ownerReferences":[…],"uid":"…"}}`.
    public static func adoptionPatch(adding reference: OwnerReference, toObjectWithUID uid: String) -> JSON {
        ["metadata": ["ownerReferences": .array([reference.object]), "uid": .string(uid)]]
    }

    /// Strategic merge patch removing the owner reference to `ownerUID`:
    /// `{"metadata":{"ownerReferences":[{"$patch":"delete","uid":"…"}],"uid":"…"}}`.
    public static func releasePatch(removingOwnerUID ownerUID: String, fromObjectWithUID uid: String) -> JSON {
        ["metadata": ["ownerReferences": [["$patch": "delete", "uid": .string(ownerUID)]], "uid": .string(uid)]]
    }
}
