import Testing

@testable import HollowModel

/// Cases re-expressed from apimachinery's `pkg/api/resource/quantity_test.go`.
@Suite struct QuantityTests {
    typealias Format = Quantity.Format

    /// `decQuantity(mantissa, exponent, format)` from the Go tests.
    static func quantity(_ mantissa: Int128, _ exponent: Int, _ format: Format) -> Quantity {
        var nanos = mantissa
        for _ in 0..<(exponent + 9) { nanos *= 10 }
        return Quantity(nanoUnits: nanos, format: format)
    }

    static let parseCases: [(String, Int128, Int, Format)] = [
        ("0", 0, 0, .decimalSI), ("0n", 0, 0, .decimalSI), ("0u", 0, 0, .decimalSI), ("0m", 0, 0, .decimalSI),
        ("0Ki", 0, 0, .binarySI), ("0k", 0, 0, .decimalSI), ("0Mi", 0, 0, .binarySI), ("0M", 0, 0, .decimalSI),
        ("0Gi", 0, 0, .binarySI), ("0G", 0, 0, .decimalSI), ("0Ti", 0, 0, .binarySI), ("0T", 0, 0, .decimalSI),
        ("1", 1, 0, .decimalSI),
        ("1Ki", 1024, 0, .binarySI), ("8Ki", 8 * 1024, 0, .binarySI), ("7Mi", 7 << 20, 0, .binarySI),
        ("6Gi", 6 << 30, 0, .binarySI), ("5Ti", 5 << 40, 0, .binarySI), ("4Pi", 4 << 50, 0, .binarySI),
        ("3Ei", 3 << 60, 0, .binarySI), ("10Ti", 10 << 40, 0, .binarySI), ("100Ti", 100 << 40, 0, .binarySI),
        ("5n", 5, -9, .decimalSI), ("4u", 4, -6, .decimalSI), ("3m", 3, -3, .decimalSI), ("9", 9, 0, .decimalSI),
        ("8k", 8, 3, .decimalSI), ("50k", 5, 4, .decimalSI), ("7M", 7, 6, .decimalSI), ("6G", 6, 9, .decimalSI),
        ("5T", 5, 12, .decimalSI), ("40T", 4, 13, .decimalSI), ("300T", 3, 14, .decimalSI), ("2P", 2, 15, .decimalSI),
        ("1E", 1, 18, .decimalSI),
        ("1E-3", 1, -3, .decimalExponent), ("1e3", 1, 3, .decimalExponent), ("1E6", 1, 6, .decimalExponent),
        ("1e9", 1, 9, .decimalExponent), ("1E12", 1, 12, .decimalExponent), ("1e15", 1, 15, .decimalExponent),
        ("1E18", 1, 18, .decimalExponent), ("1e14", 1, 14, .decimalExponent), ("1e13", 1, 13, .decimalExponent),
        ("100.035k", 100_035, 0, .decimalSI),
        ("0.001", 1, -3, .decimalSI), ("0.0005k", 5, -1, .decimalSI), ("0.005", 5, -3, .decimalSI),
        ("0.05", 5, -2, .decimalSI), ("0.5", 5, -1, .decimalSI), ("0.00050k", 5, -1, .decimalSI),
        ("0.00500", 5, -3, .decimalSI), ("0.05000", 5, -2, .decimalSI), ("0.50000", 5, -1, .decimalSI),
        ("0.5e0", 5, -1, .decimalExponent), ("0.5e-1", 5, -2, .decimalExponent), ("0.5e-2", 5, -3, .decimalExponent),
        ("10.035M", 10035, 3, .decimalSI),
        ("1.2e3", 12, 2, .decimalExponent), ("1.3E+6", 13, 5, .decimalExponent), ("1.40e9", 14, 8, .decimalExponent),
        ("1.53E12", 153, 10, .decimalExponent), ("1.6e15", 16, 14, .decimalExponent), ("1.7E18", 17, 17, .decimalExponent),
        ("9.01", 901, -2, .decimalSI), ("8.1k", 81, 2, .decimalSI), ("7.123456M", 7_123_456, 0, .decimalSI),
        ("6.987654321G", 6_987_654_321, 0, .decimalSI), ("5.444T", 5444, 9, .decimalSI), ("40.1T", 401, 11, .decimalSI),
        ("300.2T", 3002, 11, .decimalSI), ("2.5P", 25, 14, .decimalSI), ("1.01E", 101, 16, .decimalSI),
        ("3.001n", 4, -9, .decimalSI), ("1.1E-9", 2, -9, .decimalExponent), ("0.0000000001", 1, -9, .decimalSI),
        ("0.0000000005", 1, -9, .decimalSI), ("0.00000000050", 1, -9, .decimalSI), ("0.5e-9", 1, -9, .decimalExponent),
        ("0.9n", 1, -9, .decimalSI), ("0.00000012345", 124, -9, .decimalSI), ("0.00000012354", 124, -9, .decimalSI),
        ("9Ei", Int128(Int64.max), 0, .binarySI), ("9223372036854775807Ki", Int128(Int64.max), 0, .binarySI),
        ("12E", 12, 18, .decimalSI),
        ("100.035Ki", 10_243_584, -2, .binarySI), ("0.5Mi", 524_288, 0, .binarySI), ("0.05Gi", 536_870_912, -1, .binarySI),
        ("0.025Ti", 274_877_906_944, -1, .binarySI),
        ("0.000000000001Ki", 2, -9, .decimalSI), (".001", 1, -3, .decimalSI), (".0001k", 100, -3, .decimalSI),
        ("1.", 1, 0, .decimalSI), ("1.G", 1, 9, .decimalSI), (".", 0, 0, .decimalSI),
    ]

    @Test(arguments: parseCases)
    func quantitiesParseToExactValues(text: String, mantissa: Int128, exponent: Int, format: Format) throws {
        let expected = Self.quantity(mantissa, exponent, format)
        let parsed = try Quantity(parsing: text)
        #expect(parsed == expected)
        #expect(parsed.format == format)

        let negative = try Quantity(parsing: "-" + text)
        #expect(negative == -expected)
        #expect(negative.format == format)

        let positive = try Quantity(parsing: "+" + text)
        #expect(positive == expected)
        #expect(positive.format == format)
    }

    @Test(arguments: ["1.1.M", "1+1.0M", "0.1am", "aoeu", " 1", "1 ", "", "1.5Gi ", "1KiB", "1e3.5"])
    func malformedQuantitiesAreRefused(text: String) {
        #expect(throws: QuantityError(code: .formatWrong)) { try Quantity(parsing: text) }
    }

    @Test(arguments: ["0.1mi", ".5i", "1i", "-3.01i", "-3.01e-", "1e", "--1", "1Mm"])
    func unknownSuffixesAreRefused(text: String) {
        #expect(throws: QuantityError(code: .suffix)) { try Quantity(parsing: text) }
    }

    @Test func errorsCarryApimachinerysMessages() {
        #expect(
            QuantityError(code: .formatWrong).message
                == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        #expect(QuantityError(code: .suffix).message == "unable to parse quantity's suffix")
        #expect(throws: QuantityError(code: .tooLarge)) { try Quantity(parsing: "1e40") }
        #expect(throws: QuantityError(code: .tooLarge)) { try Quantity(parsing: String(repeating: "9", count: 40)) }
    }

    static let stringCases: [(Int128, Int, Format, String, String)] = [
        (1 << 30, 0, .binarySI, "1Gi", "1024Mi"), (300 << 20, 0, .binarySI, "300Mi", "307200Ki"),
        (6 * 1024, 0, .binarySI, "6Ki", ""), (1001 << 30, 0, .binarySI, "1001Gi", "1025024Mi"),
        (1 << 40, 0, .binarySI, "1Ti", "1024Gi"), (5, 0, .binarySI, "5", "5000m"), (500, -3, .binarySI, "500m", "0.5"),
        (1, 9, .decimalSI, "1G", "1000M"), (1000, 6, .decimalSI, "1G", "0.001T"), (1_000_000, 3, .decimalSI, "1G", ""),
        (1_000_000_000, 0, .decimalSI, "1G", ""), (1, -3, .decimalSI, "1m", "1000u"), (80, -3, .decimalSI, "80m", ""),
        (1080, -3, .decimalSI, "1080m", "1.08"), (108, -2, .decimalSI, "1080m", "1080000000n"),
        (10800, -4, .decimalSI, "1080m", ""), (300, 6, .decimalSI, "300M", ""), (1, 12, .decimalSI, "1T", ""),
        (1_234_567, 6, .decimalSI, "1234567M", ""), (1_234_567, -3, .binarySI, "1234567m", ""),
        (3, 3, .decimalSI, "3k", ""), (1025, 0, .binarySI, "1025", ""), (0, 0, .decimalSI, "0", ""),
        (0, 0, .binarySI, "0", ""), (1, 9, .decimalExponent, "1e9", ".001e12"), (1, -3, .decimalExponent, "1e-3", "0.001e0"),
        (1, -9, .decimalExponent, "1e-9", "1000e-12"), (80, -3, .decimalExponent, "80e-3", ""),
        (300, 6, .decimalExponent, "300e6", ""), (1, 12, .decimalExponent, "1e12", ""), (1, 3, .decimalExponent, "1e3", ""),
        (3, 3, .decimalExponent, "3e3", ""), (0, 0, .decimalExponent, "0", "00"), (1, -9, .decimalSI, "1n", ""),
        (80, -9, .decimalSI, "80n", ""), (1080, -9, .decimalSI, "1080n", ""), (108, -8, .decimalSI, "1080n", ""),
        (1, -6, .decimalSI, "1u", ""), (80, -6, .decimalSI, "80u", ""), (1080, -6, .decimalSI, "1080u", ""),
    ]

    @Test(arguments: stringCases)
    func quantitiesPrintInCanonicalForm(mantissa: Int128, exponent: Int, format: Format, expected: String, alternate: String) throws {
        let value = Self.quantity(mantissa, exponent, format)
        #expect(value.description == expected)
        #expect(try Quantity(parsing: expected).description == expected)
        if !alternate.isEmpty { #expect(try Quantity(parsing: alternate).description == expected) }
        if !value.isZero { #expect((-value).description == "-" + expected) }
    }

    @Test(arguments: [
        ("1Ki", "1Ki"), ("1Mi", "1Mi"), ("1Gi", "1Gi"), ("1024Mi", "1Gi"), ("1000M", "1G"), (".001Ki", "1024m"),
        (".000001Ki", "1024u"), (".000000001Ki", "1024n"), (".000000000001Ki", "2n"),
        // Hollow's everyday quantities.
        ("100m", "100m"), ("2", "2"), ("1.5Gi", "1536Mi"), ("128974848", "128974848"), ("129e6", "129e6"),
        ("123Mi", "123Mi"), ("1k", "1k"), ("1E", "1E"), ("1.5", "1500m"), ("0.5Gi", "512Mi"), ("1536Mi", "1536Mi"),
        ("2000m", "2"), ("110", "110"), ("1.1", "1100m"), ("9Ei", "9223372036854775807"), ("01", "1"),
        ("1000E", "1000E"), ("1e21", "1e21"),
    ])
    func parsedQuantitiesEmitCanonicalStrings(text: String, canonical: String) throws {
        #expect(try Quantity(parsing: text).description == canonical)
        let negative = try Quantity(parsing: "-" + text)
        #expect(negative.description == "-" + canonical)
    }

    @Test(arguments: [
        ("-999999999999999999", ""), ("999999999999999999.1", "999999999999999999100m"),
        ("9999999999999999999", ""), ("-1E", ""), ("1000000000000000000", "1E"), ("-1000000000000000000.0", "-1E"),
        ("9999999999999999999000m", "9999999999999999999"), ("9999999999999999999.1", "9999999999999999999100m"),
        ("1.0000000000000000001E", "1000000000000000000100m"), ("1.000000000000000001E", "1000000000000000001"),
        ("-10E", ""), ("10000000000000000000", "10E"), ("10000000000000000000000m", "10E"),
        ("10.0000000000000000001E", "10000000000000000000100m"), ("-9223372036854775809", ""),
        ("9223372036854775806.1", "9223372036854775806100m"), ("-9223372036854775808000m", "-9223372036854775808"),
        ("9223372036854775808.1", "9223372036854775808100m"),
    ])
    func valuesBeyondInt64StayExact(text: String, canonical: String) throws {
        #expect(try Quantity(parsing: text).description == (canonical.isEmpty ? text : canonical))
    }

    @Test func comparisonUsesTheValueAlone() throws {
        #expect(try Quantity(parsing: "100m") > Quantity(parsing: "50m"))
        #expect(try Quantity(parsing: "50m") < Quantity(parsing: "100m"))
        #expect(try Quantity(parsing: "10000T") > Quantity(parsing: "100Gi"))
        #expect(try Quantity(parsing: "1") == Quantity(parsing: "1000m"))
        #expect(try Quantity(parsing: "1Ki") == Quantity(parsing: "1024"))
        #expect(try Set([Quantity(parsing: "1"), Quantity(parsing: "1000m"), Quantity(parsing: "1e0")]).count == 1)
        #expect(try [Quantity(parsing: "2Gi"), Quantity(parsing: "500Mi"), Quantity(parsing: "1G")].sorted().map(\.description) == ["500Mi", "1G", "2Gi"])
    }

    @Test func additionKeepsTheFirstNonZeroFormat() throws {
        #expect(Self.quantity(10, 0, .decimalSI) + Self.quantity(1, 1, .decimalSI) == Self.quantity(20, 0, .decimalSI))
        let mixed = Self.quantity(10, 0, .decimalSI) + Self.quantity(1, 0, .binarySI)
        #expect(mixed == Self.quantity(11, 0, .decimalSI) && mixed.format == .decimalSI)
        let binary = Self.quantity(10, 0, .binarySI) + Self.quantity(1, 0, .decimalSI)
        #expect(binary.format == .binarySI)
        let fromZero = Quantity(nanoUnits: 0, format: .decimalSI) + (try Quantity(parsing: "1Gi"))
        #expect(fromZero.description == "1Gi")
        var total = Quantity.zero
        for request in ["100m", "250m", "1.5"] { total += try Quantity(parsing: request) }
        #expect(total.description == "1850m")
        #expect(try (Quantity(parsing: "1Gi") - Quantity(parsing: "512Mi")).description == "512Mi")
        #expect(try (Quantity(parsing: "10") - Quantity(parsing: "1e1")).isZero)
    }

    @Test func arithmeticSaturatesInsteadOfTrapping() {
        let huge = Quantity(nanoUnits: .max)
        #expect(huge.adding(Quantity(1)) == nil)
        #expect((huge + Quantity(1)).nanoUnits == .max)
        #expect((Quantity(nanoUnits: .min) - Quantity(1)).nanoUnits == .min)
        #expect((-Quantity(nanoUnits: .min)).nanoUnits == .max)
    }

    @Test(arguments: [
        ("1.5", Int64(2), Int64(1500)), ("-1.5", -2, -1500), ("100m", 1, 100), ("1n", 1, 1), ("0", 0, 0),
        ("1Gi", 1 << 30, 1_073_741_824_000), ("-1n", -1, -1), ("9Ei", .max, .max),
    ])
    func scaledValuesRoundAwayFromZero(text: String, value: Int64, milliValue: Int64) throws {
        let quantity = try Quantity(parsing: text)
        #expect(quantity.value == value)
        #expect(quantity.milliValue == milliValue)
    }

    @Test func buildersMatchParsing() throws {
        #expect(Quantity(3) == (try Quantity(parsing: "3")))
        #expect(Quantity(1 << 30, format: .binarySI).description == "1Gi")
        #expect(Quantity(milliUnits: 1500).description == "1500m")
        #expect(Quantity(milliUnits: 2000).description == "2")
        #expect(Quantity.zero.description == "0")
        #expect(try Quantity(parsing: "-2").sign == -1)
        #expect(Quantity(1).scaledValue(decimalExponent: 3) == 1)
        #expect(Quantity(1).scaledValue(decimalExponent: -6) == 1_000_000)
    }
}
