import HollowModel
import Testing

@testable import HollowControllers

private typealias F = SchedulerFixtures

struct SchedulerCacheTests {
    static let mi: Int64 = 1 << 20

    @Test func boundPodsCountAgainstTheirNode() {
        var cache = SchedulerCache()
        cache.updateNode(F.node("a"))
        cache.updatePod(F.pod("x", requests: ["cpu": "1", "memory": "1Gi"], nodeName: "a"))
        cache.updatePod(F.pod("pending", requests: ["cpu": "1"]))
        let usage = cache.nodeInfo(named: "a")?.usage
        #expect(usage?.requested == SchedulerResources(milliCPU: 1000, memory: 1024 * Self.mi))
        #expect(usage?.podCount == 1)
        #expect(cache.boundPodCount == 1)
    }

    @Test func podsSeenBeforeTheirNodeAreCountedWhenItArrives() {
        var cache = SchedulerCache()
        cache.updatePod(F.pod("x", requests: ["cpu": "1"], nodeName: "late"))
        cache.updateNode(F.node("late"))
        #expect(cache.nodeInfo(named: "late")?.usage.requested.milliCPU == 1000)
    }

    @Test func aNodeUpdateKeepsItsPods() {
        var cache = SchedulerCache()
        cache.updateNode(F.node("a", cpu: "2"))
        cache.updatePod(F.pod("x", requests: ["cpu": "1"], nodeName: "a"))
        cache.updateNode(F.node("a", cpu: "8", unschedulable: true))
        let info = cache.nodeInfo(named: "a")
        #expect(info?.allocatable.milliCPU == 8000)
        #expect(info?.unschedulable == true)
        #expect(info?.usage.requested.milliCPU == 1000)
    }

    @Test func removingAndReAddingANodeKeepsItsPods() {
        var cache = SchedulerCache()
        cache.updateNode(F.node("a"))
        cache.updateNode(F.node("b"))
        cache.updatePod(F.pod("x", requests: ["cpu": "1"], nodeName: "a"))
        cache.removeNode(named: "a")
        #expect(cache.nodeInfo(named: "a") == nil)
        #expect(cache.nodes.map(\.name) == ["b"])
        cache.updateNode(F.node("a"))
        #expect(cache.nodeInfo(named: "a")?.usage.requested.milliCPU == 1000)
        cache.removePod(ObjectKey(namespace: "default", name: "x"))
        #expect(cache.nodeInfo(named: "a")?.usage == SchedulerNodeUsage())
    }

    @Test func finishedAndDeletedPodsFreeTheirShare() {
        var cache = SchedulerCache()
        cache.updateNode(F.node("a"))
        cache.updatePod(F.pod("job", requests: ["cpu": "1"], nodeName: "a", phase: "Running"))
        cache.updatePod(F.pod("web", requests: ["cpu": "2"], nodeName: "a", phase: "Running"))
        cache.updatePod(F.pod("job", requests: ["cpu": "1"], nodeName: "a", phase: "Succeeded"))
        #expect(cache.nodeInfo(named: "a")?.usage.requested.milliCPU == 2000)
        cache.removePod(F.pod("web"))
        #expect(cache.nodeInfo(named: "a")?.usage == SchedulerNodeUsage())
        #expect(cache.boundPodCount == 0)
    }

    @Test func aChangedPodReplacesItsShare() {
        var cache = SchedulerCache()
        cache.updateNode(F.node("a"))
        cache.updateNode(F.node("b"))
        cache.updatePod(F.pod("x", requests: ["cpu": "1"], nodeName: "a"))
        cache.updatePod(F.pod("x", requests: ["cpu": "3"], nodeName: "b"))
        #expect(cache.nodeInfo(named: "a")?.usage == SchedulerNodeUsage())
        #expect(cache.nodeInfo(named: "b")?.usage.requested.milliCPU == 3000)
    }

    @Test func assumedPodsCountUntilForgottenAndSurviveStaleUnboundEvents() {
        var cache = SchedulerCache()
        cache.updateNode(F.node("a", cpu: "1"))
        let pod = F.pod("x", requests: ["cpu": "1"])
        #expect(cache.schedule(pod).nodeName == "a")
        cache.assume(pod, onNode: "a")
        #expect(cache.nodeInfo(named: "a")?.usage.requested.milliCPU == 1000)

        // An older, unbound version of the pod (say, our own condition patch) must not undo the assumption.
        cache.updatePod(pod)
        #expect(cache.nodeInfo(named: "a")?.usage.podCount == 1)
        #expect(cache.schedule(F.pod("y", requests: ["cpu": "1"])).unschedulableMessage != nil)

        cache.forget(ObjectKey(namespace: "default", name: "x"))
        #expect(cache.nodeInfo(named: "a")?.usage == SchedulerNodeUsage())
    }

    @Test func theBindingEventConfirmsAnAssumedPod() {
        var cache = SchedulerCache()
        cache.updateNode(F.node("a"))
        let pod = F.pod("x", requests: ["cpu": "1"])
        cache.assume(pod, onNode: "a")
        cache.updatePod(F.pod("x", requests: ["cpu": "1"], nodeName: "a"))
        cache.forget(ObjectKey(namespace: "default", name: "x"))  // too late: it is bound now
        #expect(cache.nodeInfo(named: "a")?.usage.requested.milliCPU == 1000)
        cache.updatePod(F.pod("x", requests: ["cpu": "1"]))  // an unbound version now means it was unbound
        #expect(cache.nodeInfo(named: "a")?.usage == SchedulerNodeUsage())
    }

    @Test func assumingEachDecisionSpreadsEqualPodsEvenly() {
        var cache = SchedulerCache()
        for index in 0..<10 { cache.updateNode(F.node("node-\(index)", cpu: "4", memory: "8Gi")) }
        var placements: [String: Int] = [:]
        for index in 0..<40 {
            let pod = F.pod("p-\(index)", requests: ["cpu": "500m", "memory": "512Mi"])
            guard let node = cache.schedule(pod).nodeName else {
                Issue.record("pod \(index) was not scheduled")
                return
            }
            cache.assume(pod, onNode: node)
            placements[node, default: 0] += 1
        }
        #expect(placements.count == 10)
        #expect(placements.values.allSatisfy { $0 == 4 })
        // 10 nodes × 4 cpu hold 80 such pods; the 81st does not fit.
        for index in 40..<80 {
            let pod = F.pod("p-\(index)", requests: ["cpu": "500m", "memory": "512Mi"])
            if let node = cache.schedule(pod).nodeName { cache.assume(pod, onNode: node) }
        }
        #expect(
            cache.schedule(F.pod("p-80", requests: ["cpu": "500m"])).unschedulableMessage
                == "0/10 nodes are available: 10 Insufficient cpu. preemption: 0/10 nodes are available: 10 No preemption victims found for incoming pod."
        )
    }

    @Test func samplingStopsAtTheFeasibleNodesItNeedsAndRotates() {
        var cache = SchedulerCache(sampling: .percentage(10))
        func padded(_ index: Int) -> String { String(String(index + 10000).dropFirst()) }
        for index in 0..<1000 { cache.updateNode(F.node("node-\(padded(index))")) }
        let first = cache.schedule(F.pod())
        #expect(first.feasibleNodes == 100)
        #expect(first.evaluatedNodes == 100)
        #expect(first.nodeName == "node-0000")
        #expect(cache.nextStartIndex == 100)
        #expect(cache.schedule(F.pod()).nodeName == "node-0100")
    }

    @Test(arguments: [
        (SchedulerNodeSampling.allNodes, 5000, 5000), (.adaptive, 50, 50), (.adaptive, 1000, 420),
        (.adaptive, 5000, 500), (.adaptive, 6000, 300), (.adaptive, 200, 100), (.percentage(100), 300, 300),
    ])
    func feasibleNodesToFind(sampling: SchedulerNodeSampling, nodes: Int, expected: Int) {
        #expect(sampling.feasibleNodesToFind(among: nodes) == expected)
    }
}
