import HollowClient
import HollowModel
import Logging

/// The write for one pod, worked out under the lock and performed after it.
struct HollowPodPlan: Sendable {
    var write: HollowPodStateMachine.Write
    var wakeAt: Timestamp?
    var facts: HollowPodFacts
    var hostIP: String?
    var podIP: String?
    var startTime: Timestamp?
    /// Whether `podIP` was allocated for this write (and goes back if it fails).
    var allocatedIP: Bool
}

extension HollowNodePool {
    func processPod(_ key: ObjectKey, due: Timestamp) async {
        let now = max(clock.wallTime, due)
        let planned: (plan: HollowPodPlan?, next: Timestamp?) = state.withLock { state in
            guard var pod = state.pods[key], let node = state.nodes[pod.nodeName] else { return (nil, nil) }
            let view = HollowPodStateMachine.NodeView(
                kubeletStartTime: node.machine.kubeletStartTime, kubeletRunning: node.machine.kubeletRunning,
                behavior: node.machine.configuration.behavior)
            let step = pod.machine.step(now: now, node: view)
            guard let write = step.write else { return (nil, step.wakeAt) }
            var allocated = false
            if case .run = write, pod.podIP == nil {
                pod.podIP = state.nodes[pod.nodeName]?.podIPs?.allocate()
                allocated = pod.podIP != nil
                state.pods[key] = pod
            }
            return (
                HollowPodPlan(
                    write: write, wakeAt: step.wakeAt, facts: pod.facts, hostIP: node.internalIP, podIP: pod.podIP,
                    startTime: pod.machine.startTime, allocatedIP: allocated),
                step.wakeAt
            )
        }
        guard let plan = planned.plan else {
            finish(.pod(key), next: planned.next)
            return
        }
        let pods = client.resource(Pod.self)
        var revision: UInt64?
        do {
            switch plan.write {
            case .run(let at):
                let status = HollowPodStatus.running(plan.facts, hostIP: plan.hostIP, podIP: plan.podIP, at: at)
                revision = UInt64(
                    try await pods.patch(key.name, namespace: key.namespace, .strategicMerge(status), subresource: "status")
                        .resourceVersion)
            case .finish(let succeeded, let at):
                let status = HollowPodStatus.finished(
                    plan.facts, succeeded: succeeded, startTime: plan.startTime, hostIP: plan.hostIP, podIP: plan.podIP,
                    at: at)
                revision = UInt64(
                    try await pods.patch(key.name, namespace: key.namespace, .strategicMerge(status), subresource: "status")
                        .resourceVersion)
            case .delete:
                try await pods.delete(
                    key.name, namespace: key.namespace,
                    options: DeleteOptions(gracePeriodSeconds: 0, preconditionUID: plan.facts.uid))
            }
        } catch {
            let apiError = error as? APIError
            // Gone, or replaced by a pod of the same name: the watch will tell.
            let gone = apiError?.isNotFound == true || (apiError?.isConflict == true && plan.write == .delete)
            let failures = state.withLock { state -> Int in
                state.counters.writes += 1
                state.counters.failedWrites += 1
                guard var pod = state.pods[key], pod.facts.uid == plan.facts.uid else { return 0 }
                if plan.allocatedIP, let ip = pod.podIP {
                    state.nodes[pod.nodeName]?.podIPs?.release(ip)
                    pod.podIP = nil
                }
                pod.failures += 1
                state.pods[key] = pod
                return pod.failures
            }
            if gone {
                finish(.pod(key), next: nil)
                return
            }
            logger.debug(
                "hollow pod write failed; retrying", metadata: ["pod": "\(key)", "error": "\(error)"])
            finish(.pod(key), next: clock.wallTime.adding(retryDelay(failures: failures)))
            return
        }
        state.withLock { state in
            state.counters.writes += 1
            guard var pod = state.pods[key], pod.facts.uid == plan.facts.uid else { return }
            pod.machine.record(plan.write)
            pod.failures = 0
            if let revision { pod.lastWriteRevision = max(pod.lastWriteRevision, revision) }
            if case .finish = plan.write, let ip = pod.podIP { state.nodes[pod.nodeName]?.podIPs?.release(ip) }
            state.pods[key] = pod
        }
        finish(.pod(key), next: plan.write == .delete ? nil : plan.wakeAt ?? now)
    }
}
