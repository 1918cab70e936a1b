import Foundation
import HollowAPIServer
import HollowModel
import HollowPKI
import Logging

/// `hollow bench apiserver`: throughput, latency, memory and start-up of a whole cluster run in this process,
/// each figure beside a ceiling measured in the same run.
///
/// ``run()`` creates a temporary data directory, measures SQLite on its own, starts a `LocalCluster` there
/// (127.0.0.1, a free port, no signal handling) and drives it over HTTPS through the phases below, then stops it
/// and times a restart on the same data. The directory is removed afterwards. Phases run one after another, each
/// bounded in requests and time; with the default configuration the whole run takes about two minutes.
///
/// 1. ceilings: SQLite single-row transactions, `/healthz` requests, transfer of a large prebuilt document;
/// 2. creates, updates (PUT with the current resourceVersion) and gets of ~1 KB ConfigMaps per second;
/// 3. LIST of `nodes` Nodes of ~2 KB each;
/// 4. watch delivery latency: `watchers` watches while a writer creates `writeRate` ConfigMaps a second;
/// 5. resident memory with `objects` ConfigMaps stored;
/// 6. cold start: stop the cluster, start a new one on the same data directory, time until it serves.
public struct APIServerBenchmark: Sendable {
    public struct Configuration: Sendable {
        /// Concurrent clients (and connections) in the throughput phases.
        public var clients: Int
        /// ConfigMaps stored when memory is measured (and the most the creates phase makes).
        public var objects: Int
        /// Nodes created and then listed.
        public var nodes: Int
        /// Concurrent watches in the watch phase.
        public var watchers: Int
        /// Writes a second in the watch phase.
        public var writeRate: Int
        /// How long each timed phase (health checks, creates, updates, gets, watch) runs.
        public var phaseDuration: Duration
        /// How many times the node LIST is timed.
        public var listRepetitions: Int
        /// A smoke run with small sizes: its figures are not comparable with the targets.
        public var isQuick: Bool
        /// CustomResourceDefinitions installed before the phases, so that the figures hold with custom resources served.
        public var customResourceDefinitions: Int = 0

        public init(
            clients: Int = 16, objects: Int = 100_000, nodes: Int = 10_000, watchers: Int = 100, writeRate: Int = 1_000,
            phaseDuration: Duration = .seconds(10), listRepetitions: Int = 5, isQuick: Bool = false
        ) {
            self.clients = clients
            self.objects = objects
            self.nodes = nodes
            self.watchers = watchers
            self.writeRate = writeRate
            self.phaseDuration = phaseDuration
            self.listRepetitions = listRepetitions
            self.isQuick = isQuick
        }

        /// Small sizes for a smoke run of a few seconds a phase.
        public static let quick = Configuration(
            objects: 10_000, nodes: 500, watchers: 10, writeRate: 200, phaseDuration: .seconds(2), listRepetitions: 3,
            isQuick: true)

        /// Why these settings cannot be run, if they cannot (one line, naming the flag).
        public var problem: String? {
            func outside(_ name: String, _ value: Int, _ range: ClosedRange<Int>) -> String? {
                range.contains(value) ? nil : "\(name) must be between \(range.lowerBound) and \(range.upperBound), not \(value)"
            }
            return outside("--clients", clients, 1...512) ?? outside("--objects", objects, 1...2_000_000)
                ?? outside("--nodes", nodes, 1...200_000) ?? outside("--watchers", watchers, 1...1_000)
                ?? outside("--write-rate", writeRate, 1...50_000)
                ?? outside("--seconds", Int(phaseDuration.components.seconds), 1...120)
                ?? outside("listRepetitions", listRepetitions, 1...100)
        }
    }

    public let configuration: Configuration
    let logger: Logger
    /// Told what the benchmark is doing, one line a step (the command prints it to standard error).
    let progress: @Sendable (String) -> Void

    public init(configuration: Configuration, logger: Logger, progress: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.logger = logger
        self.progress = progress
    }

    /// The namespaces the phases write to.
    enum Namespace {
        static let requests = "bench"
        static let watch = "watch"
        static let fill = "fill"
    }

    /// The most requests any single timed phase may send.
    static let requestLimit = 10_000_000

    /// Runs every phase and returns their figures.
    ///
    /// - Throws: `BenchmarkError` when the cluster cannot be started or a phase cannot produce a figure at all
    ///   (failed requests within a phase are counted in its figures instead).
    public func run() async throws -> Report {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let started = ContinuousClock.now
        let loadAverage = HostMachine.loadAverage()

        progress("SQLite ceiling: single-row transactions on \(scratch.path)")
        let sqlite = try await measureSQLiteTransactions(path: scratch.path + "/ceiling.db")

        let directory = ClusterDirectory(path: scratch.path + "/cluster")
        progress("starting a cluster on \(directory.path)")
        let residentBeforeCluster = ProcessMemory.residentBytes()
        let live = try await withCluster(directory) { serving, _ in
            try await runLivePhases(serving, residentAtStart: ProcessMemory.residentBytes())
        }
        let coldStart = try await measureColdStart(directory)

        return Report(
            configuration: configuration, sqlite: sqlite, live: live, coldStart: coldStart,
            residentBeforeCluster: residentBeforeCluster, loadAverageAtStart: loadAverage, total: ContinuousClock.now - started)
    }

    /// Figures of the phases that need a running cluster.
    struct LiveFigures: Sendable {
        var residentAtStart: Int?
        var healthz: Throughput
        var transfer: Transfer
        var creates: Throughput
        var updates: Throughput
        var gets: Throughput
        var list: NodeList
        var watch: WatchLatency
        var memory: Memory
    }

    private func runLivePhases(_ serving: LocalCluster.Serving, residentAtStart: Int?) async throws -> LiveFigures {
        let clients = configuration.clients
        let seconds = Int(configuration.phaseDuration.components.seconds)
        let (healthz, transfer, creates, updates, gets, list) = try await BenchClient.with(serving, connections: clients) {
            client in
            for namespace in [Namespace.requests, Namespace.watch, Namespace.fill] {
                let reply = try await client.send(.POST, "/api/v1/namespaces", body: Fixtures.namespace(namespace))
                guard reply.status == 201 else {
                    throw BenchmarkError("creating namespace \(namespace) failed: HTTP \(reply.status) \(reply.text.prefix(200))")
                }
            }
            if configuration.customResourceDefinitions > 0 {
                progress("installing \(configuration.customResourceDefinitions) CustomResourceDefinitions")
                try await installCustomResourceDefinitions(client)
            }
            progress("ceiling: GET /healthz, \(clients) clients, \(seconds) s")
            let healthz = await measureHealthz(client)
            progress("ceiling: transfer of /openapi/v2")
            let transfer = try await measureTransfer(client)
            progress("creates: POST ConfigMaps, \(clients) clients, \(seconds) s")
            let (creates, objects) = await measureCreates(client)
            guard !objects.isEmpty else {
                throw BenchmarkError("no ConfigMap could be created: \(creates.firstFailure ?? "no request was answered")")
            }
            progress("updates: PUT with the current resourceVersion, \(clients) clients, \(seconds) s")
            let updates = await measureUpdates(client, objects)
            progress("gets: GET ConfigMaps, \(clients) clients, \(seconds) s")
            let gets = await measureGets(client, objects)
            progress("LIST: creating \(configuration.nodes) Nodes, then listing them \(configuration.listRepetitions) times")
            let list = try await measureNodeList(client)
            return (healthz, transfer, creates, updates, gets, list)
        }
        progress(
            "watch: \(configuration.watchers) watchers, \(configuration.writeRate) writes/s for \(seconds) s")
        let watch = try await measureWatchLatency(serving)
        progress("memory: filling the store up to \(configuration.objects) ConfigMaps")
        let memory = try await BenchClient.with(serving, connections: clients) { client in
            try await measureMemory(client)
        }
        return LiveFigures(
            residentAtStart: residentAtStart, healthz: healthz, transfer: transfer, creates: creates, updates: updates,
            gets: gets, list: list, watch: watch, memory: memory)
    }

    func withCluster<T: Sendable>(
        _ directory: ClusterDirectory, _ body: (LocalCluster.Serving, Duration) async throws -> T
    ) async throws -> T {
        try await withBenchCluster(directory, logger: logger, body)
    }

    /// How many objects a collection holds: one LIST with `limit=1`, reading `remainingItemCount`.
    func count(_ client: BenchClient, _ path: String) async throws -> Int {
        let reply = try await client.send(.GET, path + "?limit=1")
        guard reply.status == 200, let list = try? JSON(parsing: reply.body.readableBytesView),
            let items = list["items"]?.arrayValue
        else {
            throw BenchmarkError("counting \(path) failed: HTTP \(reply.status) \(reply.text.prefix(200))")
        }
        return items.count + Int(list[path: ["metadata", "remainingItemCount"]]?.intValue ?? 0)
    }
}

/// A directory of its own under the system's temporary directory, removed with everything in it.
struct ScratchDirectory {
    let path: String

    init() throws {
        var template = Array((NSTemporaryDirectory() + "hollow-bench-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BenchmarkError("cannot create a temporary directory: \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
