import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// The machine-api-operator's MachineHealthCheck controller (`pkg/controller/machinehealthcheck`): finds the
/// unhealthy Machines among those each MachineHealthCheck selects and remediates them by deleting them, so that
/// their MachineSet replaces them.
///
/// Honoured: `unhealthyConditions` (or, when the spec lists none, the `node-unhealthy-conditions` ConfigMap in
/// `openshift-machine-api`, else Ready `Unknown`/`False` for 5 minutes), `nodeStartupTimeout`, `maxUnhealthy`, the
/// `cluster.x-k8s.io/paused` annotation on the check. Not implemented, and refused with a Warning Event rather than
/// turned into deletions: external remediation (`spec.remediationTemplate`, the
/// `machine.openshift.io/remediation-strategy` annotation).
enum MachineHealthCheckController {
    /// The Events' reporting controller, as the operator names it.
    static let reportingName = "machinehealthcheck-controller"
    /// The Machine informer's index of Machines by `status.nodeRef.name` (the operator's `machineNodeNameIndex`).
    static let machinesByNodeIndex = "machinehealthcheck.status.nodeRef.name"

    static func make(_ context: ControllerContext) throws -> [any Service] {
        let events = ControllerEventRecorder(
            client: context.client, reportingController: reportingName, logger: context.logger)
        let reconciler = try MachineHealthCheckReconciler(context, events: events)
        let controller = Controller(
            name: "machinehealthcheck", workers: context.options.workers, reconciler: reconciler,
            clock: context.clock, logger: context.logger)
        reconciler.register(with: controller)
        // The recorder first, so that it outlives the controller that records through it.
        return [events, controller]
    }
}

/// The Event reasons the operator emits.
enum MachineHealthCheckEvent {
    /// Warning on the check: too many unhealthy Machines, nothing remediated.
    static let remediationRestricted = "RemediationRestricted"
    /// Normal on a Machine whose timeout is running.
    static let detectedUnhealthy = "DetectedUnhealthy"
    /// Normal on an unhealthy Machine that no controller owns.
    static let skippedNoController = "SkippedNoController"
    /// Warning on a Machine whose deletion failed.
    static let machineDeletionFailed = "MachineDeletionFailed"
    /// Normal on a Machine deleted for remediation.
    static let machineDeleted = "MachineDeleted"
    /// Warning on a check that cannot be acted on (Hollow's: the operator only logs this).
    static let invalidConfiguration = "InvalidConfiguration"
}

/// One reconcile of a MachineHealthCheck: its targets from the informers' caches,
/// ``MachineHealthCheckSync/plan(targets:settings:conditions:now:)``, the status, the Events, the deletions, and a
/// requeue for the earliest running timeout.
struct MachineHealthCheckReconciler: Reconciler {
    let healthChecks: Informer<MachineHealthCheck>
    let machines: Informer<Machine>
    let nodes: Informer<Node>
    let configMaps: Informer<ConfigMap>
    let healthCheckClient: ResourceClient<MachineHealthCheck>
    let machineClient: ResourceClient<Machine>
    let nodeClient: ResourceClient<Node>
    let events: ControllerEventRecorder
    let clock: any ControllerClock
    let logger: Logger

    init(_ context: ControllerContext, events: ControllerEventRecorder) throws {
        healthChecks = context.informers.informer(MachineHealthCheck.self)
        machines = context.informers.informer(Machine.self)
        nodes = context.informers.informer(Node.self)
        configMaps = context.informers.informer(ConfigMap.self, namespace: UnhealthyConditionsConfigMap.namespace)
        // The informer is shared: this controller may have been made before in the same factory.
        try? machines.addIndex(MachineHealthCheckController.machinesByNodeIndex) { machine in
            machine.nodeName.map { [$0] } ?? []
        }
        healthCheckClient = context.client.resource(MachineHealthCheck.self)
        machineClient = context.client.resource(Machine.self)
        nodeClient = context.client.resource(Node.self)
        self.events = events
        clock = context.clock
        var logger = context.logger
        logger[metadataKey: "controller"] = "machinehealthcheck"
        self.logger = logger
    }

    /// Check events enqueue the check; Machine events the checks selecting the Machine; Node events the checks
    /// selecting its Machine (by `nodeRef`); the override ConfigMap's events every check.
    func register(with controller: Controller) {
        controller.watch(healthChecks)
        controller.watch(machines) { machine in healthCheckKeys(selecting: machine) }
        controller.watch(nodes) { node in
            let linked =
                (try? machines.byIndex(MachineHealthCheckController.machinesByNodeIndex, node.name)) ?? []
            var keys: [ObjectKey] = []
            for machine in linked {
                for key in healthCheckKeys(selecting: machine) where !keys.contains(key) { keys.append(key) }
            }
            return keys
        }
        controller.watch(configMaps) { configMap in
            configMap.name == UnhealthyConditionsConfigMap.name ? healthChecks.keys : []
        }
    }

    /// The checks in the Machine's namespace whose selector matches it.
    func healthCheckKeys(selecting machine: Machine) -> [ObjectKey] {
        healthChecks.list(namespace: machine.namespace ?? "").compactMap { healthCheck in
            guard let settings = try? MachineHealthCheckSettings(healthCheck) else {
                // A malformed check is reconciled anyway, so that it reports what is wrong.
                return ObjectKey(namespace: healthCheck.namespace, name: healthCheck.name)
            }
            guard settings.selector.matches(labels: machine.object[path: ["metadata", "labels"]]) else { return nil }
            return ObjectKey(namespace: healthCheck.namespace, name: healthCheck.name)
        }
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let healthCheck = healthChecks.get(key) else { return .done }
        if MachineHealthCheckSettings.isPaused(healthCheck) {
            logger.debug("reconciliation is paused", metadata: ["key": "\(key)"])
            return .done
        }
        let now = clock.wallTime
        let settings: MachineHealthCheckSettings
        let conditions: [UnhealthyCondition]
        do {
            settings = try MachineHealthCheckSettings(healthCheck)
            conditions = try settings.effectiveConditions(
                override: configMaps.get(
                    ObjectKey(namespace: UnhealthyConditionsConfigMap.namespace, name: UnhealthyConditionsConfigMap.name)))
        } catch {
            logger.warning("cannot check machine health", metadata: ["key": "\(key)", "error": "\(error)"])
            events.record(
                .warning, about: healthCheck, reason: MachineHealthCheckEvent.invalidConfiguration,
                action: "HealthCheck", note: "\(error)", now: now)
            return .done
        }

        let selected = MachineHealthCheckSync.selectedMachines(
            machines.list(namespace: healthCheck.namespace ?? ""), namespace: healthCheck.namespace,
            selector: settings.selector
        ).sorted { $0.name < $1.name }
        let targets = selected.map { machine in
            MachineHealthTarget(machine: machine, node: nodeState(of: machine))
        }
        let plan = MachineHealthCheckSync.plan(targets: targets, settings: settings, conditions: conditions, now: now)

        let status = MachineHealthCheckSync.status(
            plan, maxUnhealthy: settings.maxUnhealthy, previous: healthCheck.object["status"], now: now)
        if status != healthCheck.object["status"] {
            do {
                _ = try await healthCheckClient.patch(
                    healthCheck.name, namespace: healthCheck.namespace, .merge(["status": status]),
                    subresource: "status")
            } catch let error as APIError where error.isNotFound {
                return .done
            }
        }

        for target in plan.detectedUnhealthy {
            events.record(
                .normal, about: target.machine, reason: MachineHealthCheckEvent.detectedUnhealthy,
                action: "HealthCheck",
                note: "Machine \(MachineHealthCheckSync.describe(target, of: healthCheck)) has unhealthy node "
                    + target.nodeName,
                now: now)
        }
        var requeueAfter = plan.requeueAfter
        guard plan.remediationAllowed else {
            logger.warning(
                "too many unhealthy machines: short-circuiting remediation",
                metadata: [
                    "key": "\(key)", "total": "\(plan.expectedMachines)", "unhealthy": "\(plan.unhealthy)",
                    "maxUnhealthy": "\(settings.maxUnhealthy)",
                ])
            events.record(
                .warning, about: healthCheck, reason: MachineHealthCheckEvent.remediationRestricted,
                action: "Remediate",
                note: MachineHealthCheckSync.remediationRestrictedNote(plan, maxUnhealthy: settings.maxUnhealthy),
                now: now)
            return requeueAfter.map(ReconcileResult.requeue(after:)) ?? .done
        }

        for skipped in plan.skippedNoController {
            let name = MachineHealthCheckSync.describe(skipped.target, of: healthCheck)
            logger.info("unhealthy machine has no controller owner, skipping remediation", metadata: ["target": "\(name)"])
            events.record(
                .normal, about: skipped.target.machine, reason: MachineHealthCheckEvent.skippedNoController,
                action: "Remediate", note: "Machine \(name) has no controller owner, skipping remediation", now: now)
        }
        // The deletions go out concurrently: one at a time, a hundred remediations due together queued behind each
        // other's round trips, the last one seconds after its timeout.
        let outcomes = await mapConcurrently(plan.remediate, width: Self.concurrentRemediations) { remediation in
            await self.remediate(remediation, of: healthCheck, now: now)
        }
        if outcomes.contains(where: \.nodeNotYetGone) {
            // The node informer has not caught up; its event brings the next check.
            requeueAfter = min(requeueAfter ?? .seconds(1), .seconds(1))
        }
        if let firstError = outcomes.lazy.compactMap(\.error).first { throw firstError }
        return requeueAfter.map(ReconcileResult.requeue(after:)) ?? .done
    }

    /// Deletions a reconcile has in flight at once.
    static let concurrentRemediations = 16

    /// What became of one remediation.
    private struct RemediationOutcome: Sendable {
        /// The Machine's Node, judged deleted, is still on the API server: not remediated this time.
        var nodeNotYetGone = false
        var error: (any Error)?
    }

    private func remediate(
        _ remediation: MachineRemediation, of healthCheck: MachineHealthCheck, now: Timestamp
    ) async -> RemediationOutcome {
        if case .nodeDeleted(let nodeName) = remediation.reason {
            do {
                if try await nodeExists(nodeName) { return RemediationOutcome(nodeNotYetGone: true) }
            } catch {
                return RemediationOutcome(error: error)
            }
        }
        return RemediationOutcome(error: await delete(remediation, of: healthCheck, now: now))
    }

    /// What the Node informer knows of the Machine's Node.
    private func nodeState(of machine: Machine) -> MachineHealthTarget.NodeState {
        guard let name = machine.nodeName, !name.isEmpty else { return .notLinked }
        return nodes.get(ObjectKey(namespace: nil, name: name)).map(MachineHealthTarget.NodeState.present)
            ?? .missing(name: name)
    }

    /// Whether the API server has the Node, before a Machine is deleted for having lost it.
    private func nodeExists(_ name: String) async throws -> Bool {
        do {
            _ = try await nodeClient.get(name)
            return true
        } catch let error as APIError where error.isNotFound {
            return false
        }
    }

    /// Deletes the Machine (only the one judged: a UID precondition) and records the outcome; returns the error of
    /// a failed deletion.
    private func delete(
        _ remediation: MachineRemediation, of healthCheck: MachineHealthCheck, now: Timestamp
    ) async -> (any Error)? {
        let machine = remediation.target.machine
        let name = MachineHealthCheckSync.describe(remediation.target, of: healthCheck)
        logger.info(
            "remediating unhealthy machine by deleting it", metadata: ["target": "\(name)", "reason": "\(remediation.reason)"])
        do {
            _ = try await machineClient.delete(
                machine.name, namespace: machine.namespace, options: DeleteOptions(preconditionUID: machine.metadata.uid))
        } catch let error as APIError where error.isNotFound || error.isConflict {
            // Already gone, or replaced by a new Machine of the same name that was not judged.
            return nil
        } catch {
            events.record(
                .warning, about: machine, reason: MachineHealthCheckEvent.machineDeletionFailed, action: "Remediate",
                note: "Machine \(name) remediation failed: unable to delete Machine object: \(error)", now: now)
            return error
        }
        events.record(
            .normal, about: machine, reason: MachineHealthCheckEvent.machineDeleted, action: "Remediate",
            note: "Machine \(name) has been remediated by requesting to delete Machine object (\(remediation.reason))",
            now: now)
        return nil
    }
}
