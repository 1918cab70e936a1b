import Foundation
import HollowModel
import Logging
import NIOCore
import NIOHTTP1

/// A connection to one Kubernetes API server — Hollow's own or any real cluster — that every Hollow controller and
/// hollow node talks through.
///
/// Its transport (``APITransport``) is HTTPS with an HTTP/2-capable connection pool, or a direct line into an API
/// server in the same process. It rate-limits requests (``ClientConfiguration/qps`` and
/// ``ClientConfiguration/burst``), retries what can safely be retried (429 and 5xx answers, lost connections, with
/// back-off and `Retry-After`), and turns every error answer into an ``APIError`` read from the server's `Status`.
/// Get per-resource access with ``resource(_:)-swift.method`` (typed) or ``resource(_:)-(APIResource)`` (dynamic).
/// Call ``shutdown()`` when done, or use ``withClient(_:logger:_:)``.
public final class KubernetesClient: Sendable {
    public let configuration: ClientConfiguration
    let transport: any APITransport
    let limiter: TokenBucket
    let logger: Logger

    /// A client over HTTPS to `configuration.server`.
    public convenience init(_ configuration: ClientConfiguration, logger: Logger = Logger(label: "hollow.client")) throws {
        self.init(configuration, transport: try HTTPSTransport(configuration), logger: logger)
    }

    /// A client whose requests go through `transport`; `configuration` still sets the rate limit, retries, deadlines
    /// and user agent.
    public init(
        _ configuration: ClientConfiguration, transport: any APITransport,
        logger: Logger = Logger(label: "hollow.client")
    ) {
        self.configuration = configuration
        self.transport = transport
        self.logger = logger
        limiter = TokenBucket(qps: configuration.qps, burst: configuration.burst)
    }

    /// Runs `body` with a client, shutting it down afterwards (also when `body` throws).
    public static func withClient<T: Sendable>(
        _ configuration: ClientConfiguration, logger: Logger = Logger(label: "hollow.client"),
        _ body: (KubernetesClient) async throws -> T
    ) async throws -> T {
        try await KubernetesClient(configuration, logger: logger).shutDown(after: body)
    }

    /// Runs `body` with this client, then shuts it down (also when `body` throws).
    public func shutDown<T: Sendable>(after body: (KubernetesClient) async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body(self)
        } catch {
            try? await shutdown()
            throw error
        }
        try await shutdown()
        return result
    }

    public func shutdown() async throws {
        try await transport.shutdown()
    }

    /// Typed access to a built-in kind, e.g. `client.resource(Pod.self)`.
    public func resource<Object: KubernetesObject>(_ type: Object.Type) -> ResourceClient<Object> {
        guard let resource = Object.resource else {
            preconditionFailure("\(Object.self) names no resource; use resource(_: APIResource)")
        }
        return ResourceClient(client: self, resource: resource)
    }

    /// Dynamic access to any resource, e.g. one found through ``discoverResources()``.
    public func resource(_ resource: APIResource) -> ResourceClient<Unstructured> {
        ResourceClient(client: self, resource: resource)
    }

    /// Typed access to `resource` (for types whose resource is not fixed, or another version).
    public func resource<Object: KubernetesObject>(_ resource: APIResource, as type: Object.Type) -> ResourceClient<Object> {
        ResourceClient(client: self, resource: resource)
    }
}

// MARK: - Requests

/// One API request as the client sends it.
public struct APIRequest: Sendable {
    public var method: HTTPMethod
    /// The path without the query, e.g. `/api/v1/namespaces/default/pods`.
    public var path: String
    public var query: [(String, String)]
    public var body: [UInt8]?
    public var contentType: String
    public var accept: String

    public init(
        method: HTTPMethod, path: String, query: [(String, String)] = [], body: [UInt8]? = nil,
        contentType: String = "application/json", accept: String = "application/json"
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
        self.accept = accept
    }

    /// Reads change nothing, so a lost connection can be retried without doing anything twice.
    var isIdempotent: Bool { method == .GET || method == .HEAD || method == .PUT }

    /// The path and the percent-encoded query, as the request line carries them.
    public var target: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.escape($0.0))=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A successful answer: status 2xx and the whole body.
public struct APIResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: ByteBuffer

    /// The body as JSON.
    public func json() throws -> JSON {
        do { return try JSON(parsing: body.readableBytesView) } catch {
            throw APIError(
                code: 500, reason: .internalError,
                message: "the server answered \(status) with a body that is not JSON: \(error)")
        }
    }
}

extension KubernetesClient {
    /// Largest body accepted (a LIST of 100,000 pods is a few hundred MB).
    static let maximumBodyBytes = 2 << 30

    /// Sends `request`, retrying as the configuration allows, and returns the 2xx answer.
    /// - Throws: ``APIError`` for an error answer; the transport's error when the server could not be reached
    ///   after the retries; `CancellationError` when the task is cancelled.
    public func send(_ request: APIRequest) async throws -> APIResponse {
        var attempt = 0
        while true {
            try Task.checkCancellation()
            try await limiter.acquire()
            var failure: any Error
            var retryAfter: Duration?
            do {
                let response = try await transport.execute(request, timeout: configuration.requestTimeout)
                let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
                let status = response.status
                if (200..<300).contains(status) {
                    return APIResponse(status: status, headers: response.headers, body: body)
                }
                let error = Self.decodeError(status: status, body: body)
                failure = error
                if let seconds = response.headers.first(name: "Retry-After").flatMap(Int.init) {
                    retryAfter = .seconds(min(max(seconds, 0), 60))
                }
                guard Self.isRetryable(status: status, hasRetryAfter: retryAfter != nil, idempotent: request.isIdempotent)
                else { throw error }
            } catch let error as APIError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                if Task.isCancelled { throw CancellationError() }
                guard request.isIdempotent else { throw error }
                failure = error
            }
            guard attempt < configuration.maxRetries else { throw failure }
            let delay = retryAfter ?? Backoff.requests.delay(attempt: attempt)
            logger.debug(
                "retrying request",
                metadata: ["method": "\(request.method.rawValue)", "path": "\(request.path)", "attempt": "\(attempt + 1)",
                    "error": "\(failure)"])
            attempt += 1
            try await Task.sleep(for: delay)
        }
    }

    /// 429 and 5xx with `Retry-After` always (the server asked us to come back; client-go's `checkWait`);
    /// other 5xx only when repeating the request cannot do anything twice.
    static func isRetryable(status: Int, hasRetryAfter: Bool, idempotent: Bool) -> Bool {
        if status == 429 { return true }
        if status >= 500 && hasRetryAfter { return true }
        if [500, 502, 503, 504].contains(status) { return idempotent }
        return false
    }

    /// The `Status` in an error answer, or one made up from the status code as client-go's
    /// `newUnstructuredResponseError` does when the body is not a `Status`.
    static func decodeError(status: Int, body: ByteBuffer) -> APIError {
        if let json = try? JSON(parsing: body.readableBytesView), let error = APIError(status: json) {
            return error
        }
        let text = String(decoding: body.readableBytesView.prefix(1024), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let (reason, message): (APIError.Reason, String) =
            switch status {
            case 400: (.badRequest, "the server rejected our request for an unknown reason")
            case 401: (.unauthorized, "the server has asked for the client to provide credentials")
            case 403: (.forbidden, "the server does not allow access to the requested resource")
            case 404: (.notFound, "the server could not find the requested resource")
            case 405: (.methodNotAllowed, "the server does not allow this method on the requested resource")
            case 406: (.notAcceptable, "the server was unable to respond with a content type that the client supports")
            case 409: (.conflict, "the server reported a conflict")
            case 410: (.gone, "the server has asked for the client to try again later")
            case 415: (.unsupportedMediaType, "the server was unable to handle the provided content type")
            case 422: (.invalid, "the server rejected our request due to an error in our request")
            case 429: (.tooManyRequests, "the server has received too many requests and has asked us to try again later")
            case 500: (.internalError, "an error on the server has prevented the request from succeeding")
            case 503: (.serviceUnavailable, "the server is currently unable to handle the request")
            case 504: (.timeout, "the server was unable to return a response in the time allotted, but may still be processing the request")
            default: (.init(rawValue: "Unknown"), "an error on the server (\"\(text)\") has prevented the request from succeeding")
            }
        return APIError(code: status, reason: reason, message: text.isEmpty || status == 0 ? message : "\(message) (\(text))")
    }
}
