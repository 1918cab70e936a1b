import HollowModel

/// The stored RBAC objects an `RBACAuthorizer` is built from, kept current by the caller as writes and watch events
/// arrive. A value: apply changes under the caller's lock, then build the authorizer and swap it in.
public struct RBACObjects: Sendable {
    /// Objects of each RBAC resource, keyed by `namespace/name` ("/name" for cluster-scoped ones).
    private var objects: [String: [String: JSON]] = [:]

    public init() {}

    /// The plural names this value tracks: `roles`, `clusterroles`, `rolebindings`, `clusterrolebindings`.
    public static let resources: Set<String> = ["roles", "clusterroles", "rolebindings", "clusterrolebindings"]

    /// Records a created or updated object of `resource`; other resources are ignored.
    /// - Returns: whether anything was recorded (and the authorizer should be rebuilt).
    @discardableResult
    public mutating func apply(resource: String, object: JSON) -> Bool {
        guard Self.resources.contains(resource) else { return false }
        let key = Self.key(
            namespace: object[path: ["metadata", "namespace"]]?.stringValue ?? "",
            name: object[path: ["metadata", "name"]]?.stringValue ?? "")
        guard objects[resource]?[key] != object else { return false }
        objects[resource, default: [:]][key] = object
        return true
    }

    /// Forgets a deleted object. - Returns: whether it was known.
    @discardableResult
    public mutating func remove(resource: String, namespace: String, name: String) -> Bool {
        objects[resource]?.removeValue(forKey: Self.key(namespace: namespace, name: name)) != nil
    }

    /// The objects of one resource.
    public func objects(of resource: String) -> [JSON] { Array((objects[resource] ?? [:]).values) }

    /// A fresh authorizer over the current objects.
    public func makeAuthorizer() -> RBACAuthorizer {
        RBACAuthorizer(
            roles: objects(of: "roles"), clusterRoles: objects(of: "clusterroles"),
            roleBindings: objects(of: "rolebindings"), clusterRoleBindings: objects(of: "clusterrolebindings"))
    }

    private static func key(namespace: String, name: String) -> String { namespace + "/" + name }
}
