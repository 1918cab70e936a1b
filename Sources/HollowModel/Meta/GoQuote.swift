/// Go's `strconv.Quote`: the `%q` rendering apimachinery uses for string values in messages
/// (`Invalid value: "a\"b"`). Printable characters stay as they are; quotes, backslashes and the rest are escaped.
func goQuoted(_ string: String) -> String {
    var result = "\""
    for scalar in string.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\u{07}": result += "\\a"
        case "\u{08}": result += "\\b"
        case "\u{0C}": result += "\\f"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\u{0B}": result += "\\v"
        default:
            if isGoPrintable(scalar) {
                result.unicodeScalars.append(scalar)
            } else if scalar.value < 0x80 {
                result += "\\x" + hexDigits(scalar.value, width: 2)
            } else if scalar.value < 0x10000 {
                result += "\\u" + hexDigits(scalar.value, width: 4)
            } else {
                result += "\\U" + hexDigits(scalar.value, width: 8)
            }
        }
    }
    return result + "\""
}

/// Go's `unicode.IsPrint`: graphic characters and the ASCII space, but no other spaces, controls or formats.
private func isGoPrintable(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII { return scalar.value >= 0x20 && scalar.value < 0x7F }
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .spaceSeparator, .lineSeparator,
        .paragraphSeparator:
        return false
    default:
        return true
    }
}

private func hexDigits(_ value: UInt32, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}
