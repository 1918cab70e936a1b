import Foundation
import HollowAPIServer
import HollowClient
import HollowModel
import HollowPKI
import HollowRuntime
import Logging
import Synchronization

/// `hollow bench informer`: what Hollow's controller runtime costs and sustains with a large cluster's objects.
///
/// ``run()`` starts a cluster in this process (temporary directory, 127.0.0.1, a free port), fills it with `nodes`
/// Nodes (~2 KB, as a kubelet registers them) and `pods` Pods (~1.5 KB, bound to the nodes) over HTTPS, then:
/// 1. sync: a `SharedInformerFactory` over the real client lists and watches nodes and pods (pages of 500, as
///    client-go's reflector) until both caches are filled — the time a controller waits before its first reconcile;
/// 2. memory: resident memory before and after the sync (each after `malloc_trim`), divided by the objects cached;
/// 3. events over the wire: writers patch pods for `seconds` while a handler counts the events it is given;
/// 4. runtime ceiling: an informer fed by an in-memory stream (no HTTP, no JSON parsing) of `ceilingEvents`
///    modifications, to show what the cache and handler dispatch can take on their own.
public struct InformerBenchmark: Sendable {
    public struct Configuration: Sendable {
        public var nodes: Int
        public var pods: Int
        public var writers: Int
        public var seconds: Int
        public var ceilingEvents: Int

        public init(nodes: Int = 10_000, pods: Int = 100_000, writers: Int = 16, seconds: Int = 10, ceilingEvents: Int = 1_000_000) {
            self.nodes = nodes
            self.pods = pods
            self.writers = writers
            self.seconds = seconds
            self.ceilingEvents = ceilingEvents
        }

        public static let quick = Configuration(nodes: 500, pods: 5_000, seconds: 2, ceilingEvents: 100_000)

        public var problem: String? {
            if !(1...200_000).contains(nodes) { return "--nodes must be between 1 and 200000, not \(nodes)" }
            if !(0...2_000_000).contains(pods) { return "--pods must be between 0 and 2000000, not \(pods)" }
            if !(1...256).contains(writers) { return "--writers must be between 1 and 256, not \(writers)" }
            if !(1...120).contains(seconds) { return "--seconds must be between 1 and 120, not \(seconds)" }
            return nil
        }
    }

    public struct Report: Sendable, CustomStringConvertible {
        public var configuration: Configuration
        public var fillRate: Double
        public var syncNodes: Duration
        public var syncPods: Duration
        public var syncBoth: Duration
        public var residentBefore: Int?
        public var residentAfter: Int?
        public var writes: Int
        public var writeSeconds: Double
        public var eventsHandled: Int
        public var eventSeconds: Double
        public var drainAfterLastWrite: Duration
        public var ceilingEvents: Int
        public var ceilingSeconds: Double
        public var cachedNodes: Int
        public var cachedPods: Int

        var objects: Int { configuration.nodes + configuration.pods }

        public var description: String {
            func ms(_ d: Duration) -> String {
                String(format: "%.0f ms", Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
            }
            func mib(_ bytes: Int?) -> String { bytes.map { String(format: "%.0f MiB", Double($0) / 1_048_576) } ?? "n/a" }
            var lines: [String] = []
            lines.append("hollow bench informer — \(configuration.nodes) nodes, \(configuration.pods) pods")
            lines.append(String(format: "  fill (POST over HTTPS, %d writers)        %.0f objects/s", configuration.writers, fillRate))
            lines.append("  sync (list+watch, pages of 500)")
            lines.append("    nodes informer                          \(ms(syncNodes))   (\(cachedNodes) cached)")
            lines.append("    pods informer                           \(ms(syncPods))   (\(cachedPods) cached)")
            lines.append("    both, started together                  \(ms(syncBoth))")
            if let before = residentBefore, let after = residentAfter {
                let perObject = Double(after - before) / Double(max(cachedNodes + cachedPods, 1))
                lines.append(
                    "  memory: RSS after malloc_trim \(mib(before)) → \(mib(after)) = \(String(format: "%.0f", perObject)) bytes per cached object (~1.5–2 KB of JSON each on the wire)")
            }
            let writeRate = Double(writes) / max(writeSeconds, 0.001)
            let eventRate = Double(eventsHandled) / max(eventSeconds, 0.001)
            lines.append(
                String(
                    format: "  events over the wire: %d pod patches at %.0f/s → %d events handled at %.0f/s (%.2f of writes); last event %@ after the last write",
                    writes, writeRate, eventsHandled, eventRate, Double(eventsHandled) / Double(max(writes, 1)),
                    ms(drainAfterLastWrite)))
            lines.append(
                String(
                    format: "  runtime ceiling (in-memory stream → cache → handler): %d events in %.2f s = %.0f events/s (%.1f× the wire rate)",
                    ceilingEvents, ceilingSeconds, Double(ceilingEvents) / max(ceilingSeconds, 0.001),
                    Double(ceilingEvents) / max(ceilingSeconds, 0.001) / max(eventRate, 1)))
            return lines.joined(separator: "\n")
        }
    }

    public let configuration: Configuration
    let logger: Logger
    let progress: @Sendable (String) -> Void

    public init(configuration: Configuration, logger: Logger, progress: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.logger = logger
        self.progress = progress
    }

    public func run() async throws -> Report {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let directory = ClusterDirectory(path: scratch.path + "/cluster")
        progress("starting a cluster on \(directory.path)")
        var report = try await withBenchCluster(directory, logger: logger) { serving, _ in
            try await withBenchClient(serving, userAgent: "hollow-bench-informer", logger: logger) { client in
                try await measureLive(client)
            }
        }
        progress("runtime ceiling: \(configuration.ceilingEvents) in-memory events")
        let (events, seconds) = try await measureCeiling()
        report.ceilingEvents = events
        report.ceilingSeconds = seconds
        return report
    }

    private func measureLive(_ client: KubernetesClient) async throws -> Report {
        let configuration = self.configuration
        _ = try await client.resource(Namespace.self).create(
            Namespace(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "bench"]]))
        progress("filling: \(configuration.nodes) nodes and \(configuration.pods) pods")
        let fillStart = ContinuousClock.now
        try await forEachConcurrently(0..<configuration.nodes, width: configuration.writers) { index in
            _ = try await client.resource(Node.self).create(Node(try JSON(parsing: Fixtures.node(index: index))))
        }
        try await forEachConcurrently(0..<configuration.pods, width: configuration.writers) { index in
            _ = try await client.resource(Pod.self).create(Self.pod(index, nodes: configuration.nodes), namespace: "bench")
        }
        let fillRate = Double(configuration.nodes + configuration.pods) / (ContinuousClock.now - fillStart).inSeconds

        // Warm the server's paths once, so that the heap figure after the sync holds the caches and little else.
        _ = try await client.resource(Pod.self).listPage(options: ListOptions(limit: 500))
        let residentBefore = ProcessMemory.trimmedResidentBytes()

        progress("sync: informers over nodes and pods")
        let factory = SharedInformerFactory(client: client, logger: logger)
        let nodes = factory.informer(Node.self)
        let pods = factory.informer(Pod.self)
        try pods.addIndex("spec.nodeName") { pod in pod.nodeName.map { [$0] } ?? [] }
        let events = SequenceCounter()
        let lastEvent = Mutex<ContinuousClock.Instant?>(nil)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            let started = ContinuousClock.now
            group.addTask { try await factory.run() }
            async let nodesSynced: Duration = {
                try await nodes.waitForSync()
                return ContinuousClock.now - started
            }()
            async let podsSynced: Duration = {
                try await pods.waitForSync()
                return ContinuousClock.now - started
            }()
            let (syncNodes, syncPods) = try await (nodesSynced, podsSynced)
            let syncBoth = max(syncNodes, syncPods)
            let residentAfter = ProcessMemory.trimmedResidentBytes()

            pods.addEventHandler(onUpdate: { _, _ in
                events.next()
                lastEvent.withLock { $0 = .now }
            })
            progress("events: \(configuration.writers) writers patch pods for \(configuration.seconds) s")
            let writes = SequenceCounter()
            let writeStart = ContinuousClock.now
            let deadline = writeStart + .seconds(configuration.seconds)
            try await withThrowingTaskGroup(of: Void.self) { writers in
                for writer in 0..<configuration.writers {
                    writers.addTask {
                        var round = 0
                        while ContinuousClock.now < deadline {
                            let index = (writer + round * configuration.writers) % max(configuration.pods, 1)
                            _ = try await client.resource(Pod.self).patch(
                                Self.podName(index), namespace: "bench",
                                .merge(["metadata": ["annotations": ["bench/round": .string(String(round))]]]))
                            writes.next()
                            round += 1
                        }
                    }
                }
                try await writers.waitForAll()
            }
            let writeEnd = ContinuousClock.now
            let written = writes.value
            // Wait until every write's event was handled (or 30 s pass).
            let drainDeadline = writeEnd + .seconds(30)
            while events.value < written && ContinuousClock.now < drainDeadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            let last = lastEvent.withLock { $0 } ?? writeEnd
            group.cancelAll()
            return Report(
                configuration: configuration, fillRate: fillRate, syncNodes: syncNodes, syncPods: syncPods,
                syncBoth: syncBoth, residentBefore: residentBefore,
                residentAfter: residentAfter, writes: written, writeSeconds: (writeEnd - writeStart).inSeconds,
                eventsHandled: events.value, eventSeconds: (last - writeStart).inSeconds,
                drainAfterLastWrite: last > writeEnd ? last - writeEnd : .zero, ceilingEvents: 0, ceilingSeconds: 0,
                cachedNodes: nodes.count, cachedPods: pods.count)
        }
    }

    /// The informer alone: a `.replace` of `pods` pods, then `ceilingEvents` modifications, all made in memory.
    private func measureCeiling() async throws -> (Int, Double) {
        let count = max(configuration.pods, 1)
        let total = configuration.ceilingEvents
        let templates = (0..<count).map { Self.pod($0, nodes: max(configuration.nodes, 1)) }
        let informer = Informer<Pod>(name: "ceiling", logger: logger) {
            SyntheticUpdates(templates: templates, modifications: total)
        }
        try informer.addIndex("spec.nodeName") { pod in pod.nodeName.map { [$0] } ?? [] }
        let handled = SequenceCounter()
        let done = AsyncStream<Void>.makeStream()
        informer.addEventHandler(onUpdate: { _, _ in
            if handled.next() + 1 == total { done.continuation.yield() }
        })
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await informer.run() }
            try await informer.waitForSync()
            let started = ContinuousClock.now
            for await _ in done.stream { break }
            let elapsed = (ContinuousClock.now - started).inSeconds
            group.cancelAll()
            return (handled.value, elapsed)
        }
    }

    static func podName(_ index: Int) -> String { "pod-\(index)" }

    /// A pod as a controller and scheduler would leave it: labels, owner, one container with requests, bound.
    static func pod(_ index: Int, nodes: Int) -> Pod {
        let node = "node-" + String(repeating: "0", count: max(0, 5 - String(index % nodes).count)) + String(index % nodes)
        return Pod([
            "apiVersion": "v1", "kind": "Pod",
            "metadata": [
                "name": .string(podName(index)), "namespace": "bench",
                "labels": ["app": .string("app-\(index % 100)"), "pod-template-hash": "7d4b9c8f5"],
                "annotations": ["kubernetes.io/psp": "restricted"],
            ],
            "spec": [
                "nodeName": .string(node),
                "containers": [
                    [
                        "name": "app", "image": "registry.example.com/team/app:v1.2.3",
                        "ports": [["containerPort": 8080, "protocol": "TCP"]],
                        "resources": ["requests": ["cpu": "100m", "memory": "128Mi"], "limits": ["memory": "256Mi"]],
                        "env": [["name": "MODE", "value": "production"], ["name": "INDEX", "value": .string(String(index))]],
                    ]
                ],
                "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
                "serviceAccountName": "default", "schedulerName": "default-scheduler",
            ],
            "status": ["phase": "Running", "podIP": .string("10.244.\(index / 256 % 256).\(index % 256)")],
        ])
    }
}

/// `.replace` with the templates, then modifications cycling through them with increasing resourceVersions.
struct SyntheticUpdates: AsyncSequence, Sendable {
    typealias Element = ResourceUpdate<Pod>
    let templates: [Pod]
    let modifications: Int

    func makeAsyncIterator() -> Iterator { Iterator(templates: templates, modifications: modifications) }

    struct Iterator: AsyncIteratorProtocol {
        let templates: [Pod]
        let modifications: Int
        var sent = -1

        mutating func next() async throws -> ResourceUpdate<Pod>? {
            defer { sent += 1 }
            if sent == -1 {
                let items = templates.enumerated().map { index, pod in
                    var pod = pod
                    pod.metadata.resourceVersion = String(index + 1)
                    return pod
                }
                return .replace(items, resourceVersion: String(templates.count))
            }
            if sent >= modifications {
                try await Task.sleep(for: .seconds(3600))
                return nil
            }
            var pod = templates[sent % templates.count]
            pod.metadata.resourceVersion = String(templates.count + sent + 1)
            return .modified(pod)
        }
    }
}

