import ArgumentParser
import Foundation
import HollowBench
import Logging

/// `hollow bench …`: benchmarks that print figures and their ratios to measured ceilings.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark and print its figures.",
        subcommands: [BenchAPIServer.self, BenchInformer.self, BenchNodes.self, BenchMachines.self])
}

/// `hollow bench apiserver`: runs a cluster in this process and measures it over HTTPS.
struct BenchAPIServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apiserver",
        abstract: "Measure the API server: requests/s, LIST, watch latency, memory, cold start.",
        discussion: """
            Starts a cluster in this process on a temporary data directory (127.0.0.1, a free port) and drives it \
            over HTTPS with HTTP/1.1 keep-alive connections. Prints each figure with its target and its ratio to a \
            ceiling measured in the same run, then one verdict line per target. Progress goes to standard error. \
            Takes about two minutes with the defaults; --quick takes about half a minute.
            """)

    @Option(parsing: .unconditional, help: "Concurrent clients (and connections) in the throughput phases. (default: 16)")
    var clients: WholeNumber?

    @Option(parsing: .unconditional, help: "ConfigMaps stored when memory and cold start are measured. (default: 100000; --quick: 10000)")
    var objects: WholeNumber?

    @Option(parsing: .unconditional, help: "Nodes created and then listed. (default: 10000; --quick: 500)")
    var nodes: WholeNumber?

    @Option(parsing: .unconditional, help: "Concurrent watches in the watch phase. (default: 100; --quick: 10)")
    var watchers: WholeNumber?

    @Option(parsing: .unconditional, help: "Writes per second in the watch phase. (default: 1000; --quick: 200)")
    var writeRate: WholeNumber?

    @Option(parsing: .unconditional, help: "Seconds each timed phase runs. (default: 10; --quick: 2)")
    var seconds: WholeNumber?

    @Option(parsing: .unconditional, help: "CustomResourceDefinitions installed before the phases. (default: 0)")
    var crds: WholeNumber?

    @Flag(help: "Small sizes for a smoke run; the verdicts of targets it does not reach are n/a.")
    var quick = false

    @Option(help: "The cluster's log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    /// The configuration the flags ask for.
    ///
    /// - Throws: `CommandFailure` (one line, unlike a `ValidationError`, which prints the usage too) for a value
    ///   that is not a whole number or is out of range.
    private func benchmarkConfiguration() throws -> APIServerBenchmark.Configuration {
        var configuration = quick ? APIServerBenchmark.Configuration.quick : APIServerBenchmark.Configuration()
        if let clients { configuration.clients = try clients.value(of: "--clients") }
        if let objects { configuration.objects = try objects.value(of: "--objects") }
        if let nodes { configuration.nodes = try nodes.value(of: "--nodes") }
        if let watchers { configuration.watchers = try watchers.value(of: "--watchers") }
        if let writeRate { configuration.writeRate = try writeRate.value(of: "--write-rate") }
        if let seconds { configuration.phaseDuration = .seconds(try seconds.value(of: "--seconds")) }
        if let crds { configuration.customResourceDefinitions = try crds.value(of: "--crds") }
        if let problem = configuration.problem { throw CommandFailure(problem) }
        return configuration
    }

    func validate() throws {
        _ = try benchmarkConfiguration()
    }

    func run() async throws {
        let configuration = try benchmarkConfiguration()
        try await runBenchmark(logLevel: logLevel) { logger, progress in
            try await APIServerBenchmark(configuration: configuration, logger: logger, progress: progress).run().rendered
        }
    }
}

/// `hollow bench informer`: informers over a large cluster's nodes and pods.
struct BenchInformer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "informer",
        abstract: "Measure the controller runtime: informer sync time, memory per cached object, events/s.",
        discussion: """
            Starts a cluster in this process on a temporary data directory, fills it over HTTPS, then syncs shared \
            informers over nodes and pods through Hollow's client, counts the events a handler is given while pods \
            are patched, and measures the informer alone on an in-memory stream. Progress goes to standard error.
            """)

    @Option(parsing: .unconditional, help: "Nodes in the cluster. (default: 10000; --quick: 500)")
    var nodes: WholeNumber?

    @Option(parsing: .unconditional, help: "Pods in the cluster. (default: 100000; --quick: 5000)")
    var pods: WholeNumber?

    @Option(parsing: .unconditional, help: "Concurrent writers when filling and patching. (default: 16)")
    var writers: WholeNumber?

    @Option(parsing: .unconditional, help: "Seconds pods are patched. (default: 10; --quick: 2)")
    var seconds: WholeNumber?

    @Flag(help: "Small sizes for a smoke run.")
    var quick = false

    @Option(help: "The cluster's log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    private func benchmarkConfiguration() throws -> InformerBenchmark.Configuration {
        var configuration = quick ? InformerBenchmark.Configuration.quick : InformerBenchmark.Configuration()
        if let nodes { configuration.nodes = try nodes.value(of: "--nodes") }
        if let pods { configuration.pods = try pods.value(of: "--pods") }
        if let writers { configuration.writers = try writers.value(of: "--writers") }
        if let seconds { configuration.seconds = try seconds.value(of: "--seconds") }
        if let problem = configuration.problem { throw CommandFailure(problem) }
        return configuration
    }

    func validate() throws {
        _ = try benchmarkConfiguration()
    }

    func run() async throws {
        let configuration = try benchmarkConfiguration()
        try await runBenchmark(logLevel: logLevel) { logger, progress in
            try await InformerBenchmark(configuration: configuration, logger: logger, progress: progress).run().description + "\n"
        }
    }
}

/// `hollow bench nodes`: hollow nodes at scale in one process.
struct BenchNodes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nodes",
        abstract: "Measure hollow nodes at scale: time to Ready and Running, Lease lag, CPU and memory.",
        discussion: """
            Starts a cluster in this process with the scheduler, the node lifecycle controller and a hollow node pool \
            (all over HTTPS through Hollow's client), creates the nodes, then the pods, then measures the steady \
            state. Progress goes to standard error. Targets: nodes Ready < 30 s, pods Running < 120 s, Lease lag \
            p99 < 2 s, steady CPU < 1 core, RSS ≤ 3 GiB.
            """)

    @Option(parsing: .unconditional, help: "Hollow nodes. (default: 10000; --quick: 500)")
    var nodes: WholeNumber?

    @Option(parsing: .unconditional, help: "Pods. (default: 100000; --quick: 5000)")
    var pods: WholeNumber?

    @Option(parsing: .unconditional, help: "Seconds of steady state measured. (default: 30; --quick: 12)")
    var seconds: WholeNumber?

    @Option(parsing: .unconditional, help: "Concurrent writers creating nodes and pods. (default: 32)")
    var writers: WholeNumber?

    @Option(parsing: .unconditional, help: "Concurrent writes of the hollow node pool. (default: 128)")
    var poolWriters: WholeNumber?

    @Flag(help: "Small sizes for a smoke run; its verdicts are n/a.")
    var quick = false

    @Option(help: "The cluster's log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    private func benchmarkConfiguration() throws -> NodesBenchmark.Configuration {
        var configuration = quick ? NodesBenchmark.Configuration.quick : NodesBenchmark.Configuration()
        if let nodes { configuration.nodes = try nodes.value(of: "--nodes") }
        if let pods { configuration.pods = try pods.value(of: "--pods") }
        if let seconds { configuration.steadySeconds = try seconds.value(of: "--seconds") }
        if let writers { configuration.writers = try writers.value(of: "--writers") }
        if let poolWriters { configuration.poolWriters = try poolWriters.value(of: "--pool-writers") }
        if let problem = configuration.problem { throw CommandFailure(problem) }
        return configuration
    }

    func validate() throws {
        _ = try benchmarkConfiguration()
    }

    func run() async throws {
        let configuration = try benchmarkConfiguration()
        try await runBenchmark(logLevel: logLevel) { logger, progress in
            try await NodesBenchmark(configuration: configuration, logger: logger, progress: progress).run().description + "\n"
        }
    }
}

/// `hollow bench machines`: a MachineSet of kubemark machines scaled, broken and healed in one process.
struct BenchMachines: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "machines",
        abstract: "Measure the Machine API: scale-up and -down, health-check remediation, recovery after kill -9.",
        discussion: """
            Starts a cluster in this process with the Machine API controllers, the kubemark provider and a hollow \
            node pool (all over HTTPS through Hollow's client); scales a MachineSet 0 → N, turns a tenth of its nodes \
            NotReady under a MachineHealthCheck, scales it to 0; then runs `hollow up` as a child process, kills it \
            with SIGKILL in the middle of a scale-up and restarts it. Progress goes to standard error. Targets: \
            0 → 1000 in < 20 s; remediation within 1 s of the timeout; exactly N machines and nodes within 10 s of \
            the restart.
            """)

    @Option(parsing: .unconditional, help: "Machines. (default: 1000; --quick: 100)")
    var machines: WholeNumber?

    @Flag(help: "Skip the kill -9 phase.")
    var noRestart = false

    @Flag(help: "Small sizes for a smoke run; its verdicts are n/a.")
    var quick = false

    @Option(help: "The cluster's log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    private func benchmarkConfiguration() throws -> MachinesBenchmark.Configuration {
        var configuration = quick ? MachinesBenchmark.Configuration.quick : MachinesBenchmark.Configuration()
        if let machines { configuration.machines = try machines.value(of: "--machines") }
        if let problem = configuration.problem { throw CommandFailure(problem) }
        if !noRestart { configuration.executable = Bundle.main.executableURL?.resolvingSymlinksInPath().path }
        return configuration
    }

    func validate() throws {
        _ = try benchmarkConfiguration()
    }

    func run() async throws {
        let configuration = try benchmarkConfiguration()
        try await runBenchmark(logLevel: logLevel) { logger, progress in
            try await MachinesBenchmark(configuration: configuration, logger: logger, progress: progress).run()
                .description + "\n"
        }
    }
}

/// Runs a benchmark: progress lines to standard error, the report to standard output, a `BenchmarkError` as a
/// one-line failure.
func runBenchmark(
    logLevel: Logger.Level,
    _ body: (Logger, @escaping @Sendable (String) -> Void) async throws -> String
) async throws {
    var logger = Logger(label: "hollow.bench")
    logger.logLevel = logLevel
    let progress: @Sendable (String) -> Void = { step in
        FileHandle.standardError.write(Data("hollow bench: \(step)\n".utf8))
    }
    let report: String
    do {
        report = try await body(logger, progress)
    } catch let error as BenchmarkError {
        throw CommandFailure(error.description)
    }
    FileHandle.standardOutput.write(Data(report.utf8))
}

/// A whole-number flag value, kept as typed until `validate()` so that "--clients abc" gets the same one-line
/// error as "--clients 0" (ArgumentParser's own parse errors print the usage as well). The options parse
/// `.unconditional`ly so that a negative number is taken as the value, not as a flag.
struct WholeNumber: ExpressibleByArgument {
    let text: String

    init(argument: String) {
        text = argument
    }

    func value(of flag: String) throws -> Int {
        guard let value = Int(text) else { throw CommandFailure("\(flag) must be a whole number, not \"\(text)\"") }
        return value
    }
}
