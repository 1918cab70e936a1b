import Foundation
import Testing

@testable import HollowModel

@Suite struct TimestampTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (1_795_237_920, "2026-11-21T05:12:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (2_147_483_648, "2038-01-19T03:14:08Z"),
        (-2_203_848_000, "1900-03-01T12:00:00Z"),
        (253_402_300_799, "9999-12-31T23:59:59Z"),
        (-11_676_096_000, "1600-01-01T00:00:00Z"),
    ])
    func secondsFormatAsRFC3339AndParseBack(seconds: Int64, text: String) throws {
        let timestamp = Timestamp(secondsSinceEpoch: seconds)
        #expect(timestamp.rfc3339 == text)
        #expect(timestamp.description == text)
        #expect(try Timestamp(parsing: text) == timestamp)
    }

    @Test func microTimeHasSixDecimals() throws {
        let timestamp = Timestamp(secondsSinceEpoch: 1_795_237_920, nanoseconds: 123_456_789)
        #expect(timestamp.rfc3339Micro == "2026-11-21T05:12:00.123456Z")
        #expect(timestamp.rfc3339 == "2026-11-21T05:12:00Z")
        #expect(Timestamp(secondsSinceEpoch: 0).rfc3339Micro == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp(secondsSinceEpoch: 0, nanoseconds: 1_000).rfc3339Micro == "1970-01-01T00:00:00.000001Z")
        #expect(try Timestamp(parsing: timestamp.rfc3339Micro) == timestamp.truncatedToMicroseconds)
        #expect(timestamp.truncatedToSeconds == Timestamp(secondsSinceEpoch: 1_795_237_920))
    }

    @Test(arguments: [
        ("2026-11-21T06:12:00+01:00", Int64(1_795_237_920), Int64(0)),
        ("2026-11-21T00:42:00-04:30", 1_795_237_920, 0),
        ("2026-11-21T05:12:00.5Z", 1_795_237_920, 500_000_000),
        ("2026-11-21T05:12:00,25Z", 1_795_237_920, 250_000_000),
        ("2026-11-21T05:12:00.123456789123Z", 1_795_237_920, 123_456_789),
        ("1970-01-01T00:00:00.000001Z", 0, 1_000),
    ])
    func offsetsAndFractionsParse(text: String, seconds: Int64, nanoseconds: Int64) throws {
        #expect(try Timestamp(parsing: text) == Timestamp(secondsSinceEpoch: seconds, nanoseconds: nanoseconds))
    }

    @Test(arguments: [
        "", "2026-11-21", "2026-11-21 05:12:00Z", "2026-11-21T05:12:00", "2026-11-21T05:12:00z", "2026-13-01T00:00:00Z",
        "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-21T24:00:00Z", "2026-11-21T05:60:00Z",
        "2026-11-21T05:12:60Z", "2026-11-21T05:12:00+1:00", "2026-11-21T05:12:00Z ", "26-11-21T05:12:00Z",
        "2026-11-21T05:12:00.Z", "2026-11-21T05:12:00+24:00",
    ])
    func malformedTimesAreRefused(text: String) {
        let error = #expect(throws: GoParseError.self) { try Timestamp(parsing: text) }
        #expect(error?.message.hasPrefix("parsing time \"") == true)
    }

    @Test func nanosecondsCarryIntoSeconds() {
        let timestamp = Timestamp(secondsSinceEpoch: 10, nanoseconds: -1)
        #expect(timestamp.secondsSinceEpoch == 9)
        #expect(timestamp.nanoseconds == 999_999_999)
        #expect(Timestamp(secondsSinceEpoch: 0, nanoseconds: 2_500_000_000) == Timestamp(secondsSinceEpoch: 2, nanoseconds: 500_000_000))
    }

    @Test func arithmeticAndOrder() {
        let start = Timestamp(secondsSinceEpoch: 100, nanoseconds: 900_000_000)
        let later = start.adding(.milliseconds(250))
        #expect(later == Timestamp(secondsSinceEpoch: 101, nanoseconds: 150_000_000))
        #expect(later.duration(since: start) == .milliseconds(250))
        #expect(start < later)
        #expect(start.adding(.seconds(-101)).rfc3339 == "1969-12-31T23:59:59Z")
    }

    @Test func datesConvertBothWays() {
        let date = Date(timeIntervalSince1970: 1_795_237_920.25)
        let timestamp = Timestamp(date)
        #expect(timestamp == Timestamp(secondsSinceEpoch: 1_795_237_920, nanoseconds: 250_000_000))
        #expect(timestamp.date == date)
        #expect(Timestamp(Date(timeIntervalSince1970: -0.5)) == Timestamp(secondsSinceEpoch: -1, nanoseconds: 500_000_000))
        #expect(Timestamp.now() > Timestamp(secondsSinceEpoch: 1_700_000_000))
    }
}
