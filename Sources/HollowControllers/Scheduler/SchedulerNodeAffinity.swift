import HollowModel

/// One `NodeSelectorTerm`, parsed once per pod (`nodeaffinity.nodeSelectorTerm`): `matchExpressions` on labels and
/// `matchFields` on `metadata.name`, ANDed.
///
/// A term that does not parse (an unknown operator, a requirement `labels.NewRequirement` rejects, a field
/// requirement without exactly one value) matches no node, as kube's `LazyErrorNodeSelector` treats it.
struct SchedulerNodeSelectorTerm: Sendable {
    struct FieldRequirement: Sendable {
        var key: String
        var isIn: Bool
        var value: String
    }

    /// `nil` when the term has no `matchExpressions`.
    var labelRequirements: [LabelSelector.Requirement]?
    /// `nil` when the term has no `matchFields`.
    var fieldRequirements: [FieldRequirement]?
    var isValid = true

    /// `nil` for an empty term, which selects nothing and is dropped (`isEmptyNodeSelectorTerm`).
    init?(_ json: JSON) {
        let expressions = json["matchExpressions"]?.arrayValue ?? []
        let fields = json["matchFields"]?.arrayValue ?? []
        if expressions.isEmpty && fields.isEmpty { return nil }

        if !expressions.isEmpty {
            var requirements: [LabelSelector.Requirement] = []
            for expression in expressions {
                guard let requirement = Self.labelRequirement(expression) else {
                    isValid = false
                    break
                }
                requirements.append(requirement)
            }
            labelRequirements = requirements
        }
        if !fields.isEmpty {
            var requirements: [FieldRequirement] = []
            for field in fields {
                let values = field["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
                let op = field["operator"]?.stringValue ?? ""
                guard op == "In" || op == "NotIn", values.count == 1 else {
                    isValid = false
                    break
                }
                requirements.append(
                    FieldRequirement(key: field["key"]?.stringValue ?? "", isIn: op == "In", value: values[0]))
            }
            fieldRequirements = requirements
        }
    }

    private static func labelRequirement(_ json: JSON) -> LabelSelector.Requirement? {
        let op: LabelSelector.Requirement.Operator
        switch json["operator"]?.stringValue {
        case "In": op = .in
        case "NotIn": op = .notIn
        case "Exists": op = .exists
        case "DoesNotExist": op = .doesNotExist
        case "Gt": op = .greaterThan
        case "Lt": op = .lessThan
        default: return nil
        }
        let values = json["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return try? LabelSelector.Requirement(key: json["key"]?.stringValue ?? "", operator: op, values: values)
    }

    /// `nodeSelectorTerm.match`: the label requirements all hold, and the field requirements all hold on
    /// `metadata.name` (the only node field; any other key reads as empty). A node without a name skips the fields.
    func matches(labels: [String: String], nodeName: String) -> Bool {
        guard isValid else { return false }
        if let labelRequirements {
            for requirement in labelRequirements where !requirement.matches(labels) { return false }
        }
        if let fieldRequirements, !nodeName.isEmpty {
            for requirement in fieldRequirements {
                let actual = requirement.key == "metadata.name" ? nodeName : ""
                if (actual == requirement.value) != requirement.isIn { return false }
            }
        }
        return true
    }
}

/// A pod's node placement constraints (`nodeaffinity.RequiredNodeAffinity` plus the preferred terms), parsed once
/// per scheduling attempt.
struct SchedulerNodeAffinity: Sendable {
    /// `spec.nodeSelector`, `nil` when absent or empty.
    var nodeSelector: [(key: String, value: String)]?
    /// `requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms` without empty terms, ORed; `nil` when the
    /// pod has no required node affinity. An empty array matches no node.
    var requiredTerms: [SchedulerNodeSelectorTerm]?
    /// The NodeAffinity PreFilter's node names from `matchFields` `metadata.name In` (`nil`: all nodes), and
    /// whether the terms contradict each other.
    var preFilterNodeNames: Set<String>?
    var preFilterConflict = false
    /// `preferredDuringSchedulingIgnoredDuringExecution` with a non-zero weight and a non-empty, valid preference.
    var preferredTerms: [(weight: Int64, term: SchedulerNodeSelectorTerm)] = []
    /// Whether the Filter runs at all (PreFilter returns Skip without node selector and required affinity).
    var filters: Bool

    init(_ pod: Pod) {
        let spec = pod.object["spec"]
        let selector = spec?["nodeSelector"]?.objectValue
        if let selector, !selector.isEmpty {
            nodeSelector = selector.members.map { ($0.key, $0.value.stringValue ?? "") }
        }
        let nodeAffinity = spec?[path: ["affinity", "nodeAffinity"]]
        let required = nodeAffinity?["requiredDuringSchedulingIgnoredDuringExecution"]
        let requiredJSON = required.flatMap { $0.isNull ? nil : $0 }
        filters = requiredJSON != nil || (selector != nil)
        if let requiredJSON {
            let terms = requiredJSON["nodeSelectorTerms"]?.arrayValue ?? []
            requiredTerms = terms.compactMap(SchedulerNodeSelectorTerm.init)
            (preFilterNodeNames, preFilterConflict) = Self.preFilter(terms)
        }
        for preference in nodeAffinity?["preferredDuringSchedulingIgnoredDuringExecution"]?.arrayValue ?? [] {
            let weight = preference["weight"]?.intValue ?? 0
            guard weight != 0, let preferenceJSON = preference["preference"],
                let term = SchedulerNodeSelectorTerm(preferenceJSON), term.isValid
            else { continue }
            preferredTerms.append((weight, term))
        }
    }

    /// NodeAffinity's PreFilter: when every term pins `metadata.name In (…)`, only those nodes are evaluated; the
    /// union of the terms' intersections being empty is the conflict `pod affinity terms conflict`.
    private static func preFilter(_ terms: [JSON]) -> (Set<String>?, Bool) {
        guard !terms.isEmpty else { return (nil, false) }
        var nodeNames: Set<String> = []
        for term in terms {
            var termNames: Set<String>?
            for field in term["matchFields"]?.arrayValue ?? []
            where field["key"]?.stringValue == "metadata.name" && field["operator"]?.stringValue == "In" {
                let values = Set(field["values"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                termNames = termNames.map { $0.intersection(values) } ?? values
            }
            guard let termNames else { return (nil, false) }
            nodeNames.formUnion(termNames)
        }
        return nodeNames.isEmpty ? (nil, true) : (nodeNames, false)
    }

    /// `RequiredNodeAffinity.Match`: the node selector and then one of the required terms.
    func matches(labels: [String: String], nodeName: String) -> Bool {
        if let nodeSelector {
            for (key, value) in nodeSelector where labels[key] != value { return false }
        }
        if let requiredTerms {
            return requiredTerms.contains { $0.matches(labels: labels, nodeName: nodeName) }
        }
        return true
    }

    /// `PreferredSchedulingTerms.Score`: the sum of the weights of the preferred terms the node matches.
    func preferredScore(labels: [String: String], nodeName: String) -> Int64 {
        var score: Int64 = 0
        for (weight, term) in preferredTerms where term.matches(labels: labels, nodeName: nodeName) {
            score += weight
        }
        return score
    }
}
