/// An `ApplySchema` read from OpenAPI (v3 `components.schemas` or swagger 2.0 `definitions`), following
/// kube-openapi's `schemaconv`, which is how kube-apiserver types built-in and custom resources for server-side
/// apply:
///
/// - `type: object` is a map: `properties` are struct fields, other members take `additionalProperties` (deduced
///   when absent or `true`); `x-kubernetes-map-type` makes it `atomic` or `granular`, also on a `$ref` or
///   single-element `allOf` that refers to a named schema (a field-level override).
/// - `type: array` is a list: `x-kubernetes-list-type` (`atomic`, `set`, or `map` keyed by
///   `x-kubernetes-list-map-keys`), else `x-kubernetes-patch-strategy: merge` with `x-kubernetes-patch-merge-key`
///   (a map keyed by it; a set without it), else atomic.
/// - Scalars are leaves; a schema without `type` (int-or-string, quantities) allows any shape.
/// - `x-kubernetes-preserve-unknown-fields` deduces undeclared members below it.
///
/// References are resolved when a walk reaches them, so recursive schemas are fine.
public struct OpenAPIApplySchema: ApplySchema {
    /// Named schemas, shared by every node of one document.
    final class Catalog: Sendable {
        let schemas: [String: JSON]
        let preserveUnknownFields: Bool

        init(schemas: [String: JSON], preserveUnknownFields: Bool) {
            self.schemas = schemas
            self.preserveUnknownFields = preserveUnknownFields
        }
    }

    private enum Special: Sendable {
        case none
        /// `resource.Quantity`: a scalar, whatever its schema says.
        case quantity
        /// `runtime.RawExtension`: anything, atomic.
        case rawExtension
        /// A reference to a schema the document lacks.
        case deduced
    }

    private let catalog: Catalog
    private let node: JSONObject
    private let preserveUnknownFields: Bool
    private let mapOverride: ApplyMapType?
    private let special: Special

    /// The schema of `root`, whose `$ref`s name members of `components` (keys are schema names, as in
    /// `components.schemas`).
    /// - Parameter preserveUnknownFields: deduce undeclared members everywhere (a custom resource with
    ///   `preserveUnknownFields: true`).
    public init(root: JSON, components: [String: JSON] = [:], preserveUnknownFields: Bool = false) {
        let catalog = Catalog(schemas: components, preserveUnknownFields: preserveUnknownFields)
        self = Self.resolve(root, catalog: catalog, preserveUnknownFields: preserveUnknownFields)
    }

    /// The schema named `name` in an OpenAPI v3 document (`components.schemas`) or swagger 2.0 document
    /// (`definitions`); `nil` when the document has no such schema.
    public init?(document: JSON, schemaName name: String) {
        let components = Self.components(of: document)
        guard components[name] != nil else { return nil }
        self.init(root: ["$ref": .string("#/components/schemas/" + name)], components: components)
    }

    /// The schema of a kind in a document: the one whose `x-kubernetes-group-version-kind` lists it.
    public init?(document: JSON, group: String, version: String, kind: String) {
        let components = Self.components(of: document)
        let name = components.first { _, schema in
            (schema["x-kubernetes-group-version-kind"]?.arrayValue ?? []).contains {
                $0["group"]?.stringValue ?? "" == group && $0["version"]?.stringValue == version
                    && $0["kind"]?.stringValue == kind
            }
        }?.key
        guard let name else { return nil }
        self.init(root: ["$ref": .string("#/components/schemas/" + name)], components: components)
    }

    private init(
        catalog: Catalog, node: JSONObject, preserveUnknownFields: Bool, mapOverride: ApplyMapType?, special: Special
    ) {
        self.catalog = catalog
        self.node = node
        self.preserveUnknownFields = preserveUnknownFields
        self.mapOverride = mapOverride
        self.special = special
    }

    private static func components(of document: JSON) -> [String: JSON] {
        let object = document["components"]?["schemas"]?.objectValue ?? document["definitions"]?.objectValue ?? [:]
        return Dictionary(object.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Follows a `$ref` (or `allOf: [{$ref}]`) to its named schema, or takes an inline schema as it is
    /// (`makeOpenAPIRef`).
    private static func resolve(_ schema: JSON, catalog: Catalog, preserveUnknownFields: Bool) -> Self {
        let object = schema.objectValue ?? [:]
        var reference = object["$ref"]?.stringValue
        if reference == nil, let allOf = object["allOf"]?.arrayValue, allOf.count == 1 {
            reference = allOf[0]["$ref"]?.stringValue
        }
        guard let reference else {
            let preserve = preserveUnknownFields || object["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
            return Self(
                catalog: catalog, node: object, preserveUnknownFields: preserve, mapOverride: nil, special: .none)
        }
        let name = String(reference.split(separator: "/").last ?? "")
        let override = mapType(object["x-kubernetes-map-type"])
        let special: Special =
            switch name {
            case "io.k8s.apimachinery.pkg.api.resource.Quantity": .quantity
            case "io.k8s.apimachinery.pkg.runtime.RawExtension": .rawExtension
            default: catalog.schemas[name] == nil ? .deduced : .none
            }
        // Named schemas are converted on their own, so a preserve-unknown-fields above does not reach them.
        let target = catalog.schemas[name]?.objectValue ?? [:]
        let preserve =
            catalog.preserveUnknownFields || target["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
        return Self(
            catalog: catalog, node: target, preserveUnknownFields: preserve, mapOverride: override, special: special)
    }

    private static func mapType(_ extensionValue: JSON?) -> ApplyMapType? {
        switch extensionValue?.stringValue {
        case "atomic": .atomic
        case "granular": .granular
        default: nil
        }
    }

    private var type: String {
        if let type = node["type"]?.stringValue { return type }
        return node["type"]?.arrayValue?.first?.stringValue ?? ""
    }

    // MARK: ApplySchema

    public var allowsScalar: Bool {
        switch special {
        case .quantity, .rawExtension, .deduced: return true
        case .none: return type != "object" && type != "array"
        }
    }

    public var mapType: ApplyMapType? {
        switch special {
        case .quantity: return nil
        case .rawExtension: return .atomic
        case .deduced: return .granular
        case .none:
            guard type == "object" || type == "" else { return nil }
            return mapOverride ?? Self.mapType(node["x-kubernetes-map-type"]) ?? .granular
        }
    }

    public var listType: ApplyListType? {
        switch special {
        case .quantity: return nil
        case .rawExtension, .deduced: return .atomic
        case .none:
            guard type == "array" || type == "" else { return nil }
            if mapOverride == .atomic && type == "array" { return .atomic }
            return Self.listType(node)
        }
    }

    /// `getListElementRelationship`.
    private static func listType(_ node: JSONObject) -> ApplyListType {
        switch node["x-kubernetes-list-type"]?.stringValue {
        case "set": return .set
        case "map":
            return .map(keys: (node["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue))
        case .some: return .atomic
        case nil: break
        }
        switch node["x-kubernetes-patch-strategy"]?.stringValue {
        case "merge", "merge,retainKeys":
            if let key = node["x-kubernetes-patch-merge-key"]?.stringValue { return .map(keys: [key]) }
            return .set
        default:
            return .atomic
        }
    }

    public func member(named name: String) -> ApplySchemaMember {
        guard special == .none else { return DeducedApplySchema().member(named: name) }
        if let property = node["properties"]?[name] {
            return ApplySchemaMember(
                schema: Self.resolve(property, catalog: catalog, preserveUnknownFields: preserveUnknownFields),
                isField: true, defaultValue: property["default"])
        }
        // Undeclared members (and members of a map) take `additionalProperties`; kube-openapi deduces them when
        // it is absent or `true` (and fails on the rest, which we deduce too).
        if case .object = node["additionalProperties"] {
            return ApplySchemaMember(
                schema: Self.resolve(
                    node["additionalProperties"]!, catalog: catalog, preserveUnknownFields: preserveUnknownFields),
                isField: false)
        }
        return ApplySchemaMember(schema: DeducedApplySchema(), isField: false)
    }

    public var items: any ApplySchema {
        switch special {
        case .quantity, .rawExtension, .deduced: return UntypedAtomicApplySchema()
        case .none:
            guard case .object = node["items"] else { return UntypedAtomicApplySchema() }
            return Self.resolve(node["items"]!, catalog: catalog, preserveUnknownFields: preserveUnknownFields)
        }
    }
}
