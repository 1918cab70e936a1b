import HollowModel

/// Fills in the fields Go would always serialize for built-in types: kube-apiserver decodes every object into its
/// Go struct and encodes it again, so a field without `omitempty` (listed as `required` in the OpenAPI schema)
/// appears even when the client left it out — `status.nodeInfo.bootID: ""`, a container status's `restartCount: 0`.
/// Clients that validate on decode, such as the Python client, depend on that.
///
/// Run after validation (so a genuinely missing required input is still reported) and before storing.
public final class GoZeroValues: Sendable {
    private let schemas: KindSchemas

    public init(schemas: KindSchemas) {
        self.schemas = schemas
    }

    /// Adds the zero value of every missing required field, recursively, following the kind's schema.
    public func fill(_ object: inout JSON, definition: ResourceDefinition) {
        guard definition.openAPISchema == nil, let schema = schemas.compiledSchema(for: definition) else { return }
        Self.fill(&object, node: schema.root, schema: schema, depth: 0)
    }

    private static func fill(_ value: inout JSON, node index: Int, schema: CompiledSchema, depth: Int) {
        guard depth < 32 else { return }
        let node = schema.nodes[index]
        switch value {
        case .object:
            value.withObject { object in
                for name in node.required where object[name] == nil {
                    guard let property = node.properties[name] else { continue }
                    if let zero = zeroValue(property, schema: schema, depth: depth + 1) { object[name] = zero }
                }
                guard !node.properties.isEmpty else { return }
                object.updateValues { key, child in
                    guard let property = node.properties[key] else { return }
                    fill(&child, node: property, schema: schema, depth: depth + 1)
                }
            }
        case .array:
            guard let items = node.items else { return }
            value.withArray { elements in
                for offset in elements.indices {
                    fill(&elements[offset], node: items, schema: schema, depth: depth + 1)
                }
            }
        default:
            return
        }
    }

    private static func zeroValue(_ index: Int, schema: CompiledSchema, depth: Int) -> JSON? {
        let node = schema.nodes[index]
        if node.isIntOrString { return nil }
        switch node.type {
        case "string": return node.isDateTime ? nil : ""
        case "integer": return 0
        case "number": return 0
        case "boolean": return false
        case "array": return .array([])
        case "object":
            var object: JSON = .object([:])
            fill(&object, node: index, schema: schema, depth: depth)
            return object
        default: return nil
        }
    }
}
