import HollowModel

/// `controller.ComputeHash`: the `pod-template-hash` of a Deployment's ReplicaSets and the `controller-revision-hash`
/// of a DaemonSet's revisions.
///
/// Kube hashes the Go struct with FNV-32a (`hashutil.DeepHashObject`, which prints the struct with spew); Hollow hashes
/// the template's JSON with its object keys sorted, so equal templates hash equally whatever order their keys came in.
/// The values differ from kube's but have the same form and the same properties: stable, changed by `collisionCount`,
/// rendered with `rand.SafeEncodeString` (digits only, mapped onto "bcdfghjklmnpqrstvwxz2456789", so no vowels and
/// no words).
public enum WorkloadHash {
    /// `utilrand`'s alphabet, as `SafeEncodeString` uses it.
    static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    public static func computeHash(template: JSON, collisionCount: Int32?) -> String {
        var hasher = FNV32a()
        hasher.write(canonical(template).serialized())
        if let collisionCount {
            // binary.LittleEndian.PutUint32 into an 8-byte slice: four bytes of the count, four zeros.
            let value = UInt32(bitPattern: collisionCount)
            hasher.write([
                UInt8(truncatingIfNeeded: value), UInt8(truncatingIfNeeded: value >> 8),
                UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 24), 0, 0, 0, 0,
            ])
        }
        return safeEncode(String(hasher.value))
    }

    /// `rand.SafeEncodeString`: each byte of `text` replaced by `alphabet[byte % 27]`.
    public static func safeEncode(_ text: String) -> String {
        String(decoding: text.utf8.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    /// `value` with every object's members sorted bytewise by key, as Go's `encoding/json` writes maps.
    public static func canonical(_ value: JSON) -> JSON {
        switch value {
        case .object(let object):
            let members = object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            return .object(JSONObject(members.map { ($0.key, canonical($0.value)) }))
        case .array(let elements):
            return .array(elements.map(canonical))
        default:
            return value
        }
    }

    /// 32-bit FNV-1a, as Go's `hash/fnv.New32a`.
    struct FNV32a {
        private(set) var value: UInt32 = 2_166_136_261

        mutating func write(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                value ^= UInt32(byte)
                value = value &* 16_777_619
            }
        }
    }
}
