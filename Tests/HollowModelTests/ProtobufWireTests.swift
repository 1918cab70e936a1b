import Testing

@testable import HollowModel

/// A test-only protobuf writer for building bodies by hand, field by field, as Go's generated `Marshal` lays
/// them out.
struct ProtoWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func tag(_ field: Int, _ wireType: UInt8) { varint(UInt64(field) << 3 | UInt64(wireType)) }

    /// A varint field (`int32`, `int64`, `bool`, enum); negative numbers take ten bytes, as in Go.
    mutating func int(_ field: Int, _ value: Int64) {
        tag(field, 0)
        varint(UInt64(bitPattern: value))
    }

    mutating func bool(_ field: Int, _ value: Bool) { int(field, value ? 1 : 0) }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        tag(field, 2)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }

    mutating func message(_ field: Int, _ build: (inout ProtoWriter) -> Void = { _ in }) {
        var nested = ProtoWriter()
        build(&nested)
        bytes(field, nested.bytes)
    }

    /// One `map<string, string>` entry.
    mutating func entry(_ field: Int, _ key: String, _ value: String) {
        message(field) {
            $0.string(1, key)
            $0.string(2, value)
        }
    }

    /// One map entry whose value is a message (`ResourceList`'s `Quantity`).
    mutating func entry(_ field: Int, _ key: String, message build: @escaping (inout ProtoWriter) -> Void) {
        message(field) {
            $0.string(1, key)
            $0.message(2, build)
        }
    }

    mutating func fixed32(_ field: Int, _ value: UInt32) {
        tag(field, 5)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func fixed64(_ field: Int, _ value: UInt64) {
        tag(field, 1)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    /// A whole request body: `k8s\0` and a `runtime.Unknown` around the object built by `build`.
    static func body(_ apiVersion: String, _ kind: String, _ build: (inout ProtoWriter) -> Void) -> [UInt8] {
        var object = ProtoWriter()
        build(&object)
        var unknown = ProtoWriter()
        unknown.message(1) {
            $0.string(1, apiVersion)
            $0.string(2, kind)
        }
        unknown.bytes(2, object.bytes)
        unknown.string(3, "")
        unknown.string(4, "")
        return [0x6B, 0x38, 0x73, 0x00] + unknown.bytes
    }
}

@Suite struct ProtobufWireTests {
    @Test(arguments: [
        (0, [0x00]), (1, [0x01]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
        (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ] as [(UInt64, [UInt8])])
    func varintsRead(value: UInt64, encoding: [UInt8]) throws {
        var reader = ProtobufReader(encoding)
        #expect(try reader.readVarint() == value)
        #expect(reader.isAtEnd)
        var writer = ProtoWriter()
        writer.varint(value)
        #expect(writer.bytes == encoding)
    }

    @Test(arguments: [
        [], [0x80], [0xFF, 0xFF],
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02],
        [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x00],
    ] as [[UInt8]])
    func truncatedOrOverlongVarintsAreMalformed(encoding: [UInt8]) {
        var reader = ProtobufReader(encoding)
        #expect(throws: KubernetesProtobufError.self) { try reader.readVarint() }
    }

    @Test func fixedWidthValuesAreLittleEndian() throws {
        var writer = ProtoWriter()
        writer.fixed32(1, 0x0102_0304)
        writer.fixed64(2, 0x0102_0304_0506_0708)
        var reader = ProtobufReader(writer.bytes)
        #expect(try reader.readTag() == (1, .fixed32))
        #expect(try reader.readFixed32() == 0x0102_0304)
        #expect(try reader.readTag() == (2, .fixed64))
        #expect(try reader.readFixed64() == 0x0102_0304_0506_0708)
        #expect(reader.isAtEnd)
        var short = ProtobufReader([1, 2, 3])
        #expect(throws: KubernetesProtobufError.self) { try short.readFixed32() }
        #expect(throws: KubernetesProtobufError.self) { try short.readFixed64() }
    }

    @Test func lengthDelimitedPayloadsStayInsideTheirRange() throws {
        var reader = ProtobufReader([0x03, 0x61, 0x62, 0x63, 0xFF], range: 0..<4)
        let payload = try reader.readLengthDelimited()
        #expect(payload == 1..<4)
        #expect(reader.string(payload) == "abc")
        // The length points past the reader's end even though the array has more bytes.
        var bounded = ProtobufReader([0x04, 0x61, 0x62, 0x63, 0xFF], range: 0..<4)
        #expect(throws: KubernetesProtobufError.self) { try bounded.readLengthDelimited() }
        var huge = ProtobufReader([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(throws: KubernetesProtobufError.self) { try huge.readLengthDelimited() }
    }

    @Test func tagsNeedAValidNumberAndWireType() throws {
        for bad: [UInt8] in [[0x00], [0x06], [0x07], [0x80, 0x80, 0x80, 0x80, 0x80, 0x01]] {
            var reader = ProtobufReader(bad)
            #expect(throws: KubernetesProtobufError.self) { try reader.readTag() }
        }
        var reader = ProtobufReader([0xF8, 0xFF, 0xFF, 0xFF, 0x0F])
        #expect(try reader.readTag() == (536_870_911, .varint))
    }

    @Test func skippingCoversEveryWireTypeButGroups() throws {
        var writer = ProtoWriter()
        writer.int(1, -1)
        writer.fixed64(2, 7)
        writer.string(3, "skip me")
        writer.fixed32(4, 9)
        writer.int(5, 42)
        var reader = ProtobufReader(writer.bytes)
        for _ in 1...4 { try reader.skip(try reader.readTag().wireType) }
        #expect(try reader.readTag() == (5, .varint))
        #expect(try reader.readVarint() == 42)

        var group = ProtobufReader([0x0B, 0x0C])
        let (_, wireType) = try group.readTag()
        #expect(wireType == .startGroup)
        #expect(throws: KubernetesProtobufError.self) { try group.skip(wireType) }
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let reader = ProtobufReader([0x61, 0xFF, 0x62])
        #expect(reader.string(0..<3) == "a\u{FFFD}b")
    }

    @Test(arguments: [
        ([], ""), (Array("f".utf8), "Zg=="), (Array("fo".utf8), "Zm8="), (Array("foo".utf8), "Zm9v"),
        ([0x00, 0x01, 0xFE, 0xFF], "AAH+/w=="),
    ] as [([UInt8], String)])
    func bytesAreStandardBase64(bytes: [UInt8], text: String) {
        #expect(base64Encoded(bytes) == text)
    }
}
