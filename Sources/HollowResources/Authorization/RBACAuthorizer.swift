import HollowModel

/// Kubernetes RBAC (`plugin/pkg/auth/authorizer/rbac`) over one snapshot of Roles, ClusterRoles, RoleBindings and
/// ClusterRoleBindings, indexed by subject so that `authorize` does a few dictionary look-ups per request.
///
/// The value is immutable: build a new one whenever an RBAC object changes (`RBACObjects` keeps the objects and
/// rebuilds), and swap it in. Building resolves every binding's `roleRef` and computes the rules of aggregated
/// ClusterRoles (`aggregationRule.clusterRoleSelectors`), which kube-controller-manager would write back.
///
/// Evaluation follows kube-apiserver: members of `system:masters` are allowed everything (the privileged-group
/// authorizer that precedes RBAC); otherwise the ClusterRoleBindings that name the user, then the RoleBindings of
/// the request's namespace, are visited in name order and the first rule that matches allows. A binding whose role
/// is missing contributes an error such as `clusterrole.rbac.authorization.k8s.io "x" not found`, which becomes the
/// reason of a denial (`RBAC: …`).
public struct RBACAuthorizer: Authorizer {
    let clusterBindings: BindingIndex
    let namespacedBindings: [String: BindingIndex]
    /// The rules of each role, shared by the bindings that reference it.
    let ruleSets: [[PolicyRule]]

    /// Builds the index from stored objects (JSON as the store holds them).
    public init(roles: [JSON], clusterRoles: [JSON], roleBindings: [JSON], clusterRoleBindings: [JSON]) {
        let resolver = RoleResolver(roles: roles, clusterRoles: clusterRoles)
        ruleSets = resolver.ruleSets
        clusterBindings = BindingIndex(
            clusterRoleBindings.map { IndexedBinding(kind: "ClusterRoleBinding", json: $0, resolver: resolver) })
        var byNamespace: [String: [IndexedBinding]] = [:]
        for json in roleBindings {
            let binding = IndexedBinding(kind: "RoleBinding", json: json, resolver: resolver)
            byNamespace[binding.namespace, default: []].append(binding)
        }
        namespacedBindings = byNamespace.mapValues(BindingIndex.init)
    }

    /// Allows nothing but `system:masters`.
    public static let empty = RBACAuthorizer(roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [])

    /// Allows or denies the request. Where kube-apiserver's RBAC would have no opinion, this denies with the reason
    /// kube-apiserver prints after the Forbidden message ("" unless a binding's role could not be resolved): in
    /// Hollow, RBAC is the last authorizer.
    public func authorize(_ attributes: AuthorizationAttributes) -> AuthorizationDecision {
        if attributes.groups.contains(UserInfo.privilegedGroup) { return .allow }
        var errors: [String] = []
        if firstAllowingBinding(attributes, errors: &errors) != nil { return .allow }
        return .deny(reason: errors.isEmpty ? "" : "RBAC: " + aggregatedErrorMessage(errors))
    }

    /// The status of a SubjectAccessReview for the request (`kubectl auth can-i`): allowed with kube's reason
    /// (`RBAC: allowed by ClusterRoleBinding "b" of ClusterRole "r" to User "u"`), or not allowed, never `denied`,
    /// since RBAC only ever has no opinion about what it does not allow.
    public func review(_ attributes: AuthorizationAttributes) -> AccessReviewStatus {
        if attributes.groups.contains(UserInfo.privilegedGroup) { return AccessReviewStatus(allowed: true) }
        var errors: [String] = []
        if let binding = firstAllowingBinding(attributes, errors: &errors),
            let subject = binding.subjects.first(where: {
                $0.applies(to: attributes.user, groups: attributes.groups, namespace: binding.namespace)
            })
        {
            return AccessReviewStatus(allowed: true, reason: "RBAC: allowed by " + binding.source(subject))
        }
        return AccessReviewStatus(
            allowed: false, reason: errors.isEmpty ? "" : "RBAC: " + aggregatedErrorMessage(errors))
    }

    /// Every rule that applies to `user` in `namespace` (`RulesFor`, behind SelfSubjectRulesReview and
    /// `kubectl auth can-i --list`): those of the ClusterRoleBindings that name the user, then of the RoleBindings in
    /// the namespace. Rules with resources are resource rules, rules with URLs non-resource rules.
    public func rules(for user: UserInfo, namespace: String) -> SubjectRules {
        var result = SubjectRules()
        var errors: [String] = []
        for index in indexes(for: namespace) {
            for position in index.candidates(user: user.name, groups: user.groups) {
                let binding = index.bindings[position]
                if let error = binding.error { errors.append(error) }
                for rule in rules(of: binding) {
                    if !rule.resources.isEmpty {
                        result.resourceRules.append(
                            PolicyRule(
                                verbs: rule.verbs, apiGroups: rule.apiGroups, resources: rule.resources,
                                resourceNames: rule.resourceNames))
                    }
                    if !rule.nonResourceURLs.isEmpty {
                        result.nonResourceRules.append(
                            PolicyRule(verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs))
                    }
                }
            }
        }
        result.evaluationError = aggregatedErrorMessage(errors)
        return result
    }

    /// The subjects allowed to make the request (`SubjectAccessEvaluator.AllowedSubjects`): `Group system:masters`,
    /// then the subjects of every ClusterRoleBinding and (for a namespaced request) RoleBinding whose role allows it,
    /// without duplicates; plus the errors met resolving roles.
    public func allowedSubjects(
        for attributes: AuthorizationAttributes
    ) -> (subjects: [Subject], evaluationError: String) {
        var subjects = [Subject(kind: Subject.groupKind, name: UserInfo.privilegedGroup)]
        var errors: [String] = []
        for index in indexes(for: attributes.namespace) {
            for binding in index.bindings {
                if let error = binding.error { errors.append(error) }
                guard rules(of: binding).contains(where: { $0.allows(attributes) }) else { continue }
                for subject in binding.subjects where !subjects.contains(subject) { subjects.append(subject) }
            }
        }
        return (subjects, aggregatedErrorMessage(errors))
    }

    /// The first binding naming the user whose rules allow the request, ClusterRoleBindings first, then the
    /// RoleBindings of the request's namespace, each in name order; `errors` gets the resolution errors met before.
    /// A role already found not to allow is not evaluated again for the other bindings that grant it.
    func firstAllowingBinding(_ attributes: AuthorizationAttributes, errors: inout [String]) -> IndexedBinding? {
        var rejected: [Int] = []
        func search(_ index: BindingIndex) -> IndexedBinding? {
            for position in index.candidates(user: attributes.user, groups: attributes.groups) {
                let ruleSet = index.ruleSets[position]
                if ruleSet < 0 {
                    errors.append(index.bindings[position].error ?? "")
                    continue
                }
                if rejected.contains(ruleSet) { continue }
                if ruleSets[ruleSet].contains(where: { $0.allows(attributes) }) { return index.bindings[position] }
                rejected.append(ruleSet)
            }
            return nil
        }
        if let binding = search(clusterBindings) { return binding }
        guard !attributes.namespace.isEmpty, let namespaced = namespacedBindings[attributes.namespace] else {
            return nil
        }
        return search(namespaced)
    }

    /// The cluster index, then the namespace's (RoleBindings count only for namespaced requests).
    private func indexes(for namespace: String) -> [BindingIndex] {
        guard !namespace.isEmpty, let namespaced = namespacedBindings[namespace] else { return [clusterBindings] }
        return [clusterBindings, namespaced]
    }

    private func rules(of binding: IndexedBinding) -> [PolicyRule] {
        binding.ruleSet.map { ruleSets[$0] } ?? []
    }
}

/// `SubjectAccessReviewStatus` (authorization.k8s.io/v1).
public struct AccessReviewStatus: Sendable, Hashable {
    public var allowed: Bool
    /// True only when an authorizer refused outright; RBAC never does.
    public var denied: Bool
    public var reason: String
    public var evaluationError: String

    public init(allowed: Bool, denied: Bool = false, reason: String = "", evaluationError: String = "") {
        self.allowed = allowed
        self.denied = denied
        self.reason = reason
        self.evaluationError = evaluationError
    }

    public var json: JSON {
        var object: JSONObject = ["allowed": .bool(allowed)]
        if denied { object["denied"] = true }
        if !reason.isEmpty { object["reason"] = .string(reason) }
        if !evaluationError.isEmpty { object["evaluationError"] = .string(evaluationError) }
        return .object(object)
    }
}

/// `SubjectRulesReviewStatus` (authorization.k8s.io/v1): what a user may do in a namespace.
public struct SubjectRules: Sendable, Hashable {
    public var resourceRules: [PolicyRule] = []
    public var nonResourceRules: [PolicyRule] = []
    /// Whether an authorizer could not list its rules; RBAC always can.
    public var incomplete = false
    public var evaluationError = ""

    public init() {}

    public var json: JSON {
        var object: JSONObject = [
            "resourceRules": .array(resourceRules.map(\.json)),
            "nonResourceRules": .array(nonResourceRules.map(\.json)),
            "incomplete": .bool(incomplete),
        ]
        if !evaluationError.isEmpty { object["evaluationError"] = .string(evaluationError) }
        return .object(object)
    }
}

/// apimachinery's aggregate error message: "" for none, the message for one, `[a, b]` for several distinct ones.
func aggregatedErrorMessage(_ messages: [String]) -> String {
    var distinct: [String] = []
    for message in messages where !distinct.contains(message) { distinct.append(message) }
    return distinct.count <= 1 ? (distinct.first ?? "") : "[" + distinct.joined(separator: ", ") + "]"
}
