import HollowModel

/// The part of kube-apiserver's bootstrap policy (`plugin/pkg/auth/authorizer/rbac/bootstrappolicy`) that clients
/// rely on: `cluster-admin` for `system:masters` (so `kubectl auth can-i --list` shows `*`), discovery and
/// self-reviews for every authenticated user, health and version for everyone. kube-apiserver creates these at
/// start-up when missing; Hollow's caller seeds them into the store the same way.
public enum RBACBootstrapPolicy {
    public static var clusterRoles: [JSON] {
        [
            clusterRole(
                "cluster-admin",
                PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]),
                PolicyRule(verbs: ["*"], nonResourceURLs: ["*"])),
            clusterRole(
                "system:discovery",
                PolicyRule(
                    verbs: ["get"],
                    nonResourceURLs: [
                        "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz",
                        "/version", "/version/",
                    ])),
            clusterRole(
                "system:basic-user",
                PolicyRule(
                    verbs: ["create"], apiGroups: ["authorization.k8s.io"],
                    resources: ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
                PolicyRule(verbs: ["create"], apiGroups: ["authentication.k8s.io"], resources: ["selfsubjectreviews"])),
            clusterRole(
                "system:public-info-viewer",
                PolicyRule(verbs: ["get"], nonResourceURLs: ["/healthz", "/livez", "/readyz", "/version", "/version/"])),
        ]
    }

    public static var clusterRoleBindings: [JSON] {
        [
            binding("cluster-admin", groups: [UserInfo.privilegedGroup]),
            binding("system:discovery", groups: [UserInfo.allAuthenticated]),
            binding("system:basic-user", groups: [UserInfo.allAuthenticated]),
            binding("system:public-info-viewer", groups: [UserInfo.allAuthenticated, UserInfo.allUnauthenticated]),
        ]
    }

    static let metadata: JSONObject = [
        "labels": ["kubernetes.io/bootstrapping": "rbac-defaults"],
        "annotations": ["rbac.authorization.kubernetes.io/autoupdate": "true"],
    ]

    static func clusterRole(_ name: String, _ rules: PolicyRule...) -> JSON {
        var metadata = metadata
        metadata["name"] = .string(name)
        return [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": .object(metadata),
            "rules": .array(rules.map(\.json)),
        ]
    }

    static func binding(_ name: String, groups: [String]) -> JSON {
        var metadata = metadata
        metadata["name"] = .string(name)
        return [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": .object(metadata),
            "roleRef": ["apiGroup": .string(RBACResources.group), "kind": "ClusterRole", "name": .string(name)],
            "subjects": .array(groups.map { Subject(kind: Subject.groupKind, name: $0).json }),
        ]
    }
}
