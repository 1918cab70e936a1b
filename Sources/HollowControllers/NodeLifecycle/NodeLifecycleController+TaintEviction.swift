import HollowClient
import HollowModel
import HollowRuntime
import Logging
import Synchronization

/// The NoExecute taint manager of ``NodeLifecycleController`` (kube's taint-eviction-controller): reconciles pods
/// by key against their node's NoExecute taints with a ``TaintEvictionSchedule``.
///
/// A pod is queued when its node's NoExecute taints change (all pods on that node), when it lands on a node with
/// such taints, and when its node, tolerations or deletion change while it is exposed. Reconciling decides with
/// ``TaintEvictionSchedule/process(_:nodeTaints:now:)``: `.keep` does nothing (the schedule forgets the pod),
/// `.evictAt` asks the runner to reconcile the pod again at that time (a delayed key on the controller's clock, so
/// the queue's timer is the wake-up at the earliest eviction), `.evictNow` patches `DisruptionTarget=True` into the
/// pod's status, records a `TaintManagerEviction` event and deletes the pod with its own grace period and a UID
/// precondition. A pod already being deleted, or gone, is dropped from the schedule.
final class TaintEvictionReconciler: Reconciler, Sendable {
    static let controllerName = "taint-eviction-controller"

    private let nodes: Informer<Node>
    private let pods: Informer<Pod>
    private let podClient: ResourceClient<Pod>
    private let events: ControllerEventRecorder
    private let clock: any ControllerClock
    private let logger: Logger
    private let schedule = Mutex(TaintEvictionSchedule())

    init(
        client: KubernetesClient, nodes: Informer<Node>, pods: Informer<Pod>, events: ControllerEventRecorder,
        clock: any ControllerClock, logger: Logger
    ) {
        self.nodes = nodes
        self.pods = pods
        podClient = client.resource(Pod.self)
        self.clock = clock
        var logger = logger
        logger[metadataKey: "controller"] = "\(Self.controllerName)"
        self.logger = logger
        self.events = events
    }

    /// Queues pods from node and pod events (handleNodeUpdate, handlePodUpdate).
    func watch(queue: WorkQueue<ObjectKey>) {
        let enqueuePods: @Sendable (String) -> Void = { [pods] nodeName in
            for key in (try? pods.keys(inIndex: NodeLifecycleController.podsByNodeIndex, value: nodeName)) ?? [] {
                queue.add(key)
            }
        }
        nodes.addEventHandler(
            onAdd: { node in
                if !Self.noExecuteTaints(of: node).isEmpty { enqueuePods(node.name) }
            },
            onUpdate: { old, new in
                if Self.noExecuteTaints(of: old) != Self.noExecuteTaints(of: new) { enqueuePods(new.name) }
            },
            onDelete: { node in enqueuePods(node.name) })
        pods.addEventHandler(
            onAdd: { pod in
                if self.isExposed(pod) { queue.add(ObjectKey(namespace: pod.namespace, name: pod.name)) }
            },
            onUpdate: { old, new in
                let key = ObjectKey(namespace: new.namespace, name: new.name)
                let tolerationsChanged =
                    old.object[path: ["spec", "tolerations"]] != new.object[path: ["spec", "tolerations"]]
                let deletionChanged = (old.metadata.deletionTimestamp == nil) != (new.metadata.deletionTimestamp == nil)
                guard old.nodeName != new.nodeName || tolerationsChanged || deletionChanged else { return }
                if self.isExposed(new) || self.isExposed(old) || self.schedule.withLock({ $0.entries[key] != nil }) {
                    queue.add(key)
                }
            },
            onDelete: { pod in
                self.schedule.withLock { _ = $0.cancel(ObjectKey(namespace: pod.namespace, name: pod.name)) }
            })
    }

    /// The pod is bound to a node that has NoExecute taints.
    private func isExposed(_ pod: Pod) -> Bool {
        guard let nodeName = pod.nodeName, let node = nodes.get(namespace: nil, name: nodeName) else { return false }
        return !Self.noExecuteTaints(of: node).isEmpty
    }

    private static func noExecuteTaints(of node: Node) -> [NodeLifecycle.Taint] {
        TaintEviction.noExecuteTaints(NodeLifecycle.taints(of: node))
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let pod = pods.get(key), pod.metadata.deletionTimestamp == nil, let nodeName = pod.nodeName else {
            schedule.withLock { _ = $0.cancel(key) }
            return .done
        }
        let taints = nodes.get(namespace: nil, name: nodeName).map(NodeLifecycle.taints(of:)) ?? []
        let now = clock.wallTime
        let decision = schedule.withLock { $0.process(pod, nodeTaints: taints, now: now) }
        switch decision {
        case .keep:
            return .done
        case .evictAt(let time):
            logger.debug("eviction scheduled", metadata: ["pod": "\(key)", "at": "\(time.rfc3339)"])
            return .requeue(after: max(time.duration(since: now), .milliseconds(1)))
        case .evictNow:
            try await evict(pod, key: key, now: now)
            return .done
        }
    }

    /// addConditionAndDeletePod: `DisruptionTarget` first, so whoever watches the pod learns why it goes.
    private func evict(_ pod: Pod, key: ObjectKey, now: Timestamp) async throws {
        logger.info("deleting pod: its node's NoExecute taints are no longer tolerated", metadata: ["pod": "\(key)"])
        if let marked = TaintEviction.markingDisruptionTarget(pod, now: now) {
            let patch = NodeLifecycle.podStatusPatch(
                uid: pod.metadata.uid, conditions: NodeLifecycle.changedConditions(from: pod, to: marked))
            do {
                _ = try await podClient.patch(
                    pod.name, namespace: pod.namespace, .strategicMerge(patch), subresource: "status")
            } catch let error as APIError where error.isNotFound {
                return
            }
        }
        events.record(
            .normal, about: pod, reason: "TaintManagerEviction", action: "Deleting",
            note: "Marking for deletion Pod \(key)", now: now)
        do {
            try await podClient.delete(
                pod.name, namespace: pod.namespace, options: DeleteOptions(preconditionUID: pod.metadata.uid))
        } catch let error as APIError where error.isNotFound || error.isConflict {
            // Gone already, or replaced by a new pod of the same name, which gets its own decision.
        }
    }
}
