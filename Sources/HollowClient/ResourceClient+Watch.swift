import HollowModel
import Logging
import NIOCore

extension ResourceClient {
    /// Opens one watch (`?watch=true`) and returns its events as they arrive.
    ///
    /// The sequence ends when the server ends the watch (its `timeoutSeconds`); it throws the ``APIError`` of an
    /// `ERROR` event (410 Expired when `resourceVersion` is too old) or the transport's error when the connection
    /// breaks. Use ``updates(namespace:options:)`` for a stream that resumes and relists by itself.
    public func watch(namespace: String? = nil, options: ListOptions = ListOptions()) async throws -> WatchEvents<Object> {
        var query = options.queryItems
        query.append(("watch", "true"))
        let timeout = Duration.seconds(options.timeoutSeconds ?? 3600) + .seconds(30)
        let body = try await client.openStream(
            APIRequest(method: .GET, path: resource.collectionPath(namespace: namespace), query: query), timeout: timeout)
        return WatchEvents(body: body)
    }

    /// A never-ending list-then-watch of this resource (client-go's reflector): a ``ResourceUpdate/replace(_:resourceVersion:)``
    /// with everything, then each change. A watch that ends is resumed from the last resourceVersion seen (so no
    /// event is delivered twice); when that is no longer possible (410 Expired, or a restarted server that lost the
    /// history) it lists again and delivers another `.replace`. Connection failures are retried with back-off.
    /// The sequence ends only when the task is cancelled.
    public func updates(namespace: String? = nil, options: ListOptions = ListOptions()) -> ResourceUpdates<Object> {
        ResourceUpdates(client: self, namespace: namespace, options: options)
    }
}

extension KubernetesClient {
    /// Sends a GET whose answer streams, and returns the body once a 200 head arrived.
    func openStream(_ request: APIRequest, timeout: Duration) async throws -> APIResponseBody {
        try await limiter.acquire()
        let response = try await transport.execute(request, timeout: timeout)
        guard response.status == 200 else {
            let body = try await response.body.collect(upTo: 1 << 20)
            throw Self.decodeError(status: response.status, body: body)
        }
        return response.body
    }
}

/// The events of one watch connection, decoded from its newline-delimited JSON.
public struct WatchEvents<Object: KubernetesObject>: AsyncSequence {
    public typealias Element = WatchEvent<Object>
    let body: APIResponseBody

    public func makeAsyncIterator() -> Iterator { Iterator(chunks: body.makeAsyncIterator()) }

    public struct Iterator: AsyncIteratorProtocol {
        var chunks: APIResponseBody.AsyncIterator
        var buffer: [UInt8] = []
        var start = 0
        var finished = false

        public mutating func next() async throws -> WatchEvent<Object>? {
            while true {
                if let line = nextLine() {
                    if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }  // keep-alive
                    return try Self.decode(line)
                }
                if finished { return nil }
                guard let chunk = try await chunks.next() else {
                    finished = true
                    if start < buffer.count {
                        let rest = Array(buffer[start...])
                        buffer = []
                        start = 0
                        if !rest.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D }) { return try Self.decode(rest[...]) }
                    }
                    return nil
                }
                if start > 0 && start == buffer.count {
                    buffer.removeAll(keepingCapacity: true)
                    start = 0
                } else if start > 65_536 {
                    buffer.removeFirst(start)
                    start = 0
                }
                buffer.append(contentsOf: chunk.readableBytesView)
            }
        }

        private mutating func nextLine() -> ArraySlice<UInt8>? {
            guard let newline = buffer[start...].firstIndex(of: 0x0A) else { return nil }
            let line = buffer[start..<newline]
            start = newline + 1
            return line
        }

        static func decode(_ line: ArraySlice<UInt8>) throws -> WatchEvent<Object> {
            let json: JSON
            do { json = try JSON(parsing: line) } catch {
                throw APIError(code: 500, reason: .internalError, message: "unable to decode a watch event: \(error)")
            }
            let type = json["type"]?.stringValue ?? ""
            let object = json["object"] ?? .null
            if type == "ERROR" {
                throw APIError(status: object)
                    ?? APIError(code: 500, reason: .internalError, message: "watch error: \(object.serializedString)")
            }
            guard let eventType = WatchEvent<Object>.EventType(rawValue: type) else {
                throw APIError(code: 500, reason: .internalError, message: "unknown watch event type \"\(type)\"")
            }
            return WatchEvent(type: eventType, object: Object(object))
        }
    }
}

/// See ``ResourceClient/updates(namespace:options:)``.
public struct ResourceUpdates<Object: KubernetesObject>: AsyncSequence, Sendable {
    public typealias Element = ResourceUpdate<Object>
    let client: ResourceClient<Object>
    let namespace: String?
    let options: ListOptions

    public func makeAsyncIterator() -> Iterator { Iterator(source: self) }

    public struct Iterator: AsyncIteratorProtocol {
        enum Phase {
            case list
            case openWatch
            case watching(WatchEvents<Object>.Iterator, opened: ContinuousClock.Instant, events: Int)
        }

        let source: ResourceUpdates
        var phase = Phase.list
        var resourceVersion = ""
        var failures = 0
        var logger: Logger { source.client.client.logger }

        init(source: ResourceUpdates) { self.source = source }

        public mutating func next() async throws -> ResourceUpdate<Object>? {
            while true {
                try Task.checkCancellation()
                switch phase {
                case .list:
                    do {
                        var options = source.options
                        options.resourceVersion = nil
                        options.timeoutSeconds = nil
                        options.allowWatchBookmarks = false
                        let list = try await source.client.list(namespace: source.namespace, options: options)
                        resourceVersion = list.resourceVersion
                        failures = 0
                        phase = .openWatch
                        return .replace(list.items, resourceVersion: list.resourceVersion)
                    } catch {
                        try await backOff(after: error, what: "list")
                    }
                case .openWatch:
                    do {
                        var options = source.options
                        options.resourceVersion = resourceVersion
                        options.allowWatchBookmarks = true
                        // As the reflector: a random timeout between 5 and 10 minutes spreads the re-watches.
                        options.timeoutSeconds = options.timeoutSeconds ?? Int.random(in: 300...600)
                        let events = try await source.client.watch(namespace: source.namespace, options: options)
                        phase = .watching(events.makeAsyncIterator(), opened: .now, events: 0)
                    } catch let error as APIError where error.code == 410 {
                        logger.debug("watch expired, relisting", metadata: ["resource": "\(source.client.resource)"])
                        phase = .list
                    } catch {
                        try await backOff(after: error, what: "watch")
                    }
                case .watching(var events, let opened, let count):
                    do {
                        guard let event = try await events.next() else {
                            // The server ended the watch; resume where it stopped. A watch that ended at once with
                            // nothing in it points at a problem: pause before the next one.
                            phase = .openWatch
                            if count == 0 && ContinuousClock.now - opened < .seconds(1) {
                                try await backOff(after: nil, what: "watch ended at once")
                            }
                            continue
                        }
                        phase = .watching(events, opened: opened, events: count + 1)
                        failures = 0
                        if !event.object.resourceVersion.isEmpty { resourceVersion = event.object.resourceVersion }
                        switch event.type {
                        case .added: return .added(event.object)
                        case .modified: return .modified(event.object)
                        case .deleted: return .deleted(event.object)
                        case .bookmark: return .bookmark(resourceVersion: resourceVersion)
                        }
                    } catch let error as APIError where error.code == 410 {
                        logger.debug("watch expired, relisting", metadata: ["resource": "\(source.client.resource)"])
                        phase = .list
                    } catch {
                        phase = .openWatch
                        try await backOff(after: error, what: "watch stream")
                    }
                }
            }
        }

        private mutating func backOff(after error: (any Error)?, what: String) async throws {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
            if let error {
                logger.debug(
                    "\(what) failed, retrying",
                    metadata: ["resource": "\(source.client.resource)", "error": "\(error)", "attempt": "\(failures)"])
            }
            let delay = Backoff.watches.delay(attempt: failures)
            failures += 1
            try await Task.sleep(for: delay)
        }
    }
}
