import ArgumentParser
import Foundation
import HollowAPIServer
import HollowClient
import HollowControllers
import HollowKubemark
import HollowModel
import HollowNodes
import HollowPKI
import HollowRuntime
import Logging
import ServiceLifecycle

/// `hollow up`: runs a cluster in the foreground until SIGINT or SIGTERM.
struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a Hollow cluster in the foreground (Ctrl-C stops it).")

    @Option(help: "The cluster's name.")
    var name = "default"

    @Option(help: "Where the cluster keeps its state (default: ~/.hollow/clusters/<name>).")
    var dataDir: String?

    @Option(help: "The address to listen on.")
    var address = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free port).")
    var port = 6443

    @Option(help: "The Kubernetes version the server reports.")
    var kubernetesVersion = "v1.31.0"

    @Option(help: "Comma-separated controllers to run in-process (\(ControllerName.allCases.map(\.rawValue).joined(separator: ", "))), all, or none to serve the API alone.")
    var controllers = "all"

    @Option(help: "How long a node may be silent before it is marked Unknown (Go duration, e.g. 40s).")
    var nodeMonitorGracePeriod = "40s"

    @Option(help: "How long a deleted Machine's node is drained before the Machine is deleted anyway, unless the Machine sets spec.nodeDrainTimeout (Go duration; default: no limit).")
    var machineDrainTimeout: String?

    @Option(help: "Hollow nodes to create at start (hollow-node-0 …), kept by the in-process pool \"default\".")
    var nodes = 0

    @Option(help: "Replicas of the Machine API MachineSet \"workers\" (kubemark machines) created at the first start.")
    var workers = 2

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !name.isEmpty, isDNS1123Label(name) else {
            throw ValidationError("--name must be a lowercase RFC 1123 label (letters, digits and '-')")
        }
        guard kubernetesVersion.range(of: #"^v\d+\.\d+\.\d+([-+].*)?$"#, options: .regularExpression) != nil else {
            throw ValidationError("--kubernetes-version must look like v1.31.0")
        }
    }

    func run() async throws {
        var logger = Logger(label: "hollow")
        logger.logLevel = logLevel
        let directory = try dataDir.map { ClusterDirectory(path: $0) } ?? ClusterDirectory.default(clusterName: name)
        let cluster = LocalCluster(
            configuration: .init(
                name: name, directory: directory, host: address, port: port, kubernetesVersion: kubernetesVersion))
        let clusterName = name
        let names = try parseControllers(controllers)
        let options = try controllerOptions(
            nodeMonitorGracePeriod: nodeMonitorGracePeriod, workers: 4, machineDrainTimeout: machineDrainTimeout)
        guard (0...100_000).contains(nodes) else { throw CommandFailure("--nodes must be between 0 and 100000, not \(nodes)") }
        guard (0...100_000).contains(workers) else {
            throw CommandFailure("--workers must be between 0 and 100000, not \(workers)")
        }
        let embedded = EmbeddedControlPlane(
            controllers: names, options: options, nodes: nodes, clusterName: clusterName, workers: workers,
            logger: logger
        ) { serving in
            let line = "hollow: cluster \"\(clusterName)\" is up at \(serving.url) — export KUBECONFIG=\(serving.kubeconfigPath)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        do {
            try await cluster.run(logger: logger, handleSignals: true, services: [embedded]) { serving in
                embedded.start(serving)
            }
        } catch let error as PKIError {
            throw CommandFailure(error.message)
        }
    }

    private func isDNS1123Label(_ value: String) -> Bool {
        value.count <= 63 && value.range(of: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", options: .regularExpression) != nil
    }
}

/// The controllers and the hollow node pool `hollow up` runs in its own process, over the same HTTPS client they
/// would use against any cluster; they start once the server serves.
///
/// First the Machine API is installed (``MachineAPIInstaller``) with the MachineSet `workers`, then `ready` is
/// called, so that the cluster is announced with its Machine API in place. With `--controllers none` and no
/// `--nodes`, nothing else runs: the server serves the API alone.
struct EmbeddedControlPlane: Service {
    let controllers: [ControllerName]
    let options: ControllerOptions
    let nodes: Int
    let clusterName: String
    let workers: Int
    let logger: Logger
    let ready: @Sendable (LocalCluster.Serving) -> Void
    private let serving = AsyncStream<LocalCluster.Serving>.makeStream(bufferingPolicy: .bufferingNewest(1))

    init(
        controllers: [ControllerName], options: ControllerOptions, nodes: Int, clusterName: String, workers: Int,
        logger: Logger, ready: @escaping @Sendable (LocalCluster.Serving) -> Void
    ) {
        self.controllers = controllers
        self.options = options
        self.nodes = nodes
        self.clusterName = clusterName
        self.workers = workers
        self.logger = logger
        self.ready = ready
    }

    /// Something to run: controllers, or hollow nodes (the pool runs whenever anything does).
    var runsAnything: Bool { !controllers.isEmpty || nodes > 0 }

    /// Hands over the running server's address and credentials.
    func start(_ serving: LocalCluster.Serving) { self.serving.continuation.yield(serving) }

    func run() async throws {
        let stream = serving.stream
        let first = await cancelWhenGracefulShutdown { await stream.first { _ in true } }
        guard let serving = first else { return }
        // The cluster's own controllers and hollow nodes reach its API server in-process, as its admin.
        let client = try serving.inProcessClient(userAgent: "hollow-controller-manager", logger: logger)
        try await client.shutDown(after: { client in
            try await MachineAPIInstaller.install(client, logger: logger)
            try await createWorkers(client)
            ready(serving)
            // A service that returns ends the service group: with nothing to run, wait for the shutdown instead.
            guard runsAnything else { return try await gracefulShutdown() }
            var services: [any Service] = []
            if !controllers.isEmpty {
                services.append(
                    ControllerManager(
                        client: client, controllers: controllers, options: options, logger: logger,
                        machineActuator: KubemarkActuator(client: client, pool: "default", logger: logger),
                        providerControllers: KubemarkMachineSetCapacity.controllers(for: controllers)))
            }
            try await createNodes(client)
            services.append(HollowNodePool(client: client, pool: "default", clock: SystemClock(), logger: logger))
            try await withThrowingDiscardingTaskGroup { group in
                for service in services { group.addTask { try await service.run() } }
            }
        })
    }

    /// Creates the MachineSet `workers` unless it exists: a restart keeps what the user scaled it to.
    private func createWorkers(_ client: KubernetesClient) async throws {
        let machineSet = MachineSet.kubemarkWorkers(name: "workers", clusterName: clusterName, replicas: workers)
        do {
            _ = try await client.resource(MachineSet.self).create(machineSet)
        } catch let error as APIError where error.isAlreadyExists {
            return
        }
    }

    /// Creates `hollow-node-0` … unless they exist (a restart on the same data keeps them).
    private func createNodes(_ client: KubernetesClient) async throws {
        let nodeClient = client.resource(Node.self)
        for index in 0..<nodes {
            do {
                _ = try await nodeClient.create(HollowNodeTemplate(name: "hollow-node-\(index)").node)
            } catch let error as APIError where error.isAlreadyExists {
                continue
            }
        }
    }
}

/// A failure reported as one line on standard error with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
