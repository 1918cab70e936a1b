import HollowModel

// Authorization/: Kubernetes RBAC as pure code, no HTTP.
//
// - This file: the vocabulary, as k8s.io/apiserver has it: who is asking (`UserInfo`, `user.Info`), what they ask to
//   do (`AuthorizationAttributes`) and what an authorizer answers (`AuthorizationDecision`).
// - `PolicyRule` (with `RoleRef`, `Subject`): rules and how they match a request.
// - `RBACAuthorizer` (+Index): an immutable snapshot of roles and bindings indexed by subject; `authorize`, reviews,
//   rule listing, allowed subjects. `RBACObjects` keeps the stored objects and rebuilds it; `ClusterRoleAggregation`
//   computes aggregated ClusterRoles; `RBACBootstrapPolicy` holds the default roles every cluster has.
// - `Impersonation`: the `Impersonate-*` headers, the checks they need and the user they yield.
// - `AccessReviews`: the create-only review resources (`kubectl auth can-i`, `whoami`).
// - `RBACResources` (+Validation): the resource definitions, tables, defaults and validation.

/// The identity a request runs as (`user.Info`): what authentication established, or whom impersonation switched to.
public struct UserInfo: Sendable, Hashable {
    public var name: String
    public var uid: String
    public var groups: [String]
    /// Extra attributes (scopes, node names), keyed as given (impersonation lower-cases the keys).
    public var extra: [String: [String]]

    public init(name: String, uid: String = "", groups: [String] = [], extra: [String: [String]] = [:]) {
        self.name = name
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// `system:masters`: its members may do anything; the authorizer allows them without consulting RBAC.
    public static let privilegedGroup = "system:masters"
    public static let allAuthenticated = "system:authenticated"
    public static let allUnauthenticated = "system:unauthenticated"
    /// The user name of unauthenticated requests.
    public static let anonymousName = "system:anonymous"
    /// The user of unauthenticated requests, in `system:unauthenticated`.
    public static let anonymous = UserInfo(name: anonymousName, groups: [allUnauthenticated])
    /// The group every service account is in; `system:serviceaccounts:NS` holds those of one namespace.
    public static let serviceAccountsGroup = "system:serviceaccounts"
    static let serviceAccountPrefix = "system:serviceaccount:"

    /// A service account's user as the token authenticator makes it: `system:serviceaccount:NS:NAME` in
    /// `system:serviceaccounts`, `system:serviceaccounts:NS` and `system:authenticated`.
    public static func serviceAccount(namespace: String, name: String, uid: String = "") -> UserInfo {
        UserInfo(
            name: serviceAccountUsername(namespace: namespace, name: name), uid: uid,
            groups: serviceAccountGroups(namespace: namespace) + [allAuthenticated])
    }

    public static func serviceAccountUsername(namespace: String, name: String) -> String {
        serviceAccountPrefix + namespace + ":" + name
    }

    public static func serviceAccountGroups(namespace: String) -> [String] {
        [serviceAccountsGroup, serviceAccountsGroup + ":" + namespace]
    }

    /// The namespace and name in a service account user name (`serviceaccount.SplitUsername`): `nil` unless the name
    /// is `system:serviceaccount:NS:NAME` with NS a DNS label and NAME a DNS subdomain.
    public static func splitServiceAccountUsername(_ username: String) -> (namespace: String, name: String)? {
        guard username.hasPrefix(serviceAccountPrefix) else { return nil }
        let parts = username.dropFirst(serviceAccountPrefix.count).split(
            separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        let namespace = String(parts[0])
        let name = String(parts[1])
        guard isDNS1123Label(namespace).isEmpty, isDNS1123Subdomain(name).isEmpty else { return nil }
        return (namespace, name)
    }

    /// authentication.k8s.io/v1 `UserInfo`, empty members left out.
    public var json: JSON {
        var object = JSONObject()
        if !name.isEmpty { object["username"] = .string(name) }
        if !uid.isEmpty { object["uid"] = .string(uid) }
        if !groups.isEmpty { object["groups"] = .array(groups.map(JSON.string)) }
        if !extra.isEmpty {
            object["extra"] = .object(
                JSONObject(extra.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value.map(JSON.string))) }))
        }
        return .object(object)
    }
}

/// What a request asks to do (`authorizer.AttributesRecord`): a verb on a resource (`isResourceRequest`) or on a
/// non-resource path such as `/healthz`.
public struct AuthorizationAttributes: Sendable, Hashable {
    public var user: String
    public var uid: String
    public var groups: [String]
    public var extra: [String: [String]]
    public var verb: String
    public var apiGroup: String
    public var apiVersion: String
    public var resource: String
    public var subresource: String
    /// "" for cluster-scoped requests.
    public var namespace: String
    public var name: String
    public var isResourceRequest: Bool
    /// The request path of a non-resource request.
    public var path: String

    /// A resource request: `verb` on `resource[/subresource]` in `apiGroup`, in `namespace` ("" at the cluster scope).
    public init(
        user: UserInfo, verb: String, apiGroup: String = "", apiVersion: String = "*", resource: String,
        subresource: String = "", namespace: String = "", name: String = ""
    ) {
        self.user = user.name
        self.uid = user.uid
        self.groups = user.groups
        self.extra = user.extra
        self.verb = verb
        self.apiGroup = apiGroup
        self.apiVersion = apiVersion
        self.resource = resource
        self.subresource = subresource
        self.namespace = namespace
        self.name = name
        self.isResourceRequest = true
        self.path = ""
    }

    /// A non-resource request: `verb` (`get`, `post`, …) on `path`.
    public init(user: UserInfo, verb: String, path: String) {
        self.init(user: user, verb: verb, resource: "")
        self.isResourceRequest = false
        self.path = path
    }

    public var userInfo: UserInfo { UserInfo(name: user, uid: uid, groups: groups, extra: extra) }

    /// The 403 kube-apiserver answers when these attributes are not allowed (`responsewriters.ForbiddenStatusError`):
    /// `pods is forbidden: User "u" cannot list resource "pods" in API group "" in the namespace "default"`, or
    /// `forbidden: User "u" cannot get path "/metrics"`, followed by `: reason` when there is one.
    public func forbiddenError(reason: String) -> APIError {
        guard isResourceRequest else {
            var message = "forbidden: User \(quoted(user)) cannot \(verb) path \(quoted(path))"
            if !reason.isEmpty { message += ": " + reason }
            return APIError(code: 403, reason: .forbidden, message: message)
        }
        return .forbidden(
            user: user, verb: verb, resource: resource, group: apiGroup, namespace: namespace,
            name: name.isEmpty ? nil : name, subresource: subresource.isEmpty ? nil : subresource, reason: reason)
    }
}

/// An authorizer's answer (`authorizer.Decision`).
public enum AuthorizationDecision: Sendable, Hashable {
    case allow
    /// Refused, with the reason kube-apiserver appends to the Forbidden message ("" for none).
    case deny(reason: String)
    /// Neither allowed nor refused: a later authorizer may decide.
    case noOpinion
}

/// Decides whether a request may proceed; called on every request, so it must be cheap and must not block.
public protocol Authorizer: Sendable {
    func authorize(_ attributes: AuthorizationAttributes) -> AuthorizationDecision
}

/// Go's `%q` (`strconv.Quote`) for names in reasons and messages, as HollowModel renders field error values.
func quoted(_ string: String) -> String {
    String(FieldError.invalid("", .string(string), "").messageWithoutField.dropFirst("Invalid value: ".count))
}
