import ServiceLifecycle

/// Services that run only while this process holds the lease (controller-runtime's manager with leader election
/// on): typically the controllers, while the informer factory stays outside so its caches are warm when
/// leadership arrives.
///
/// `run()` campaigns, runs the services as child tasks while leading, and releases the lease once they have all
/// returned. On graceful shutdown the services wind down by themselves (controllers finish their in-flight
/// reconciles) while the lease is still renewed. If renewal fails past the deadline the services are cancelled and
/// `run()` throws ``LeaderElectionError/leadershipLost``, which ends the service group.
public struct LeaderElectedServices: Service {
    public let elector: LeaderElector
    public let services: [any Service]

    public init(elector: LeaderElector, services: [any Service]) {
        self.elector = elector
        self.services = services
    }

    public func run() async throws {
        let services = services
        try await elector.run {
            try await withThrowingDiscardingTaskGroup { group in
                for service in services {
                    group.addTask { try await service.run() }
                }
            }
        }
    }
}
