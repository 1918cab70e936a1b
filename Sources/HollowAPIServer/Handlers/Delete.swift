import HollowModel
import HollowResources
import HollowStore
import Hummingbird

/// `metav1.DeleteOptions`, from the body or the query.
struct DeleteOptions {
    var gracePeriodSeconds: Int64?
    var propagationPolicy: String?
    var preconditionUID: String?
    var preconditionResourceVersion: String?
    var dryRun = false

    static let propagationPolicies = ["Background", "Foreground", "Orphan"]
}

/// What a delete did.
enum DeleteOutcome {
    /// The object is gone; this is its last content at the deletion's revision.
    case deleted(StoredObject)
    /// The object is marked for deletion (finalizers or a grace period pending).
    case pending(StoredObject)
}

extension APIServer {
    /// DELETE of one object.
    func delete(_ r: ResourceRequest, name: String) async throws -> Response {
        let options = try await deleteOptions(r)
        if r.definition.group.isEmpty, r.definition.plural == "namespaces",
            ["default", "kube-system", "kube-public"].contains(name)
        {
            throw APIError(
                code: 403, reason: .forbidden, message: "namespaces \"\(name)\" is forbidden: this namespace may not be deleted",
                details: APIError.Details(name: name, group: "", kind: "namespaces"))
        }
        let outcome = try await performDelete(r.definition, key: r.key(name), options: options, now: r.now)
        switch outcome {
        case .pending(let stored):
            return try objectResponse(.ok, stored, r)
        case .deleted(let stored):
            if r.definition.deleteReturnsObject { return try objectResponse(.ok, stored, r) }
            let uid = (try? stored.decode())?[path: ["metadata", "uid"]]?.stringValue
            let status = APIError.successStatus(name: name, group: r.definition.group, kind: r.definition.plural, uid: uid)
            return Self.jsonResponse(.ok, status.serialized())
        }
    }

    func deleteOptions(_ r: ResourceRequest) async throws -> DeleteOptions {
        var options = DeleteOptions()
        let body = try await readBody(r)
        if !body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            let json: JSON
            do { json = try JSON(parsing: body) } catch {
                throw APIError.badRequest("the request body could not be decoded as DeleteOptions: \(error)")
            }
            if let kind = json["kind"]?.stringValue, kind != "DeleteOptions" {
                throw APIError.badRequest("\(kind) is not DeleteOptions")
            }
            options.gracePeriodSeconds = json["gracePeriodSeconds"]?.intValue
            options.propagationPolicy = json["propagationPolicy"]?.stringValue
            options.preconditionUID = json[path: ["preconditions", "uid"]]?.stringValue
            options.preconditionResourceVersion = json[path: ["preconditions", "resourceVersion"]]?.stringValue
            if let dryRun = json["dryRun"]?.arrayValue, dryRun.contains("All") { options.dryRun = true }
            if json["orphanDependents"]?.boolValue == true, options.propagationPolicy == nil {
                options.propagationPolicy = "Orphan"
            }
        }
        if let grace = try r.query.int("gracePeriodSeconds") { options.gracePeriodSeconds = grace }
        if let policy = r.query["propagationPolicy"], !policy.isEmpty { options.propagationPolicy = policy }
        if r.isDryRun { options.dryRun = true }
        if let policy = options.propagationPolicy, !DeleteOptions.propagationPolicies.contains(policy) {
            throw APIError.invalid(
                group: "meta.k8s.io", kind: "DeleteOptions", name: "",
                errors: [.notSupported("propagationPolicy", .string(policy), supported: DeleteOptions.propagationPolicies)])
        }
        if let grace = options.gracePeriodSeconds, grace < 0 { options.gracePeriodSeconds = 0 }
        return options
    }

    /// Deletes, or marks for deletion, following kube-apiserver's registry: finalizers and graceful deletion
    /// (pods on a node) leave the object with `deletionTimestamp` set; otherwise it is removed.
    func performDelete(
        _ definition: ResourceDefinition, key: StorageKey, options: DeleteOptions, now: Double
    ) async throws -> DeleteOutcome {
        let notFound = APIError.notFound(group: definition.group, resource: definition.plural, name: key.name)
        for _ in 0..<16 {
            guard let current = try await store.get(key) else { throw notFound }
            var object = try current.decode()
            if let uid = options.preconditionUID, uid != object[path: ["metadata", "uid"]]?.stringValue {
                throw APIError.conflict(
                    group: definition.group, resource: definition.plural, name: key.name,
                    "Precondition failed: UID in precondition: \(uid), UID in object meta: \(object[path: ["metadata", "uid"]]?.stringValue ?? "")")
            }
            if let rv = options.preconditionResourceVersion, rv != String(current.revision) {
                throw APIError.conflict(
                    group: definition.group, resource: definition.plural, name: key.name,
                    "Precondition failed: ResourceVersion in precondition: \(rv), ResourceVersion in object meta: \(current.revision)")
            }
            var grace: Int64 = 0
            if let graceful = definition.strategy.gracefulDeletion, let defaultGrace = graceful(object) {
                grace = options.gracePeriodSeconds ?? defaultGrace
            }
            let originalFinalizers = object[path: ["metadata", "finalizers"]]?.arrayValue ?? []
            // Foreground and orphan deletion are carried out by the garbage collector through finalizers.
            let finalizers = Self.garbageCollectionFinalizers(originalFinalizers, policy: options.propagationPolicy)
            let finalizersChanged = finalizers != originalFinalizers
            if finalizersChanged { object[path: ["metadata", "finalizers"]] = .array(finalizers) }
            let namespaceFinalizers = definition.group.isEmpty && definition.plural == "namespaces"
                ? (object[path: ["spec", "finalizers"]]?.arrayValue ?? []) : []
            if grace == 0, finalizers.isEmpty, namespaceFinalizers.isEmpty {
                if options.dryRun { return .deleted(current) }
                do {
                    return .deleted(try await store.delete(key, expectedRevision: current.revision))
                } catch {
                    if case .conflict = error.code { continue }
                    if case .notFound = error.code { throw notFound }
                    throw APIError.internalError(error.description)
                }
            }
            // Mark for deletion: set or shorten the deletion timestamp.
            let existingGrace = object[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue
            let alreadyDeleting = object[path: ["metadata", "deletionTimestamp"]] != nil
            if alreadyDeleting, let existingGrace, existingGrace <= grace, !finalizersChanged {
                return .pending(current)
            }
            if !alreadyDeleting || (existingGrace ?? 0) > grace {
                object[path: ["metadata", "deletionTimestamp"]] = .string(Timestamp(seconds: now + Double(grace)).rfc3339)
                object[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(grace)
            }
            if !alreadyDeleting, definition.tracksGeneration {
                object[path: ["metadata", "generation"]] = .int((object[path: ["metadata", "generation"]]?.intValue ?? 0) + 1)
            }
            if namespaceFinalizers.count > 0 || definition.plural == "namespaces" && definition.group.isEmpty {
                object[path: ["status", "phase"]] = "Terminating"
            }
            if options.dryRun { return .pending(current) }
            do {
                let index = storeIndex(object, definition)
                return .pending(try await store.update(key, ObjectWrite(object: object, index: index), expectedRevision: current.revision))
            } catch {
                if case .conflict = error.code { continue }
                if case .notFound = error.code { throw notFound }
                throw APIError.internalError(error.description)
            }
        }
        throw APIError.modified(group: definition.group, resource: definition.plural, name: key.name)
    }

    /// The finalizers an object gets for a delete with `policy`: `foregroundDeletion` for Foreground, `orphan` for
    /// Orphan; Background removes both (kube-apiserver's `deletionFinalizersForGarbageCollection`).
    static func garbageCollectionFinalizers(_ finalizers: [JSON], policy: String?) -> [JSON] {
        var result = finalizers.filter { $0 != "foregroundDeletion" && $0 != "orphan" }
        switch policy {
        case "Foreground": result.append("foregroundDeletion")
        case "Orphan": result.append("orphan")
        case "Background": break
        default: return finalizers
        }
        return result
    }

    /// DELETE on a collection: deletes every matching object, answering with the list of what was deleted.
    func deleteCollection(_ r: ResourceRequest) async throws -> Response {
        let options = try await deleteOptions(r)
        let filter = try makeFilter(r)
        let page: ListPage
        do { page = try await store.list(filter, limit: nil, continueAfter: nil) } catch { throw apiError(error, r, name: "") }
        var deleted: [StoredObject] = []
        for item in page.items {
            do {
                switch try await performDelete(r.definition, key: item.key, options: options, now: r.now) {
                case .deleted(let stored), .pending(let stored): deleted.append(stored)
                }
            } catch let error as APIError where error.isNotFound {
                continue
            }
        }
        let result = ListPage(items: deleted, revision: store.currentRevision, continueKey: nil, remainingItemCount: nil)
        return Self.jsonResponse(.ok, listBytes(r.definition, page: result, continueToken: nil))
    }
}
