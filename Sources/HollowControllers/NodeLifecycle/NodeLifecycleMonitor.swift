import HollowModel

/// The node lifecycle controller's health state machine: what it remembers about each node between passes (kube's
/// nodeHealthMap) and the per-node step of monitorNodeHealth.
///
/// Health is judged by the controller's own clock, never the node's: a node counts as heard from at the `now` of
/// the pass in which the controller first saw a new Ready `lastHeartbeatTime` or a newer Lease `renewTime` (kube's
/// `probeTimestamp`, kept "to avoid the problem with time skew across the cluster"). A node first seen with a Ready
/// condition, e.g. after a controller restart, therefore gets a whole grace period from that first pass.
///
/// It is a value: the runner keeps it under a lock, calls ``monitor(_:lease:now:)`` for every node each monitor
/// period (kube: 5 s) with the node and its Lease from the informers, releases the lock and then performs the writes
/// the returned ``NodeLifecycleUpdate`` asks for. The state assumes the returned conditions get written; when the write
/// fails, the next pass computes the same update again.
public struct NodeLifecycleMonitor: Sendable {
    /// kube-controller-manager's node lifecycle settings.
    public struct Configuration: Sendable, Equatable {
        /// How long a node that has posted a Ready condition may stay silent (no new Ready heartbeat, no Lease
        /// renewal) before its conditions go Unknown: `--node-monitor-grace-period`, 40 s by default (50 s since
        /// Kubernetes 1.32). It should cover several kubelet heartbeats (Lease renewal: every 10 s).
        public var nodeMonitorGracePeriod: Duration
        /// The same for a node that has never posted a Ready condition, counted from its `creationTimestamp`:
        /// `--node-startup-grace-period`, 60 s by default.
        public var nodeStartupGracePeriod: Duration

        public init(nodeMonitorGracePeriod: Duration = .seconds(40), nodeStartupGracePeriod: Duration = .seconds(60)) {
            self.nodeMonitorGracePeriod = nodeMonitorGracePeriod
            self.nodeStartupGracePeriod = nodeStartupGracePeriod
        }
    }

    /// What the controller remembers about one node (kube's `nodeHealthData`).
    public struct NodeHealth: Sendable, Equatable {
        /// The controller's time of the last sign of life: a new Ready heartbeat or a newer Lease.
        public var probeTimestamp: Timestamp
        /// Whether a Ready condition has been seen; until then the startup grace period applies.
        public var sawReadyCondition: Bool
        /// The Ready condition's `lastHeartbeatTime` as last seen.
        public var readyHeartbeat: Timestamp?
        /// Whether the node's Lease has been seen, and its `renewTime` then.
        public var sawLease: Bool
        public var leaseRenewTime: Timestamp?

        public init(
            probeTimestamp: Timestamp, sawReadyCondition: Bool = false, readyHeartbeat: Timestamp? = nil,
            sawLease: Bool = false, leaseRenewTime: Timestamp? = nil
        ) {
            self.probeTimestamp = probeTimestamp
            self.sawReadyCondition = sawReadyCondition
            self.readyHeartbeat = readyHeartbeat
            self.sawLease = sawLease
            self.leaseRenewTime = leaseRenewTime
        }
    }

    public var configuration: Configuration
    /// Health by node name.
    public private(set) var nodes: [String: NodeHealth] = [:]

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// One monitor pass over one node: records the signs of life seen since the last pass, sets the node's
    /// conditions Unknown when it has been silent past its grace period, and works out its taints.
    ///
    /// Conditions (tryUpdateNodeHealth): once `now` is past `probeTimestamp + grace period`, each of Ready,
    /// MemoryPressure, DiskPressure and PIDPressure that is not already Unknown becomes Unknown with reason
    /// `NodeStatusUnknown`, message `Kubelet stopped posting node status.`, `lastTransitionTime = now` and its
    /// `lastHeartbeatTime` kept; each of them the node lacks is added as Unknown with reason `NodeStatusNeverUpdated`,
    /// message `Kubelet never posted node status.`, `lastHeartbeatTime` = the node's `creationTimestamp`. The grace
    /// period is the startup one (counted from `creationTimestamp`) while the node has no Ready condition. The
    /// controller never sets a condition back: a recovering kubelet posts Ready True itself.
    ///
    /// Taints: ``NodeLifecycle/reconciledTaints(for:now:)`` over the node as it will be once the conditions are
    /// written.
    ///
    /// - Parameters:
    ///   - node: the node as the informer holds it.
    ///   - lease: the node's Lease (`kube-node-lease/<node name>`), or `nil` when there is none.
    ///   - now: the controller's clock.
    /// - Returns: the writes to make; empty when the node is as it should be. A second call with the node the
    ///   update produced returns an empty update.
    public mutating func monitor(_ node: Node, lease: Lease?, now: Timestamp) -> NodeLifecycleUpdate {
        let name = node.name
        let creation = node.metadata.creationTimestamp
        var conditions = NodeLifecycle.conditions(of: node.object)
        let observedReady = NodeLifecycle.index(ofCondition: NodeLifecycle.ConditionType.ready, in: conditions)
            .map { NodeLifecycle.NodeCondition(conditions[$0]) }

        var health: NodeHealth
        let gracePeriod: Duration
        if let observedReady {
            gracePeriod = configuration.nodeMonitorGracePeriod
            if let saved = nodes[name], saved.sawReadyCondition {
                health = saved
                if saved.readyHeartbeat != observedReady.lastHeartbeatTime {
                    health.probeTimestamp = now
                    health.readyHeartbeat = observedReady.lastHeartbeatTime
                }
            } else {
                // The first Ready condition seen: the kubelet's first status, or a controller that just started.
                health = NodeHealth(
                    probeTimestamp: now, sawReadyCondition: true, readyHeartbeat: observedReady.lastHeartbeatTime,
                    sawLease: nodes[name]?.sawLease ?? false, leaseRenewTime: nodes[name]?.leaseRenewTime)
            }
        } else {
            gracePeriod = configuration.nodeStartupGracePeriod
            // Kube restarts the clock when a Ready condition it saw disappears; keeping it instead means a failed
            // write of NodeStatusNeverUpdated conditions is retried rather than earning the node another period.
            health = nodes[name] ?? NodeHealth(probeTimestamp: creation ?? now)
        }

        // Always count a renewed Lease as a sign of life, even from a node that never posted status.
        if let lease {
            let renewTime = lease.renewTime
            let renewed: Bool
            if !health.sawLease {
                renewed = true
            } else if let saved = health.leaseRenewTime, let renewTime {
                renewed = saved < renewTime
            } else {
                renewed = false
            }
            if renewed {
                health.sawLease = true
                health.leaseRenewTime = renewTime
                health.probeTimestamp = now
            }
        }

        var conditionsChanged = false
        if now > health.probeTimestamp.adding(gracePeriod) {
            let stamp = JSON.string(now.rfc3339)
            for type in NodeLifecycle.conditionsSetUnknownWhenSilent {
                if let index = NodeLifecycle.index(ofCondition: type, in: conditions) {
                    guard conditions[index]["status"]?.stringValue != NodeLifecycle.ConditionStatus.unknown else {
                        continue
                    }
                    var condition = conditions[index]
                    condition["status"] = .string(NodeLifecycle.ConditionStatus.unknown)
                    condition["reason"] = .string(NodeLifecycle.nodeStatusUnknownReason)
                    condition["message"] = .string(NodeLifecycle.nodeStatusUnknownMessage)
                    condition["lastTransitionTime"] = stamp
                    conditions[index] = condition
                } else {
                    conditions.append(
                        NodeLifecycle.NodeCondition.json(
                            type: type, status: NodeLifecycle.ConditionStatus.unknown, lastHeartbeatTime: creation,
                            lastTransitionTime: now, reason: NodeLifecycle.nodeStatusNeverUpdatedReason,
                            message: NodeLifecycle.nodeStatusNeverUpdatedMessage))
                    if type == NodeLifecycle.ConditionType.ready {
                        // What the informer will show once this is written; not a sign of life.
                        health.sawReadyCondition = true
                        health.readyHeartbeat = creation?.truncatedToSeconds
                    }
                }
                conditionsChanged = true
            }
        }
        nodes[name] = health

        let parsedConditions = conditions.map(NodeLifecycle.NodeCondition.init)
        let taints = NodeLifecycle.reconciledTaints(
            taints: NodeLifecycle.taints(of: node), conditions: parsedConditions, unschedulable: node.unschedulable,
            now: now)
        return NodeLifecycleUpdate(
            nodeName: name, conditions: conditionsChanged ? conditions : nil, taints: taints,
            observedReadyStatus: observedReady?.status,
            currentReadyStatus: parsedConditions.first { $0.type == NodeLifecycle.ConditionType.ready }?.status)
    }

    /// Forgets a node that was deleted.
    public mutating func forget(nodeName: String) {
        nodes[nodeName] = nil
    }

    /// Restarts every node's clock at `now`, as kube does when it leaves full-disruption mode (every zone had
    /// lost all its nodes, which usually means the controller, not the nodes, was cut off).
    public mutating func resetProbeTimestamps(now: Timestamp) {
        for name in nodes.keys { nodes[name]?.probeTimestamp = now }
    }
}

/// What one monitor pass wants written for one node. Both parts are `nil` when nothing changes.
///
/// Write the conditions first (an update of the `status` subresource with the node's `resourceVersion`, as kube's
/// `UpdateStatus`), then the taints (``taintsPatch(resourceVersion:)``, as kube's `PatchNodeTaints`); on a conflict,
/// skip the rest and let the next pass recompute.
public struct NodeLifecycleUpdate: Sendable, Equatable {
    public var nodeName: String
    /// The node's new `status.conditions`, when the controller changed them.
    public var conditions: [JSON]?
    /// The node's new `spec.taints`, when they change.
    public var taints: [NodeLifecycle.Taint]?
    /// The Ready status the node had when read (kube's observedReadyCondition); `nil` without a Ready condition.
    public var observedReadyStatus: String?
    /// The Ready status once this update is written.
    public var currentReadyStatus: String?

    public init(
        nodeName: String, conditions: [JSON]? = nil, taints: [NodeLifecycle.Taint]? = nil,
        observedReadyStatus: String? = nil, currentReadyStatus: String? = nil
    ) {
        self.nodeName = nodeName
        self.conditions = conditions
        self.taints = taints
        self.observedReadyStatus = observedReadyStatus
        self.currentReadyStatus = currentReadyStatus
    }

    /// Nothing to write.
    public var isEmpty: Bool { conditions == nil && taints == nil }

    /// This pass took Ready from True to something else, so every pod on the node should be marked not ready
    /// (``NodeLifecycle/markingPodNotReady(_:nodeName:now:)``), as monitorNodeHealth calls MarkPodsNotReady. Kube
    /// does it only on the controller's own transition: a kubelet posting Ready False updates its pods itself.
    public var markPodsNotReady: Bool {
        observedReadyStatus == NodeLifecycle.ConditionStatus.true
            && currentReadyStatus != NodeLifecycle.ConditionStatus.true
    }

    /// `node` with this update's conditions and taints in place: the body for the status update, and what the
    /// informer will hold once both writes land.
    public func applied(to node: Node) -> Node {
        var node = node
        if let conditions { node.object = NodeLifecycle.settingConditions(conditions, on: node.object) }
        if let taints { node = NodeLifecycle.settingTaints(taints, on: node) }
        return node
    }

    /// The taint patch (``NodeLifecycle/taintsPatch(_:resourceVersion:)``), or `nil` when the taints stay.
    public func taintsPatch(resourceVersion: String?) -> JSON? {
        taints.map { NodeLifecycle.taintsPatch($0, resourceVersion: resourceVersion) }
    }
}
