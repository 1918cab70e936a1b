import Foundation
import HollowModel
import HollowPKI
import HollowResources
import HollowStore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// One Hollow cluster on this machine: its data directory (lock, credentials, tokens, kubeconfig, SQLite state),
/// the store, the API server over HTTPS and the control-plane services, run as one `ServiceGroup`.
public struct LocalCluster: Sendable {
    public struct Configuration: Sendable {
        public var name: String
        public var directory: ClusterDirectory
        public var host: String
        /// 0 picks a free port.
        public var port: Int
        public var kubernetesVersion: String
        public var store: SQLiteStore.Configuration

        public init(
            name: String = "default", directory: ClusterDirectory, host: String = "127.0.0.1", port: Int = 6443,
            kubernetesVersion: String = "v1.31.0", store: SQLiteStore.Configuration = .init()
        ) {
            self.name = name
            self.directory = directory
            self.host = host
            self.port = port
            self.kubernetesVersion = kubernetesVersion
            self.store = store
        }
    }

    /// What a running cluster tells its starter.
    public struct Serving: Sendable {
        public var url: String
        public var host: String
        public var port: Int
        public var kubeconfigPath: String
        public var credentials: ClusterCredentials
        public var adminToken: String?
        public var server: APIServer
    }

    public let configuration: Configuration

    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Runs the cluster until the task is cancelled or a graceful shutdown is triggered (SIGINT/SIGTERM when
    /// `handleSignals`). `onServing` is called once the server accepts connections and the kubeconfig is written.
    ///
    /// `services` (controllers, hollow nodes) run in the same service group after the API server's own, and are
    /// told to shut down first; they typically wait for `onServing` before they start talking to the server.
    public func run(
        logger: Logger, handleSignals: Bool, services: [any Service] = [],
        onServing: @escaping @Sendable (Serving) async -> Void
    ) async throws {
        let configuration = self.configuration
        let directory = configuration.directory
        try directory.create()
        let lock = try directory.lock()
        defer { lock.release() }
        let credentials = try ClusterCredentials.loadOrCreate(
            directory: directory, addresses: [configuration.host], clusterName: configuration.name)
        let tokens = try TokenFile.loadOrCreate(directory: directory)
        let store = try await SQLiteStore.open(
            path: directory.stateDatabasePath, configuration: configuration.store, logger: logger)
        let registry = ResourceRegistry(
            BuiltinResources.all + RBACResources.all + [CustomResourceDefinitionResource.definition])
        let policy = RBACPolicy()
        let policyRevision = try await policy.load(from: store)
        let advertisedHost = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let apiServer = APIServer(
            store: store, registry: registry,
            authenticator: ClusterAuthenticator(identity: credentials.clientIdentity, tokens: tokens),
            configuration: APIServerConfiguration(
                kubernetesVersion: configuration.kubernetesVersion,
                advertisedAddress: "\(advertisedHost):\(configuration.port)"),
            logger: logger, policy: policy,
            serviceAccountTokens: try ServiceAccountTokens.loadOrCreate(directory: directory))
        let customResources = CustomResourceController(server: apiServer)
        try await customResources.load()
        let namespaces = NamespaceLifecycle(server: apiServer)
        let garbageCollector = GarbageCollector(server: apiServer)
        let policyWatcher = RBACPolicyWatcher(store: store, policy: policy, revision: policyRevision)
        let application = try HTTPSServer.application(
            apiServer: apiServer, credentials: credentials, host: configuration.host, port: configuration.port,
            services: [], logger: logger
        ) { channel in
            let port = channel.localAddress?.port ?? configuration.port
            do {
                try await apiServer.bootstrap(servicePort: port)
                let kubeconfig = Kubeconfig.admin(
                    clusterName: configuration.name, host: configuration.host, port: port, credentials: credentials)
                try kubeconfig.write(to: directory.kubeconfigPath)
                await onServing(
                    Serving(
                        url: Kubeconfig.serverURL(host: configuration.host, port: port), host: configuration.host,
                        port: port, kubeconfigPath: directory.kubeconfigPath, credentials: credentials,
                        adminToken: tokens.adminToken, server: apiServer))
            } catch {
                logger.critical("cluster start-up failed", metadata: ["error": "\(error)"])
            }
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: store),
                    .init(service: application),
                    .init(service: namespaces),
                    .init(service: garbageCollector),
                    .init(service: customResources),
                    .init(service: policyWatcher),
                    // After the API server's services, so that it ends open watches once the clients are stopped.
                    .init(service: WatchDrainer(server: apiServer)),
                ] + services.map { .init(service: $0) },
                gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
                logger: logger))
        try await group.run()
    }
}
