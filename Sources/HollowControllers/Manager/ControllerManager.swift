import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// The controllers Hollow can run, by the names `--controllers` takes.
public enum ControllerName: String, CaseIterable, Sendable, CustomStringConvertible {
    case scheduler
    case nodelifecycle
    case replicaset
    case deployment
    case daemonset
    case machine
    case nodelink
    case machineset
    case machinedeployment
    case machinehealthcheck

    /// The Machine API's controllers: they need its CRDs installed (`hollow install machine-api`) and `machine` a
    /// ``MachineActuator``.
    public static let machineAPI: Set<ControllerName> = [.machine, .nodelink, .machineset, .machinedeployment, .machinehealthcheck]

    /// What `hollow up` runs by default: the control plane a real cluster would have, and the Machine API.
    public static let embeddedControlPlane: [ControllerName] = allCases

    public var description: String { rawValue }

    /// Parses `scheduler,nodelifecycle`, `all` or `none`.
    /// - Throws: ``ControllerSelectionError`` naming an unknown controller.
    public static func parseList(_ text: String) throws(ControllerSelectionError) -> [ControllerName] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed == "none" || trimmed.isEmpty { return [] }
        if trimmed == "all" { return allCases }
        var names: [ControllerName] = []
        for part in trimmed.split(separator: ",") {
            let word = part.trimmingCharacters(in: .whitespaces)
            guard let name = ControllerName(rawValue: word) else {
                throw ControllerSelectionError(unknown: word)
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }
}

/// An unknown name in a controller list.
public struct ControllerSelectionError: Error, Sendable, CustomStringConvertible {
    public let unknown: String
    public var description: String {
        "unknown controller \"\(unknown)\" (known: \(ControllerName.allCases.map(\.rawValue).joined(separator: ", ")), all, none)"
    }
}

/// Tunables shared by the controllers (kube-controller-manager's flags of the same names).
public struct ControllerOptions: Sendable {
    /// How long a node may go without a Lease renewal or status update before it is marked Unknown.
    public var nodeMonitorGracePeriod: Duration
    /// The same for a node that never reported.
    public var nodeStartupGracePeriod: Duration
    /// How often node health is checked.
    public var nodeMonitorPeriod: Duration
    /// Concurrent reconciles per controller.
    public var workers: Int
    /// How long the machine controller drains a deleted Machine's Node before it deletes the Machine anyway, unless
    /// the Machine sets `spec.nodeDrainTimeout`; `nil` waits as long as it takes (the machine-api-operator's way).
    public var machineDrainTimeout: Duration?

    public init(
        nodeMonitorGracePeriod: Duration = .seconds(40), nodeStartupGracePeriod: Duration = .seconds(60),
        nodeMonitorPeriod: Duration = .seconds(5), workers: Int = 4, machineDrainTimeout: Duration? = nil
    ) {
        self.nodeMonitorGracePeriod = nodeMonitorGracePeriod
        self.nodeStartupGracePeriod = nodeStartupGracePeriod
        self.nodeMonitorPeriod = nodeMonitorPeriod
        self.workers = workers
        self.machineDrainTimeout = machineDrainTimeout
    }
}

/// What a controller is built from: the client, the shared informers, the clock, options and a logger.
public struct ControllerContext: Sendable {
    public let client: KubernetesClient
    public let informers: SharedInformerFactory
    public let clock: any ControllerClock
    public let options: ControllerOptions
    public let logger: Logger
    /// The provider behind the `machine` controller's Machines; that controller refuses to start without one.
    public var machineActuator: (any MachineActuator)?

    public init(
        client: KubernetesClient, informers: SharedInformerFactory, clock: any ControllerClock,
        options: ControllerOptions, logger: Logger, machineActuator: (any MachineActuator)? = nil
    ) {
        self.client = client
        self.informers = informers
        self.clock = clock
        self.options = options
        self.logger = logger
        self.machineActuator = machineActuator
    }
}

/// Leader election for a controller manager: one Lease, one identity per process.
public struct LeaderElectionOptions: Sendable {
    public var lease: ObjectKey
    public var identity: String
    public var leaseDuration: Duration
    public var renewDeadline: Duration
    public var retryPeriod: Duration

    public init(
        lease: ObjectKey = ObjectKey(namespace: "kube-system", name: "hollow-controller-manager"), identity: String,
        leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10),
        retryPeriod: Duration = .seconds(2)
    ) {
        self.lease = lease
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
    }
}

/// Runs a chosen set of controllers against one API server (kube-controller-manager's role, plus the scheduler):
/// one shared informer factory, each controller a `Service`, optionally only while holding a leader Lease.
///
/// `run()` returns on graceful shutdown once the controllers drained, or throws when leadership is lost (the
/// process should then exit and be restarted, as kube-controller-manager does).
public struct ControllerManager: Service {
    public let client: KubernetesClient
    public let controllers: [ControllerName]
    public let options: ControllerOptions
    public let leaderElection: LeaderElectionOptions?
    public let clock: any ControllerClock
    public let logger: Logger
    /// The provider the `machine` controller drives.
    public let machineActuator: (any MachineActuator)?
    /// Controllers of the machine provider's own (the kubemark provider's MachineSet capacity annotations), run
    /// beside the chosen ones and under the same leader election.
    public let providerControllers: @Sendable (ControllerContext) throws -> [any Service]

    public init(
        client: KubernetesClient, controllers: [ControllerName], options: ControllerOptions = ControllerOptions(),
        leaderElection: LeaderElectionOptions? = nil, clock: any ControllerClock = SystemClock(), logger: Logger,
        machineActuator: (any MachineActuator)? = nil,
        providerControllers: @escaping @Sendable (ControllerContext) throws -> [any Service] = { _ in [] }
    ) {
        self.client = client
        self.controllers = controllers
        self.options = options
        self.leaderElection = leaderElection
        self.clock = clock
        self.logger = logger
        self.machineActuator = machineActuator
        self.providerControllers = providerControllers
    }

    public func run() async throws {
        guard !controllers.isEmpty else { return }
        let informers = SharedInformerFactory(client: client, clock: clock, logger: logger)
        let context = ControllerContext(
            client: client, informers: informers, clock: clock, options: options, logger: logger,
            machineActuator: machineActuator)
        var services: [any Service] = []
        for name in controllers { services += try Self.services(for: name, context) }
        services += try providerControllers(context)
        var group: [any Service] = [informers]
        if let leaderElection {
            let elector = LeaderElector(
                configuration: .init(
                    lease: leaderElection.lease, identity: leaderElection.identity,
                    leaseDuration: leaderElection.leaseDuration, renewDeadline: leaderElection.renewDeadline,
                    retryPeriod: leaderElection.retryPeriod),
                store: ClientLeaseStore(client: client), clock: clock, logger: logger)
            group.append(LeaderElectedServices(elector: elector, services: services))
        } else {
            group += services
        }
        logger.info("starting controllers", metadata: ["controllers": "\(controllers.map(\.rawValue))"])
        try await ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: group.map { .init(service: $0) }, gracefulShutdownSignals: [], logger: logger)
        ).run()
    }

    static func services(for name: ControllerName, _ context: ControllerContext) throws -> [any Service] {
        switch name {
        case .scheduler: try SchedulerController.make(context)
        case .nodelifecycle: try NodeLifecycleController.make(context)
        case .replicaset: try ReplicaSetController.make(context)
        case .deployment: try DeploymentController.make(context)
        case .daemonset: try DaemonSetController.make(context)
        case .machine: try MachineController.make(context)
        case .nodelink: try NodeLinkController.make(context)
        case .machineset: try MachineSetController.make(context)
        case .machinedeployment: try MachineDeploymentController.make(context)
        case .machinehealthcheck: try MachineHealthCheckController.make(context)
        }
    }
}
