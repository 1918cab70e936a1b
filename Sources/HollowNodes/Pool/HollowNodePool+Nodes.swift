import HollowClient
import HollowModel
import Logging

/// The writes for one node, worked out under the lock and performed after it.
struct HollowNodePlan: Sendable {
    var uid: String
    var writes: [HollowNodeStateMachine.Write]
    var wakeAt: Timestamp?
    var registration: HollowNodeObjects.Registration
    var podCIDR: String?
    var internalIP: String?
    var shape: HollowNodeShape
    var leaseDurationSeconds: Int64
    var leaseKnownToExist: Bool
    var leaseDue: Timestamp?
    /// A configuration error to report in an Event.
    var event: String?
}

extension HollowNodePool {
    func processNode(_ name: String, due: Timestamp) async {
        let now = max(clock.wallTime, due)
        enum Plan {
            case nothing(next: Timestamp?)
            case deleteLease
            case writes(HollowNodePlan)
        }
        let plan: Plan = state.withLock { state in
            guard var entry = state.nodes[name] else {
                return state.leaseDeletions.remove(name) != nil ? .deleteLease : .nothing(next: nil)
            }
            let step = entry.machine.step(now: now)
            let event = entry.configurationError.flatMap { $0 == entry.reportedError ? nil : $0 }
            if step.writes.isEmpty && event == nil { return .nothing(next: step.wakeAt) }
            // Addresses are fixed before the first write that needs them and kept if a write fails.
            if entry.internalIP == nil || entry.podCIDR == nil,
                step.writes.contains(where: { if case .start = $0 { true } else { false } })
                    || entry.machine.isRegistered,
                let slot = state.addresses.allocate(name)
            {
                if entry.internalIP == nil { entry.internalIP = HollowAddressAllocator.internalIP(slot: slot) }
                if entry.podCIDR == nil {
                    entry.podCIDR = HollowAddressAllocator.podCIDR(slot: slot)
                    entry.podIPs = entry.podCIDR.flatMap(HollowPodIPAllocator.init(podCIDR:))
                }
                state.nodes[name] = entry
            }
            return .writes(
                HollowNodePlan(
                    uid: entry.uid, writes: step.writes, wakeAt: step.wakeAt, registration: entry.registration,
                    podCIDR: entry.podCIDR, internalIP: entry.internalIP, shape: entry.machine.configuration.shape,
                    leaseDurationSeconds: HollowNodeObjects.leaseDurationSeconds(
                        renewInterval: entry.machine.configuration.behavior.leaseRenewInterval),
                    leaseKnownToExist: entry.leaseKnownToExist, leaseDue: entry.machine.leaseDue, event: event))
        }
        switch plan {
        case .nothing(let next):
            finish(.node(name), next: next)
        case .deleteLease:
            do {
                try await client.resource(Lease.self).delete(name, namespace: HollowNodeObjects.leaseNamespace)
            } catch let error as APIError where error.isNotFound {
            } catch {
                logger.debug("deleting a Lease failed", metadata: ["node": "\(name)", "error": "\(error)"])
            }
            finish(.node(name), next: nil)
        case .writes(let plan):
            let next = await perform(plan, node: name, now: now)
            finish(.node(name), next: next)
        }
    }

    /// Performs the writes in order, recording each; stops at the first failure and retries later.
    /// - Returns: when the node is next due.
    private func perform(_ plan: HollowNodePlan, node name: String, now: Timestamp) async -> Timestamp? {
        let nodes = client.resource(Node.self)
        if let message = plan.event {
            logger.warning("invalid hollow node configuration", metadata: ["node": "\(name)", "error": "\(message)"])
            let event = HollowNodeObjects.warningEvent(
                node: name, nodeUID: plan.uid, pool: configuration.pool, reason: "InvalidHollowNodeConfiguration",
                message: message, at: now)
            do {
                _ = try await client.resource(Event.self).create(event, namespace: "default")
            } catch {
                logger.debug("posting an Event failed", metadata: ["node": "\(name)", "error": "\(error)"])
            }
            state.withLock { state in
                if state.nodes[name]?.uid == plan.uid { state.nodes[name]?.reportedError = message }
            }
        }
        for write in plan.writes {
            var revision: UInt64?
            var lag: Duration?
            do {
                switch write {
                case .start(let at, let registration):
                    let patch = HollowNodeObjects.startPatch(
                        name: name, pool: configuration.pool, startTime: at,
                        registration: registration ? plan.registration : nil, podCIDR: plan.podCIDR)
                    revision = UInt64(try await nodes.patch(name, .merge(patch)).resourceVersion)
                case .postStatus(let conditions, let removing, let includesShape, _):
                    let patch = HollowNodeObjects.statusPatch(
                        conditions: conditions, removing: removing, shape: includesShape ? plan.shape : nil, name: name,
                        pool: configuration.pool, internalIP: plan.internalIP)
                    revision = UInt64(
                        try await nodes.patch(name, .strategicMerge(patch), subresource: "status").resourceVersion)
                case .renewLease(let at):
                    try await renewLease(name, uid: plan.uid, at: at, plan: plan)
                    if let due = plan.leaseDue { lag = clock.wallTime.duration(since: due) }
                }
            } catch {
                let gone = (error as? APIError)?.isNotFound == true
                let failures = state.withLock { state -> Int in
                    state.counters.writes += 1
                    state.counters.failedWrites += 1
                    guard state.nodes[name]?.uid == plan.uid else { return 0 }
                    state.nodes[name]!.failures += 1
                    return state.nodes[name]!.failures
                }
                if gone { return nil }  // The watch will tell.
                logger.debug(
                    "hollow node write failed; retrying",
                    metadata: ["node": "\(name)", "write": "\(write.kind)", "error": "\(error)"])
                let retry = clock.wallTime.adding(retryDelay(failures: failures))
                return plan.wakeAt.map { min($0, retry) } ?? retry
            }
            let started = state.withLock { state -> Bool in
                state.counters.writes += 1
                if let lag {
                    state.counters.leaseRenewals += 1
                    state.counters.leaseRenewalLag.record(lag)
                } else if case .renewLease = write {
                    state.counters.leaseRenewals += 1
                }
                guard var entry = state.nodes[name], entry.uid == plan.uid else { return false }
                entry.machine.record(write)
                entry.failures = 0
                if let revision { entry.lastWriteRevision = max(entry.lastWriteRevision, revision) }
                if case .renewLease = write { entry.leaseKnownToExist = true }
                if case .start(_, let registration) = write, registration, let podCIDR = plan.podCIDR {
                    entry.registration.podCIDR = entry.registration.podCIDR ?? podCIDR
                }
                state.nodes[name] = entry
                if case .start = write { return state.schedulePods(on: name, at: now) }
                return false
            }
            if started { wake.signal() }
        }
        return plan.wakeAt
    }

    /// Renews the Lease with a merge patch, creating it (owned by the Node) when it does not exist.
    private func renewLease(_ name: String, uid: String, at: Timestamp, plan: HollowNodePlan) async throws {
        let leases = client.resource(Lease.self)
        let namespace = HollowNodeObjects.leaseNamespace
        let renewal = HollowNodeObjects.leaseRenewal(
            name: name, renewTime: at, durationSeconds: plan.leaseDurationSeconds)
        if plan.leaseKnownToExist {
            do {
                _ = try await leases.patch(name, namespace: namespace, .merge(renewal))
                return
            } catch let error as APIError where error.isNotFound {}
        }
        do {
            _ = try await leases.create(
                HollowNodeObjects.lease(name: name, nodeUID: uid, renewTime: at, durationSeconds: plan.leaseDurationSeconds),
                namespace: namespace)
        } catch let error as APIError where error.isAlreadyExists || error.isConflict {
            _ = try await leases.patch(name, namespace: namespace, .merge(renewal))
        }
    }
}

extension HollowNodeStateMachine.Write {
    /// A short name for logs.
    var kind: String {
        switch self {
        case .start: "start"
        case .postStatus: "status"
        case .renewLease: "lease"
        }
    }
}
