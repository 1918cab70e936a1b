import HollowModel
import Testing

@testable import HollowControllers

private typealias F = SchedulerFixtures

struct SchedulerScoringTests {
    struct ScoreCase: Sendable, CustomTestStringConvertible {
        var name: String
        var pod: Pod
        var nodes: [Node]
        var bound: [Pod] = []
        var scores: [Int64]
        var testDescription: String { name }

        func infos() -> [SchedulerNodeInfo] {
            nodes.map { node in SchedulerNodeInfo(node: node, boundPods: bound.filter { $0.nodeName == node.name }) }
        }
    }

    /// kube's `st.MakePod().Req(…)`: one container per request list.
    static func pod(_ requests: [String: String]..., nodeName: String? = nil) -> Pod {
        F.pod(containers: requests.map { F.container(requests: $0) }, nodeName: nodeName)
    }

    // TestLeastAllocatedScoringStrategy (least_allocated_test.go), node sizes in whole cpus as there.
    static let leastAllocatedCases: [ScoreCase] = [
        ScoreCase(
            name: "nothing scheduled, nothing requested", pod: pod(),
            nodes: [F.node("node1", cpu: "4000", memory: "10000"), F.node("node2", cpu: "4000", memory: "10000")],
            scores: [100, 100]),
        ScoreCase(
            name: "nothing scheduled, resources requested, differently sized nodes",
            pod: pod(["cpu": "1000", "memory": "2000"], ["cpu": "2000", "memory": "3000"]),
            nodes: [F.node("node1", cpu: "4000", memory: "10000"), F.node("node2", cpu: "6000", memory: "10000")],
            scores: [37, 50]),
        ScoreCase(
            name: "no resources requested, pods scheduled with resources", pod: pod(),
            nodes: [F.node("node1", cpu: "10000", memory: "20000"), F.node("node2", cpu: "10000", memory: "20000")],
            bound: [
                pod(["cpu": "3000", "memory": "0"], nodeName: "node1"),
                pod(["cpu": "3000", "memory": "0"], nodeName: "node1"),
                pod(["cpu": "3000", "memory": "0"], nodeName: "node2"),
                pod(["cpu": "3000", "memory": "5000"], nodeName: "node2"),
            ],
            scores: [70, 57]),
        ScoreCase(
            name: "resources requested, pods scheduled with resources",
            pod: pod(["cpu": "1000", "memory": "2000"], ["cpu": "2000", "memory": "3000"]),
            nodes: [F.node("node1", cpu: "10000", memory: "20000"), F.node("node2", cpu: "10000", memory: "20000")],
            bound: [
                pod(["cpu": "3000", "memory": "0"], nodeName: "node1"),
                pod(["cpu": "3000", "memory": "5000"], nodeName: "node2"),
            ],
            scores: [57, 45]),
        ScoreCase(
            name: "resources requested, pods scheduled with resources, differently sized nodes",
            pod: pod(["cpu": "1000", "memory": "2000"], ["cpu": "2000", "memory": "3000"]),
            nodes: [F.node("node1", cpu: "10000", memory: "20000"), F.node("node2", cpu: "10000", memory: "50000")],
            bound: [
                pod(["cpu": "3000", "memory": "0"], nodeName: "node1"),
                pod(["cpu": "3000", "memory": "5000"], nodeName: "node2"),
            ],
            scores: [57, 60]),
        ScoreCase(
            name: "requested resources exceed node capacity", pod: pod(["cpu": "3000", "memory": "0"]),
            nodes: [F.node("node1", cpu: "4000", memory: "10000"), F.node("node2", cpu: "4000", memory: "10000")],
            bound: [
                pod(["cpu": "3000", "memory": "0"], nodeName: "node1"),
                pod(["cpu": "3000", "memory": "5000"], nodeName: "node2"),
            ],
            scores: [50, 25]),
        ScoreCase(
            name: "zero node resources, pods scheduled with resources", pod: pod(),
            nodes: [F.node("node1", cpu: "0", memory: "0"), F.node("node2", cpu: "0", memory: "0")],
            bound: [
                pod(["cpu": "3000", "memory": "0"], nodeName: "node1"),
                pod(["cpu": "3000", "memory": "5000"], nodeName: "node2"),
            ],
            scores: [0, 0]),
    ]

    @Test(arguments: leastAllocatedCases)
    func leastAllocated(_ testCase: ScoreCase) {
        let pod = SchedulerPodRequirements(testCase.pod)
        #expect(
            testCase.infos().map { SchedulerScoring.leastAllocated(pod, ResourceScoreInputs($0)) }
                == testCase.scores)
    }

    // TestNodeResourcesBalancedAllocation (balanced_allocation_test.go), node sizes in millicores as there.
    static let cpuOnly = pod(["cpu": "1000m", "memory": "0"], ["cpu": "2000m", "memory": "0"])
    static let cpuAndMemory = pod(["cpu": "1000m", "memory": "2000"], ["cpu": "2000m", "memory": "3000"])
    static let balancedCases: [ScoreCase] = [
        ScoreCase(
            name: "nothing scheduled, resources requested, differently sized nodes", pod: cpuAndMemory,
            nodes: [F.node("node1", cpu: "4000m", memory: "10000"), F.node("node2", cpu: "6000m", memory: "10000")],
            scores: [87, 100]),
        ScoreCase(
            name: "resources requested, pods scheduled with resources", pod: cpuAndMemory,
            nodes: [F.node("node1", cpu: "10000m", memory: "20000"), F.node("node2", cpu: "10000m", memory: "20000")],
            bound: [placed(cpuOnly, on: "node1"), placed(cpuAndMemory, on: "node2")],
            scores: [82, 95]),
        ScoreCase(
            name: "resources requested, pods scheduled with resources, differently sized nodes", pod: cpuAndMemory,
            nodes: [F.node("node1", cpu: "10000m", memory: "20000"), F.node("node2", cpu: "10000m", memory: "50000")],
            bound: [placed(cpuOnly, on: "node1"), placed(cpuAndMemory, on: "node2")],
            scores: [82, 80]),
        ScoreCase(
            name: "requested resources at node capacity", pod: cpuOnly,
            nodes: [F.node("node1", cpu: "6000m", memory: "10000"), F.node("node2", cpu: "6000m", memory: "10000")],
            bound: [placed(cpuOnly, on: "node1"), placed(cpuAndMemory, on: "node2")],
            scores: [50, 75]),
    ]

    static func placed(_ pod: Pod, on nodeName: String) -> Pod {
        var pod = pod
        pod.nodeName = nodeName
        return pod
    }

    @Test(arguments: balancedCases)
    func balancedAllocation(_ testCase: ScoreCase) {
        let pod = SchedulerPodRequirements(testCase.pod)
        #expect(
            testCase.infos().map {
                SchedulerScoring.balancedAllocation(pod, ResourceScoreInputs($0))
            } == testCase.scores)
    }

    @Test func defaultNormalizeScore() {
        var scores: [Int64] = [2, 4, 0]
        SchedulerScoring.normalize(&scores, reverse: false)
        #expect(scores == [50, 100, 0])
        var reversed: [Int64] = [2, 4, 0]
        SchedulerScoring.normalize(&reversed, reverse: true)
        #expect(reversed == [50, 0, 100])
        var zeros: [Int64] = [0, 0]
        SchedulerScoring.normalize(&zeros, reverse: true)
        #expect(zeros == [100, 100])
    }

    @Test func theLeastAllocatedNodeWins() {
        let nodes = [
            SchedulerNodeInfo(
                node: F.node("busy"),
                boundPods: [F.pod("a", requests: ["cpu": "3", "memory": "8Gi"], nodeName: "busy")]
            ),
            SchedulerNodeInfo(
                node: F.node("idle"),
                boundPods: [F.pod("b", requests: ["cpu": "500m", "memory": "1Gi"], nodeName: "idle")]
            ),
            SchedulerNodeInfo(
                node: F.node("half"),
                boundPods: [F.pod("c", requests: ["cpu": "2", "memory": "8Gi"], nodeName: "half")]
            ),
        ]
        let decision = SchedulerAlgorithm.schedule(
            pod: F.pod(requests: ["cpu": "500m", "memory": "1Gi"]), nodes: nodes)
        #expect(decision.outcome == .bind(nodeName: "idle"))
        #expect(decision.feasibleNodes == 3)
        #expect(decision.evaluatedNodes == 3)
    }

    @Test func tiesGoToTheFirstNodeName() {
        let nodes = ["node-c", "node-a", "node-b"].map { SchedulerNodeInfo(node: F.node($0)) }
        #expect(SchedulerAlgorithm.schedule(pod: F.pod(), nodes: nodes).nodeName == "node-a")
    }

    @Test func aLargerNodeWinsForTheSameLoad() {
        let nodes = [
            SchedulerNodeInfo(node: F.node("small", cpu: "2")), SchedulerNodeInfo(node: F.node("large", cpu: "8")),
        ]
        #expect(SchedulerAlgorithm.schedule(pod: F.pod(requests: ["cpu": "1"]), nodes: nodes).nodeName == "large")
    }

    @Test func preferNoScheduleTaintsAreAvoided() {
        let nodes = [
            SchedulerNodeInfo(
                node: F.node("a-spot", taints: [SchedulerTaint(key: "spot", effect: "PreferNoSchedule")])),
            SchedulerNodeInfo(node: F.node("b-regular")),
        ]
        #expect(SchedulerAlgorithm.schedule(pod: F.pod(), nodes: nodes).nodeName == "b-regular")
        let tolerating = F.pod(spec: ["tolerations": [F.toleration(key: "spot", operator: "Exists")]])
        #expect(SchedulerAlgorithm.schedule(pod: tolerating, nodes: nodes).nodeName == "a-spot")
    }

    @Test func preferredNodeAffinityOutweighsLoad() {
        let nodes = [
            SchedulerNodeInfo(
                node: F.node("a-ssd", labels: ["disk": "ssd"]),
                boundPods: [F.pod("x", requests: ["cpu": "2", "memory": "8Gi"], nodeName: "a-ssd")]),
            SchedulerNodeInfo(node: F.node("b-hdd", labels: ["disk": "hdd"])),
        ]
        let preferring = F.pod(spec: [
            "affinity": [
                "nodeAffinity": [
                    "preferredDuringSchedulingIgnoredDuringExecution": [
                        ["weight": 50, "preference": F.term(expressions: [F.expression("disk", "In", ["ssd"])])]
                    ]
                ]
            ]
        ])
        #expect(SchedulerAlgorithm.schedule(pod: F.pod(), nodes: nodes).nodeName == "b-hdd")
        #expect(SchedulerAlgorithm.schedule(pod: preferring, nodes: nodes).nodeName == "a-ssd")
    }

    @Test func onlyFeasibleNodesAreScored() {
        let nodes = [
            SchedulerNodeInfo(node: F.node("a-tainted", cpu: "64", taints: [F.controlPlaneTaint])),
            SchedulerNodeInfo(node: F.node("b-small", cpu: "2")),
        ]
        let decision = SchedulerAlgorithm.schedule(pod: F.pod(requests: ["cpu": "1"]), nodes: nodes)
        #expect(
            decision == SchedulingDecision(outcome: .bind(nodeName: "b-small"), evaluatedNodes: 2, feasibleNodes: 1))
    }
}
