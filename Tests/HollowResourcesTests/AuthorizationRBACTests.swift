import HollowModel
import HollowResources
import Testing

/// Builders for RBAC objects as the store holds them, after kubernetes' `rbac_test.go` helpers: rules from
/// comma-separated lists ("" is one empty element, as `strings.Split` gives), subjects as `Kind:name` or
/// `ServiceAccount:namespace:name`.
enum RBACFixtures {
    static func rule(
        _ verbs: String, _ groups: String, _ resources: String, _ urls: String = "", names: [String] = []
    ) -> JSON {
        func list(_ text: String) -> JSON {
            .array(text.split(separator: ",", omittingEmptySubsequences: false).map { .string(String($0)) })
        }
        var rule: JSONObject = ["verbs": list(verbs), "apiGroups": list(groups), "resources": list(resources)]
        if !urls.isEmpty { rule["nonResourceURLs"] = list(urls) }
        if !names.isEmpty { rule["resourceNames"] = .array(names.map(JSON.string)) }
        return .object(rule)
    }

    static func urlRule(_ verbs: String, _ urls: String) -> JSON {
        [
            "verbs": .array(verbs.split(separator: ",").map { .string(String($0)) }),
            "nonResourceURLs": .array(urls.split(separator: ",").map { .string(String($0)) }),
        ]
    }

    static func role(_ name: String, namespace: String, _ rules: JSON...) -> JSON {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
            "metadata": ["name": .string(name), "namespace": .string(namespace)], "rules": .array(rules),
        ]
    }

    static func clusterRole(
        _ name: String, labels: [String: String] = [:], aggregating selectors: [JSON]? = nil, _ rules: JSON...
    ) -> JSON {
        var metadata: JSONObject = ["name": .string(name)]
        if !labels.isEmpty {
            metadata["labels"] = .object(
                JSONObject(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
        }
        var role: JSONObject = [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": .object(metadata),
            "rules": .array(rules),
        ]
        if let selectors { role["aggregationRule"] = ["clusterRoleSelectors": .array(selectors)] }
        return .object(role)
    }

    static func clusterRoleBinding(_ name: String? = nil, role: String, _ subjects: String...) -> JSON {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": ["name": .string(name ?? role)],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(role)],
            "subjects": .array(subjects.map(subject)),
        ]
    }

    static func roleBinding(
        _ name: String? = nil, namespace: String, role: String, kind: String = "ClusterRole", _ subjects: String...
    ) -> JSON {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
            "metadata": ["name": .string(name ?? role), "namespace": .string(namespace)],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": .string(kind), "name": .string(role)],
            "subjects": .array(subjects.map(subject)),
        ]
    }

    static func subject(_ text: String) -> JSON {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        if parts[0] == "ServiceAccount" {
            let account = parts[1].split(separator: ":", maxSplits: 1).map(String.init)
            return account.count == 2
                ? ["kind": "ServiceAccount", "name": .string(account[1]), "namespace": .string(account[0])]
                : ["kind": "ServiceAccount", "name": .string(account[0])]
        }
        return ["kind": .string(parts[0]), "apiGroup": "rbac.authorization.k8s.io", "name": .string(parts[1])]
    }

    /// A resource request by `user` in `groups` (comma-separated).
    static func request(
        _ user: String, _ verb: String, _ resource: String, subresource: String = "", namespace: String = "",
        group: String = "", name: String = ""
    ) -> AuthorizationAttributes {
        request(user, "", verb, resource, subresource: subresource, namespace: namespace, group: group, name: name)
    }

    static func request(
        _ user: String, _ groups: String, _ verb: String, _ resource: String, subresource: String = "",
        namespace: String = "", group: String = "", name: String = ""
    ) -> AuthorizationAttributes {
        AuthorizationAttributes(
            user: UserInfo(name: user, groups: groups.split(separator: ",").map(String.init)), verb: verb,
            apiGroup: group, resource: resource, subresource: subresource, namespace: namespace, name: name)
    }

    static func path(_ user: String, groups: [String] = [], _ verb: String, _ path: String) -> AuthorizationAttributes {
        AuthorizationAttributes(user: UserInfo(name: user, groups: groups), verb: verb, path: path)
    }
}

/// One request and whether the authorizer must allow it.
struct Expectation: Sendable, CustomTestStringConvertible {
    var attributes: AuthorizationAttributes
    var allowed: Bool
    var testDescription: String {
        let a = attributes
        let what =
            a.isResourceRequest
            ? "\(a.verb) \(a.resource)\(a.subresource.isEmpty ? "" : "/" + a.subresource) ns=\(a.namespace)"
            : "\(a.verb) \(a.path)"
        return "\(a.user)\(a.groups) \(what) → \(allowed ? "allow" : "deny")"
    }
}

@Suite struct RBACAuthorizerTests {
    typealias F = RBACFixtures

    /// `rbac_test.go` case 1: a RoleBinding in ns1 to a ClusterRole that allows everything.
    static let admin = RBACAuthorizer(
        roles: [], clusterRoles: [F.clusterRole("admin", F.rule("*", "*", "*", "*"))],
        roleBindings: [F.roleBinding(namespace: "ns1", role: "admin", "User:admin", "Group:admins")],
        clusterRoleBindings: [])

    @Test(arguments: [
        Expectation(attributes: F.request("admin", "get", "Pods", namespace: "ns1"), allowed: true),
        Expectation(attributes: F.request("admin", "watch", "Pods", namespace: "ns1"), allowed: true),
        Expectation(attributes: F.request("admin", "group1", "watch", "Foobar", namespace: "ns1"), allowed: true),
        Expectation(attributes: F.request("joe", "admins", "watch", "Foobar", namespace: "ns1"), allowed: true),
        Expectation(attributes: F.request("joe", "group1,admins", "watch", "Foobar", namespace: "ns1"), allowed: true),
        Expectation(attributes: F.request("admin", "GET", "Pods", namespace: "ns2"), allowed: false),
        Expectation(attributes: F.request("admin", "GET", "Nodes"), allowed: false),
        Expectation(attributes: F.request("admin", "admins", "GET", "Pods", namespace: "ns2"), allowed: false),
        Expectation(attributes: F.request("admin", "admins", "GET", "Nodes"), allowed: false),
        Expectation(attributes: F.request("joe", "get", "pods", namespace: "ns1"), allowed: false),
    ])
    func roleBindingToClusterRoleIsScopedToItsNamespace(_ expectation: Expectation) {
        #expect((Self.admin.authorize(expectation.attributes) == .allow) == expectation.allowed)
    }

    static let urls = RBACAuthorizer(
        roles: [],
        clusterRoles: [
            F.clusterRole("non-resource-url-getter", F.rule("get", "", "", "/apis")),
            F.clusterRole("non-resource-url", F.rule("*", "", "", "/apis")),
            F.clusterRole("non-resource-url-prefix", F.rule("get", "", "", "/apis/*")),
        ],
        roleBindings: [],
        clusterRoleBindings: [
            F.clusterRoleBinding(role: "non-resource-url-getter", "User:foo", "Group:bar"),
            F.clusterRoleBinding(role: "non-resource-url", "User:admin", "Group:admin"),
            F.clusterRoleBinding(role: "non-resource-url-prefix", "User:prefixed", "Group:prefixed"),
        ])

    @Test(arguments: [
        Expectation(attributes: F.path("foo", "get", "/apis"), allowed: true),
        Expectation(attributes: F.path("", groups: ["bar"], "get", "/apis"), allowed: true),
        Expectation(attributes: F.path("admin", "get", "/apis"), allowed: true),
        Expectation(attributes: F.path("", groups: ["admin"], "get", "/apis"), allowed: true),
        Expectation(attributes: F.path("admin", "watch", "/apis"), allowed: true),
        Expectation(attributes: F.path("prefixed", "get", "/apis/v1"), allowed: true),
        Expectation(attributes: F.path("", groups: ["prefixed"], "get", "/apis/v1/foobar"), allowed: true),
        Expectation(attributes: F.path("foo", "watch", "/apis"), allowed: false),
        Expectation(attributes: F.path("", groups: ["bar"], "watch", "/apis"), allowed: false),
        Expectation(attributes: F.path("foo", "get", "/api/v1"), allowed: false),
        Expectation(attributes: F.path("admin", "get", "/api/v1"), allowed: false),
        Expectation(attributes: F.path("prefixed", "get", "/api/v1"), allowed: false),
        Expectation(attributes: F.path("prefixed", "get", "/apis"), allowed: false),
    ])
    func nonResourceURLsMatchExactlyOrByPrefix(_ expectation: Expectation) {
        #expect((Self.urls.authorize(expectation.attributes) == .allow) == expectation.allowed)
    }

    @Test func aPlainResourceDoesNotCoverItsSubresources() {
        func authorizer(_ resources: String) -> RBACAuthorizer {
            RBACAuthorizer(
                roles: [], clusterRoles: [F.clusterRole("admin", F.rule("*", "*", resources, "*"))],
                roleBindings: [F.roleBinding(namespace: "ns1", role: "admin", "User:admin")], clusterRoleBindings: [])
        }
        let pods = F.request("admin", "get", "pods", namespace: "ns1")
        let status = F.request("admin", "get", "pods", subresource: "status", namespace: "ns1")
        #expect(authorizer("pods").authorize(pods) == .allow)
        #expect(authorizer("pods").authorize(status) != .allow)
        #expect(authorizer("pods/status").authorize(status) == .allow)
        #expect(authorizer("pods/status").authorize(pods) != .allow)
    }

    @Test func systemMastersMayDoAnythingWithoutBindings() {
        let request = F.request("root", "system:masters", "delete", "nodes", name: "n1")
        #expect(RBACAuthorizer.empty.authorize(request) == .allow)
        #expect(RBACAuthorizer.empty.review(request) == AccessReviewStatus(allowed: true))
        #expect(RBACAuthorizer.empty.authorize(F.path("root", groups: ["system:masters"], "get", "/metrics")) == .allow)
        #expect(RBACAuthorizer.empty.authorize(F.request("root", "delete", "nodes")) == .deny(reason: ""))
    }

    @Test func serviceAccountSubjectsMatchTheirUserName() {
        let authorizer = RBACAuthorizer(
            roles: [F.role("reader", namespace: "ci", F.rule("get,list", "", "configmaps"))],
            clusterRoles: [F.clusterRole("node-reader", F.rule("get", "", "nodes"))],
            roleBindings: [F.roleBinding(namespace: "ci", role: "reader", kind: "Role", "ServiceAccount:builder")],
            clusterRoleBindings: [
                F.clusterRoleBinding("unqualified", role: "node-reader", "ServiceAccount:builder"),
                F.clusterRoleBinding("ops", role: "node-reader", "ServiceAccount:ops:watcher"),
                F.clusterRoleBinding("all-ci", role: "node-reader", "Group:system:serviceaccounts:ci"),
            ])
        let builder = UserInfo.serviceAccount(namespace: "ci", name: "builder")
        let other = UserInfo.serviceAccount(namespace: "prod", name: "builder")
        let watcher = UserInfo.serviceAccount(namespace: "ops", name: "watcher")
        func can(_ user: UserInfo, _ verb: String, _ resource: String, _ namespace: String = "") -> Bool {
            authorizer.authorize(
                AuthorizationAttributes(user: user, verb: verb, resource: resource, namespace: namespace))
                == .allow
        }
        // A RoleBinding's unqualified service account is in the binding's namespace.
        #expect(can(builder, "list", "configmaps", "ci"))
        #expect(!can(other, "list", "configmaps", "ci"))
        #expect(!can(builder, "list", "configmaps", "prod"))
        // A ClusterRoleBinding's unqualified service account matches nobody; qualified ones and SA groups do.
        #expect(can(watcher, "get", "nodes"))
        #expect(can(builder, "get", "nodes"))
        #expect(!can(other, "get", "nodes"))
        #expect(
            authorizer.review(
                AuthorizationAttributes(user: builder, verb: "get", resource: "configmaps", namespace: "ci")
            )
            .reason == #"RBAC: allowed by RoleBinding "reader/ci" of Role "reader" to ServiceAccount "builder/ci""#)
        #expect(
            authorizer.review(AuthorizationAttributes(user: builder, verb: "get", resource: "nodes")).reason
                == #"RBAC: allowed by ClusterRoleBinding "all-ci" of ClusterRole "node-reader" to Group "system:serviceaccounts:ci""#
        )
    }

    @Test func resourceNamesRestrictToNamedObjects() {
        let authorizer = RBACAuthorizer(
            roles: [F.role("one", namespace: "default", F.rule("get,update", "", "configmaps", names: ["settings"]))],
            clusterRoles: [], roleBindings: [F.roleBinding(namespace: "default", role: "one", kind: "Role", "User:u")],
            clusterRoleBindings: [])
        #expect(
            authorizer.authorize(F.request("u", "get", "configmaps", namespace: "default", name: "settings")) == .allow)
        #expect(
            authorizer.authorize(F.request("u", "get", "configmaps", namespace: "default", name: "other")) != .allow)
        #expect(authorizer.authorize(F.request("u", "list", "configmaps", namespace: "default")) != .allow)
    }

    @Test func missingRolesBecomeTheDenialReason() {
        let authorizer = RBACAuthorizer(
            roles: [],
            clusterRoles: [F.clusterRole("viewer", F.rule("get", "", "pods"))],
            roleBindings: [
                F.roleBinding("a", namespace: "default", role: "gone", kind: "Role", "User:u"),
                F.roleBinding("b", namespace: "default", role: "gone", kind: "Role", "User:u"),
                F.roleBinding("c", namespace: "default", role: "absent", "User:someone-else"),
            ],
            clusterRoleBindings: [F.clusterRoleBinding("x", role: "missing", "Group:devs")])
        #expect(
            authorizer.authorize(F.request("u", "devs", "list", "pods", namespace: "default"))
                == .deny(
                    reason:
                        #"RBAC: [clusterrole.rbac.authorization.k8s.io "missing" not found, role.rbac.authorization.k8s.io "gone" not found]"#
                ))
        #expect(
            authorizer.authorize(F.request("v", "devs", "list", "pods"))
                == .deny(reason: #"RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found"#))
        let error = F.request("v", "devs", "list", "pods", namespace: "default").forbiddenError(
            reason: #"RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found"#)
        #expect(
            error.message
                == #"pods is forbidden: User "v" cannot list resource "pods" in API group "" in the namespace "default": RBAC: clusterrole.rbac.authorization.k8s.io "missing" not found"#
        )
        #expect(error.code == 403)
    }

    @Test func forbiddenMessagesForPathsAndSubresources() {
        #expect(
            F.path("u", "get", "/metrics").forbiddenError(reason: "").message
                == #"forbidden: User "u" cannot get path "/metrics""#)
        #expect(
            F.request("u", "create", "deployments", subresource: "scale", namespace: "ns", group: "apps", name: "web")
                .forbiddenError(reason: "").message
                == #"deployments.apps "web" is forbidden: User "u" cannot create resource "deployments/scale" in API group "apps" in the namespace "ns""#
        )
    }

    @Test func clusterBindingsAreConsultedFirstAndInNameOrder() {
        let authorizer = RBACAuthorizer(
            roles: [F.role("pods", namespace: "default", F.rule("*", "", "pods"))],
            clusterRoles: [F.clusterRole("view", F.rule("get", "", "pods"))],
            roleBindings: [F.roleBinding("local", namespace: "default", role: "pods", kind: "Role", "User:u")],
            clusterRoleBindings: [
                F.clusterRoleBinding("b-view", role: "view", "User:u"),
                F.clusterRoleBinding("a-view", role: "view", "Group:staff", "User:u"),
            ])
        #expect(
            authorizer.review(F.request("u", "staff", "get", "pods", namespace: "default")).reason
                == #"RBAC: allowed by ClusterRoleBinding "a-view" of ClusterRole "view" to Group "staff""#)
        #expect(
            authorizer.review(F.request("u", "delete", "pods", namespace: "default")).reason
                == #"RBAC: allowed by RoleBinding "local/default" of Role "pods" to User "u""#)
        #expect(
            authorizer.review(F.request("u", "delete", "pods", namespace: "other"))
                == AccessReviewStatus(allowed: false))
    }

    @Test func rulesForListsEveryApplicableRule() {
        let authorizer = RBACAuthorizer(
            roles: [F.role("edit", namespace: "dev", F.rule("create,delete", "apps", "deployments"))],
            clusterRoles: [
                F.clusterRole(
                    "basic", F.rule("create", "authorization.k8s.io", "selfsubjectaccessreviews"),
                    F.urlRule("get", "/api,/api/*"))
            ],
            roleBindings: [
                F.roleBinding("edit", namespace: "dev", role: "edit", kind: "Role", "User:u"),
                F.roleBinding("broken", namespace: "dev", role: "missing", "Group:system:authenticated"),
            ],
            clusterRoleBindings: [F.clusterRoleBinding(role: "basic", "Group:system:authenticated")])
        let rules = authorizer.rules(for: UserInfo(name: "u", groups: ["system:authenticated"]), namespace: "dev")
        #expect(
            rules.resourceRules == [
                PolicyRule(
                    verbs: ["create"], apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectaccessreviews"]),
                PolicyRule(verbs: ["create", "delete"], apiGroups: ["apps"], resources: ["deployments"]),
            ])
        #expect(rules.nonResourceRules == [PolicyRule(verbs: ["get"], nonResourceURLs: ["/api", "/api/*"])])
        #expect(rules.evaluationError == #"clusterrole.rbac.authorization.k8s.io "missing" not found"#)
        #expect(
            rules.json["nonResourceRules"] == [["verbs": ["get"], "nonResourceURLs": ["/api", "/api/*"]]])
        #expect(rules.json["incomplete"] == false)
        #expect(
            authorizer.rules(for: UserInfo(name: "u", groups: ["system:authenticated"]), namespace: "prod")
                .resourceRules.count == 1)
    }

    /// `subject_locator_test.go`.
    @Test func allowedSubjectsStartWithSystemMasters() {
        let authorizer = RBACAuthorizer(
            roles: [F.role("admin", namespace: "ns1", F.rule("get", "*", "Pods", "*"))],
            clusterRoles: [F.clusterRole("admin", F.rule("*", "*", "*", "*"))],
            roleBindings: [F.roleBinding(namespace: "ns1", role: "admin", kind: "Role", "User:admin", "Group:admins")],
            clusterRoleBindings: [F.clusterRoleBinding(role: "admin", "User:super-admin", "Group:super-admins")])
        let masters = Subject(kind: "Group", name: "system:masters")
        let superAdmins = [Subject(kind: "User", name: "super-admin"), Subject(kind: "Group", name: "super-admins")]
        let local = [Subject(kind: "User", name: "admin"), Subject(kind: "Group", name: "admins")]
        #expect(
            authorizer.allowedSubjects(for: F.request("", "get", "Pods", namespace: "ns1")).subjects == [masters]
                + superAdmins + local)
        #expect(
            authorizer.allowedSubjects(for: F.request("", "create", "Pods", namespace: "ns1")).subjects == [masters]
                + superAdmins)
        #expect(
            authorizer.allowedSubjects(for: F.request("", "get", "Pods", namespace: "ns2")).subjects == [masters]
                + superAdmins)
        #expect(authorizer.allowedSubjects(for: F.request("", "*", "Pods")).subjects == [masters] + superAdmins)
    }

    @Test func objectsFedAsTheyChangeRebuildTheAuthorizer() {
        var objects = RBACObjects()
        let added = [
            objects.apply(resource: "clusterroles", object: F.clusterRole("view", F.rule("get", "", "pods"))),
            objects.apply(resource: "clusterrolebindings", object: F.clusterRoleBinding(role: "view", "User:u")),
            objects.apply(resource: "configmaps", object: ["metadata": ["name": "x"]]),
            objects.apply(resource: "clusterroles", object: F.clusterRole("view", F.rule("get", "", "pods"))),
        ]
        #expect(added == [true, true, false, false])
        let request = F.request("u", "get", "pods", namespace: "default")
        #expect(objects.makeAuthorizer().authorize(request) == .allow)
        let removed = objects.remove(resource: "clusterroles", namespace: "", name: "view")
        #expect(removed)
        #expect(
            objects.makeAuthorizer().authorize(request)
                == .deny(reason: #"RBAC: clusterrole.rbac.authorization.k8s.io "view" not found"#))
    }
}

/// `RuleAllows` for single rules (`TestRuleMatches`).
@Suite struct PolicyRuleMatchingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: PolicyRule
        var attributes: AuthorizationAttributes
        var allowed: Bool
        var testDescription: String {
            "\(rule.verbs)/\(rule.apiGroups)/\(rule.resources)/\(rule.nonResourceURLs) vs \(attributes.verb) "
                + "\(attributes.apiGroup)/\(attributes.resource)/\(attributes.subresource)\(attributes.path)"
        }
    }

    static func resource(
        _ verb: String, _ group: String, _ resource: String, _ subresource: String = ""
    ) -> AuthorizationAttributes {
        AuthorizationAttributes(
            user: UserInfo(name: "u"), verb: verb, apiGroup: group, resource: resource, subresource: subresource)
    }

    static func url(_ verb: String, _ path: String) -> AuthorizationAttributes {
        AuthorizationAttributes(user: UserInfo(name: "u"), verb: verb, path: path)
    }

    static let cases: [Case] = {
        var cases: [Case] = []
        func add(_ rule: PolicyRule, _ table: [(AuthorizationAttributes, Bool)]) {
            cases += table.map { Case(rule: rule, attributes: $0.0, allowed: $0.1) }
        }
        add(
            PolicyRule(verbs: ["*"], apiGroups: ["group1"], resources: ["resource1"]),
            [
                (resource("verb1", "group1", "resource1"), true), (resource("verb1", "group2", "resource1"), false),
                (resource("verb1", "group1", "resource2"), false), (resource("verb2", "group1", "resource1"), true),
            ])
        add(
            PolicyRule(verbs: ["verb1"], apiGroups: ["*"], resources: ["resource1"]),
            [
                (resource("verb1", "group1", "resource1"), true), (resource("verb1", "group2", "resource1"), true),
                (resource("verb1", "group1", "resource2"), false), (resource("verb2", "group1", "resource1"), false),
            ])
        add(
            PolicyRule(verbs: ["verb1"], apiGroups: ["group1"], resources: ["*"]),
            [
                (resource("verb1", "group1", "resource1"), true), (resource("verb1", "group1", "resource2"), true),
                (resource("verb1", "group2", "resource1"), false), (resource("verb2", "group1", "resource2"), false),
                (resource("verb1", "group1", "resource1", "status"), true),
            ])
        add(
            PolicyRule(
                verbs: ["verb1", "verb2"], apiGroups: ["group1", "group2"], resources: ["resource1", "resource2"]),
            [
                (resource("verb1", "group1", "resource1"), true), (resource("verb2", "group2", "resource2"), true),
                (resource("verb1", "group2", "resource1"), true), (resource("verb3", "group1", "resource1"), false),
            ])
        add(
            PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["resource1/subresource1"]),
            [
                (resource("verb1", "group1", "resource1", "subresource1"), true),
                (resource("verb1", "group2", "resource1", "subresource2"), false),
                (resource("verb1", "group1", "resource2", "subresource1"), false),
                (resource("verb1", "group1", "resource1"), false),
            ])
        add(
            PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*/scale"]),
            [
                (resource("update", "apps", "deployments", "scale"), true),
                (resource("update", "", "replicationcontrollers", "scale"), true),
                (resource("update", "apps", "deployments"), false),
                (resource("update", "apps", "deployments", "status"), false),
                (resource("update", "apps", "deployments", "xscale"), false),
            ])
        add(
            PolicyRule(verbs: ["verb1"], nonResourceURLs: ["*"]),
            [
                (url("verb1", "/foo"), true), (url("verb1", "/foo/bar/one"), true), (url("verb2", "/foo"), false),
            ])
        add(
            PolicyRule(verbs: ["verb1"], nonResourceURLs: ["/foo/*"]),
            [
                (url("verb1", "/foo"), false), (url("verb1", "/foo/bar"), true), (url("verb1", "/foo/baz/one"), true),
                (url("verb1", "/notfoo"), false), (url("verb1", "/notfoo/bar"), false),
            ])
        add(
            PolicyRule(verbs: ["*"], nonResourceURLs: ["/foo", "/foo/bar/one"]),
            [
                (url("verb1", "/foo"), true), (url("verb1", "/foo/bar"), false), (url("verb2", "/foo/bar/one"), true),
                (url("verb1", "/foo/baz/one"), false),
            ])
        // Resource rules never match paths, URL rules never match resources.
        add(PolicyRule(verbs: ["*"], apiGroups: ["*"], resources: ["*"]), [(url("get", "/healthz"), false)])
        add(PolicyRule(verbs: ["*"], nonResourceURLs: ["*"]), [(resource("get", "", "pods"), false)])
        return cases
    }()

    @Test(arguments: cases)
    func ruleAllows(_ testCase: Case) {
        #expect(testCase.rule.allows(testCase.attributes) == testCase.allowed)
    }

    @Test func rulesRoundTripThroughJSON() {
        let rule = PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: ["a"])
        #expect(rule.json == ["verbs": ["get"], "apiGroups": [""], "resources": ["pods"], "resourceNames": ["a"]])
        #expect(PolicyRule(json: rule.json) == rule)
    }
}
