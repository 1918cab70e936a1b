/// The type information server-side apply needs at one node of an object (structured-merge-diff's `schema.Atom`):
/// which shapes a value may take here, how a list merges, how a map merges, and the schemas one level down.
///
/// A node may allow several shapes (an untyped or int-or-string node allows all three); the value present picks
/// one. A value whose shape the schema does not allow is treated as an atomic leaf. Implementations resolve
/// lazily, so recursive schemas (`JSONSchemaProps`) cost nothing until an object goes that deep.
public protocol ApplySchema: Sendable {
    /// Whether a scalar (string, number, boolean) may appear here.
    var allowsScalar: Bool { get }
    /// How an object here merges; `nil` when an object may not appear here.
    var mapType: ApplyMapType? { get }
    /// How a list here merges; `nil` when a list may not appear here.
    var listType: ApplyListType? { get }
    /// The schema of member `name` of an object here. Members the schema does not declare are deduced.
    func member(named name: String) -> ApplySchemaMember
    /// The schema of the items of a list here.
    var items: any ApplySchema { get }
}

/// How an object merges (`x-kubernetes-map-type`).
public enum ApplyMapType: Sendable, Equatable {
    /// Member by member; each member is owned on its own (the default).
    case granular
    /// As a whole: replaced, and owned as one field.
    case atomic
}

/// How a list merges (`x-kubernetes-list-type`, or `x-kubernetes-patch-strategy: merge` with
/// `x-kubernetes-patch-merge-key` for built-in types).
public enum ApplyListType: Sendable, Equatable {
    /// As a whole: replaced, and owned as one field (the default).
    case atomic
    /// Scalars, unique, merged by value: `v:"a"`.
    case set
    /// Objects merged by their key fields: `k:{"name":"c"}`.
    case map(keys: [String])
}

/// A member of an object as the schema knows it.
public struct ApplySchemaMember: Sendable {
    public var schema: any ApplySchema
    /// `true` for a declared field of a struct, `false` for a key of a map (or an undeclared member). A map key is
    /// owned as a field in its own right; a struct field holding an object or list is owned through its contents.
    public var isField: Bool
    /// The schema's `default`, used for associative-list key fields an item omits.
    public var defaultValue: JSON?

    public init(schema: any ApplySchema, isField: Bool, defaultValue: JSON? = nil) {
        self.schema = schema
        self.isField = isField
        self.defaultValue = defaultValue
    }
}

/// The schema of data without one (structured-merge-diff's `DeducedParseableType`, kube-openapi's
/// `__untyped_deduced_`): objects are granular maps all the way down, lists are atomic, scalars are leaves.
public struct DeducedApplySchema: ApplySchema {
    public init() {}
    public var allowsScalar: Bool { true }
    public var mapType: ApplyMapType? { .granular }
    public var listType: ApplyListType? { .atomic }
    public func member(named name: String) -> ApplySchemaMember {
        ApplySchemaMember(schema: DeducedApplySchema(), isField: false)
    }
    public var items: any ApplySchema { UntypedAtomicApplySchema() }
}

/// Anything, owned as a whole (kube-openapi's `__untyped_atomic_`: `RawExtension`, items of untyped lists).
public struct UntypedAtomicApplySchema: ApplySchema {
    public init() {}
    public var allowsScalar: Bool { true }
    public var mapType: ApplyMapType? { .atomic }
    public var listType: ApplyListType? { .atomic }
    public func member(named name: String) -> ApplySchemaMember {
        ApplySchemaMember(schema: UntypedAtomicApplySchema(), isField: false)
    }
    public var items: any ApplySchema { UntypedAtomicApplySchema() }
}

// MARK: - How a value is handled at a node

/// The handler structured-merge-diff picks for a value at a node (`deduceAtom` then `handleAtom`).
enum NodeKind: Equatable {
    case leaf
    case map(ApplyMapType)
    case list(ApplyListType)

    init(_ value: JSON, _ schema: any ApplySchema) {
        switch value {
        case .object: self = schema.mapType.map(NodeKind.map) ?? .leaf
        case .array: self = schema.listType.map(NodeKind.list) ?? .leaf
        case .null:
            // Null takes whatever shape the schema allows, maps first (`handleAtom`'s order).
            if let mapType = schema.mapType {
                self = .map(mapType)
            } else if !schema.allowsScalar, let listType = schema.listType {
                self = .list(listType)
            } else {
                self = .leaf
            }
        default: self = .leaf
        }
    }
}

extension ApplySchema {
    /// The path element of `item` in a list of type `listType` here (`listItemToPathElement`).
    func pathElement(of item: JSON, listType: ApplyListType) throws(StructuredValueError) -> FieldPath.Element {
        func fail(_ reason: String) -> StructuredValueError { StructuredValueError(path: [], reason: reason) }
        switch listType {
        case .atomic:
            throw fail("invalid indexing of non-associative list")
        case .map(let keys) where !keys.isEmpty:
            guard !item.isNull else { throw fail("associative list with keys may not have a null element") }
            guard case .object(let object) = item else {
                throw fail("associative list with keys may not have non-map elements")
            }
            var fields: [FieldPath.KeyField] = []
            for key in keys {
                if let value = object[key] ?? items.member(named: key).defaultValue {
                    fields.append(FieldPath.KeyField(name: key, value: value))
                }
            }
            guard !fields.isEmpty else {
                let names = keys.map(goQuoted).joined(separator: " ")
                throw fail(
                    "associative list with keys has an element that omits all key fields [\(names)] "
                        + "(and doesn't have default values for any key fields)")
            }
            return .key(sortedKeyFields(fields))
        case .set, .map:
            switch item {
            case .object: throw fail("associative list without keys has an element that's a map type")
            case .array: throw fail("not supported: associative list with lists as elements")
            case .null: throw fail("associative list without keys has an element that's an explicit null")
            default: return .value(item)
            }
        }
    }
}
