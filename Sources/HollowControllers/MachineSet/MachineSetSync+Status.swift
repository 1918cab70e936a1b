import HollowModel

extension MachineSet {
    /// `metadata.deletionTimestamp` is set.
    public var isDeleting: Bool { WorkloadPod.isBeingDeleted(self) }

    /// `status`, typed. Setting it keeps the members this type does not know (conditions, `authoritativeAPI` …).
    public var status: MachineSetStatus {
        get { MachineSetStatus(json: object["status"]) }
        set { object["status"] = newValue.json(over: object["status"]) }
    }
}

/// `machine.openshift.io/v1beta1` `MachineSetStatus`: the counts the controller keeps, the selector string of the
/// scale subresource, and the error of a MachineSet it cannot manage.
public struct MachineSetStatus: Sendable, Equatable {
    public var replicas = 0
    public var fullyLabeledReplicas = 0
    public var readyReplicas = 0
    public var availableReplicas = 0
    public var observedGeneration: Int64 = 0
    /// `spec.selector` as a string (`metav1.FormatLabelSelector`): `/scale`'s `status.selector` reads it.
    public var labelSelector: String?
    public var errorReason: String?
    public var errorMessage: String?

    public init() {}

    public init(json: JSON?) {
        func int(_ key: String) -> Int { json?[key]?.intValue.map(Int.init) ?? 0 }
        replicas = int("replicas")
        fullyLabeledReplicas = int("fullyLabeledReplicas")
        readyReplicas = int("readyReplicas")
        availableReplicas = int("availableReplicas")
        observedGeneration = json?["observedGeneration"]?.intValue ?? 0
        labelSelector = json?["labelSelector"]?.stringValue
        errorReason = json?["errorReason"]?.stringValue
        errorMessage = json?["errorMessage"]?.stringValue
    }

    /// The status written over `existing`: `replicas` always, the other members when set, members this type does not
    /// know kept.
    public func json(over existing: JSON? = nil) -> JSON {
        var object = existing?.objectValue ?? [:]
        object["replicas"] = .int(Int64(replicas))
        func set(_ key: String, _ value: Int) { object[key] = value == 0 ? nil : .int(Int64(value)) }
        set("fullyLabeledReplicas", fullyLabeledReplicas)
        set("readyReplicas", readyReplicas)
        set("availableReplicas", availableReplicas)
        object["observedGeneration"] = observedGeneration == 0 ? nil : .int(observedGeneration)
        object["labelSelector"] = labelSelector.map(JSON.string)
        object["errorReason"] = errorReason.map(JSON.string)
        object["errorMessage"] = errorMessage.map(JSON.string)
        return .object(object)
    }
}

extension MachineSetSync {
    /// `calculateStatus`: counts over `machines` (the set's, none being deleted) — fully labeled means carrying every
    /// template label; ready means the Node of `status.nodeRef` is Ready; available means ready for longer than
    /// `minReadySeconds` — with the selector string, the generation observed and no error.
    public static func status(
        machineSet: MachineSet, machines: [Machine], nodes: [String: Node], now: Timestamp
    ) -> MachineSetStatus {
        var status = machineSet.status
        let templateLabels = ObjectMeta(machineSet.template?["metadata"] ?? .object([:])).labels
        status.replicas = machines.count
        status.fullyLabeledReplicas = machines.count { machine in
            // Looked up in the Machine's JSON: a sync counts every Machine of the set, on every Machine event.
            let labels = machine.object[path: ["metadata", "labels"]]
            return templateLabels.allSatisfy { labels?[$0.key]?.stringValue == $0.value }
        }
        var ready = 0
        var available = 0
        for machine in machines {
            guard let nodeName = machine.nodeName, let node = nodes[nodeName], MachineNodeReadiness.isReady(node) else {
                continue
            }
            ready += 1
            if MachineNodeReadiness.isAvailable(node, minReadySeconds: machineSet.minReadySeconds, now: now) {
                available += 1
            }
        }
        status.readyReplicas = ready
        status.availableReplicas = available
        status.observedGeneration = machineSet.metadata.generation
        status.labelSelector = (try? LabelSelector(labelSelector: machineSet.selector)).map(formatLabelSelector)
        status.errorReason = nil
        status.errorMessage = nil
        return status
    }

    /// `metav1.FormatLabelSelector`: `<none>` for a selector of everything.
    static func formatLabelSelector(_ selector: LabelSelector) -> String {
        let text = selector.description
        return text.isEmpty ? "<none>" : text
    }
}

/// The Node predicates of the operator's `machineset/util.go`.
public enum MachineNodeReadiness {
    /// `IsNodeReady`: the `Ready` condition is `True`.
    public static func isReady(_ node: Node) -> Bool { readyCondition(node)?["status"]?.stringValue == "True" }

    /// `IsNodeAvailable`: ready, and with `minReadySeconds` its Ready condition changed more than that long before
    /// `now` (never, without a transition time).
    public static func isAvailable(_ node: Node, minReadySeconds: Int, now: Timestamp) -> Bool {
        guard isReady(node) else { return false }
        if minReadySeconds == 0 { return true }
        guard let since = readyCondition(node)?["lastTransitionTime"]?.stringValue.flatMap({ try? Timestamp(parsing: $0) })
        else { return false }
        return since.adding(.seconds(minReadySeconds)) < now
    }

    private static func readyCondition(_ node: Node) -> JSON? {
        node.object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
    }
}
