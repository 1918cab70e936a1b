import HTTPTypes
import HollowModel
import HollowResources
import HollowStore
import Hummingbird
import NIOCore

/// A request addressed to a resource, with everything the verb handlers need.
struct ResourceRequest {
    let definition: ResourceDefinition
    let path: RequestInfo.ResourcePath
    let query: QueryParameters
    let request: Request
    let user: UserInfo
    /// Seconds since the epoch when the request arrived.
    let now: Double
    /// The connection (HTTP/1) or stream (HTTP/2) the request came on; a watch ends when it closes. `nil` for an
    /// in-process request, whose watch ends when its reader stops reading.
    let channel: (any Channel)?

    var namespace: String? { path.namespace }
    var name: String? { path.name }
    var groupResource: GroupResource { definition.groupResource }

    func key(_ name: String, namespace: String? = nil) -> StorageKey {
        StorageKey(
            resource: definition.groupResource,
            namespace: definition.namespaced ? (namespace ?? self.namespace ?? "") : "", name: name)
    }

    var isDryRun: Bool { query["dryRun"] == "All" }

    func notFound(_ name: String) -> APIError {
        .notFound(group: definition.group, resource: definition.plural, name: name)
    }
}

extension APIServer {
    /// Dispatches a resource request by method, name and subresource.
    func handleResource(_ r: ResourceRequest) async throws -> Response {
        let definition = r.definition
        if !definition.namespaced, r.namespace != nil {
            throw APIError(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        try validateDryRun(r)
        let method = r.request.method
        guard let name = r.name else {
            if r.path.subresource != nil { throw APIError.methodNotAllowed }
            switch method {
            case .get, .head:
                if try r.query.bool("watch") || r.path.legacyWatch { return try await watch(r) }
                return try await list(r)
            case .post:
                if definition.namespaced, r.namespace == nil {
                    throw APIError(code: 404, reason: .notFound, message: "the server could not find the requested resource")
                }
                return try await create(r)
            case .delete:
                return try await deleteCollection(r)
            default:
                throw APIError.methodNotAllowed
            }
        }
        if definition.namespaced, r.namespace == nil {
            throw APIError(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
        if let subresource = r.path.subresource {
            return try await handleSubresource(subresource, name: name, r)
        }
        switch method {
        case .get, .head:
            if try r.query.bool("watch") || r.path.legacyWatch { return try await watch(r) }
            return try await get(r, name: name)
        case .put:
            return try await update(r, name: name, statusOnly: false)
        case .patch:
            return try await patch(r, name: name, statusOnly: false)
        case .delete:
            return try await delete(r, name: name)
        case .post:
            throw APIError.methodNotAllowed
        default:
            throw APIError.methodNotAllowed
        }
    }

    private func handleSubresource(_ subresource: String, name: String, _ r: ResourceRequest) async throws -> Response {
        let method = r.request.method
        switch subresource {
        case "status" where r.definition.hasStatus:
            switch method {
            case .get: return try await get(r, name: name)
            case .put: return try await update(r, name: name, statusOnly: true)
            case .patch: return try await patch(r, name: name, statusOnly: true)
            default: throw APIError.methodNotAllowed
            }
        case "scale" where r.definition.scale != nil:
            switch method {
            case .get: return try await getScale(r, name: name)
            case .put, .patch: return try await updateScale(r, name: name)
            default: throw APIError.methodNotAllowed
            }
        case "binding" where r.definition.subresources.contains { $0.name == "binding" }:
            guard method == .post else { throw APIError.methodNotAllowed }
            return try await bind(r, name: name)
        case "eviction" where r.definition.subresources.contains { $0.name == "eviction" }:
            guard method == .post else { throw APIError.methodNotAllowed }
            return try await evict(r, name: name)
        case "token" where r.definition.subresources.contains { $0.name == "token" }:
            guard method == .post else { throw APIError.methodNotAllowed }
            return try await requestToken(r, name: name)
        case "finalize" where r.definition.plural == "namespaces" && r.definition.group.isEmpty:
            guard method == .put else { throw APIError.methodNotAllowed }
            return try await finalizeNamespace(r, name: name)
        default:
            throw APIError(code: 404, reason: .notFound, message: "the server could not find the requested resource")
        }
    }

    private func validateDryRun(_ r: ResourceRequest) throws {
        guard let dryRun = r.query["dryRun"], !dryRun.isEmpty else { return }
        guard dryRun == "All" else {
            throw APIError.badRequest("Invalid dry run value: \"\(dryRun)\"; the only supported value is All")
        }
    }

    // MARK: Shared pieces

    /// Reads the request body, refusing more than 3 MiB.
    func readBody(_ r: ResourceRequest) async throws -> [UInt8] {
        if let length = r.request.headers[.contentLength].flatMap(Int.init), length > Self.maxRequestBodyBytes {
            throw APIError.requestEntityTooLarge(limit: Self.maxRequestBodyBytes)
        }
        let buffer: ByteBuffer
        do {
            buffer = try await r.request.body.collect(upTo: Self.maxRequestBodyBytes)
        } catch {
            throw APIError.requestEntityTooLarge(limit: Self.maxRequestBodyBytes)
        }
        return Array(buffer.readableBytesView)
    }

    /// Decodes a JSON request body into an object of the request's kind, checking kind and apiVersion.
    func decodeObject(_ r: ResourceRequest, expectedKind: String? = nil, expectedAPIVersion: String? = nil) async throws -> JSON {
        try checkContentType(r, allowed: ["application/json", KubernetesProtobuf.mediaType, "*/*"])
        var body = try await readBody(r)
        let mediaType = r.request.headers[.contentType].flatMap { MediaRange.parse($0)?.mediaType }
        if mediaType == KubernetesProtobuf.mediaType {
            // kubectl 1.32+ sends built-in objects as protobuf; we decode them to JSON and go on from there.
            do throws(KubernetesProtobufError) {
                body = try KubernetesProtobuf.decode(body).serialized()
            } catch {
                if error.code == .unsupported {
                    throw APIError.unsupportedMediaType(KubernetesProtobuf.mediaType, supported: ["application/json"])
                }
                throw APIError.badRequest("the protobuf request body could not be decoded: \(error.message)")
            }
        }
        return try decodeObject(body, kind: expectedKind ?? r.definition.kind, apiVersion: expectedAPIVersion ?? r.definition.apiVersion)
    }

    func decodeObject(_ body: [UInt8], kind: String, apiVersion: String) throws -> JSON {
        var object: JSON
        do {
            object = try JSON(parsing: body)
        } catch {
            throw APIError.badRequest("the request body could not be decoded: \(error)")
        }
        guard object.objectValue != nil else {
            throw APIError.badRequest("the request body must be a JSON object, not \(object.typeName)")
        }
        for field in ["kind", "apiVersion"] {
            if let given = object[field], given.stringValue == nil, !given.isNull {
                throw APIError.badRequest("Object '\(field)' must be a string, not \(given.typeName)")
            }
        }
        // Like kube-apiserver's decoder, a body without kind or apiVersion takes the endpoint's.
        let bodyKind = object["kind"]?.stringValue ?? ""
        let bodyVersion = object["apiVersion"]?.stringValue ?? ""
        if bodyKind.isEmpty { object["kind"] = .string(kind) }
        if bodyVersion.isEmpty { object["apiVersion"] = .string(apiVersion) }
        if !bodyVersion.isEmpty, bodyVersion != apiVersion {
            throw APIError.badRequest(
                "the API version in the data (\(bodyVersion)) does not match the expected API version (\(apiVersion))")
        }
        if !bodyKind.isEmpty, bodyKind != kind {
            throw APIError.badRequest(
                "\(bodyKind) in version \"\(apiVersion)\" cannot be handled as a \(kind): no kind \"\(bodyKind)\" is registered for the endpoint")
        }
        if let metadata = object["metadata"], metadata.objectValue == nil, !metadata.isNull {
            throw APIError.badRequest("\(kind) in version \"\(apiVersion)\" cannot be handled as a \(kind): metadata must be an object")
        }
        return object
    }

    /// 415 unless the body's media type is one of `allowed` (a missing Content-Type counts as JSON).
    func checkContentType(_ r: ResourceRequest, allowed: [String]) throws {
        guard let header = r.request.headers[.contentType], !header.isEmpty else { return }
        if allowed.contains(header) { return }  // a bare media type, as nearly every client sends
        let mediaType = MediaRange.parse(header)?.mediaType ?? header
        if allowed.contains(mediaType) { return }
        throw APIError.unsupportedMediaType(mediaType, supported: allowed.filter { $0 != "*/*" })
    }

    /// The representation the client asked for, or 406.
    func representation(_ r: ResourceRequest) throws -> ResponseRepresentation {
        guard let representation = MediaRange.negotiateResource(r.request.headers[.accept], query: r.query["includeObject"]) else {
            throw APIError.notAcceptable(["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"])
        }
        return representation
    }

    /// Custom resources served in several versions are stored in one (conversion `None`: only `apiVersion`
    /// changes); each read shows the version asked for.
    func presented(_ data: [UInt8], _ definition: ResourceDefinition) -> [UInt8] {
        guard customResources.storageAPIVersion(for: definition) != nil, var object = try? JSON(parsing: data),
            object["apiVersion"]?.stringValue != definition.apiVersion
        else { return data }
        object["apiVersion"] = .string(definition.apiVersion)
        return object.serialized()
    }

    /// The object as it is stored: in the storage version of a multi-version custom resource.
    func storable(_ object: JSON, _ definition: ResourceDefinition) -> JSON {
        guard let storageVersion = customResources.storageAPIVersion(for: definition) else { return object }
        var object = object
        object["apiVersion"] = .string(storageVersion)
        return object
    }

    func storeIndex(_ object: JSON, _ definition: ResourceDefinition) -> ObjectIndex {
        let index = ObjectMetaRules.index(object, definition: definition)
        return ObjectIndex(labels: index.labels, fields: index.fields)
    }

    /// Maps a storage failure on `name` to the Status kube-apiserver gives.
    func apiError(_ error: StorageError, _ r: ResourceRequest, name: String) -> APIError {
        switch error.code {
        case .notFound: return r.notFound(name)
        case .alreadyExists: return .alreadyExists(group: r.definition.group, resource: r.definition.plural, name: name)
        case .conflict: return .modified(group: r.definition.group, resource: r.definition.plural, name: name)
        case .expired(let requested, let oldest): return .tooOldResourceVersion(requested: requested, oldest: oldest)
        case .backend(let message): return .internalError(message)
        }
    }

    /// Responds with one object in the representation asked for.
    func objectResponse(_ status: HTTPResponse.Status, _ stored: StoredObject, _ r: ResourceRequest) throws -> Response {
        switch try representation(r) {
        case .object:
            return Self.jsonResponse(status, presented(stored.data, r.definition))
        case .table(let includeObject):
            let object = try stored.decode()
            let table = TableConvertor.table(
                [object], definition: r.definition, includeObject: includeObject, now: r.now,
                resourceVersion: String(stored.revision))
            return Self.jsonResponse(status, table.serialized())
        case .partialObjectMetadata:
            return Self.jsonResponse(status, TableConvertor.partialObjectMetadata(try stored.decode()).serialized())
        }
    }

    func objectResponse(_ status: HTTPResponse.Status, _ object: JSON, _ r: ResourceRequest) throws -> Response {
        switch try representation(r) {
        case .object:
            return Self.jsonResponse(status, object.serialized())
        case .table(let includeObject):
            let table = TableConvertor.table(
                [object], definition: r.definition, includeObject: includeObject, now: r.now,
                resourceVersion: object[path: ["metadata", "resourceVersion"]]?.stringValue)
            return Self.jsonResponse(status, table.serialized())
        case .partialObjectMetadata:
            return Self.jsonResponse(status, TableConvertor.partialObjectMetadata(object).serialized())
        }
    }

    /// Fails unless the namespace exists and is not being deleted (for creates).
    func requireNamespace(_ namespace: String, forCreate: Bool) async throws {
        let key = StorageKey(resource: GroupResource(group: "", resource: "namespaces"), namespace: "", name: namespace)
        guard let stored = try await store.get(key) else {
            throw APIError.notFound(group: "", resource: "namespaces", name: namespace)
        }
        if forCreate {
            let object = try stored.decode()
            if object[path: ["metadata", "deletionTimestamp"]] != nil
                || object[path: ["status", "phase"]]?.stringValue == "Terminating"
            {
                throw APIError(
                    code: 403, reason: .forbidden,
                    message: "unable to create new content in namespace \(namespace) because it is being terminated",
                    details: APIError.Details(name: namespace, group: "", kind: "namespaces",
                        causes: [APIError.Cause(reason: "NamespaceTerminating", message: "namespace \(namespace) is being terminated", field: "metadata.namespace")]))
            }
        }
    }
}
