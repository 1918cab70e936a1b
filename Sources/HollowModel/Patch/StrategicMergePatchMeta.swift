// Patch metadata for strategic merge patch: which lists merge, by which key, and which objects are replaced whole.
// Kubernetes reads it from Go struct tags (`patchStrategy`, `patchMergeKey`); OpenAPI publishes the same tags as
// `x-kubernetes-patch-strategy` and `x-kubernetes-patch-merge-key`, which is where Hollow reads them.

/// Strategic-merge metadata for one field of an API type, and the way to the fields inside its value.
///
/// A node stands for a field as its parent declares it (the tags live on the field, not on the field's type) plus
/// the type of its value. The root node stands for the object itself and carries no strategy. A `nil` child means
/// "nothing known": that value merges like a JSON merge patch (objects recursively, lists replaced). Conformers must
/// build children on demand, since API types are recursive (`JSONSchemaProps`).
public protocol PatchMeta: Sendable {
    /// `x-kubernetes-patch-strategy` split at commas: `[]`, `["merge"]`, `["replace"]` or `["merge", "retainKeys"]`.
    var patchStrategies: [String] { get }
    /// `x-kubernetes-patch-merge-key`: the member that identifies an element of a merging list of objects.
    var patchMergeKey: String? { get }
    /// The field `key` inside this field's object value: a declared property, else the value type of a map.
    func child(_ key: String) -> (any PatchMeta)?
    /// The element type of this field's list value.
    var items: (any PatchMeta)? { get }
}

/// `PatchMeta` read from an OpenAPI v3 schema, resolving `$ref`s into `components.schemas` and `allOf` wrappers
/// lazily, one step per `child(_:)` or `items` call, so recursive schemas cost nothing until a patch goes there.
///
/// It follows apimachinery's `PatchMetaFromOpenAPIV3`: the tags are read from the property schema as written (next
/// to its `allOf`), and a list's elements are its `items`, or the field's own type when it has none. Unlike it, an
/// undeclared property or an unresolvable `$ref` yields `nil` (no metadata) instead of an error, and maps
/// (`additionalProperties`) lead on to their value type.
public struct OpenAPIPatchMeta: PatchMeta {
    /// The field's schema as written, where the `x-kubernetes-patch-*` extensions are.
    private let field: JSONObject
    /// The field's type: `field` with `allOf` and `$ref` followed.
    private let type: JSONObject
    private let table: SchemaTable

    /// Metadata for a value of `schema`.
    ///
    /// - Parameters:
    ///   - schema: the schema of the root value, typically `{"$ref": "#/components/schemas/io.k8s.api.core.v1.Pod"}`.
    ///   - components: the document's `components` object; an object without `schemas` is taken to be the
    ///     `components.schemas` table itself.
    public init(schema: JSON, components: JSONObject) {
        let schemas = components["schemas"]?.objectValue ?? components
        self.init(field: schema.objectValue ?? JSONObject(), table: SchemaTable(schemas))
    }

    /// Metadata for the component schema `name` (`io.k8s.api.core.v1.Pod`); `nil` when there is none.
    public init?(componentNamed name: String, components: JSONObject) {
        let table = SchemaTable(components["schemas"]?.objectValue ?? components)
        guard let schema = table.schemas[name] else { return nil }
        self.init(field: schema, table: table)
    }

    private init(field: JSONObject, table: SchemaTable) {
        self.field = field
        self.table = table
        self.type = table.resolve(field)
    }

    public var patchStrategies: [String] {
        guard let value = field["x-kubernetes-patch-strategy"]?.stringValue, !value.isEmpty else { return [] }
        return value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    public var patchMergeKey: String? { field["x-kubernetes-patch-merge-key"]?.stringValue }

    public func child(_ key: String) -> (any PatchMeta)? {
        if let property = type["properties"]?.objectValue?[key]?.objectValue {
            return OpenAPIPatchMeta(field: property, table: table)
        }
        if let values = type["additionalProperties"]?.objectValue {
            return OpenAPIPatchMeta(field: values, table: table)
        }
        return nil
    }

    public var items: (any PatchMeta)? {
        if let items = type["items"]?.objectValue { return OpenAPIPatchMeta(field: items, table: table) }
        // apimachinery treats a field without `items` as a list of its own type (a pointer to a struct used as a
        // list in its tests); keep that, without the field's own tags.
        guard type["properties"] != nil else { return nil }
        return OpenAPIPatchMeta(field: type, table: table)
    }
}

/// `components.schemas` hashed once and shared by every node built from it.
private final class SchemaTable: Sendable {
    static let referencePrefix = "#/components/schemas/"
    /// Bounds `$ref` chains, which a malformed document could make circular.
    static let maximumHops = 32

    let schemas: [String: JSONObject]

    init(_ schemas: JSONObject) {
        var table: [String: JSONObject] = [:]
        table.reserveCapacity(schemas.count)
        for member in schemas {
            if let schema = member.value.objectValue, table[member.key] == nil { table[member.key] = schema }
        }
        self.schemas = table
    }

    /// `schema` with its first `allOf` member and `$ref` followed until neither is left; empty when a reference
    /// does not resolve.
    func resolve(_ schema: JSONObject) -> JSONObject {
        var current = schema
        for _ in 0..<Self.maximumHops {
            if let first = current["allOf"]?.arrayValue?.first?.objectValue {
                current = first
            } else if let reference = current["$ref"]?.stringValue {
                guard reference.hasPrefix(Self.referencePrefix),
                    let target = schemas[String(reference.dropFirst(Self.referencePrefix.count))]
                else { return JSONObject() }
                current = target
            } else {
                return current
            }
        }
        return JSONObject()
    }
}
