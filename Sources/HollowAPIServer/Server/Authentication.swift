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

/// The client certificate of each open connection, read from the TLS handler once per connection rather than
/// once per request (reading it hops onto the connection's event loop).
final class PeerCertificates: Sendable {
    private let certificates = Mutex<[ObjectIdentifier: [UInt8]?]>([:])

    /// The DER bytes of the client certificate presented on `channel`'s connection, if any.
    func certificate(of channel: any Channel) async -> [UInt8]? {
        // An HTTP/1 connection holds the TLS handler itself (its parent is the listening socket); an HTTP/2
        // stream's parent is the connection, whose own parent is the listening socket.
        let connection: any Channel = channel.parent.flatMap { $0.parent == nil ? nil : $0 } ?? channel
        let id = ObjectIdentifier(connection)
        if let known = certificates.withLock({ $0[id] }) { return known }
        let certificate = try? await connection.nioSSL_peerCertificate().get()
        let der = try? certificate?.toDERBytes()
        let inserted = certificates.withLock { state in
            let isNew = state[id] == nil
            state[id] = .some(der)
            return isNew
        }
        if inserted {
            connection.closeFuture.whenComplete { [weak self] _ in
                _ = self?.certificates.withLock { $0.removeValue(forKey: id) }
            }
        }
        return der
    }
}
