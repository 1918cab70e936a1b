import HollowModel

/// Core v1 scheduling types of a pod: affinity, tolerations, topology spread, DNS and the small pieces of PodSpec.
extension SchemaCatalog {
    mutating func addScheduling() {
        let core = Self.core
        object(
            core("Affinity"), "Scheduling constraints relative to nodes and other pods.",
            [
                "nodeAffinity": .ref(core("NodeAffinity"), "Which nodes the pod may or prefers to run on."),
                "podAffinity": .ref(core("PodAffinity"), "Pods to run near."),
                "podAntiAffinity": .ref(core("PodAntiAffinity"), "Pods to keep away from."),
            ])
        object(
            core("NodeAffinity"), "Constraints on the nodes a pod runs on.",
            [
                "requiredDuringSchedulingIgnoredDuringExecution": .ref(
                    core("NodeSelector"), "Nodes that must match; checked at scheduling only."),
                "preferredDuringSchedulingIgnoredDuringExecution": .array(
                    .ref(core("PreferredSchedulingTerm")), "Weighted preferences between nodes."
                ).atomic(),
            ])
        define(
            core("NodeSelector"),
            .object(
                "Selects nodes: any term may match.", required: ["nodeSelectorTerms"],
                ["nodeSelectorTerms": .array(.ref(core("NodeSelectorTerm")), "Terms, ORed.").atomic()]
            ).atomicStruct())
        define(
            core("NodeSelectorTerm"),
            .object(
                "Requirements on a node, ANDed.",
                [
                    "matchExpressions": .array(.ref(core("NodeSelectorRequirement")), "Requirements on labels.")
                        .atomic(),
                    "matchFields": .array(.ref(core("NodeSelectorRequirement")), "Requirements on fields.").atomic(),
                ]
            ).atomicStruct())
        object(
            core("NodeSelectorRequirement"), "A requirement on a node label or field.", required: ["key", "operator"],
            [
                "key": .string("Label key or field path."),
                "operator": .string("In, NotIn, Exists, DoesNotExist, Gt or Lt."),
                "values": .array(.string(), "Values to compare with.").atomic(),
            ])
        object(
            core("PreferredSchedulingTerm"), "A weighted node preference.", required: ["weight", "preference"],
            [
                "weight": .int32("Weight from 1 to 100."),
                "preference": .ref(core("NodeSelectorTerm"), "Nodes this weight applies to."),
            ])
        for (name, description) in [
            ("PodAffinity", "Pods to run near."), ("PodAntiAffinity", "Pods to keep away from."),
        ] {
            define(
                core(name),
                .object(
                    description,
                    [
                        "requiredDuringSchedulingIgnoredDuringExecution": .array(
                            .ref(core("PodAffinityTerm")), "Terms that must hold; checked at scheduling only."
                        ).atomic(),
                        "preferredDuringSchedulingIgnoredDuringExecution": .array(
                            .ref(core("WeightedPodAffinityTerm")), "Weighted preferences."
                        ).atomic(),
                    ]))
        }
        object(
            core("PodAffinityTerm"), "Pods in the same topology domain, selected by labels.",
            required: ["topologyKey"],
            [
                "labelSelector": .ref(Self.labelSelector, "Which pods."),
                "namespaces": .array(.string(), "Namespaces to look in; the pod's own by default.").atomic(),
                "topologyKey": .string("Node label whose value defines a domain, such as a zone."),
                "namespaceSelector": .ref(Self.labelSelector, "Namespaces to look in, by label."),
                "matchLabelKeys": .array(.string(), "Pod label keys whose values join the selector.").atomic(),
                "mismatchLabelKeys": .array(.string(), "Pod label keys whose values must differ.").atomic(),
            ])
        object(
            core("WeightedPodAffinityTerm"), "A weighted pod affinity term.", required: ["weight", "podAffinityTerm"],
            [
                "weight": .int32("Weight from 1 to 100."),
                "podAffinityTerm": .ref(core("PodAffinityTerm"), "The term."),
            ])
        object(
            core("Toleration"), "Lets a pod run on nodes with a matching taint.",
            [
                "key": .string("Taint key; empty with Exists matches every taint."),
                "operator": .string("Exists or Equal."),
                "value": .string("Taint value for Equal."),
                "effect": .string("Effect to match; empty matches all."),
                "tolerationSeconds": .int64("How long a NoExecute taint is tolerated."),
            ])
        object(
            core("TopologySpreadConstraint"), "How to spread matching pods across topology domains.",
            required: ["maxSkew", "topologyKey", "whenUnsatisfiable"],
            [
                "maxSkew": .int32("Largest allowed difference in matching pods between domains."),
                "topologyKey": .string("Node label whose value defines a domain."),
                "whenUnsatisfiable": .string("DoNotSchedule or ScheduleAnyway."),
                "labelSelector": .ref(Self.labelSelector, "Which pods count."),
                "minDomains": .int32("Minimum number of eligible domains."),
                "nodeAffinityPolicy": .string("Honor or Ignore the pod's node affinity when counting."),
                "nodeTaintsPolicy": .string("Honor or Ignore node taints when counting."),
                "matchLabelKeys": .array(.string(), "Pod label keys whose values join the selector.").atomic(),
            ])
        object(
            core("PodReadinessGate"), "An extra condition a pod needs to be ready.", required: ["conditionType"],
            ["conditionType": .string("Condition type in the pod's conditions.")])
        object(
            core("PodDNSConfig"), "DNS settings of a pod.",
            [
                "nameservers": .array(.string(), "Name server IPs.").atomic(),
                "searches": .array(.string(), "Search domains.").atomic(),
                "options": .array(.ref(core("PodDNSConfigOption")), "Resolver options.").atomic(),
            ])
        object(
            core("PodDNSConfigOption"), "A resolver option.",
            [
                "name": .string("Option name."),
                "value": .string("Option value."),
            ])
        object(
            core("HostAlias"), "An /etc/hosts entry.", required: ["ip"],
            [
                "ip": .string("The address."),
                "hostnames": .array(.string(), "Names for the address.").atomic(),
            ])
        object(
            core("PodOS"), "Operating system a pod needs.", required: ["name"], ["name": .string("linux or windows.")])
        object(
            core("PodSchedulingGate"), "Holds a pod back from scheduling until removed.", required: ["name"],
            ["name": .string("Gate name.")])
        object(
            core("PodResourceClaim"), "A dynamic resource a pod claims.", required: ["name"],
            [
                "name": .string("Name containers use to refer to the claim."),
                "resourceClaimName": .string("An existing ResourceClaim."),
                "resourceClaimTemplateName": .string("A template to create a claim from."),
            ])
    }
}
