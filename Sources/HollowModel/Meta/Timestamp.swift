/// A point in time as Kubernetes writes it: `metav1.Time` is RFC 3339 in UTC to the second
/// (`2026-11-21T05:12:00Z`), `metav1.MicroTime` the same with six decimals (`2026-11-21T05:12:00.123456Z`).
///
/// Held as seconds and nanoseconds since the Unix epoch; formatting and parsing are plain calendar arithmetic
/// (proleptic Gregorian, no leap seconds, as Go's `time` package).
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var secondsSinceEpoch: Int64
    /// Always in `0..<1_000_000_000`.
    public private(set) var nanoseconds: Int32

    /// A timestamp; nanoseconds outside `0..<1e9` carry into the seconds.
    public init(secondsSinceEpoch: Int64, nanoseconds: Int64 = 0) {
        let (carry, remainder) = floorDivision(nanoseconds, 1_000_000_000)
        self.secondsSinceEpoch = secondsSinceEpoch + carry
        self.nanoseconds = Int32(remainder)
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }

    /// `metav1.Time`'s precision: the fraction dropped.
    public var truncatedToSeconds: Timestamp { Timestamp(secondsSinceEpoch: secondsSinceEpoch) }

    /// `metav1.MicroTime`'s precision.
    public var truncatedToMicroseconds: Timestamp {
        Timestamp(secondsSinceEpoch: secondsSinceEpoch, nanoseconds: Int64(nanoseconds / 1_000 * 1_000))
    }

    public func adding(_ duration: Duration) -> Timestamp {
        let (seconds, attoseconds) = duration.components
        return Timestamp(
            secondsSinceEpoch: secondsSinceEpoch + seconds,
            nanoseconds: Int64(nanoseconds) + attoseconds / 1_000_000_000)
    }

    /// `self - other`.
    public func duration(since other: Timestamp) -> Duration {
        .seconds(secondsSinceEpoch - other.secondsSinceEpoch) + .nanoseconds(Int64(nanoseconds - other.nanoseconds))
    }

    /// `metav1.Time`: `2026-11-21T05:12:00Z` (the fraction is truncated, as Go's formatting truncates).
    public var rfc3339: String { formatted(fractionDigits: 0) }

    /// `metav1.MicroTime`: `2026-11-21T05:12:00.123456Z`, always six digits.
    public var rfc3339Micro: String { formatted(fractionDigits: 6) }

    public var description: String { rfc3339 }

    private func formatted(fractionDigits: Int) -> String {
        let (days, secondOfDay) = floorDivision(secondsSinceEpoch, 86_400)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        if (0...9999).contains(year) {
            // Every field has a fixed width: write the bytes in place rather than concatenating strings.
            return String(unsafeUninitializedCapacity: 20 + (fractionDigits > 0 ? fractionDigits + 1 : 0)) { buffer in
                var end = 0
                func put(_ value: Int64, _ width: Int) {
                    var value = value
                    for offset in (0..<width).reversed() {
                        buffer[end + offset] = UInt8(ascii: "0") + UInt8(value % 10)
                        value /= 10
                    }
                    end += width
                }
                func put(_ byte: Unicode.Scalar) {
                    buffer[end] = UInt8(ascii: byte)
                    end += 1
                }
                put(year, 4); put("-"); put(month, 2); put("-"); put(day, 2); put("T")
                put(secondOfDay / 3600, 2); put(":"); put(secondOfDay / 60 % 60, 2); put(":"); put(secondOfDay % 60, 2)
                if fractionDigits > 0 {
                    var divisor: Int64 = 1
                    for _ in fractionDigits..<9 { divisor *= 10 }
                    put(".")
                    put(Int64(nanoseconds) / divisor, fractionDigits)
                }
                put("Z")
                return end
            }
        }
        var text = padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
        text += "T" + padded(secondOfDay / 3600, 2) + ":" + padded(secondOfDay / 60 % 60, 2) + ":"
        text += padded(secondOfDay % 60, 2)
        if fractionDigits > 0 {
            var divisor: Int64 = 1
            for _ in fractionDigits..<9 { divisor *= 10 }
            text += "." + padded(Int64(nanoseconds) / divisor, fractionDigits)
        }
        return text + "Z"
    }

    /// Parses RFC 3339 as Go's `time.Parse(time.RFC3339, …)` does: `YYYY-MM-DDTHH:MM:SS`, an optional fraction
    /// (any number of digits, `.` or `,`; digits past nanoseconds are dropped), then `Z` or `±HH:MM`. Both
    /// `metav1.Time` and `metav1.MicroTime` read this way.
    /// - Throws: `GoParseError` (`parsing time "x" as "2006-01-02T15:04:05Z07:00": …`).
    public init(parsing text: String) throws(GoParseError) {
        func fail(_ reason: String) -> GoParseError {
            GoParseError("parsing time \(goQuoted(text)) as \"2006-01-02T15:04:05Z07:00\": \(reason)")
        }
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int, _ name: String) throws(GoParseError) -> Int64 {
            guard index + width <= bytes.count else { throw fail("cannot parse \(name)") }
            var value: Int64 = 0
            for byte in bytes[index..<(index + width)] {
                guard (0x30...0x39).contains(byte) else { throw fail("cannot parse \(name)") }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ character: UInt8) throws(GoParseError) {
            guard index < bytes.count, bytes[index] == character else {
                throw fail("expected \(goQuoted(String(UnicodeScalar(character))))")
            }
            index += 1
        }
        let year = try number(4, "year")
        try expect(UInt8(ascii: "-"))
        let month = try number(2, "month")
        try expect(UInt8(ascii: "-"))
        let day = try number(2, "day")
        try expect(UInt8(ascii: "T"))
        let hour = try number(2, "hour")
        try expect(UInt8(ascii: ":"))
        let minute = try number(2, "minute")
        try expect(UInt8(ascii: ":"))
        let second = try number(2, "second")
        guard (1...12).contains(month) else { throw fail("month out of range") }
        guard (1...daysInMonth(year: year, month: month)).contains(day) else { throw fail("day out of range") }
        guard hour < 24 else { throw fail("hour out of range") }
        guard minute < 60 else { throw fail("minute out of range") }
        guard second < 60 else { throw fail("second out of range") }

        var nanos: Int64 = 0
        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ","),
            (0x30...0x39).contains(bytes[index + 1])
        {
            index += 1
            var digits = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                if digits < 9 {
                    nanos = nanos * 10 + Int64(bytes[index] - 0x30)
                    digits += 1
                }
                index += 1
            }
            for _ in digits..<9 { nanos *= 10 }
        }

        var offset: Int64 = 0
        guard index < bytes.count else { throw fail("missing time zone") }
        if bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            let offsetHours = try number(2, "time zone offset")
            try expect(UInt8(ascii: ":"))
            let offsetMinutes = try number(2, "time zone offset")
            guard offsetHours < 24, offsetMinutes < 60 else { throw fail("time zone offset out of range") }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            throw fail("cannot parse time zone")
        }
        guard index == bytes.count else { throw fail("extra text after the time") }

        let days = daysSinceEpoch(year: year, month: month, day: day)
        self.init(
            secondsSinceEpoch: days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanoseconds: nanos)
    }
}

// MARK: - Calendar arithmetic (Howard Hinnant's days-from-civil algorithms)

func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
    let quotient = value / divisor
    let remainder = value % divisor
    return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
}

func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDivision(y, 400).quotient
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
    let z = days + 719_468
    let era = floorDivision(z, 146_097).quotient
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
}

private func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

private func padded(_ value: Int64, _ width: Int) -> String {
    let digits = String(value.magnitude)
    let sign = value < 0 ? "-" : ""
    return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
}
