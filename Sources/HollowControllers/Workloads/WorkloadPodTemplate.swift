import HollowModel

/// Pods built from a `PodTemplateSpec`, as `controller.GetPodFromTemplate` builds them, and the controller references
/// the workload controllers put on what they create.
public enum WorkloadPodTemplate {
    /// `metav1.NewControllerRef(owner, gvk)`: `controller: true`, `blockOwnerDeletion: true`. The group, version and kind
    /// are given rather than read from the owner, because objects listed from the API server carry no `apiVersion` or
    /// `kind` of their own.
    public static func controllerReference(
        to owner: some KubernetesObject, apiVersion: String, kind: String
    ) -> OwnerReference {
        OwnerReference(
            apiVersion: apiVersion, kind: kind, name: owner.name, uid: owner.metadata.uid ?? "", controller: true,
            blockOwnerDeletion: true)
    }

    /// The pod a controller creates from `template`: `generateName` is the owner's name and a dash (the bare name when
    /// the dash would make an invalid prefix), labels, annotations and finalizers come from the template's metadata (and
    /// nothing else of it does), `ownerReferences` holds `controllerReference`, and `spec` is the template's, verbatim.
    /// The pod is created in `namespace`.
    public static func pod(
        from template: JSON?, ownerName: String, namespace: String?, controllerReference: OwnerReference
    ) -> Pod {
        let templateMetadata = template?["metadata"]
        var metadata = JSONObject()
        metadata["generateName"] = .string(generateNamePrefix(ownerName))
        if let namespace { metadata["namespace"] = .string(namespace) }
        for key in ["labels", "annotations"] {
            if let map = templateMetadata?[key], let object = map.objectValue, !object.isEmpty { metadata[key] = map }
        }
        metadata["ownerReferences"] = .array([controllerReference.object])
        if let finalizers = templateMetadata?["finalizers"], let list = finalizers.arrayValue, !list.isEmpty {
            metadata["finalizers"] = finalizers
        }
        return Pod([
            "apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata),
            "spec": template?["spec"] ?? .object([:]),
        ])
    }

    /// `getPodsPrefix`: `name-`, or `name` when `name-` is not a valid pod name prefix (validated without its trailing
    /// dash, as `ValidatePodName(prefix, true)` masks it).
    static func generateNamePrefix(_ ownerName: String) -> String {
        isDNS1123Subdomain(ownerName).isEmpty ? ownerName + "-" : ownerName
    }
}
