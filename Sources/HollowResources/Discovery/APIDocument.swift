import HollowModel

// Discovery documents (`/api`, `/apis`, `/api/v1`, `/apis/G/V`, aggregated `APIGroupDiscoveryList`) as pure
// functions of the registered resources, and `DiscoveryDocuments`, which caches them per registry generation for
// the HTTP layer. `APIDocument` and `ContentHash` are shared with the OpenAPI documents.

/// A document the server serves as it is: its JSON value, the compact bytes to send, and a hash of those bytes
/// for `ETag` headers and OpenAPI v3's `?hash=` URLs.
///
/// Built once per registry generation; the HTTP layer sends `bytes` without serializing again.
public struct APIDocument: Sendable {
    public let json: JSON
    public let bytes: [UInt8]
    /// 16 uppercase hex digits of the 64-bit FNV-1a hash of `bytes`; equal documents hash equally.
    public let hash: String

    public init(_ json: JSON) {
        self.json = json
        self.bytes = json.serialized()
        self.hash = ContentHash.hex(of: bytes)
    }
}

/// A stable, dependency-free content hash (64-bit FNV-1a). Not cryptographic: it only has to change when a
/// document changes, which is all ETags and OpenAPI hash URLs ask of it.
public enum ContentHash {
    public static func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The hash as 16 uppercase hex digits.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        let value = fnv1a64(bytes)
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(16)
        for shift in stride(from: 60, through: 0, by: -4) { text.append(digits[Int((value >> UInt64(shift)) & 0xF)]) }
        return String(decoding: text, as: UTF8.self)
    }
}
