// A minimal protobuf wire-format reader, hand-written on purpose: decoding Kubernetes' messages with swift-protobuf
// would mean generating Swift for the whole k8s.io/api and apimachinery `generated.proto` tree (a large codegen
// dependency, and HollowModel has none) to read the handful of types kubectl sends as protobuf. The reader knows
// only the wire format; `ProtoMessage` tables supply the meaning.

/// The wire type in the low three bits of a field's tag.
enum ProtobufWireType: UInt8, Sendable, CustomStringConvertible {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5

    var description: String {
        switch self {
        case .varint: "varint"
        case .fixed64: "64-bit"
        case .lengthDelimited: "length-delimited"
        case .startGroup: "start-group"
        case .endGroup: "end-group"
        case .fixed32: "32-bit"
        }
    }
}

/// Reads protobuf wire data from a range of a byte array.
///
/// Every read is bounds-checked against the range and throws `KubernetesProtobufError` (code `.malformed`, with the
/// byte offset) rather than trapping, so arbitrary input cannot crash the server. Nested messages are read by
/// handing their `Range` to a new reader over the same array; nothing is copied.
struct ProtobufReader {
    let bytes: [UInt8]
    private(set) var index: Int
    let end: Int

    init(_ bytes: [UInt8], range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count)
        self.bytes = bytes
        self.index = range.lowerBound
        self.end = range.upperBound
    }

    init(_ bytes: [UInt8]) { self.init(bytes, range: 0..<bytes.count) }

    var isAtEnd: Bool { index >= end }

    private func fail(_ reason: String, at offset: Int? = nil) -> KubernetesProtobufError {
        .malformed("", "\(reason) at byte \(offset ?? index)")
    }

    /// A base-128 varint of at most ten bytes; bits past 64 are an error, as in Go's generated code.
    mutating func readVarint() throws(KubernetesProtobufError) -> UInt64 {
        let start = index
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < end else { throw fail("truncated varint", at: start) }
            let byte = bytes[index]
            index += 1
            if shift == 63, byte > 1 { throw fail("varint overflows 64 bits", at: start) }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
            if shift > 63 { throw fail("varint overflows 64 bits", at: start) }
        }
    }

    /// A field's tag: its number (1 through 2^29-1) and wire type.
    mutating func readTag() throws(KubernetesProtobufError) -> (number: Int, wireType: ProtobufWireType) {
        let start = index
        let tag = try readVarint()
        guard let wireType = ProtobufWireType(rawValue: UInt8(tag & 7)), tag >> 3 <= 0x1FFF_FFFF else {
            throw fail("illegal tag \(tag)", at: start)
        }
        let number = Int(tag >> 3)
        guard number > 0 else { throw fail("illegal field number 0", at: start) }
        return (number, wireType)
    }

    mutating func readFixed64() throws(KubernetesProtobufError) -> UInt64 {
        guard end - index >= 8 else { throw fail("truncated 64-bit value") }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[index + offset]) << (8 * UInt64(offset)) }
        index += 8
        return value
    }

    mutating func readFixed32() throws(KubernetesProtobufError) -> UInt32 {
        guard end - index >= 4 else { throw fail("truncated 32-bit value") }
        var value: UInt32 = 0
        for offset in 0..<4 { value |= UInt32(bytes[index + offset]) << (8 * UInt32(offset)) }
        index += 4
        return value
    }

    /// The payload of a length-delimited field, as a range of `bytes`.
    mutating func readLengthDelimited() throws(KubernetesProtobufError) -> Range<Int> {
        let start = index
        let length = try readVarint()
        guard length <= UInt64(end - index) else { throw fail("length \(length) runs past the end", at: start) }
        let range = index..<(index + Int(length))
        index = range.upperBound
        return range
    }

    /// Skips a field's value. Groups (wire types 3 and 4) are refused: proto3 dropped them and Kubernetes never
    /// writes them.
    mutating func skip(_ wireType: ProtobufWireType) throws(KubernetesProtobufError) {
        switch wireType {
        case .varint: _ = try readVarint()
        case .fixed64: _ = try readFixed64()
        case .lengthDelimited: _ = try readLengthDelimited()
        case .fixed32: _ = try readFixed32()
        case .startGroup, .endGroup: throw fail("groups are not supported")
        }
    }

    /// The UTF-8 text in `range`; invalid sequences become U+FFFD, as Go's JSON encoder writes them.
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }
}
