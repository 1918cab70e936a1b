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
        guard definition.openAPISchema == nil, let (schema, components) = schemas.schema(for: definition) else { return }
        Self.fill(&object, schema: schema, components: components, depth: 0)
    }

    static func resolve(_ schema: JSON, components: JSONObject) -> JSON {
        var schema = schema
        for _ in 0..<8 {
            if let ref = schema["$ref"]?.stringValue {
                guard let target = components[String(ref.split(separator: "/").last ?? "")] else { return schema }
                schema = target
            } else if let allOf = schema["allOf"]?.arrayValue, allOf.count == 1 {
                schema = allOf[0]
            } else {
                return schema
            }
        }
        return schema
    }

    private static func fill(_ value: inout JSON, schema: JSON, components: JSONObject, depth: Int) {
        guard depth < 32 else { return }
        let schema = resolve(schema, components: components)
        switch value {
        case .object(var object):
            let properties = schema["properties"]?.objectValue ?? [:]
            for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where object[name] == nil {
                guard let property = properties[name] else { continue }
                if let zero = zeroValue(property, components: components, depth: depth + 1) { object[name] = zero }
            }
            for index in object.members.indices {
                let member = object.members[index]
                guard let property = properties[member.key] else { continue }
                var child = member.value
                fill(&child, schema: property, components: components, depth: depth + 1)
                if child != member.value { object[member.key] = child }
            }
            value = .object(object)
        case .array(var elements):
            guard let items = schema["items"] else { return }
            for index in elements.indices {
                fill(&elements[index], schema: items, components: components, depth: depth + 1)
            }
            value = .array(elements)
        default:
            return
        }
    }

    private static func zeroValue(_ schema: JSON, components: JSONObject, depth: Int) -> JSON? {
        let schema = resolve(schema, components: components)
        if schema["x-kubernetes-int-or-string"]?.boolValue == true { return nil }
        switch schema["type"]?.stringValue {
        case "string": return schema["format"]?.stringValue == "date-time" ? nil : ""
        case "integer": return 0
        case "number": return 0
        case "boolean": return false
        case "array": return .array([])
        case "object":
            var object: JSON = .object([:])
            fill(&object, schema: schema, components: components, depth: depth)
            return object
        default: return nil
        }
    }
}
