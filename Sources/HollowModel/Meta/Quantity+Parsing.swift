/// A quantity that does not parse, with apimachinery's message
/// (`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
/// `unable to parse quantity's suffix`) or, past what `Quantity` holds, `quantity is too large`.
public struct QuantityError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Code: Sendable, Equatable { case formatWrong, suffix, tooLarge }
    let code: Code

    public var message: String {
        switch code {
        case .formatWrong: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        case .suffix: "unable to parse quantity's suffix"
        case .tooLarge: "quantity is too large"
        }
    }

    public var description: String { message }
}

extension Quantity {
    /// Parses a quantity as `resource.ParseQuantity` does: an optional sign, digits with an optional fraction
    /// (`1.`, `.5` and even `.` are accepted), then a suffix: none, `n u m k M G T P E`, `Ki Mi Gi Ti Pi Ei`, or an
    /// exponent `e3`/`E-3`. The value is rounded up (away from zero) to a nano-unit; binary quantities are capped at
    /// 2^63-1 units, and ones below a unit switch to the decimal format. No white space is allowed.
    /// - Throws: `QuantityError`.
    public init(parsing text: String) throws(QuantityError) {
        if text.isEmpty { throw QuantityError(code: .formatWrong) }
        let parts = try QuantityText(text)
        guard let (base, exponent, format) = Quantity.interpretSuffix(parts.suffix) else {
            throw QuantityError(code: .suffix)
        }

        // value = digits × 10^(decimal shift) × 2^(binary shift), in nano-units (nine more decimal places).
        var digits = Substring(parts.whole + parts.fraction).drop { $0 == "0" }
        var decimalShift = Int(base == 10 ? exponent : 0) - parts.fraction.count + 9
        // Past 60 significant digits the rest can only round the value up (or it is out of range anyway).
        var inexact = false
        if digits.count > 60 {
            let dropped = digits.dropFirst(60)
            inexact = dropped.contains { $0 != "0" }
            decimalShift += dropped.count
            digits = digits.prefix(60)
        }
        var magnitude = DecimalDigits(digits)
        if base == 2 { magnitude.multiply(byPowerOfTwo: Int(exponent)) }
        if magnitude.isZero {
            self.init(nanoUnits: 0, format: format)
            return
        }
        var nanos: Int128?
        if decimalShift >= 0 {
            // An Int128 holds 39 digits: more before the point cannot fit.
            if magnitude.digitCount + decimalShift <= 40 {
                for _ in 0..<decimalShift { magnitude.multiply(by: 10) }
                nanos = magnitude.int128
            }
        } else {
            nanos = magnitude.dividingRoundingUp(byPowerOfTen: -decimalShift, inexact: inexact).int128
        }

        var finalFormat = format
        if format == .binarySI {
            let maximum = Int128(Int64.max) * Quantity.nanosPerUnit
            if nanos.map({ $0 > maximum }) ?? true { nanos = maximum }
            if let value = nanos, value < Quantity.nanosPerUnit { finalFormat = .decimalSI }
        }
        guard let nanos else { throw QuantityError(code: .tooLarge) }
        self.init(nanoUnits: parts.negative ? -nanos : nanos, format: finalFormat)
    }

    /// `(base, exponent, format)` for a suffix: `Ki` is (2, 10), `m` (10, -3), `e6` (10, 6).
    static func interpretSuffix(_ suffix: Substring) -> (Int128, Int64, Format)? {
        switch suffix {
        case "": return (10, 0, .decimalSI)
        case "n": return (10, -9, .decimalSI)
        case "u": return (10, -6, .decimalSI)
        case "m": return (10, -3, .decimalSI)
        case "k": return (10, 3, .decimalSI)
        case "M": return (10, 6, .decimalSI)
        case "G": return (10, 9, .decimalSI)
        case "T": return (10, 12, .decimalSI)
        case "P": return (10, 15, .decimalSI)
        case "E": return (10, 18, .decimalSI)
        case "Ki": return (2, 10, .binarySI)
        case "Mi": return (2, 20, .binarySI)
        case "Gi": return (2, 30, .binarySI)
        case "Ti": return (2, 40, .binarySI)
        case "Pi": return (2, 50, .binarySI)
        case "Ei": return (2, 60, .binarySI)
        default:
            guard suffix.count > 1, suffix.first == "e" || suffix.first == "E",
                let exponent = Int64(suffix.dropFirst())
            else { return nil }
            // Beyond these bounds every non-zero value is out of range or rounds to one nano-unit anyway.
            return (10, min(max(exponent, -1000), 1000), .decimalExponent)
        }
    }
}

/// A quantity string split as apimachinery's `parseQuantityString` splits it.
private struct QuantityText {
    var negative = false
    /// Integer digits without leading zeros.
    var whole: Substring = ""
    var fraction: Substring = ""
    var suffix: Substring = ""

    init(_ text: String) throws(QuantityError) {
        let string = Substring(text)
        var index = string.startIndex
        func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
        if index < string.endIndex, string[index] == "-" || string[index] == "+" {
            negative = string[index] == "-"
            index = string.index(after: index)
        }
        while index < string.endIndex, string[index] == "0" { index = string.index(after: index) }
        let wholeStart = index
        while index < string.endIndex, isDigit(string[index]) { index = string.index(after: index) }
        whole = string[wholeStart..<index]
        if index < string.endIndex, string[index] == "." {
            index = string.index(after: index)
            let fractionStart = index
            while index < string.endIndex, isDigit(string[index]) { index = string.index(after: index) }
            fraction = string[fractionStart..<index]
        }
        let suffixStart = index
        while index < string.endIndex, "eEinumkKMGTP".contains(string[index]) { index = string.index(after: index) }
        if index < string.endIndex, string[index] == "-" || string[index] == "+" { index = string.index(after: index) }
        while index < string.endIndex, isDigit(string[index]) { index = string.index(after: index) }
        guard index == string.endIndex else { throw QuantityError(code: .formatWrong) }
        suffix = string[suffixStart...]
    }
}

/// A non-negative integer of any size, as little-endian base-10^9 limbs: just enough arithmetic to parse
/// quantities exactly before they are known to fit.
private struct DecimalDigits {
    static let limbBase: UInt64 = 1_000_000_000
    var limbs: [UInt64]

    init(_ digits: Substring) {
        limbs = [0]
        for character in digits.utf8 { multiply(by: 10, adding: UInt64(character - 0x30)) }
    }

    var isZero: Bool { limbs.allSatisfy { $0 == 0 } }

    var digitCount: Int {
        guard let top = limbs.lastIndex(where: { $0 != 0 }) else { return 0 }
        return top * 9 + String(limbs[top]).count
    }

    mutating func multiply(by factor: UInt64, adding addend: UInt64 = 0) {
        var carry = addend
        for index in limbs.indices {
            let product = limbs[index] * factor + carry
            limbs[index] = product % DecimalDigits.limbBase
            carry = product / DecimalDigits.limbBase
        }
        while carry > 0 {
            limbs.append(carry % DecimalDigits.limbBase)
            carry /= DecimalDigits.limbBase
        }
    }

    mutating func multiply(byPowerOfTwo power: Int) {
        var remaining = power
        while remaining > 0 {
            let step = min(remaining, 20)
            multiply(by: 1 << UInt64(step))
            remaining -= step
        }
    }

    /// `⌈self / 10^power⌉`, plus one more when `inexact` says digits were already dropped.
    func dividingRoundingUp(byPowerOfTen power: Int, inexact: Bool) -> DecimalDigits {
        if power > digitCount {
            var one = self
            one.limbs = [isZero ? 0 : 1]
            return one
        }
        var result = self
        var inexact = inexact
        var remaining = power
        while remaining > 0 {
            let step = min(remaining, 9)
            var divisor: UInt64 = 1
            for _ in 0..<step { divisor *= 10 }
            var carry: UInt64 = 0
            for index in result.limbs.indices.reversed() {
                let current = carry * DecimalDigits.limbBase + result.limbs[index]
                result.limbs[index] = current / divisor
                carry = current % divisor
            }
            if carry != 0 { inexact = true }
            remaining -= step
        }
        if inexact { result.multiply(by: 1, adding: 1) }
        return result
    }

    /// The value, if it fits an `Int128`.
    var int128: Int128? {
        var value: Int128 = 0
        for limb in limbs.reversed() {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: Int128(DecimalDigits.limbBase))
            guard !overflow else { return nil }
            let (sum, overflow2) = shifted.addingReportingOverflow(Int128(limb))
            guard !overflow2 else { return nil }
            value = sum
        }
        return value
    }
}
