/// A path to one field of an object, as structured-merge-diff names it (`fieldpath.Path`): struct and map members
/// by name, associative-list items by their key fields, set items by value, atomic-list positions by index.
///
/// `description` renders the path as kube-apiserver does in conflict messages: `.spec.containers[name="web"].image`.
public struct FieldPath: Sendable, Equatable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step of a path (`fieldpath.PathElement`).
    public enum Element: Sendable, Comparable, CustomStringConvertible {
        /// A struct field or map key: `f:name`.
        case field(String)
        /// An associative-list item, by its key fields sorted by name: `k:{"name":"c"}`.
        case key([KeyField])
        /// A set item, by value: `v:"a"`.
        case value(JSON)
        /// A list position: `i:0`.
        case index(Int)
    }

    /// One key field of an associative-list item.
    public struct KeyField: Sendable, Equatable {
        public var name: String
        public var value: JSON
        public init(name: String, value: JSON) {
            self.name = name
            self.value = value
        }
        public static func == (lhs: KeyField, rhs: KeyField) -> Bool {
            lhs.name == rhs.name && compareJSON(lhs.value, rhs.value) == 0
        }
    }

    public var elements: [Element]

    public init(_ elements: [Element]) { self.elements = elements }
    public init(arrayLiteral elements: Element...) { self.elements = elements }

    /// A path of field names only: `FieldPath(fields: "data", "a")`.
    public init(fields: String...) { elements = fields.map(Element.field) }

    public var description: String { elements.map(\.description).joined() }

    func appending(_ element: Element) -> FieldPath { FieldPath(elements + [element]) }
}

extension FieldPath.Element: ExpressibleByStringLiteral {
    /// A field name.
    public init(stringLiteral value: String) { self = .field(value) }

    /// An associative-list item keyed by `fields`, sorted by name as structured-merge-diff keeps them.
    public static func keyed(_ fields: KeyValuePairs<String, JSON>) -> Self {
        .key(sortedKeyFields(fields.map { FieldPath.KeyField(name: $0.key, value: $0.value) }))
    }

    /// Total order of structured-merge-diff (`PathElement.Compare`): fields, then keys, then values, then indices.
    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        switch (lhs, rhs) {
        case (.field(let a), .field(let b)): return compareBytes(a, b)
        case (.key(let a), .key(let b)):
            for (x, y) in zip(a, b) {
                let names = compareBytes(x.name, y.name)
                if names != 0 { return names }
                let values = compareJSON(x.value, y.value)
                if values != 0 { return values }
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        case (.value(let a), .value(let b)): return compareJSON(a, b)
        case (.index(let a), .index(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        default: return lhs.rank < rhs.rank ? -1 : 1
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }
    public static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }

    private var rank: Int {
        switch self {
        case .field: 0
        case .key: 1
        case .value: 2
        case .index: 3
        }
    }

    /// `.name`, `[name="c",port=80]`, `[="a"]`, `[0]` (`PathElement.String`).
    public var description: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields):
            return "[" + fields.map { "\($0.name)=\(goValueString($0.value))" }.joined(separator: ",") + "]"
        case .value(let value): return "[=\(goValueString(value))]"
        case .index(let index): return "[\(index)]"
        }
    }

    /// The `fieldsV1` key for this element: `f:name`, `k:{"name":"c"}`, `v:"a"`, `i:0`.
    public var serialized: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let fields):
            let object = JSON.object(JSONObject(fields.map { ($0.name, $0.value) }))
            return "k:" + goJSONString(object)
        case .value(let value): return "v:" + goJSONString(value)
        case .index(let index): return "i:\(index)"
        }
    }

    /// Reads a `fieldsV1` key (`DeserializePathElement`); `nil` for an unknown element type, which readers skip.
    /// - Throws: `ServerSideApplyError` for a malformed element.
    public init?(serialized text: String) throws(ServerSideApplyError) {
        let utf8 = text.utf8
        guard utf8.count >= 2 else { throw .invalidFields("key must be 2 characters long: \(text)") }
        let kind = utf8[utf8.startIndex]
        guard utf8[utf8.index(after: utf8.startIndex)] == UInt8(ascii: ":") else {
            throw .invalidFields("missing colon: \(text)")
        }
        // The first two bytes are ASCII, so what follows starts on a scalar boundary.
        let body = String(Substring(utf8.dropFirst(2)))
        switch kind {
        case UInt8(ascii: "f"):
            self = .field(body)
        case UInt8(ascii: "v"):
            do { self = .value(try JSON(parsing: body)) } catch { throw .invalidFields("\(text): \(error)") }
        case UInt8(ascii: "k"):
            let parsed: JSON
            do { parsed = try JSON(parsing: body) } catch { throw .invalidFields("\(text): \(error)") }
            guard let object = parsed.objectValue else { throw .invalidFields("\(text): expected a JSON object") }
            self = .key(sortedKeyFields(object.map { FieldPath.KeyField(name: $0.key, value: $0.value) }))
        case UInt8(ascii: "i"):
            guard let index = Int(body) else { throw .invalidFields("\(text): invalid index") }
            self = .index(index)
        default:
            return nil
        }
    }
}

extension FieldPath.Element {
    /// Equal as written: strings byte for byte, JSON values by `JSON.isIdentical(to:)`.
    func isIdentical(to other: FieldPath.Element) -> Bool {
        switch (self, other) {
        case (.field(let a), .field(let b)): return sameUTF8(a, b)
        case (.key(let a), .key(let b)):
            return a.count == b.count
                && zip(a, b).allSatisfy { sameUTF8($0.name, $1.name) && $0.value.isIdentical(to: $1.value) }
        case (.value(let a), .value(let b)): return a.isIdentical(to: b)
        case (.index(let a), .index(let b)): return a == b
        default: return false
        }
    }
}

func sortedKeyFields(_ fields: [FieldPath.KeyField]) -> [FieldPath.KeyField] {
    // Stable, as Go's sort.SliceStable: duplicate names keep their order.
    fields.enumerated().sorted { a, b in
        let c = compareBytes(a.element.name, b.element.name)
        return c != 0 ? c < 0 : a.offset < b.offset
    }.map(\.element)
}

// MARK: - Go's orderings and renderings

/// Go's `strings.Compare`: byte-wise over UTF-8.
func compareBytes(_ a: String, _ b: String) -> Int {
    if a == b { return 0 }
    return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
}

/// structured-merge-diff's `value.Compare`: numbers (compared numerically), then strings, booleans, lists, maps,
/// and null last.
func compareJSON(_ lhs: JSON, _ rhs: JSON) -> Int {
    func rank(_ value: JSON) -> Int {
        switch value {
        case .int, .double: 0
        case .string: 1
        case .bool: 2
        case .array: 3
        case .object: 4
        case .null: 5
        }
    }
    switch (lhs, rhs) {
    case (.int(let a), .int(let b)): return a == b ? 0 : (a < b ? -1 : 1)
    case (.int, .double), (.double, .int), (.double, .double):
        let a = lhs.doubleValue!
        let b = rhs.doubleValue!
        return a == b ? 0 : (a < b ? -1 : 1)
    case (.string(let a), .string(let b)): return compareBytes(a, b)
    case (.bool(let a), .bool(let b)): return a == b ? 0 : (a ? 1 : -1)
    case (.array(let a), .array(let b)):
        for (x, y) in zip(a, b) {
            let c = compareJSON(x, y)
            if c != 0 { return c }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    case (.object(let a), .object(let b)):
        // MapCompare: walk the union of keys in lexical order.
        let keys = Set(a.keys).union(b.keys).sorted { compareBytes($0, $1) < 0 }
        for (index, key) in keys.enumerated() {
            if index == a.count { return -1 }
            if index == b.count { return 1 }
            guard let x = a[key] else { return 1 }
            guard let y = b[key] else { return -1 }
            let c = compareJSON(x, y)
            if c != 0 { return c }
        }
        return 0
    case (.null, .null): return 0
    default: return rank(lhs) < rank(rhs) ? -1 : 1
    }
}

/// structured-merge-diff's `value.ToString`: Go `%q` for strings, `%v` for the rest.
func goValueString(_ value: JSON) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .double(let d):
        return d.rounded() == d && abs(d) < 9e18 ? String(Int64(d)) : d.description
    case .string(let s): return goQuoted(s)
    case .array(let items): return "[" + items.map(goValueString).joined(separator: ",") + "]"
    case .object(let object): return object.map { "\($0.key)=\(goValueString($0.value))" }.joined()
    }
}

/// JSON as Go's `encoding/json` writes it: map keys sorted, and `<`, `>`, `&`, U+2028, U+2029 escaped.
func goJSONString(_ value: JSON, sortKeys: Bool = true) -> String {
    func sorted(_ value: JSON) -> JSON {
        switch value {
        case .array(let items): return .array(items.map(sorted))
        case .object(let object):
            let members = object.members.sorted { compareBytes($0.key, $1.key) < 0 }
            return .object(JSONObject(members: members.map { .init(key: $0.key, value: sorted($0.value)) }))
        default: return value
        }
    }
    let serialized = (sortKeys ? sorted(value) : value).serializedString
    // Usually there is nothing to escape (U+2028 and U+2029 both start with the byte 0xE2).
    if !serialized.utf8.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 }) {
        return serialized
    }
    var text = ""
    for scalar in serialized.unicodeScalars {
        switch scalar {
        case "<": text += "\\u003c"
        case ">": text += "\\u003e"
        case "&": text += "\\u0026"
        case "\u{2028}": text += "\\u2028"
        case "\u{2029}": text += "\\u2029"
        default: text.unicodeScalars.append(scalar)
        }
    }
    return text
}
