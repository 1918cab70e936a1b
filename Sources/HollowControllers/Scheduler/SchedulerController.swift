import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle
import Synchronization

/// kube-scheduler as a controller: places every pending pod that names `default-scheduler` on a node with a
/// Binding, or tells its owner why no node fits.
///
/// The node and pod informers feed a ``SchedulerCache`` (nodes, and the pods bound or assumed onto them) and a work
/// queue of pending pods. A worker takes a pod, asks the cache where it goes and, under the same lock, assumes it
/// onto that node, so the next decision already counts it; then it POSTs the Binding (`pods/NAME/binding`) and
/// records a `Scheduled` event. A failed Binding undoes the assumption and is retried with backoff (1 s doubling to
/// 10 s). A pod no node fits gets `PodScheduled=False`, reason `Unschedulable`, with kube's message, written through
/// `pods/status` only when it changes, plus a `FailedScheduling` Warning event; it is parked
/// (``SchedulerUnschedulablePods``) and tried again when a node is added or changes what the filters read, when a
/// bound pod is deleted or finishes, and at least every ``SchedulerUnschedulablePods/retryInterval``.
///
/// Scheduling decisions are made one at a time (they share the cache); Bindings go out concurrently from
/// `16 × options.workers` workers (kube-scheduler binds each pod in its own goroutine), so throughput is bound by
/// the API server rather than by round trips: with 16 in flight at 30 ms each, a busy server bound only ~500 pods a
/// second. Every
/// informer event costs O(1) plus parsing the object that changed; a decision costs O(nodes), or less with kube's
/// adaptive `percentageOfNodesToScore` on large clusters.
enum SchedulerController {
    /// The `spec.schedulerName` this scheduler places, and its name on events.
    static let schedulerName = Pod.defaultSchedulerName

    static func make(_ context: ControllerContext) throws -> [any Service] {
        let nodes = context.informers.informer(Node.self)
        let pods = context.informers.informer(Pod.self)
        // kube-scheduler records through the events.k8s.io recorder, which has no per-object spam filter.
        let events = ControllerEventRecorder(
            client: context.client, reportingController: schedulerName, spamFilter: nil, logger: context.logger)
        let reconciler = SchedulerReconciler(
            client: context.client, nodes: nodes, pods: pods, events: events, clock: context.clock,
            logger: context.logger)
        let controller = Controller(
            name: "scheduler", workers: max(1, context.options.workers) * 16, reconciler: reconciler,
            clock: context.clock,
            rateLimiter: ItemExponentialFailureRateLimiter<ObjectKey>(
                baseDelay: SchedulerUnschedulablePods.initialBackoff,
                maxDelay: SchedulerUnschedulablePods.maximumBackoff),
            logger: context.logger)
        let queue = controller.queue
        controller.waitForSync {
            try await nodes.waitForSync()
            try await pods.waitForSync()
            reconciler.start(queue: queue)
        }
        return [events, controller]
    }
}

/// The scheduler's state and its scheduling cycle. See ``SchedulerController``.
final class SchedulerReconciler: Reconciler, Sendable {
    private struct State {
        var cache = SchedulerCache(sampling: .adaptive)
        var unschedulable = SchedulerUnschedulablePods()
        /// Pods whose Binding this scheduler sent (or is sending) and that the pod informer has not yet shown bound:
        /// a pod event meanwhile must not schedule them a second time.
        var binding: Set<ObjectKey> = []

        /// Undoes the assumption of a Binding that did not happen.
        mutating func bindingFailed(_ key: ObjectKey) {
            cache.forget(key)
            binding.remove(key)
        }
    }

    /// What one scheduling attempt decided, to carry out once the lock is released.
    private enum Attempt {
        case bind(nodeName: String)
        case unschedulable(message: String)
        /// A Binding for this pod is on its way; the informer will show it bound.
        case awaitingBinding
    }

    /// Keys to queue, each after a delay (zero: now).
    private typealias QueueWork = [(key: ObjectKey, delay: Duration)]

    private let nodes: Informer<Node>
    private let pods: Informer<Pod>
    private let podClient: ResourceClient<Pod>
    private let events: ControllerEventRecorder
    private let clock: any ControllerClock
    private let logger: Logger
    private let state = Mutex(State())

    init(
        client: KubernetesClient, nodes: Informer<Node>, pods: Informer<Pod>, events: ControllerEventRecorder,
        clock: any ControllerClock, logger: Logger
    ) {
        self.nodes = nodes
        self.pods = pods
        podClient = client.resource(Pod.self)
        self.clock = clock
        var logger = logger
        logger[metadataKey: "controller"] = "scheduler"
        self.logger = logger
        self.events = events
    }

    // MARK: - Feeding the cache and the queue

    /// Fills the cache from the synced informers, then follows their events. Called once, before the workers start.
    ///
    /// The cache is filled synchronously so that the first decisions see the whole cluster; the handlers added
    /// afterwards begin with an add for every object, of the same or a newer version, which the cache takes as
    /// updates. Those adds also queue every pending pod.
    func start(queue: WorkQueue<ObjectKey>) {
        let nodeList = nodes.list()
        let podList = pods.list()
        state.withLock { state in
            for node in nodeList { state.cache.updateNode(node) }
            for pod in podList { state.cache.updatePod(pod) }
        }
        logger.debug("scheduler cache filled", metadata: ["nodes": "\(nodeList.count)", "pods": "\(podList.count)"])
        nodes.addEventHandler(
            onAdd: { node in Self.apply(self.nodeAdded(node), to: queue) },
            onUpdate: { old, new in Self.apply(self.nodeUpdated(old: old, new: new), to: queue) },
            onDelete: { node in self.nodeDeleted(node) })
        pods.addEventHandler(
            onAdd: { pod in Self.apply(self.podUpdated(old: nil, new: pod), to: queue) },
            onUpdate: { old, new in Self.apply(self.podUpdated(old: old, new: new), to: queue) },
            onDelete: { pod in Self.apply(self.podDeleted(pod), to: queue) })
    }

    private static func apply(_ work: QueueWork, to queue: WorkQueue<ObjectKey>) {
        for (key, delay) in work {
            if delay > .zero { queue.add(key, after: delay) } else { queue.add(key) }
        }
    }

    private func nodeAdded(_ node: Node) -> QueueWork {
        let now = clock.wallTime
        return state.withLock { state in
            state.cache.updateNode(node)
            return state.unschedulable.unparkAll(now: now)
        }
    }

    /// Status heartbeats change nothing the filters read: only labels, spec (taints, `unschedulable`) and
    /// allocatable resources update the cache and give parked pods another try.
    private func nodeUpdated(old: Node, new: Node) -> QueueWork {
        guard Self.schedulingInputsDiffer(old, new) else { return [] }
        let now = clock.wallTime
        return state.withLock { state in
            state.cache.updateNode(new)
            return state.unschedulable.unparkAll(now: now)
        }
    }

    private func nodeDeleted(_ node: Node) {
        state.withLock { $0.cache.removeNode(named: node.name) }
    }

    /// A pod added (`old == nil`) or changed: counted against its node when bound; queued when it is pending and
    /// new, newly pending, or changed in what scheduling reads (kube's `isPodUpdated`: status-only changes, such as
    /// this scheduler's own condition, are not news). A bound pod that finished frees room for parked pods.
    private func podUpdated(old: Pod?, new: Pod) -> QueueWork {
        let key = ObjectKey(namespace: new.namespace, name: new.name)
        let isCandidate = new.isSchedulerCandidate(schedulerName: SchedulerController.schedulerName)
        let queueIt: Bool
        if !isCandidate {
            queueIt = false
        } else if let old {
            queueIt =
                !old.isSchedulerCandidate(schedulerName: SchedulerController.schedulerName)
                || Self.schedulingInputsDiffer(old, new)
        } else {
            queueIt = true
        }
        let freedRoom = old.map { $0.nodeName != nil && !$0.isSchedulerTerminal && new.isSchedulerTerminal } ?? false
        let now = clock.wallTime
        return state.withLock { state in
            state.cache.updatePod(new)
            if !isCandidate {
                state.binding.remove(key)
                state.unschedulable.remove(key)
            }
            var work = freedRoom ? state.unschedulable.unparkAll(now: now) : []
            if queueIt { work.append((key, .zero)) }
            return work
        }
    }

    private func podDeleted(_ pod: Pod) -> QueueWork {
        let key = ObjectKey(namespace: pod.namespace, name: pod.name)
        let freedRoom = pod.nodeName != nil && !pod.isSchedulerTerminal
        let now = clock.wallTime
        return state.withLock { state in
            state.cache.removePod(key)
            state.binding.remove(key)
            state.unschedulable.remove(key)
            return freedRoom ? state.unschedulable.unparkAll(now: now) : []
        }
    }

    static func schedulingInputsDiffer(_ old: Node, _ new: Node) -> Bool {
        old.object[path: ["metadata", "labels"]] != new.object[path: ["metadata", "labels"]]
            || old.object["spec"] != new.object["spec"]
            || old.object[path: ["status", "allocatable"]] != new.object[path: ["status", "allocatable"]]
    }

    static func schedulingInputsDiffer(_ old: Pod, _ new: Pod) -> Bool {
        old.object["spec"] != new.object["spec"]
            || old.object[path: ["metadata", "labels"]] != new.object[path: ["metadata", "labels"]]
            || old.object[path: ["metadata", "annotations"]] != new.object[path: ["metadata", "annotations"]]
    }

    // MARK: - The scheduling cycle

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let pod = pods.get(key), pod.isSchedulerCandidate(schedulerName: SchedulerController.schedulerName)
        else {
            state.withLock { $0.unschedulable.remove(key) }
            return .done
        }
        let now = clock.wallTime
        let attempt = state.withLock { state -> Attempt in
            if state.binding.contains(key) { return .awaitingBinding }
            let decision = state.cache.schedule(pod)
            switch decision.outcome {
            case .bind(let nodeName):
                state.cache.assume(pod, onNode: nodeName)
                state.binding.insert(key)
                state.unschedulable.remove(key)
                return .bind(nodeName: nodeName)
            case .unschedulable(let message):
                state.unschedulable.parkAfterFailure(key, now: now)
                return .unschedulable(message: message)
            }
        }
        switch attempt {
        case .awaitingBinding:
            return .done
        case .bind(let nodeName):
            return try await bind(pod, key: key, to: nodeName, now: now)
        case .unschedulable(let message):
            return try await reportUnschedulable(pod, message: message, now: now)
        }
    }

    /// DefaultBinder: POSTs the Binding; the pod informer's update then confirms the assumption.
    private func bind(_ pod: Pod, key: ObjectKey, to nodeName: String, now: Timestamp) async throws
        -> ReconcileResult
    {
        do {
            _ = try await podClient.create(
                Pod(SchedulerObjects.binding(for: pod, nodeName: nodeName)), namespace: pod.namespace,
                subresource: "binding", name: pod.name)
        } catch let error as APIError where error.isNotFound || error.isConflict {
            // Deleted, being deleted, or bound by someone else: the pod's next event says which. Nothing to retry.
            state.withLock { $0.bindingFailed(key) }
            logger.debug("binding rejected", metadata: ["pod": "\(key)", "node": "\(nodeName)", "error": "\(error)"])
            return .done
        } catch {
            state.withLock { $0.bindingFailed(key) }
            throw error
        }
        logger.debug("pod bound", metadata: ["pod": "\(key)", "node": "\(nodeName)"])
        events.record(
            .normal, about: pod, reason: "Scheduled", action: "Binding",
            note: SchedulerObjects.scheduledEventMessage(for: pod, nodeName: nodeName), now: now)
        return .done
    }

    /// Sets `PodScheduled=False` when the condition changes (so a pod that stays unschedulable causes no write loop)
    /// with a `FailedScheduling` event, and tries the pod again after ``SchedulerUnschedulablePods/retryInterval``
    /// unless a cluster event unparks it sooner.
    private func reportUnschedulable(_ pod: Pod, message: String, now: Timestamp) async throws -> ReconcileResult {
        var updated = pod
        let condition = SchedulerObjects.unschedulableCondition(message: message, now: now, pod: pod)
        if updated.setSchedulerCondition(condition) {
            do {
                _ = try await podClient.updateStatus(updated)
            } catch let error as APIError where error.isNotFound {
                return .done
            }
            logger.debug("pod unschedulable", metadata: ["pod": "\(pod.key)", "message": "\(message)"])
            events.record(
                .warning, about: pod, reason: "FailedScheduling", action: "Scheduling",
                note: SchedulerObjects.failedSchedulingEventMessage(message), now: now)
        }
        return .requeue(after: SchedulerUnschedulablePods.retryInterval)
    }
}
