import HTTPTypes
import HollowClient
import HollowResources
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// A ``KubernetesClient`` transport straight into an ``APIServer`` in the same process: each request is handed to
/// the server's router as a Hummingbird request, answered exactly as over HTTPS (authorization, admission,
/// encoding, watch streams), but without TLS, HTTP framing, sockets or event-loop hops.
///
/// The embedded cluster's own controllers and hollow node pool use it (`hollow up`, the benchmarks); anything
/// outside the process — kubectl, client-go, Hollow's controllers against another cluster — uses HTTPS. Requests
/// carry no credentials: they act as the user the transport was made for.
///
/// A body the server sized (every answer but a watch's) is handed over whole; a watch's body streams, and stops
/// (ending the watch on the server) when its reader stops reading. `timeout` is not enforced here: no network lies
/// between client and server, and a watch ends at its own `timeoutSeconds`.
public struct InProcessTransport: APITransport {
    let server: APIServer
    let user: UserInfo
    let userAgent: String
    let logger: Logger

    public init(server: APIServer, user: UserInfo, userAgent: String, logger: Logger) {
        self.server = server
        self.user = user
        self.userAgent = userAgent
        self.logger = logger
    }

    public func execute(_ request: APIRequest, timeout: Duration) async throws -> APITransportResponse {
        try Task.checkCancellation()
        var fields = HTTPFields()
        fields[.accept] = request.accept
        fields[.userAgent] = userAgent
        var body = ByteBuffer()
        if let bytes = request.body {
            fields[.contentType] = request.contentType
            fields[.contentLength] = String(bytes.count)
            body = ByteBuffer(bytes: bytes)
        }
        let head = HTTPRequest(
            method: HTTPRequest.Method(request.method.rawValue) ?? .get, scheme: "https", authority: "in-process",
            path: request.target, headerFields: fields)
        let response = try await server.respond(
            to: Request(head: head, body: RequestBody(buffer: body)),
            context: APIRequestContext(inProcessUser: user, logger: logger))
        var headers = HTTPHeaders()
        for field in response.headers { headers.add(name: field.name.rawName, value: field.value) }
        return APITransportResponse(
            status: response.status.code, headers: headers, body: try await Self.body(of: response))
    }

    public func shutdown() async throws {}

    /// A sized body, written out at once; any other one streamed from a task that stops when the reader does.
    private static func body(of response: Response) async throws -> APIResponseBody {
        if response.body.contentLength != nil {
            let collector = CollectingBodyWriter()
            try await response.body.write(collector)
            return .complete(collector.buffer)
        }
        let (stream, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let body = response.body
        let writing = Task {
            do {
                try await body.write(StreamingBodyWriter(continuation: continuation))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in writing.cancel() }
        return .stream(stream)
    }
}

/// Gathers a body that is written in one go.
private final class CollectingBodyWriter: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        guard self.buffer.readableBytes > 0 else {
            self.buffer = buffer  // the usual single write: no copy
            return
        }
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

/// Hands each chunk of a streamed body to its reader; fails the writer once the reader is gone, which ends the
/// server's side (a watch stops as when its connection closes).
private struct StreamingBodyWriter: ResponseBodyWriter {
    let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation

    func write(_ buffer: ByteBuffer) async throws {
        if case .terminated = continuation.yield(buffer) { throw CancellationError() }
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {
        continuation.finish()
    }
}

extension LocalCluster.Serving {
    /// An unthrottled client of this cluster that talks to its API server in-process (``InProcessTransport``), as
    /// the admin: the user its admin certificate authenticates as.
    public func inProcessClient(userAgent: String, logger: Logger) throws -> KubernetesClient {
        let admin = credentials.adminCertificate
        let der = try NIOSSLCertificate(bytes: Array(admin.certificatePEM.utf8), format: .pem).toDERBytes()
        guard let user = server.authenticator.authenticate(clientCertificate: der) else {
            throw ConfigurationError("the cluster's admin certificate does not authenticate")
        }
        let configuration = ClientConfiguration(server: url, qps: 0, userAgent: userAgent)
        return KubernetesClient(
            configuration, transport: InProcessTransport(server: server, user: user, userAgent: userAgent, logger: logger),
            logger: logger)
    }
}
