/// Kubernetes' hand-marshalled protobuf types (apimachinery's `time_proto.go`, `micro_time_proto.go`,
/// `quantity_proto.go`, and the generated `IntOrString`, `Duration` and `FieldsV1`), read into the JSON their
/// `MarshalJSON` methods write.
enum ProtoWellKnown {
    /// `time.Time{}.Unix()`: the seconds of Go's zero time, which `Time.MarshalJSON` writes as `null`.
    static let goZeroTimeSeconds: Int64 = -62_135_596_800
    /// 9999-12-31T23:59:59Z, the last second RFC 3339 can write with a four-digit year.
    static let latestTimeSeconds: Int64 = 253_402_300_799

    /// `metav1.Time` / `metav1.MicroTime` from `Timestamp {1 seconds int64, 2 nanos int32}`. An empty message is the
    /// zero time. `Time` ignores the nanoseconds (kube-apiserver does, so JSON and protobuf clients agree);
    /// `MicroTime` truncates them to microseconds.
    static func time(
        _ bytes: [UInt8], _ range: Range<Int>, micro: Bool, path: String
    ) throws(KubernetesProtobufError) -> JSON {
        guard !range.isEmpty else { return .null }
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            switch number {
            case 1: seconds = try ProtoValueType.int64.read(wireType, &reader, path: path, depth: 0).intValue!
            case 2: nanos = Int32(try ProtoValueType.int32.read(wireType, &reader, path: path, depth: 0).intValue!)
            default: try reader.skip(wireType)
            }
        }
        // Go's Duration.Truncate rounds toward zero; Timestamp carries negative nanoseconds into the seconds.
        let fraction = micro ? Int64(nanos / 1_000 * 1_000) : 0
        guard (goZeroTimeSeconds - 1...latestTimeSeconds).contains(seconds) else {
            throw .malformed(path, "time \(seconds)s since the epoch is outside years 0001 through 9999")
        }
        let timestamp = Timestamp(secondsSinceEpoch: seconds, nanoseconds: fraction)
        guard timestamp.secondsSinceEpoch >= goZeroTimeSeconds, timestamp.secondsSinceEpoch <= latestTimeSeconds else {
            throw .malformed(path, "time \(seconds)s since the epoch is outside years 0001 through 9999")
        }
        if timestamp == Timestamp(secondsSinceEpoch: goZeroTimeSeconds) { return .null }
        return .string(micro ? timestamp.rfc3339Micro : timestamp.rfc3339)
    }

    /// `metav1.Duration` from `{1 duration int64}` (nanoseconds), written as Go's `Duration.String()`.
    static func duration(_ bytes: [UInt8], _ range: Range<Int>, path: String) throws(KubernetesProtobufError) -> JSON {
        var nanoseconds: Int64 = 0
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            if number == 1 {
                nanoseconds = try ProtoValueType.int64.read(wireType, &reader, path: path, depth: 0).intValue!
            } else {
                try reader.skip(wireType)
            }
        }
        return .string(GoDuration(nanoseconds: nanoseconds).description)
    }

    /// `resource.Quantity` from `{1 string}`, parsed as `ParseQuantity` does (an unparsable one fails the whole
    /// body, as in kube-apiserver) and written in canonical form. An empty message is the zero quantity, `"0"`.
    static func quantity(_ bytes: [UInt8], _ range: Range<Int>, path: String) throws(KubernetesProtobufError) -> JSON {
        var text: String?
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            if number == 1 {
                text = try ProtoValueType.string.read(wireType, &reader, path: path, depth: 0).stringValue!
            } else {
                try reader.skip(wireType)
            }
        }
        guard let text else { return .string("0") }
        do {
            return .string(try Quantity(parsing: text).description)
        } catch {
            throw .malformed(path, "quantity \(goQuoted(text)): \(error.message)")
        }
    }

    /// `intstr.IntOrString` from `{1 type int64, 2 intVal int32, 3 strVal string}`: a number for type 0, a string
    /// for type 1. Any other type is refused, as its `MarshalJSON` refuses it.
    static func intOrString(
        _ bytes: [UInt8], _ range: Range<Int>, path: String
    ) throws(KubernetesProtobufError) -> JSON {
        var type: Int64 = 0
        var intValue: Int64 = 0
        var stringValue = ""
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            switch number {
            case 1: type = try ProtoValueType.int64.read(wireType, &reader, path: path, depth: 0).intValue!
            case 2: intValue = try ProtoValueType.int32.read(wireType, &reader, path: path, depth: 0).intValue!
            case 3: stringValue = try ProtoValueType.string.read(wireType, &reader, path: path, depth: 0).stringValue!
            default: try reader.skip(wireType)
            }
        }
        switch type {
        case 0: return .int(intValue)
        case 1: return .string(stringValue)
        default: throw .malformed(path, "IntOrString type \(type) is neither 0 (int) nor 1 (string)")
        }
    }

    /// `metav1.FieldsV1` / `runtime.RawExtension` from `{1 raw bytes}`: the bytes are JSON and are written as
    /// that JSON; absent bytes are `null`. Bytes that are not JSON fail, as Go's encoder fails on them.
    static func rawJSON(_ bytes: [UInt8], _ range: Range<Int>, path: String) throws(KubernetesProtobufError) -> JSON {
        var raw: Range<Int>?
        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            if number == 1 {
                guard wireType == .lengthDelimited else {
                    throw .malformed(path, "wrong wire type \(wireType) for a bytes field")
                }
                raw = try reader.readLengthDelimited()
            } else {
                try reader.skip(wireType)
            }
        }
        guard let raw else { return .null }
        do {
            return try JSON(parsing: bytes[raw])
        } catch {
            throw .malformed(path, "raw bytes are not JSON: \(error.description)")
        }
    }
}

/// Standard base64 with padding, as Go's `encoding/json` writes `[]byte`.
func base64Encoded(_ bytes: some Collection<UInt8>) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var output: [UInt8] = []
    output.reserveCapacity((bytes.count + 2) / 3 * 4)
    var iterator = bytes.makeIterator()
    while let first = iterator.next() {
        let second = iterator.next()
        let third = iterator.next()
        let chunk = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
        output.append(alphabet[Int(chunk >> 18 & 63)])
        output.append(alphabet[Int(chunk >> 12 & 63)])
        output.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(chunk >> 6 & 63)])
        output.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(chunk & 63)])
    }
    return String(decoding: output, as: UTF8.self)
}
