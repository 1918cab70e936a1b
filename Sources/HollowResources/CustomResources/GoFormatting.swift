import HollowModel

/// How Go prints values into the messages and table cells custom resources produce: `%q`, `%v` of a `float64`,
/// `encoding/json` of a decoded value. kube-apiserver's texts are built with these, so ours must be too.
enum GoFormat {
    /// `strconv.Quote`, as `%q` renders a string.
    static func quote(_ string: String) -> String {
        // FieldError renders string values with Go's quoting; reuse it rather than keep a second copy.
        String(FieldError.invalid("", .string(string), "").messageWithoutField.dropFirst(prefixLength))
    }
    private static let prefixLength = "Invalid value: ".count

    /// `%v` of a `float64`: shortest digits, in exponent form below 1e-4 and from 1e6 on (`1e+06`, `2.5e-05`).
    static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        if value == 0 { return value.sign == .minus ? "-0" : "0" }
        let (digits, point) = shortestDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 { return sign + exponentForm(digits, exponent, minimumDigits: 2) }
        return sign + fixedForm(digits, point)
    }

    /// A JSON number as Go's `encoding/json` writes a `float64`.
    static func jsonFloat(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        let (digits, point) = shortestDigits(magnitude)
        let sign = value < 0 ? "-" : ""
        if magnitude < 1e-6 || magnitude >= 1e21 {
            return sign + exponentForm(digits, point - 1, minimumDigits: 1)
        }
        return sign + fixedForm(digits, point)
    }

    /// `fmt.Sprint` of a value decoded from JSON: strings bare, numbers as Go prints `int64`/`float64`, composite
    /// values as JSON (the form kubectl's JSONPath printer uses for them).
    static func text(_ value: JSON) -> String {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): float(d)
        case .bool(let b): b ? "true" : "false"
        case .null: "<nil>"
        case .array, .object: json(value)
        }
    }

    /// `encoding/json.Marshal` of a decoded value: object keys sorted, `<`, `>`, `&` escaped.
    static func json(_ value: JSON) -> String {
        var text = ""
        writeJSON(value, to: &text)
        return text
    }

    private static func writeJSON(_ value: JSON, to text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let b): text += b ? "true" : "false"
        case .int(let i): text += String(i)
        case .double(let d): text += jsonFloat(d)
        case .string(let s): writeJSONString(s, to: &text)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                writeJSON(element, to: &text)
            }
            text += "]"
        case .object(let object):
            text += "{"
            for (index, member) in object.members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { text += "," }
                writeJSONString(member.key, to: &text)
                text += ":"
                writeJSON(member.value, to: &text)
            }
            text += "}"
        }
    }

    private static func writeJSONString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}": text += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 {
                    text += "\\u" + hex4(scalar.value)
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// The shortest decimal digits that round-trip `value` (positive, finite), and the position of the decimal
    /// point: `value == 0.d₁d₂… × 10^point`.
    static func shortestDigits(_ value: Double) -> (digits: [Character], point: Int) {
        // Swift's description is already the shortest round-tripping form; only its layout differs from Go's.
        let text = value.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let mantissa = parts[0]
        let exponent = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = Array(pieces[0])
        let fraction = pieces.count > 1 ? Array(pieces[1]) : []
        var digits = integer + fraction
        var point = integer.count + exponent
        while let first = digits.first, first == "0", digits.count > 1 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == "0", digits.count > 1 { digits.removeLast() }
        return (digits, point)
    }

    private static func exponentForm(_ digits: [Character], _ exponent: Int, minimumDigits: Int) -> String {
        var text = String(digits[0])
        if digits.count > 1 { text += "." + String(digits[1...]) }
        let magnitude = String(abs(exponent))
        text += (exponent < 0 ? "e-" : "e+") + String(repeating: "0", count: max(0, minimumDigits - magnitude.count))
        return text + magnitude
    }

    private static func fixedForm(_ digits: [Character], _ point: Int) -> String {
        if point <= 0 { return "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return String(digits) + String(repeating: "0", count: point - digits.count) }
        return String(digits[..<point]) + "." + String(digits[point...])
    }
}
