import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle
import Synchronization

/// Runs every hollow node of one pool against an API server: the Nodes labelled `hollow.dev/pool=<pool>`.
///
/// One process holds thousands of them: there is no task and no connection per node. The pool keeps one watch on
/// hollow Nodes and one on bound Pods, a small state value per node and per pod, one timer heap for everything that
/// is due (registrations, Lease renewals, status posts, schedule flips, pod transitions), and a fixed number of
/// writers that perform the writes. Lease renewals are spread evenly over the renew interval by a hash of the node
/// name, so 10,000 nodes make a steady 1,000 renewals a second and never a burst.
///
/// Whoever wants a hollow node creates the Node (``HollowNodeTemplate``); the pool then registers it (labels,
/// providerID, podCIDR, InternalIP, capacity, nodeInfo, conditions, Lease), keeps it alive and runs its pods, all as
/// its annotations say (``HollowNodeKeys``), re-read on every change. A deleted Node is forgotten and its Lease
/// deleted.
///
/// `run()` returns on graceful shutdown or cancellation; it does not throw for API errors (it retries with backoff).
/// Nothing is cleaned up on exit: the nodes go Unknown, as when real kubelets stop.
///
/// The client's rate limit bounds what the pool can write: give it `qps: 0` (no limit) or enough for
/// `nodes / leaseRenewInterval` plus pod and status writes.
public final class HollowNodePool: Service, Sendable {
    public struct Configuration: Sendable {
        /// The pool's name: it simulates the Nodes labelled `hollow.dev/pool=<pool>`.
        public var pool: String
        /// Concurrent writes to the API server. Throughput is about `writers / request latency`: 10,000 nodes renewing
        /// every 10 s need 1,000 writes a second, which at the 25 ms a write takes on a busy 2-core machine occupy 25
        /// writers; pods starting at 1,000 a second need as many again. Node work goes first (Leases must not wait for
        /// pods), so too few writers starve the pods. Writers are tasks, not connections.
        public var writers: Int
        /// Work due within this much of a timer firing is done in the same wake-up (fewer wake-ups at scale; the
        /// writes still carry their exact times).
        public var timerCoalescing: Duration

        public init(pool: String = "default", writers: Int = 128, timerCoalescing: Duration = .milliseconds(5)) {
            self.pool = pool
            self.writers = writers
            self.timerCoalescing = timerCoalescing
        }
    }

    public let configuration: Configuration
    let client: KubernetesClient
    let clock: any ControllerClock
    let logger: Logger
    let state: Mutex<HollowNodePoolState>
    let waiters = Mutex(HollowWorkWaiters())
    let wake = HollowWakeSignal()

    /// - Parameters:
    ///   - client: the API server's client; any API server works.
    ///   - pool: which Nodes to simulate (`hollow.dev/pool=<pool>`).
    ///   - clock: the time nodes run on (a `ManualClock` in tests); `lastTransitionTime`, `renewTime` and every
    ///     delay come from it.
    public convenience init(
        client: KubernetesClient, pool: String = "default", clock: some ControllerClock = SystemClock(), logger: Logger
    ) {
        self.init(client: client, configuration: Configuration(pool: pool), clock: clock, logger: logger)
    }

    public init(client: KubernetesClient, configuration: Configuration, clock: some ControllerClock, logger: Logger) {
        self.client = client
        self.configuration = configuration
        self.clock = clock
        var logger = logger
        logger[metadataKey: "pool"] = "\(configuration.pool)"
        self.logger = logger
        state = Mutex(HollowNodePoolState(pool: configuration.pool))
    }

    /// Watches, times and writes until graceful shutdown or cancellation.
    public func run() async throws {
        if client.configuration.qps > 0 {
            logger.notice(
                "the client is rate-limited; hollow nodes write at most this fast",
                metadata: ["qps": "\(client.configuration.qps)"])
        }
        logger.info("hollow node pool starting", metadata: ["writers": "\(configuration.writers)"])
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.watchNodes() }
                group.addTask { await self.watchPods() }
                group.addTask { await self.dispatch() }
                for _ in 0..<max(1, self.configuration.writers) {
                    group.addTask { await self.work() }
                }
            }
        }
    }

    // MARK: - Observing the pool

    /// Counts of nodes, pods and writes now.
    public func statistics() -> HollowNodePoolStatistics {
        state.withLock { state in
            var statistics = HollowNodePoolStatistics()
            statistics.nodes = state.nodes.count
            for entry in state.nodes.values {
                if entry.machine.isRegistered { statistics.registeredNodes += 1 }
                if entry.machine.readyStatus == "True" && entry.machine.kubeletRunning { statistics.readyNodes += 1 }
                if !entry.machine.kubeletRunning { statistics.stoppedKubelets += 1 }
                if entry.configurationError != nil { statistics.invalidConfigurations += 1 }
                for key in state.podsByNode[entry.machine.name] ?? [] {
                    statistics.pods += 1
                    if state.pods[key]?.machine.phase == "Running" { statistics.runningPods += 1 }
                }
            }
            statistics.writes = state.counters.writes
            statistics.failedWrites = state.counters.failedWrites
            statistics.leaseRenewals = state.counters.leaseRenewals
            statistics.leaseRenewalLag = state.counters.leaseRenewalLag
            statistics.backlog = state.timers.readyCount + state.timers.processingCount
            return statistics
        }
    }

    /// Starts measuring Lease renewal lag afresh (e.g. once every node registered, for the steady state).
    public func resetLeaseRenewalLag() {
        state.withLock { $0.counters.leaseRenewalLag = HollowLagHistogram() }
    }

    /// The nodes whose annotations do not parse, with the message (also posted as a Warning Event on the Node).
    public func configurationErrors() -> [String: String] {
        state.withLock { state in state.nodes.compactMapValues(\.configurationError) }
    }

    /// The state machine of a node this pool simulates (what it reported, its configuration), or `nil`.
    public func node(_ name: String) -> HollowNodeStateMachine? {
        state.withLock { $0.nodes[name]?.machine }
    }

    // MARK: - Watches

    /// One watch on every hollow Node (any pool: the address slots of other pools' nodes are taken too).
    private func watchNodes() async {
        let nodes = client.resource(Node.self)
        await consume("nodes", nodes.updates(options: ListOptions(labelSelector: HollowNodeKeys.poolLabel))) {
            self.apply($0)
        }
    }

    /// One watch on every bound Pod.
    private func watchPods() async {
        let pods = client.resource(Pod.self)
        await consume("pods", pods.updates(options: ListOptions(fieldSelector: "spec.nodeName!="))) { self.apply($0) }
    }

    private func consume<Updates: AsyncSequence & Sendable>(
        _ what: String, _ updates: Updates, _ apply: @Sendable (Updates.Element) -> Void
    ) async {
        var failures = 0
        while !Task.isCancelled {
            do {
                for try await update in updates {
                    failures = 0
                    apply(update)
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning("\(what) watch failed; starting it again", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: Backoff.watches.delay(attempt: failures))
            failures += 1
        }
    }

    func apply(_ update: ResourceUpdate<Node>) {
        let now = clock.wallTime
        let rearm: Bool
        switch update {
        case .replace(let nodes, _):
            let snapshots = nodes.map(HollowNodeSnapshot.init)
            rearm = state.withLock { state in
                var rearm = false
                let names = Set(snapshots.map(\.name))
                for name in state.hollowNodeNames where !names.contains(name) {
                    rearm = state.removeNode(name, now: now) || rearm
                }
                for snapshot in snapshots { rearm = state.apply(snapshot, now: now) || rearm }
                return rearm
            }
        case .added(let node), .modified(let node):
            let snapshot = HollowNodeSnapshot(node)
            rearm = state.withLock { $0.apply(snapshot, now: now) }
        case .deleted(let node):
            rearm = state.withLock { $0.removeNode(node.name, now: now) }
        case .bookmark:
            rearm = false
        }
        if rearm { wake.signal() }
    }

    func apply(_ update: ResourceUpdate<Pod>) {
        let now = clock.wallTime
        let rearm: Bool
        switch update {
        case .replace(let pods, _):
            let snapshots = pods.map(HollowPodSnapshot.init)
            rearm = state.withLock { state in
                var rearm = false
                let keys = Set(snapshots.map(\.key))
                for key in state.pods.keys where !keys.contains(key) { _ = state.removePod(key) }
                for snapshot in snapshots { rearm = state.apply(snapshot, now: now) || rearm }
                return rearm
            }
        case .added(let pod), .modified(let pod):
            let snapshot = HollowPodSnapshot(pod)
            rearm = state.withLock { $0.apply(snapshot, now: now) }
        case .deleted(let pod):
            let key = ObjectKey(namespace: pod.namespace, name: pod.name)
            rearm = state.withLock { $0.removePod(key) }
        case .bookmark:
            rearm = false
        }
        if rearm { wake.signal() }
    }
}
