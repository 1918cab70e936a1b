import ArgumentParser
import Foundation
import HollowClient
import HollowModel
import HollowNodes
import HollowRuntime
import Logging
import ServiceLifecycle

/// `hollow nodes`: runs a hollow node pool against any API server.
struct Nodes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a hollow node pool against any Kubernetes API server (Ctrl-C stops it).",
        discussion: """
            Simulates every Node labelled hollow.dev/pool=<pool>: registers it, renews its Lease, posts its status \
            and runs the pods bound to it, with the behaviour its hollow.dev/ annotations give (`hollow node add` \
            creates such Nodes). One watch on nodes and one on pods serve the whole pool.
            """)

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "The pool's name: it simulates the Nodes labelled hollow.dev/pool=<pool>.")
    var pool = "default"

    @Option(help: "Concurrent API writes.")
    var writers = HollowNodePool.Configuration().writers

    @Option(help: "Client-side rate limit, requests per second (0: unlimited); 10,000 nodes need about 1,100.")
    var qps = 0.0

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        var logger = Logger(label: "hollow.nodes")
        logger.logLevel = logLevel
        if let problem = isDNS1123Label(pool).first { throw CommandFailure("invalid --pool \"\(pool)\": \(problem)") }
        guard (1...1024).contains(writers) else { throw CommandFailure("--writers must be between 1 and 1024, not \(writers)") }
        guard qps >= 0 else { throw CommandFailure("--qps must not be negative, not \(qps)") }
        var configuration = try loadClientConfiguration(kubeconfig: cluster.kubeconfig, context: cluster.context)
        configuration.qps = qps
        configuration.burst = max(100, Int(qps))
        configuration.userAgent = "hollow-nodes"
        let poolConfiguration = HollowNodePool.Configuration(pool: pool, writers: writers)
        try await KubernetesClient.withClient(configuration, logger: logger) { client in
            let nodePool = HollowNodePool(client: client, configuration: poolConfiguration, clock: SystemClock(), logger: logger)
            try await ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: nodePool)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            ).run()
        }
    }
}
