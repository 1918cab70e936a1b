import HollowModel

/// OpenAPI v3 documents, as kube-apiserver publishes them under `/openapi/v3/<path>`: one per group-version
/// (`api/v1`, `apis/coordination.k8s.io/v1`) with that group-version's operations and the schemas they reach, plus
/// small documents for the discovery endpoints (`api`, `apis`, `apis/<group>`) and `version`.
///
/// Pure functions; `OpenAPIDocuments` caches and hashes the results.
public enum OpenAPIV3 {
    /// Every document, keyed by its path in the index (no leading slash).
    public static func documents(_ definitions: [ResourceDefinition], serverVersion: String) -> [String: JSON] {
        let components = OpenAPIComponents(definitions: definitions)
        var documents: [String: JSON] = [:]
        func document(_ items: [OpenAPIPathItem], groupVersions: [(group: String, version: String)] = []) -> JSON {
            let paths = OpenAPIPaths.rendered(items, .v3)
            let extra = groupVersions.isEmpty ? [] : [SchemaCatalog.watchEvent]
            let schemas = components.resolve(
                referencedBy: [paths], extraNames: extra, dialect: .v3, groupVersions: groupVersions)
            return [
                "openapi": "3.0.0",
                "info": ["title": "Kubernetes", "version": .string(serverVersion)],
                "paths": paths,
                "components": ["schemas": schemas],
            ]
        }

        documents["api"] = document([
            OpenAPIPaths.discoveryItem(
                "/api/", operationID: "getCoreAPIVersions", tag: "core", description: "The versions of the core group.",
                schema: SchemaCatalog.meta("APIVersions"))
        ])
        documents["apis"] = document([
            OpenAPIPaths.discoveryItem(
                "/apis/", operationID: "getAPIVersions", tag: "apis", description: "The named API groups.",
                schema: SchemaCatalog.meta("APIGroupList"))
        ])
        documents["version"] = document([
            OpenAPIPaths.discoveryItem(
                "/version/", operationID: "getCodeVersion", tag: "version", description: "The server's version.",
                schema: SchemaCatalog.versionInfo)
        ])
        for (group, versions) in Discovery.groupVersions(definitions) {
            if !group.isEmpty {
                let name = OpenAPIOperationName.groupName(group)
                documents["apis/\(group)"] = document([
                    OpenAPIPaths.discoveryItem(
                        "/apis/\(group)/", operationID: "get\(name)APIGroup",
                        tag: name.prefix(1).lowercased() + name.dropFirst(), description: "The versions of this group.",
                        schema: SchemaCatalog.meta("APIGroup"))
                ])
            }
            for version in versions {
                let served = definitions.filter { $0.group == group && $0.version == version }
                var items = [OpenAPIPaths.resourceListItem(group: group, version: version)]
                for definition in served {
                    items += OpenAPIPaths.items(for: definition, schemas: components.pathSchemas(for: definition))
                }
                documents[documentPath(group: group, version: version)] = document(
                    items, groupVersions: [(group, version)])
            }
        }
        return documents
    }

    /// `api/v1` or `apis/G/V`.
    public static func documentPath(group: String, version: String) -> String {
        group.isEmpty ? "api/\(version)" : "apis/\(group)/\(version)"
    }

    /// `/openapi/v3`: each document's path and the hash URL to fetch it at. Clients cache hash URLs forever, so a
    /// changed document must change its hash (kube-openapi's handler3).
    public static func index(hashes: [String: String]) -> JSON {
        [
            "paths": .object(
                JSONObject(
                    hashes.keys.sorted().map { path in
                        (path, ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hashes[path]!)")])
                    }))
        ]
    }
}
