import HollowModel
import HollowResources
import Testing

/// ClusterRole aggregation (kube-controller-manager's `clusterroleaggregation` controller tests), computed when the
/// authorizer is built.
@Suite struct ClusterRoleAggregationTests {
    typealias F = RBACFixtures

    static let toMonitoring: JSON = ["matchLabels": ["rbac.example.com/aggregate-to-monitoring": "true"]]
    static let monitoringLabel = ["rbac.example.com/aggregate-to-monitoring": "true"]

    static let pods = PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods"])
    static let logs = PolicyRule(verbs: ["get"], apiGroups: [""], resources: ["pods/log"])
    static let nodes = PolicyRule(verbs: ["list"], apiGroups: [""], resources: ["nodes"])

    @Test func aggregatedRulesReplaceStoredOnesInNameOrder() {
        let roles = [
            F.clusterRole("monitoring", aggregating: [Self.toMonitoring], Self.nodes.json),
            F.clusterRole("b-logs", labels: Self.monitoringLabel, Self.logs.json),
            F.clusterRole("a-pods", labels: Self.monitoringLabel, Self.pods.json, Self.logs.json),
            F.clusterRole("unrelated", Self.nodes.json),
        ]
        #expect(ClusterRoleAggregation.aggregatedRules(roles) == ["monitoring": [Self.pods, Self.logs]])
        let authorizer = RBACAuthorizer(
            roles: [], clusterRoles: roles, roleBindings: [],
            clusterRoleBindings: [F.clusterRoleBinding(role: "monitoring", "User:prometheus")])
        #expect(
            authorizer.authorize(F.request("prometheus", "get", "pods", subresource: "log", namespace: "a")) == .allow)
        #expect(authorizer.authorize(F.request("prometheus", "list", "nodes")) != .allow)
    }

    @Test func selectorsAreAppliedInOrderAndTheRoleItselfIsSkipped() {
        let roles = [
            F.clusterRole(
                "ops", labels: ["team": "ops"],
                aggregating: [["matchLabels": ["team": "ops"]], ["matchLabels": ["extra": "yes"]]]),
            F.clusterRole("z-ops", labels: ["team": "ops"], Self.nodes.json),
            F.clusterRole("a-extra", labels: ["extra": "yes"], Self.pods.json, Self.nodes.json),
        ]
        #expect(ClusterRoleAggregation.aggregatedRules(roles) == ["ops": [Self.nodes, Self.pods]])
    }

    @Test func aggregationChainsThroughAggregatedRoles() {
        let roles = [
            F.clusterRole("admin", aggregating: [["matchLabels": ["aggregate-to-admin": "true"]]]),
            F.clusterRole(
                "edit", labels: ["aggregate-to-admin": "true"],
                aggregating: [["matchLabels": ["aggregate-to-edit": "true"]]]),
            F.clusterRole("view", labels: ["aggregate-to-edit": "true"], Self.pods.json),
            F.clusterRole("edit-extras", labels: ["aggregate-to-edit": "true"], Self.logs.json),
        ]
        let aggregated = ClusterRoleAggregation.aggregatedRules(roles)
        #expect(aggregated["edit"] == [Self.logs, Self.pods])
        #expect(aggregated["admin"] == [Self.logs, Self.pods])
        let authorizer = RBACAuthorizer(
            roles: [], clusterRoles: roles,
            roleBindings: [F.roleBinding(namespace: "dev", role: "admin", "User:alice")],
            clusterRoleBindings: [])
        #expect(authorizer.authorize(F.request("alice", "get", "pods", namespace: "dev")) == .allow)
        #expect(authorizer.authorize(F.request("alice", "get", "pods", namespace: "prod")) != .allow)
    }

    @Test func cyclesSettleWithoutHanging() {
        let roles = [
            F.clusterRole("a", labels: ["x": "a"], aggregating: [["matchLabels": ["x": "b"]]], Self.pods.json),
            F.clusterRole("b", labels: ["x": "b"], aggregating: [["matchLabels": ["x": "a"]]], Self.logs.json),
        ]
        let aggregated = ClusterRoleAggregation.aggregatedRules(roles)
        #expect(aggregated.keys.sorted() == ["a", "b"])
    }

    @Test func anInvalidSelectorKeepsTheStoredRules() {
        let roles = [
            F.clusterRole(
                "broken", aggregating: [["matchExpressions": [["key": "a", "operator": "Gt", "values": ["1"]]]]],
                Self.nodes.json),
            F.clusterRole("labelled", labels: ["a": "2"], Self.pods.json),
        ]
        #expect(ClusterRoleAggregation.aggregatedRules(roles).isEmpty)
        let authorizer = RBACAuthorizer(
            roles: [], clusterRoles: roles, roleBindings: [],
            clusterRoleBindings: [F.clusterRoleBinding(role: "broken", "User:u")])
        #expect(authorizer.authorize(F.request("u", "list", "nodes")) == .allow)
    }

    @Test func anEmptySelectorAggregatesEveryOtherRole() {
        let roles = [
            F.clusterRole("everything", aggregating: [[:]]),
            F.clusterRole("one", Self.pods.json),
            F.clusterRole("two", Self.pods.json, Self.nodes.json),
        ]
        #expect(ClusterRoleAggregation.aggregatedRules(roles) == ["everything": [Self.pods, Self.nodes]])
    }
}
