// Protobuf field tables for k8s.io/api `rbac/v1` at v0.36.3: Role, ClusterRole, RoleBinding, ClusterRoleBinding.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// rbac/v1 `Role`.
    static let role = ProtoMessage("Role", [
        .value(1, "metadata", .message(.objectMeta)),
        .repeatedOrNull(2, "rules", .message(.policyRule)),
    ])

    /// rbac/v1 `PolicyRule`.
    static let policyRule = ProtoMessage("PolicyRule", [
        .repeatedOrNull(1, "verbs", .string),
        .repeated(2, "apiGroups", .string),
        .repeated(3, "resources", .string),
        .repeated(4, "resourceNames", .string),
        .repeated(5, "nonResourceURLs", .string),
    ])

    /// rbac/v1 `ClusterRole`.
    static let clusterRole = ProtoMessage("ClusterRole", [
        .value(1, "metadata", .message(.objectMeta)),
        .repeatedOrNull(2, "rules", .message(.policyRule)),
        .pointer(3, "aggregationRule", .message(.aggregationRule)),
    ])

    /// rbac/v1 `AggregationRule`.
    static let aggregationRule = ProtoMessage("AggregationRule", [
        .repeated(1, "clusterRoleSelectors", .message(.labelSelector)),
    ])

    /// rbac/v1 `RoleBinding`.
    static let roleBinding = ProtoMessage("RoleBinding", [
        .value(1, "metadata", .message(.objectMeta)),
        .repeated(2, "subjects", .message(.subject)),
        .value(3, "roleRef", .message(.roleRef)),
    ])

    /// rbac/v1 `Subject`.
    static let subject = ProtoMessage("Subject", [
        .value(1, "kind", .string),
        .omitEmpty(2, "apiGroup", .string),
        .value(3, "name", .string),
        .omitEmpty(4, "namespace", .string),
    ])

    /// rbac/v1 `RoleRef`.
    static let roleRef = ProtoMessage("RoleRef", [
        .value(1, "apiGroup", .string),
        .value(2, "kind", .string),
        .value(3, "name", .string),
    ])

    /// rbac/v1 `ClusterRoleBinding`.
    static let clusterRoleBinding = ProtoMessage("ClusterRoleBinding", [
        .value(1, "metadata", .message(.objectMeta)),
        .repeated(2, "subjects", .message(.subject)),
        .value(3, "roleRef", .message(.roleRef)),
    ])
}
