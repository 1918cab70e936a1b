import HollowModel

extension KubernetesClient {
    /// Every resource the server serves, at each group's preferred version (legacy discovery: `/api/v1`, `/apis`,
    /// then `/apis/GROUP/VERSION`); subresources are left out.
    public func discoverResources() async throws -> [APIResource] {
        var resources = try await resources(in: "", version: "v1", path: "/api/v1")
        let groups = try await send(APIRequest(method: .GET, path: "/apis")).json()
        for group in groups["groups"]?.arrayValue ?? [] {
            guard let name = group["name"]?.stringValue,
                let version = group[path: ["preferredVersion", "version"]]?.stringValue
            else { continue }
            resources += try await self.resources(in: name, version: version, path: "/apis/\(name)/\(version)")
        }
        return resources
    }

    /// The resource serving `kind` in `group` (any group when `nil`), found through discovery.
    /// - Throws: ``APIError`` NotFound when no served resource has that kind.
    public func resource(forKind kind: String, group: String? = nil) async throws -> APIResource {
        let match = try await discoverResources().first { $0.kind == kind && (group == nil || $0.group == group) }
        guard let match else {
            throw APIError(
                code: 404, reason: .notFound,
                message: "no matches for kind \"\(kind)\" in group \"\(group ?? "")\"")
        }
        return match
    }

    private func resources(in group: String, version: String, path: String) async throws -> [APIResource] {
        let list = try await send(APIRequest(method: .GET, path: path)).json()
        return (list["resources"]?.arrayValue ?? []).compactMap { entry in
            guard let name = entry["name"]?.stringValue, !name.contains("/"),
                let kind = entry["kind"]?.stringValue
            else { return nil }
            return APIResource(
                group: group, version: version, resource: name, kind: kind,
                namespaced: entry["namespaced"]?.boolValue ?? false)
        }
    }
}
