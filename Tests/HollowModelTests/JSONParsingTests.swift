import Testing

@testable import HollowModel

@Suite struct JSONParsingTests {
    @Test(arguments: [
        #"null"#, #"true"#, #"false"#, #"0"#, #"-1"#, #"1.5"#, #""""#, #""abc""#, #"[]"#, #"{}"#,
        #"[1,"two",3.5,null,true,{"a":[]}]"#,
        #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p","labels":{"app":"web"}},"spec":{"replicas":3}}"#,
        #"{"z":1,"a":2,"m":3}"#,
        #"9223372036854775807"#, #"-9223372036854775808"#,
    ])
    func compactDocumentsRoundTripByteForByte(text: String) throws {
        let value = try JSON(parsing: text)
        #expect(value.serializedString == text)
    }

    @Test func whiteSpaceIsIgnoredAroundTokens() throws {
        let value = try JSON(parsing: " \n\t{ \"a\" :\r\n [ 1 , 2 ] } \n")
        #expect(value == ["a": [1, 2]])
    }

    @Test func memberOrderIsKept() throws {
        let value = try JSON(parsing: #"{"b":1,"a":2,"c":3}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
    }

    @Test func aRepeatedKeyKeepsTheLastValueInTheFirstPosition() throws {
        let value = try JSON(parsing: #"{"a":1,"b":2,"a":3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == 3)
    }

    @Test(arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u4e2d""#, "Aé中"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD83D\uDE00 x""#, "😀 x"),
        (#""é😀""#, "é😀"),
        // Lone surrogates become U+FFFD, as Go's decoder makes them.
        (#""\ud800""#, "\u{FFFD}"),
        (#""\ude00x""#, "\u{FFFD}x"),
        (#""\ud800\u0041""#, "\u{FFFD}A"),
        (#""\ud800\ud83d\ude00""#, "\u{FFFD}😀"),
    ])
    func stringEscapesDecode(text: String, expected: String) throws {
        #expect(try JSON(parsing: text) == .string(expected))
    }

    @Test func integersThatFitInt64StayIntegers() throws {
        #expect(try JSON(parsing: "9223372036854775807") == .int(.max))
        #expect(try JSON(parsing: "-9223372036854775808") == .int(.min))
        #expect(try JSON(parsing: "-0") == .int(0))
    }

    @Test func integersPastInt64BecomeDoubles() throws {
        #expect(try JSON(parsing: "9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSON(parsing: "-92233720368547758080") == .double(-92_233_720_368_547_758_080))
    }

    @Test(arguments: [
        ("1.5", 1.5), ("-0.25", -0.25), ("1e3", 1000), ("1E-2", 0.01), ("2.5e+2", 250), ("0.1", 0.1),
        ("123456789.125", 123_456_789.125),
    ])
    func numbersWithFractionsOrExponentsAreDoubles(text: String, expected: Double) throws {
        #expect(try JSON(parsing: text) == .double(expected))
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        (#"{"a":"#, "unexpected end of input"),
        (#"{"a":1"#, "unexpected end of input in an object"),
        ("[1,2", "unexpected end of input in an array"),
        (#""abc"#, "unterminated string"),
        (#""\u12"#, "truncated \\u escape"),
        ("tru", "unexpected end of input"),
        ("nul!", "invalid literal"),
        ("{} x", "unexpected data after the document"),
        ("1 2", "unexpected data after the document"),
        ("01", "unexpected data after the document"),
        (#""\x""#, "invalid escape '\\x'"),
        (#""\u12G4""#, "invalid hex digit in \\u escape"),
        ("\"a\u{01}b\"", "control character in a string"),
        ("\"a\nb\"", "control character in a string"),
        ("-", "invalid number"),
        ("+1", "unexpected character '+'"),
        (".5", "unexpected character '.'"),
        ("1.", "invalid number: no digits after '.'"),
        ("1e", "invalid number: no digits in the exponent"),
        (#"{"a" 1}"#, "expected ':'"),
        ("{,}", "expected a member name"),
        ("{1:2}", "expected a member name"),
        ("[1,]", "unexpected character ']'"),
        (#"{"a":1,}"#, "expected a member name"),
        ("[1 2]", "expected ',' or ']'"),
        (#"{"a":1 "b":2}"#, "expected ',' or '}'"),
    ])
    func malformedInputIsRefusedWithAReason(text: String, reason: String) {
        #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
        do {
            _ = try JSON(parsing: text)
        } catch {
            #expect(error.reason == reason)
            #expect(error.description.hasPrefix("invalid JSON at byte \(error.offset): "))
        }
    }

    @Test func invalidUTF8InAStringIsRefused() {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x22]
        #expect(throws: JSONParseError.self) { try JSON(parsing: bytes) }
        let escaped: [UInt8] = Array(#""\n"#.utf8) + [0xC3, 0x22]
        #expect(throws: JSONParseError.self) { try JSON(parsing: escaped) }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = JSON.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSON(parsing: text)
        var levels = 0
        while case .array(let elements) = value {
            levels += 1
            value = elements.first ?? .null
        }
        #expect(levels == depth)
    }

    @Test func nestingPastTheLimitIsRefused() {
        let depth = JSON.maximumDepth + 1
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        for text in [arrays, objects] {
            do {
                _ = try JSON(parsing: text)
                Issue.record("parsed a document \(depth) levels deep")
            } catch {
                #expect(error.reason == "nesting deeper than \(JSON.maximumDepth)")
            }
        }
    }

    @Test func veryDeepInputFailsWithoutExhaustingTheStack() {
        let text = String(repeating: "[", count: 1_000_000)
        #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
    }

    @Test func parsesFromAnyByteCollection() throws {
        let bytes = ArraySlice(Array(#"xx{"a":true}"#.utf8).dropFirst(2))
        #expect(try JSON(parsing: bytes) == ["a": true])
        let unsafe = #"[1]"#.utf8
        #expect(try JSON(parsing: unsafe) == [1])
    }

    @Test func knownLongStringsParseToTheSameTextAsAnyOther() throws {
        let text = #"{"creationTimestamp":"x","f:lastTransitionTime":{},"k:{\"type\":\"Ready\"}":".","creationTimestampX":1,"creationTimestamq":2,"v":"/dev/termination-log"}"#
        let value = try JSON(parsing: text)
        #expect(value.objectValue?.keys == [
            "creationTimestamp", "f:lastTransitionTime", #"k:{"type":"Ready"}"#, "creationTimestampX", "creationTimestamq", "v",
        ])
        #expect(value["v"] == "/dev/termination-log")
        #expect(value.serializedString == text)
        #expect(Array("creationTimestamp".utf8).withUnsafeBufferPointer { KnownStrings.lookup($0) } == "creationTimestamp")
        #expect(Array("creationTimestampX".utf8).withUnsafeBufferPointer { KnownStrings.lookup($0) } == nil)
        #expect(Array("apiVersion".utf8).withUnsafeBufferPointer { KnownStrings.lookup($0) } == nil)
    }
}

@Suite struct JSONMemberParsingTests {
    @Test func oneMemberIsParsedAndTheOthersSkipped() throws {
        let text = #"{"kind":"Pod","spec":{"a":[1,2.5e3,"x\"y\\",{"b":null}],"t":true,"f":false},"metadata":{"uid":"u","n":-12},"status":{}}"#
        let metadata = try JSON.member("metadata", parsing: Array(text.utf8))
        #expect(metadata == ["uid": "u", "n": -12])
        #expect(try JSON.member("absent", parsing: Array(text.utf8)) == nil)
        #expect(try JSON.member("kind", parsing: Array(text.utf8)) == "Pod")
    }

    @Test func membersOfTheMemberCanBeLeftOut() throws {
        let text = #"{"metadata":{"uid":"u","managedFields":[{"f:a":{}}],"labels":{"a":"b"}},"spec":{}}"#
        let metadata = try JSON.member("metadata", omitting: ["managedFields"], parsing: Array(text.utf8))
        #expect(metadata == ["uid": "u", "labels": ["a": "b"]])
        #expect(metadata?.objectValue?.keys == ["uid", "labels"])
    }

    @Test func aRepeatedMemberKeepsItsLastValue() throws {
        #expect(try JSON.member("a", parsing: Array(#" { "a" : 1 , "a" : [ 2 ] } "#.utf8)) == [2])
    }

    @Test func aDocumentThatIsNotAnObjectHasNoMembers() throws {
        #expect(try JSON.member("a", parsing: Array("[1]".utf8)) == nil)
    }

    @Test(arguments: [
        #"{"a":1,"b":[1,}"#, #"{"a":1,"b":"\q"}"#, #"{"a":1,"b":tru}"#, #"{"a":1,"b":01}"#, #"{"a":1}x"#,
        #"{"a":1,"b":{"c" 1}}"#, #"{"a":1,"b":"x"#,
    ])
    func malformedSkippedMembersAreErrors(text: String) {
        #expect(throws: JSONParseError.self) { try JSON.member("a", parsing: Array(text.utf8)) }
        #expect(throws: JSONParseError.self) { try JSON(parsing: text) }
    }

    @Test(arguments: [
        ("0", JSON.int(0)), ("-0", .int(0)), ("123456789012345678", .int(123_456_789_012_345_678)),
        ("-999999999999999999", .int(-999_999_999_999_999_999)), ("9223372036854775807", .int(.max)),
        ("9223372036854775808", .double(9_223_372_036_854_775_808)), ("1e2", .double(100)),
    ])
    func integersParseExactly(text: String, expected: JSON) throws {
        #expect(try JSON(parsing: text) == expected)
    }
}
