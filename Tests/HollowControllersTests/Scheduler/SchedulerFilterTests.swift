import HollowModel
import Testing

@testable import HollowControllers

private typealias F = SchedulerFixtures

/// One pod against one node: the reasons the first rejecting filter gives (empty: the node fits).
struct SchedulerFilterCase: Sendable, CustomTestStringConvertible {
    var name: String
    var pod: Pod
    var node: Node
    var boundPods: [Pod] = []
    var reasons: [String]
    var resolvable = false
    var testDescription: String { name }

    func run() -> SchedulerNodeStatus? {
        let info = SchedulerNodeInfo(node: node, boundPods: boundPods)
        return SchedulerFilters.status(of: SchedulerPodRequirements(pod), nodeAt: 0, in: [info])
    }
}

struct SchedulerFilterTests {
    static let resourceCases: [SchedulerFilterCase] = [
        SchedulerFilterCase(
            name: "fits exactly", pod: F.pod(requests: ["cpu": "1", "memory": "1Gi"]),
            node: F.node("n", cpu: "2", memory: "2Gi"),
            boundPods: [F.pod("other", requests: ["cpu": "1", "memory": "1Gi"], nodeName: "n")], reasons: []),
        SchedulerFilterCase(
            name: "250m does not fit next to 800m on a 1-cpu node", pod: F.pod(requests: ["cpu": "250m"]),
            node: F.node("n", cpu: "1"),
            boundPods: [F.pod("other", requests: ["cpu": "800m"], nodeName: "n")], reasons: ["Insufficient cpu"],
            resolvable: true),
        SchedulerFilterCase(
            name: "1Gi does not fit next to 512Mi on a 1Gi node", pod: F.pod(requests: ["memory": "1Gi"]),
            node: F.node("n", memory: "1Gi"),
            boundPods: [F.pod("other", requests: ["memory": "512Mi"], nodeName: "n")],
            reasons: ["Insufficient memory"], resolvable: true),
        SchedulerFilterCase(
            name: "more than the node has at all is unresolvable", pod: F.pod(requests: ["cpu": "8", "memory": "1Gi"]),
            node: F.node("n", cpu: "4"), reasons: ["Insufficient cpu"], resolvable: false),
        SchedulerFilterCase(
            name: "every insufficient resource is a reason (kube: too many resources fails)",
            pod: F.pod(requests: ["cpu": "2", "memory": "2Gi"]), node: F.node("n", cpu: "10", memory: "20Gi"),
            boundPods: [F.pod("other", requests: ["cpu": "9", "memory": "19Gi"], nodeName: "n")],
            reasons: ["Insufficient cpu", "Insufficient memory"], resolvable: true),
        SchedulerFilterCase(
            name: "the pod limit", pod: F.pod(requests: ["cpu": "100m"]), node: F.node("n", pods: 2),
            boundPods: [F.pod("a", nodeName: "n"), F.pod("b", nodeName: "n")], reasons: ["Too many pods"],
            resolvable: true),
        SchedulerFilterCase(
            name: "a pod requesting nothing fits a full node", pod: F.pod(containers: [F.container()]),
            node: F.node("n", cpu: "1", memory: "1Gi"),
            boundPods: [F.pod("hog", requests: ["cpu": "1", "memory": "1Gi"], nodeName: "n")], reasons: []),
        SchedulerFilterCase(
            name: "a pod requesting nothing still needs a pod slot", pod: F.pod(containers: [F.container()]),
            node: F.node("n", pods: 1), boundPods: [F.pod("a", nodeName: "n")],
            reasons: ["Too many pods"], resolvable: true),
        SchedulerFilterCase(
            name: "a node without allocatable pods fits nothing", pod: F.pod(requests: ["cpu": "1"]),
            node: F.node("n", pods: 0), reasons: ["Too many pods"], resolvable: true),
        SchedulerFilterCase(
            name: "succeeded and failed pods free their resources",
            pod: F.pod(requests: ["cpu": "1"]), node: F.node("n", cpu: "1"),
            boundPods: [
                F.pod("done", requests: ["cpu": "1"], nodeName: "n", phase: "Succeeded"),
                F.pod("crashed", requests: ["cpu": "1"], nodeName: "n", phase: "Failed"),
            ], reasons: []),
        SchedulerFilterCase(
            name: "an init container larger than the node",
            pod: F.pod(
                requests: ["cpu": "100m"], initContainers: [F.container("init", requests: ["memory": "32Gi"])]),
            node: F.node("n", memory: "16Gi"), reasons: ["Insufficient memory"]),
        SchedulerFilterCase(
            name: "limits count as requests", pod: F.pod(containers: [F.container(limits: ["cpu": "3"])]),
            node: F.node("n", cpu: "4"), boundPods: [F.pod("other", requests: ["cpu": "2"], nodeName: "n")],
            reasons: ["Insufficient cpu"], resolvable: true),
        SchedulerFilterCase(
            name: "an extended resource the node lacks", pod: F.pod(requests: ["cpu": "1", "example.com/gpu": "1"]),
            node: F.node("n"), reasons: ["Insufficient example.com/gpu"]),
        SchedulerFilterCase(
            name: "an extended resource in use", pod: F.pod(requests: ["nvidia.com/gpu": "1"]),
            node: F.node("n", allocatable: ["nvidia.com/gpu": "1"]),
            boundPods: [F.pod("trainer", requests: ["nvidia.com/gpu": "1"], nodeName: "n")],
            reasons: ["Insufficient nvidia.com/gpu"], resolvable: true),
        SchedulerFilterCase(
            name: "ephemeral storage", pod: F.pod(requests: ["ephemeral-storage": "20Gi"]),
            node: F.node("n", allocatable: ["ephemeral-storage": "10Gi"]),
            reasons: ["Insufficient ephemeral-storage"]),
        SchedulerFilterCase(
            name: "overhead tips the balance",
            pod: F.pod(requests: ["cpu": "900m"], spec: ["overhead": ["cpu": "200m"]]), node: F.node("n", cpu: "1"),
            reasons: ["Insufficient cpu"]),
    ]

    @Test(arguments: resourceCases)
    func nodeResourcesFit(_ testCase: SchedulerFilterCase) {
        let status = testCase.run()
        #expect((status?.reasons ?? []) == testCase.reasons)
        if let status { #expect(status.resolvable == testCase.resolvable) }
    }

    static let affinityCases: [SchedulerFilterCase] = {
        let labelled = F.node("node-a", labels: ["zone": "a", "disk": "ssd", "cores": "16"])
        func required(_ expressions: JSON...) -> Pod {
            F.pod(spec: ["affinity": F.requiredAffinity([F.term(expressions: expressions)])])
        }
        let mismatch = ["node(s) didn't match Pod's node affinity/selector"]
        return [
            SchedulerFilterCase(
                name: "nodeSelector matches", pod: F.pod(spec: ["nodeSelector": ["zone": "a"]]), node: labelled,
                reasons: []),
            SchedulerFilterCase(
                name: "nodeSelector with a different value", pod: F.pod(spec: ["nodeSelector": ["zone": "b"]]),
                node: labelled, reasons: mismatch),
            SchedulerFilterCase(
                name: "nodeSelector with a missing label", pod: F.pod(spec: ["nodeSelector": ["gpu": "true"]]),
                node: labelled, reasons: mismatch),
            SchedulerFilterCase(
                name: "In", pod: required(F.expression("zone", "In", ["a", "b"])), node: labelled, reasons: []),
            SchedulerFilterCase(
                name: "In without the value", pod: required(F.expression("zone", "In", ["b", "c"])), node: labelled,
                reasons: mismatch),
            SchedulerFilterCase(
                name: "NotIn", pod: required(F.expression("zone", "NotIn", ["b"])), node: labelled, reasons: []),
            SchedulerFilterCase(
                name: "NotIn with the value", pod: required(F.expression("zone", "NotIn", ["a"])), node: labelled,
                reasons: mismatch),
            SchedulerFilterCase(
                name: "NotIn on a missing label", pod: required(F.expression("gpu", "NotIn", ["true"])),
                node: labelled, reasons: []),
            SchedulerFilterCase(
                name: "Exists", pod: required(F.expression("disk", "Exists")), node: labelled, reasons: []),
            SchedulerFilterCase(
                name: "Exists on a missing label", pod: required(F.expression("gpu", "Exists")), node: labelled,
                reasons: mismatch),
            SchedulerFilterCase(
                name: "DoesNotExist", pod: required(F.expression("gpu", "DoesNotExist")), node: labelled, reasons: []),
            SchedulerFilterCase(
                name: "DoesNotExist on a present label", pod: required(F.expression("disk", "DoesNotExist")),
                node: labelled, reasons: mismatch),
            SchedulerFilterCase(
                name: "Gt", pod: required(F.expression("cores", "Gt", ["8"])), node: labelled, reasons: []),
            SchedulerFilterCase(
                name: "Gt on an equal value", pod: required(F.expression("cores", "Gt", ["16"])), node: labelled,
                reasons: mismatch),
            SchedulerFilterCase(
                name: "Lt", pod: required(F.expression("cores", "Lt", ["32"])), node: labelled, reasons: []),
            SchedulerFilterCase(
                name: "Lt on a larger value", pod: required(F.expression("cores", "Lt", ["4"])), node: labelled,
                reasons: mismatch),
            SchedulerFilterCase(
                name: "Gt on a non-numeric label", pod: required(F.expression("zone", "Gt", ["1"])), node: labelled,
                reasons: mismatch),
            SchedulerFilterCase(
                name: "Gt with a non-integer value never matches", pod: required(F.expression("cores", "Gt", ["1.5"])),
                node: labelled, reasons: mismatch),
            SchedulerFilterCase(
                name: "an unknown operator never matches", pod: required(F.expression("zone", "Equals", ["a"])),
                node: labelled, reasons: mismatch),
            SchedulerFilterCase(
                name: "expressions in a term are ANDed",
                pod: required(F.expression("zone", "In", ["a"]), F.expression("disk", "In", ["hdd"])),
                node: labelled, reasons: mismatch),
            SchedulerFilterCase(
                name: "terms are ORed",
                pod: F.pod(spec: [
                    "affinity": F.requiredAffinity([
                        F.term(expressions: [F.expression("zone", "In", ["b"])]),
                        F.term(expressions: [F.expression("disk", "In", ["ssd"])]),
                    ])
                ]), node: labelled, reasons: []),
            SchedulerFilterCase(
                name: "no terms match no node", pod: F.pod(spec: ["affinity": F.requiredAffinity([])]), node: labelled,
                reasons: mismatch),
            SchedulerFilterCase(
                name: "an empty term matches no node", pod: F.pod(spec: ["affinity": F.requiredAffinity([F.term()])]),
                node: labelled, reasons: mismatch),
            SchedulerFilterCase(
                name: "nodeSelector and affinity must both hold",
                pod: F.pod(spec: [
                    "nodeSelector": ["zone": "b"],
                    "affinity": F.requiredAffinity([F.term(expressions: [F.expression("disk", "Exists")])]),
                ]), node: labelled, reasons: mismatch),
            SchedulerFilterCase(
                name: "matchFields on metadata.name", pod: F.pinned(to: "node-a", requests: [:]), node: labelled,
                reasons: []),
            SchedulerFilterCase(
                name: "matchFields NotIn metadata.name",
                pod: F.pod(spec: [
                    "affinity": F.requiredAffinity([
                        F.term(fields: [F.expression("metadata.name", "NotIn", ["node-a"])])
                    ])
                ]), node: labelled, reasons: mismatch),
        ]
    }()

    @Test(arguments: affinityCases)
    func nodeAffinity(_ testCase: SchedulerFilterCase) {
        #expect((testCase.run()?.reasons ?? []) == testCase.reasons)
    }

    static let taintCases: [SchedulerFilterCase] = {
        let untolerated = ["node(s) had untolerated taint(s)"]
        let dedicated = SchedulerTaint(key: "dedicated", value: "batch", effect: "NoSchedule")
        func tainted(_ taints: SchedulerTaint...) -> Node { F.node("n", taints: taints) }
        func tolerating(_ tolerations: JSON...) -> Pod { F.pod(spec: ["tolerations": .array(tolerations)]) }
        return [
            SchedulerFilterCase(
                name: "NoSchedule without toleration", pod: F.pod(), node: tainted(dedicated), reasons: untolerated),
            SchedulerFilterCase(
                name: "Equal with the value",
                pod: tolerating(F.toleration(key: "dedicated", value: "batch", effect: "NoSchedule")),
                node: tainted(dedicated), reasons: []),
            SchedulerFilterCase(
                name: "an empty operator means Equal",
                pod: tolerating(F.toleration(key: "dedicated", operator: "", value: "batch")), node: tainted(dedicated),
                reasons: []),
            SchedulerFilterCase(
                name: "Equal with another value",
                pod: tolerating(F.toleration(key: "dedicated", value: "web", effect: "NoSchedule")),
                node: tainted(dedicated), reasons: untolerated),
            SchedulerFilterCase(
                name: "Exists on the key", pod: tolerating(F.toleration(key: "dedicated", operator: "Exists")),
                node: tainted(dedicated), reasons: []),
            SchedulerFilterCase(
                name: "Exists with an empty key tolerates everything",
                pod: tolerating(F.toleration(operator: "Exists")),
                node: tainted(dedicated, F.controlPlaneTaint, SchedulerTaint(key: "x", effect: "NoExecute")),
                reasons: []),
            SchedulerFilterCase(
                name: "the effect must match",
                pod: tolerating(F.toleration(key: "dedicated", operator: "Exists", effect: "NoExecute")),
                node: tainted(dedicated), reasons: untolerated),
            SchedulerFilterCase(
                name: "NoExecute without toleration", pod: F.pod(),
                node: tainted(SchedulerTaint(key: "node.kubernetes.io/not-ready", effect: "NoExecute")),
                reasons: untolerated),
            SchedulerFilterCase(
                name: "NoExecute tolerated",
                pod: tolerating(
                    F.toleration(key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute")),
                node: tainted(SchedulerTaint(key: "node.kubernetes.io/not-ready", effect: "NoExecute")), reasons: []),
            SchedulerFilterCase(
                name: "PreferNoSchedule does not filter", pod: F.pod(),
                node: tainted(SchedulerTaint(key: "spot", effect: "PreferNoSchedule")), reasons: []),
            SchedulerFilterCase(
                name: "every blocking taint must be tolerated",
                pod: tolerating(F.toleration(key: "dedicated", operator: "Exists")),
                node: tainted(dedicated, F.controlPlaneTaint), reasons: untolerated),
            SchedulerFilterCase(
                name: "Gt tolerations match nothing while comparison operators are alpha",
                pod: tolerating(F.toleration(key: "tier", operator: "Gt", value: "1")),
                node: tainted(SchedulerTaint(key: "tier", value: "5", effect: "NoSchedule")), reasons: untolerated),
        ]
    }()

    @Test(arguments: taintCases)
    func taintToleration(_ testCase: SchedulerFilterCase) {
        #expect((testCase.run()?.reasons ?? []) == testCase.reasons)
    }

    static let unschedulableCases: [SchedulerFilterCase] = {
        let cordoned = F.node("n", unschedulable: true)
        let reason = ["node(s) were unschedulable"]
        return [
            SchedulerFilterCase(name: "a cordoned node", pod: F.pod(), node: cordoned, reasons: reason),
            SchedulerFilterCase(
                name: "tolerating the unschedulable taint",
                pod: F.pod(spec: [
                    "tolerations": [
                        F.toleration(key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoSchedule")
                    ]
                ]), node: cordoned, reasons: []),
            SchedulerFilterCase(
                name: "tolerating everything", pod: F.pod(spec: ["tolerations": [F.toleration(operator: "Exists")]]),
                node: cordoned, reasons: []),
            SchedulerFilterCase(
                name: "a NoExecute toleration does not cover it",
                pod: F.pod(spec: [
                    "tolerations": [
                        F.toleration(key: "node.kubernetes.io/unschedulable", operator: "Exists", effect: "NoExecute")
                    ]
                ]), node: cordoned, reasons: reason),
            SchedulerFilterCase(
                name: "the first rejecting filter decides: cordoned beats tainted and full",
                pod: F.pod(requests: ["cpu": "64"]),
                node: F.node("n", taints: [F.controlPlaneTaint], unschedulable: true), reasons: reason),
            SchedulerFilterCase(
                name: "taints come before affinity and resources",
                pod: F.pod(requests: ["cpu": "64"], spec: ["nodeSelector": ["zone": "z"]]),
                node: F.node("n", taints: [F.controlPlaneTaint]), reasons: ["node(s) had untolerated taint(s)"]),
            SchedulerFilterCase(
                name: "affinity comes before resources",
                pod: F.pod(requests: ["cpu": "64"], spec: ["nodeSelector": ["zone": "z"]]), node: F.node("n"),
                reasons: ["node(s) didn't match Pod's node affinity/selector"]),
        ]
    }()

    @Test(arguments: unschedulableCases)
    func nodeUnschedulableAndFilterOrder(_ testCase: SchedulerFilterCase) {
        #expect((testCase.run()?.reasons ?? []) == testCase.reasons)
    }

    @Test func nodeNameMustMatch() {
        let pod = SchedulerPodRequirements(F.pod(nodeName: "node-b"))
        let nodes = [SchedulerNodeInfo(node: F.node("node-a")), SchedulerNodeInfo(node: F.node("node-b"))]
        #expect(
            SchedulerFilters.status(of: pod, nodeAt: 0, in: nodes)?.reasons
                == ["node(s) didn't match the requested node name"])
        #expect(SchedulerFilters.status(of: pod, nodeAt: 1, in: nodes) == nil)
    }
}
