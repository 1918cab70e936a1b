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
/// The schema is compiled when it is made: every node reachable from the root is resolved once into a table
/// (named schemas once each, so recursive schemas are fine), and a node is an index into it. Server-side apply asks
/// for members, items and merge types at every field of every object it compares, so those answers are lookups.
public struct OpenAPIApplySchema: ApplySchema {
    private enum Special: Sendable {
        case none
        /// `resource.Quantity`: a scalar, whatever its schema says.
        case quantity
        /// `runtime.RawExtension`: anything, atomic.
        case rawExtension
        /// A reference to a schema the document lacks.
        case deduced
    }

    /// One resolved schema: the answers of the `ApplySchema` requirements.
    fileprivate struct Node: Sendable {
        var allowsScalar = true
        var mapType: ApplyMapType?
        var listType: ApplyListType?
        /// Members are deduced (the special schemas), whatever the tables below say.
        var deducesMembers = false
        /// Declared `properties`: each one's node and `default`.
        var properties: [String: (node: Int, defaultValue: JSON?)] = [:]
        /// `additionalProperties`, when it is a schema.
        var additionalProperties: Int?
        /// `items`, when it is a schema; otherwise items are untyped and atomic.
        var items: Int?
    }

    /// Every node of one compiled schema; nodes refer to each other by index.
    fileprivate final class Table: Sendable {
        let nodes: [Node]
        init(nodes: [Node]) { self.nodes = nodes }
    }

    private let table: Table
    private let index: Int

    /// The schema of `root`, whose `$ref`s name members of `components` (keys are schema names, as in
    /// `components.schemas`).
    /// - Parameter preserveUnknownFields: deduce undeclared members everywhere (a custom resource with
    ///   `preserveUnknownFields: true`).
    public init(root: JSON, components: [String: JSON] = [:], preserveUnknownFields: Bool = false) {
        var compiler = Compiler(schemas: components, preserveUnknownFields: preserveUnknownFields)
        index = compiler.compile(root, preserveUnknownFields: preserveUnknownFields)
        table = Table(nodes: compiler.nodes)
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

    private init(table: Table, index: Int) {
        self.table = table
        self.index = index
    }

    private static func components(of document: JSON) -> [String: JSON] {
        let object = document["components"]?["schemas"]?.objectValue ?? document["definitions"]?.objectValue ?? [:]
        return Dictionary(object.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    /// Resolves schemas into nodes, each named schema (with its map-type override) once.
    private struct Compiler {
        let schemas: [String: JSON]
        let preserveUnknownFields: Bool
        var nodes: [Node] = []
        var named: [String: Int] = [:]

        init(schemas: [String: JSON], preserveUnknownFields: Bool) {
            self.schemas = schemas
            self.preserveUnknownFields = preserveUnknownFields
        }

        /// Follows a `$ref` (or `allOf: [{$ref}]`) to its named schema, or takes an inline schema as it is
        /// (`makeOpenAPIRef`).
        mutating func compile(_ schema: JSON, preserveUnknownFields inherited: Bool) -> Int {
            let object = schema.objectValue ?? [:]
            var reference = object["$ref"]?.stringValue
            if reference == nil, let allOf = object["allOf"]?.arrayValue, allOf.count == 1 {
                reference = allOf[0]["$ref"]?.stringValue
            }
            guard let reference else {
                let preserve = inherited || object["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
                return compileNode(object, preserveUnknownFields: preserve, mapOverride: nil, special: .none, key: nil)
            }
            let name = String(reference.split(separator: "/").last ?? "")
            let override = mapType(object["x-kubernetes-map-type"])
            let special: Special =
                switch name {
                case "io.k8s.apimachinery.pkg.api.resource.Quantity": .quantity
                case "io.k8s.apimachinery.pkg.runtime.RawExtension": .rawExtension
                default: schemas[name] == nil ? .deduced : .none
                }
            // Named schemas are converted on their own, so a preserve-unknown-fields above does not reach them.
            let target = schemas[name]?.objectValue ?? [:]
            let preserve = preserveUnknownFields || target["x-kubernetes-preserve-unknown-fields"]?.boolValue == true
            let key = "\(name) \(override.map { "\($0)" } ?? "")"
            if let existing = named[key] { return existing }
            return compileNode(target, preserveUnknownFields: preserve, mapOverride: override, special: special, key: key)
        }

        private mutating func compileNode(
            _ node: JSONObject, preserveUnknownFields preserve: Bool, mapOverride: ApplyMapType?, special: Special,
            key: String?
        ) -> Int {
            let index = nodes.count
            nodes.append(Node())
            if let key { named[key] = index }
            var compiled = Node()
            let type = node["type"]?.stringValue ?? node["type"]?.arrayValue?.first?.stringValue ?? ""
            switch special {
            case .quantity:
                compiled.allowsScalar = true
                compiled.deducesMembers = true
            case .rawExtension:
                compiled.mapType = .atomic
                compiled.listType = .atomic
                compiled.deducesMembers = true
            case .deduced:
                compiled.mapType = .granular
                compiled.listType = .atomic
                compiled.deducesMembers = true
            case .none:
                compiled.allowsScalar = type != "object" && type != "array"
                if type == "object" || type == "" {
                    compiled.mapType = mapOverride ?? mapType(node["x-kubernetes-map-type"]) ?? .granular
                }
                if type == "array" || type == "" {
                    compiled.listType = mapOverride == .atomic && type == "array" ? .atomic : listType(node)
                }
                if let properties = node["properties"]?.objectValue {
                    for member in properties where compiled.properties[member.key] == nil {
                        let child = compile(member.value, preserveUnknownFields: preserve)
                        compiled.properties[member.key] = (child, member.value["default"])
                    }
                }
                if case .object = node["additionalProperties"] {
                    compiled.additionalProperties = compile(node["additionalProperties"]!, preserveUnknownFields: preserve)
                }
                if case .object = node["items"] {
                    compiled.items = compile(node["items"]!, preserveUnknownFields: preserve)
                }
            }
            nodes[index] = compiled
            return index
        }

        private func mapType(_ extensionValue: JSON?) -> ApplyMapType? {
            switch extensionValue?.stringValue {
            case "atomic": .atomic
            case "granular": .granular
            default: nil
            }
        }

        /// `getListElementRelationship`.
        private func listType(_ node: JSONObject) -> ApplyListType {
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
    }

    // MARK: ApplySchema

    private var node: Node { table.nodes[index] }

    public var allowsScalar: Bool { node.allowsScalar }

    public var mapType: ApplyMapType? { node.mapType }

    public var listType: ApplyListType? { node.listType }

    public func member(named name: String) -> ApplySchemaMember {
        let node = self.node
        if node.deducesMembers { return DeducedApplySchema().member(named: name) }
        if let property = node.properties[name] {
            return ApplySchemaMember(
                schema: OpenAPIApplySchema(table: table, index: property.node), isField: true,
                defaultValue: property.defaultValue)
        }
        // Undeclared members (and members of a map) take `additionalProperties`; kube-openapi deduces them when
        // it is absent or `true` (and fails on the rest, which we deduce too).
        if let additional = node.additionalProperties {
            return ApplySchemaMember(schema: OpenAPIApplySchema(table: table, index: additional), isField: false)
        }
        return ApplySchemaMember(schema: DeducedApplySchema(), isField: false)
    }

    public var items: any ApplySchema {
        let node = self.node
        guard !node.deducesMembers, let items = node.items else { return UntypedAtomicApplySchema() }
        return OpenAPIApplySchema(table: table, index: items)
    }
}
