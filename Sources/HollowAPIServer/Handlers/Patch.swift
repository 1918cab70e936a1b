import HollowModel
import HollowResources
import HollowStore
import Hummingbird

extension APIServer {
    static let patchTypes = [
        "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
    ]

    /// PATCH with a JSON patch, a JSON merge patch or a strategic merge patch; retried on conflicts unless the
    /// patch itself pins `metadata.resourceVersion`.
    func patch(_ r: ResourceRequest, name: String, statusOnly: Bool) async throws -> Response {
        guard let header = r.request.headers[.contentType], let mediaType = MediaRange.parse(header)?.mediaType,
            Self.patchTypes.contains(mediaType)
        else {
            let given = r.request.headers[.contentType].flatMap { MediaRange.parse($0)?.mediaType } ?? ""
            throw APIError.unsupportedMediaType(given, supported: Self.patchTypes)
        }
        let body = try await readBody(r)
        let patch: JSON
        do {
            patch = try JSON(parsing: body)
        } catch {
            throw APIError.badRequest("the request body could not be decoded: \(error)")
        }
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
                    guard patch.objectValue != nil else {
                        throw APIError.badRequest("strategic merge patch must be a JSON object")
                    }
                    patched = try current.applyingStrategicMergePatch(patch)
                }
            } catch let error as APIError {
                throw error
            } catch {
                throw APIError(code: 422, reason: .invalid, message: "\(error)")
            }
            try Self.checkPatchedIdentity(patched, current: current, r)
            let currentRV = current[path: ["metadata", "resourceVersion"]]
            if let rv = patched[path: ["metadata", "resourceVersion"]], rv != currentRV {
                throw APIError.modified(group: r.definition.group, resource: r.definition.plural, name: name)
            }
            patched[path: ["metadata", "resourceVersion"]] = currentRV
            return patched
        }
        return try objectResponse(.ok, stored, r)
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

extension JSON {
    /// Strategic merge patch for the common cases kubectl sends: a merge patch whose `$`-directives
    /// (`$patch`, `$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`) are honoured for maps and
    /// stripped elsewhere. Lists are replaced whole.
    func applyingStrategicMergePatch(_ patch: JSON) throws -> JSON {
        guard case .object(let patchObject) = patch else { return patch }
        if patchObject["$patch"]?.stringValue == "delete" { return .null }
        if patchObject["$patch"]?.stringValue == "replace" {
            var replaced = patchObject
            replaced["$patch"] = nil
            return Self.stripDirectives(.object(replaced))
        }
        var result = self.objectValue ?? [:]
        if let retain = patchObject["$retainKeys"]?.arrayValue?.compactMap(\.stringValue) {
            let keep = Set(retain)
            for key in result.keys where !keep.contains(key) { result[key] = nil }
        }
        for member in patchObject {
            let key = member.key
            if key == "$patch" || key == "$retainKeys" || key.hasPrefix("$setElementOrder/") { continue }
            if key.hasPrefix("$deleteFromPrimitiveList/") {
                let field = String(key.dropFirst("$deleteFromPrimitiveList/".count))
                let remove = member.value.arrayValue ?? []
                if let list = result[field]?.arrayValue {
                    result[field] = .array(list.filter { !remove.contains($0) })
                }
                continue
            }
            switch member.value {
            case .null:
                result[key] = nil
            case .object:
                let merged = try (result[key] ?? .object([:])).applyingStrategicMergePatch(member.value)
                if merged.isNull { result[key] = nil } else { result[key] = merged }
            default:
                result[key] = Self.stripDirectives(member.value)
            }
        }
        return .object(result)
    }

    static func stripDirectives(_ value: JSON) -> JSON {
        switch value {
        case .object(let object):
            return .object(JSONObject(members: object.members.compactMap { member in
                member.key.hasPrefix("$") ? nil : JSONObject.Member(key: member.key, value: stripDirectives(member.value))
            }))
        case .array(let elements):
            return .array(elements.compactMap { element in
                if element["$patch"] != nil { return nil }
                return stripDirectives(element)
            })
        default:
            return value
        }
    }
}
