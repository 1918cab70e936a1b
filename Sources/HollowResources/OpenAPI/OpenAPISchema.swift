import HollowModel

// OpenAPI documents: `/openapi/v3` (an index of per-group-version documents addressed by content hash) and
// `/openapi/v2` (one swagger 2.0 document, JSON form).
//
// - `OpenAPISchema` is a small DSL for schemas, rendered in either dialect (`#/components/schemas/` or
//   `#/definitions/` references).
// - `SchemaCatalog` holds the hand-authored schemas of the built-in types, one `SchemaCatalog+Family.swift` file per
//   API group or type family. Descriptions are our own; facts (fields, types, required keys, list and patch
//   semantics) follow Kubernetes so `kubectl explain`, strategic merge and field validation behave as on a real
//   cluster. Parts not modelled field by field preserve unknown fields, so validation never rejects a valid object.
// - `OpenAPIPaths` describes the REST operations of each resource; `OpenAPIV3`/`OpenAPIV2` assemble documents;
//   `OpenAPIDocuments` caches them per registry generation for the HTTP layer.

/// A JSON schema as we author it, rendered into OpenAPI v3 or swagger 2.0.
struct OpenAPISchema: Sendable {
    struct Property: Sendable {
        var name: String
        var schema: OpenAPISchema
    }

    enum Shape: Sendable {
        /// Described by `type`, `format`, `items`, `properties` … as written.
        case plain
        /// A reference to a named schema.
        case reference(String)
        /// An int32 or a string (`intstr.IntOrString`).
        case intOrString
        /// A resource quantity: a string, or a number in JSON (`1`, `0.5`).
        case quantity
        /// A schema given as JSON (a custom resource's), passed through unchanged.
        case raw(JSON)
    }

    var shape: Shape = .plain
    var type: String?
    var format: String?
    var description: String?
    var properties: [Property] = []
    var required: [String] = []
    /// Zero or one element (an array gives the recursion its indirection).
    var itemSchemas: [OpenAPISchema] = []
    var valueSchemas: [OpenAPISchema] = []
    /// `x-kubernetes-*` and other extensions, in order.
    var extensions: [(String, JSON)] = []

    var items: OpenAPISchema? { itemSchemas.first }
    var additionalProperties: OpenAPISchema? { valueSchemas.first }

    subscript(property name: String) -> OpenAPISchema? { properties.first { $0.name == name }?.schema }
}

// MARK: - Constructors

extension OpenAPISchema {
    static func string(_ description: String? = nil, format: String? = nil) -> Self {
        Self(type: "string", format: format, description: description)
    }
    static func int32(_ description: String? = nil) -> Self {
        Self(type: "integer", format: "int32", description: description)
    }
    static func int64(_ description: String? = nil) -> Self {
        Self(type: "integer", format: "int64", description: description)
    }
    static func boolean(_ description: String? = nil) -> Self { Self(type: "boolean", description: description) }
    static func number(_ description: String? = nil) -> Self {
        Self(type: "number", format: "double", description: description)
    }
    /// Base64-encoded bytes.
    static func bytes(_ description: String? = nil) -> Self {
        Self(type: "string", format: "byte", description: description)
    }
    static func ref(_ name: String, _ description: String? = nil) -> Self {
        Self(shape: .reference(name), description: description)
    }
    static func array(_ items: Self, _ description: String? = nil) -> Self {
        Self(type: "array", description: description, itemSchemas: [items])
    }
    /// An object with arbitrary keys whose values all match `values`.
    static func map(_ values: Self, _ description: String? = nil) -> Self {
        Self(type: "object", description: description, valueSchemas: [values])
    }
    static func stringMap(_ description: String? = nil) -> Self { map(.string(), description) }
    /// Resource names to quantities (`ResourceList`: `cpu`, `memory`, …).
    static func resourceList(_ description: String? = nil) -> Self { map(.ref(SchemaCatalog.quantity), description) }
    static func object(
        _ description: String? = nil, required: [String] = [], _ properties: KeyValuePairs<String, Self>
    ) -> Self {
        Self(
            type: "object", description: description,
            properties: properties.map { Property(name: $0.key, schema: $0.value) }, required: required)
    }
    /// An object not modelled field by field: anything goes.
    static func preserved(_ description: String? = nil) -> Self {
        Self(type: "object", description: description).with("x-kubernetes-preserve-unknown-fields", true)
    }
    static func time(_ description: String? = nil) -> Self { .ref(SchemaCatalog.time, description) }
    static func microTime(_ description: String? = nil) -> Self { .ref(SchemaCatalog.microTime, description) }
    static func intOrString(_ description: String? = nil) -> Self { .ref(SchemaCatalog.intOrString, description) }
    static func quantity(_ description: String? = nil) -> Self { .ref(SchemaCatalog.quantity, description) }
}

// MARK: - Modifiers

extension OpenAPISchema {
    func with(_ key: String, _ value: JSON) -> Self {
        var copy = self
        copy.extensions.removeAll { $0.0 == key }
        copy.extensions.append((key, value))
        return copy
    }

    /// `x-kubernetes-list-type: map` keyed by `keys` (server-side apply merges items by these).
    func listMap(_ keys: String...) -> Self {
        with("x-kubernetes-list-type", "map").with("x-kubernetes-list-map-keys", .array(keys.map { .string($0) }))
    }
    /// `x-kubernetes-list-type: atomic`: the list is replaced as a whole.
    func atomic() -> Self { with("x-kubernetes-list-type", "atomic") }
    /// `x-kubernetes-list-type: set`: scalar items, unique.
    func set() -> Self { with("x-kubernetes-list-type", "set") }
    /// Strategic merge: merge lists item by item (`key` for lists of objects), optionally retaining keys.
    func patchMerge(key: String? = nil, retainKeys: Bool = false) -> Self {
        let strategy = with("x-kubernetes-patch-strategy", .string(retainKeys ? "merge,retainKeys" : "merge"))
        return key.map { strategy.with("x-kubernetes-patch-merge-key", .string($0)) } ?? strategy
    }
    /// The common pairing: strategic merge on `key` and a list map keyed by it.
    func mergeMap(_ key: String) -> Self { patchMerge(key: key).listMap(key) }
    /// `x-kubernetes-map-type: atomic`: the object is replaced as a whole by server-side apply.
    func atomicStruct() -> Self { with("x-kubernetes-map-type", "atomic") }
}

// MARK: - Rendering

/// The two OpenAPI flavours served: they differ in where named schemas live and in how a reference carries a
/// description.
enum OpenAPIDialect: Sendable {
    case v3
    case v2

    var referencePrefix: String { self == .v3 ? "#/components/schemas/" : "#/definitions/" }
    func reference(_ name: String) -> JSON { ["$ref": .string(referencePrefix + name)] }
}

extension OpenAPISchema {
    func rendered(_ dialect: OpenAPIDialect) -> JSON {
        var out = JSONObject()
        switch shape {
        case .raw(let json):
            return json
        case .reference(let name):
            if description == nil && extensions.isEmpty { return dialect.reference(name) }
            // OpenAPI 3.0 ignores siblings of `$ref`, so kube wraps a described reference in `allOf`; swagger 2.0
            // clients read the sibling description.
            if dialect == .v3 {
                out["allOf"] = [dialect.reference(name)]
            } else {
                out = dialect.reference(name).objectValue!
            }
            if let description { out["description"] = .string(description) }
        case .intOrString:
            if let description { out["description"] = .string(description) }
            if dialect == .v3 {
                out["format"] = "int-or-string"
                out["oneOf"] = [["type": "integer"], ["type": "string"]]
                out["x-kubernetes-int-or-string"] = true
            } else {
                out["type"] = "string"
                out["format"] = "int-or-string"
            }
        case .quantity:
            if let description { out["description"] = .string(description) }
            if dialect == .v3 {
                out["oneOf"] = [["type": "string"], ["type": "number"]]
                out["x-kubernetes-int-or-string"] = true
            } else {
                out["type"] = "string"
            }
        case .plain:
            if let description { out["description"] = .string(description) }
            if let type { out["type"] = .string(type) }
            if let format { out["format"] = .string(format) }
            if let items { out["items"] = items.rendered(dialect) }
            if let additionalProperties { out["additionalProperties"] = additionalProperties.rendered(dialect) }
            if !properties.isEmpty {
                out["properties"] = .object(JSONObject(properties.map { ($0.name, $0.schema.rendered(dialect)) }))
            }
            if !required.isEmpty { out["required"] = .array(required.map { .string($0) }) }
        }
        for (key, value) in extensions { out[key] = value }
        return .object(out)
    }
}

// MARK: - References in rendered JSON

extension JSON {
    /// Every `$ref` target in this document that starts with `prefix`, with the prefix removed, in document
    /// order.
    func schemaReferences(prefix: String) -> [String] {
        var found: [String] = []
        collectReferences(prefix: prefix, into: &found)
        return found
    }

    private func collectReferences(prefix: String, into found: inout [String]) {
        switch self {
        case .object(let object):
            for member in object {
                if member.key == "$ref", let target = member.value.stringValue, target.hasPrefix(prefix) {
                    found.append(String(target.dropFirst(prefix.count)))
                } else {
                    member.value.collectReferences(prefix: prefix, into: &found)
                }
            }
        case .array(let elements):
            for element in elements { element.collectReferences(prefix: prefix, into: &found) }
        default:
            break
        }
    }
}
