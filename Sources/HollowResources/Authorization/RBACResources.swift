import HollowModel

/// The RBAC resources (rbac.authorization.k8s.io/v1) and the create-only review resources of
/// authorization.k8s.io/v1 and authentication.k8s.io/v1, with kube-apiserver's tables, defaults and validation.
///
/// The reviews are served with verb `create` only and store nothing: the HTTP layer answers their creates with
/// `AccessReviews.create` (and `tokenreviews` with its authenticator).
public enum RBACResources {
    public static let group = "rbac.authorization.k8s.io"

    public static var all: [ResourceDefinition] {
        [roles, clusterRoles, roleBindings, clusterRoleBindings] + reviews
    }

    public static var reviews: [ResourceDefinition] {
        [
            selfSubjectAccessReviews, subjectAccessReviews, localSubjectAccessReviews, selfSubjectRulesReviews,
            tokenReviews, selfSubjectReviews,
        ]
    }

    public static let roles = ResourceDefinition(
        group: group, version: "v1", kind: "Role", plural: "roles", namespaced: true,
        columns: [.name, createdAt],
        strategy: ResourceStrategy(
            validate: { RBACValidation.role($0, namespaced: true) },
            validateUpdate: { new, _ in RBACValidation.role(new, namespaced: true) }),
        nameValidator: pathSegmentName,
        tracksGeneration: false
    )

    public static let clusterRoles = ResourceDefinition(
        group: group, version: "v1", kind: "ClusterRole", plural: "clusterroles", namespaced: false,
        columns: [.name, createdAt],
        strategy: ResourceStrategy(
            validate: { RBACValidation.role($0, namespaced: false) },
            validateUpdate: { new, _ in RBACValidation.role(new, namespaced: false) }),
        nameValidator: pathSegmentName,
        tracksGeneration: false
    )

    public static let roleBindings = ResourceDefinition(
        group: group, version: "v1", kind: "RoleBinding", plural: "rolebindings", namespaced: true,
        columns: bindingColumns(of: "roleBinding"),
        strategy: bindingStrategy(namespaced: true),
        nameValidator: pathSegmentName,
        tracksGeneration: false
    )

    public static let clusterRoleBindings = ResourceDefinition(
        group: group, version: "v1", kind: "ClusterRoleBinding", plural: "clusterrolebindings", namespaced: false,
        columns: bindingColumns(of: "clusterRoleBinding"),
        strategy: bindingStrategy(namespaced: false),
        nameValidator: pathSegmentName,
        tracksGeneration: false
    )

    public static let selfSubjectAccessReviews = review("SelfSubjectAccessReview", "authorization.k8s.io")
    public static let subjectAccessReviews = review("SubjectAccessReview", "authorization.k8s.io")
    public static let localSubjectAccessReviews = review(
        "LocalSubjectAccessReview", "authorization.k8s.io", namespaced: true)
    public static let selfSubjectRulesReviews = review("SelfSubjectRulesReview", "authorization.k8s.io")
    public static let tokenReviews = review("TokenReview", "authentication.k8s.io")
    public static let selfSubjectReviews = review("SelfSubjectReview", "authentication.k8s.io")

    /// `IsValidPathSegmentName`, kube's minimal rule for RBAC names: not `.` or `..`, no `/` or `%`.
    static let pathSegmentName = NameValidator { name, _ in pathSegmentNameErrors(name) }

    static func pathSegmentNameErrors(_ name: String) -> [String] {
        for illegal in [".", ".."] where name == illegal { return ["may not be '\(illegal)'"] }
        return ["/", "%"].filter { name.contains($0) }.map { "may not contain '\($0)'" }
    }

    /// Roles have no printer in kube-apiserver; its default table shows the creation time as RFC 3339.
    static let createdAt = TableColumn(
        "Created At", type: "date", description: "Time at which the object was created."
    ) { object, _ in .string(object[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "") }

    /// NAME ROLE AGE, and with `-o wide` USERS GROUPS SERVICEACCOUNTS (service accounts as `namespace/name`).
    static func bindingColumns(of noun: String) -> [TableColumn] {
        [
            .name,
            TableColumn(
                "Role",
                description:
                    "RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable."
            ) { binding, _ in
                let roleRef = RoleRef(json: binding["roleRef"])
                return .string(roleRef.kind + "/" + roleRef.name)
            },
            .age,
            TableColumn("Users", description: "Users in the \(noun)", priority: 1) { binding, _ in
                subjects(binding, Subject.userKind)
            },
            TableColumn("Groups", description: "Groups in the \(noun)", priority: 1) { binding, _ in
                subjects(binding, Subject.groupKind)
            },
            TableColumn("ServiceAccounts", description: "ServiceAccounts in the \(noun)", priority: 1) { binding, _ in
                subjects(binding, Subject.serviceAccountKind)
            },
        ]
    }

    /// `SubjectsStrings`: the names of one kind of subject, comma-separated.
    static func subjects(_ binding: JSON, _ kind: String) -> JSON {
        let names = (binding["subjects"]?.arrayValue ?? []).map(Subject.init(json:)).filter { $0.kind == kind }.map {
            kind == Subject.serviceAccountKind ? $0.namespace + "/" + $0.name : $0.name
        }
        return .string(names.joined(separator: ", "))
    }

    /// Defaults (`roleRef.apiGroup`, each subject's `apiGroup`) on every write, validation, and an immutable roleRef.
    static func bindingStrategy(namespaced: Bool) -> ResourceStrategy {
        ResourceStrategy(
            prepareForCreate: { binding, _ in RBACValidation.defaultBinding(&binding) },
            prepareForUpdate: { binding, _, _ in RBACValidation.defaultBinding(&binding) },
            validate: { RBACValidation.binding($0, namespaced: namespaced) },
            validateUpdate: { new, old in
                var errors = RBACValidation.binding(new, namespaced: namespaced)
                let roleRef = RoleRef(json: new["roleRef"])
                if roleRef != RoleRef(json: old["roleRef"]) {
                    errors.append(goSyntaxInvalid("roleRef", roleRef.goSyntax, "cannot change roleRef"))
                }
                return errors
            })
    }

    static func review(_ kind: String, _ group: String, namespaced: Bool = false) -> ResourceDefinition {
        ResourceDefinition(
            group: group, version: "v1", kind: kind, plural: kind.lowercased() + "s", namespaced: namespaced,
            verbs: ["create"], tracksGeneration: false)
    }
}
