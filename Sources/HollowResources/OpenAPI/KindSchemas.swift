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
    /// Compiled schemas per `group/version/kind`, for the catalog's generation.
    private let compiled = Mutex<(generation: Int, schemas: [String: CompiledSchema?])>((-1, [:]))

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

    /// The kind's schema compiled for the walks made on every write, or `nil` when the kind has none; compiled once
    /// per registry generation.
    public func compiledSchema(for definition: ResourceDefinition) -> CompiledSchema? {
        let generation = registry.generation
        let key = "\(definition.group)/\(definition.version)/\(definition.kind)"
        if let cached = compiled.withLock({ $0.generation == generation ? $0.schemas[key] : nil }) { return cached }
        let schema = self.schema(for: definition).map { CompiledSchema(schema: $0.schema, components: $0.components) }
        compiled.withLock { state in
            if state.generation != generation { state = (generation, [:]) }
            state.schemas[key] = .some(schema)
        }
        return schema
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


/// A built-in kind's OpenAPI schema with every `$ref` (and single-element `allOf`) resolved and every object's
/// `properties` indexed, for the walks the server makes over each object it writes (Go zero values, unknown-field
/// pruning).
///
/// Walking the raw schema costs a linear search through the document's components at each `$ref` and through an
/// object's properties at each member; on a Pod that is most of the cost of those walks. Compiling once per kind and
/// registry generation turns both into array and hash lookups. Named schemas are compiled once and shared, so
/// recursive schemas (`JSONSchemaProps`) are fine.
public struct CompiledSchema: Sendable {
    /// One schema, resolved: what the walks read of it.
    struct Node: Sendable {
        /// `properties`, each to its node.
        var properties: [String: Int] = [:]
        /// `required`, in order.
        var required: [String] = []
        /// `items`, when present.
        var items: Int?
        /// Whether the schema has an `additionalProperties` member at all (of any shape).
        var declaresAdditionalProperties = false
        /// `additionalProperties` when it is a schema (an object).
        var additionalProperties: Int?
        var preservesUnknownFields = false
        var isIntOrString = false
        var type: String?
        var isDateTime = false
    }

    let nodes: [Node]
    /// The node of the kind itself.
    let root: Int

    /// Compiles `schema`, whose `$ref`s name members of `components` (by their last path segment).
    public init(schema: JSON, components: JSONObject) {
        var builder = Builder(components: components)
        root = builder.compile(schema)
        nodes = builder.nodes
    }

    /// Follows `$ref` (by last path segment) and single-element `allOf`, at most eight steps: the schema reached and,
    /// when it is a named component, its name.
    static func resolve(_ schema: JSON, components: [String: JSON]) -> (schema: JSON, name: String?) {
        var schema = schema
        var name: String?
        for _ in 0..<8 {
            if let ref = schema["$ref"]?.stringValue {
                let target = String(ref.split(separator: "/").last ?? "")
                guard let resolved = components[target] else { return (schema, nil) }
                schema = resolved
                name = target
            } else if let allOf = schema["allOf"]?.arrayValue, allOf.count == 1 {
                schema = allOf[0]
                name = nil
            } else {
                return (schema, name)
            }
        }
        return (schema, nil)
    }

    private struct Builder {
        var nodes: [Node] = []
        /// Named components already compiled (or being compiled, for recursive schemas).
        var named: [String: Int] = [:]
        let components: [String: JSON]

        init(components: JSONObject) {
            var table: [String: JSON] = [:]
            // A repeated name resolves to its first schema, as a lookup in the document would.
            for member in components where table[member.key] == nil { table[member.key] = member.value }
            self.components = table
        }

        mutating func compile(_ schema: JSON) -> Int {
            let (resolved, name) = CompiledSchema.resolve(schema, components: components)
            if let name, let index = named[name] { return index }
            let index = nodes.count
            nodes.append(Node())
            if let name { named[name] = index }
            var node = Node()
            if let properties = resolved["properties"]?.objectValue {
                for member in properties where node.properties[member.key] == nil {
                    node.properties[member.key] = compile(member.value)
                }
            }
            node.required = resolved["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if let items = resolved["items"] { node.items = compile(items) }
            if let additional = resolved["additionalProperties"] {
                node.declaresAdditionalProperties = true
                if additional.objectValue != nil { node.additionalProperties = compile(additional) }
            }
            node.preservesUnknownFields = resolved["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
            node.isIntOrString = resolved["x-kubernetes-int-or-string"]?.boolValue == true
            node.type = resolved["type"]?.stringValue
            node.isDateTime = resolved["format"]?.stringValue == "date-time"
            nodes[index] = node
            return index
        }
    }
}
