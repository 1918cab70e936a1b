import HollowModel

/// One Machine a MachineHealthCheck selects, with what the cluster knows of its Node.
public struct MachineHealthTarget: Sendable, Equatable {
    /// The Node behind a Machine's `status.nodeRef`.
    public enum NodeState: Sendable, Equatable {
        /// No `nodeRef` yet: the node has not joined (or nodelink has not matched it).
        case notLinked
        /// `nodeRef` names a Node that does not exist.
        case missing(name: String)
        case present(Node)
    }

    public var machine: Machine
    public var node: NodeState

    public init(machine: Machine, node: NodeState) {
        self.machine = machine
        self.node = node
    }

    /// The Node's name, `""` before the Machine has a `nodeRef`.
    public var nodeName: String {
        switch node {
        case .notLinked: ""
        case .missing(let name): name
        case .present(let node): node.name
        }
    }
}

/// Why a Machine needs remediation.
public enum MachineUnhealthyReason: Sendable, Hashable, CustomStringConvertible {
    /// `status.phase` is `Failed`.
    case machineFailed
    /// The Node the Machine's `nodeRef` names is gone.
    case nodeDeleted(node: String)
    /// No `nodeRef` within `nodeStartupTimeout`.
    case nodeStartupTimeout(Duration)
    /// The Node has held an unhealthy condition past its timeout.
    case nodeCondition(UnhealthyCondition)

    public var description: String {
        switch self {
        case .machineFailed: "machine phase is Failed"
        case .nodeDeleted(let node): "node \(node) has been deleted"
        case .nodeStartupTimeout(let timeout): "node failed to report startup in \(GoDuration(timeout))"
        case .nodeCondition(let condition):
            "condition \(condition.type) is \(condition.status) for longer than \(GoDuration(condition.timeout))"
        }
    }
}

/// The outcome of checking one target (the operator's and Cluster API's `needsRemediation`).
public enum MachineHealthVerdict: Sendable, Hashable {
    /// No timeout has run out. `recheckAfter` is set while a timeout is running (an unhealthy condition held, or a
    /// node not yet joined): the check must run again then, and meanwhile the target does not count as
    /// currently healthy.
    case healthy(recheckAfter: Duration?)
    case unhealthy(MachineUnhealthyReason)

    /// Whether the target needs remediation.
    public var isUnhealthy: Bool {
        if case .unhealthy = self { true } else { false }
    }

    /// When to check again, for a healthy target whose timeout is running.
    public var recheckAfter: Duration? {
        if case .healthy(let recheckAfter) = self { recheckAfter } else { nil }
    }
}

/// The health check of one target.
public enum MachineHealth {
    /// How long after a timeout runs out the recheck is scheduled. The operator and Cluster API add a whole second
    /// (timestamps are whole seconds, and their check is a strict `Before(now)`); Hollow aims to start remediation
    /// within a second of the timeout, so it adds just enough for the deadline to have passed when the recheck runs.
    public static let recheckMargin: Duration = .milliseconds(10)

    /// Judges `target` at `now` (Cluster API's `reconciliationTime`), in the operator's order:
    ///
    /// 1. a Machine in phase `Failed` is unhealthy;
    /// 2. without a `nodeRef`: healthy when `nodeStartupTimeout` is zero (disabled); otherwise unhealthy once the
    ///    timeout has passed since `status.lastUpdated` (the machine controller's last status change), or since
    ///    creation when the status was never written (Cluster API's clock); a Machine with neither is rechecked
    ///    after the whole timeout;
    /// 3. a `nodeRef` to a Node that is gone is unhealthy;
    /// 4. a node condition matching one of `conditions` (type and status) for longer than its timeout, counted from
    ///    the condition's `lastTransitionTime`, is unhealthy, naming the first such condition; a condition with no
    ///    `lastTransitionTime` counts as held forever (a zero time in Go);
    /// 5. otherwise healthy, rechecked when the first running timeout would run out.
    ///
    /// A deadline is passed when it is strictly before `now`.
    public static func verdict(
        of target: MachineHealthTarget, conditions: [UnhealthyCondition], nodeStartupTimeout: Duration, now: Timestamp
    ) -> MachineHealthVerdict {
        if target.machine.phase == .failed { return .unhealthy(.machineFailed) }
        switch target.node {
        case .notLinked:
            guard nodeStartupTimeout > .zero else { return .healthy(recheckAfter: nil) }
            guard let start = target.machine.lastUpdated ?? target.machine.metadata.creationTimestamp else {
                return .healthy(recheckAfter: nodeStartupTimeout)
            }
            let deadline = start.adding(nodeStartupTimeout)
            if deadline < now { return .unhealthy(.nodeStartupTimeout(nodeStartupTimeout)) }
            return .healthy(recheckAfter: deadline.duration(since: now) + recheckMargin)
        case .missing(let name):
            return .unhealthy(.nodeDeleted(node: name))
        case .present(let node):
            var recheckAfter: Duration?
            for condition in conditions {
                guard let observed = NodeLifecycle.condition(condition.type, of: node),
                    observed.status == condition.status
                else { continue }
                guard let since = observed.lastTransitionTime else { return .unhealthy(.nodeCondition(condition)) }
                let deadline = since.adding(condition.timeout)
                if deadline < now { return .unhealthy(.nodeCondition(condition)) }
                let wait = deadline.duration(since: now) + recheckMargin
                recheckAfter = min(recheckAfter ?? wait, wait)
            }
            return .healthy(recheckAfter: recheckAfter)
        }
    }
}
