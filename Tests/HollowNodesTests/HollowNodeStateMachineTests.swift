import HollowModel
import Testing

@testable import HollowNodes

struct HollowNodeStateMachineTests {
    let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600)

    func registered(_ configuration: HollowNodeConfiguration = HollowNodeConfiguration(), name: String = "n1")
        -> HollowNodeStateMachine
    {
        var machine = HollowNodeStateMachine(name: name, configuration: configuration, firstSeen: t0)
        for write in machine.step(now: t0).writes { machine.record(write) }
        return machine
    }

    @Test func registrationStartsPostsStatusAndCreatesTheLease() throws {
        let machine = HollowNodeStateMachine(name: "n1", configuration: HollowNodeConfiguration(), firstSeen: t0)
        let step = machine.step(now: t0)
        #expect(step.writes.count == 3)
        #expect(step.writes[0] == .start(at: t0, registration: true))
        guard case .postStatus(let conditions, let removing, let includesShape, _) = step.writes[1] else {
            Issue.record("expected a status post")
            return
        }
        #expect(conditions.map(\.type) == ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"])
        #expect(conditions.map(\.reason) == [
            "KubeletHasSufficientMemory", "KubeletHasNoDiskPressure", "KubeletHasSufficientPID", "KubeletReady",
        ])
        #expect(conditions.allSatisfy { $0.lastTransitionTime == t0 && $0.lastHeartbeatTime == t0 })
        #expect(conditions[3].message == "kubelet is posting ready status")
        #expect(removing.isEmpty && includesShape)
        #expect(step.writes[2] == .renewLease(at: t0))
        let wake = try #require(step.wakeAt)
        #expect(wake > t0 && wake <= t0.adding(.seconds(10)))
    }

    @Test func leaseRenewalsFollowTheNodesGridEveryInterval() throws {
        var machine = registered()
        var renewals: [Timestamp] = []
        var now = t0
        while renewals.count < 4 {
            now = try #require(machine.step(now: now).wakeAt)
            for write in machine.step(now: now).writes {
                if case .renewLease(let at) = write { renewals.append(at) }
                machine.record(write)
            }
        }
        for (a, b) in zip(renewals, renewals.dropFirst()) { #expect(b.duration(since: a) == .seconds(10)) }
    }

    @Test func renewalsOfManyNodesAreSpreadOverTheInterval() {
        // 1,000 nodes registered at the same instant: their first renewals fall evenly over the next 10 s.
        var buckets = [Int](repeating: 0, count: 10)
        for index in 0..<1000 {
            let machine = registered(name: "hollow-\(index)")
            let offset = machine.step(now: t0).wakeAt!.duration(since: t0)
            buckets[min(Int(offset / .seconds(1)), 9)] += 1
        }
        #expect(buckets.allSatisfy { (60...140).contains($0) }, "\(buckets)")
    }

    @Test func stoppedKubeletWritesNothingAndComesBackWithAFreshTransition() throws {
        var machine = registered()
        var configuration = machine.configuration
        configuration.behavior.kubelet = .stopped
        machine.configurationChanged(configuration, now: t0.adding(.seconds(5)))
        #expect(machine.step(now: t0.adding(.seconds(60))) == .init(writes: [], wakeAt: nil))

        // The node lifecycle controller marked it Unknown at 45 s.
        let unknown = machine.reported.values.map { condition -> HollowNodeCondition in
            var c = condition
            c.status = "Unknown"
            c.lastTransitionTime = t0.adding(.seconds(45))
            return c
        }
        machine.observe(conditions: unknown, kubeletStartTime: t0, now: t0.adding(.seconds(50)))

        configuration.behavior.kubelet = .running
        let back = t0.adding(.seconds(100))
        machine.configurationChanged(configuration, now: back)
        let writes = machine.step(now: back).writes
        #expect(writes.first == .start(at: back, registration: false))
        guard case .postStatus(let conditions, _, _, _) = writes[1] else {
            Issue.record("expected a status post")
            return
        }
        #expect(conditions.allSatisfy { $0.lastTransitionTime == back })
        #expect(conditions.first { $0.type == "Ready" }?.status == "True")
    }

    @Test func aReadyPostAfterAnUnknownWrittenWhileLaggingIsStampedNow() throws {
        var machine = registered()
        let unknownAt = t0.adding(.seconds(50))
        let unknown = machine.reported.values.map { condition -> HollowNodeCondition in
            var c = condition
            c.status = "Unknown"
            c.lastTransitionTime = unknownAt
            return c
        }
        machine.observe(conditions: unknown, kubeletStartTime: t0, now: unknownAt)
        let now = t0.adding(.seconds(52))
        let post = machine.step(now: now).writes.compactMap { write -> [HollowNodeCondition]? in
            if case .postStatus(let conditions, _, _, _) = write { return conditions }
            return nil
        }.first
        #expect(post?.first { $0.type == "Ready" }?.lastTransitionTime == now)
    }

    @Test func unchangedStatusIsPostedOnTheReportInterval() throws {
        var machine = registered()
        var posts: [Timestamp] = []
        var now = t0
        while now < t0.adding(.seconds(900)) {
            now = try #require(machine.step(now: now).wakeAt)
            for write in machine.step(now: now).writes {
                if case .postStatus(_, _, _, let at) = write { posts.append(at) }
                machine.record(write)
            }
        }
        #expect(posts.count == 3)
        for (a, b) in zip(posts, posts.dropFirst()) { #expect(b.duration(since: a) == .seconds(300)) }
    }

    @Test func removingTheStartTimeRegistersAgain() {
        var machine = registered()
        machine.observe(conditions: [], kubeletStartTime: nil, now: t0.adding(.seconds(30)))
        #expect(machine.step(now: t0.adding(.seconds(30))).writes.first == .start(at: t0.adding(.seconds(30)), registration: true))
    }
}

struct HollowPodStateMachineTests {
    let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600)
    var node: HollowPodStateMachine.NodeView {
        .init(kubeletStartTime: t0, kubeletRunning: true, behavior: HollowNodeBehavior())
    }

    @Test func nothingHappensWhileTheKubeletIsNotRunning() {
        let pod = HollowPodStateMachine(restartPolicy: .always, firstSeen: t0)
        let stopped = HollowPodStateMachine.NodeView(kubeletStartTime: t0, kubeletRunning: false, behavior: .init())
        #expect(pod.step(now: t0, node: stopped) == .init(write: nil, wakeAt: nil))
        let unregistered = HollowPodStateMachine.NodeView(kubeletStartTime: nil, kubeletRunning: true, behavior: .init())
        #expect(pod.step(now: t0, node: unregistered) == .init(write: nil, wakeAt: nil))
    }

    @Test func aBoundPodRunsAndAShorterGraceTakesOver() {
        var pod = HollowPodStateMachine(restartPolicy: .always, firstSeen: t0)
        #expect(pod.step(now: t0, node: node).write == .run(at: t0))
        pod.record(.run(at: t0))
        pod.observeDeletion(gracePeriodSeconds: 30, now: t0.adding(.seconds(5)))
        #expect(pod.step(now: t0.adding(.seconds(6)), node: node) == .init(write: nil, wakeAt: t0.adding(.seconds(35))))
        pod.observeDeletion(gracePeriodSeconds: 10, now: t0.adding(.seconds(7)))
        #expect(pod.step(now: t0.adding(.seconds(15)), node: node).write == .delete)
    }
}
