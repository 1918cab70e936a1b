import HollowModel

/// The `apps/v1` workload resources: deployments, replica sets and daemon sets (with status, and scale for the
/// first two), and the controller revisions daemon sets and stateful sets keep their history in. Their controllers
/// are not part of the API server: these objects are stored, defaulted and validated as kube-apiserver does.
extension BuiltinResources {
    public static var apps: [ResourceDefinition] { [deployments, replicaSets, daemonSets, controllerRevisions] }

    /// `/scale` reads `spec.replicas` and `status.replicas`, and reports `spec.selector` as a query string.
    static let replicasScale = ScaleSubresource(
        specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".spec.selector")

    public static let deployments = ResourceDefinition(
        group: "apps", version: "v1", kind: "Deployment", plural: "deployments", namespaced: true,
        shortNames: ["deploy"], categories: ["all"], subresources: [.status, .scale(replicasScale)],
        columns: AppsColumns.deployment,
        strategy: AppsStrategy.deployment
    )

    public static let replicaSets = ResourceDefinition(
        group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", namespaced: true,
        shortNames: ["rs"], categories: ["all"], subresources: [.status, .scale(replicasScale)],
        columns: AppsColumns.replicaSet,
        selectableFields: [
            // kube's ReplicaSetToSelectableFields: the observed replica count, "0" when unset.
            SelectableField("status.replicas") { replicaSet in
                String(replicaSet[path: ["status", "replicas"]]?.intValue ?? 0)
            }
        ],
        strategy: AppsStrategy.replicaSet
    )

    public static let daemonSets = ResourceDefinition(
        group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", namespaced: true,
        shortNames: ["ds"], categories: ["all"], subresources: [.status],
        columns: AppsColumns.daemonSet,
        strategy: AppsStrategy.daemonSet
    )

    public static let controllerRevisions = ResourceDefinition(
        group: "apps", version: "v1", kind: "ControllerRevision", plural: "controllerrevisions", namespaced: true,
        columns: AppsColumns.controllerRevision,
        strategy: AppsStrategy.controllerRevision,
        tracksGeneration: false
    )
}
