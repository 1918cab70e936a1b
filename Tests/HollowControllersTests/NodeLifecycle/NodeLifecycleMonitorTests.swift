import HollowModel
import Testing

@testable import HollowControllers

/// The health state machine, pass by pass, re-expressing kube's TestMonitorNodeHealthUpdateStatus and
/// TestMonitorNodeHealthUpdateNodeAndPodStatusWithLease with a fixed clock.
@Suite struct NodeLifecycleMonitorTests {
    typealias F = NodeLifecycleFixtures
    typealias Taint = NodeLifecycle.Taint

    /// One monitor pass: the node (and lease) the informers hold at `now + elapsed`.
    struct Pass: Sendable {
        var elapsed: Duration
        var node: Node
        var lease: Lease? = nil
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let passes: [Pass]
        /// What the last pass should write.
        var conditions: [JSON]? = nil
        var taints: [Taint]? = nil
        var markPodsNotReady = false
        var testDescription: String { name }
    }

    static let ready = NodeLifecycle.ConditionType.ready
    static let memory = NodeLifecycle.ConditionType.memoryPressure
    static let disk = NodeLifecycle.ConditionType.diskPressure
    static let pid = NodeLifecycle.ConditionType.pidPressure

    static let readyNode = F.node(conditions: [F.ready("True", heartbeat: F.now)])

    static let cases: [Case] = [
        Case(
            name: "node created long ago that never posted status gets NodeStatusNeverUpdated conditions",
            passes: [Pass(elapsed: .zero, node: F.node())],
            conditions: [
                F.neverUpdated(ready, transition: F.now), F.neverUpdated(memory, transition: F.now),
                F.neverUpdated(disk, transition: F.now), F.neverUpdated(pid, transition: F.now),
            ],
            taints: [
                Taint(key: NodeLifecycle.unreachableTaintKey, effect: .noSchedule, timeAdded: F.now),
                .unreachable(timeAdded: F.now),
            ]),
        Case(
            name: "node created recently without status is left alone within the startup grace period",
            passes: [Pass(elapsed: .zero, node: F.node(created: F.at(-30)))]),
        Case(
            name: "startup grace period still running at exactly 60 s",
            passes: [
                Pass(elapsed: .zero, node: F.node(created: F.now)),
                Pass(elapsed: .seconds(60), node: F.node(created: F.now)),
            ]),
        Case(
            name: "startup grace period over after 61 s",
            passes: [
                Pass(elapsed: .zero, node: F.node(created: F.now)),
                Pass(elapsed: .seconds(61), node: F.node(created: F.now)),
            ],
            conditions: [
                F.neverUpdated(ready, created: F.now, transition: F.at(61)),
                F.neverUpdated(memory, created: F.now, transition: F.at(61)),
                F.neverUpdated(disk, created: F.now, transition: F.at(61)),
                F.neverUpdated(pid, created: F.now, transition: F.at(61)),
            ],
            taints: [
                Taint(key: NodeLifecycle.unreachableTaintKey, effect: .noSchedule, timeAdded: F.at(61)),
                .unreachable(timeAdded: F.at(61)),
            ]),
        Case(
            name: "node without status renewing its lease is left alone",
            passes: [
                Pass(elapsed: .zero, node: F.node(), lease: F.lease(renewed: F.now)),
                Pass(elapsed: .seconds(3600), node: F.node(), lease: F.lease(renewed: F.at(3600))),
            ]),
        Case(
            name: "Ready node silent past the grace period goes Unknown",
            passes: [
                Pass(elapsed: .zero, node: readyNode),
                Pass(elapsed: .seconds(3600), node: readyNode),
            ],
            conditions: [
                F.unknown(ready, heartbeat: F.now, transition: F.at(3600)),
                F.neverUpdated(memory, transition: F.at(3600)),
                F.neverUpdated(disk, transition: F.at(3600)),
                F.neverUpdated(pid, transition: F.at(3600)),
            ],
            taints: [
                Taint(key: NodeLifecycle.unreachableTaintKey, effect: .noSchedule, timeAdded: F.at(3600)),
                .unreachable(timeAdded: F.at(3600)),
            ],
            markPodsNotReady: true),
        Case(
            name: "Ready node stays Ready at exactly the 40 s grace period",
            passes: [
                Pass(elapsed: .zero, node: readyNode),
                Pass(elapsed: .seconds(40), node: readyNode),
            ]),
        Case(
            name: "Ready node goes Unknown 41 s after the last heartbeat the controller saw",
            passes: [
                Pass(elapsed: .zero, node: readyNode),
                Pass(elapsed: .seconds(41), node: readyNode),
            ],
            conditions: [
                F.unknown(ready, heartbeat: F.now, transition: F.at(41)),
                F.neverUpdated(memory, transition: F.at(41)),
                F.neverUpdated(disk, transition: F.at(41)),
                F.neverUpdated(pid, transition: F.at(41)),
            ],
            taints: [
                Taint(key: NodeLifecycle.unreachableTaintKey, effect: .noSchedule, timeAdded: F.at(41)),
                .unreachable(timeAdded: F.at(41)),
            ],
            markPodsNotReady: true),
        Case(
            name: "Ready node posting heartbeats stays Ready",
            passes: [
                Pass(elapsed: .zero, node: readyNode),
                Pass(elapsed: .seconds(30), node: F.node(conditions: [F.ready("True", heartbeat: F.at(30))])),
                Pass(
                    elapsed: .seconds(60),
                    node: F.node(conditions: [F.ready("True", heartbeat: F.at(60), transition: F.now)])),
            ]),
        Case(
            name: "lease renewals keep a node Ready whose status heartbeat is old",
            passes: [
                Pass(elapsed: .zero, node: readyNode, lease: F.lease(renewed: F.now)),
                Pass(elapsed: .seconds(30), node: readyNode, lease: F.lease(renewed: F.at(30))),
                Pass(elapsed: .seconds(60), node: readyNode, lease: F.lease(renewed: F.at(60))),
            ]),
        Case(
            name: "a lease that stops renewing no longer counts",
            passes: [
                Pass(elapsed: .zero, node: readyNode, lease: F.lease(renewed: F.now)),
                Pass(elapsed: .seconds(30), node: readyNode, lease: F.lease(renewed: F.at(30))),
                Pass(elapsed: .seconds(71), node: readyNode, lease: F.lease(renewed: F.at(30))),
            ],
            conditions: [
                F.unknown(ready, heartbeat: F.now, transition: F.at(71)),
                F.neverUpdated(memory, transition: F.at(71)),
                F.neverUpdated(disk, transition: F.at(71)),
                F.neverUpdated(pid, transition: F.at(71)),
            ],
            taints: [
                Taint(key: NodeLifecycle.unreachableTaintKey, effect: .noSchedule, timeAdded: F.at(71)),
                .unreachable(timeAdded: F.at(71)),
            ],
            markPodsNotReady: true),
        Case(
            name: "the controller's clock counts, not the node's: an old heartbeat first seen now gets a grace period",
            passes: [Pass(elapsed: .zero, node: F.node(conditions: [F.ready("True", heartbeat: F.at(-7200))]))]),
        Case(
            name: "every kubelet condition goes Unknown; one already Unknown keeps its reason",
            passes: [
                Pass(elapsed: .zero, node: fullNode),
                Pass(elapsed: .seconds(50), node: fullNode),
            ],
            conditions: [
                F.unknown(ready, heartbeat: F.now, transition: F.at(50)),
                F.unknown(memory, heartbeat: F.now, transition: F.at(50)),
                F.unknown(disk, heartbeat: F.now, transition: F.at(50)),
                F.condition(pid, "Unknown", heartbeat: F.now, transition: F.at(-5), reason: "PIDUnknown"),
                F.condition(
                    NodeLifecycle.ConditionType.networkUnavailable, "False", heartbeat: F.now, transition: F.now),
            ],
            taints: [
                Taint(key: NodeLifecycle.unreachableTaintKey, effect: .noSchedule, timeAdded: F.at(50)),
                .unreachable(timeAdded: F.at(50)),
            ],
            markPodsNotReady: true),
        Case(
            name: "Ready False from the kubelet gets the not-ready taints and no condition change",
            passes: [Pass(elapsed: .zero, node: F.node(conditions: [F.ready("False", heartbeat: F.now)]))],
            taints: [
                Taint(key: NodeLifecycle.notReadyTaintKey, effect: .noSchedule, timeAdded: F.now),
                .notReady(timeAdded: F.now),
            ]),
        Case(
            name: "NotReady node going silent swaps not-ready for unreachable",
            passes: [
                Pass(elapsed: .zero, node: notReadyTaintedNode),
                Pass(elapsed: .seconds(41), node: notReadyTaintedNode),
            ],
            conditions: [
                F.unknown(ready, heartbeat: F.now, transition: F.at(41)),
                F.neverUpdated(memory, transition: F.at(41)),
                F.neverUpdated(disk, transition: F.at(41)),
                F.neverUpdated(pid, transition: F.at(41)),
            ],
            taints: [
                Taint(key: NodeLifecycle.unreachableTaintKey, effect: .noSchedule, timeAdded: F.at(41)),
                .unreachable(timeAdded: F.at(41)),
            ]),
        Case(
            name: "Unknown node whose kubelet posts Ready again loses its taints and keeps the kubelet's conditions",
            passes: [
                Pass(elapsed: .zero, node: unreachableNode()),
                Pass(elapsed: .seconds(10), node: unreachableNode(kubeletBackAt: F.at(10))),
            ],
            taints: [userTaint]),
        Case(
            name: "Unknown node seen again with the same Unknown conditions changes nothing",
            passes: [
                Pass(elapsed: .zero, node: unreachableNode()), Pass(elapsed: .seconds(30), node: unreachableNode()),
            ]),
    ]

    /// A node posting all four kubelet conditions and NetworkUnavailable.
    static let fullNode = F.node(conditions: [
        F.ready("True", heartbeat: F.now),
        F.condition(memory, "False", heartbeat: F.now, transition: F.now, reason: "KubeletHasSufficientMemory"),
        F.condition(disk, "False", heartbeat: F.now, transition: F.now, reason: "KubeletHasNoDiskPressure"),
        F.condition(pid, "Unknown", heartbeat: F.now, transition: F.at(-5), reason: "PIDUnknown"),
        F.condition(NodeLifecycle.ConditionType.networkUnavailable, "False", heartbeat: F.now, transition: F.now),
    ])

    static let notReadyTaintedNode = F.node(
        conditions: [F.ready("False", heartbeat: F.now)],
        taints: [
            Taint(key: NodeLifecycle.notReadyTaintKey, effect: .noSchedule, timeAdded: F.at(-100)),
            .notReady(timeAdded: F.at(-100)),
        ])

    static let userTaint = Taint(key: "dedicated", value: "gpu", effect: .noSchedule)

    /// A node the controller marked unreachable an hour ago, with a user's taint; or, `kubeletBackAt`, the same
    /// node once its kubelet has posted fresh conditions again.
    static func unreachableNode(kubeletBackAt: Timestamp? = nil) -> Node {
        let conditions: [JSON] =
            if let back = kubeletBackAt {
                [
                    F.ready("True", heartbeat: back),
                    F.condition(memory, "False", heartbeat: back, transition: back),
                    F.condition(disk, "False", heartbeat: back, transition: back),
                    F.condition(pid, "False", heartbeat: back, transition: back),
                ]
            } else {
                [
                    F.unknown(ready, heartbeat: F.at(-3640), transition: F.at(-3600)),
                    F.neverUpdated(memory, transition: F.at(-3600)),
                    F.neverUpdated(disk, transition: F.at(-3600)),
                    F.neverUpdated(pid, transition: F.at(-3600)),
                ]
            }
        return F.node(
            conditions: conditions,
            taints: [
                userTaint,
                Taint(key: NodeLifecycle.unreachableTaintKey, effect: .noSchedule, timeAdded: F.at(-3600)),
                .unreachable(timeAdded: F.at(-3600)),
            ])
    }

    @Test(arguments: cases)
    func monitorPassWritesWhatKubeWrites(_ testCase: Case) throws {
        var monitor = NodeLifecycleMonitor()
        var update = NodeLifecycleUpdate(nodeName: "")
        for (index, pass) in testCase.passes.enumerated() {
            update = monitor.monitor(pass.node, lease: pass.lease, now: F.now.adding(pass.elapsed))
            if index < testCase.passes.count - 1 {
                #expect(update.conditions == nil, "pass \(index) changed conditions early")
            }
        }
        #expect(update.conditions == testCase.conditions)
        #expect(update.taints == testCase.taints)
        #expect(update.markPodsNotReady == testCase.markPodsNotReady)
    }

    @Test(arguments: cases)
    func secondPassOverTheResultChangesNothing(_ testCase: Case) throws {
        var monitor = NodeLifecycleMonitor()
        var update = NodeLifecycleUpdate(nodeName: "")
        let last = try #require(testCase.passes.last)
        for pass in testCase.passes {
            update = monitor.monitor(pass.node, lease: pass.lease, now: F.now.adding(pass.elapsed))
        }
        let written = update.applied(to: last.node)
        let again = monitor.monitor(written, lease: last.lease, now: F.now.adding(last.elapsed))
        #expect(again.isEmpty)
        #expect(!again.markPodsNotReady)
        // Still nothing a monitor period later for a node the controller already marked Unknown.
        if update.conditions != nil {
            let later = monitor.monitor(written, lease: last.lease, now: F.now.adding(last.elapsed + .seconds(5)))
            #expect(later.isEmpty)
        }
    }

    @Test func updateAppliesConditionsAndTaintsToTheNode() throws {
        var monitor = NodeLifecycleMonitor()
        _ = monitor.monitor(Self.readyNode, lease: nil, now: F.now)
        let update = monitor.monitor(Self.readyNode, lease: nil, now: F.at(41))
        let node = update.applied(to: Self.readyNode)
        #expect(NodeLifecycle.readyStatus(of: node) == "Unknown")
        #expect(NodeLifecycle.taints(of: node) == update.taints)
        #expect(node.object[path: ["status", "capacity"]] == Self.readyNode.object[path: ["status", "capacity"]])
        let patch = try #require(update.taintsPatch(resourceVersion: "7"))
        #expect(
            patch.serializedString
                == #"{"metadata":{"resourceVersion":"7"},"spec":{"taints":[{"key":"node.kubernetes.io/unreachable","effect":"NoSchedule","timeAdded":"2015-01-01T12:00:41Z"},{"key":"node.kubernetes.io/unreachable","effect":"NoExecute","timeAdded":"2015-01-01T12:00:41Z"}]}}"#
        )
    }

    @Test func gracePeriodsAreConfigurable() {
        var monitor = NodeLifecycleMonitor(
            configuration: .init(nodeMonitorGracePeriod: .seconds(10), nodeStartupGracePeriod: .seconds(20)))
        _ = monitor.monitor(Self.readyNode, lease: nil, now: F.now)
        #expect(monitor.monitor(Self.readyNode, lease: nil, now: F.at(10)).isEmpty)
        #expect(monitor.monitor(Self.readyNode, lease: nil, now: F.at(11)).currentReadyStatus == "Unknown")

        let fresh = F.node("node1", created: F.now)
        #expect(monitor.monitor(fresh, lease: nil, now: F.at(20)).isEmpty)
        #expect(monitor.monitor(fresh, lease: nil, now: F.at(21)).currentReadyStatus == "Unknown")
    }

    @Test func forgettingANodeStartsItsClockAgain() {
        var monitor = NodeLifecycleMonitor()
        _ = monitor.monitor(Self.readyNode, lease: nil, now: F.now)
        monitor.forget(nodeName: "node0")
        #expect(monitor.nodes["node0"] == nil)
        #expect(monitor.monitor(Self.readyNode, lease: nil, now: F.at(41)).isEmpty)
    }

    @Test func resettingProbeTimestampsGivesEveryNodeAFreshGracePeriod() {
        var monitor = NodeLifecycleMonitor()
        _ = monitor.monitor(Self.readyNode, lease: nil, now: F.now)
        monitor.resetProbeTimestamps(now: F.at(30))
        #expect(monitor.monitor(Self.readyNode, lease: nil, now: F.at(70)).isEmpty)
        #expect(monitor.monitor(Self.readyNode, lease: nil, now: F.at(71)).currentReadyStatus == "Unknown")
    }
}
