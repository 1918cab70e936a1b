import Testing

@testable import HollowModel

@Suite struct JSONSerializationTests {
    @Test(arguments: [
        ("a\"b", #""a\"b""#),
        ("back\\slash", #""back\\slash""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("\u{01}\u{1F}", #""\u0001\u001f""#),
        ("\u{08}\u{0C}", #""\u0008\u000c""#),
        ("slash/ <tag> & é 😀", "\"slash/ <tag> & é 😀\""),
        ("", #""""#),
    ])
    func stringsAreEscapedAsJSONRequires(value: String, encoded: String) throws {
        let json = JSON.string(value)
        #expect(json.serializedString == encoded)
        #expect(try JSON(parsing: encoded) == json)
    }

    @Test(arguments: [
        (JSON.double(1.5), "1.5"),
        (.double(2.0), "2"),
        (.double(-0.0), "0"),
        (.double(1e15), "1000000000000000.0"),
        (.double(1e21), "1e+21"),
        (.double(123_456_789_012_345), "123456789012345"),
        (.double(0.1), "0.1"),
        (.double(.nan), "null"),
        (.double(.infinity), "null"),
        (.int(-42), "-42"),
        (.int(.max), "9223372036854775807"),
    ])
    func numbersSerializeCompactly(value: JSON, encoded: String) {
        #expect(value.serializedString == encoded)
    }

    @Test func doublesRoundTripExactly() throws {
        for value in [0.1, 1.0 / 3.0, 6.02214076e23, Double.leastNonzeroMagnitude, 1.7976931348623157e308, -2.5e-7] {
            let text = JSON.double(value).serializedString
            #expect(try JSON(parsing: text).doubleValue == value)
        }
    }

    @Test func serializationIsCompactAndOrdered() {
        let value: JSON = ["b": [1, nil, true], "a": ["x": "y"], "c": 1.25]
        #expect(value.serializedString == #"{"b":[1,null,true],"a":{"x":"y"},"c":1.25}"#)
        #expect(value.description == value.serializedString)
    }

    @Test func writeAppendsToExistingOutput() {
        var output = Array("prefix:".utf8)
        JSON.array([1, "a"]).write(to: &output)
        #expect(String(decoding: output, as: UTF8.self) == #"prefix:[1,"a"]"#)
    }

    @Test func objectEqualityIgnoresMemberOrder() throws {
        #expect(try JSON(parsing: #"{"a":1,"b":2}"#) == JSON(parsing: #"{"b":2,"a":1}"#))
        #expect(try JSON(parsing: #"{"a":1,"b":2}"#) != JSON(parsing: #"{"a":1}"#))
    }

    @Test func parsedAndSerializedDocumentsAreStable() throws {
        let text = #"{"metadata":{"name":"n","annotations":{"k":"line1\nline2 \"q\" \\ é"}},"items":[1,2.5,-3e-7,"😀"]}"#
        let once = try JSON(parsing: text).serializedString
        let twice = try JSON(parsing: once).serializedString
        #expect(once == twice)
        #expect(try JSON(parsing: once) == JSON(parsing: text))
    }
}
