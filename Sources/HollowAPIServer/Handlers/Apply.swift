import HollowModel
import HollowResources
import HollowStore
import Hummingbird
import Yams

extension APIServer {
    static let applyPatchType = "application/apply-patch+yaml"

    /// Server-side apply (`PATCH` with `application/apply-patch+yaml`): the body is the manager's whole intent; its
    /// fields become the manager's, fields it no longer sets are removed unless another manager owns them, and a
    /// change to another manager's field is a 409 with `FieldManagerConflict` causes unless `force=true`. Creates
    /// the object (201) when it does not exist.
    func apply(_ r: ResourceRequest, name: String, statusOnly: Bool) async throws -> Response {
        guard let manager = r.query["fieldManager"], !manager.isEmpty else {
            throw APIError.badRequest("PATCH with apply requires fieldManager to be set")
        }
        let force = try r.query.bool("force")
        let body = try await readBody(r)
        var applied = try Self.decodeApplyConfiguration(body)
        guard applied.objectValue != nil else {
            throw APIError.badRequest("the apply configuration must be an object")
        }
        if let kind = applied["kind"]?.stringValue, kind != r.definition.kind {
            throw APIError.badRequest("the kind in the apply configuration (\(kind)) does not match the resource (\(r.definition.kind))")
        }
        if let apiVersion = applied["apiVersion"]?.stringValue, apiVersion != r.definition.apiVersion {
            throw APIError.badRequest(
                "the API version in the data (\(apiVersion)) does not match the expected API version (\(r.definition.apiVersion))")
        }
        if let bodyName = applied[path: ["metadata", "name"]]?.stringValue, !bodyName.isEmpty, bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        let warnings = try pruneUnknownFields(&applied, r)
        let schema = applySchema(r.definition)
        let subresource = statusOnly ? "status" : nil
        if try await store.get(r.key(name)) == nil, !statusOnly {
            var object = try Self.serverSideApply(
                live: nil, applied: applied, manager: manager, force: force, subresource: nil, schema: schema, now: r.now)
            object[path: ["metadata", "name"]] = .string(name)
            return Self.withWarnings(try await createApplied(object, r), warnings)
        }
        let stored = try await guaranteedUpdate(r, name: name, expectedRevision: nil, statusOnly: statusOnly) { current in
            var object = try Self.serverSideApply(
                live: current, applied: applied, manager: manager, force: force, subresource: subresource,
                schema: schema, now: r.now)
            object[path: ["metadata", "resourceVersion"]] = current[path: ["metadata", "resourceVersion"]]
            return object
        }
        return Self.withWarnings(try objectResponse(.ok, stored, r), warnings)
    }

    static func serverSideApply(
        live: JSON?, applied: JSON, manager: String, force: Bool, subresource: String?, schema: any ApplySchema,
        now: Double
    ) throws -> JSON {
        do throws(ServerSideApplyError) {
            return try ServerSideApply.apply(
                live: live, applied: applied, manager: manager, force: force, subresource: subresource, schema: schema,
                now: Timestamp(seconds: now)
            ).object
        } catch {
            throw error.apiError
        }
    }

    /// The create half of apply: the applied object goes through the same metadata rules as a POST.
    private func createApplied(_ object: JSON, _ r: ResourceRequest) async throws -> Response {
        let definition = r.definition
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if let namespace = r.namespace, definition.namespaced { try await requireNamespace(namespace, forCreate: true) }
        var candidate = object
        ObjectMetaRules.prepareForCreate(
            &candidate, definition: definition, namespace: r.namespace, name: name, uid: UID.random(), now: r.now)
        candidate[path: ["metadata", "managedFields"]] = object[path: ["metadata", "managedFields"]]
        let errors = ObjectMetaRules.validate(candidate, definition: definition, old: nil)
        if !errors.isEmpty {
            throw APIError.invalid(group: definition.group, kind: definition.kind, name: name, errors: errors)
        }
        try checkNoEscalation(candidate, r)
        documents.zeroValues.fill(&candidate, definition: definition)
        if r.isDryRun { return try objectResponse(.created, candidate, r) }
        do {
            let stored = try await store.create(r.key(name), ObjectWrite(object: storable(candidate, definition), index: storeIndex(candidate, definition)))
            try await afterCreate(definition, stored: stored)
            return try objectResponse(.created, stored, r)
        } catch let error as StorageError {
            throw apiError(error, r, name: name)
        }
    }

    /// How server-side apply sees a kind's fields: from its OpenAPI schema (list and map types, merge keys), or
    /// deduced from the data when there is none.
    func applySchema(_ definition: ResourceDefinition) -> any ApplySchema {
        documents.applySchema(definition, generation: registry.generation)
    }

    /// YAML (or JSON, which is YAML) to JSON values.
    static func decodeApplyConfiguration(_ body: [UInt8]) throws -> JSON {
        if let json = try? JSON(parsing: body) { return json }
        let text = String(decoding: body, as: UTF8.self)
        let node: Yams.Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw APIError.badRequest("error decoding YAML: \(error)")
        }
        guard let node else { return .object([:]) }
        return try json(from: node)
    }

    private static func json(from node: Yams.Node) throws -> JSON {
        switch node {
        case .mapping(let mapping):
            var object = JSONObject()
            for (key, value) in mapping {
                guard let name = key.string else { throw APIError.badRequest("YAML mapping keys must be strings") }
                object[name] = try json(from: value)
            }
            return .object(object)
        case .sequence(let sequence):
            return .array(try sequence.map { try json(from: $0) })
        case .scalar(let scalar):
            if scalar.style == .doubleQuoted || scalar.style == .singleQuoted || scalar.style == .literal
                || scalar.style == .folded
            {
                return .string(scalar.string)
            }
            switch scalar.string {
            case "null", "Null", "NULL", "~", "": return .null
            case "true", "True", "TRUE": return .bool(true)
            case "false", "False", "FALSE": return .bool(false)
            default:
                if let integer = Int64(scalar.string) { return .int(integer) }
                if let double = Double(scalar.string), scalar.string.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                    return .double(double)
                }
                return .string(scalar.string)
            }
        case .alias:
            throw APIError.badRequest("YAML aliases are not supported in apply configurations")
        }
    }
}
