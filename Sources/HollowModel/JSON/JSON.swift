/// A JSON document held as a value: the unstructured form in which the API server reads, patches and stores objects.
///
/// Objects keep their members in insertion order, so an object written and read back keeps the client's key order
/// (kube-apiserver keeps Go struct order for built-in types; we keep the order we were given). Integers that fit
/// `Int64` stay integers, so `resourceVersion`-style counters and `replicas` round-trip exactly.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object(JSONObject)
}

/// An ordered JSON object. Lookups are linear, which beats hashing for the small objects Kubernetes resources are
/// made of; equality ignores member order, as JSON's does.
public struct JSONObject: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSON
        public init(key: String, value: JSON) {
            self.key = key
            self.value = value
        }
    }

    public private(set) var members: [Member]

    public init() { members = [] }
    public init(members: [Member]) { self.members = members }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        members = elements.map { Member(key: $0.0, value: $0.1) }
    }
    public init(_ pairs: [(String, JSON)]) {
        members = pairs.map { Member(key: $0.0, value: $0.1) }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public subscript(key: String) -> JSON? {
        get {
            for member in members where member.key == key { return member.value }
            return nil
        }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        guard let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        return members.remove(at: index).value
    }

    /// Changes each member's value in place, in order (no copy of the members when this object is uniquely held).
    public mutating func updateValues(_ body: (_ key: String, _ value: inout JSON) -> Void) {
        for index in members.indices {
            let key = members[index].key
            body(key, &members[index].value)
        }
    }

    /// Changes the value of member `key` in place, adding it with `defaultValue` first when missing.
    public mutating func updateValue(forKey key: String, default defaultValue: JSON, _ body: (inout JSON) -> Void) {
        if let index = members.firstIndex(where: { $0.key == key }) {
            body(&members[index].value)
        } else {
            var value = defaultValue
            body(&value)
            members.append(Member(key: key, value: value))
        }
    }

    /// Removes the members `shouldRemove` picks, keeping the others in order.
    public mutating func removeMembers(where shouldRemove: (Member) -> Bool) {
        members.removeAll(where: shouldRemove)
    }

    public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        // Members are usually in the same order: compare pairwise, and look keys up only where the orders differ.
        for (left, right) in zip(lhs.members, rhs.members) {
            if left.key == right.key {
                if left.value != right.value { return false }
            } else if rhs[left.key] != left.value {
                return false
            }
        }
        return true
    }
}

// MARK: - Literals

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(JSONObject(members: elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
    public init(nilLiteral: ()) { self = .null }
    public init(floatLiteral value: Double) { self = .double(value) }
}

// MARK: - Access

extension JSON {
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    public var arrayValue: [JSON]? { if case .array(let a) = self { return a } else { return nil } }
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// Runs `body` on this object in place: its members are not copied when only this value holds them. `nil`
    /// (and `body` not run) when this is not an object.
    @discardableResult
    public mutating func withObject<Result>(_ body: (inout JSONObject) -> Result) -> Result? {
        guard case .object(var object) = self else { return nil }
        self = .null
        defer { self = .object(object) }
        return body(&object)
    }

    /// Runs `body` on this array's elements in place; `nil` (and `body` not run) when this is not an array.
    @discardableResult
    public mutating func withArray<Result>(_ body: (inout [JSON]) -> Result) -> Result? {
        guard case .array(var elements) = self else { return nil }
        self = .null
        defer { self = .array(elements) }
        return body(&elements)
    }

    /// The value as an integer: an `.int`, or a `.double` with no fractional part.
    public var intValue: Int64? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.2e18: return Int64(d)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The JSON type name used in validation messages ("string", "object", …).
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int: "integer"
        case .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// Member of an object; `nil` when this is not an object or has no such member. Setting on a non-object
    /// turns it into an object.
    public subscript(key: String) -> JSON? {
        get { objectValue?[key] }
        set {
            if withObject({ $0[key] = newValue }) == nil {
                var object = JSONObject()
                object[key] = newValue
                self = .object(object)
            }
        }
    }

    /// Follows a path of object keys, e.g. `["metadata", "name"]`.
    public subscript(path path: [String]) -> JSON? {
        get {
            var current: JSON? = self
            for key in path { current = current?[key] }
            return current
        }
        set {
            guard let first = path.first else {
                self = newValue ?? .null
                return
            }
            setValue(newValue, first: first, rest: path.dropFirst())
        }
    }

    /// `self[path: [first] + rest] = newValue`, in place: intermediate objects are changed where they are, not
    /// copied and put back. Missing (or non-object) intermediates become objects, even when removing.
    private mutating func setValue(_ newValue: JSON?, first: String, rest: ArraySlice<String>) {
        guard let next = rest.first else {
            self[first] = newValue
            return
        }
        if objectValue == nil { self = .object(JSONObject()) }
        withObject { object in
            object.updateValue(forKey: first, default: .object(JSONObject())) { child in
                if child.objectValue == nil { child = .object(JSONObject()) }
                child.setValue(newValue, first: next, rest: rest.dropFirst())
            }
        }
    }
}
