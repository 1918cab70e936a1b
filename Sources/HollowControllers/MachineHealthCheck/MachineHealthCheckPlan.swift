import HollowModel

/// A Machine to remediate, and why.
public struct MachineRemediation: Sendable, Equatable {
    public var target: MachineHealthTarget
    public var reason: MachineUnhealthyReason
}

/// What one reconcile of a MachineHealthCheck decides (the operator's `Reconcile` after it fetched the targets).
public struct MachineHealthCheckPlan: Sendable, Equatable {
    /// `status.expectedMachines`: every selected Machine.
    public var expectedMachines = 0
    /// `status.currentHealthy`: targets with a Node, no running timeout, and not being deleted.
    public var currentHealthy = 0
    /// `maxUnhealthy` resolved against ``expectedMachines``.
    public var maxUnhealthy = 0
    /// Whether remediation may proceed: no more than `maxUnhealthy` targets are unhealthy or not yet healthy.
    /// When `false` the check is short-circuited: nothing is remediated.
    public var remediationAllowed = true
    /// `status.remediationsAllowed`: how many more targets may become unhealthy before the short-circuit.
    public var remediationsAllowed = 0
    /// Targets whose timeout is running (an Event `DetectedUnhealthy` each).
    public var detectedUnhealthy: [MachineHealthTarget] = []
    /// Unhealthy targets to delete (only when remediation is allowed).
    public var remediate: [MachineRemediation] = []
    /// Unhealthy targets left alone because no controller owns them (an Event `SkippedNoController` each; only when
    /// remediation is allowed).
    public var skippedNoController: [MachineRemediation] = []
    /// Check again after this long: the earliest running timeout.
    public var requeueAfter: Duration?

    /// Unhealthy or not yet healthy targets: ``expectedMachines`` − ``currentHealthy``.
    public var unhealthy: Int { expectedMachines - currentHealthy }
}

/// The MachineHealthCheck controller's decisions (machine-api-operator `pkg/controller/machinehealthcheck`).
public enum MachineHealthCheckSync {
    /// The condition on the MachineHealthCheck that says whether remediation is allowed.
    public static let remediationAllowedCondition = "RemediationAllowed"
    /// Its reason when too many targets are unhealthy.
    public static let tooManyUnhealthyReason = "TooManyUnhealthy"

    /// Judges every target and decides the remediation.
    ///
    /// A target counts as currently healthy only when it has a Node, no timeout is running for it and it is not
    /// being deleted (the operator's `healthCheckTargets`); everything else counts against `maxUnhealthy`.
    /// Remediation is allowed while the unhealthy count is at most `maxUnhealthy`; then every unhealthy target
    /// that is not already being deleted is remediated if a controller owns it, and skipped otherwise.
    public static func plan(
        targets: [MachineHealthTarget], settings: MachineHealthCheckSettings, conditions: [UnhealthyCondition],
        now: Timestamp
    ) -> MachineHealthCheckPlan {
        var plan = MachineHealthCheckPlan()
        plan.expectedMachines = targets.count
        var unhealthy: [MachineRemediation] = []
        for target in targets {
            let verdict = MachineHealth.verdict(
                of: target, conditions: conditions, nodeStartupTimeout: settings.nodeStartupTimeout, now: now)
            switch verdict {
            case .unhealthy(let reason):
                unhealthy.append(MachineRemediation(target: target, reason: reason))
            case .healthy(let recheckAfter?):
                plan.detectedUnhealthy.append(target)
                plan.requeueAfter = min(plan.requeueAfter ?? recheckAfter, recheckAfter)
            case .healthy(nil):
                if case .present = target.node, !target.machine.isDeleting { plan.currentHealthy += 1 }
            }
        }
        plan.maxUnhealthy = settings.maxUnhealthy.value(expectedMachines: plan.expectedMachines)
        plan.remediationAllowed = plan.unhealthy <= plan.maxUnhealthy
        plan.remediationsAllowed = max(0, plan.maxUnhealthy - plan.unhealthy)
        guard plan.remediationAllowed else { return plan }
        for remediation in unhealthy where !remediation.target.machine.isDeleting {
            if remediation.target.machine.metadata.controllerReference == nil {
                plan.skippedNoController.append(remediation)
            } else {
                plan.remediate.append(remediation)
            }
        }
        return plan
    }

    /// The message of a `RemediationAllowed=False` condition (the operator's words).
    public static func tooManyUnhealthyMessage(_ plan: MachineHealthCheckPlan, maxUnhealthy: MaxUnhealthy) -> String {
        "Remediation is not allowed, the number of not started or unhealthy machines exceeds maxUnhealthy "
            + "(total: \(plan.expectedMachines), unhealthy: \(plan.unhealthy), maxUnhealthy: \(maxUnhealthy))"
    }

    /// The note of the `RemediationRestricted` Event.
    public static func remediationRestrictedNote(_ plan: MachineHealthCheckPlan, maxUnhealthy: MaxUnhealthy) -> String {
        "Remediation restricted due to exceeded number of unhealthy machines "
            + "(total: \(plan.expectedMachines), unhealthy: \(plan.unhealthy), maxUnhealthy: \(maxUnhealthy))"
    }

    /// The status to write: the counts and the `RemediationAllowed` condition (True with no reason, or False,
    /// severity Warning, reason `TooManyUnhealthy`). The condition keeps its `lastTransitionTime` from `previous`
    /// while its status is unchanged; other conditions in `previous` are kept, in place.
    public static func status(
        _ plan: MachineHealthCheckPlan, maxUnhealthy: MaxUnhealthy, previous: JSON?, now: Timestamp
    ) -> JSON {
        let status = plan.remediationAllowed ? "True" : "False"
        let previousConditions = previous?["conditions"]?.arrayValue ?? []
        let old = previousConditions.first { $0["type"]?.stringValue == remediationAllowedCondition }
        let transition = old.flatMap { old in
            old["status"]?.stringValue == status ? old["lastTransitionTime"] : nil
        } ?? .string(now.rfc3339)
        var condition: JSONObject = ["type": .string(remediationAllowedCondition), "status": .string(status)]
        if !plan.remediationAllowed { condition["severity"] = "Warning" }
        condition["lastTransitionTime"] = transition
        if !plan.remediationAllowed {
            condition["reason"] = .string(tooManyUnhealthyReason)
            condition["message"] = .string(tooManyUnhealthyMessage(plan, maxUnhealthy: maxUnhealthy))
        }
        var conditions = previousConditions
        if let index = conditions.firstIndex(where: { $0["type"]?.stringValue == remediationAllowedCondition }) {
            conditions[index] = .object(condition)
        } else {
            conditions.append(.object(condition))
        }
        var result = previous?.objectValue ?? JSONObject()
        result["expectedMachines"] = .int(Int64(plan.expectedMachines))
        result["currentHealthy"] = .int(Int64(plan.currentHealthy))
        result["remediationsAllowed"] = .int(Int64(plan.remediationsAllowed))
        result["conditions"] = .array(conditions)
        return .object(result)
    }

    /// The Machines of `machines` in `namespace` that `selector` selects.
    public static func selectedMachines(
        _ machines: [Machine], namespace: String?, selector: LabelSelector
    ) -> [Machine] {
        machines.filter { $0.namespace == namespace && selector.matches(labels: $0.object[path: ["metadata", "labels"]]) }
    }

    /// `ns/check/machine/node`, how the operator names a target in Events and logs.
    public static func describe(_ target: MachineHealthTarget, of healthCheck: MachineHealthCheck) -> String {
        "\(healthCheck.namespace ?? "")/\(healthCheck.name)/\(target.machine.name)/\(target.nodeName)"
    }
}
