/// A label or field selector that cannot be parsed or built, with the message kube-apiserver gives
/// (`unable to parse requirement: …`, `found ',', expected: identifier after ','`,
/// `invalid field selector: invalid escape sequence: \a`). The server answers it as 400 Bad Request.
public struct SelectorError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }

    /// The 400 Bad Request the server answers with.
    public var apiError: APIError { .badRequest(message) }
}
