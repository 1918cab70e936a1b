import HTTPTypes
import HollowModel
import HollowResources
import HollowStore
import Hummingbird
import NIOCore
import ServiceLifecycle
import Synchronization

extension APIServer {
    /// How long a watch may stay silent before a keep-alive newline is written.
    static let watchKeepAlive: Duration = .seconds(10)

    /// WATCH: a chunked stream of `{"type","object"}` lines.
    ///
    /// `resourceVersion` "" or "0" starts with synthetic ADDED events for what exists; a number resumes after it
    /// (410 Expired as an ERROR event when that history is gone); `sendInitialEvents=true` ends the initial events
    /// with the `k8s.io/initial-events-end` bookmark. Bookmarks only when asked for. The stream ends after
    /// `timeoutSeconds`, or the server's request timeout.
    func watch(_ r: ResourceRequest) async throws -> Response {
        let filter = try makeFilter(r)
        let representation = try representation(r)
        let allowBookmarks = try r.query.bool("allowWatchBookmarks")
        let sendInitialEvents: Bool? = r.query["sendInitialEvents"].map { _ in (try? r.query.bool("sendInitialEvents")) ?? false }
        let resourceVersion = r.query["resourceVersion"] ?? ""
        if sendInitialEvents == true {
            guard r.query["resourceVersionMatch"] == "NotOlderThan" else {
                throw APIError.invalid(
                    group: "meta.k8s.io", kind: "ListOptions", name: "",
                    errors: [.forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")])
            }
            guard allowBookmarks else {
                throw APIError.invalid(
                    group: "meta.k8s.io", kind: "ListOptions", name: "",
                    errors: [.forbidden("allowWatchBookmarks", "sendInitialEvents requires setting allowWatchBookmarks to true")])
            }
        }
        let after: Int64?
        switch (resourceVersion, sendInitialEvents) {
        case (_, true?): after = nil
        case ("", false?), ("0", false?): after = store.currentRevision
        case ("", _), ("0", _): after = nil
        default:
            guard let revision = Int64(resourceVersion), revision >= 0 else {
                throw APIError.badRequest("invalid resource version: \(resourceVersion)")
            }
            after = revision
        }
        let timeoutSeconds = try r.query.int("timeoutSeconds")
        let timeout: Duration
        if let timeoutSeconds, timeoutSeconds > 0 {
            timeout = .seconds(timeoutSeconds)
        } else {
            let base = configuration.minRequestTimeout
            timeout = base + base * Double.random(in: 0..<1)
        }
        let stream: AsyncThrowingStream<WatchItem, any Error>?
        let initialError: APIError?
        do {
            stream = try store.watch(filter, after: after)
            initialError = nil
        } catch {
            stream = nil
            initialError = apiError(error, r, name: "")
        }
        let definition = r.definition
        let encoder = WatchEventEncoder(
            definition: definition, representation: representation, now: r.now,
            announceInitialEventsEnd: sendInitialEvents == true,
            present: { [self] in presented($0, definition) })
        let bookmarkInterval = configuration.bookmarkInterval
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-cache, private"
        let body = ResponseBody { writer in
            var encoder = encoder
            guard let stream else {
                if let initialError { try await writer.write(encoder.error(initialError)) }
                try await writer.finish(nil)
                return
            }
            let relay = WatchRelayBuffer()
            let registration = self.openWatches.register(relay)
            defer { self.openWatches.unregister(registration) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await item in stream { relay.push(.item(item)) }
                        relay.push(.ended(nil))
                    } catch {
                        relay.push(.ended(error))
                    }
                }
                group.addTask {
                    // kube-apiserver sends a bookmark shortly before a watch's deadline, so that the client can
                    // resume from a recent revision.
                    if allowBookmarks, timeout > .seconds(2) {
                        try? await Task.sleep(for: timeout - .seconds(2))
                        relay.push(.bookmarkDue)
                        try? await Task.sleep(for: .seconds(2))
                    } else {
                        try? await Task.sleep(for: timeout)
                    }
                    relay.push(.ended(nil))
                }
                // A client that goes away ends the watch at once, not at the next event. (A callback, not a child
                // task: waiting on the future would not end when the watch is cancelled.)
                r.channel?.closeFuture.whenComplete { _ in relay.push(.ended(nil)) }
                let clock = ContinuousClock()
                var lastBookmark = clock.now
                var bookmarkDue = false
                var lastWrite = clock.now
                // Everything that queued up while the last write was in flight goes out in one write.
                loop: for await batch in relay.batches {
                    var output = ByteBuffer()
                    var ended = false
                    for message in batch where !ended {
                        switch message {
                        case .item(.event(let type, let object)):
                            var line = encoder.event(type, object)
                            output.writeBuffer(&line)
                        case .item(.initialEventsEnd(let revision)):
                            if var line = encoder.initialEventsEnd(revision) { output.writeBuffer(&line) }
                        case .item(.progress(let revision)):
                            if allowBookmarks, bookmarkDue || clock.now - lastBookmark >= bookmarkInterval {
                                lastBookmark = clock.now
                                bookmarkDue = false
                                var line = encoder.bookmark(revision)
                                output.writeBuffer(&line)
                            } else if output.readableBytes == 0, clock.now - lastWrite >= Self.watchKeepAlive {
                                // An HTTP/1.1 client that went away is noticed only when a write fails; a newline
                                // between events, which JSON stream decoders skip, lets an idle watch find out.
                                output.writeString("\n")
                            }
                        case .bookmarkDue:
                            bookmarkDue = true
                        case .ended(let error):
                            if let error = error as? StorageError {
                                var line = encoder.error(self.apiError(error, r, name: ""))
                                output.writeBuffer(&line)
                            }
                            ended = true
                        }
                    }
                    if output.readableBytes > 0 {
                        lastWrite = clock.now
                        try await writer.write(output)
                    }
                    if ended { break loop }
                }
                group.cancelAll()
                relay.finish()
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// The watches being served, so that a shutting-down server can end them (as kube-apiserver does) instead of
/// waiting for each to time out.
final class OpenWatches: Sendable {
    private struct State {
        var next = 0
        var relays: [Int: WatchRelayBuffer] = [:]
        var draining = false
    }

    private let state = Mutex(State())

    func register(_ relay: WatchRelayBuffer) -> Int {
        let (id, draining) = state.withLock { state in
            state.next += 1
            state.relays[state.next] = relay
            return (state.next, state.draining)
        }
        if draining { relay.push(.ended(nil)) }
        return id
    }

    func unregister(_ id: Int) { state.withLock { _ = $0.relays.removeValue(forKey: id) } }

    var count: Int { state.withLock { $0.relays.count } }

    /// Ends every open watch, and every watch that opens from now on.
    func endAll() {
        let relays = state.withLock { state in
            state.draining = true
            return Array(state.relays.values)
        }
        for relay in relays { relay.push(.ended(nil)) }
    }
}

/// What one watch's producers (store stream, deadline, shutdown) hand to its writer: messages pile up while a
/// write is in flight and are taken as one batch, so a busy watch writes many events per TLS record.
final class WatchRelayBuffer: Sendable {
    private let pending = Mutex<[WatchRelay]>([])
    private let wake = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))

    func push(_ message: WatchRelay) {
        pending.withLock { $0.append(message) }
        wake.continuation.yield()
    }

    func finish() { wake.continuation.finish() }

    /// Each element is everything pushed since the previous one.
    var batches: AsyncCompactMapSequence<AsyncStream<Void>, [WatchRelay]> {
        wake.stream.compactMap { [self] in
            let batch = take()
            return batch.isEmpty ? nil : batch
        }
    }

    private func take() -> [WatchRelay] {
        pending.withLock { state in
            defer { state.removeAll(keepingCapacity: true) }
            return state
        }
    }
}

/// Ends open watches when the cluster shuts down gracefully. It runs after the HTTP server in the service group,
/// so it is told first, and the server then finds no long-running request left to wait for.
public struct WatchDrainer: Service {
    let server: APIServer

    public init(server: APIServer) {
        self.server = server
    }

    public func run() async throws {
        try? await gracefulShutdown()
        server.openWatches.endAll()
    }
}

enum WatchRelay: Sendable {
    case item(WatchItem)
    /// The deadline is near: the next progress notification becomes a bookmark.
    case bookmarkDue
    case ended((any Error)?)
}

/// Encodes watch events as newline-delimited JSON, in the representation the client asked for.
struct WatchEventEncoder: Sendable {
    let definition: ResourceDefinition
    let representation: ResponseRepresentation
    let now: Double
    let announceInitialEventsEnd: Bool
    /// The stored bytes as this watcher's version shows them.
    let present: @Sendable ([UInt8]) -> [UInt8]
    /// Tables carry their column definitions in the first event only.
    var sentColumnDefinitions = false

    mutating func event(_ type: WatchEventType, _ object: StoredObject) -> ByteBuffer {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(object.data.count + 40)
        bytes.append(contentsOf: #"{"type":""#.utf8)
        bytes.append(contentsOf: type.rawValue.utf8)
        bytes.append(contentsOf: #"","object":"#.utf8)
        switch representation {
        case .object:
            bytes.append(contentsOf: present(object.data))
        case .table(let includeObject):
            let decoded = (try? object.decode()) ?? .object([:])
            let table = TableConvertor.table(
                [decoded], definition: definition, includeObject: includeObject, now: now,
                resourceVersion: String(object.revision), includeColumnDefinitions: !sentColumnDefinitions)
            sentColumnDefinitions = true
            table.write(to: &bytes)
        case .partialObjectMetadata:
            TableConvertor.partialObjectMetadata((try? object.decode()) ?? .object([:])).write(to: &bytes)
        }
        bytes.append(contentsOf: "}\n".utf8)
        return ByteBuffer(bytes: bytes)
    }

    func bookmark(_ revision: Int64, initialEventsEnd: Bool = false) -> ByteBuffer {
        var metadata: JSONObject = ["resourceVersion": .string(String(revision))]
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        let object: JSON = [
            "kind": .string(definition.kind), "apiVersion": .string(definition.apiVersion),
            "metadata": .object(metadata),
        ]
        return line(["type": "BOOKMARK", "object": object])
    }

    func initialEventsEnd(_ revision: Int64) -> ByteBuffer? {
        announceInitialEventsEnd ? bookmark(revision, initialEventsEnd: true) : nil
    }

    func error(_ error: APIError) -> ByteBuffer {
        line(["type": "ERROR", "object": error.status])
    }

    private func line(_ json: JSON) -> ByteBuffer {
        var bytes = json.serialized()
        bytes.append(UInt8(ascii: "\n"))
        return ByteBuffer(bytes: bytes)
    }
}
