/// An RFC 6902 JSON patch (`application/json-patch+json`): operations applied in order, all or nothing.
///
/// Application follows gopkg.in/evanphx/json-patch.v4, which kube-apiserver uses, including its error messages
/// (`replace operation does not apply: doc is missing path: /metadata/labels/x: missing value`) and its extensions:
/// negative array indices count from the end, and `replace` of a missing object member adds it. It differs where
/// v4 would panic or silently do nothing: a pointer must be empty or start with `/`, `replace` of the whole
/// document with a scalar and `copy` from a missing member fail, and a missing `value` reads as null.
///
/// Work is bounded: at most `maximumOperations` operations, pointers at most `JSON.maximumDepth` tokens deep, no
/// result nested deeper than `JSON.maximumDepth`, and `copy` may add at most `copySizeLimit` bytes in total.
public struct JSONPatch: Sendable, Equatable {
    /// One operation. `op` is kept as sent: an unknown one fails when applied (`Unexpected kind: x`), as in v4.
    public struct Operation: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case add, remove, replace, move, copy, test
        }

        /// The `op` member; `"unknown"` when it was missing or not a string.
        public var op: String
        public var path: String?
        public var from: String?
        /// The `value` member; `nil` when absent (distinct from an explicit null).
        public var value: JSON?

        public init(op: String, path: String?, from: String? = nil, value: JSON? = nil) {
            self.op = op
            self.path = path
            self.from = from
            self.value = value
        }

        public var kind: Kind? { Kind(rawValue: op) }

        public static func add(_ path: String, _ value: JSON) -> Operation { Operation(op: "add", path: path, value: value) }
        public static func remove(_ path: String) -> Operation { Operation(op: "remove", path: path) }
        public static func replace(_ path: String, _ value: JSON) -> Operation {
            Operation(op: "replace", path: path, value: value)
        }
        public static func move(from: String, to path: String) -> Operation { Operation(op: "move", path: path, from: from) }
        public static func copy(from: String, to path: String) -> Operation { Operation(op: "copy", path: path, from: from) }
        public static func test(_ path: String, _ value: JSON) -> Operation { Operation(op: "test", path: path, value: value) }

        /// The operation as a patch document member.
        public var json: JSON {
            var object: JSONObject = ["op": .string(op)]
            if let path { object["path"] = .string(path) }
            if let from { object["from"] = .string(from) }
            if let value { object["value"] = value }
            return .object(object)
        }
    }

    /// kube-apiserver's limit on operations in one patch.
    public static let maximumOperations = 10_000
    /// kube-apiserver's default for the bytes `copy` operations may add (`JSONPatchMaxCopyBytes`, 3 MiB).
    public static let defaultCopySizeLimit = 3 * 1024 * 1024

    public var operations: [Operation]

    public init(operations: [Operation]) { self.operations = operations }

    /// Decodes a patch document: an array of operation objects (null is the empty patch, as Go decodes it).
    /// - Throws: `JSONPatchError` — a malformed document (400) or more than `maximumOperations` operations (413).
    public init(parsing json: JSON) throws(JSONPatchError) {
        let elements: [JSON]
        switch json {
        case .null: elements = []
        case .array(let array): elements = array
        default: throw JSONPatchError(.malformed, "json: cannot unmarshal \(json.goTypeName) into Go value of type jsonpatch.Patch")
        }
        try JSONPatch.checkCount(elements.count)
        var operations: [Operation] = []
        operations.reserveCapacity(elements.count)
        for element in elements {
            switch element {
            case .null:
                operations.append(Operation(op: "unknown", path: nil))
            case .object(let object):
                operations.append(
                    Operation(
                        op: object["op"]?.stringValue ?? "unknown", path: object["path"]?.stringValue,
                        from: object["from"]?.stringValue, value: object["value"]))
            default:
                throw JSONPatchError(
                    .malformed, "json: cannot unmarshal \(element.goTypeName) into Go value of type jsonpatch.Operation")
            }
        }
        self.operations = operations
    }

    /// Parses and decodes a patch body.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONPatchError) {
        let json: JSON
        do {
            json = try JSON(parsing: bytes)
        } catch {
            throw JSONPatchError(.malformed, error.description)
        }
        try self.init(parsing: json)
    }

    /// Parses and decodes patch text (a string literal parses as text, not as a JSON string).
    public init(parsing text: String) throws(JSONPatchError) {
        try self.init(parsing: Array(text.utf8))
    }

    /// The patch document.
    public var json: JSON { .array(operations.map(\.json)) }

    static func checkCount(_ count: Int) throws(JSONPatchError) {
        if count > maximumOperations {
            throw JSONPatchError(
                .tooManyOperations, "The allowed maximum operations in a JSON patch is \(maximumOperations), got \(count)")
        }
    }
}

extension JSON {
    /// Applies an RFC 6902 patch document (see `JSONPatch`).
    public func applyingJSONPatch(_ patch: JSON) throws(JSONPatchError) -> JSON {
        try JSONPatch(parsing: patch).apply(to: self)
    }

    /// Go's name for the JSON type in decoding errors.
    var goTypeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// Why a JSON patch was refused. `apiError` is the status kube-apiserver answers with: 400 for a malformed patch,
/// 413 for too many operations, and 422 when an operation does not apply (kube-apiserver then says only "the
/// server rejected our request due to an error in our request"; we keep the specific message).
public struct JSONPatchError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable {
        case malformed, tooManyOperations, doesNotApply
    }

    let code: Code
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// True when the patch itself could not be decoded.
    public var isMalformed: Bool { code == .malformed }
    /// True when the patch has more than `JSONPatch.maximumOperations` operations.
    public var isTooManyOperations: Bool { code == .tooManyOperations }

    public var apiError: APIError {
        switch code {
        case .malformed:
            return .badRequest(message)
        case .tooManyOperations:
            return APIError(code: 413, reason: .requestEntityTooLarge, message: "Request entity too large: " + message)
        case .doesNotApply:
            return APIError(code: 422, reason: .invalid, message: message)
        }
    }
}
