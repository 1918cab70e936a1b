import HollowClient
import HollowModel
import Logging
import ServiceLifecycle
import Synchronization

/// Writes the Events a controller reports about the objects it acts on, in the background, as client-go's event
/// broadcaster does: ``record(_:about:reason:action:note:now:)`` never waits for the API server, so Events never
/// slow down the work they report on (a scheduler binding pods would otherwise spend half its writes on them).
///
/// `run()` writes the buffered Events, at most `writers` at a time and `writesPerSecond` a second (burst twice that:
/// kube's controllers write Events through their client, rate-limited at 20 to 50 requests a second — the scheduler's
/// default is 50), until graceful shutdown or cancellation; put the recorder before its controllers in a service
/// group, so it outlives them. When `capacity` Events are waiting, new ones are dropped and counted in a warning (at
/// most one a minute), as kube's broadcaster drops Events when its channel is full; a failed write is logged at debug
/// level and not retried.
/// Events are for people reading `kubectl describe`: thousands of pods scheduled at once leave a sample of Scheduled
/// Events, not one each, and their writes do not compete with the Bindings.
///
/// Each Event is written through the core/v1 `events` resource as an `events.k8s.io/v1` Event reads there: named
/// `<object name>.<unix nanoseconds in hex>` (a nanosecond later than the recorder's previous Event when both fall on
/// the same one, so names never collide), stamped with `eventTime`, `action`, `reportingComponent` and
/// `reportingInstance`, with the legacy `firstTimestamp`/`lastTimestamp` null.
///
/// Controllers that kube builds on client-go's `record.EventRecorder` (all but the scheduler) also pass their Events
/// through its per-object spam filter (``EventSpamFilter``): 25 Events about one object, then one every 5 minutes.
final class ControllerEventRecorder: Service, Sendable {
    /// `Normal` or `Warning`.
    enum EventType: String, Sendable {
        case normal = "Normal"
        case warning = "Warning"
    }

    /// `reportingController` (core/v1 `reportingComponent`), e.g. `default-scheduler`.
    let reportingController: String
    /// `reportingInstance`, e.g. `default-scheduler-hollow`.
    let reportingInstance: String

    private let events: ResourceClient<Event>
    private let writers: Int
    private let rateLimit: TokenBucket
    private let logger: Logger
    private let stream: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    /// Events dropped so far, and when that was last logged.
    private let dropped = Mutex<(count: Int, loggedAt: ContinuousClock.Instant?)>((0, nil))
    /// The spam filter, `nil` for a recorder without one, and the nanosecond time of the last Event's name.
    private let naming: Mutex<(spamFilter: EventSpamFilter?, lastNanoseconds: UInt64)>

    /// - Parameter spamFilter: client-go's per-object rate limit, for controllers built on `record.EventRecorder`;
    ///   `nil` for those on the `events.k8s.io` recorder (the scheduler), which has none.
    init(
        client: KubernetesClient, reportingController: String, capacity: Int = 1000, writers: Int = 4,
        writesPerSecond: Double = 50, spamFilter: EventSpamFilter? = EventSpamFilter(), logger: Logger
    ) {
        rateLimit = TokenBucket(qps: writesPerSecond, burst: Int(writesPerSecond * 2))
        naming = Mutex((spamFilter, 0))
        events = client.resource(Event.self)
        self.reportingController = reportingController
        reportingInstance = "\(reportingController)-hollow"
        self.writers = max(1, writers)
        var logger = logger
        logger[metadataKey: "recorder"] = "\(reportingController)"
        self.logger = logger
        (stream, continuation) = AsyncStream.makeStream(of: Event.self, bufferingPolicy: .bufferingOldest(capacity))
    }

    /// Queues one Event about `object`, in its namespace (`default` for cluster-scoped objects, as kube does).
    func record(
        _ eventType: EventType, about object: some KubernetesObject, reason: String, action: String, note: String,
        now: Timestamp
    ) {
        let nanoseconds = naming.withLock { naming -> UInt64? in
            if naming.spamFilter != nil {
                let objectKey = "\(object.kind)/\(object.namespace ?? "")/\(object.name)/\(object.metadata.uid ?? "")"
                if naming.spamFilter?.allows(objectKey, now: now) == false { return nil }
            }
            let stamp = max(Self.nanoseconds(now), naming.lastNanoseconds &+ 1)
            naming.lastNanoseconds = stamp
            return stamp
        }
        guard let nanoseconds else { return }
        let event = Self.event(
            eventType, about: object, reason: reason, action: action, note: note, now: now, nameStamp: nanoseconds,
            reportingController: reportingController, reportingInstance: reportingInstance)
        guard case .dropped = continuation.yield(event) else { return }
        // The first drop, then at most one line a minute: a burst of 100,000 pods must not flood the log.
        let now = ContinuousClock.now
        let report = dropped.withLock { dropped -> Int? in
            dropped.count += 1
            if let loggedAt = dropped.loggedAt, now - loggedAt < .seconds(60) { return nil }
            dropped.loggedAt = now
            return dropped.count
        }
        if let report {
            logger.warning(
                "dropping events: more are recorded than are written", metadata: ["dropped": "\(report)"])
        }
    }

    func run() async throws {
        defer { continuation.finish() }
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for await event in stream.cancelOnGracefulShutdown() {
                do { try await rateLimit.acquire() } catch { break }
                if inFlight >= writers {
                    await group.next()
                    inFlight -= 1
                }
                group.addTask { await self.write(event) }
                inFlight += 1
            }
        }
    }

    private func write(_ event: Event) async {
        do {
            _ = try await events.create(event, namespace: event.namespace)
        } catch {
            logger.debug(
                "could not write an event",
                metadata: ["reason": "\(event.object["reason"]?.stringValue ?? "")", "error": "\(error)"])
        }
    }

    private static func nanoseconds(_ time: Timestamp) -> UInt64 {
        UInt64(max(0, time.secondsSinceEpoch)) &* 1_000_000_000 &+ UInt64(max(0, time.nanoseconds))
    }

    /// The Event, members in `v1.Event`'s order; `nameStamp` (Unix nanoseconds, `now` unless given) names it.
    static func event(
        _ eventType: EventType, about object: some KubernetesObject, reason: String, action: String, note: String,
        now: Timestamp, nameStamp: UInt64? = nil, reportingController: String, reportingInstance: String
    ) -> Event {
        let namespace = object.namespace ?? "default"
        let nanoseconds = nameStamp ?? Self.nanoseconds(now)
        // Objects from a list carry no kind of their own; the typed wrapper's resource knows it.
        let resource = type(of: object).resource
        let kind = object.kind.isEmpty ? resource?.kind ?? "" : object.kind
        let apiVersion = object.apiVersion.isEmpty ? resource?.apiVersion ?? "" : object.apiVersion
        var involved: JSONObject = ["kind": .string(kind)]
        if let objectNamespace = object.namespace { involved["namespace"] = .string(objectNamespace) }
        involved["name"] = .string(object.name)
        if let uid = object.metadata.uid, !uid.isEmpty { involved["uid"] = .string(uid) }
        involved["apiVersion"] = .string(apiVersion)
        if !object.resourceVersion.isEmpty { involved["resourceVersion"] = .string(object.resourceVersion) }
        return Event([
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": [
                "name": .string("\(object.name).\(String(nanoseconds, radix: 16))"),
                "namespace": .string(namespace),
            ],
            "involvedObject": .object(involved),
            "reason": .string(reason),
            "message": .string(note),
            "source": [:],
            "firstTimestamp": .null,
            "lastTimestamp": .null,
            "type": .string(eventType.rawValue),
            "eventTime": .string(now.rfc3339Micro),
            "action": .string(action),
            "reportingComponent": .string(reportingController),
            "reportingInstance": .string(reportingInstance),
        ])
    }
}
