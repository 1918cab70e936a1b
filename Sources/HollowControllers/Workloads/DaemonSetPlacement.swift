import HollowModel

/// Where a DaemonSet's pods belong (`NodeShouldRunDaemonPod` and `daemon/util`): the node selector, required node
/// affinity and taints are checked against the pod the DaemonSet would create, which carries the tolerations the
/// controller adds to every daemon pod; the pods it creates are pinned to their node by node affinity.
public enum DaemonSetPlacement {
    /// The tolerations `AddOrUpdateDaemonPodTolerations` adds: daemon pods survive node problems (not-ready and
    /// unreachable `NoExecute`) and schedule despite node conditions (disk, memory and PID pressure, unschedulable, and
    /// for host-network pods network-unavailable, all `NoSchedule`).
    public static func daemonTolerations(hostNetwork: Bool) -> [JSON] {
        var tolerations: [JSON] = [
            toleration("node.kubernetes.io/not-ready", "NoExecute"),
            toleration("node.kubernetes.io/unreachable", "NoExecute"),
            toleration("node.kubernetes.io/disk-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/memory-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/pid-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/unschedulable", "NoSchedule"),
        ]
        if hostNetwork { tolerations.append(toleration("node.kubernetes.io/network-unavailable", "NoSchedule")) }
        return tolerations
    }

    private static func toleration(_ key: String, _ effect: String) -> JSON {
        ["key": .string(key), "operator": "Exists", "effect": .string(effect)]
    }

    /// `AddOrUpdateDaemonPodTolerations` on a `PodSpec`: each daemon toleration replaces one with the same key,
    /// operator, value and effect (`AddOrUpdateTolerationInPodSpec`), or is appended.
    public static func addingDaemonTolerations(to spec: JSON) -> JSON {
        var spec = spec
        var tolerations = spec["tolerations"]?.arrayValue ?? []
        for added in daemonTolerations(hostNetwork: spec["hostNetwork"]?.boolValue ?? false) {
            let matchesAdded: (JSON) -> Bool = { existing in
                ["key", "operator", "value", "effect"].allSatisfy {
                    (existing[$0]?.stringValue ?? "") == (added[$0]?.stringValue ?? "")
                }
            }
            if let index = tolerations.firstIndex(where: matchesAdded) {
                tolerations[index] = added
            } else {
                tolerations.append(added)
            }
        }
        spec["tolerations"] = .array(tolerations)
        return spec
    }

    /// `NodeShouldRunDaemonPod`: `shouldRun` when a daemon pod should be created on `node`, `shouldContinueRunning`
    /// when one already there may stay (it tolerates the node's `NoExecute` taints, though a `NoSchedule` one keeps new
    /// pods off).
    public static func nodeShouldRunDaemonPod(
        node: Node, daemonSet: DaemonSet
    ) -> (shouldRun: Bool, shouldContinueRunning: Bool) {
        let spec = addingDaemonTolerations(to: daemonSet.template?["spec"] ?? .object([:]))
        let templateNodeName = spec["nodeName"]?.stringValue ?? ""
        if !(templateNodeName.isEmpty || templateNodeName == node.name) { return (false, false) }
        guard requiredNodeAffinityMatches(podSpec: spec, node: node) else { return (false, false) }
        // The scheduler's taint and toleration matching: one implementation of kube's ToleratesTaint.
        let tolerations = (spec["tolerations"]?.arrayValue ?? []).map(SchedulerToleration.init)
        let untolerated = node.schedulerTaints.filter { $0.blocksScheduling && !tolerations.tolerate($0) }
        if untolerated.isEmpty { return (true, true) }
        return (false, !untolerated.contains { $0.effect == SchedulerTaint.noExecute })
    }

    /// `nodeaffinity.GetRequiredNodeAffinity(pod).Match(node)`: `nodeSelector` must match the node's labels, and when
    /// there is a required node affinity, one of its terms must match. A term matches when all its `matchExpressions`
    /// (on labels) and `matchFields` (`metadata.name` only) do; an empty or malformed term matches nothing.
    public static func requiredNodeAffinityMatches(podSpec: JSON, node: Node) -> Bool {
        // The scheduler's matcher: one implementation of kube's node selector semantics.
        SchedulerNodeAffinity(Pod(["spec": podSpec])).matches(labels: node.metadata.labels, nodeName: node.name)
    }

    /// `ReplaceDaemonSetPodNodeNameNodeAffinity`: the affinity with its required node affinity replaced by the single
    /// term `matchFields: metadata.name In [nodeName]` (preferred terms and pod (anti-)affinity are kept).
    public static func pinningAffinity(_ affinity: JSON?, toNode nodeName: String) -> JSON {
        let requirement: JSON = ["key": "metadata.name", "operator": "In", "values": [.string(nodeName)]]
        let terms: JSON = [["matchFields": [requirement]]]
        var affinity = affinity.flatMap { $0.isNull ? nil : $0 } ?? .object([:])
        var nodeAffinity = affinity["nodeAffinity"].flatMap { $0.isNull ? nil : $0 } ?? .object([:])
        var required =
            nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"].flatMap { $0.isNull ? nil : $0 }
            ?? .object([:])
        required["nodeSelectorTerms"] = terms
        nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = required
        affinity["nodeAffinity"] = nodeAffinity
        return affinity
    }

    /// `GetTargetNodeName`: `spec.nodeName`, or for a pod not yet bound, the node its required node affinity pins it to
    /// (`matchFields: metadata.name In [one node]`); `nil` when neither says.
    public static func targetNodeName(_ pod: Pod) -> String? {
        if let nodeName = pod.nodeName { return nodeName }
        let terms =
            pod.object[path: ["spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms"]]?
            .arrayValue ?? []
        for term in terms {
            for field in term["matchFields"]?.arrayValue ?? []
            where field["key"]?.stringValue == "metadata.name" && field["operator"]?.stringValue == "In" {
                let values = field["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
                return values.count == 1 ? values[0] : nil
            }
        }
        return nil
    }

    /// `CreatePodTemplate`: the DaemonSet's template with the daemon tolerations, the revision hash label, and the
    /// template generation label when the DaemonSet has one.
    public static func podTemplate(daemonSet: DaemonSet, hash: String) -> JSON {
        var template = daemonSet.template ?? .object([:])
        template["spec"] = addingDaemonTolerations(to: template["spec"] ?? .object([:]))
        var labels = ObjectMeta(template["metadata"] ?? .object([:])).labels
        if let generation = daemonSet.templateGeneration { labels[DaemonSet.templateGenerationLabel] = String(generation) }
        if !hash.isEmpty { labels[DaemonSet.revisionHashLabel] = hash }
        template[path: ["metadata", "labels"]] = .object(
            JSONObject(labels.keys.sorted().map { ($0, JSON.string(labels[$0]!)) }))
        return template
    }

    /// The pod `syncNodes` creates for `nodeName`: `podTemplate` pinned to the node by `pinningAffinity` (not by
    /// `spec.nodeName`, so the scheduler still admits it), built by `WorkloadPodTemplate.pod`.
    public static func daemonPod(daemonSet: DaemonSet, hash: String, nodeName: String) -> Pod {
        var template = podTemplate(daemonSet: daemonSet, hash: hash)
        template[path: ["spec", "affinity"]] = pinningAffinity(template[path: ["spec", "affinity"]], toNode: nodeName)
        return WorkloadPodTemplate.pod(
            from: template, ownerName: daemonSet.name, namespace: daemonSet.namespace,
            controllerReference: WorkloadPodTemplate.controllerReference(
                to: daemonSet, apiVersion: DaemonSet.apiVersion, kind: DaemonSet.kindName))
    }
}
