import HollowPKI
import HollowResources
import Hummingbird
import HummingbirdHTTP2
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// Serves an `APIServer` over HTTPS with HTTP/1.1 and HTTP/2 (chosen by ALPN), as kube-apiserver does.
///
/// The TLS layer asks for a client certificate but accepts any: whether it proves an identity is the
/// authenticator's decision, so a certificate from another CA gets a 401 `Status` rather than a failed
/// handshake, as on kube-apiserver.
public enum HTTPSServer {
    public static func application(
        apiServer: APIServer, credentials: ClusterCredentials, host: String, port: Int, services: [any Service],
        logger: Logger, onServerRunning: @escaping @Sendable (any Channel) async -> Void
    ) throws -> some ApplicationProtocol {
        let certificate = try NIOSSLCertificate(bytes: Array(credentials.servingCertificate.certificatePEM.utf8), format: .pem)
        let authority = try NIOSSLCertificate(bytes: Array(credentials.certificateAuthority.certificatePEM.utf8), format: .pem)
        let key = try NIOSSLPrivateKey(bytes: Array(credentials.servingCertificate.privateKeyPEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(certificate)], privateKey: .privateKey(key))
        tls.certificateVerification = .optionalVerification
        tls.trustRoots = .certificates([authority])
        tls.sendCANameList = true
        tls.minimumTLSVersion = .tlsv12
        let channel = TLSChannelConfiguration(tlsConfiguration: tls) { _, promise in
            promise.succeed(.certificateVerified)
        }
        return Application(
            responder: apiServer,
            server: try .http2Upgrade(
                tlsChannelConfiguration: channel,
                configuration: HTTP2UpgradeChannel.Configuration(idleTimeout: .seconds(300))),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil, reuseAddress: true),
            services: services,
            onServerRunning: onServerRunning,
            logger: logger)
    }
}

/// Authenticates with the cluster's CA and static token file.
public struct ClusterAuthenticator: Authenticator {
    let identity: ClientIdentity
    let tokens: TokenFile

    public init(identity: ClientIdentity, tokens: TokenFile) {
        self.identity = identity
        self.tokens = tokens
    }

    public func authenticate(clientCertificate der: [UInt8]) -> UserInfo? {
        guard let verified = identity.verify(certificateDER: der) else { return nil }
        return UserInfo(name: verified.user, groups: verified.groups + ["system:authenticated"])
    }

    public func authenticate(bearerToken: String) -> UserInfo? {
        guard let entry = tokens.authenticate(token: bearerToken) else { return nil }
        return UserInfo(name: entry.user, uid: entry.uid, groups: entry.groups + ["system:authenticated"])
    }
}
