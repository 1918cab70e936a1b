import HollowModel

/// A binding with its role already resolved to a shared rule set, or to why it grants nothing.
struct IndexedBinding: Sendable {
    /// `ClusterRoleBinding` or `RoleBinding`.
    var kind: String
    var name: String
    /// "" for a ClusterRoleBinding.
    var namespace: String
    var roleRef: RoleRef
    var subjects: [Subject]
    /// Index into `RoleResolver.ruleSets`; bindings to one role share it, so a request evaluates it once.
    var ruleSet: Int?
    /// Set when the role could not be resolved (`clusterrole.rbac.authorization.k8s.io "x" not found`).
    var error: String?

    init(kind: String, json: JSON, resolver: RoleResolver) {
        self.kind = kind
        name = json[path: ["metadata", "name"]]?.stringValue ?? ""
        namespace = kind == "RoleBinding" ? json[path: ["metadata", "namespace"]]?.stringValue ?? "" : ""
        roleRef = RoleRef(json: json["roleRef"])
        subjects = (json["subjects"]?.arrayValue ?? []).map(Subject.init(json:))
        switch resolver.ruleSet(for: roleRef, namespace: namespace) {
        case .success(let ruleSet): self.ruleSet = ruleSet
        case .failure(let failure): error = failure.message
        }
    }

    /// How kube names what allowed a request: `RoleBinding "b/ns" of ClusterRole "r" to User "u"`.
    func source(_ subject: Subject) -> String {
        let displayName = namespace.isEmpty ? name : name + "/" + namespace
        return "\(kind) \(quoted(displayName)) of \(roleRef.kind) \(quoted(roleRef.name)) to "
            + subject.described(bindingNamespace: namespace)
    }
}

/// Bindings in name order, with the positions of those naming each user and group. Service account subjects are
/// indexed under their user name (`system:serviceaccount:NS:NAME`), so a binding found here always applies.
struct BindingIndex: Sendable {
    var bindings: [IndexedBinding]
    /// `bindings[i].ruleSet`, or -1, kept apart so the per-request loop reads integers only.
    var ruleSets: [Int]
    var byUser: [String: [Int]] = [:]
    var byGroup: [String: [Int]] = [:]

    init(_ bindings: [IndexedBinding]) {
        self.bindings = bindings.sorted { $0.name < $1.name }
        ruleSets = self.bindings.map { $0.ruleSet ?? -1 }
        for (position, binding) in self.bindings.enumerated() {
            for subject in binding.subjects {
                switch subject.kind {
                case Subject.userKind: Self.add(position, to: &byUser, subject.name)
                case Subject.groupKind: Self.add(position, to: &byGroup, subject.name)
                case Subject.serviceAccountKind:
                    if let user = subject.serviceAccountUsername(in: binding.namespace) {
                        Self.add(position, to: &byUser, user)
                    }
                default: break
                }
            }
        }
    }

    private static func add(_ position: Int, to index: inout [String: [Int]], _ key: String) {
        if index[key]?.last != position { index[key, default: []].append(position) }
    }

    /// Positions of the bindings that name the user, ascending and without repeats.
    func candidates(user: String, groups: [String]) -> [Int] {
        var positions = byUser[user] ?? []
        var merged = false
        for group in groups {
            guard let more = byGroup[group] else { continue }
            positions += more
            merged = true
        }
        guard merged else { return positions }
        positions.sort()
        var unique: [Int] = []
        unique.reserveCapacity(positions.count)
        for position in positions where unique.last != position { unique.append(position) }
        return unique
    }
}

/// Resolves a `roleRef` to the rules it grants (`GetRoleReferenceRules`), with ClusterRole aggregation applied;
/// each role's rules are stored once, in `ruleSets`.
struct RoleResolver: Sendable {
    struct Failure: Error {
        var message: String
    }

    private(set) var ruleSets: [[PolicyRule]] = []
    /// Keyed by `namespace/name` and `name`.
    private var roles: [String: Int] = [:]
    private var clusterRoles: [String: Int] = [:]

    init(roles: [JSON], clusterRoles: [JSON]) {
        for role in roles {
            let namespace = role[path: ["metadata", "namespace"]]?.stringValue ?? ""
            let name = role[path: ["metadata", "name"]]?.stringValue ?? ""
            self.roles[namespace + "/" + name] = store((role["rules"]?.arrayValue ?? []).map(PolicyRule.init(json:)))
        }
        let aggregated = ClusterRoleAggregation.aggregatedRules(clusterRoles)
        for role in clusterRoles {
            let name = role[path: ["metadata", "name"]]?.stringValue ?? ""
            let rules = aggregated[name] ?? (role["rules"]?.arrayValue ?? []).map(PolicyRule.init(json:))
            self.clusterRoles[name] = store(rules)
        }
    }

    private mutating func store(_ rules: [PolicyRule]) -> Int {
        ruleSets.append(rules)
        return ruleSets.count - 1
    }

    func ruleSet(for roleRef: RoleRef, namespace: String) -> Result<Int, Failure> {
        switch roleRef.kind {
        case "Role":
            guard let ruleSet = roles[namespace + "/" + roleRef.name] else {
                return .failure(Failure(message: "role.rbac.authorization.k8s.io \(quoted(roleRef.name)) not found"))
            }
            return .success(ruleSet)
        case "ClusterRole":
            guard let ruleSet = clusterRoles[roleRef.name] else {
                return .failure(
                    Failure(message: "clusterrole.rbac.authorization.k8s.io \(quoted(roleRef.name)) not found"))
            }
            return .success(ruleSet)
        default:
            return .failure(Failure(message: "unsupported role reference kind: \(quoted(roleRef.kind))"))
        }
    }
}

/// ClusterRole aggregation, as kube-controller-manager's `clusterrole-aggregation` controller computes it.
public enum ClusterRoleAggregation {
    /// The rules of every ClusterRole with an `aggregationRule`: for each selector in order, the rules of the other
    /// ClusterRoles whose labels it matches (in name order), each rule once. Aggregated roles that are themselves
    /// aggregated contribute their aggregated rules. A role with an invalid selector keeps its stored rules, as
    /// the controller leaves it untouched.
    ///
    /// kube-apiserver stores the result in the aggregating role's `rules`; callers may write it back to show it.
    public static func aggregatedRules(_ clusterRoles: [JSON]) -> [String: [PolicyRule]] {
        struct Role {
            var name: String
            var labels: JSON?
            var selectors: [LabelSelector]?
        }
        var effective: [String: [PolicyRule]] = [:]
        var roles: [Role] = []
        for json in clusterRoles {
            let name = json[path: ["metadata", "name"]]?.stringValue ?? ""
            effective[name] = (json["rules"]?.arrayValue ?? []).map(PolicyRule.init(json:))
            var selectors: [LabelSelector]?
            if let rule = json["aggregationRule"], !rule.isNull {
                selectors = try? (rule["clusterRoleSelectors"]?.arrayValue ?? []).map { json throws(SelectorError) in
                    try LabelSelector(labelSelector: json)
                }
            }
            roles.append(Role(name: name, labels: json[path: ["metadata", "labels"]], selectors: selectors))
        }
        roles.sort { $0.name < $1.name }
        let aggregating = roles.filter { $0.selectors != nil }
        // Each pass settles one more level of roles aggregating aggregated roles; cycles stop after the bound.
        for _ in 0...aggregating.count {
            var changed = false
            for role in aggregating {
                var rules: [PolicyRule] = []
                for selector in role.selectors ?? [] {
                    for other in roles where other.name != role.name && selector.matches(labels: other.labels) {
                        for rule in effective[other.name] ?? [] where !rules.contains(rule) { rules.append(rule) }
                    }
                }
                if effective[role.name] != rules {
                    effective[role.name] = rules
                    changed = true
                }
            }
            if !changed { break }
        }
        var result: [String: [PolicyRule]] = [:]
        for role in aggregating { result[role.name] = effective[role.name] ?? [] }
        return result
    }
}
