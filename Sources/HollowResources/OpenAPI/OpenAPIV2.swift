import HollowModel

/// The swagger 2.0 document of `/openapi/v2` in its JSON form: every served operation and the schemas they reach,
/// under `#/definitions/`. kubectl asks for the protobuf form, which the server answers with an empty body; this
/// is for clients that ask for JSON.
public enum OpenAPIV2 {
    public static func document(_ definitions: [ResourceDefinition], serverVersion: String) -> JSON {
        let components = OpenAPIComponents(definitions: definitions)
        var items = [
            OpenAPIPaths.discoveryItem(
                "/api/", operationID: "getCoreAPIVersions", tag: "core", description: "The versions of the core group.",
                schema: SchemaCatalog.meta("APIVersions")),
            OpenAPIPaths.discoveryItem(
                "/apis/", operationID: "getAPIVersions", tag: "apis", description: "The named API groups.",
                schema: SchemaCatalog.meta("APIGroupList")),
            OpenAPIPaths.discoveryItem(
                "/version/", operationID: "getCodeVersion", tag: "version", description: "The server's version.",
                schema: SchemaCatalog.versionInfo),
        ]
        var groupVersions: [(group: String, version: String)] = []
        for (group, versions) in Discovery.groupVersions(definitions) {
            if !group.isEmpty {
                let name = OpenAPIOperationName.groupName(group)
                items.append(
                    OpenAPIPaths.discoveryItem(
                        "/apis/\(group)/", operationID: "get\(name)APIGroup",
                        tag: name.prefix(1).lowercased() + name.dropFirst(), description: "The versions of this group.",
                        schema: SchemaCatalog.meta("APIGroup")))
            }
            for version in versions {
                groupVersions.append((group, version))
                items.append(OpenAPIPaths.resourceListItem(group: group, version: version))
                for definition in definitions where definition.group == group && definition.version == version {
                    items += OpenAPIPaths.items(for: definition, schemas: components.pathSchemas(for: definition))
                }
            }
        }
        let paths = OpenAPIPaths.rendered(items, .v2)
        return [
            "swagger": "2.0",
            "info": ["title": "Kubernetes", "version": .string(serverVersion)],
            "paths": paths,
            "definitions": components.resolve(
                referencedBy: [paths], extraNames: [SchemaCatalog.watchEvent], dialect: .v2,
                groupVersions: groupVersions),
            "securityDefinitions": [
                "BearerToken": [
                    "type": "apiKey", "name": "authorization", "in": "header",
                    "description": "A bearer token in the Authorization header.",
                ]
            ],
            "security": [["BearerToken": []]],
        ]
    }
}
