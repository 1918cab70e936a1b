import HollowModel
import NIOHTTP1

/// Access to one resource of one API server: the REST verbs, subresources, watches and long-running updates.
///
/// `Object` is a typed wrapper (``Pod``, ``Node`` …) or ``Unstructured``. Namespaced calls take the namespace
/// explicitly; when a create or update is given none, the object's `metadata.namespace` is used.
public struct ResourceClient<Object: KubernetesObject>: Sendable {
    public let client: KubernetesClient
    public let resource: APIResource

    public init(client: KubernetesClient, resource: APIResource) {
        self.client = client
        self.resource = resource
    }

    // MARK: Reads

    /// The object `name` (or its `subresource`).
    public func get(_ name: String, namespace: String? = nil, subresource: String? = nil) async throws -> Object {
        let response = try await client.send(
            APIRequest(method: .GET, path: resource.objectPath(name: name, namespace: namespace, subresource: subresource)))
        return Object(try response.json())
    }

    /// One page of a list, as the server answers it.
    public func listPage(namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> ObjectList<Object> {
        let response = try await client.send(
            APIRequest(method: .GET, path: resource.collectionPath(namespace: namespace), query: options.queryItems))
        let json = try response.json()
        return ObjectList(
            items: (json["items"]?.arrayValue ?? []).map(Object.init),
            resourceVersion: json[path: ["metadata", "resourceVersion"]]?.stringValue ?? "",
            continueToken: json[path: ["metadata", "continue"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Everything that matches, fetched `pageSize` at a time and joined (client-go's `pager.List`). When a continue
    /// token expires mid-way (410), the list starts over without a limit, as the pager does.
    public func list(
        namespace: String? = nil, options: ListOptions = ListOptions(), pageSize: Int = 500
    ) async throws -> ObjectList<Object> {
        var options = options
        if options.limit == nil { options.limit = pageSize }
        var items: [Object] = []
        var first: ObjectList<Object>?
        while true {
            let page: ObjectList<Object>
            do {
                page = try await listPage(namespace: namespace, options: options)
            } catch let error as APIError where error.code == 410 && options.continueToken != nil {
                options.continueToken = nil
                options.limit = nil
                return try await listPage(namespace: namespace, options: options)
            }
            if first == nil { first = page }
            items += page.items
            guard let token = page.continueToken else {
                return ObjectList(items: items, resourceVersion: first!.resourceVersion)
            }
            options.continueToken = token
            // Later pages are read at the first page's revision, which the token carries.
            options.resourceVersion = nil
            options.resourceVersionMatch = nil
        }
    }

    // MARK: Writes

    /// Creates `object` (or posts to its `subresource`, e.g. `binding` or `eviction` of the object `name`).
    public func create(
        _ object: Object, namespace: String? = nil, subresource: String? = nil, name: String? = nil,
        fieldManager: String? = nil, dryRun: Bool = false
    ) async throws -> Object {
        let namespace = namespace ?? object.namespace ?? defaultNamespace
        let path =
            if let subresource {
                resource.objectPath(name: name ?? object.name, namespace: namespace, subresource: subresource)
            } else {
                resource.collectionPath(namespace: namespace)
            }
        let response = try await client.send(
            APIRequest(method: .POST, path: path, query: writeQuery(fieldManager: fieldManager, dryRun: dryRun),
                body: object.object.serialized()))
        return Object(try response.json())
    }

    /// Replaces `object`; its `metadata.resourceVersion` makes the update conditional (409 Conflict when stale).
    public func update(
        _ object: Object, namespace: String? = nil, subresource: String? = nil, fieldManager: String? = nil,
        dryRun: Bool = false
    ) async throws -> Object {
        let namespace = namespace ?? object.namespace ?? defaultNamespace
        let response = try await client.send(
            APIRequest(
                method: .PUT, path: resource.objectPath(name: object.name, namespace: namespace, subresource: subresource),
                query: writeQuery(fieldManager: fieldManager, dryRun: dryRun), body: object.object.serialized()))
        return Object(try response.json())
    }

    /// Replaces the status of `object` through the `status` subresource.
    public func updateStatus(_ object: Object, namespace: String? = nil, fieldManager: String? = nil) async throws -> Object {
        try await update(object, namespace: namespace, subresource: "status", fieldManager: fieldManager)
    }

    /// Patches the object `name` (or its `subresource`).
    public func patch(
        _ name: String, namespace: String? = nil, _ patch: Patch, subresource: String? = nil,
        fieldManager: String? = nil, force: Bool = false, dryRun: Bool = false
    ) async throws -> Object {
        var query = writeQuery(fieldManager: fieldManager, dryRun: dryRun)
        if force { query.append(("force", "true")) }
        let response = try await client.send(
            APIRequest(
                method: .PATCH, path: resource.objectPath(name: name, namespace: namespace, subresource: subresource),
                query: query, body: patch.body, contentType: patch.contentType))
        return Object(try response.json())
    }

    /// Deletes the object `name`. Returns the object when the server still has it (finalizers or a grace period
    /// keep it), `nil` when it is gone.
    @discardableResult
    public func delete(_ name: String, namespace: String? = nil, options: DeleteOptions = DeleteOptions()) async throws
        -> Object?
    {
        let response = try await client.send(
            APIRequest(
                method: .DELETE, path: resource.objectPath(name: name, namespace: namespace),
                query: options.dryRun ? [("dryRun", "All")] : [], body: options.body.serialized()))
        let json = try response.json()
        return json["kind"]?.stringValue == "Status" ? nil : Object(json)
    }

    /// Deletes every object that matches `listOptions`' selectors.
    public func deleteCollection(
        namespace: String? = nil, listOptions: ListOptions = ListOptions(), options: DeleteOptions = DeleteOptions()
    ) async throws {
        _ = try await client.send(
            APIRequest(
                method: .DELETE, path: resource.collectionPath(namespace: namespace), query: listOptions.queryItems,
                body: options.body.serialized()))
    }

    // MARK: Scale

    /// The `scale` subresource (`autoscaling/v1` Scale).
    public func getScale(_ name: String, namespace: String? = nil) async throws -> Scale {
        let response = try await client.send(
            APIRequest(method: .GET, path: resource.objectPath(name: name, namespace: namespace, subresource: "scale")))
        return Scale(try response.json())
    }

    /// Sets `spec.replicas` through the `scale` subresource.
    public func scale(_ name: String, namespace: String? = nil, replicas: Int) async throws -> Scale {
        let response = try await client.send(
            APIRequest(
                method: .PATCH, path: resource.objectPath(name: name, namespace: namespace, subresource: "scale"),
                body: JSON.object(["spec": .object(["replicas": .int(Int64(replicas))])]).serialized(),
                contentType: Patch.mergeContentType))
        return Scale(try response.json())
    }

    var defaultNamespace: String? { resource.namespaced ? client.configuration.namespace : nil }

    private func writeQuery(fieldManager: String?, dryRun: Bool) -> [(String, String)] {
        var query: [(String, String)] = []
        if let fieldManager { query.append(("fieldManager", fieldManager)) }
        if dryRun { query.append(("dryRun", "All")) }
        return query
    }
}

/// A patch and its type.
public enum Patch: Sendable {
    /// RFC 7386 JSON merge patch.
    case merge(JSON)
    /// RFC 6902 JSON patch: an array of operations.
    case json([JSON])
    /// Kubernetes strategic merge patch (built-in kinds only).
    case strategicMerge(JSON)
    /// Server-side apply of a full configuration (send `fieldManager`).
    case apply(JSON)

    static let mergeContentType = "application/merge-patch+json"

    public var contentType: String {
        switch self {
        case .merge: Self.mergeContentType
        case .json: "application/json-patch+json"
        case .strategicMerge: "application/strategic-merge-patch+json"
        case .apply: "application/apply-patch+yaml"
        }
    }

    public var body: [UInt8] {
        switch self {
        case .merge(let json), .strategicMerge(let json), .apply(let json): json.serialized()
        case .json(let operations): JSON.array(operations).serialized()
        }
    }
}

/// `metav1.DeleteOptions`.
public struct DeleteOptions: Sendable {
    public enum PropagationPolicy: String, Sendable {
        case orphan = "Orphan"
        case background = "Background"
        case foreground = "Foreground"
    }

    public var gracePeriodSeconds: Int?
    public var propagationPolicy: PropagationPolicy?
    /// Delete only if the object still has this UID.
    public var preconditionUID: String?
    /// Delete only if the object is still at this resourceVersion.
    public var preconditionResourceVersion: String?
    public var dryRun: Bool

    public init(
        gracePeriodSeconds: Int? = nil, propagationPolicy: PropagationPolicy? = nil, preconditionUID: String? = nil,
        preconditionResourceVersion: String? = nil, dryRun: Bool = false
    ) {
        self.gracePeriodSeconds = gracePeriodSeconds
        self.propagationPolicy = propagationPolicy
        self.preconditionUID = preconditionUID
        self.preconditionResourceVersion = preconditionResourceVersion
        self.dryRun = dryRun
    }

    var body: JSON {
        var object: JSONObject = ["kind": "DeleteOptions", "apiVersion": "v1"]
        if let gracePeriodSeconds { object["gracePeriodSeconds"] = .int(Int64(gracePeriodSeconds)) }
        if let propagationPolicy { object["propagationPolicy"] = .string(propagationPolicy.rawValue) }
        var preconditions = JSONObject()
        if let preconditionUID { preconditions["uid"] = .string(preconditionUID) }
        if let preconditionResourceVersion { preconditions["resourceVersion"] = .string(preconditionResourceVersion) }
        if !preconditions.isEmpty { object["preconditions"] = .object(preconditions) }
        if dryRun { object["dryRun"] = ["All"] }
        return .object(object)
    }
}

/// `autoscaling/v1` Scale.
public struct Scale: Sendable, Equatable {
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
    public var specReplicas: Int { Int(object[path: ["spec", "replicas"]]?.intValue ?? 0) }
    public var statusReplicas: Int { Int(object[path: ["status", "replicas"]]?.intValue ?? 0) }
    public var selector: String? { object[path: ["status", "selector"]]?.stringValue }
}
