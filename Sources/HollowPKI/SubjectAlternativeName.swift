#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import SwiftASN1
import X509

/// One subject alternative name of the serving certificate: an IP address (raw bytes) or a DNS name (lowercased).
enum SubjectAlternativeName: Hashable, Sendable, CustomStringConvertible {
    case ipAddress([UInt8])
    case dnsName(String)

    /// The names every serving certificate carries, as kubeadm's does, plus loopback.
    static let defaults: [SubjectAlternativeName] = [
        .dnsName("localhost"),
        .dnsName("kubernetes"),
        .dnsName("kubernetes.default"),
        .dnsName("kubernetes.default.svc"),
        .dnsName("kubernetes.default.svc.cluster.local"),
        .ipAddress([127, 0, 0, 1]),
        .ipAddress([UInt8](repeating: 0, count: 15) + [1]),
    ]

    /// Classifies a user-supplied address as an IP (v4, v6, or bracketed v6) or a DNS name.
    ///
    /// Returns nil for the unspecified addresses (`0.0.0.0`, `::`): they are bind addresses, never dialled.
    /// - Throws: `PKIError` (`isInvalidArgument`) for something that is neither an IP nor a DNS name
    ///   (e.g. `host:port`).
    static func parse(_ address: String) throws -> SubjectAlternativeName? {
        var text = address
        if text.hasPrefix("[") && text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if let bytes = ipBytes(text) {
            return bytes.allSatisfy { $0 == 0 } ? nil : .ipAddress(bytes)
        }
        let name = text.lowercased()
        guard isDNSName(name) else {
            throw PKIError.invalidArgument(
                "invalid server address \"\(address)\": expected an IP address or a DNS name (without a port)"
            )
        }
        return .dnsName(name)
    }

    /// The raw 4 or 16 bytes of an IPv4 or IPv6 literal, or nil.
    static func ipBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }

    /// Whether `name` (lowercased) is a plausible DNS name: dot-separated labels of `a-z`, `0-9` and inner `-`.
    private static func isDNSName(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard !label.isEmpty, label.utf8.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-") else {
                return false
            }
            return label.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                    true
                default:
                    false
                }
            }
        }
    }

    /// The DNS and IP names of `certificate`'s SAN extension; none if it is absent or malformed.
    static func names(in certificate: Certificate) -> [SubjectAlternativeName] {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return [] }
        return names.compactMap(SubjectAlternativeName.init)
    }

    init?(_ generalName: GeneralName) {
        switch generalName {
        case .dnsName(let name):
            self = .dnsName(name.lowercased())
        case .ipAddress(let octets):
            self = .ipAddress(Array(octets.bytes))
        default:
            return nil
        }
    }

    var generalName: GeneralName {
        switch self {
        case .dnsName(let name): .dnsName(name)
        case .ipAddress(let bytes): .ipAddress(ASN1OctetString(contentBytes: bytes[...]))
        }
    }

    var description: String {
        switch self {
        case .dnsName(let name):
            return "DNS:\(name)"
        case .ipAddress(let bytes):
            var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let family = bytes.count == 4 ? AF_INET : AF_INET6
            let ok = bytes.withUnsafeBytes { inet_ntop(family, $0.baseAddress, &buffer, socklen_t(buffer.count)) }
            guard ok != nil else { return "IP:?" }
            let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            return "IP:\(String(decoding: text, as: UTF8.self))"
        }
    }
}
