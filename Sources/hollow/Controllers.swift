import ArgumentParser
import Foundation
import HollowClient
import HollowControllers
import HollowKubemark
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// `hollow controllers`: runs chosen controllers against any API server, with leader election.
struct Controllers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run Hollow's controllers against any Kubernetes API server (Ctrl-C stops them).",
        discussion: """
            Controllers: \(ControllerName.allCases.map(\.rawValue).joined(separator: ", ")). A real cluster already \
            runs its own scheduler and node lifecycle controller; pick those only against a bare API server such as \
            `hollow up --controllers none`. The Machine API controllers (machine, nodelink, machineset, \
            machinedeployment, machinehealthcheck) need its CRDs (`hollow install machine-api`) and back Machines \
            with kubemark hollow nodes in --pool, which `hollow nodes` runs. Two processes with the same \
            --leader-elect-lease never both act.
            """)

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Comma-separated controllers to run, or all.")
    var controllers = "all"

    @Option(help: "Hold a Lease while acting, so that only one process acts (true or false).")
    var leaderElect = true

    @Option(help: "The leader-election Lease, NAMESPACE/NAME.")
    var leaderElectLease = "kube-system/hollow-controller-manager"

    @Option(help: "How long others wait after the leader's last renewal before taking the Lease (Go duration).")
    var leaderElectLeaseDuration = "15s"

    @Option(help: "How long the leader keeps retrying a renewal before it stops acting (Go duration).")
    var leaderElectRenewDeadline = "10s"

    @Option(help: "How often candidates try to acquire or renew the Lease (Go duration).")
    var leaderElectRetryPeriod = "2s"

    @Option(help: "How long a node may be silent before it is marked Unknown (Go duration, e.g. 40s).")
    var nodeMonitorGracePeriod = "40s"

    @Option(help: "Concurrent reconciles per controller.")
    var workers = 4

    @Option(help: "How long a deleted Machine's node is drained before the Machine is deleted anyway, unless the Machine sets spec.nodeDrainTimeout (Go duration; default: no limit).")
    var machineDrainTimeout: String?

    @Option(help: "The hollow node pool the kubemark provider puts machines' nodes in (run it with `hollow nodes --pool`).")
    var pool = "default"

    @Option(help: "Client-side rate limit: requests per second (0: unlimited).")
    var qps = 200.0

    @Option(help: "Client-side rate limit: burst.")
    var burst = 400

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        var logger = Logger(label: "hollow.controllers")
        logger.logLevel = logLevel
        let names = try parseControllers(controllers)
        guard !names.isEmpty else { throw CommandFailure("--controllers names no controller") }
        let options = try controllerOptions(
            nodeMonitorGracePeriod: nodeMonitorGracePeriod, workers: workers, machineDrainTimeout: machineDrainTimeout)
        var configuration = try loadClientConfiguration(kubeconfig: cluster.kubeconfig, context: cluster.context)
        configuration.qps = qps
        configuration.burst = burst
        configuration.userAgent = "hollow-controllers"
        var election: LeaderElectionOptions?
        if leaderElect {
            let lease = ObjectKey(leaderElectLease)
            guard lease.namespace != nil, !lease.name.isEmpty else {
                throw CommandFailure("--leader-elect-lease must be NAMESPACE/NAME, not \"\(leaderElectLease)\"")
            }
            let duration = try positiveDuration(leaderElectLeaseDuration, flag: "--leader-elect-lease-duration")
            let renew = try positiveDuration(leaderElectRenewDeadline, flag: "--leader-elect-renew-deadline")
            let retry = try positiveDuration(leaderElectRetryPeriod, flag: "--leader-elect-retry-period")
            guard duration > renew, renew > retry * 1.2 else {
                throw CommandFailure(
                    "leader election needs --leader-elect-lease-duration > --leader-elect-renew-deadline > 1.2 × --leader-elect-retry-period")
            }
            // As kube-controller-manager: host name plus a unique suffix; the process id tells operators which one.
            let host = ProcessInfo.processInfo.hostName
            let pid = ProcessInfo.processInfo.processIdentifier
            election = LeaderElectionOptions(
                lease: lease, identity: "\(host)_\(pid)_\(UUID().uuidString.prefix(8).lowercased())",
                leaseDuration: duration, renewDeadline: renew, retryPeriod: retry)
        }
        try await KubernetesClient.withClient(configuration, logger: logger) { client in
            let manager = ControllerManager(
                client: client, controllers: names, options: options, leaderElection: election, logger: logger,
                machineActuator: KubemarkActuator(client: client, pool: pool, logger: logger),
                providerControllers: KubemarkMachineSetCapacity.controllers(for: names))
            try await ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: manager)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
            ).run()
        }
    }
}

/// The client configuration kubectl would use (`--kubeconfig`, `$KUBECONFIG`, `~/.kube/config`, in-cluster), or a
/// one-line failure saying why there is none.
func loadClientConfiguration(kubeconfig: String?, context: String?) throws -> ClientConfiguration {
    do {
        return try KubeconfigLoader(explicitPath: kubeconfig, context: context).load()
    } catch {
        throw CommandFailure("cannot load the client configuration: \(error.message)")
    }
}

/// `--controllers` parsed, or a one-line failure naming the unknown controller.
func parseControllers(_ text: String) throws -> [ControllerName] {
    do { return try ControllerName.parseList(text) } catch { throw CommandFailure("--controllers: \(error)") }
}

/// A positive Go duration from a flag, or a one-line failure naming the flag.
func positiveDuration(_ text: String, flag: String) throws -> Duration {
    let duration: GoDuration
    do { duration = try GoDuration(parsing: text) } catch { throw CommandFailure("\(flag): \(error)") }
    guard duration.nanoseconds > 0 else { throw CommandFailure("\(flag) must be positive, not \(text)") }
    return duration.duration
}

/// Controller options from command-line values, or a one-line failure naming the bad one.
func controllerOptions(nodeMonitorGracePeriod: String, workers: Int, machineDrainTimeout: String?) throws
    -> ControllerOptions
{
    let grace = try positiveDuration(nodeMonitorGracePeriod, flag: "--node-monitor-grace-period")
    guard workers >= 1 else { throw CommandFailure("--workers must be at least 1, not \(workers)") }
    var options = ControllerOptions(
        nodeMonitorGracePeriod: grace, workers: workers,
        machineDrainTimeout: try machineDrainTimeout.map { try positiveDuration($0, flag: "--machine-drain-timeout") })
    // kube checks node health every 5 s against a 40 s grace; keep the check well inside shorter graces.
    options.nodeMonitorPeriod = min(.seconds(5), grace / 4)
    return options
}
