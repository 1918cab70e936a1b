import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Carries a ``KubernetesClient``'s requests to an API server and brings back the answers: over HTTPS
/// (``HTTPSTransport``, any API server), or straight into an API server running in the same process (the embedded
/// cluster's own controllers and hollow nodes; see `HollowAPIServer`'s `InProcessTransport`).
///
/// A transport only moves requests and answers: rate limiting, retries and the decoding of error answers stay in
/// the client, so they behave the same over every transport.
public protocol APITransport: Sendable {
    /// Sends `request` and returns the answer's status and headers once they arrive, with the body still to read (a
    /// watch's body ends only when the watch does). Throws when the server could not be reached, or `timeout` passed
    /// before the answer was complete.
    func execute(_ request: APIRequest, timeout: Duration) async throws -> APITransportResponse

    /// Closes connections; requests still open (watches) end.
    func shutdown() async throws
}

/// An answer as a transport delivers it: any status, the body still arriving.
public struct APITransportResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: APIResponseBody

    public init(status: Int, headers: HTTPHeaders, body: APIResponseBody) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// A response body, in the chunks it arrives in.
public struct APIResponseBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    enum Source: Sendable {
        case http(HTTPClientResponse.Body)
        case stream(AsyncThrowingStream<ByteBuffer, any Error>)
        case complete(ByteBuffer)
    }

    let source: Source

    init(http body: HTTPClientResponse.Body) { source = .http(body) }

    /// A body that is already all there.
    public static func complete(_ buffer: ByteBuffer) -> APIResponseBody { APIResponseBody(source: .complete(buffer)) }

    /// A body that arrives through `stream`.
    public static func stream(_ stream: AsyncThrowingStream<ByteBuffer, any Error>) -> APIResponseBody {
        APIResponseBody(source: .stream(stream))
    }

    private init(source: Source) { self.source = source }

    public func makeAsyncIterator() -> AsyncIterator {
        switch source {
        case .http(let body): AsyncIterator(state: .http(body.makeAsyncIterator()))
        case .stream(let stream): AsyncIterator(state: .stream(stream.makeAsyncIterator()))
        case .complete(let buffer): AsyncIterator(state: .complete(buffer))
        }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        enum State {
            case http(HTTPClientResponse.Body.AsyncIterator)
            case stream(AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator)
            case complete(ByteBuffer)
            case finished
        }

        var state: State

        public mutating func next() async throws -> ByteBuffer? {
            switch state {
            case .http(var iterator):
                let chunk = try await iterator.next()
                state = .http(iterator)
                return chunk
            case .stream(var iterator):
                let chunk = try await iterator.next()
                state = .stream(iterator)
                return chunk
            case .complete(let buffer):
                state = .finished
                return buffer
            case .finished:
                return nil
            }
        }
    }

    /// The whole body; throws when it is larger than `maximumBytes`.
    public func collect(upTo maximumBytes: Int) async throws -> ByteBuffer {
        switch source {
        case .http(let body):
            return try await body.collect(upTo: maximumBytes)
        case .complete(let buffer) where buffer.readableBytes <= maximumBytes:
            return buffer
        case .complete, .stream:
            var collected = ByteBuffer()
            for try await var chunk in self {
                guard collected.readableBytes + chunk.readableBytes <= maximumBytes else {
                    throw ResponseTooLarge(maximumBytes: maximumBytes)
                }
                collected.writeBuffer(&chunk)
            }
            return collected
        }
    }
}

/// A response body above the client's limit.
public struct ResponseTooLarge: Error, Sendable, CustomStringConvertible {
    public var maximumBytes: Int
    public var description: String { "the response body is larger than \(maximumBytes) bytes" }
}
