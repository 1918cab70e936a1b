import HollowModel
import HollowTesting
import Testing

/// RBAC's escalation check: roles may grant, and bindings may reference, only what their author holds.
@Suite struct EscalationTests {
    static let roles = "/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles"
    static let bindings = "/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings"

    static func role(_ name: String, verbs: [String], resources: [String]) -> JSON {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": ["name": .string(name)],
            "rules": [["apiGroups": [""], "resources": .array(resources.map { .string($0) }), "verbs": .array(verbs.map { .string($0) })]],
        ]
    }

    static func binding(_ name: String, roleKind: String, role: String, user: String) -> JSON {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": ["name": .string(name)],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": .string(roleKind), "name": .string(role)],
            "subjects": [["apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": .string(user)]],
        ]
    }

    @Test func authorsGrantOnlyWhatTheyHold() async throws {
        try await withCluster { _, client in
            // dev may manage roles and bindings in default, and read configmaps there.
            let manager = Self.role("manager", verbs: ["get", "list", "create", "update"], resources: ["configmaps"])
            var rules = manager["rules"]?.arrayValue ?? []
            rules.append(["apiGroups": ["rbac.authorization.k8s.io"], "resources": ["roles", "rolebindings"], "verbs": ["get", "create", "update"]])
            var managerRole = manager
            managerRole["rules"] = .array(rules)
            try await client.create(Self.roles, managerRole)
            try await client.create(Self.bindings, Self.binding("dev-manager", roleKind: "Role", role: "manager", user: "dev"))
            let asDev = [("Impersonate-User", "dev")]

            let escalating = try await client.request(
                .POST, Self.roles, headers: asDev, json: Self.role("deleter", verbs: ["delete"], resources: ["pods"]))
            try expectStatus(escalating, code: 403, reason: "Forbidden")
            #expect(escalating.text.contains("is attempting to grant RBAC permissions not currently held"))

            let within = try await client.request(
                .POST, Self.roles, headers: asDev, json: Self.role("reader", verbs: ["get"], resources: ["configmaps"]))
            #expect(within.status == 201, "\(within)")

            let stealing = try await client.request(
                .POST, Self.bindings, headers: asDev, json: Self.binding("steal", roleKind: "ClusterRole", role: "cluster-admin", user: "dev"))
            try expectStatus(stealing, code: 403, reason: "Forbidden")

            let binding = try await client.request(
                .POST, Self.bindings, headers: asDev, json: Self.binding("ok", roleKind: "Role", role: "reader", user: "someone"))
            #expect(binding.status == 201, "\(binding)")
        }
    }
}
