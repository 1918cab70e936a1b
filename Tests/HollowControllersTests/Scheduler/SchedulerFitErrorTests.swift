import HollowModel
import Testing

@testable import HollowControllers

private typealias F = SchedulerFixtures

struct SchedulerFitErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var pod: Pod
        var nodes: [Node]
        var bound: [Pod] = []
        var message: String
        var testDescription: String { name }
    }

    static func nodes(
        _ count: Int, prefix: String, cpu: String = "4", taints: [SchedulerTaint] = [], labels: [String: String] = [:]
    ) -> [Node] {
        (0..<count).map { F.node("\(prefix)-\($0)", cpu: cpu, labels: labels, taints: taints) }
    }

    static let cases: [Case] = [
        Case(
            name: "no nodes", pod: F.pod(), nodes: [], message: "no nodes available to schedule pods"),
        Case(
            name: "cpu short everywhere, no lower-priority pods to evict",
            pod: F.pod(requests: ["cpu": "3"]), nodes: nodes(3, prefix: "w"),
            bound: (0..<3).map { F.pod("busy-\($0)", requests: ["cpu": "2"], nodeName: "w-\($0)") },
            message:
                "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
        ),
        Case(
            // The brief's example, with the taint wording of current kube-scheduler.
            name: "a request larger than the workers, and tainted control planes",
            pod: F.pod(requests: ["cpu": "8"]),
            nodes: nodes(3, prefix: "w") + nodes(2, prefix: "cp", taints: [F.controlPlaneTaint]),
            message:
                "0/5 nodes are available: 2 node(s) had untolerated taint(s), 3 Insufficient cpu. preemption: 0/5 nodes are available: 5 Preemption is not helpful for scheduling."
        ),
        Case(
            // As reported by kube-scheduler on a two-node kubeadm cluster.
            name: "one full worker and a control plane",
            pod: F.pod(requests: ["cpu": "1"]),
            nodes: [F.node("controlplane", cpu: "1", taints: [F.controlPlaneTaint]), F.node("node01", cpu: "1")],
            bound: [F.pod("app", requests: ["cpu": "500m"], nodeName: "node01")],
            message:
                "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
        ),
        Case(
            name: "cpu and memory short on one node, memory on both",
            pod: F.pod(requests: ["cpu": "2", "memory": "8Gi"]),
            nodes: [F.node("a", cpu: "4", memory: "16Gi"), F.node("b", cpu: "4", memory: "16Gi")],
            bound: [
                F.pod("x", requests: ["cpu": "3", "memory": "10Gi"], nodeName: "a"),
                F.pod("y", requests: ["cpu": "1", "memory": "10Gi"], nodeName: "b"),
            ],
            message:
                "0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."
        ),
        Case(
            // As reported for a GPU pod with a nodeSelector on a ten-node cluster.
            name: "a GPU pod whose only matching node is out of GPUs",
            pod: F.pod(requests: ["nvidia.com/gpu": "1"], spec: ["nodeSelector": ["role": "tracker"]]),
            nodes: [F.node("tracker", allocatable: ["nvidia.com/gpu": "1"], labels: ["role": "tracker"])]
                + nodes(9, prefix: "general"),
            bound: [F.pod("trainer", requests: ["nvidia.com/gpu": "1"], nodeName: "tracker")],
            message:
                "0/10 nodes are available: 1 Insufficient nvidia.com/gpu, 9 node(s) didn't match Pod's node affinity/selector. preemption: 0/10 nodes are available: 1 No preemption victims found for incoming pod, 9 Preemption is not helpful for scheduling."
        ),
        Case(
            // As reported for a DaemonSet pod, which its controller pins with matchFields on metadata.name.
            name: "a pinned daemon pod on a full node",
            pod: F.pinned(to: "n-0", requests: ["cpu": "1"]), nodes: nodes(4, prefix: "n", cpu: "1"),
            bound: [F.pod("app", requests: ["cpu": "500m"], nodeName: "n-0")],
            message:
                "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/4 nodes are available: 1 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling."
        ),
        Case(
            name: "pinned to a node that does not exist",
            pod: F.pinned(to: "gone", requests: [:]), nodes: nodes(2, prefix: "n"),
            message:
                "0/2 nodes are available: 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling."
        ),
        Case(
            name: "contradictory metadata.name terms",
            pod: F.pod(spec: [
                "affinity": F.requiredAffinity([
                    F.term(fields: [
                        F.expression("metadata.name", "In", ["n-0"]), F.expression("metadata.name", "In", ["n-1"]),
                    ])
                ])
            ]),
            nodes: nodes(3, prefix: "n"),
            message:
                "0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
        ),
        Case(
            name: "counts sort as strings: 10 before 2",
            pod: F.pod(spec: ["nodeSelector": ["zone": "a"]]),
            nodes: (0..<10).map { F.node("c-\($0)", labels: ["zone": "a"], unschedulable: true) }
                + nodes(2, prefix: "b", labels: ["zone": "b"]),
            message:
                "0/12 nodes are available: 10 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling."
        ),
        Case(
            name: "the pod limit",
            pod: F.pod(), nodes: [F.node("a", pods: 1), F.node("b", pods: 1)],
            bound: [F.pod("x", nodeName: "a"), F.pod("y", nodeName: "b")],
            message:
                "0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod."
        ),
        Case(
            name: "preemptionPolicy Never",
            pod: F.pod(requests: ["cpu": "3"], spec: ["preemptionPolicy": "Never", "priority": 1000]),
            nodes: [F.node("a")], bound: [F.pod("x", requests: ["cpu": "2"], nodeName: "a")],
            message:
                "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never."
        ),
        Case(
            name: "evicting lower-priority pods would make room: kube preempts and adds nothing",
            pod: F.pod(requests: ["cpu": "3"], spec: ["priority": 1000]),
            nodes: [F.node("a")], bound: [F.pod("x", requests: ["cpu": "2"], nodeName: "a")],
            message: "0/1 nodes are available: 1 Insufficient cpu."
        ),
        Case(
            name: "evicting every lower-priority pod would not make room",
            pod: F.pod(requests: ["cpu": "3"], spec: ["priority": 1000]),
            nodes: [F.node("a")],
            bound: [
                F.pod("low", requests: ["cpu": "1"], nodeName: "a"),
                F.pod("high", requests: ["cpu": "2"], spec: ["priority": 2000], nodeName: "a"),
            ],
            message:
                "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu."
        ),
        Case(
            name: "equal priorities are not victims",
            pod: F.pod(requests: ["cpu": "3"], spec: ["priority": 1000]),
            nodes: [F.node("a")], bound: [F.pod("x", requests: ["cpu": "2"], spec: ["priority": 1000], nodeName: "a")],
            message:
                "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod."
        ),
    ]

    @Test(arguments: cases)
    func unschedulableMessage(_ testCase: Case) {
        let infos = testCase.nodes.map { node in
            SchedulerNodeInfo(node: node, boundPods: testCase.bound.filter { $0.nodeName == node.name })
        }
        let decision = SchedulerAlgorithm.schedule(pod: testCase.pod, nodes: infos)
        #expect(decision.outcome == .unschedulable(message: testCase.message))
    }

    struct DiagnosisCase: Sendable, CustomTestStringConvertible {
        var name: String
        var nodeCount: Int
        var reasons: [[String]]
        var preFilterMessage: String?
        var postFilterMessage: String?
        var message: String
        var testDescription: String { name }
    }

    // TestFitError_Error (pkg/scheduler/framework/types_test.go).
    static let diagnosisCases: [DiagnosisCase] = [
        DiagnosisCase(
            name: "nodes failed Prefilter plugin", nodeCount: 3, reasons: [],
            preFilterMessage: "Node(s) failed PreFilter plugin FalsePreFilter",
            message: "0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter."),
        DiagnosisCase(
            name: "nodes failed Prefilter plugin and the preemption also failed", nodeCount: 3, reasons: [],
            preFilterMessage: "Node(s) failed PreFilter plugin FalsePreFilter",
            postFilterMessage: "Error running PostFilter plugin FailedPostFilter",
            message:
                "0/3 nodes are available: Node(s) failed PreFilter plugin FalsePreFilter. Error running PostFilter plugin FailedPostFilter"
        ),
        DiagnosisCase(
            name: "nodes failed one Filter plugin with an empty PostFilterMsg", nodeCount: 3,
            reasons: Array(repeating: ["Node(s) failed Filter plugin FalseFilter-1"], count: 3),
            message: "0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1."),
        DiagnosisCase(
            name: "nodes failed one Filter plugin with a non-empty PostFilterMsg", nodeCount: 3,
            reasons: Array(repeating: ["Node(s) failed Filter plugin FalseFilter-1"], count: 3),
            postFilterMessage: "Error running PostFilter plugin FailedPostFilter",
            message:
                "0/3 nodes are available: 3 Node(s) failed Filter plugin FalseFilter-1. Error running PostFilter plugin FailedPostFilter"
        ),
        DiagnosisCase(
            name: "nodes failed two Filter plugins with an empty PostFilterMsg", nodeCount: 3,
            reasons: [
                ["Node(s) failed Filter plugin FalseFilter-1"], ["Node(s) failed Filter plugin FalseFilter-1"],
                ["Node(s) failed Filter plugin FalseFilter-2"],
            ],
            message:
                "0/3 nodes are available: 1 Node(s) failed Filter plugin FalseFilter-2, 2 Node(s) failed Filter plugin FalseFilter-1."
        ),
        DiagnosisCase(
            name: "failed to Permit on node", nodeCount: 1, reasons: [["Node failed Permit plugin Permit-1"]],
            message: "0/1 nodes are available: 1 Node failed Permit plugin Permit-1."),
    ]

    @Test(arguments: diagnosisCases)
    func fitErrorFormat(_ testCase: DiagnosisCase) {
        var diagnosis = SchedulerDiagnosis(nodeCount: testCase.nodeCount)
        diagnosis.statuses = testCase.reasons.enumerated().map {
            ($0.offset, SchedulerNodeStatus(resolvable: true, reasons: $0.element))
        }
        diagnosis.preFilterMessage = testCase.preFilterMessage
        #expect(diagnosis.fitErrorMessage(postFilter: testCase.postFilterMessage) == testCase.message)
    }
}
