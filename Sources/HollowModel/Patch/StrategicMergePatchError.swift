/// A strategic merge patch that cannot be applied, with apimachinery's message for it.
///
/// `apiError` is what kube-apiserver answers (`interpretStrategicMergePatchError` in apiserver's
/// `endpoints/handlers/patch.go`): 400 BadRequest for a patch that is not an object and for malformed
/// `$deleteFromPrimitiveList`, `$retainKeys` and `$setElementOrder` directives; 422 Invalid for lists of lists
/// (kube-apiserver's message there is generic; we keep ours); anything else is a plain Go error, which the server renders as a 500 Status with an empty reason
/// (kubectl prints `Error from server: map: map[image:nginx] does not contain declared merge key: name`).
public struct StrategicMergePatchError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case badRequest
        case unprocessable
        case unknown
    }

    private let code: Code
    /// What went wrong, worded as apimachinery's `strategicpatch` and `mergepatch` packages word it.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The `Status` kube-apiserver answers a PATCH with when applying the patch fails this way.
    public var apiError: APIError {
        switch code {
        case .badRequest:
            return .badRequest(message)
        case .unprocessable:
            // kube-apiserver says only "the server rejected our request due to an error in our request" here;
            // like JSONPatchError, we keep the specific message.
            return APIError(code: 422, reason: .invalid, message: message, details: APIError.Details())
        case .unknown:
            return APIError(code: 500, reason: APIError.Reason(rawValue: ""), message: message)
        }
    }
}

// MARK: - The errors apimachinery raises

extension StrategicMergePatchError {
    /// The patch body is not a JSON object (kube-apiserver fails to decode it into a map).
    static func notAnObject(_ patch: JSON) -> Self {
        Self(.badRequest, "json: cannot unmarshal \(patch.goTypeName) into Go value of type map[string]interface {}")
    }

    static let badPrimitiveListFormat = Self(.badRequest, "invalid patch format of primitive list")
    static let badRetainKeysFormat = Self(.badRequest, "invalid patch format of retainKeys")
    static let badSetElementOrderFormat = Self(.badRequest, "invalid patch format of setElementOrder list")
    static let listOfLists = Self(.unprocessable, "lists of lists are not supported")

    static func noMergeKey(_ object: JSONObject, _ key: String) -> Self {
        Self(.unknown, "map: \(GoFormat.describe(.object(object))) does not contain declared merge key: \(key)")
    }

    /// `actual` where a list was required.
    static func expectedList(_ actual: JSON) -> Self {
        Self(.unknown, "expected a []interface {}, but received a \(GoFormat.typeName(actual))")
    }

    /// `actual` where an object was required.
    static func expectedMap(_ actual: JSON) -> Self {
        Self(.unknown, "expected a map[string]interface {}, but received a \(GoFormat.typeName(actual))")
    }

    static func unknownPatchType(_ directive: JSON, in object: JSONObject) -> Self {
        Self(.unknown, "unknown patch type: \(GoFormat.stringVerb(directive)) in map: \(GoFormat.describe(.object(object)))")
    }

    static func elementTypesDiffer(_ lists: [[JSON]]) -> Self {
        Self(.unknown, "list element types are not identical: \(GoFormat.describe(.array(lists.map(JSON.array))))")
    }

    static let noElements = Self(.unknown, "no elements in any of the given slices")

    static func notAMap(at index: Int) -> Self { Self(.unknown, "value for key \(index) is not a map") }

    /// A merging list of objects whose field declares no merge key (apiserver names the element kind, `struct`).
    static let noMergeKeyDeclared = Self(.unknown, "cannot merge lists without merge key for struct")

    static let listMergeDirective = Self(.unknown, "merging lists cannot yet be specified in the patch")

    static func unexpectedStrategy(_ strategies: [String]) -> Self {
        Self(.unknown, "unexpected patch strategy: [\(strategies.joined(separator: " "))]")
    }

    static func orderMismatch(patchList: [JSON], order: [JSON]) -> Self {
        Self(
            .unknown,
            "The order in patch list:\n\(GoFormat.describe(.array(patchList)))\n doesn't match $setElementOrder list:\n"
                + "\(GoFormat.describe(.array(order)))\n")
    }
}

// MARK: - Go's fmt renderings, for messages that match kube-apiserver's

/// Go's `fmt` renderings of decoded JSON, for messages that read as kube-apiserver's.
private enum GoFormat {
    /// The Go type `encoding/json` decodes this value to, as `reflect.Type` prints it (numbers as apiserver's
    /// int-preserving decoder leaves them).
    static func typeName(_ value: JSON) -> String { value.goDecodedTypeName }

    /// The decoded value as `fmt`'s `%v` prints it: `map[a:1 b:[x y]]`, keys sorted, strings unquoted.
    static func describe(_ value: JSON) -> String {
        switch value {
        case .null: "<nil>"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .double(let d): float(d)
        case .string(let s): s
        case .array(let elements): "[" + elements.map(describe).joined(separator: " ") + "]"
        case .object(let object):
            "map[" + sorted(object).map { "\($0.key):\(describe($0.value))" }.joined(separator: " ") + "]"
        }
    }

    /// The decoded value as `fmt`'s `%s` prints it: strings as they are, anything else as `%!s(type=value)`.
    static func stringVerb(_ value: JSON) -> String {
        switch value {
        case .string(let s): s
        case .null: "%!s(<nil>)"
        case .bool, .int, .double: "%!s(\(typeName(value))=\(describe(value)))"
        case .array(let elements): "[" + elements.map(stringVerb).joined(separator: " ") + "]"
        case .object(let object):
            "map[" + sorted(object).map { "\($0.key):\(stringVerb($0.value))" }.joined(separator: " ") + "]"
        }
    }

    /// Members in the order Go's `fmt` prints map keys: by bytes.
    private static func sorted(_ object: JSONObject) -> [JSONObject.Member] {
        object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// `strconv.FormatFloat(d, 'g', -1, 64)`, which `%v` uses: shortest digits, exponent form below 1e-4 and from
    /// 1e6 (`1e+06`, `1.5e-05`).
    static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        // Swift's description is also the shortest round-tripping form; take its digits and decimal exponent.
        let text = abs(value).description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let integerDigits = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) }
            ?? mantissa.count
        var digits = Array(mantissa.filter { $0 != "." })
        var point = integerDigits + exponent  // digits before the decimal point
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        let sign = value < 0 ? "-" : ""
        let decimalExponent = point - 1
        if decimalExponent < -4 || decimalExponent >= 6 {
            let rest = digits.dropFirst()
            let magnitude = abs(decimalExponent)
            return sign + String(digits[0]) + (rest.isEmpty ? "" : "." + String(rest)) + "e"
                + (decimalExponent < 0 ? "-" : "+") + (magnitude < 10 ? "0" : "") + String(magnitude)
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }
}
