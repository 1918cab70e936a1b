import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// The transport to any API server: HTTPS (HTTP/1.1, or HTTP/2 by ALPN when asked) through AsyncHTTPClient, with
/// a pool of kept-alive connections, the configuration's CA and credentials.
public final class HTTPSTransport: APITransport {
    let http: HTTPClient
    let server: String
    let userAgent: String
    let tokens: BearerTokenSource?

    public init(_ configuration: ClientConfiguration) throws {
        server = configuration.server
        userAgent = configuration.userAgent
        var tls = TLSConfiguration.makeClientConfiguration()
        // Closing a connection (a cancelled watch, shutdown) sends close_notify and by default waits up to 5 s for the
        // server's; a server still streaming a watch never sends one. Nothing is lost by not waiting.
        tls.shutdownTimeout = .milliseconds(100)
        if configuration.insecureSkipTLSVerify {
            tls.certificateVerification = .none
        } else if let pem = configuration.certificateAuthorityPEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))
            } catch {
                throw ConfigurationError("unable to load root certificates: \(error)")
            }
        }
        switch configuration.credentials {
        case .clientCertificate(let certificatePEM, let keyPEM):
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(certificatePEM.utf8)).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
            } catch {
                throw ConfigurationError("unable to load the client certificate or key: \(error)")
            }
            tokens = nil
        case .bearerToken(let token):
            tokens = BearerTokenSource(fixed: token)
        case .bearerTokenFile(let path):
            tokens = BearerTokenSource(path: path)
        case .none:
            tokens = nil
        }
        var http = HTTPClient.Configuration(tlsConfiguration: tls)
        http.httpVersion = configuration.http2 ? .automatic : .http1Only
        // Watches stay idle for minutes; every request carries its own deadline instead.
        http.timeout = .init(connect: .seconds(10), read: nil)
        http.connectionPool = .init(idleTimeout: .seconds(90), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        // No spans: with the default (no-op) global tracer, AsyncHTTPClient still builds a span and its attributes
        // for every request, about 1% of a busy process's CPU.
        http.tracing.tracer = nil
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: http)
    }

    public func execute(_ request: APIRequest, timeout: Duration) async throws -> APITransportResponse {
        var http = HTTPClientRequest(url: server + request.target)
        http.method = request.method
        http.headers.add(name: "Accept", value: request.accept)
        http.headers.add(name: "User-Agent", value: userAgent)
        if let tokens { http.headers.add(name: "Authorization", value: "Bearer \(try tokens.token())") }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: request.contentType)
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        let (seconds, attoseconds) = timeout.components
        let response = try await self.http.execute(
            http, deadline: .now() + .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        return APITransportResponse(
            status: Int(response.status.code), headers: response.headers, body: APIResponseBody(http: response.body))
    }

    public func shutdown() async throws {
        try await http.shutdown()
    }
}

/// A bearer token, fixed or read from a file and re-read once it is a minute old.
final class BearerTokenSource: Sendable {
    private let path: String?
    private let cached: Mutex<(token: String, read: ContinuousClock.Instant)?>

    init(fixed token: String) {
        path = nil
        cached = Mutex((token, .now))
    }

    init(path: String) {
        self.path = path
        cached = Mutex(nil)
    }

    func token() throws -> String {
        guard let path else { return cached.withLock { $0!.token } }
        if let (token, read) = cached.withLock({ $0 }), ContinuousClock.now - read < .seconds(60) { return token }
        let token: String
        do {
            token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw ConfigurationError("unable to read the token file \(path): \(error.localizedDescription)")
        }
        cached.withLock { $0 = (token, .now) }
        return token
    }
}
