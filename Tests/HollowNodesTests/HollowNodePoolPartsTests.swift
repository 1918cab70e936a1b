import HollowModel
import Testing

@testable import HollowNodes

struct HollowTimerQueueTests {
    let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600)

    @Test func keysComeDueInOrderAndTheEarlierTimeWins() {
        var queue = HollowTimerQueue<String>()
        let first = queue.schedule("b", at: t0.adding(.seconds(2)))
        let earlier = queue.schedule("a", at: t0.adding(.seconds(1)))
        let later = queue.schedule("b", at: t0.adding(.seconds(5)))
        #expect(first && earlier && !later)
        let next = queue.nextDue
        #expect(next == t0.adding(.seconds(1)))
        queue.promote(now: t0.adding(.seconds(2)))
        let taken = [queue.take()?.key, queue.take()?.key, queue.take()?.key]
        #expect(taken == ["a", "b", nil])
    }

    @Test func aKeyAskedForWhileProcessingComesBackAfterwards() {
        var queue = HollowTimerQueue<String>()
        queue.schedule("a", at: t0)
        queue.promote(now: t0)
        let taken = queue.take()?.key
        #expect(taken == "a")
        queue.schedule("a", at: t0.adding(.seconds(1)))
        let whileProcessing = queue.nextDue
        #expect(whileProcessing == nil)
        queue.done("a", next: t0.adding(.seconds(10)))
        let afterwards = queue.nextDue
        #expect(afterwards == t0.adding(.seconds(1)))
    }

    @Test func doneCanMoveAKeyLater() {
        var queue = HollowTimerQueue<String>()
        queue.schedule("a", at: t0)
        queue.promote(now: t0)
        _ = queue.take()
        queue.done("a", next: t0.adding(.seconds(10)))
        queue.promote(now: t0.adding(.seconds(9)))
        let early = queue.take()?.key
        queue.promote(now: t0.adding(.seconds(10)))
        let due = queue.take()?.key
        #expect(early == nil && due == "a")
    }

    @Test func urgentKeysDueNowGoBeforeEveryOtherKeyDueNow() {
        var queue = HollowTimerQueue<String>(isUrgent: { $0.hasPrefix("node") })
        queue.schedule("pod-1", at: t0)
        queue.schedule("pod-2", at: t0.adding(.seconds(1)))
        queue.schedule("node-a", at: t0.adding(.seconds(2)))
        queue.schedule("node-b", at: t0.adding(.seconds(9)))
        queue.promote(now: t0.adding(.seconds(3)))
        let taken = [queue.take()?.key, queue.take()?.key, queue.take()?.key, queue.take()?.key]
        #expect(taken == ["node-a", "pod-1", "pod-2", nil])
        #expect(queue.readyCount == 0 && queue.processingCount == 3)
    }
}

struct HollowAddressAllocatorTests {
    @Test func slotsMapToAddressesAndBack() {
        for slot in [0, 1, 253, 254, 255, 10_000, 49_151] {
            let ip = HollowAddressAllocator.internalIP(slot: slot)
            let cidr = HollowAddressAllocator.podCIDR(slot: slot)
            #expect(HollowAddressAllocator.slot(internalIP: ip) == slot, "\(ip)")
            #expect(HollowAddressAllocator.slot(podCIDR: cidr) == slot, "\(cidr)")
        }
        #expect(HollowAddressAllocator.internalIP(slot: 0) == "10.0.0.1")
        #expect(HollowAddressAllocator.podCIDR(slot: 0) == "10.64.0.0/24")
        #expect(HollowAddressAllocator.podCIDR(slot: 300) == "10.65.44.0/24")
    }

    @Test func theLowestFreeSlotIsHandedOutAndClaimedOnesAreSkipped() {
        var allocator = HollowAddressAllocator()
        allocator.claim("existing", slot: 1)
        let a = allocator.allocate("a"), b = allocator.allocate("b"), again = allocator.allocate("a")
        #expect([a, b, again] == [0, 2, 0])
        allocator.release("a")
        let c = allocator.allocate("c")
        #expect(c == 0)
    }

    @Test func podIPsComeFromThePodCIDR() throws {
        var ips = try #require(HollowPodIPAllocator(podCIDR: "10.64.3.0/24"))
        ips.claim("10.64.3.1")
        let first = ips.allocate(), second = ips.allocate()
        ips.release("10.64.3.2")
        let reused = ips.allocate()
        #expect([first, second, reused] == ["10.64.3.2", "10.64.3.3", "10.64.3.2"])
        var tiny = try #require(HollowPodIPAllocator(podCIDR: "10.0.0.0/30"))
        let all = [tiny.allocate(), tiny.allocate(), tiny.allocate()]
        #expect(all == ["10.0.0.1", "10.0.0.2", nil])
    }
}

struct HollowNodeTemplateTests {
    @Test func theNodeCarriesThePoolLabelAndTheConfigurationAsAnnotations() throws {
        var template = HollowNodeTemplate(name: "hollow-1", pool: "gpu", instanceType: "m5.large", zone: "zone-a")
        template.configuration.shape.cpu = Quantity(8)
        template.configuration.behavior.health = HollowNodeHealthSchedule(.periodic(healthy: .seconds(40), unhealthy: .seconds(5)))
        template.providerID = "kubemark://hollow-1"
        let node = template.node
        #expect(node.name == "hollow-1")
        #expect(node.metadata.labels == [
            "hollow.dev/pool": "gpu", "node.kubernetes.io/instance-type": "m5.large", "topology.kubernetes.io/zone": "zone-a",
        ])
        #expect(node.metadata.annotations == [
            "hollow.dev/cpu": "8", "hollow.dev/turn-unhealthy-periodically": "true", "hollow.dev/healthy-duration": "40s",
            "hollow.dev/unhealthy-duration": "5s",
        ])
        #expect(node.object[path: ["spec", "providerID"]] == "kubemark://hollow-1")
        #expect(try HollowNodeConfiguration(annotations: node.metadata.annotations) == template.configuration)
    }

    @Test func annotationPatchSetsAndRemovesKeys() {
        var old = HollowNodeConfiguration()
        old.behavior.podFailure = true
        var new = HollowNodeConfiguration()
        new.behavior.kubelet = .stopped
        #expect(HollowNodeTemplate.annotationPatch(from: old, to: new) == [
            "metadata": ["annotations": ["hollow.dev/kubelet": "stopped", "hollow.dev/pod-failure": nil]],
        ])
    }
}

struct HollowPodStatusTests {
    @Test func imagesAreReportedAsContainerdDoes() {
        #expect(HollowPodStatus.normalizedImage("nginx") == "docker.io/library/nginx:latest")
        #expect(HollowPodStatus.normalizedImage("nginx:1.27") == "docker.io/library/nginx:1.27")
        #expect(HollowPodStatus.normalizedImage("bitnami/redis") == "docker.io/bitnami/redis:latest")
        #expect(HollowPodStatus.normalizedImage("registry.k8s.io/pause:3.10") == "registry.k8s.io/pause:3.10")
        #expect(HollowPodStatus.normalizedImage("localhost:5000/app") == "localhost:5000/app:latest")
        #expect(HollowPodStatus.imageID("docker.io/library/nginx:1.27").hasPrefix("docker.io/library/nginx@sha256:"))
        #expect(HollowPodStatus.containerID(uid: "u", container: "c").count == "containerd://".count + 64)
    }
}
