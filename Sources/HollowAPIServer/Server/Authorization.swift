import HollowModel
import HollowResources
import HollowStore
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// The RBAC policy in force: the Roles, ClusterRoles and their bindings as stored, kept current by
/// `RBACPolicyWatcher`, and the authorizer built from them.
public final class RBACPolicy: Sendable {
    private struct State {
        var objects = RBACObjects()
        var authorizer = RBACAuthorizer.empty
    }

    private let state = Mutex(State())

    public init() {}

    public var authorizer: RBACAuthorizer { state.withLock { $0.authorizer } }

    /// The rules of a stored Role (in `namespace`) or ClusterRole.
    func rules(ofRole kind: String, name: String, namespace: String) -> [JSON]? {
        state.withLock { state in
            let resource = kind == "ClusterRole" ? "clusterroles" : "roles"
            return state.objects.objects(of: resource).first {
                $0[path: ["metadata", "name"]]?.stringValue == name
                    && (kind == "ClusterRole" || $0[path: ["metadata", "namespace"]]?.stringValue == namespace)
            }.map { $0["rules"]?.arrayValue ?? [] }
        }
    }

    /// Applies a stored change; rebuilds the authorizer when the policy changed.
    func apply(_ type: WatchEventType, _ object: StoredObject) {
        guard let json = try? object.decode() else { return }
        state.withLock { state in
            let changed =
                type == .deleted
                ? state.objects.remove(resource: object.key.resource.resource, namespace: object.key.namespace, name: object.key.name)
                : state.objects.apply(resource: object.key.resource.resource, object: json)
            if changed { state.authorizer = state.objects.makeAuthorizer() }
        }
    }

    static let resources = ["roles", "clusterroles", "rolebindings", "clusterrolebindings"].map {
        GroupResource(group: RBACResources.group, resource: $0)
    }

    /// Loads the stored policy (before the server serves, so the first request is judged by it).
    func load(from store: any ObjectStore) async throws -> Int64 {
        var revision: Int64 = 0
        for resource in Self.resources {
            let page = try await store.list(ObjectFilter(resource: resource), limit: nil, continueAfter: nil)
            revision = max(revision, page.revision)
            for item in page.items { apply(.added, item) }
        }
        return revision
    }
}

/// Keeps `RBACPolicy` current with the store.
struct RBACPolicyWatcher: Service {
    let store: any ObjectStore
    let policy: RBACPolicy
    let revision: Int64

    func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for resource in RBACPolicy.resources {
                group.addTask {
                    let stream = try store.watch(ObjectFilter(resource: resource), after: revision)
                    for try await item in stream.cancelOnGracefulShutdown() {
                        if case .event(let type, let object) = item { policy.apply(type, object) }
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

extension APIServer {
    /// The user a request acts as after impersonation, if it asked for any and is allowed to.
    func impersonate(_ user: UserInfo, _ request: Request) throws -> UserInfo {
        let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        guard let impersonation = try Impersonation.requested(headers: headers, by: user) else { return user }
        return try impersonation.authorize(with: policy.authorizer)
    }

    /// Authorizes a request with RBAC; a denial is a 403 `Status` naming user, verb and resource.
    func authorize(_ attributes: AuthorizationAttributes) throws {
        switch policy.authorizer.authorize(attributes) {
        case .allow: return
        case .deny(let reason): throw attributes.forbiddenError(reason: reason)
        case .noOpinion: throw attributes.forbiddenError(reason: "")
        }
    }

    /// The RBAC attributes of a resource request.
    func attributes(_ path: RequestInfo.ResourcePath, method: HTTPRequest.Method, query: QueryParameters, user: UserInfo)
        -> AuthorizationAttributes
    {
        let verb: String
        let isWatch = (try? query.bool("watch")) == true || path.legacyWatch
        switch method {
        case .get, .head: verb = path.name == nil ? (isWatch ? "watch" : "list") : (isWatch ? "watch" : "get")
        case .post: verb = "create"
        case .put: verb = "update"
        case .patch: verb = "patch"
        case .delete: verb = path.name == nil ? "deletecollection" : "delete"
        default: verb = method.rawValue.lowercased()
        }
        return AuthorizationAttributes(
            user: user, verb: verb, apiGroup: path.group, apiVersion: path.version, resource: path.resource,
            subresource: path.subresource ?? "", namespace: path.namespace ?? "", name: path.name ?? "")
    }
}

extension APIServer {
    /// RBAC's escalation check, as kube-apiserver's: a Role or ClusterRole may grant only permissions its author
    /// holds (unless the author may `escalate`), and a binding may reference only a role whose permissions its
    /// author holds (unless the author may `bind` it).
    func checkNoEscalation(_ object: JSON, _ r: ResourceRequest) throws {
        guard r.definition.group == RBACResources.group else { return }
        let authorizer = policy.authorizer
        let namespace = r.namespace ?? ""
        let name = object[path: ["metadata", "name"]]?.stringValue ?? r.name ?? ""
        func allowed(_ verb: String, _ resource: String, _ resourceName: String, group: String = RBACResources.group) -> Bool {
            let parts = resource.split(separator: "/", maxSplits: 1).map(String.init)
            let attributes = AuthorizationAttributes(
                user: r.user, verb: verb, apiGroup: group, resource: parts[0], subresource: parts.count > 1 ? parts[1] : "",
                namespace: namespace, name: resourceName)
            return authorizer.authorize(attributes) == .allow
        }
        let rules: [JSON]
        switch r.definition.plural {
        case "roles", "clusterroles":
            if allowed("escalate", r.definition.plural, name) { return }
            rules = object["rules"]?.arrayValue ?? []
        case "rolebindings", "clusterrolebindings":
            let kind = object[path: ["roleRef", "kind"]]?.stringValue ?? ""
            let roleName = object[path: ["roleRef", "name"]]?.stringValue ?? ""
            if allowed("bind", kind == "ClusterRole" ? "clusterroles" : "roles", roleName) { return }
            rules = policy.rules(ofRole: kind, name: roleName, namespace: namespace) ?? []
        default:
            return
        }
        var missing: [String] = []
        for rule in rules {
            func strings(_ key: String) -> [String] { (rule[key]?.arrayValue ?? []).compactMap(\.stringValue) }
            let verbs = strings("verbs")
            let urls = strings("nonResourceURLs")
            for url in urls {
                for verb in verbs where authorizer.authorize(AuthorizationAttributes(user: r.user, verb: verb, path: url)) != .allow {
                    missing.append("{NonResourceURLs:[\"\(url)\"], Verbs:[\"\(verb)\"]}")
                }
            }
            let names = strings("resourceNames")
            for group in strings("apiGroups") {
                for resource in strings("resources") {
                    for verb in verbs {
                        for resourceName in names.isEmpty ? [""] : names
                        where !allowed(verb, resource, resourceName, group: group) {
                            let nameText = resourceName.isEmpty ? "" : ", ResourceNames:[\"\(resourceName)\"]"
                            missing.append("{APIGroups:[\"\(group)\"], Resources:[\"\(resource)\"]\(nameText), Verbs:[\"\(verb)\"]}")
                        }
                    }
                }
            }
        }
        guard !missing.isEmpty else { return }
        let groups = r.user.groups.map { "\"\($0)\"" }.joined(separator: " ")
        throw APIError(
            code: 403, reason: .forbidden,
            message: "\(r.definition.plural).\(RBACResources.group) \"\(name)\" is forbidden: user \"\(r.user.name)\" (groups=[\(groups)]) is attempting to grant RBAC permissions not currently held:\n"
                + missing.joined(separator: "\n"),
            details: APIError.Details(name: name, group: RBACResources.group, kind: r.definition.plural))
    }
}
