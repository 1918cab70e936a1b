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
