import AsyncHTTPClient
import Foundation
import HollowModel
import HollowPKI
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// Raw HTTPS access to a running cluster for tests that check the wire: status codes, headers, bodies, streams.
///
/// It trusts the cluster CA (with full hostname verification against `127.0.0.1`) and presents the credentials
/// it was made with. HTTP/2 is offered by ALPN, as kubectl does. Make one with `TestCluster.withClient(_:_:)` or
/// `ClusterClient.with(url:caPEM:credentials:_:)`, which shut it down when the body returns.
public struct ClusterClient: Sendable {
    /// What the client presents to the server.
    public enum Credentials: Sendable {
        /// A client certificate and its key (PEM), e.g. the admin certificate.
        case clientCertificate(certificatePEM: String, keyPEM: String)
        /// `Authorization: Bearer <token>`.
        case bearerToken(String)
        /// No credentials at all.
        case none
    }

    /// `https://127.0.0.1:PORT`, without a trailing slash.
    public let baseURL: String
    let http: HTTPClient
    let authorization: String?

    /// Runs `body` with a client for the server at `url`, shutting the client down afterwards (also on failure).
    public static func with<T: Sendable>(
        url: String, caPEM: String, credentials: Credentials,
        _ body: (ClusterClient) async throws -> T
    ) async throws -> T {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates([try NIOSSLCertificate(bytes: Array(caPEM.utf8), format: .pem)])
        var authorization: String?
        switch credentials {
        case .clientCertificate(let certificatePEM, let keyPEM):
            tls.certificateChain = [.certificate(try NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))]
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(keyPEM.utf8), format: .pem))
        case .bearerToken(let token):
            authorization = "Bearer \(token)"
        case .none:
            break
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.httpVersion = .automatic
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = ClusterClient(baseURL: url, http: http, authorization: authorization)
        do {
            let result = try await body(client)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// Sends one request and collects the whole response (at most `maxBytes` of body).
    ///
    /// - Parameters:
    ///   - path: the path and query, e.g. `/api/v1/namespaces/default/configmaps?limit=1`.
    ///   - headers: extra headers; a body without an explicit `Content-Type` is sent as `application/json`
    ///     (pass `Content-Type: ""` to send none).
    public func request(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil,
        timeout: Duration = .seconds(30), maxBytes: Int = 64 * 1024 * 1024
    ) async throws -> ClusterResponse {
        let response = try await http.execute(makeRequest(method, path, headers: headers, body: body), timeout: .seconds(Int64(timeout.components.seconds)))
        let bytes = try await response.body.collect(upTo: maxBytes)
        return ClusterResponse(
            status: Int(response.status.code), headers: response.headers, version: response.version,
            body: Array(bytes.readableBytesView))
    }

    /// Sends `json` as the body (serialized by HollowModel).
    public func request(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], json: JSON,
        timeout: Duration = .seconds(30)
    ) async throws -> ClusterResponse {
        try await request(method, path, headers: headers, body: json.serialized(), timeout: timeout)
    }

    /// Sends `text` (UTF-8) as the body.
    public func request(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], text: String,
        timeout: Duration = .seconds(30)
    ) async throws -> ClusterResponse {
        try await request(method, path, headers: headers, body: Array(text.utf8), timeout: timeout)
    }

    /// Opens a streaming GET (a watch) and runs `body` while a child task reads its lines into a `LineStream`.
    ///
    /// The stream is cancelled when `body` returns; `LineStream.ended` tells whether the server ended it first.
    public func withStream<T: Sendable>(
        _ path: String, headers: [(String, String)] = [], _ body: (LineStream) async throws -> T
    ) async throws -> T {
        let lines = LineStream()
        let request = makeRequest(.GET, path, headers: headers, body: nil)
        let http = self.http
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    let response = try await http.execute(request, timeout: .seconds(3600))
                    lines.start(status: Int(response.status.code), headers: response.headers)
                    for try await chunk in response.body { lines.append(chunk) }
                    lines.finish(error: nil)
                } catch {
                    lines.finish(error: error)
                }
            }
            do {
                let result = try await body(lines)
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }

    private func makeRequest(_ method: HTTPMethod, _ path: String, headers: [(String, String)], body: [UInt8]?)
        -> HTTPClientRequest
    {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        if let authorization { request.headers.add(name: "Authorization", value: authorization) }
        var hasContentType = false
        for (name, value) in headers {
            if name.lowercased() == "content-type" {
                hasContentType = true
                if value.isEmpty { continue }
            }
            request.headers.add(name: name, value: value)
        }
        if let body {
            if !hasContentType { request.headers.add(name: "Content-Type", value: "application/json") }
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }
}

/// A collected response.
public struct ClusterResponse: Sendable, CustomStringConvertible {
    public var status: Int
    public var headers: HTTPHeaders
    public var version: HTTPVersion
    public var body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
    /// The first value of header `name`, or "".
    public func header(_ name: String) -> String { headers.first(name: name) ?? "" }
    /// The body parsed as JSON.
    public func json() throws -> JSON { try JSON(parsing: body) }
    public var description: String { "HTTP \(status) \(header("Content-Type")): \(text.prefix(2000))" }
}

/// The lines of a streaming response as they arrive; safe to read from any task while the reader appends.
public final class LineStream: Sendable {
    private struct State {
        var status: Int?
        var headers: HTTPHeaders = [:]
        var pending: [UInt8] = []
        var lines: [String] = []
        var ended = false
        var error: String?
    }

    private let state = Mutex(State())

    public init() {}

    /// The HTTP status, once the response head arrived.
    public var status: Int? { state.withLock { $0.status } }
    public var headers: HTTPHeaders { state.withLock { $0.headers } }
    /// Complete lines received so far (without their newline).
    public var lines: [String] { state.withLock { $0.lines } }
    /// Whether the response ended (by the server closing it, or an error).
    public var ended: Bool { state.withLock { $0.ended } }
    /// The transport error the stream ended with, if any.
    public var error: String? { state.withLock { $0.error } }

    /// The lines parsed as JSON (watch events); a line that is not JSON fails.
    public func events() throws -> [JSON] { try lines.map { try JSON(parsing: $0) } }

    func start(status: Int, headers: HTTPHeaders) {
        state.withLock {
            $0.status = status
            $0.headers = headers
        }
    }

    func append(_ chunk: ByteBuffer) {
        state.withLock { state in
            state.pending.append(contentsOf: chunk.readableBytesView)
            while let newline = state.pending.firstIndex(of: UInt8(ascii: "\n")) {
                state.lines.append(String(decoding: state.pending[..<newline], as: UTF8.self))
                state.pending.removeSubrange(...newline)
            }
        }
    }

    func finish(error: (any Error)?) {
        state.withLock { state in
            if !state.pending.isEmpty {
                state.lines.append(String(decoding: state.pending, as: UTF8.self))
                state.pending.removeAll()
            }
            state.ended = true
            if let error { state.error = String(describing: error) }
        }
    }
}

extension TestCluster {
    /// Runs `body` with a raw HTTPS client for this cluster (by default with the admin client certificate).
    public func withClient<T: Sendable>(
        _ credentials: ClusterClient.Credentials? = nil, _ body: (ClusterClient) async throws -> T
    ) async throws -> T {
        let admin = serving.credentials.adminCertificate
        return try await ClusterClient.with(
            url: url, caPEM: serving.credentials.certificateAuthority.certificatePEM,
            credentials: credentials ?? .clientCertificate(certificatePEM: admin.certificatePEM, keyPEM: admin.privateKeyPEM),
            body)
    }

    /// The admin bearer token from the cluster's `tokens.csv`.
    public var adminToken: String? { serving.adminToken }
}
