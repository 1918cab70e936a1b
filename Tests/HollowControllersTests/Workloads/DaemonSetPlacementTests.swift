import HollowModel
import Testing

@testable import HollowControllers

/// Where daemon pods belong: `TestNodeShouldRunDaemonPod` and the taint/toleration cases of `daemon_controller_test.go`
/// (TestTaintedNodeDaemonDoesNotLaunchIntolerantPod, TestNodeDaemonLaunchesToleratePod, TestNotReadyNodeDaemonLaunchesPod,
/// TestUnreachableNodeDaemonLaunchesPod, TestTaintPressureNodeDaemonLaunchesPod, TestNetworkUnavailableNodeDaemonLaunchesPod).
@Suite struct DaemonSetPlacementTests {
    typealias F = Fixtures
    static let simpleDaemonSetLabel = ["name": "simple-daemon", "type": "production"]
    static let simpleDaemonSetLabel2 = ["name": "simple-daemon", "type": "test"]

    static func affinity(_ expressions: JSON) -> JSON {
        ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [["matchExpressions": expressions]]]]]
    }

    static let container: JSON = [["name": "app", "image": "agent:1"]]

    static func spec(_ extra: JSONObject = [:]) -> JSON {
        var spec: JSONObject = ["containers": container]
        for member in extra { spec[member.key] = member.value }
        return .object(spec)
    }

    static let shouldRunCases: [(String, JSON, Bool, Bool, Bool)] = [
        ("ShouldRunDaemonPod", spec(), false, true, true),
        ("ErrPodNotMatchHostName", spec(["nodeName": "other-node"]), false, false, false),
        ("HostNameMatches", spec(["nodeName": "test-node"]), false, true, true),
        ("ErrNodeSelectorNotMatch", spec(["nodeSelector": F.stringMap(simpleDaemonSetLabel2)]), false, false, false),
        ("ShouldRunDaemonPod (nodeSelector)", spec(["nodeSelector": F.stringMap(simpleDaemonSetLabel)]), false, true, true),
        ("ErrPodAffinityNotMatch", spec(["affinity": affinity([["key": "type", "operator": "In", "values": ["test"]]])]), false, false, false),
        ("ShouldRunDaemonPod (affinity)", spec(["affinity": affinity([["key": "type", "operator": "In", "values": ["production"]]])]), false, true, true),
        ("ShouldRunDaemonPodOnUnschedulableNode", spec(), true, true, true),
    ]

    /// The node is labelled `simpleDaemonSetLabel`.
    @Test(arguments: shouldRunCases)
    func nodeShouldRunDaemonPod(name: String, podSpec: JSON, unschedulable: Bool, shouldRun: Bool, shouldContinue: Bool) {
        let node = F.node("test-node", labels: Self.simpleDaemonSetLabel, unschedulable: unschedulable)
        for strategy in ["RollingUpdate", "OnDelete"] {
            let daemonSet = F.daemonSet(podSpec: podSpec, strategy: strategy)
            let result = DaemonSetPlacement.nodeShouldRunDaemonPod(node: node, daemonSet: daemonSet)
            #expect(result.shouldRun == shouldRun, "\(name), \(strategy)")
            #expect(result.shouldContinueRunning == shouldContinue, "\(name), \(strategy)")
        }
    }

    static let tolerateDedicated: JSON = [["key": "dedicated", "operator": "Equal", "value": "user1", "effect": "NoSchedule"]]
    static let tolerateEverything: JSON = [["operator": "Exists"]]

    static let taintCases: [(String, [JSON], JSON, Bool, Bool, Bool)] = [
        ("untolerated NoSchedule keeps new pods off but lets running ones stay", [F.taint("dedicated", "user1", "NoSchedule")], .null, false, false, true),
        ("untolerated NoExecute evicts", [F.taint("dedicated", "user1", "NoExecute")], .null, false, false, false),
        ("a matching toleration admits", [F.taint("dedicated", "user1", "NoSchedule")], tolerateDedicated, false, true, true),
        ("a toleration for another value does not", [F.taint("dedicated", "user2", "NoSchedule")], tolerateDedicated, false, false, true),
        ("an Exists toleration without key tolerates everything", [F.taint("dedicated", "x", "NoExecute")], tolerateEverything, false, true, true),
        ("PreferNoSchedule is not a predicate", [F.taint("dedicated", "user1", "PreferNoSchedule")], .null, false, true, true),
        ("not-ready nodes keep daemon pods", [F.taint("node.kubernetes.io/not-ready", "", "NoExecute")], .null, false, true, true),
        ("unreachable nodes keep daemon pods", [F.taint("node.kubernetes.io/unreachable", "", "NoExecute")], .null, false, true, true),
        ("disk pressure is tolerated", [F.taint("node.kubernetes.io/disk-pressure", "", "NoSchedule")], .null, false, true, true),
        ("memory pressure is tolerated", [F.taint("node.kubernetes.io/memory-pressure", "", "NoSchedule")], .null, false, true, true),
        ("pid pressure is tolerated", [F.taint("node.kubernetes.io/pid-pressure", "", "NoSchedule")], .null, false, true, true),
        ("unschedulable is tolerated", [F.taint("node.kubernetes.io/unschedulable", "", "NoSchedule")], .null, false, true, true),
        ("network-unavailable is not tolerated by pod-network pods", [F.taint("node.kubernetes.io/network-unavailable", "", "NoSchedule")], .null, false, false, true),
        ("network-unavailable is tolerated by host-network pods", [F.taint("node.kubernetes.io/network-unavailable", "", "NoSchedule")], .null, true, true, true),
    ]

    @Test(arguments: taintCases)
    func taintsAndTolerations(
        name: String, taints: [JSON], tolerations: JSON, hostNetwork: Bool, shouldRun: Bool, shouldContinue: Bool
    ) {
        var spec = Self.spec()
        if !tolerations.isNull { spec["tolerations"] = tolerations }
        if hostNetwork { spec["hostNetwork"] = true }
        let node = F.node("test-node", labels: Self.simpleDaemonSetLabel, taints: taints)
        let result = DaemonSetPlacement.nodeShouldRunDaemonPod(node: node, daemonSet: F.daemonSet(podSpec: spec))
        #expect(result.shouldRun == shouldRun, "\(name)")
        #expect(result.shouldContinueRunning == shouldContinue, "\(name)")
    }

    static func fields(_ operator: String, _ values: [String], key: String = "metadata.name") -> JSON {
        ["matchFields": [["key": .string(key), "operator": .string(`operator`), "values": .array(values.map(JSON.string))]]]
    }

    static func expression(_ key: String, _ operator: String, _ values: [String] = []) -> JSON {
        var requirement: JSONObject = ["key": .string(key), "operator": .string(`operator`)]
        if !values.isEmpty { requirement["values"] = .array(values.map(JSON.string)) }
        return ["matchExpressions": [.object(requirement)]]
    }

    static let termCases: [(JSON, Bool)] = [
        (fields("In", ["test-node"]), true),
        (fields("In", ["other"]), false),
        (fields("NotIn", ["other"]), true),
        (fields("In", ["a", "b"]), false),
        (fields("In", ["x"], key: "metadata.uid"), false),
        (expression("cores", "Gt", ["4"]), true),
        (expression("cores", "Lt", ["4"]), false),
        (expression("gpu", "DoesNotExist"), true),
        (["matchExpressions": expression("type", "Exists")["matchExpressions"]!, "matchFields": fields("In", ["test-node"])["matchFields"]!], true),
        ([:], false),  // an empty term selects nothing
        (expression("type", "In"), false),  // malformed: In needs values
    ]

    @Test(arguments: termCases)
    func requiredNodeAffinityTerms(term: JSON, matches: Bool) {
        let node = F.node("test-node", labels: ["type": "production", "cores": "8"])
        let spec: JSON = ["affinity": ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [term]]]]]
        #expect(DaemonSetPlacement.requiredNodeAffinityMatches(podSpec: spec, node: node) == matches)
    }

    @Test func termsAreAlternatives() {
        let node = F.node("test-node", labels: ["type": "production"])
        let spec: JSON = ["affinity": ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [
            ["matchExpressions": [["key": "type", "operator": "In", "values": ["test"]]]],
            ["matchExpressions": [["key": "type", "operator": "In", "values": ["production"]]]],
        ]]]]]
        #expect(DaemonSetPlacement.requiredNodeAffinityMatches(podSpec: spec, node: node))
    }

    @Test func daemonPodsArePinnedByNodeAffinityAndTolerateNodeProblems() throws {
        var daemonSet = F.daemonSet(podSpec: [
            "containers": Self.container, "hostNetwork": true,
            "tolerations": [["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300]],
            "affinity": [
                "nodeAffinity": [
                    "requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": [["matchExpressions": [["key": "type", "operator": "Exists"]]]]],
                    "preferredDuringSchedulingIgnoredDuringExecution": [["weight": 1, "preference": ["matchExpressions": [["key": "ssd", "operator": "Exists"]]]]],
                ],
            ],
        ])
        daemonSet.metadata.annotations = [DaemonSet.templateGenerationAnnotation: "4"]
        let pod = DaemonSetPlacement.daemonPod(daemonSet: daemonSet, hash: "5d8f", nodeName: "node-7")
        #expect(pod.nodeName == nil)
        #expect(pod.metadata.generateName == "ds-")
        #expect(pod.metadata.labels == [
            "name": "simple-daemon", "type": "production", "controller-revision-hash": "5d8f", "pod-template-generation": "4",
        ])
        let owner = try #require(pod.metadata.controllerReference)
        #expect(owner.kind == "DaemonSet" && owner.apiVersion == "apps/v1" && owner.blockOwnerDeletion)
        let nodeAffinity = try #require(pod.object[path: ["spec", "affinity", "nodeAffinity"]])
        #expect(nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] == [
            "nodeSelectorTerms": [["matchFields": [["key": "metadata.name", "operator": "In", "values": ["node-7"]]]]],
        ])
        #expect(nodeAffinity["preferredDuringSchedulingIgnoredDuringExecution"] != nil)
        #expect(DaemonSetPlacement.targetNodeName(pod) == "node-7")

        let tolerations = pod.object[path: ["spec", "tolerations"]]?.arrayValue ?? []
        #expect(tolerations.map { $0["key"]?.stringValue ?? "" } == [
            "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/disk-pressure",
            "node.kubernetes.io/memory-pressure", "node.kubernetes.io/pid-pressure", "node.kubernetes.io/unschedulable",
            "node.kubernetes.io/network-unavailable",
        ])
        // The user's not-ready toleration had the same key, operator and effect: it is replaced, time limit and all.
        #expect(tolerations[0] == ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute"])
    }
}
