import HollowModel
import HollowResources
import NIOCore
import NIOSSL
import Synchronization

/// Turns a request's credentials into a user: a client certificate (DER, as the TLS layer received it, not yet
/// trusted) or a bearer token. Returns `nil` for credentials that do not authenticate.
public protocol Authenticator: Sendable {
    func authenticate(clientCertificate der: [UInt8]) -> UserInfo?
    func authenticate(bearerToken: String) -> UserInfo?
}

/// Caches certificate verdicts by the certificate's bytes: verifying an ECDSA signature per request would cost
/// more than serving a GET.
final class CertificateVerdictCache: Sendable {
    private let verdicts = Mutex<[[UInt8]: UserInfo?]>([:])
    private let limit = 1024

    func verdict(for der: [UInt8], compute: () -> UserInfo?) -> UserInfo? {
        if let cached = verdicts.withLock({ $0[der] }) { return cached }
        let verdict = compute()
        verdicts.withLock {
            if $0.count >= limit { $0.removeAll(keepingCapacity: true) }
            $0[der] = .some(verdict)
        }
        return verdict
    }
}

extension Channel {
    /// The DER bytes of the client certificate presented on this connection. An HTTP/1 connection holds the TLS
    /// handler itself; an HTTP/2 stream asks its parent, the connection.
    func peerCertificateDER() async -> [UInt8]? {
        let certificate: NIOSSLCertificate?
        if let own = try? await nioSSL_peerCertificate().get() {
            certificate = own
        } else if let parent, let inherited = try? await parent.nioSSL_peerCertificate().get() {
            certificate = inherited
        } else {
            certificate = nil
        }
        return try? certificate?.toDERBytes()
    }
}
