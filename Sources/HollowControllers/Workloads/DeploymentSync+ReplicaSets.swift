import HollowModel

// Finding a Deployment's new and old ReplicaSets, building the new one, and the annotations that carry revisions and
// sizes (`deployment/util/deployment_util.go`).

extension DeploymentSync {
    /// `pod-template-hash`: on a Deployment's ReplicaSets' labels, selector and template, and so on their pods.
    public static let podTemplateHashLabel = "pod-template-hash"
    public static let revisionAnnotation = "deployment.kubernetes.io/revision"
    public static let revisionHistoryAnnotation = "deployment.kubernetes.io/revision-history"
    public static let desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
    public static let maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"
    /// `maxRevHistoryLengthInChars`.
    static let revisionHistoryLimitInCharacters = 2000

    /// Deployment annotations not copied onto ReplicaSets (`annotationsToSkip`).
    static let annotationsNotCopied: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", revisionAnnotation, revisionHistoryAnnotation,
        desiredReplicasAnnotation, maxReplicasAnnotation, "deprecated.deployment.rollback.to",
    ]

    /// `EqualIgnoreHash`: the two `PodTemplateSpec`s are equal once `pod-template-hash` is removed from their labels.
    /// Equality is semantic as apimachinery's: member order does not matter, and a null, empty object or empty array
    /// equals a missing member.
    public static func equalIgnoringHash(_ lhs: JSON?, _ rhs: JSON?) -> Bool {
        func normalized(_ template: JSON?) -> JSON {
            var template = template ?? .object([:])
            template[path: ["metadata", "labels", podTemplateHashLabel]] = nil
            return withoutEmptyMembers(template)
        }
        return normalized(lhs).isEquivalent(to: normalized(rhs))
    }

    private static func withoutEmptyMembers(_ value: JSON) -> JSON {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for member in object {
                let child = withoutEmptyMembers(member.value)
                switch child {
                case .null: continue
                case .object(let inner) where inner.isEmpty: continue
                case .array(let inner) where inner.isEmpty: continue
                default: result[member.key] = child
                }
            }
            return .object(result)
        case .array(let elements):
            return .array(elements.map(withoutEmptyMembers))
        default:
            return value
        }
    }

    /// `FindNewReplicaSet`: the oldest ReplicaSet whose template equals the Deployment's, ignoring the hash label.
    public static func findNewReplicaSet(deployment: Deployment, replicaSets: [ReplicaSet]) -> ReplicaSet? {
        replicaSets.sorted(by: replicaSetCreatedBefore).first { equalIgnoringHash($0.template, deployment.template) }
    }

    /// `FindOldReplicaSets`: every ReplicaSet but the new one (`all`), and those of them with replicas (`required`).
    public static func findOldReplicaSets(
        deployment: Deployment, replicaSets: [ReplicaSet]
    ) -> (required: [ReplicaSet], all: [ReplicaSet]) {
        let newReplicaSet = findNewReplicaSet(deployment: deployment, replicaSets: replicaSets)
        let old = replicaSets.filter { $0.name != newReplicaSet?.name }
        return (old.filter { $0.replicas != 0 }, old)
    }

    /// `Revision`: the revision annotation as a number; 0 when absent, `nil` when it does not parse.
    public static func revision(of replicaSet: ReplicaSet) -> Int64? {
        guard let text = replicaSet.metadata.annotations[revisionAnnotation] else { return 0 }
        return Int64(text)
    }

    /// `MaxRevision`: the highest revision among `replicaSets` (those that do not parse are skipped).
    public static func maxRevision(_ replicaSets: [ReplicaSet]) -> Int64 {
        replicaSets.compactMap(revision(of:)).max().map { max($0, 0) } ?? 0
    }

    /// `getNonNegativeInt32FromAnnotation`: a non-negative `Int32`, or `nil` when absent or malformed.
    static func nonNegativeAnnotation(_ replicaSet: ReplicaSet, _ key: String) -> Int? {
        guard let text = replicaSet.metadata.annotations[key], let value = Int32(text), value >= 0,
            text.first != "+"
        else { return nil }
        return Int(value)
    }

    /// `SetReplicasAnnotations`: records the Deployment's size and maximum size on the ReplicaSet; true if it changed.
    @discardableResult
    static func setReplicasAnnotations(_ replicaSet: inout ReplicaSet, desired: Int, max: Int) -> Bool {
        var annotations = replicaSet.metadata.annotations
        let before = annotations
        annotations[desiredReplicasAnnotation] = String(desired)
        annotations[maxReplicasAnnotation] = String(max)
        guard annotations != before else { return false }
        replicaSet.metadata.annotations = annotations
        return true
    }

    /// `ReplicasAnnotationsNeedUpdate`.
    static func replicasAnnotationsNeedUpdate(_ replicaSet: ReplicaSet, desired: Int, max: Int) -> Bool {
        let annotations = replicaSet.metadata.annotations
        return annotations[desiredReplicasAnnotation] != String(desired)
            || annotations[maxReplicasAnnotation] != String(max)
    }

    /// `SetNewReplicaSetAnnotations`: copies the Deployment's annotations (but the skipped ones), raises the revision to
    /// `newRevision` if it is lower (keeping the previous one in `revision-history`, as a rollback does), and for a
    /// ReplicaSet about to be created records the replica annotations. True if anything changed.
    static func setNewReplicaSetAnnotations(
        deployment: Deployment, replicaSet: inout ReplicaSet, newRevision: Int64, exists: Bool,
        historyLimitInCharacters: Int = revisionHistoryLimitInCharacters
    ) -> Bool {
        var annotations = replicaSet.metadata.annotations
        var changed = false
        for (key, value) in deployment.metadata.annotations where !annotationsNotCopied.contains(key) {
            if annotations[key] != value {
                annotations[key] = value
                changed = true
            }
        }
        let oldRevision = annotations[revisionAnnotation]
        let oldRevisionNumber: Int64
        if let oldRevision, !oldRevision.isEmpty {
            guard let number = Int64(oldRevision) else {
                replicaSet.metadata.annotations = annotations
                return false
            }
            oldRevisionNumber = number
        } else {
            oldRevisionNumber = 0
        }
        if oldRevisionNumber < newRevision {
            annotations[revisionAnnotation] = String(newRevision)
            changed = true
            if let oldRevision {
                let history = annotations[revisionHistoryAnnotation] ?? ""
                var revisions = history.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if revisions.first?.isEmpty ?? true {
                    annotations[revisionHistoryAnnotation] = oldRevision
                } else {
                    var totalLength = history.utf8.count + oldRevision.utf8.count + 1
                    var start = 0
                    while totalLength > historyLimitInCharacters && start < revisions.count {
                        totalLength -= revisions[start].utf8.count + 1
                        start += 1
                    }
                    if totalLength <= historyLimitInCharacters {
                        revisions = Array(revisions[start...]) + [oldRevision]
                        annotations[revisionHistoryAnnotation] = revisions.joined(separator: ",")
                    }
                }
            }
        }
        replicaSet.metadata.annotations = annotations
        if !exists {
            let surge = maxSurge(deployment)
            if setReplicasAnnotations(&replicaSet, desired: deployment.replicas, max: deployment.replicas + surge) {
                changed = true
            }
        }
        return changed
    }

    /// `SetDeploymentRevision`; true if the annotation changed.
    static func setDeploymentRevision(_ deployment: inout Deployment, _ revision: String) -> Bool {
        guard deployment.metadata.annotations[revisionAnnotation] != revision else { return false }
        deployment.metadata.annotations[revisionAnnotation] = revision
        return true
    }

    /// The ReplicaSet `getNewReplicaSet` creates for `deployment`: named `<deployment>-<hash>`, controlled by the
    /// Deployment, labelled and selected with the template's labels plus `pod-template-hash`, with `replicas` and the
    /// Deployment's `minReadySeconds`. Annotations are set by `setNewReplicaSetAnnotations`.
    public static func newReplicaSet(deployment: Deployment, hash: String, replicas: Int) -> ReplicaSet {
        var template = deployment.template ?? .object([:])
        var labels = ObjectMeta(template["metadata"] ?? .object([:])).labels
        labels[podTemplateHashLabel] = hash
        template[path: ["metadata", "labels"]] = sortedStringMap(labels)

        var selector = deployment.selector ?? .object([:])
        var matchLabels = ObjectMeta(["labels": selector["matchLabels"] ?? .object([:])]).labels
        matchLabels[podTemplateHashLabel] = hash
        selector["matchLabels"] = sortedStringMap(matchLabels)

        var metadata = ObjectMeta()
        metadata.name = deployment.name + "-" + hash
        metadata.namespace = deployment.namespace
        metadata.labels = labels
        metadata.ownerReferences = [
            WorkloadPodTemplate.controllerReference(
                to: deployment, apiVersion: Deployment.apiVersion, kind: Deployment.kindName)
        ]
        var spec: JSONObject = ["replicas": .int(Int64(replicas))]
        if deployment.minReadySeconds != 0 { spec["minReadySeconds"] = .int(Int64(deployment.minReadySeconds)) }
        spec["selector"] = selector
        spec["template"] = template
        return ReplicaSet([
            "apiVersion": .string(ReplicaSet.apiVersion), "kind": .string(ReplicaSet.kindName),
            "metadata": metadata.object, "spec": .object(spec),
        ])
    }

    private static func sortedStringMap(_ map: [String: String]) -> JSON {
        .object(JSONObject(map.keys.sorted().map { ($0, JSON.string(map[$0]!)) }))
    }
}
