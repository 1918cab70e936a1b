/// One invalid field, rendered as apimachinery's `field.Error` renders it
/// (`metadata.name: Invalid value: "X": a lowercase RFC 1123 subdomain …`).
public struct FieldError: Sendable, Equatable, Error, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case duplicate = "FieldValueDuplicate"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case typeInvalid = "FieldValueTypeInvalid"
        case notFound = "FieldValueNotFound"

        var phrase: String {
            switch self {
            case .required: "Required value"
            case .invalid: "Invalid value"
            case .notSupported: "Unsupported value"
            case .duplicate: "Duplicate value"
            case .forbidden: "Forbidden"
            case .tooLong: "Too long"
            case .tooMany: "Too many"
            case .typeInvalid: "Invalid value"
            case .notFound: "Not found"
            }
        }
    }

    public var kind: Kind
    /// The field path, e.g. `metadata.labels` or `spec.containers[0].name`.
    public var field: String
    /// The offending value, rendered into the message where the kind shows one.
    public var value: JSON?
    public var detail: String

    public init(_ kind: Kind, field: String, value: JSON? = nil, detail: String = "") {
        self.kind = kind
        self.field = field
        self.value = value
        self.detail = detail
    }

    public static func required(_ field: String, _ detail: String = "") -> FieldError {
        FieldError(.required, field: field, detail: detail)
    }
    public static func invalid(_ field: String, _ value: JSON, _ detail: String) -> FieldError {
        FieldError(.invalid, field: field, value: value, detail: detail)
    }
    public static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(.forbidden, field: field, detail: detail)
    }
    public static func notSupported(_ field: String, _ value: JSON, supported: [String]) -> FieldError {
        FieldError(
            .notSupported, field: field, value: value,
            detail: "supported values: " + supported.map { "\"\($0)\"" }.joined(separator: ", "))
    }
    public static func duplicate(_ field: String, _ value: JSON) -> FieldError {
        FieldError(.duplicate, field: field, value: value)
    }
    public static func tooLong(_ field: String, maximum: Int) -> FieldError {
        FieldError(.tooLong, field: field, detail: "may not be more than \(maximum) bytes")
    }
    public static func typeInvalid(_ field: String, _ value: JSON, _ detail: String) -> FieldError {
        FieldError(.typeInvalid, field: field, value: value, detail: detail)
    }

    /// The error without the field path, as it goes into a `StatusCause.message`.
    public var messageWithoutField: String {
        var text = kind.phrase
        switch kind {
        case .invalid, .notSupported, .duplicate, .typeInvalid, .notFound:
            if let value { text += ": " + FieldError.render(value) }
        default: break
        }
        if !detail.isEmpty { text += ": " + detail }
        return text
    }

    public var description: String { field.isEmpty ? messageWithoutField : "\(field): \(messageWithoutField)" }

    static func render(_ value: JSON) -> String {
        switch value {
        case .string(let s): return goQuoted(s)
        case .null: return "null"
        default: return value.serializedString
        }
    }
}
