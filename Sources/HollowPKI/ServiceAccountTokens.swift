import Crypto
import Foundation

/// Issues and checks service-account tokens: JWTs (HS256) naming `system:serviceaccount:NS:NAME`, signed with a
/// key kept in the cluster directory, as kube-apiserver's TokenRequest issues them (it signs with RS256; clients
/// treat tokens as opaque, so the algorithm is ours to choose).
public struct ServiceAccountTokens: Sendable {
    /// What a valid token claims.
    public struct Claims: Sendable, Equatable {
        public var namespace: String
        public var name: String
        public var uid: String
        public var audiences: [String]
        public var expiresAt: Int64
    }

    public static let issuer = "https://kubernetes.default.svc"
    private let key: SymmetricKey

    public init(key: [UInt8]) {
        self.key = SymmetricKey(data: key)
    }

    /// The cluster's signing key, created on first start.
    public static func loadOrCreate(directory: ClusterDirectory) throws -> ServiceAccountTokens {
        let path = directory.serviceAccountKeyPath
        if let bytes = try SecureFile.readIfPresent(path) {
            guard bytes.count >= 32 else { throw PKIError.corruptFile(path, "the key is shorter than 32 bytes") }
            return ServiceAccountTokens(key: bytes)
        }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        try SecureFile.write(bytes, to: path, mode: SecureFile.privateMode)
        return ServiceAccountTokens(key: bytes)
    }

    /// A signed token for the service account, valid from `now` for `lifetime` seconds.
    public func issue(namespace: String, name: String, uid: String, audiences: [String], now: Int64, lifetime: Int64) -> String {
        let header = #"{"alg":"HS256","typ":"JWT"}"#
        let audienceList = audiences.map { "\"\(Self.escape($0))\"" }.joined(separator: ",")
        let payload =
            #"{"aud":[\#(audienceList)],"exp":\#(now + lifetime),"iat":\#(now),"iss":"\#(Self.issuer)","#
            + #""kubernetes.io":{"namespace":"\#(Self.escape(namespace))","serviceaccount":{"name":"\#(Self.escape(name))","uid":"\#(Self.escape(uid))"}},"#
            + #""nbf":\#(now),"sub":"system:serviceaccount:\#(Self.escape(namespace)):\#(Self.escape(name))"}"#
        let signingInput = Self.base64URL(Array(header.utf8)) + "." + Self.base64URL(Array(payload.utf8))
        let signature = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Self.base64URL(Array(signature))
    }

    /// The claims of a token this cluster signed that has not expired at `now`; `nil` for anything else.
    public func verify(_ token: String, now: Int64) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Self.decodeBase64URL(String(parts[2])),
            let payloadBytes = Self.decodeBase64URL(String(parts[1]))
        else { return nil }
        let signingInput = Array("\(parts[0]).\(parts[1])".utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key),
            let payload = try? JSONSerialization.jsonObject(with: Data(payloadBytes)) as? [String: Any],
            let expiresAt = (payload["exp"] as? NSNumber)?.int64Value, expiresAt > now,
            let kubernetes = payload["kubernetes.io"] as? [String: Any],
            let namespace = kubernetes["namespace"] as? String,
            let account = kubernetes["serviceaccount"] as? [String: Any], let name = account["name"] as? String
        else { return nil }
        return Claims(
            namespace: namespace, name: name, uid: account["uid"] as? String ?? "",
            audiences: payload["aud"] as? [String] ?? [], expiresAt: expiresAt)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map { Array($0) }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
