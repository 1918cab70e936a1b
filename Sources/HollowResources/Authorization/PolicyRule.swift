import HollowModel

/// One rule of a Role or ClusterRole (rbac.authorization.k8s.io/v1 `PolicyRule`), and how it matches a request
/// (`pkg/apis/rbac/v1/evaluation_helpers.go`).
///
/// Matching is exact and case-sensitive. `*` matches any verb, API group, resource or non-resource URL;
/// `resource/subresource` names one subresource and `*/subresource` that subresource of any resource; a plain
/// resource does not match its subresources. A URL ending in `*` matches by prefix (`/apis/*` matches `/apis/v1`
/// but not `/apis`). Empty `resourceNames` match any name.
public struct PolicyRule: Sendable, Hashable {
    public var verbs: [String]
    public var apiGroups: [String]
    public var resources: [String]
    public var resourceNames: [String]
    public var nonResourceURLs: [String]

    public init(
        verbs: [String], apiGroups: [String] = [], resources: [String] = [], resourceNames: [String] = [],
        nonResourceURLs: [String] = []
    ) {
        self.verbs = verbs
        self.apiGroups = apiGroups
        self.resources = resources
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    /// Reads a stored rule; members of the wrong type read as empty (validation refuses them on write).
    public init(json: JSON) {
        self.init(
            verbs: stringValues(json["verbs"]), apiGroups: stringValues(json["apiGroups"]),
            resources: stringValues(json["resources"]),
            resourceNames: stringValues(json["resourceNames"]), nonResourceURLs: stringValues(json["nonResourceURLs"]))
    }

    /// The rule as JSON, empty lists left out as Go's `omitempty` leaves them (`verbs` always present).
    public var json: JSON {
        var object: JSONObject = ["verbs": .array(verbs.map(JSON.string))]
        if !apiGroups.isEmpty { object["apiGroups"] = .array(apiGroups.map(JSON.string)) }
        if !resources.isEmpty { object["resources"] = .array(resources.map(JSON.string)) }
        if !resourceNames.isEmpty { object["resourceNames"] = .array(resourceNames.map(JSON.string)) }
        if !nonResourceURLs.isEmpty { object["nonResourceURLs"] = .array(nonResourceURLs.map(JSON.string)) }
        return .object(object)
    }

    /// Whether this rule allows the request (`RuleAllows`); who is asking is not considered.
    public func allows(_ attributes: AuthorizationAttributes) -> Bool {
        guard verbs.contains(where: { $0 == "*" || $0 == attributes.verb }) else { return false }
        guard attributes.isResourceRequest else { return matchesURL(attributes.path) }
        return apiGroups.contains { $0 == "*" || $0 == attributes.apiGroup }
            && matchesResource(attributes.resource, subresource: attributes.subresource)
            && (resourceNames.isEmpty || resourceNames.contains(attributes.name))
    }

    func matchesResource(_ resource: String, subresource: String) -> Bool {
        let combined = subresource.isEmpty ? resource : resource + "/" + subresource
        for rule in resources {
            if rule == "*" || rule == combined { return true }
            if !subresource.isEmpty, rule.hasPrefix("*/"), rule.dropFirst(2) == subresource { return true }
        }
        return false
    }

    func matchesURL(_ path: String) -> Bool {
        nonResourceURLs.contains { rule in
            if rule == "*" || rule == path { return true }
            guard rule.hasSuffix("*") else { return false }
            return path.hasPrefix(String(rule.reversed().drop { $0 == "*" }.reversed()))
        }
    }
}

/// A binding's `roleRef`: the Role (in the binding's namespace) or ClusterRole it grants.
public struct RoleRef: Sendable, Hashable {
    public var apiGroup: String
    public var kind: String
    public var name: String

    public init(apiGroup: String = RBACResources.group, kind: String, name: String) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }

    public init(json: JSON?) {
        self.init(
            apiGroup: json?["apiGroup"]?.stringValue ?? "", kind: json?["kind"]?.stringValue ?? "",
            name: json?["name"]?.stringValue ?? "")
    }

    /// Go's `%#v` of the internal type, as `cannot change roleRef` shows it.
    var goSyntax: String {
        "rbac.RoleRef{APIGroup:\(quoted(apiGroup)), Kind:\(quoted(kind)), Name:\(quoted(name))}"
    }
}

/// One of a binding's `subjects`: a `User`, a `Group` or a `ServiceAccount`.
public struct Subject: Sendable, Hashable {
    public var kind: String
    public var apiGroup: String
    public var name: String
    /// A service account's namespace; in a RoleBinding "" means the binding's namespace.
    public var namespace: String

    public static let userKind = "User"
    public static let groupKind = "Group"
    public static let serviceAccountKind = "ServiceAccount"

    public init(kind: String, apiGroup: String? = nil, name: String, namespace: String = "") {
        self.kind = kind
        self.apiGroup = apiGroup ?? (kind == Subject.serviceAccountKind ? "" : RBACResources.group)
        self.name = name
        self.namespace = namespace
    }

    public init(json: JSON) {
        self.init(
            kind: json["kind"]?.stringValue ?? "", apiGroup: json["apiGroup"]?.stringValue ?? "",
            name: json["name"]?.stringValue ?? "", namespace: json["namespace"]?.stringValue ?? "")
    }

    public var json: JSON {
        var object: JSONObject = ["kind": .string(kind)]
        if !apiGroup.isEmpty { object["apiGroup"] = .string(apiGroup) }
        object["name"] = .string(name)
        if !namespace.isEmpty { object["namespace"] = .string(namespace) }
        return .object(object)
    }

    /// Whether this subject names `user`, for a binding in `namespace` ("" for a ClusterRoleBinding), as
    /// `appliesToUser` decides: users by name, groups by membership, service accounts by their user name.
    func applies(to user: String, groups: [String], namespace bindingNamespace: String) -> Bool {
        switch kind {
        case Subject.userKind: return user == name
        case Subject.groupKind: return groups.contains(name)
        case Subject.serviceAccountKind: return serviceAccountUsername(in: bindingNamespace) == user
        default: return false
        }
    }

    /// The user name of a service account subject, its namespace defaulted to the binding's; `nil` when neither
    /// gives one (a ClusterRoleBinding subject without a namespace never matches).
    func serviceAccountUsername(in bindingNamespace: String) -> String? {
        let namespace = self.namespace.isEmpty ? bindingNamespace : self.namespace
        return namespace.isEmpty ? nil : UserInfo.serviceAccountUsername(namespace: namespace, name: name)
    }

    /// `describeSubject`: `User "alice"`, `ServiceAccount "builder/ci"`.
    func described(bindingNamespace: String) -> String {
        guard kind == Subject.serviceAccountKind else { return "\(kind) \(quoted(name))" }
        return "\(kind) \(quoted(name + "/" + (namespace.isEmpty ? bindingNamespace : namespace)))"
    }
}

/// The strings of a JSON array; anything else reads as empty.
func stringValues(_ json: JSON?) -> [String] {
    (json?.arrayValue ?? []).compactMap(\.stringValue)
}
