import Testing

@testable import HollowModel

/// Go's `strconv.ParseBool` and `time.ParseDuration`/`Duration.String`, with cases from Go's own tests.
@Suite struct GoSyntaxTests {
    @Test(arguments: [("1", true), ("t", true), ("T", true), ("TRUE", true), ("true", true), ("True", true),
                      ("0", false), ("f", false), ("F", false), ("FALSE", false), ("false", false), ("False", false)])
    func boolsParseLikeGo(text: String, value: Bool) throws {
        #expect(try parseGoBool(text) == value)
    }

    @Test(arguments: ["", "yes", "tRUE", "2", " true", "on"])
    func otherBoolsAreRefused(text: String) {
        #expect(throws: GoParseError("strconv.ParseBool: parsing \"\(text)\": invalid syntax")) { try parseGoBool(text) }
        #expect(GoParseError("x").apiError.code == 400)
    }

    static let second: Int64 = 1_000_000_000
    static let minute = 60 * second
    static let hour = 60 * minute

    static let parseCases: [(String, Int64)] = [
        ("0", 0), ("5s", 5 * second), ("30s", 30 * second), ("1478s", 1478 * second), ("-5s", -5 * second),
        ("+5s", 5 * second), ("-0", 0), ("+0", 0), ("5.0s", 5 * second), ("5.6s", 5 * second + 600_000_000),
        ("5.s", 5 * second), (".5s", 500_000_000), ("1.0s", second), ("1.00s", second), ("1.004s", second + 4_000_000),
        ("1.0040s", second + 4_000_000), ("100.00100s", 100 * second + 1_000_000), ("10ns", 10), ("11us", 11_000),
        ("12µs", 12_000), ("12μs", 12_000), ("13ms", 13_000_000), ("14s", 14 * second), ("15m", 15 * minute),
        ("16h", 16 * hour), ("3h30m", 3 * hour + 30 * minute), ("10.5s4m", 4 * minute + 10 * second + 500_000_000),
        ("-2m3.4s", -(2 * minute + 3 * second + 400_000_000)),
        ("1h2m3s4ms5us6ns", hour + 2 * minute + 3 * second + 4_000_000 + 5_000 + 6),
        ("39h9m14.425s", 39 * hour + 9 * minute + 14 * second + 425_000_000), ("52763797000ns", 52_763_797_000),
        ("0.3333333333333333333h", 20 * minute), ("9007199254740993ns", (1 << 53) + 1),
        ("9223372036854775807ns", .max), ("9223372036854775.807us", .max), ("9223372036s854ms775us807ns", .max),
        ("-9223372036854775808ns", .min), ("-9223372036854775.808us", .min), ("-9223372036s854ms775us808ns", .min),
        ("-2562047h47m16.854775808s", .min), ("0.100000000000000000000h", 6 * minute),
        ("0.830103483285477580700h", 49 * minute + 48 * second + 372_539_827), ("1.5h", 90 * minute), ("300ms", 300_000_000),
        ("-1.5h", -90 * minute),
    ]

    @Test(arguments: parseCases)
    func durationsParseLikeGo(text: String, nanoseconds: Int64) throws {
        #expect(try GoDuration(parsing: text).nanoseconds == nanoseconds)
    }

    @Test(arguments: [
        ("", "time: invalid duration \"\""), ("3", "time: missing unit in duration \"3\""),
        ("-", "time: invalid duration \"-\""), ("s", "time: invalid duration \"s\""), (".", "time: invalid duration \".\""),
        ("-.", "time: invalid duration \"-.\""), (".s", "time: invalid duration \".s\""),
        ("+.s", "time: invalid duration \"+.s\""), ("1d", "time: unknown unit \"d\" in duration \"1d\""),
        ("1.5", "time: missing unit in duration \"1.5\""), ("1h 2m", "time: unknown unit \"h \" in duration \"1h 2m\""),
        ("9223372036854775810ns", "time: invalid duration \"9223372036854775810ns\""),
        ("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\""),
        ("-9223372036854775809ns", "time: invalid duration \"-9223372036854775809ns\""),
        ("9223372036854776us", "time: invalid duration \"9223372036854776us\""),
        ("3000000h", "time: invalid duration \"3000000h\""),
        ("9223372036854775.808us", "time: invalid duration \"9223372036854775.808us\""),
        ("9223372036854ms775us808ns", "time: invalid duration \"9223372036854ms775us808ns\""),
    ])
    func badDurationsAreRefusedWithGosMessage(text: String, message: String) {
        #expect(throws: GoParseError(message)) { try GoDuration(parsing: text) }
    }

    static let formatCases: [(String, Int64)] = [
        ("0s", 0), ("1ns", 1), ("1.1µs", 1_100), ("2.2ms", 2_200_000), ("3.3s", 3_300_000_000),
        ("4m5s", 4 * minute + 5 * second), ("4m5.001s", 4 * minute + 5_001_000_000),
        ("5h6m7.001s", 5 * hour + 6 * minute + 7_001_000_000), ("8m0.000000001s", 8 * minute + 1),
        ("2562047h47m16.854775807s", .max), ("-2562047h47m16.854775808s", .min), ("1h0m0s", hour), ("1m30s", 90 * second),
        ("300ms", 300_000_000), ("-1h30m0s", -90 * minute), ("1.000001ms", 1_000_001),
    ]

    @Test(arguments: formatCases)
    func durationsFormatLikeGo(text: String, nanoseconds: Int64) throws {
        let duration = GoDuration(nanoseconds: nanoseconds)
        #expect(duration.description == text)
        #expect(try GoDuration(parsing: text) == duration)
    }

    @Test func durationsConvertToSwift() {
        #expect(GoDuration(.seconds(90)).description == "1m30s")
        #expect(GoDuration(.milliseconds(1500)).duration == .milliseconds(1500))
        #expect(GoDuration(.seconds(Int64.max)).nanoseconds == .max)
        #expect(GoDuration(.seconds(Int64.min)).nanoseconds == .min)
        #expect(GoDuration.minute < GoDuration.hour)
    }
}
