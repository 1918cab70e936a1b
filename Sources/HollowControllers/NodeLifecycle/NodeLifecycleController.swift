import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle
import Synchronization

/// kube-controller-manager's node lifecycle controller with its NoExecute taint manager, as two services over the
/// shared node, Lease (`kube-node-lease`) and pod informers, each with a ``ControllerEventRecorder``:
///
/// - ``NodeLifecycleMonitorRunner``: every `nodeMonitorPeriod` on the injected clock, one
///   ``NodeLifecycleMonitor`` pass over all nodes (monitorNodeHealth). A node silent past its grace period gets its
///   conditions set Unknown (`nodes/status`), then its taints reconciled (a strategic merge patch with a
///   resourceVersion precondition): `unreachable`/`not-ready` as NoSchedule and NoExecute, removed again once the
///   kubelet posts Ready=True. When a pass takes Ready from True, the node's pods are marked not ready
///   (`pods/status`, with a `NodeNotReady` event), retried on later passes until that succeeds.
/// - The `taint-eviction-controller` (``TaintEvictionReconciler`` on a ``Controller``): pods on nodes with NoExecute
///   taints are deleted once their tolerations run out (``TaintEvictionSchedule``): the pod is queued again for the
///   moment its eviction falls due, on the same clock, and then marked `DisruptionTarget` and deleted.
///
/// A test that passes a ``ManualClock`` drives both by advancing it: the monitor sleeps `nodeMonitorPeriod` between
/// passes and each scheduled eviction is a delayed key in the eviction queue.
///
/// Not modelled (as in the pure logic): zone disruption states and the rate limiting of NoExecute tainting, the
/// events about nodes themselves (`NodeNotReady` on the node), the NoSchedule pass on every node update (taints
/// follow conditions at the next pass instead, within `nodeMonitorPeriod`), and marking a pod newly bound to a
/// not-ready node (kube's processPod).
enum NodeLifecycleController {
    /// The pod informer's index of pods by `spec.nodeName`.
    static let podsByNodeIndex = "spec.nodeName"

    static func make(_ context: ControllerContext) throws -> [any Service] {
        let nodes = context.informers.informer(Node.self)
        let leases = context.informers.informer(Lease.self, namespace: NodeLifecycle.nodeLeaseNamespace)
        let pods = context.informers.informer(Pod.self)
        // The informer is shared: another controller may have added the same index already.
        try? pods.addIndex(podsByNodeIndex) { pod in pod.nodeName.map { [$0] } ?? [] }

        let nodeEvents = ControllerEventRecorder(
            client: context.client, reportingController: "node-controller", logger: context.logger)
        let monitor = NodeLifecycleMonitorRunner(
            client: context.client, nodes: nodes, leases: leases, pods: pods, events: nodeEvents,
            clock: context.clock,
            configuration: NodeLifecycleMonitor.Configuration(
                nodeMonitorGracePeriod: context.options.nodeMonitorGracePeriod,
                nodeStartupGracePeriod: context.options.nodeStartupGracePeriod),
            period: context.options.nodeMonitorPeriod, concurrency: context.options.workers, logger: context.logger)

        let evictionEvents = ControllerEventRecorder(
            client: context.client, reportingController: TaintEvictionReconciler.controllerName,
            logger: context.logger)
        let eviction = TaintEvictionReconciler(
            client: context.client, nodes: nodes, pods: pods, events: evictionEvents, clock: context.clock,
            logger: context.logger)
        let evictionController = Controller(
            name: TaintEvictionReconciler.controllerName, workers: context.options.workers, reconciler: eviction,
            clock: context.clock, logger: context.logger)
        evictionController.waitForSync {
            try await nodes.waitForSync()
            try await pods.waitForSync()
        }
        eviction.watch(queue: evictionController.queue)
        // The recorders first, so that they outlive the controllers that record through them.
        return [nodeEvents, evictionEvents, monitor, evictionController]
    }
}

/// The node health loop of ``NodeLifecycleController``: a ``NodeLifecycleMonitor`` pass every period, then the
/// writes it asks for.
///
/// `run()` waits for the informers to sync, then alternates a pass and a sleep of `period` on the clock until
/// graceful shutdown or cancellation; a pass in progress is cancelled with it. The decisions of a pass are made
/// under one lock from the informers' caches; its writes then go out with at most `concurrency` in flight. A write
/// that fails is logged and left to the next pass, which computes the same update again.
final class NodeLifecycleMonitorRunner: Service, Sendable {
    private struct State {
        var monitor: NodeLifecycleMonitor
        /// Nodes whose pods could not all be marked not ready; marking is retried while their Ready is not True.
        var podsNotReadyRetry: Set<String> = []
    }

    private let nodes: Informer<Node>
    private let leases: Informer<Lease>
    private let pods: Informer<Pod>
    private let nodeClient: ResourceClient<Node>
    private let podClient: ResourceClient<Pod>
    private let events: ControllerEventRecorder
    private let clock: any ControllerClock
    private let period: Duration
    private let concurrency: Int
    private let logger: Logger
    private let state: Mutex<State>

    init(
        client: KubernetesClient, nodes: Informer<Node>, leases: Informer<Lease>, pods: Informer<Pod>,
        events: ControllerEventRecorder, clock: any ControllerClock, configuration: NodeLifecycleMonitor.Configuration,
        period: Duration,
        concurrency: Int, logger: Logger
    ) {
        self.nodes = nodes
        self.leases = leases
        self.pods = pods
        nodeClient = client.resource(Node.self)
        podClient = client.resource(Pod.self)
        self.clock = clock
        self.period = period
        self.concurrency = max(1, concurrency)
        var logger = logger
        logger[metadataKey: "controller"] = "node-lifecycle-controller"
        self.logger = logger
        self.events = events
        state = Mutex(State(monitor: NodeLifecycleMonitor(configuration: configuration)))
    }

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { [self] in
                try await nodes.waitForSync()
                try await leases.waitForSync()
                try await pods.waitForSync()
                logger.info("monitoring node health", metadata: ["period": "\(period)"])
                while !Task.isCancelled {
                    await pass()
                    try await clock.sleep(for: period)
                }
            }
        } catch is CancellationError {
            // Shutdown.
        }
    }

    /// One monitor pass over every node, then its writes.
    func pass() async {
        let now = clock.wallTime
        let observed = nodes.list().map { node in
            (node: node, lease: leases.get(namespace: NodeLifecycle.nodeLeaseNamespace, name: node.name))
        }
        let work = state.withLock { state -> [(node: Node, update: NodeLifecycleUpdate, retryPods: Bool)] in
            var work: [(node: Node, update: NodeLifecycleUpdate, retryPods: Bool)] = []
            var names = Set<String>(minimumCapacity: observed.count)
            for (node, lease) in observed {
                names.insert(node.name)
                let update = state.monitor.monitor(node, lease: lease, now: now)
                let retryPods = state.podsNotReadyRetry.contains(node.name)
                if !update.isEmpty || update.markPodsNotReady || retryPods { work.append((node, update, retryPods)) }
            }
            for name in state.monitor.nodes.keys where !names.contains(name) {
                state.monitor.forget(nodeName: name)
            }
            state.podsNotReadyRetry.formIntersection(names)
            return work
        }
        guard !work.isEmpty else { return }
        _ = await mapConcurrently(work, width: concurrency) { item in
            await self.write(item.update, to: item.node, retryPods: item.retryPods, now: now)
        }
    }

    /// Writes one node's update: status first, then taints, then (when this pass took Ready from True, or an earlier
    /// attempt failed) its pods not ready.
    private func write(_ update: NodeLifecycleUpdate, to node: Node, retryPods: Bool, now: Timestamp) async {
        var logger = logger
        logger[metadataKey: "node"] = "\(node.name)"
        do {
            var resourceVersion = node.resourceVersion
            if let conditions = update.conditions {
                let statusOnly = NodeLifecycleUpdate(nodeName: node.name, conditions: conditions)
                let written = try await nodeClient.updateStatus(statusOnly.applied(to: node))
                resourceVersion = written.resourceVersion
                logger.info(
                    "node status changed",
                    metadata: [
                        "ready": "\(update.currentReadyStatus ?? "none")",
                        "was": "\(update.observedReadyStatus ?? "none")",
                    ])
            }
            if let patch = update.taintsPatch(resourceVersion: resourceVersion) {
                _ = try await nodeClient.patch(node.name, .strategicMerge(patch))
                logger.info(
                    "node taints changed", metadata: ["taints": "\((update.taints ?? []).map(\.description))"])
            }
        } catch {
            // A conflict is the node's kubelet posting status meanwhile: expected, and not worth a warning.
            let level: Logger.Level = (error as? APIError)?.isConflict == true ? .debug : .warning
            logger.log(
                level: level, "could not update the node; the next pass tries again", metadata: ["error": "\(error)"])
            return
        }
        let ready = update.currentReadyStatus == NodeLifecycle.ConditionStatus.true
        guard update.markPodsNotReady || (retryPods && !ready) else {
            if retryPods { state.withLock { _ = $0.podsNotReadyRetry.remove(node.name) } }
            return
        }
        let marked = await markPodsNotReady(on: node.name, now: now, logger: logger)
        state.withLock { state in
            if marked {
                state.podsNotReadyRetry.remove(node.name)
            } else {
                state.podsNotReadyRetry.insert(node.name)
            }
        }
    }

    /// MarkPodsNotReady: every pod on the node with a Ready condition that is not False gets Ready=False.
    /// - Returns: whether every write succeeded (a pod gone meanwhile counts as done).
    private func markPodsNotReady(on nodeName: String, now: Timestamp, logger: Logger) async -> Bool {
        let podsOnNode = (try? pods.byIndex(NodeLifecycleController.podsByNodeIndex, nodeName)) ?? []
        var succeeded = true
        for pod in podsOnNode {
            guard let marked = NodeLifecycle.markingPodNotReady(pod, nodeName: nodeName, now: now) else { continue }
            do {
                _ = try await podClient.updateStatus(marked)
            } catch let error as APIError where error.isNotFound {
                continue
            } catch {
                logger.warning(
                    "could not mark a pod not ready; the next pass tries again",
                    metadata: ["pod": "\(pod.key)", "error": "\(error)"])
                succeeded = false
                continue
            }
            events.record(
                .warning, about: pod, reason: "NodeNotReady", action: "MarkPodsNotReady", note: "Node is not ready",
                now: now)
        }
        return succeeded
    }
}
