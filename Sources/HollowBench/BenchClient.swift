import AsyncHTTPClient
import HollowAPIServer
import NIOCore
import NIOHTTP1
import NIOSSL

/// An HTTPS client of the benchmark's cluster: HTTP/1.1 keep-alive connections (at most `connections`), trusting
/// the cluster CA and sending the admin bearer token.
///
/// One client is shared by all the workers of a phase, so its connections are reused from request to request as
/// a Kubernetes client's would be.
struct BenchClient: Sendable {
    /// A response read to its end.
    struct Reply: Sendable {
        var status: Int
        var body: ByteBuffer

        var text: String { String(buffer: body) }
    }

    let http: HTTPClient
    let baseURL: String
    private let authenticated: HTTPHeaders
    private let anonymous: HTTPHeaders

    private init(http: HTTPClient, baseURL: String, token: String) {
        self.http = http
        self.baseURL = baseURL
        var anonymous = HTTPHeaders()
        anonymous.add(name: "Accept", value: "application/json")
        self.anonymous = anonymous
        var authenticated = anonymous
        authenticated.add(name: "Authorization", value: "Bearer \(token)")
        self.authenticated = authenticated
    }

    /// Runs `body` with a client of `serving`'s cluster and shuts the client down afterwards (cancelling any
    /// request still open, such as a watch).
    static func with<T>(
        _ serving: LocalCluster.Serving, connections: Int, _ body: (BenchClient) async throws -> T
    ) async throws -> T {
        guard let token = serving.adminToken else { throw BenchmarkError("the cluster has no admin bearer token") }
        let authority = try NIOSSLCertificate(
            bytes: Array(serving.credentials.certificateAuthority.certificatePEM.utf8), format: .pem)
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([authority])
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            timeout: .init(connect: .seconds(10), read: nil),
            connectionPool: .init(idleTimeout: .seconds(600), concurrentHTTP1ConnectionsPerHostSoftLimit: connections))
        configuration.httpVersion = .http1Only
        // No spans: the client shares the cores with the server it measures, and tracing is pure overhead here.
        configuration.tracing.tracer = nil
        let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let client = BenchClient(http: http, baseURL: serving.url, token: token)
        let result: T
        do {
            result = try await body(client)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
        return result
    }

    /// Sends one request and reads the whole response (at most `maximumBytes`).
    func send(
        _ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, contentType: String = "application/json",
        authenticate: Bool = true, maximumBytes: Int = 16 << 20, timeout: TimeAmount = .seconds(60)
    ) async throws -> Reply {
        let response = try await http.execute(
            request(method, path, body: body, contentType: contentType, authenticate: authenticate), timeout: timeout)
        let bytes = try await response.body.collect(upTo: maximumBytes)
        return Reply(status: Int(response.status.code), body: bytes)
    }

    /// Sends a GET and returns as soon as the response head arrives; the caller streams the body.
    func open(_ path: String, timeout: TimeAmount) async throws -> HTTPClientResponse {
        try await http.execute(request(.GET, path, body: nil, contentType: "", authenticate: true), timeout: timeout)
    }

    private func request(
        _ method: HTTPMethod, _ path: String, body: [UInt8]?, contentType: String, authenticate: Bool
    ) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers = authenticate ? authenticated : anonymous
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }
}

/// Why the benchmark could not go on: a one-line message for the command line.
public struct BenchmarkError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
