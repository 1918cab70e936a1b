import HollowModel
import HollowResources
import HollowStore
import Hummingbird
import Synchronization

extension APIServer {
    static let patchTypes = [
        "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
    ]

    /// Custom resources have no Go types to carry patch strategies, so they refuse strategic merge patches.
    static let customResourcePatchTypes = ["application/json-patch+json", "application/merge-patch+json"]

    /// The strategic-merge metadata of a built-in kind, from its OpenAPI schema; `nil` for custom resources.
    func strategicMergePatchMeta(_ definition: ResourceDefinition) -> (any PatchMeta)? {
        documents.patchMeta(definition, generation: registry.generation)
    }

    /// PATCH with a JSON patch, a JSON merge patch or a strategic merge patch; retried on conflicts unless the
    /// patch itself pins `metadata.resourceVersion`.
    func patch(_ r: ResourceRequest, name: String, statusOnly: Bool) async throws -> Response {
        let given = r.request.headers[.contentType].flatMap { MediaRange.parse($0)?.mediaType } ?? ""
        if given == Self.applyPatchType { return try await apply(r, name: name, statusOnly: statusOnly) }
        guard Self.patchTypes.contains(given) else {
            throw APIError.unsupportedMediaType(given, supported: Self.patchTypes + [Self.applyPatchType])
        }
        let mediaType = given
        let body = try await readBody(r)
        let patch: JSON
        do {
            patch = try JSON(parsing: body)
        } catch {
            throw APIError.badRequest("the request body could not be decoded: \(error)")
        }
        let warnings = Mutex<[String]>([])
        let stored = try await guaranteedUpdate(r, name: name, expectedRevision: nil, statusOnly: statusOnly) { current in
            var patched: JSON
            do {
                switch mediaType {
                case "application/json-patch+json":
                    do throws(JSONPatchError) { patched = try current.applyingJSONPatch(patch) } catch { throw error.apiError }
                case "application/merge-patch+json":
                    guard patch.objectValue != nil else {
                        throw APIError.badRequest("merge patch must be a JSON object")
                    }
                    patched = current.applyingMergePatch(patch)
                default:
                    guard let meta = strategicMergePatchMeta(r.definition) else {
                        throw APIError.unsupportedMediaType(mediaType, supported: Self.customResourcePatchTypes)
                    }
                    do throws(StrategicMergePatchError) {
                        patched = try current.applyingStrategicMergePatch(patch, meta: meta)
                    } catch {
                        throw error.apiError
                    }
                }
            } catch let error as APIError {
                throw error
            } catch {
                throw APIError(code: 422, reason: .invalid, message: "\(error)")
            }
            try Self.checkPatchedIdentity(patched, current: current, r)
            warnings.withLock { $0 = [] }
            let unknown = try pruneUnknownFields(&patched, r)
            warnings.withLock { $0 = unknown }
            let currentRV = current[path: ["metadata", "resourceVersion"]]
            if let rv = patched[path: ["metadata", "resourceVersion"]], rv != currentRV {
                throw APIError.modified(group: r.definition.group, resource: r.definition.plural, name: name)
            }
            patched[path: ["metadata", "resourceVersion"]] = currentRV
            return patched
        }
        return Self.withWarnings(try objectResponse(.ok, stored, r), warnings.withLock { $0 })
    }

    /// A patch may not change what the object is: kind, apiVersion, name or namespace.
    static func checkPatchedIdentity(_ patched: JSON, current: JSON, _ r: ResourceRequest) throws {
        guard patched.objectValue != nil else {
            throw APIError.badRequest("the patched object is not a JSON object")
        }
        if patched["kind"] != current["kind"] || patched["apiVersion"] != current["apiVersion"] {
            throw APIError.badRequest("the kind or apiVersion of an object cannot be changed by a patch")
        }
        for field in ["name", "namespace"] where patched[path: ["metadata", field]] != current[path: ["metadata", field]] {
            throw APIError.invalid(
                group: r.definition.group, kind: r.definition.kind, name: r.name ?? "",
                errors: [.invalid("metadata.\(field)", patched[path: ["metadata", field]] ?? .null, "field is immutable")])
        }
    }
}
