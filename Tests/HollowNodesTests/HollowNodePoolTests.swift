import HollowClient
import HollowControllers
import HollowModel
import HollowNodes
import HollowRuntime
import HollowTesting
import Testing

/// The pool against a real API server on a ``ManualClock``: the test creates Nodes and Pods, moves time, and checks
/// what the API server holds (with `eventually`, never by sleeping).
@Suite(.serialized) struct HollowNodePoolTests {
    @Test func nodesRegisterWithStatusAddressesAndALeaseRenewedAsTimePasses() async throws {
        try await HollowPoolHarness.run { h in
            let t0 = h.clock.wallTime
            var big = HollowNodeTemplate(name: "n1", pool: "test", zone: "zone-a")
            big.configuration.shape.cpu = Quantity(8)
            big.configuration.shape.memory = try Quantity(parsing: "32Gi")
            try await h.create(big)
            try await h.create(HollowNodeTemplate(name: "n2", pool: "test"))
            try await h.create(HollowNodeTemplate(name: "other", pool: "elsewhere"))
            try await h.waitForRegistration("n1", "n2")

            let node = try await h.node("n1")
            let labels = node.metadata.labels
            #expect(labels["hollow.dev/pool"] == "test")
            #expect(labels["kubernetes.io/hostname"] == "n1")
            #expect(labels["kubernetes.io/os"] == "linux")
            #expect(labels["kubernetes.io/arch"] == "amd64")
            #expect(labels["node.kubernetes.io/instance-type"] == "hollow")
            #expect(labels["topology.kubernetes.io/zone"] == "zone-a")
            #expect(node.object[path: ["spec", "providerID"]] == "hollow://test/n1")
            let podCIDR = try #require(node.object[path: ["spec", "podCIDR"]]?.stringValue)
            #expect(node.object[path: ["spec", "podCIDRs"]] == [.string(podCIDR)])
            #expect(node.object[path: ["status", "capacity", "cpu"]] == "8")
            #expect(node.object[path: ["status", "capacity", "memory"]] == "32Gi")
            #expect(node.object[path: ["status", "allocatable", "pods"]] == "110")
            #expect(node.object[path: ["status", "allocatable", "ephemeral-storage"]] == "100Gi")
            for field in ["machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion"] {
                #expect(node.object[path: ["status", "nodeInfo", field]]?.stringValue?.isEmpty == false, "\(field)")
            }
            #expect(node.object[path: ["status", "nodeInfo", "kubeletVersion"]] == "v1.31.0")
            #expect(node.object[path: ["status", "daemonEndpoints", "kubeletEndpoint", "Port"]] == 10250)
            #expect(node.metadata.annotations["hollow.dev/kubelet-start-time"] == t0.rfc3339Micro)
            let conditions = HollowNodeCondition.conditions(of: node.object)
            #expect(conditions.map(\.type).sorted() == ["DiskPressure", "MemoryPressure", "PIDPressure", "Ready"])
            #expect(conditions.allSatisfy { $0.lastTransitionTime == t0 })
            let ready = try #require(HollowPoolHarness.condition("Ready", of: node))
            #expect(ready.status == "True" && ready.reason == "KubeletReady")

            // Addresses: unique per node, the InternalIP and podCIDR of the same slot.
            let other = try await h.node("n2")
            func internalIP(_ node: Node) -> String? {
                node.object[path: ["status", "addresses"]]?.arrayValue?
                    .first { $0["type"] == "InternalIP" }?["address"]?.stringValue
            }
            #expect(internalIP(node) != nil && internalIP(node) != internalIP(other))
            #expect(podCIDR != other.object[path: ["spec", "podCIDR"]]?.stringValue)
            #expect(try await h.node("other").object[path: ["status", "conditions"]] == nil, "another pool's node")

            let lease = try #require(try await h.lease("n1"))
            #expect(lease.holderIdentity == "n1")
            #expect(lease.leaseDurationSeconds == 40)
            #expect(lease.renewTime == t0)
            #expect(lease.metadata.ownerReferences.first?.kind == "Node")
            #expect(lease.metadata.ownerReferences.first?.uid == node.metadata.uid)

            h.clock.advance(by: .seconds(10))
            try await eventually(timeout: .seconds(10), "the Lease renewed") {
                try await h.lease("n1")?.renewTime == t0.adding(.seconds(10))
            }
            #expect(h.pool.statistics().readyNodes == 2)
        }
    }

    @Test func periodicNodeFlipsAtTheScheduledTimesAndTurnUnhealthyAfterStaysNotReady() async throws {
        try await HollowPoolHarness.run { h in
            let t0 = h.clock.wallTime
            var periodic = HollowNodeTemplate(name: "flapper", pool: "test")
            periodic.configuration.behavior.health = HollowNodeHealthSchedule(
                .periodic(healthy: .seconds(20), unhealthy: .seconds(10)))
            var after = HollowNodeTemplate(name: "doomed", pool: "test")
            after.configuration.behavior.health = HollowNodeHealthSchedule(.unhealthyAfter(.seconds(25)))
            try await h.create(periodic)
            try await h.create(after)
            try await h.waitForRegistration("flapper", "doomed")

            var expected: [(at: Duration, status: String)] = [(.seconds(20), "False"), (.seconds(30), "True"), (.seconds(50), "False"), (.seconds(60), "True")]
            var elapsed = Duration.zero
            while !expected.isEmpty {
                let (at, status) = expected.removeFirst()
                h.clock.advance(by: at - elapsed)
                elapsed = at
                try await eventually(timeout: .seconds(10), "flapper \(status) at \(at)") {
                    try await h.ready("flapper")?.status == status
                }
                let ready = try #require(try await h.ready("flapper"))
                #expect(ready.lastTransitionTime == t0.adding(at), "flipped at \(at)")
                #expect(ready.reason == (status == "True" ? "KubeletReady" : "KubeletNotReady"))
                if status == "False" { #expect(ready.message.contains("periodically")) }
            }
            let doomed = try #require(try await h.ready("doomed"))
            #expect(doomed.status == "False")
            #expect(doomed.lastTransitionTime == t0.adding(.seconds(25)))
        }
    }

    @Test func boundPodsRunWithAnIPFromTheNodesPodCIDRCompleteAndGoAfterTheirGracePeriod() async throws {
        try await HollowPoolHarness.run { h in
            var template = HollowNodeTemplate(name: "n1", pool: "test")
            template.configuration.behavior.podRunDuration = .seconds(15)
            try await h.create(template)
            try await h.waitForRegistration("n1")
            let node = try await h.node("n1")
            let podCIDR = try #require(node.object[path: ["spec", "podCIDR"]]?.stringValue)
            let prefix = podCIDR.split(separator: ".").prefix(3).joined(separator: ".") + "."

            let started = h.clock.wallTime
            try await h.createPod("web", on: "n1", containers: ["app", "sidecar"])
            try await h.createPod("job", on: "n1", restartPolicy: "Never")
            try await eventually(timeout: .seconds(10), "web Running") { try await h.pod("web")?.phase == "Running" }
            let web = try #require(try await h.pod("web"))
            let status = web.object["status"]!
            #expect(status["podIP"]?.stringValue?.hasPrefix(prefix) == true, "\(String(describing: status["podIP"])) in \(podCIDR)")
            #expect(status["podIPs"]?.arrayValue?.count == 1)
            #expect(status["hostIP"] == node.object[path: ["status", "addresses"]]?.arrayValue?.first?["address"])
            #expect(status["startTime"]?.stringValue == started.rfc3339)
            let containerStatuses = try #require(status["containerStatuses"]?.arrayValue)
            #expect(containerStatuses.map { $0["name"]?.stringValue } == ["app", "sidecar"])
            for container in containerStatuses {
                #expect(container["ready"] == true && container["started"] == true && container["restartCount"] == 0)
                #expect(container[path: ["state", "running", "startedAt"]]?.stringValue == started.rfc3339)
                #expect(container["containerID"]?.stringValue?.hasPrefix("containerd://") == true)
                #expect(container["image"] == "docker.io/library/nginx:1.27")
            }
            let podConditions = Dictionary(
                (status["conditions"]?.arrayValue ?? []).map { ($0["type"]?.stringValue ?? "", $0["status"]?.stringValue ?? "") },
                uniquingKeysWith: { $1 })
            for type in ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"] {
                #expect(podConditions[type] == "True", "\(type)")
            }
            try await eventually(timeout: .seconds(10), "job Running") { try await h.pod("job")?.phase == "Running" }
            let jobIP = try await h.pod("job")?.object[path: ["status", "podIP"]]
            #expect(jobIP != status["podIP"], "pod IPs are unique on a node")

            // The job succeeds 15 s after it started; web keeps running (restartPolicy Always).
            h.clock.advance(by: .seconds(15))
            try await eventually(timeout: .seconds(10), "job Succeeded") { try await h.pod("job")?.phase == "Succeeded" }
            let job = try #require(try await h.pod("job"))
            #expect(job.object[path: ["status", "containerStatuses"]]?.arrayValue?.first?[path: ["state", "terminated", "reason"]] == "Completed")
            #expect(try await h.pod("web")?.phase == "Running")

            // Graceful deletion: gone once the 30 s grace period has passed on the pool's clock.
            try await h.client.resource(Pod.self).delete("web", namespace: "default")
            try await eventually(timeout: .seconds(10), "the deletion seen") {
                try await h.pod("web")?.metadata.deletionTimestamp != nil
            }
            try await h.waitForPoolIdle()
            h.clock.advance(by: .seconds(29))
            try await h.waitForPoolIdle()
            #expect(try await h.pod("web") != nil, "still terminating before its grace period is over")
            h.clock.advance(by: .seconds(1))
            try await eventually(timeout: .seconds(10), "web gone") { try await h.pod("web") == nil }
        }
    }

    @Test func podsTheSchedulerBindsRunToo() async throws {
        try await HollowPoolHarness.run(controllers: [.scheduler]) { h in
            try await h.create(HollowNodeTemplate(name: "n1", pool: "test"))
            try await h.waitForRegistration("n1")
            try await h.createPod("scheduled", on: nil)
            try await eventually(timeout: .seconds(15), "the pod scheduled and Running") {
                let pod = try await h.pod("scheduled")
                return pod?.nodeName == "n1" && pod?.phase == "Running"
            }
        }
    }

    @Test func stoppedKubeletGoesUnknownAndComesBackReadyWithAFreshTransition() async throws {
        try await HollowPoolHarness.run(controllers: [.nodelifecycle]) { h in
            try await h.create(HollowNodeTemplate(name: "n1", pool: "test"))
            try await h.waitForRegistration("n1")
            try await h.annotate("n1", ["hollow.dev/kubelet": "stopped"])
            try await eventually(timeout: .seconds(10), "the pool saw the kubelet stop") {
                h.pool.statistics().stoppedKubelets == 1
            }
            let lastRenewal = try #require(try await h.lease("n1")?.renewTime)

            // The node lifecycle controller marks the silent node Unknown after its 40 s grace period.
            try await eventually(timeout: .seconds(20), "n1 Unknown") {
                if h.clock.sleeperCount >= 1 { h.clock.advance(by: .seconds(5)) }
                return try await h.ready("n1")?.status == "Unknown"
            }
            #expect(try await h.lease("n1")?.renewTime == lastRenewal, "no renewal while stopped")
            #expect(try await h.ready("n1")?.reason == "NodeStatusUnknown")

            try await h.waitForPoolIdle()
            let back = h.clock.wallTime
            try await h.annotate("n1", ["hollow.dev/kubelet": "running"])
            try await eventually(timeout: .seconds(10), "n1 Ready again") { try await h.ready("n1")?.status == "True" }
            let ready = try #require(try await h.ready("n1"))
            #expect(ready.reason == "KubeletReady")
            #expect(ready.lastTransitionTime == back.truncatedToSeconds)
            // The Lease is renewed in the write after the status, as a kubelet's lease loop runs apart from its status.
            try await eventually(timeout: .seconds(10), "the Lease renewed at the restart") {
                try await h.lease("n1")?.renewTime == back
            }
            #expect(try await h.node("n1").metadata.annotations["hollow.dev/kubelet-start-time"] == back.rfc3339Micro)
        }
    }

    @Test func badAnnotationsAreRefusedWithAWarningEventAndTheNodeKeepsItsBehaviour() async throws {
        try await HollowPoolHarness.run { h in
            try await h.create(HollowNodeTemplate(name: "n1", pool: "test"))
            try await h.waitForRegistration("n1")
            try await h.annotate("n1", ["hollow.dev/unhealthy-duration": "-5s"])
            let message = #"hollow.dev/unhealthy-duration: "-5s" is not a valid duration: must not be negative"#
            try await eventually(timeout: .seconds(10), "the Warning Event") {
                let events = try await h.client.resource(Event.self).list(namespace: "default").items
                return events.contains {
                    $0.object["reason"] == "InvalidHollowNodeConfiguration" && $0.object["message"]?.stringValue == message
                        && $0.object["type"] == "Warning" && $0.object[path: ["involvedObject", "name"]] == "n1"
                }
            }
            #expect(h.pool.configurationErrors() == ["n1": message])
            #expect(try await h.ready("n1")?.status == "True")

            // Fixed: the error goes; a condition override is reported until it ends.
            let until = h.clock.wallTime.adding(.seconds(30))
            try await h.annotate(
                "n1", ["hollow.dev/unhealthy-duration": nil, "hollow.dev/condition.DiskPressure": "True;until=\(until.rfc3339)"])
            try await eventually(timeout: .seconds(10), "DiskPressure True") {
                HollowPoolHarness.condition("DiskPressure", of: try await h.node("n1"))?.status == "True"
            }
            #expect(h.pool.configurationErrors().isEmpty)
            let pressure = try #require(HollowPoolHarness.condition("DiskPressure", of: try await h.node("n1")))
            #expect(pressure.reason == "KubeletHasDiskPressure")
            h.clock.advance(by: .seconds(30))
            try await eventually(timeout: .seconds(10), "DiskPressure False again") {
                HollowPoolHarness.condition("DiskPressure", of: try await h.node("n1"))?.status == "False"
            }
            #expect(HollowPoolHarness.condition("DiskPressure", of: try await h.node("n1"))?.lastTransitionTime == until)
        }
    }

    @Test func deletedNodeIsForgottenAndItsLeaseDeleted() async throws {
        try await HollowPoolHarness.run { h in
            try await h.create(HollowNodeTemplate(name: "n1", pool: "test"))
            try await h.waitForRegistration("n1")
            try await h.client.resource(Node.self).delete("n1")
            try await eventually(timeout: .seconds(10), "the Lease deleted") { try await h.lease("n1") == nil }
            #expect(h.pool.statistics().nodes == 0)
        }
    }

    @Test func aRestartedPoolKeepsAddressesAndScheduleAndAllocatesAroundThem() async throws {
        let clock = ManualClock(wallTime: Timestamp.now().truncatedToSeconds)
        let t0 = clock.wallTime
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                func runPool<T: Sendable>(_ body: @Sendable (HollowPoolHarness) async throws -> T) async throws -> T {
                    let pool = HollowNodePool(
                        client: client, configuration: .init(pool: "test", writers: 4, timerCoalescing: .zero),
                        clock: clock, logger: HollowPoolHarness.quiet)
                    return try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await pool.run() }
                        defer { group.cancelAll() }
                        return try await body(HollowPoolHarness(client: client, clock: clock, pool: pool, poolName: "test"))
                    }
                }
                var periodic = HollowNodeTemplate(name: "n1", pool: "test")
                periodic.configuration.behavior.health = HollowNodeHealthSchedule(.periodic(healthy: .seconds(30), unhealthy: .seconds(10)))
                let template = periodic
                let first = try await runPool { h in
                    try await h.create(template)
                    try await h.waitForRegistration("n1")
                    return try await h.node("n1")
                }
                clock.advance(by: .seconds(20))
                try await runPool { h in
                    try await h.create(HollowNodeTemplate(name: "n2", pool: "test"))
                    try await h.waitForRegistration("n2")
                    let n1 = try await h.node("n1")
                    let n2 = try await h.node("n2")
                    #expect(n1.object[path: ["spec", "podCIDR"]] == first.object[path: ["spec", "podCIDR"]])
                    #expect(n1.object[path: ["status", "addresses"]] == first.object[path: ["status", "addresses"]])
                    #expect(n1.metadata.annotations["hollow.dev/kubelet-start-time"] == t0.rfc3339Micro, "not registered again")
                    #expect(n2.object[path: ["spec", "podCIDR"]] != n1.object[path: ["spec", "podCIDR"]])
                    // The schedule goes on from the first start: NotReady at 30 s.
                    h.clock.advance(by: .seconds(10))
                    try await eventually(timeout: .seconds(10), "n1 NotReady at 30 s") { try await h.ready("n1")?.status == "False" }
                    #expect(try await h.ready("n1")?.lastTransitionTime == t0.adding(.seconds(30)))
                }
            }
        }
    }
}
