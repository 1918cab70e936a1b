import HollowClient
import HollowModel
import HollowRuntime
import Logging

/// Draining a deleted Machine's Node (the machine-api-operator's drain controller): cordon it, evict its pods through
/// the eviction subresource, and look again until they are gone. The drain never blocks a worker: each pass evicts
/// what is left and requeues.
extension MachineReconciler {
    func drain(_ machine: inout Machine, nodeName: String, now: Timestamp) async throws -> StepOutcome {
        let node: Node
        do {
            node = try await nodeClient.get(nodeName)
        } catch let error as APIError where error.isNotFound {
            // Deleted by someone else: nothing to drain.
            return try await finishDrain(&machine, message: "Node \(nodeName) is gone", now: now)
        }

        var started = machine.condition(.drained).flatMap {
            $0.reason == MachineDrain.drainingReason ? $0.lastTransitionTime : nil
        }
        if started == nil {
            events.record(
                .normal, about: machine, reason: "DrainProceeds", action: "Drain", note: "Node drain proceeds", now: now)
            try await writeStatus(
                &machine, phase: machine.phase,
                conditions: [
                    .isFalse(
                        .drained, reason: MachineDrain.drainingReason, severity: "Info",
                        message: "Draining node \(nodeName)", now: now)
                ], now: now)
            started = now
        }
        if MachineDrain.hasTimedOut(started: started, timeout: machine.nodeDrainTimeout ?? drainTimeout, now: now) {
            let message = "Node \(nodeName) drain timed out; deletion proceeds without it"
            events.record(.warning, about: machine, reason: "DrainTimedOut", action: "Drain", note: message, now: now)
            return try await finishDrain(&machine, message: message, now: now)
        }

        var options = ListOptions()
        options.fieldSelector = "spec.nodeName=\(nodeName)"
        let pods = try await podClient.list(options: options).items
        let plan = MachineDrain.plan(node: node, pods: pods, now: now)
        if plan.cordon {
            _ = try await nodeClient.patch(nodeName, .merge(["spec": ["unschedulable": true]]))
            logger.info("cordoned node", metadata: ["machine": "\(machine.key)", "node": "\(nodeName)"])
        }
        var blocked: [String] = []
        var failure: (any Error)?
        for pod in plan.evict {
            do {
                _ = try await podClient.create(
                    Pod(MachineDrain.eviction(for: pod, gracePeriodSeconds: plan.gracePeriodSeconds)),
                    namespace: pod.namespace, subresource: "eviction", name: pod.name)
                logger.debug("evicted pod", metadata: ["machine": "\(machine.key)", "pod": "\(pod.key)"])
            } catch let error as APIError where error.isNotFound {
                continue
            } catch let error as APIError where error.code == 429 {
                // A PodDisruptionBudget does not allow it now.
                blocked.append(pod.key)
            } catch {
                failure = failure ?? error
            }
        }
        if let failure {
            events.record(
                .normal, about: machine, reason: "DrainRequeued", action: "Drain",
                note: "Node drain requeued: \(failure)", now: now)
            throw failure
        }
        if plan.evict.isEmpty && plan.waitFor.isEmpty {
            return try await finishDrain(&machine, message: "Drain finished successfully", now: now)
        }
        if !blocked.isEmpty {
            logger.info(
                "evictions refused by a disruption budget; retrying",
                metadata: ["machine": "\(machine.key)", "pods": "\(blocked)"])
            return .finish(.requeue(after: MachineDrain.evictionRetryAfter))
        }
        return .finish(.requeue(after: MachineDrain.recheckAfter))
    }

    /// Marks the Machine drained (`Drained=True`), so that its deletion goes on.
    private func finishDrain(_ machine: inout Machine, message: String, now: Timestamp) async throws -> StepOutcome {
        events.record(.normal, about: machine, reason: "DrainSucceeded", action: "Drain", note: message, now: now)
        try await writeStatus(
            &machine, phase: machine.phase, conditions: [.isTrue(.drained, message: message, now: now)], now: now)
        return .next
    }
}
