/// Where a kind of object is served: its group, version, plural resource name and kind, and whether it lives in
/// namespaces (what discovery reports for a resource, client-go's `GroupVersionResource` plus `Kind` and scope).
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    public var group: String
    public var version: String
    /// The plural resource name used in URLs, e.g. `pods`.
    public var resource: String
    public var kind: String
    public var namespaced: Bool

    public init(group: String, version: String, resource: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.resource = resource
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `v1` for the core group, `group/version` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `/api/v1` or `/apis/group/version`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// The collection path, e.g. `/api/v1/namespaces/default/pods` or `/api/v1/nodes`; a namespaced resource with no
    /// namespace gives the all-namespaces path.
    public func collectionPath(namespace: String?) -> String {
        if namespaced, let namespace { return "\(groupVersionPath)/namespaces/\(namespace)/\(resource)" }
        return "\(groupVersionPath)/\(resource)"
    }

    /// The path of one object, optionally of its subresource.
    public func objectPath(name: String, namespace: String?, subresource: String? = nil) -> String {
        var path = "\(collectionPath(namespace: namespace))/\(name)"
        if let subresource { path += "/\(subresource)" }
        return path
    }

    public var groupResource: GroupResource { GroupResource(group: group, resource: resource) }

    /// `pods`, `deployments.apps`.
    public var description: String { group.isEmpty ? resource : "\(resource).\(group)" }
}

extension APIResource {
    public static let namespaces = APIResource(
        group: "", version: "v1", resource: "namespaces", kind: "Namespace", namespaced: false)
    public static let nodes = APIResource(group: "", version: "v1", resource: "nodes", kind: "Node", namespaced: false)
    public static let pods = APIResource(group: "", version: "v1", resource: "pods", kind: "Pod", namespaced: true)
    public static let configMaps = APIResource(
        group: "", version: "v1", resource: "configmaps", kind: "ConfigMap", namespaced: true)
    public static let secrets = APIResource(
        group: "", version: "v1", resource: "secrets", kind: "Secret", namespaced: true)
    public static let events = APIResource(
        group: "", version: "v1", resource: "events", kind: "Event", namespaced: true)
    public static let serviceAccounts = APIResource(
        group: "", version: "v1", resource: "serviceaccounts", kind: "ServiceAccount", namespaced: true)
    public static let services = APIResource(
        group: "", version: "v1", resource: "services", kind: "Service", namespaced: true)
    public static let leases = APIResource(
        group: "coordination.k8s.io", version: "v1", resource: "leases", kind: "Lease", namespaced: true)
    public static let deployments = APIResource(
        group: "apps", version: "v1", resource: "deployments", kind: "Deployment", namespaced: true)
    public static let replicaSets = APIResource(
        group: "apps", version: "v1", resource: "replicasets", kind: "ReplicaSet", namespaced: true)
    public static let daemonSets = APIResource(
        group: "apps", version: "v1", resource: "daemonsets", kind: "DaemonSet", namespaced: true)
    public static let controllerRevisions = APIResource(
        group: "apps", version: "v1", resource: "controllerrevisions", kind: "ControllerRevision", namespaced: true)
    public static let customResourceDefinitions = APIResource(
        group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions",
        kind: "CustomResourceDefinition", namespaced: false)
}
