/// Turning wire data into the JSON kube-apiserver would write for the same Go object: protobuf's rules for reading
/// (last value wins for scalars, repeated occurrences of a message merge, unknown fields are skipped as Go's generated
/// `Unmarshal` skips them) followed by `encoding/json`'s rules for writing (`omitempty`, nil slices and maps as
/// `null`, map keys sorted, `[]byte` as base64).
extension ProtoMessage {
    /// Nesting deeper than this is refused. The tables nest thirteen messages deep at most (a CronJob's pod
    /// template's ephemeral volume claim template), so this only stops hostile input; unknown fields are skipped
    /// without descending into them.
    static let maximumDepth = 48

    /// Decodes `range` of `bytes` as this message.
    /// - Parameters:
    ///   - path: the JSON path of this object, for error messages.
    ///   - depth: how many messages enclose this one.
    func decode(
        _ bytes: [UInt8], _ range: Range<Int>, path: String, depth: Int = 0
    ) throws(KubernetesProtobufError) -> JSONObject {
        guard depth <= ProtoMessage.maximumDepth else {
            throw .malformed(path, "messages nested deeper than \(ProtoMessage.maximumDepth)")
        }
        var scalars = [JSON?](repeating: nil, count: fields.count)
        var parts = [[Range<Int>]](repeating: [], count: fields.count)
        var elements = [[JSON]](repeating: [], count: fields.count)
        var entries = [[String: JSON]](repeating: [:], count: fields.count)

        var reader = ProtobufReader(bytes, range: range)
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            guard let index = indexByNumber[number] else {
                try reader.skip(wireType)
                continue
            }
            let field = fields[index]
            if field.isRepeated {
                let elementPath = "\(ProtoMessage.join(path, field.name))[\(elements[index].count)]"
                if wireType == .lengthDelimited, field.type.isPackable {
                    // A packed run of varints; Go's generated code accepts both encodings for repeated numbers.
                    var packed = ProtobufReader(bytes, range: try reader.readLengthDelimited())
                    while !packed.isAtEnd {
                        elements[index].append(try field.type.read(.varint, &packed, path: elementPath, depth: depth))
                    }
                } else {
                    elements[index].append(try field.type.read(wireType, &reader, path: elementPath, depth: depth))
                }
            } else if field.isMap {
                let fieldPath = ProtoMessage.join(path, field.name)
                guard wireType == .lengthDelimited else {
                    throw .malformed(fieldPath, "wrong wire type \(wireType) for a map entry")
                }
                let (key, value) = try field.type.readMapEntry(
                    bytes, try reader.readLengthDelimited(), path: fieldPath, depth: depth)
                entries[index][key] = value
            } else if field.type.merges {
                guard wireType == .lengthDelimited else {
                    throw .malformed(ProtoMessage.join(path, field.name), "wrong wire type \(wireType) for a message")
                }
                parts[index].append(try reader.readLengthDelimited())
            } else {
                scalars[index] = try field.type.read(
                    wireType, &reader, path: ProtoMessage.join(path, field.name), depth: depth)
            }
        }

        var object = JSONObject()
        for (index, field) in fields.enumerated() {
            var present = scalars[index]
            if present == nil, !parts[index].isEmpty {
                let fieldPath = ProtoMessage.join(path, field.name)
                present = try field.type.readMerged(bytes, parts[index], path: fieldPath, depth: depth)
            }
            if present == nil, field.shape == .value || field.shape == .inline {
                present = try field.type.goZero(path: ProtoMessage.join(path, field.name), depth: depth)
            }
            switch field.shape {
            case .value:
                object[field.name] = present
            case .omitEmpty:
                if let present, !present.isGoEmpty { object[field.name] = present }
            case .pointer:
                if let present { object[field.name] = present }
            case .pointerOrNull:
                object[field.name] = present ?? .null
            case .repeated:
                if !elements[index].isEmpty { object[field.name] = .array(elements[index]) }
            case .repeatedOrNull:
                object[field.name] = elements[index].isEmpty ? .null : .array(elements[index])
            case .map:
                if !entries[index].isEmpty { object[field.name] = ProtoMessage.sortedObject(entries[index]) }
            case .mapOrNull:
                object[field.name] = entries[index].isEmpty ? .null : ProtoMessage.sortedObject(entries[index])
            case .inline:
                for member in present?.objectValue ?? JSONObject() { object[member.key] = member.value }
            }
        }
        return object
    }

    static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : name.isEmpty ? path : path + "." + name
    }

    /// Go's `encoding/json` writes map keys sorted by their bytes.
    static func sortedObject(_ entries: [String: JSON]) -> JSON {
        let keys = entries.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return .object(JSONObject(members: keys.map { JSONObject.Member(key: $0, value: entries[$0]!) }))
    }
}

extension JSON {
    /// What `omitempty` leaves out: `""`, `0`, `false`, and `null` (a zero `Time` under `omitzero`).
    var isGoEmpty: Bool {
        switch self {
        case .null: true
        case .bool(let value): !value
        case .int(let value): value == 0
        case .string(let value): value.isEmpty
        default: false
        }
    }
}

extension ProtoValueType {
    /// Singular fields whose occurrences merge, as Go's generated code unmarshals into the existing struct. The
    /// hand-written `Time`, `MicroTime`, `Quantity` and `FieldsV1` unmarshalers replace instead, so the last wins.
    var merges: Bool {
        switch self {
        case .message, .intOrString, .duration: true
        default: false
        }
    }

    var isPackable: Bool {
        switch self {
        case .bool, .int32, .int64: true
        default: false
        }
    }

    /// The JSON of an absent value field: Go's zero value as `encoding/json` writes it.
    func goZero(path: String, depth: Int) throws(KubernetesProtobufError) -> JSON {
        switch self {
        case .string: .string("")
        case .bool: .bool(false)
        case .int32, .int64, .intOrString: .int(0)
        case .bytes, .time, .microTime, .rawJSON: .null
        case .duration: .string("0s")
        case .quantity: .string("0")
        case .message(let message): .object(try message.decode([], 0..<0, path: path, depth: depth + 1))
        }
    }

    /// Reads one value of this type whose tag has just been read.
    func read(
        _ wireType: ProtobufWireType, _ reader: inout ProtobufReader, path: String, depth: Int
    ) throws(KubernetesProtobufError) -> JSON {
        let expected: ProtobufWireType =
            switch self {
            case .bool, .int32, .int64: .varint
            default: .lengthDelimited
            }
        guard wireType == expected else {
            throw .malformed(path, "wrong wire type \(wireType) for a \(self.name) field")
        }
        switch self {
        case .bool: return .bool(try reader.readVarint() != 0)
        case .int32: return .int(Int64(Int32(truncatingIfNeeded: try reader.readVarint())))
        case .int64: return .int(Int64(bitPattern: try reader.readVarint()))
        case .string: return .string(reader.string(try reader.readLengthDelimited()))
        case .bytes: return .string(base64Encoded(reader.bytes[try reader.readLengthDelimited()]))
        default: return try readMerged(reader.bytes, [try reader.readLengthDelimited()], path: path, depth: depth)
        }
    }

    /// Decodes a message-typed value from the concatenation of its occurrences (protobuf's merge).
    func readMerged(
        _ bytes: [UInt8], _ ranges: [Range<Int>], path: String, depth: Int
    ) throws(KubernetesProtobufError) -> JSON {
        let (buffer, range): ([UInt8], Range<Int>)
        if ranges.count == 1 {
            (buffer, range) = (bytes, ranges[0])
        } else {
            let joined = ranges.flatMap { bytes[$0] }
            (buffer, range) = (joined, 0..<joined.count)
        }
        switch self {
        case .message(let message): return .object(try message.decode(buffer, range, path: path, depth: depth + 1))
        case .time: return try ProtoWellKnown.time(buffer, range, micro: false, path: path)
        case .microTime: return try ProtoWellKnown.time(buffer, range, micro: true, path: path)
        case .duration: return try ProtoWellKnown.duration(buffer, range, path: path)
        case .quantity: return try ProtoWellKnown.quantity(buffer, range, path: path)
        case .intOrString: return try ProtoWellKnown.intOrString(buffer, range, path: path)
        case .rawJSON: return try ProtoWellKnown.rawJSON(buffer, range, path: path)
        case .string, .bytes, .bool, .int32, .int64:
            preconditionFailure("\(name) is not a message")
        }
    }

    /// A map entry: key in field 1, value in field 2, either possibly absent.
    func readMapEntry(
        _ bytes: [UInt8], _ range: Range<Int>, path: String, depth: Int
    ) throws(KubernetesProtobufError) -> (String, JSON) {
        var reader = ProtobufReader(bytes, range: range)
        var key = ""
        var value: JSON?
        while !reader.isAtEnd {
            let (number, wireType) = try reader.readTag()
            switch number {
            case 1: key = try ProtoValueType.string.read(wireType, &reader, path: path, depth: depth).stringValue!
            case 2: value = try read(wireType, &reader, path: "\(path)[\(goQuoted(key))]", depth: depth)
            default: try reader.skip(wireType)
            }
        }
        if let value { return (key, value) }
        return (key, try goZero(path: path, depth: depth))
    }

    var name: String {
        switch self {
        case .string: "string"
        case .bytes: "bytes"
        case .bool: "bool"
        case .int32: "int32"
        case .int64: "int64"
        case .message(let message): message.name
        case .time: "Time"
        case .microTime: "MicroTime"
        case .duration: "Duration"
        case .quantity: "Quantity"
        case .intOrString: "IntOrString"
        case .rawJSON: "raw JSON"
        }
    }
}
