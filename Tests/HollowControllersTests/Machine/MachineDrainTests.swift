import HollowModel
import Testing

@testable import HollowControllers

/// One drain pass, as `kubectl drain --force --ignore-daemonsets --delete-emptydir-data` decides it for the
/// machine-api-operator's drain controller, with its handling of unreachable nodes.
@Suite struct MachineDrainTests {
    typealias F = MachineControllerFixtures

    @Test func aSchedulableNodeIsCordonedAndItsPodsEvicted() {
        let plan = MachineDrain.plan(
            node: F.node(ready: "True"), pods: [F.pod("web", ownerKind: "ReplicaSet"), F.pod("bare")], now: F.now)
        #expect(plan.cordon)
        #expect(plan.evict.map(\.name) == ["web", "bare"])
        #expect(plan.gracePeriodSeconds == nil)
        #expect(!plan.isDrained)
    }

    @Test func daemonSetAndMirrorPodsAreLeftAlone() {
        let plan = MachineDrain.plan(
            node: F.node(ready: "True", unschedulable: true),
            pods: [F.pod("agent", ownerKind: "DaemonSet"), F.pod("etcd-node", mirror: true)], now: F.now)
        #expect(!plan.cordon)
        #expect(plan.evict.isEmpty)
        #expect(plan.skipped.map(\.name) == ["agent", "etcd-node"])
        #expect(plan.isDrained)
    }

    @Test func podsOnOtherNodesAreNotTouched() {
        let plan = MachineDrain.plan(
            node: F.node(unschedulable: true), pods: [F.pod("elsewhere", on: "other")], now: F.now)
        #expect(plan.evict.isEmpty && plan.waitFor.isEmpty && plan.skipped.isEmpty)
        #expect(plan.isDrained)
    }

    @Test func terminatingPodsAreWaitedFor() {
        let plan = MachineDrain.plan(
            node: F.node(ready: "True", unschedulable: true), pods: [F.pod("stopping", deletedAgo: .seconds(600))],
            now: F.now)
        #expect(plan.waitFor.map(\.name) == ["stopping"])
        #expect(!plan.isDrained)
    }

    /// `nodeIsUnreachable`: no kubelet will confirm the pods gone, so evictions get a 1 s grace period and pods
    /// terminating for longer than that are not waited for.
    @Test func onAnUnreachableNodeLongTerminatingPodsAreSkipped() {
        let plan = MachineDrain.plan(
            node: F.node(ready: "Unknown", unschedulable: true),
            pods: [F.pod("stuck", deletedAgo: .seconds(5)), F.pod("fresh", deletedAgo: .zero), F.pod("running")],
            now: F.now)
        #expect(plan.gracePeriodSeconds == 1)
        #expect(plan.skipped.map(\.name) == ["stuck"])
        #expect(plan.waitFor.map(\.name) == ["fresh"])
        #expect(plan.evict.map(\.name) == ["running"])
    }

    @Test(arguments: [
        ("True", false), ("False", false), ("Unknown", true),
    ])
    func unreachableMeansReadyUnknown(ready: String, unreachable: Bool) {
        #expect(MachineDrain.isUnreachable(F.node(ready: ready)) == unreachable)
    }

    @Test(arguments: [
        ("no timeout: wait as long as it takes", Int64?.none, Int64(3600), false),
        ("within the timeout", Int64?.some(60), Int64(30), false),
        ("past the timeout", Int64?.some(60), Int64(61), true),
    ])
    func drainTimeout(name: String, timeoutSeconds: Int64?, elapsedSeconds: Int64, timedOut: Bool) {
        let started = F.now
        let now = F.now.adding(.seconds(elapsedSeconds))
        #expect(
            MachineDrain.hasTimedOut(started: started, timeout: timeoutSeconds.map { .seconds($0) }, now: now)
                == timedOut)
    }

    @Test func aNeverStartedDrainHasNotTimedOut() {
        #expect(!MachineDrain.hasTimedOut(started: nil, timeout: .seconds(1), now: F.now))
    }

    @Test func theEvictionIsAPolicyV1Eviction() {
        let eviction = MachineDrain.eviction(for: F.pod("web"), gracePeriodSeconds: 1)
        #expect(eviction["apiVersion"] == "policy/v1")
        #expect(eviction["kind"] == "Eviction")
        #expect(eviction[path: ["metadata", "name"]] == "web")
        #expect(eviction[path: ["metadata", "namespace"]] == "default")
        #expect(eviction[path: ["deleteOptions", "gracePeriodSeconds"]] == 1)
        #expect(MachineDrain.eviction(for: F.pod("web"), gracePeriodSeconds: nil)["deleteOptions"] == nil)
    }

    @Test func theMachineMayCarryItsOwnDrainTimeout() {
        var machine = F.machine()
        #expect(machine.nodeDrainTimeout == nil)
        machine.object[path: ["spec", "nodeDrainTimeout"]] = "1m30s"
        #expect(machine.nodeDrainTimeout == .seconds(90))
        machine.object[path: ["spec", "nodeDrainTimeout"]] = "soon"
        #expect(machine.nodeDrainTimeout == nil)
    }
}
