import HollowModel
import Synchronization

/// Finds the OpenAPI v3 schema of a served kind (by its `x-kubernetes-group-version-kind`) together with the
/// components its `$ref`s point into, for the server's schema-driven steps: Go zero values and strategic merge
/// patch metadata. Rebuilt when the registry changes.
public final class KindSchemas: Sendable {
    private struct Catalog: Sendable {
        var generation: Int
        /// Schema components per OpenAPI v3 document path.
        var components: [String: JSONObject]
        /// (document path, schema name) per `group/version/kind`.
        var kinds: [String: (path: String, name: String)]
    }

    private let registry: ResourceRegistry
    private let documents: OpenAPIDocuments
    private let catalog = Mutex<Catalog?>(nil)

    public init(registry: ResourceRegistry, documents: OpenAPIDocuments) {
        self.registry = registry
        self.documents = documents
    }

    /// The kind's schema and the components it refers into, or `nil` when the kind has none.
    public func schema(for definition: ResourceDefinition) -> (schema: JSON, components: JSONObject)? {
        let catalog = current()
        guard let entry = catalog.kinds["\(definition.group)/\(definition.version)/\(definition.kind)"],
            let components = catalog.components[entry.path], let schema = components[entry.name]
        else { return nil }
        return (schema, components)
    }

    private func current() -> Catalog {
        let generation = registry.generation
        if let cached = catalog.withLock({ $0 }), cached.generation == generation { return cached }
        var built = Catalog(generation: generation, components: [:], kinds: [:])
        for (group, versions) in registry.groupVersions {
            for version in versions {
                let path = OpenAPIV3.documentPath(group: group, version: version)
                guard let schemas = documents.v3Document(path: path)?.json[path: ["components", "schemas"]]?.objectValue
                else { continue }
                built.components[path] = schemas
                for member in schemas {
                    for gvk in member.value["x-kubernetes-group-version-kind"]?.arrayValue ?? [] {
                        guard let kind = gvk["kind"]?.stringValue, let v = gvk["version"]?.stringValue, v == version,
                            (gvk["group"]?.stringValue ?? "") == group
                        else { continue }
                        built.kinds["\(group)/\(version)/\(kind)"] = (path, member.key)
                    }
                }
            }
        }
        catalog.withLock { $0 = built }
        return built
    }
}
