/// Text that does not follow the Go syntax it is meant to (`strconv.ParseBool`, `time.ParseDuration`, RFC 3339
/// times), with Go's message (`strconv.ParseBool: parsing "maybe": invalid syntax`).
public struct GoParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }

    /// The 400 Bad Request kube-apiserver answers when a query parameter does not parse.
    public var apiError: APIError { .badRequest(message) }
}

/// Go's `strconv.ParseBool`, which kube-apiserver uses for boolean query parameters (`watch=True`, `watch=1`).
///
/// Accepts `1`, `t`, `T`, `TRUE`, `true`, `True` and `0`, `f`, `F`, `FALSE`, `false`, `False`.
/// - Throws: `GoParseError` `strconv.ParseBool: parsing "x": invalid syntax`.
public func parseGoBool(_ text: String) throws(GoParseError) -> Bool {
    switch text {
    case "1", "t", "T", "TRUE", "true", "True": return true
    case "0", "f", "F", "FALSE", "false", "False": return false
    default: throw GoParseError("strconv.ParseBool: parsing \(goQuoted(text)): invalid syntax")
    }
}

extension JSON {
    /// The Go type `encoding/json` decodes this value to, as `%T` prints it (numbers as apiserver's
    /// int-preserving decoder leaves them), for messages that read as kube-apiserver's.
    public var goDecodedTypeName: String {
        switch self {
        case .null: "<nil>"
        case .bool: "bool"
        case .int: "int64"
        case .double: "float64"
        case .string: "string"
        case .array: "[]interface {}"
        case .object: "map[string]interface {}"
        }
    }
}
