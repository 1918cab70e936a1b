import HollowModel

/// A request parameter of an operation.
struct OpenAPIParameter: Sendable {
    var name: String
    /// `path` or `query`.
    var location: String
    /// `string`, `boolean` or `integer`.
    var type: String
    var description: String
    var required = false

    func rendered(_ dialect: OpenAPIDialect) -> JSON {
        var out = JSONObject([
            ("name", .string(name)), ("in", .string(location)), ("description", .string(description)),
        ])
        if required { out["required"] = true }
        switch dialect {
        case .v3: out["schema"] = ["type": .string(type), "uniqueItems": true]
        case .v2:
            out["type"] = .string(type)
            out["uniqueItems"] = true
        }
        return .object(out)
    }
}

/// One REST operation, described once and rendered in either dialect.
struct OpenAPIOperation: Sendable {
    var method: String
    var operationID: String
    var description: String
    var tag: String
    /// `x-kubernetes-action`: get, list, post, put, patch, delete, deletecollection.
    var action: String?
    /// `x-kubernetes-group-version-kind` of the operation (one object, where schemas carry a list); kubectl finds
    /// a kind's PATCH operation by it to decide whether the server supports `fieldValidation`.
    var kind: KindReference?
    var parameters: [OpenAPIParameter] = []
    var requestSchema: String?
    var requestContentTypes: [String] = ["application/json"]
    var requestRequired = true
    /// Status codes and the schema each answers with (`nil`: no body).
    var responses: [(code: String, schema: String?)]

    func rendered(_ dialect: OpenAPIDialect) -> JSON {
        var out = JSONObject([
            ("tags", [.string(tag)]), ("description", .string(description)), ("operationId", .string(operationID)),
        ])
        var parameters = parameters.map { $0.rendered(dialect) }
        var responses = JSONObject()
        switch dialect {
        case .v3:
            if let requestSchema {
                let content = JSONObject(requestContentTypes.map { ($0, ["schema": dialect.reference(requestSchema)]) })
                out["requestBody"] = ["content": .object(content), "required": .bool(requestRequired)]
            }
            for (code, schema) in self.responses {
                var response: JSONObject = ["description": .string(Self.statusText(code))]
                if let schema { response["content"] = ["application/json": ["schema": dialect.reference(schema)]] }
                responses[code] = .object(response)
            }
        case .v2:
            out["consumes"] = .array((requestSchema == nil ? ["*/*"] : requestContentTypes).map { .string($0) })
            out["produces"] = ["application/json"]
            out["schemes"] = ["https"]
            if let requestSchema {
                parameters.append([
                    "name": "body", "in": "body", "required": .bool(requestRequired),
                    "schema": dialect.reference(requestSchema),
                ])
            }
            for (code, schema) in self.responses {
                var response: JSONObject = ["description": .string(Self.statusText(code))]
                if let schema { response["schema"] = dialect.reference(schema) }
                responses[code] = .object(response)
            }
        }
        responses["401"] = ["description": "Unauthorized"]
        if !parameters.isEmpty { out["parameters"] = .array(parameters) }
        out["responses"] = .object(responses)
        if let action { out["x-kubernetes-action"] = .string(action) }
        if let kind { out["x-kubernetes-group-version-kind"] = kind.json }
        return .object(out)
    }

    private static func statusText(_ code: String) -> String {
        switch code {
        case "200": "OK"
        case "201": "Created"
        case "202": "Accepted"
        default: code
        }
    }
}

/// A URL path and its operations.
struct OpenAPIPathItem: Sendable {
    var path: String
    var parameters: [OpenAPIParameter]
    var operations: [OpenAPIOperation]

    func rendered(_ dialect: OpenAPIDialect) -> JSON {
        var out = JSONObject(operations.map { ($0.method, $0.rendered(dialect)) })
        if !parameters.isEmpty { out["parameters"] = .array(parameters.map { $0.rendered(dialect) }) }
        return .object(out)
    }
}

/// The REST operations of served resources, as kube-apiserver documents them: the collection (list, create,
/// deletecollection), the item (read, replace, patch, delete), the all-namespaces list, and subresources. Only
/// the verbs a definition serves are documented.
enum OpenAPIPaths {
    /// The schemas a definition's operations read and write.
    struct Schemas {
        var kind: String
        var list: String
        /// Whether strategic merge patch is accepted (built-in kinds only; custom resources answer 415).
        var strategicMerge: Bool
    }

    static func items(for definition: ResourceDefinition, schemas: Schemas) -> [OpenAPIPathItem] {
        let operations = ResourceOperations(definition: definition, schemas: schemas)
        return [operations.collection(), operations.item(), operations.allNamespaces()].compactMap { $0 }
            + definition.subresources.map(operations.subresource)
    }

    /// `GET /api/v1/` or `/apis/G/V/`: the group-version's `APIResourceList`.
    static func resourceListItem(group: String, version: String) -> OpenAPIPathItem {
        let name = OpenAPIOperationName(group: group, version: version, kind: "")
        let path = group.isEmpty ? "/api/\(version)/" : "/apis/\(group)/\(version)/"
        return discoveryItem(
            path, operationID: "get\(name.groupVersion)APIResources", tag: name.tag,
            description: "The resources available in this group-version.", schema: SchemaCatalog.meta("APIResourceList")
        )
    }

    static func discoveryItem(
        _ path: String, operationID: String, tag: String, description: String, schema: String
    ) -> OpenAPIPathItem {
        OpenAPIPathItem(
            path: path, parameters: [],
            operations: [
                OpenAPIOperation(
                    method: "get", operationID: operationID, description: description, tag: tag,
                    responses: [(code: "200", schema: schema)])
            ])
    }

    /// Renders path items as the `paths` object, sorted by path.
    static func rendered(_ items: [OpenAPIPathItem], _ dialect: OpenAPIDialect) -> JSON {
        .object(JSONObject(items.sorted { $0.path < $1.path }.map { ($0.path, $0.rendered(dialect)) }))
    }
}

/// kube-apiserver's operation IDs (`patchCoreV1NamespacedConfigMap`, `listCoordinationV1LeaseForAllNamespaces`)
/// and tags (`core_v1`).
struct OpenAPIOperationName {
    var groupVersion: String
    var kind: String
    var namespaced: Bool
    var tag: String

    init(_ definition: ResourceDefinition) {
        self.init(group: definition.group, version: definition.version, kind: definition.kind)
        namespaced = definition.namespaced
    }

    init(group: String, version: String, kind: String) {
        let groupName = Self.groupName(group)
        groupVersion = groupName + version.prefix(1).uppercased() + version.dropFirst()
        self.kind = kind
        namespaced = false
        tag = groupName.prefix(1).lowercased() + groupName.dropFirst() + "_" + version
    }

    /// `Core` for the core group; otherwise the group without `.k8s.io`, each dotted or dashed part capitalised.
    static func groupName(_ group: String) -> String {
        if group.isEmpty { return "Core" }
        let trimmed = group.hasSuffix(".k8s.io") ? String(group.dropLast(".k8s.io".count)) : group
        return trimmed.split(whereSeparator: { $0 == "." || $0 == "-" }).map {
            $0.prefix(1).uppercased() + $0.dropFirst()
        }
        .joined()
    }

    func verb(_ verb: String, collection: Bool = false, allNamespaces: Bool = false, subresource: String = "") -> String
    {
        let scope = namespaced && !allNamespaces ? "Namespaced" : ""
        return verb + groupVersion + (collection ? "Collection" : "") + scope + kind + subresource
            + (allNamespaces ? "ForAllNamespaces" : "")
    }
}

/// The query and path parameters kube-apiserver documents, described in our words.
enum OpenAPIParameters {
    static func query(_ name: String, _ type: String, _ description: String) -> OpenAPIParameter {
        OpenAPIParameter(name: name, location: "query", type: type, description: description)
    }

    static let name = OpenAPIParameter(
        name: "name", location: "path", type: "string", description: "Name of the object.", required: true)
    static let namespace = OpenAPIParameter(
        name: "namespace", location: "path", type: "string", description: "Namespace of the objects.", required: true)
    static let pretty = query("pretty", "string", "Indent the output when true.")

    static let allowWatchBookmarks = query("allowWatchBookmarks", "boolean", "Send BOOKMARK events on a watch.")
    static let `continue` = query("continue", "string", "Token from the previous page, to read the next one.")
    static let fieldSelector = query("fieldSelector", "string", "Only objects whose fields match.")
    static let labelSelector = query("labelSelector", "string", "Only objects whose labels match.")
    static let limit = query("limit", "integer", "Largest number of objects to return in one page.")
    static let resourceVersion = query("resourceVersion", "string", "The version to read at or watch from.")
    static let resourceVersionMatch = query(
        "resourceVersionMatch", "string", "How resourceVersion applies: Exact or NotOlderThan.")
    static let sendInitialEvents = query(
        "sendInitialEvents", "boolean", "Start a watch with the current objects, then a bookmark.")
    static let timeoutSeconds = query("timeoutSeconds", "integer", "End the list or watch after this many seconds.")
    static let watch = query("watch", "boolean", "Stream changes instead of returning a list.")
    static let dryRun = query("dryRun", "string", "`All` to validate and answer without persisting.")
    static let fieldManager = query("fieldManager", "string", "Name of the actor making the change.")
    static let fieldValidation = query(
        "fieldValidation", "string", "Ignore, Warn or Strict: what to do with unknown or duplicate fields.")
    static let force = query("force", "boolean", "Take ownership of conflicting fields when applying.")
    static let gracePeriodSeconds = query("gracePeriodSeconds", "integer", "Seconds to wait before deleting.")
    static let ignoreStoreReadError = query(
        "ignoreStoreReadErrorWithClusterBreakingPotential", "boolean", "Delete objects that cannot be read; dangerous.")
    static let orphanDependents = query("orphanDependents", "boolean", "Deprecated: use propagationPolicy.")
    static let propagationPolicy = query(
        "propagationPolicy", "string", "Orphan, Background or Foreground: what happens to dependents.")

    static let list = [
        allowWatchBookmarks, `continue`, fieldSelector, labelSelector, limit, resourceVersion, resourceVersionMatch,
        sendInitialEvents, timeoutSeconds, watch,
    ]
    static let write = [dryRun, fieldManager, fieldValidation]
    static let patch = [dryRun, fieldManager, fieldValidation, force]
    static let delete = [dryRun, gracePeriodSeconds, ignoreStoreReadError, orphanDependents, propagationPolicy]
    static let deleteCollection = [
        `continue`, dryRun, fieldSelector, gracePeriodSeconds, ignoreStoreReadError, labelSelector, limit,
        orphanDependents, propagationPolicy, resourceVersion, resourceVersionMatch, sendInitialEvents, timeoutSeconds,
    ]
}

/// The operations of one resource, each included only when the definition serves its verb.
private struct ResourceOperations {
    typealias P = OpenAPIParameters

    let definition: ResourceDefinition
    let schemas: OpenAPIPaths.Schemas
    let name: OpenAPIOperationName
    let verbs: Set<String>
    /// `/api/v1/namespaces/{namespace}/pods` or `/api/v1/nodes`.
    let collectionPath: String
    let collectionParameters: [OpenAPIParameter]
    let patchTypes: [String]

    init(definition: ResourceDefinition, schemas: OpenAPIPaths.Schemas) {
        self.definition = definition
        self.schemas = schemas
        name = OpenAPIOperationName(definition)
        verbs = Set(definition.verbs)
        collectionPath =
            definition.namespaced
            ? "\(Self.prefix(definition))/namespaces/{namespace}/\(definition.plural)"
            : "\(Self.prefix(definition))/\(definition.plural)"
        collectionParameters = definition.namespaced ? [P.namespace, P.pretty] : [P.pretty]
        patchTypes =
            ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"]
            + (schemas.strategicMerge ? ["application/strategic-merge-patch+json"] : [])
    }

    static func prefix(_ definition: ResourceDefinition) -> String {
        definition.group.isEmpty ? "/api/\(definition.version)" : "/apis/\(definition.group)/\(definition.version)"
    }

    var kind: String { definition.kind }
    var itemPath: String { "\(collectionPath)/{name}" }
    var itemParameters: [OpenAPIParameter] { [P.name] + collectionParameters }

    /// list, create, deletecollection.
    func collection() -> OpenAPIPathItem? {
        var operations: [OpenAPIOperation] = []
        if verbs.contains("list") {
            operations.append(
                operation(
                    "get", name.verb("list"), "List or watch objects of kind \(kind).", action: "list",
                    parameters: P.list, responses: ["200": schemas.list]))
        }
        if verbs.contains("create") {
            operations.append(
                operation(
                    "post", name.verb("create"), "Create a \(kind).", action: "post", parameters: P.write,
                    request: schemas.kind,
                    responses: ["200": schemas.kind, "201": schemas.kind, "202": schemas.kind]))
        }
        if verbs.contains("deletecollection") {
            operations.append(
                operation(
                    "delete", name.verb("delete", collection: true), "Delete a collection of \(kind) objects.",
                    action: "deletecollection", parameters: P.deleteCollection, request: SchemaCatalog.deleteOptions,
                    requestRequired: false, responses: ["200": SchemaCatalog.status]))
        }
        return pathItem(collectionPath, collectionParameters, operations)
    }

    /// read, replace, patch, delete.
    func item() -> OpenAPIPathItem? {
        var operations: [OpenAPIOperation] = []
        if verbs.contains("get") {
            operations.append(
                operation(
                    "get", name.verb("read"), "Read the given \(kind).", action: "get",
                    responses: ["200": schemas.kind]))
        }
        if verbs.contains("update") {
            operations.append(
                operation(
                    "put", name.verb("replace"), "Replace the given \(kind).", action: "put", parameters: P.write,
                    request: schemas.kind, responses: ["200": schemas.kind, "201": schemas.kind]))
        }
        if verbs.contains("patch") {
            operations.append(
                operation(
                    "patch", name.verb("patch"), "Partially update the given \(kind).", action: "patch",
                    parameters: P.patch, request: SchemaCatalog.patch, requestTypes: patchTypes,
                    responses: ["200": schemas.kind, "201": schemas.kind]))
        }
        if verbs.contains("delete") {
            let response = definition.deleteReturnsObject ? schemas.kind : SchemaCatalog.status
            operations.append(
                operation(
                    "delete", name.verb("delete"), "Delete the given \(kind).", action: "delete",
                    parameters: P.delete, request: SchemaCatalog.deleteOptions, requestRequired: false,
                    responses: ["200": response, "202": response]))
        }
        return pathItem(itemPath, itemParameters, operations)
    }

    /// The list across namespaces (`/api/v1/pods`), for namespaced resources.
    func allNamespaces() -> OpenAPIPathItem? {
        guard definition.namespaced, verbs.contains("list") else { return nil }
        let list = operation(
            "get", name.verb("list", allNamespaces: true), "List or watch objects of kind \(kind) in every namespace.",
            action: "list", parameters: P.list, responses: ["200": schemas.list])
        return pathItem("\(Self.prefix(definition))/\(definition.plural)", [P.pretty], [list])
    }

    /// status and scale (read, replace, patch); binding and eviction (create).
    func subresource(_ subresource: Subresource) -> OpenAPIPathItem {
        let suffix = subresource.name.prefix(1).uppercased() + subresource.name.dropFirst()
        let responseKind = subresource.responseKind(of: definition)
        let noun = "the \(subresource.name) of the given \(kind)"
        let operations: [OpenAPIOperation]
        switch subresource {
        case .status, .scale:
            let schema = subresource.name == "status" ? schemas.kind : SchemaCatalog.scale
            operations = [
                operation(
                    "get", name.verb("read", subresource: suffix), "Read \(noun).", action: "get", kind: responseKind,
                    responses: ["200": schema]),
                operation(
                    "put", name.verb("replace", subresource: suffix), "Replace \(noun).", action: "put",
                    kind: responseKind, parameters: P.write, request: schema,
                    responses: ["200": schema, "201": schema]),
                operation(
                    "patch", name.verb("patch", subresource: suffix), "Partially update \(noun).", action: "patch",
                    kind: responseKind, parameters: P.patch, request: SchemaCatalog.patch, requestTypes: patchTypes,
                    responses: ["200": schema, "201": schema]),
            ]
        case .binding, .eviction, .token:
            let schema =
                switch subresource {
                case .binding: SchemaCatalog.binding
                case .token: SchemaCatalog.tokenRequest
                default: SchemaCatalog.eviction
                }
            operations = [
                operation(
                    "post", name.verb("create", subresource: suffix),
                    "Create a \(responseKind.kind) for the given \(kind).", action: "post", kind: responseKind,
                    parameters: P.write, request: schema, responses: ["200": schema, "201": schema, "202": schema])
            ]
        }
        return OpenAPIPathItem(
            path: "\(itemPath)/\(subresource.name)", parameters: itemParameters, operations: operations)
    }

    private func pathItem(
        _ path: String, _ parameters: [OpenAPIParameter], _ operations: [OpenAPIOperation]
    ) -> OpenAPIPathItem? {
        operations.isEmpty ? nil : OpenAPIPathItem(path: path, parameters: parameters, operations: operations)
    }

    private func operation(
        _ method: String, _ operationID: String, _ description: String, action: String, kind: KindReference? = nil,
        parameters: [OpenAPIParameter] = [], request: String? = nil, requestTypes: [String] = ["application/json"],
        requestRequired: Bool = true, responses: KeyValuePairs<String, String>
    ) -> OpenAPIOperation {
        OpenAPIOperation(
            method: method, operationID: operationID, description: description, tag: name.tag, action: action,
            kind: kind ?? definition.kindReference, parameters: parameters, requestSchema: request,
            requestContentTypes: requestTypes, requestRequired: requestRequired,
            responses: responses.map { (code: $0.key, schema: $0.value) })
    }
}
