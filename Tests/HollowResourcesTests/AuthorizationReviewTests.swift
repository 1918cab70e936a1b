import HollowModel
import HollowResources
import Testing

/// SelfSubjectAccessReview, SubjectAccessReview, LocalSubjectAccessReview, SelfSubjectRulesReview and
/// SelfSubjectReview creates, as kubectl's `auth can-i` and `auth whoami` send them.
@Suite struct AccessReviewTests {
    typealias F = RBACFixtures

    static let authorizer = RBACAuthorizer(
        roles: [F.role("deployer", namespace: "dev", F.rule("create", "apps", "deployments"))],
        clusterRoles: [F.clusterRole("view", F.rule("get,list,watch", "", "pods"), F.urlRule("get", "/healthz"))],
        roleBindings: [F.roleBinding(namespace: "dev", role: "deployer", kind: "Role", "User:alice")],
        clusterRoleBindings: [F.clusterRoleBinding(role: "view", "Group:viewers")])

    static let alice = UserInfo(name: "alice", groups: ["viewers", "system:authenticated"])

    static func create(
        _ resource: String, _ body: JSON, namespace: String? = nil, as user: UserInfo = alice
    ) throws(APIError) -> JSON {
        try AccessReviews.create(
            resource: resource, body: body, namespace: namespace, requester: user, authorizer: authorizer, now: 86_400)
    }

    static func failure(_ resource: String, _ body: JSON, namespace: String? = nil) -> APIError? {
        do {
            _ = try create(resource, body, namespace: namespace)
            return nil
        } catch {
            return error
        }
    }

    static func selfReview(_ attributes: JSON, key: String = "resourceAttributes") -> JSON {
        [
            "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
            "metadata": ["creationTimestamp": nil], "spec": .object([key: attributes]),
        ]
    }

    @Test func canIAnswersWithKubesReason() throws {
        let allowed = try Self.create(
            "selfsubjectaccessreviews",
            Self.selfReview(["namespace": "dev", "verb": "create", "group": "apps", "resource": "deployments"]))
        #expect(
            allowed["status"]
                == [
                    "allowed": true,
                    "reason": #"RBAC: allowed by RoleBinding "deployer/dev" of Role "deployer" to User "alice""#,
                ])
        #expect(allowed["kind"] == "SelfSubjectAccessReview")
        #expect(allowed[path: ["spec", "resourceAttributes", "verb"]] == "create")
        let refused = try Self.create(
            "selfsubjectaccessreviews",
            Self.selfReview(["namespace": "prod", "verb": "create", "group": "apps", "resource": "deployments"]))
        #expect(refused["status"] == ["allowed": false])
        let path = try Self.create(
            "selfsubjectaccessreviews",
            Self.selfReview(["path": "/healthz", "verb": "get"], key: "nonResourceAttributes"))
        #expect(path[path: ["status", "allowed"]] == true)
    }

    @Test func subjectAccessReviewsAskAboutTheSpecsUser() throws {
        let body: JSON = [
            "spec": [
                "resourceAttributes": ["verb": "list", "resource": "pods", "namespace": "x"], "user": "bob",
                "groups": ["viewers"],
            ]
        ]
        #expect(try Self.create("subjectaccessreviews", body)[path: ["status", "allowed"]] == true)
        let withoutGroup: JSON = ["spec": ["resourceAttributes": ["verb": "list", "resource": "pods"], "user": "bob"]]
        #expect(try Self.create("subjectaccessreviews", withoutGroup)[path: ["status", "allowed"]] == false)
        let masters: JSON = [
            "spec": ["nonResourceAttributes": ["verb": "get", "path": "/x"], "groups": ["system:masters"]]
        ]
        #expect(try Self.create("subjectaccessreviews", masters)["status"] == ["allowed": true])
    }

    @Test(arguments: [
        (
            "selfsubjectaccessreviews", ["spec": [:]] as JSON,
            #"SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified"#
        ),
        (
            "selfsubjectaccessreviews",
            ["spec": ["resourceAttributes": ["verb": "get"], "nonResourceAttributes": ["path": "/x", "verb": "get"]]]
                as JSON,
            #"SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: cannot be specified in combination with resourceAttributes"#
        ),
        (
            "subjectaccessreviews", ["spec": ["resourceAttributes": ["verb": "get"]]] as JSON,
            #"SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified"#
        ),
        (
            "selfsubjectaccessreviews",
            ["metadata": ["name": "x"], "spec": ["resourceAttributes": ["verb": "get"]]] as JSON,
            #"SelfSubjectAccessReview.authorization.k8s.io "" is invalid: metadata: Invalid value: {"name":"x"}: must be empty"#
        ),
    ])
    func invalidReviewsAreRefusedWithKubesMessages(_ resource: String, _ body: JSON, _ message: String) {
        let error = Self.failure(resource, body)
        #expect(error?.code == 422)
        #expect(error?.message == message)
    }

    @Test func localReviewsStayInTheirNamespace() throws {
        let body: JSON = [
            "spec": [
                "resourceAttributes": [
                    "verb": "create", "group": "apps", "resource": "deployments", "namespace": "dev",
                ], "user": "alice",
            ]
        ]
        let review = try Self.create("localsubjectaccessreviews", body, namespace: "dev")
        #expect(review[path: ["status", "allowed"]] == true)
        #expect(review[path: ["metadata", "namespace"]] == "dev")
        #expect(
            Self.failure("localsubjectaccessreviews", body, namespace: "prod")?.message
                == #"LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "dev": must match metadata.namespace"#
        )
        #expect(Self.failure("localsubjectaccessreviews", body)?.code == 400)
        var other = body
        other[path: ["metadata", "namespace"]] = "prod"
        #expect(
            Self.failure("localsubjectaccessreviews", other, namespace: "dev")?.message
                == "the namespace of the provided object does not match the namespace sent on the request")
    }

    @Test func rulesReviewListsTheRequestersRules() throws {
        let review = try Self.create("selfsubjectrulesreviews", ["spec": ["namespace": "dev"]])
        #expect(
            review["status"] == [
                "resourceRules": [
                    ["verbs": ["get", "list", "watch"], "apiGroups": [""], "resources": ["pods"]],
                    ["verbs": ["create"], "apiGroups": ["apps"], "resources": ["deployments"]],
                ],
                "nonResourceRules": [["verbs": ["get"], "nonResourceURLs": ["/healthz"]]],
                "incomplete": false,
            ])
        #expect(Self.failure("selfsubjectrulesreviews", ["spec": [:]])?.message == "no namespace on request")
    }

    @Test func whoamiReturnsTheRequester() throws {
        let review = try Self.create(
            "selfsubjectreviews", ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"])
        #expect(
            review[path: ["status", "userInfo"]] == [
                "username": "alice", "groups": ["viewers", "system:authenticated"],
            ])
        #expect(review[path: ["metadata", "creationTimestamp"]] == "1970-01-02T00:00:00Z")
    }
}

/// Roles and bindings as resources: names, defaults, validation, tables.
@Suite struct RBACResourceTests {
    typealias F = RBACFixtures

    static func errors(_ object: JSON, _ definition: ResourceDefinition, old: JSON? = nil) -> [String] {
        var object = object
        if old == nil {
            ObjectMetaRules.prepareForCreate(
                &object, definition: definition, namespace: object[path: ["metadata", "namespace"]]?.stringValue,
                name: object[path: ["metadata", "name"]]?.stringValue ?? "", uid: "u1", now: 0)
        }
        return ObjectMetaRules.validate(object, definition: definition, old: old).map(\.description)
    }

    @Test func definitionsAreServedAsKubeServesThem() {
        let byPlural = Dictionary(uniqueKeysWithValues: RBACResources.all.map { ($0.plural, $0) })
        #expect(byPlural.count == 10)
        #expect(byPlural["roles"]?.namespaced == true)
        #expect(byPlural["clusterrolebindings"]?.namespaced == false)
        #expect(byPlural["rolebindings"]?.apiVersion == "rbac.authorization.k8s.io/v1")
        #expect(byPlural["localsubjectaccessreviews"]?.namespaced == true)
        #expect(byPlural["selfsubjectrulesreviews"]?.kind == "SelfSubjectRulesReview")
        #expect(byPlural["tokenreviews"]?.apiVersion == "authentication.k8s.io/v1")
        #expect(RBACResources.reviews.allSatisfy { $0.verbs == ["create"] && !$0.tracksGeneration })
        #expect(RBACResources.all.allSatisfy { !$0.tracksGeneration })
        #expect(byPlural["roles"]?.columns.map(\.name) == ["Name", "Created At"])
        #expect(
            byPlural["rolebindings"]?.columns.map(\.name) == [
                "Name", "Role", "Age", "Users", "Groups", "ServiceAccounts",
            ])
        #expect(byPlural["clusterrolebindings"]?.columns.map(\.priority) == [0, 0, 0, 1, 1, 1])
    }

    @Test(arguments: [
        ("system:controller:job-controller", [String]()),
        ("a/b", [#"metadata.name: Invalid value: "a/b": may not contain '/'"#]),
        ("50%", [#"metadata.name: Invalid value: "50%": may not contain '%'"#]),
        ("..", [#"metadata.name: Invalid value: "..": may not be '..'"#]),
        ("Upper_Case", [String]()),
    ])
    func namesArePathSegments(_ name: String, _ expected: [String]) {
        #expect(Self.errors(F.clusterRole(name, F.rule("get", "", "pods")), RBACResources.clusterRoles) == expected)
    }

    @Test func rulesAreValidatedAsKubeDoes() {
        let role = F.role(
            "r", namespace: "ns", ["apiGroups": [""], "resources": ["pods"]], F.urlRule("get", "/healthz"),
            ["verbs": ["get"], "resources": ["pods", "secrets"], "resourceNames": ["a"]])
        #expect(
            Self.errors(role, RBACResources.roles) == [
                "rules[0].verbs: Required value: verbs must contain at least one value",
                #"rules[1].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs"#,
                "rules[2].apiGroups: Required value: resource rules must supply at least one api group",
                "rules[2].resourceNames: Required value: resource names cannot apply to multiple resources",
            ])
        #expect(Self.errors(F.clusterRole("c", F.urlRule("get", "/healthz")), RBACResources.clusterRoles) == [])
        #expect(
            Self.errors(F.clusterRole("c", F.rule("get", "", "pods", "/healthz")), RBACResources.clusterRoles) == [
                #"rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: rules cannot apply to both regular resources and non-resource URLs"#
            ])
        #expect(
            Self.errors(F.clusterRole("agg", aggregating: []), RBACResources.clusterRoles) == [
                "aggregationRule.clusterRoleSelectors: Required value: at least one clusterRoleSelector required if aggregationRule is non-nil"
            ])
    }

    @Test func bindingsAreDefaultedAndValidated() throws {
        var binding: JSON = [
            "metadata": ["name": "b", "namespace": "ns"], "roleRef": ["kind": "ClusterRole", "name": "view"],
            "subjects": [["kind": "User", "name": "alice"], ["kind": "ServiceAccount", "name": "builder"]],
        ]
        ObjectMetaRules.prepareForCreate(
            &binding, definition: RBACResources.roleBindings, namespace: "ns", name: "b", uid: "u", now: 0)
        #expect(binding[path: ["roleRef", "apiGroup"]] == "rbac.authorization.k8s.io")
        #expect(
            binding["subjects"] == [
                ["kind": "User", "name": "alice", "apiGroup": "rbac.authorization.k8s.io"],
                ["kind": "ServiceAccount", "name": "builder"],
            ])
        #expect(ObjectMetaRules.validate(binding, definition: RBACResources.roleBindings, old: nil).isEmpty)

        let invalid = F.clusterRoleBinding("c", role: "", "ServiceAccount:builder")
        var robot = invalid
        robot["subjects"] = [["kind": "Robot", "name": "r2"], ["kind": "User", "apiGroup": "", "name": "u"]]
        robot[path: ["roleRef", "kind"]] = "Role"
        #expect(
            Self.errors(invalid, RBACResources.clusterRoleBindings) == [
                "roleRef.name: Required value", "subjects[0].namespace: Required value",
            ])
        #expect(
            Self.errors(robot, RBACResources.clusterRoleBindings) == [
                #"roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole""#,
                "roleRef.name: Required value",
                #"subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group""#,
            ])
    }

    @Test func roleRefCannotChange() {
        let old = F.roleBinding("b", namespace: "ns", role: "view", "User:alice")
        var new = old
        new[path: ["roleRef", "name"]] = "edit"
        let errors = ObjectMetaRules.validate(new, definition: RBACResources.roleBindings, old: old)
        #expect(
            errors.map(\.description) == [
                #"roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef"#
            ])
        #expect(
            APIError.invalid(group: "rbac.authorization.k8s.io", kind: "RoleBinding", name: "b", errors: errors).message
                == #"RoleBinding.rbac.authorization.k8s.io "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef"#
        )
        var subjectsOnly = old
        subjectsOnly["subjects"] = [F.subject("Group:devs")]
        #expect(ObjectMetaRules.validate(subjectsOnly, definition: RBACResources.roleBindings, old: old).isEmpty)
    }

    @Test func tablesPrintRoleAndSubjects() {
        var binding = F.roleBinding(
            "b", namespace: "ns", role: "edit", "User:alice", "User:bob", "Group:devs", "ServiceAccount:ci:builder",
            "ServiceAccount:deployer")
        binding[path: ["metadata", "creationTimestamp"]] = "1970-01-01T00:00:00Z"
        let cells = RBACResources.roleBindings.columns.map { $0.cell(binding, TableContext(now: 3600)) }
        #expect(cells == ["b", "ClusterRole/edit", "60m", "alice, bob", "devs", "ci/builder, /deployer"])
        var role = F.clusterRole("view")
        role[path: ["metadata", "creationTimestamp"]] = "2024-05-01T10:00:00Z"
        #expect(
            RBACResources.clusterRoles.columns.map { $0.cell(role, TableContext(now: 0)) } == [
                "view", "2024-05-01T10:00:00Z",
            ])
    }
}

/// The default roles every cluster has, seeded from `RBACBootstrapPolicy`.
@Suite struct RBACBootstrapPolicyTests {
    static let authorizer = RBACAuthorizer(
        roles: [], clusterRoles: RBACBootstrapPolicy.clusterRoles, roleBindings: [],
        clusterRoleBindings: RBACBootstrapPolicy.clusterRoleBindings)

    @Test func bootstrapObjectsAreValid() {
        for role in RBACBootstrapPolicy.clusterRoles {
            #expect(ObjectMetaRules.validate(role, definition: RBACResources.clusterRoles, old: nil).isEmpty)
        }
        for binding in RBACBootstrapPolicy.clusterRoleBindings {
            #expect(ObjectMetaRules.validate(binding, definition: RBACResources.clusterRoleBindings, old: nil).isEmpty)
        }
    }

    @Test func everyoneSeesHealthAuthenticatedUsersDiscoverAndReviewThemselves() {
        let anonymous = UserInfo(name: "system:anonymous", groups: ["system:unauthenticated"])
        let user = UserInfo(name: "alice", groups: ["system:authenticated"])
        func can(_ who: UserInfo, _ verb: String, _ path: String) -> Bool {
            Self.authorizer.authorize(AuthorizationAttributes(user: who, verb: verb, path: path)) == .allow
        }
        #expect(can(anonymous, "get", "/healthz"))
        #expect(!can(anonymous, "get", "/api"))
        #expect(can(user, "get", "/apis/apps/v1"))
        #expect(!can(user, "get", "/metrics"))
        let review = AuthorizationAttributes(
            user: user, verb: "create", apiGroup: "authorization.k8s.io", resource: "selfsubjectaccessreviews")
        #expect(Self.authorizer.authorize(review) == .allow)
        #expect(
            Self.authorizer.authorize(AuthorizationAttributes(user: user, verb: "list", resource: "pods")) != .allow)
    }

    @Test func mastersListEverything() {
        let rules = Self.authorizer.rules(
            for: UserInfo(name: "admin", groups: ["system:masters", "system:authenticated"]), namespace: "default")
        #expect(rules.resourceRules.first == PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]))
        #expect(rules.nonResourceRules.first == PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]))
        #expect(
            Self.authorizer.review(
                AuthorizationAttributes(
                    user: UserInfo(name: "x", groups: ["system:authenticated"]), verb: "get", path: "/version")
            )
            .reason
                == #"RBAC: allowed by ClusterRoleBinding "system:discovery" of ClusterRole "system:discovery" to Group "system:authenticated""#
        )
    }
}
