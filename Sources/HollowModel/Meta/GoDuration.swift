/// A Go `time.Duration`: a signed count of nanoseconds written as `1h2m3.5s`, `300ms` or `-1.5h`. This is the wire
/// form of `metav1.Duration` (MachineHealthCheck `timeout`, `nodeStartupTimeout`) and of duration flags.
public struct GoDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// A Swift `Duration`, truncated to nanoseconds and clamped to Go's range (about ±292 years).
    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflow2) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        nanoseconds = overflow || overflow2 ? (seconds < 0 ? .min : .max) : total
    }

    public var duration: Duration { .nanoseconds(nanoseconds) }

    public static let nanosecond = GoDuration(nanoseconds: 1)
    public static let microsecond = GoDuration(nanoseconds: 1_000)
    public static let millisecond = GoDuration(nanoseconds: 1_000_000)
    public static let second = GoDuration(nanoseconds: 1_000_000_000)
    public static let minute = GoDuration(nanoseconds: 60_000_000_000)
    public static let hour = GoDuration(nanoseconds: 3_600_000_000_000)

    public static func < (lhs: GoDuration, rhs: GoDuration) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

    private static let units: [(String, UInt64)] = [
        ("ns", 1), ("us", 1_000), ("µs", 1_000), ("μs", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("h", 3_600_000_000_000),
    ]

    /// Parses Go's `time.ParseDuration` syntax: an optional sign, then one or more decimal numbers (fractions
    /// allowed) each followed by a unit (`ns`, `us`/`µs`, `ms`, `s`, `m`, `h`); `0` needs no unit. Fractions are
    /// truncated to the nanosecond, as Go truncates them.
    /// - Throws: `GoParseError` with Go's message: `time: invalid duration "x"`, `time: missing unit in duration
    ///   "1"`, `time: unknown unit "d" in duration "1d"`.
    public init(parsing text: String) throws(GoParseError) {
        let invalid = GoParseError("time: invalid duration " + goQuoted(text))
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        if bytes.elementsEqual("0".utf8) {
            nanoseconds = 0
            return
        }
        if bytes.isEmpty { throw invalid }
        let limit: UInt64 = 1 << 63
        var total: UInt64 = 0
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        while let first = bytes.first {
            guard first == UInt8(ascii: ".") || isDigit(first) else { throw invalid }
            // The integer part; overflowing it is an error.
            var whole: UInt64 = 0
            var sawDigits = false
            while let byte = bytes.first, isDigit(byte) {
                guard whole <= limit / 10 else { throw invalid }
                whole = whole * 10 + UInt64(byte - 0x30)
                guard whole <= limit else { throw invalid }
                bytes = bytes.dropFirst()
                sawDigits = true
            }
            // The fraction; digits past what fits are dropped.
            var fraction: UInt64 = 0
            var scale: Double = 1
            if bytes.first == UInt8(ascii: ".") {
                bytes = bytes.dropFirst()
                var overflowed = false
                while let byte = bytes.first, isDigit(byte) {
                    bytes = bytes.dropFirst()
                    sawDigits = true
                    if overflowed { continue }
                    if fraction > (limit - 1) / 10 {
                        overflowed = true
                        continue
                    }
                    let next = fraction * 10 + UInt64(byte - 0x30)
                    if next > limit {
                        overflowed = true
                        continue
                    }
                    fraction = next
                    scale *= 10
                }
            }
            guard sawDigits else { throw invalid }
            let unitBytes = bytes.prefix { $0 != UInt8(ascii: ".") && !isDigit($0) }
            bytes = bytes.dropFirst(unitBytes.count)
            if unitBytes.isEmpty { throw GoParseError("time: missing unit in duration " + goQuoted(text)) }
            let unitName = String(decoding: unitBytes, as: UTF8.self)
            guard let unit = GoDuration.units.first(where: { $0.0 == unitName })?.1 else {
                throw GoParseError("time: unknown unit " + goQuoted(unitName) + " in duration " + goQuoted(text))
            }
            guard whole <= limit / unit else { throw invalid }
            var value = whole * unit
            if fraction > 0 {
                // Go computes this in floating point too; it is exact to the nanosecond for every unit up to hours.
                value += UInt64(Double(fraction) * (Double(unit) / scale))
                guard value <= limit else { throw invalid }
            }
            total += value
            guard total <= limit else { throw invalid }
        }
        if negative {
            nanoseconds = total == limit ? .min : -Int64(total)
        } else {
            guard total < limit else { throw invalid }
            nanoseconds = Int64(total)
        }
    }

    /// Go's `Duration.String()`: `1h2m3.5s`, `1m0s`, `300ms`, `1.5µs`, `0s`.
    public var description: String {
        let negative = nanoseconds < 0
        var remaining = nanoseconds.magnitude
        var text: String
        if remaining < 1_000_000_000 {
            switch remaining {
            case 0: return "0s"
            case ..<1_000: text = "\(remaining)ns"
            case ..<1_000_000: text = GoDuration.decimal(remaining, places: 3) + "µs"
            default: text = GoDuration.decimal(remaining, places: 6) + "ms"
            }
        } else {
            text = GoDuration.decimal(remaining % 60_000_000_000, places: 9) + "s"
            remaining /= 60_000_000_000
            if remaining > 0 {
                text = "\(remaining % 60)m" + text
                remaining /= 60
                if remaining > 0 { text = "\(remaining)h" + text }
            }
        }
        return negative ? "-" + text : text
    }

    /// `value / 10^places` with the fraction's trailing zeros (and a bare point) left out.
    private static func decimal(_ value: UInt64, places: Int) -> String {
        var divisor: UInt64 = 1
        for _ in 0..<places { divisor *= 10 }
        let whole = value / divisor
        var fraction = value % divisor
        guard fraction != 0 else { return "\(whole)" }
        var digits = places
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let fractionText = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }
}
