import HollowModel
import HollowResources
import HollowStore
import Hummingbird

extension APIServer {
    /// PUT: replace an object (or its status) with optimistic concurrency on `metadata.resourceVersion`.
    func update(_ r: ResourceRequest, name: String, statusOnly: Bool) async throws -> Response {
        var object = try await decodeObject(r)
        let warnings = try pruneUnknownFields(&object, r)
        let definition = r.definition
        let bodyName = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if !bodyName.isEmpty, bodyName != name {
            throw APIError.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        let bodyNamespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
        if definition.namespaced, !bodyNamespace.isEmpty, bodyNamespace != r.namespace {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        var expected: Int64?
        if let rv = object[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty {
            guard let revision = Int64(rv) else {
                throw APIError.badRequest("invalid resource version: \(rv)")
            }
            expected = revision
        } else if !definition.strategy.allowsUnconditionalUpdate {
            throw APIError.invalid(
                group: definition.group, kind: definition.kind, name: name,
                errors: [.invalid("metadata.resourceVersion", .string(""), "must be specified for an update")])
        }
        let result = try await guaranteedUpdate(r, name: name, expectedRevision: expected, statusOnly: statusOnly) { _ in object }
        return Self.withWarnings(try objectResponse(.ok, result, r), warnings)
    }

    /// Read–modify–write with retries on conflict, as kube-apiserver's `GuaranteedUpdate`: `transform` maps the
    /// current object to the desired one; metadata rules, validation and the strategy apply; an unchanged object
    /// is not written. When `expectedRevision` is set a concurrent change is a 409 instead of a retry. An object
    /// being deleted whose last finalizer goes away is deleted.
    func guaranteedUpdate(
        _ r: ResourceRequest, name: String, expectedRevision: Int64?, statusOnly: Bool, applyStrategy: Bool = true,
        transform: (JSON) throws -> JSON
    ) async throws -> StoredObject {
        try await guaranteedUpdate(
            r.definition, key: r.key(name), now: r.now, dryRun: r.isDryRun, expectedRevision: expectedRevision,
            statusOnly: statusOnly, applyStrategy: applyStrategy, fieldManager: fieldManager(r)
        ) { old in
            let new = try transform(old)
            try checkNoEscalation(new, r)
            return new
        }
    }

    /// Who the fields written by a (non-apply) request belong to: `?fieldManager`, else the user agent's
    /// program name, as kube-apiserver names managers.
    func fieldManager(_ r: ResourceRequest) -> String? {
        if r.request.headers[.contentType].flatMap({ MediaRange.parse($0)?.mediaType }) == Self.applyPatchType { return nil }
        return ServerSideApply.managerName(fieldManager: r.query["fieldManager"], userAgent: r.request.headers[.userAgent])
    }

    /// Records in `managedFields` which fields `manager` set by writing `new` over `old`.
    func recordFieldManager(_ new: inout JSON, old: JSON?, manager: String?, definition: ResourceDefinition, statusOnly: Bool, now: Double) {
        guard let manager else { return }
        let entries = ServerSideApply.recordUpdate(
            old: old, new: new, manager: manager, subresource: statusOnly ? "status" : nil,
            schema: applySchema(definition), now: Timestamp(seconds: now))
        new[path: ["metadata", "managedFields"]] = entries.isEmpty ? nil : .array(entries)
    }

    /// The request-free core of `guaranteedUpdate`, for the server's own controllers.
    func guaranteedUpdate(
        _ definition: ResourceDefinition, key: StorageKey, now: Double, dryRun: Bool = false,
        expectedRevision: Int64? = nil, statusOnly: Bool = false, applyStrategy: Bool = true, fieldManager: String? = nil,
        transform: (JSON) throws -> JSON
    ) async throws -> StoredObject {
        let name = key.name
        let notFound = APIError.notFound(group: definition.group, resource: definition.plural, name: name)
        for _ in 0..<16 {
            let current: StoredObject?
            do { current = try await store.get(key) } catch { throw APIError.internalError(error.description) }
            guard let current else { throw notFound }
            if let expectedRevision, expectedRevision != current.revision {
                throw APIError.modified(group: definition.group, resource: definition.plural, name: name)
            }
            let old = try current.decode()
            var new = storable(try transform(old), definition)
            ObjectMetaRules.prepareForUpdate(
                &new, old: old, definition: definition, statusOnly: statusOnly, applyStrategy: applyStrategy, now: now)
            if statusOnly, let version = customResources.version(for: definition) {
                _ = version.applySchema(to: &new)
            }
            new[path: ["metadata", "resourceVersion"]] = .string(String(current.revision))
            let errors = ObjectMetaRules.validate(new, definition: definition, old: old)
            if !errors.isEmpty {
                throw APIError.invalid(group: definition.group, kind: definition.kind, name: name, errors: errors)
            }
            documents.zeroValues.fill(&new, definition: definition)
            if new == old { return current }
            recordFieldManager(&new, old: old, manager: fieldManager, definition: definition, statusOnly: statusOnly, now: now)
            if dryRun {
                return StoredObject(key: key, revision: current.revision, data: new.serialized(), index: storeIndex(new, definition))
            }
            do {
                if shouldDeleteAfterUpdate(new) {
                    return try await store.delete(key, expectedRevision: current.revision)
                }
                return try await store.update(key, ObjectWrite(object: new, index: storeIndex(new, definition)), expectedRevision: current.revision)
            } catch {
                switch error.code {
                case .conflict where expectedRevision == nil: continue
                case .conflict: throw APIError.modified(group: definition.group, resource: definition.plural, name: name)
                case .notFound: throw notFound
                default: throw APIError.internalError(error.description)
                }
            }
        }
        throw APIError.modified(group: definition.group, resource: definition.plural, name: name)
    }

    /// An object marked for deletion with no finalizers left and no grace period pending goes away.
    func shouldDeleteAfterUpdate(_ object: JSON) -> Bool {
        guard object[path: ["metadata", "deletionTimestamp"]] != nil else { return false }
        let finalizers = object[path: ["metadata", "finalizers"]]?.arrayValue ?? []
        let grace = object[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue ?? 0
        return finalizers.isEmpty && grace == 0
    }
}
