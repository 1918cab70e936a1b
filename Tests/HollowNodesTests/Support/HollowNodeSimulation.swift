import HollowModel
import HollowNodes

/// Runs one hollow node's state machines over simulated time with no API server: the input of a golden file in, the
/// node's conditions (and its pods' phases) at each sample time out.
///
/// Writes are taken to succeed at once (recorded the moment they are made). With `nodeMonitorGracePeriod`, the node
/// lifecycle controller is simulated too: once the kubelet has been silent (no status, no Lease) for the grace period,
/// the node's conditions go Unknown at that moment, as the controller would write them.
struct HollowNodeSimulation {
    struct PodInput {
        var name: String
        var restartPolicy: HollowPodStateMachine.RestartPolicy
        var boundAt: Duration
        var deleteAt: Duration?
        var gracePeriodSeconds: Int64
    }

    struct Event {
        var at: Duration
        /// Annotations to set (`nil`: remove).
        var annotate: [String: String?]
    }

    var annotations: [String: String]
    var span: Duration
    var step: Duration
    var events: [Event] = []
    var pods: [PodInput] = []
    var nodeMonitorGracePeriod: Duration?

    static let origin = Timestamp(secondsSinceEpoch: 1_767_225_600)
    static let nodeName = "hollow-node-1"

    /// The node at one sample time.
    struct Sample: Equatable {
        var at: Duration
        var ready: HollowNodeCondition?
        /// Conditions other than Ready that differ from the kubelet's defaults.
        var others: [HollowNodeCondition]
        var lease: Timestamp?
        var pods: [(name: String, phase: String)]
        var error: String?

        static func == (a: Sample, b: Sample) -> Bool {
            a.at == b.at && a.ready == b.ready && a.others == b.others && a.lease == b.lease
                && a.pods.map(\.name) == b.pods.map(\.name) && a.pods.map(\.phase) == b.pods.map(\.phase)
                && a.error == b.error
        }
    }

    func run() -> [Sample] {
        let origin = Self.origin
        var annotations = self.annotations
        var error: String?
        var configuration: HollowNodeConfiguration
        do throws(HollowNodeConfigurationError) {
            configuration = try HollowNodeConfiguration(annotations: annotations)
        } catch let failure {
            configuration = HollowNodeConfiguration()
            error = failure.description
        }
        var node = HollowNodeStateMachine(name: Self.nodeName, configuration: configuration, firstSeen: origin)
        var podMachines: [(input: PodInput, machine: HollowPodStateMachine?)] = pods.map { ($0, nil) }
        var samples: [Sample] = []
        var events = self.events.sorted { $0.at < $1.at }[...]
        let end = origin.adding(span)
        var nextSample = origin
        var now = origin

        while now <= end {
            // Annotation changes due now.
            while let event = events.first, origin.adding(event.at) <= now {
                events = events.dropFirst()
                for (key, value) in event.annotate { annotations[key] = value }
                do throws(HollowNodeConfigurationError) {
                    let changed = try HollowNodeConfiguration(annotations: annotations)
                    error = nil
                    if changed != node.configuration { node.configurationChanged(changed, now: now) }
                } catch let failure {
                    error = failure.description
                }
            }
            // The node lifecycle controller's verdict on a silent kubelet.
            if let deadline = unknownDeadline(node), deadline <= now { markUnknown(&node, at: deadline) }
            // The kubelet.
            var guardSteps = 0
            while true {
                let step = node.step(now: now)
                if step.writes.isEmpty { break }
                for write in step.writes { node.record(write) }
                guardSteps += 1
                precondition(guardSteps < 10, "the node keeps writing at \(now)")
            }
            // Its pods.
            let view = HollowPodStateMachine.NodeView(
                kubeletStartTime: node.kubeletStartTime, kubeletRunning: node.kubeletRunning,
                behavior: node.configuration.behavior)
            for index in podMachines.indices {
                let input = podMachines[index].input
                if podMachines[index].machine == nil, origin.adding(input.boundAt) <= now {
                    podMachines[index].machine = HollowPodStateMachine(
                        restartPolicy: input.restartPolicy, firstSeen: origin.adding(input.boundAt))
                }
                guard var machine = podMachines[index].machine else { continue }
                if let deleteAt = input.deleteAt, origin.adding(deleteAt) <= now, machine.deletionSeen == nil {
                    machine.observeDeletion(gracePeriodSeconds: input.gracePeriodSeconds, now: origin.adding(deleteAt))
                }
                while let write = machine.step(now: now, node: view).write { machine.record(write) }
                podMachines[index].machine = machine
            }
            if now == nextSample {
                samples.append(sample(node, pods: podMachines, at: now.duration(since: origin), error: error))
                nextSample = nextSample.adding(step)
            }

            // The next moment anything happens.
            var next = nextSample
            if let event = events.first { next = min(next, origin.adding(event.at)) }
            if let wake = node.step(now: now).wakeAt { next = min(next, wake) }
            if let deadline = unknownDeadline(node), deadline > now { next = min(next, deadline) }
            for (input, machine) in podMachines {
                if machine == nil { next = min(next, origin.adding(input.boundAt)) }
                if let deleteAt = input.deleteAt, machine?.deletionSeen == nil, origin.adding(deleteAt) > now {
                    next = min(next, origin.adding(deleteAt))
                }
                if let wake = machine?.step(now: now, node: view).wakeAt { next = min(next, wake) }
            }
            precondition(next > now, "time must move on")
            now = next
        }
        return samples
    }

    /// When the lifecycle controller would mark the node Unknown, if it is registered, not Unknown yet and being
    /// simulated.
    private func unknownDeadline(_ node: HollowNodeStateMachine) -> Timestamp? {
        guard let grace = nodeMonitorGracePeriod, node.isRegistered, node.readyStatus != "Unknown" else { return nil }
        let last = [node.lastLeaseRenewal, node.lastStatusPost].compactMap { $0 }.max()
        return last?.adding(grace)
    }

    private func markUnknown(_ node: inout HollowNodeStateMachine, at time: Timestamp) {
        let conditions = node.reported.values.map { condition -> HollowNodeCondition in
            guard KubeletConditions.owned.contains(condition.type) else { return condition }
            var unknown = condition
            unknown.status = "Unknown"
            unknown.reason = "NodeStatusUnknown"
            unknown.message = "Kubelet stopped posting node status."
            unknown.lastTransitionTime = time.truncatedToSeconds
            return unknown
        }
        node.observe(conditions: conditions, kubeletStartTime: node.kubeletStartTime, now: time)
    }

    private func sample(
        _ node: HollowNodeStateMachine, pods: [(input: PodInput, machine: HollowPodStateMachine?)], at: Duration,
        error: String?
    ) -> Sample {
        let defaults: [String: String] = ["MemoryPressure": "False", "DiskPressure": "False", "PIDPressure": "False"]
        let others = node.reported.values
            .filter { $0.type != "Ready" && defaults[$0.type] != $0.status }
            .sorted { $0.type < $1.type }
        return Sample(
            at: at, ready: node.reported["Ready"], others: others, lease: node.lastLeaseRenewal,
            pods: pods.compactMap { input, machine in
                machine.map { (input.name, $0.deleted ? "Deleted" : $0.phase) }
            },
            error: error)
    }
}
