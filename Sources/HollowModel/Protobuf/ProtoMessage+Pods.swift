// Protobuf field tables for k8s.io/api `core/v1` at v0.36.3: PodTemplateSpec and PodSpec with scheduling, security
// and DNS settings.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// core/v1 `PodTemplateSpec`.
    static let podTemplateSpec = ProtoMessage("PodTemplateSpec", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.podSpec)),
    ])

    /// core/v1 `PodSpec`.
    static let podSpec = ProtoMessage("PodSpec", [
        .repeated(1, "volumes", .message(.volume)),
        .repeated(20, "initContainers", .message(.container)),
        .repeatedOrNull(2, "containers", .message(.container)),
        .repeated(34, "ephemeralContainers", .message(.ephemeralContainer)),
        .omitEmpty(3, "restartPolicy", .string),
        .pointer(4, "terminationGracePeriodSeconds", .int64),
        .pointer(5, "activeDeadlineSeconds", .int64),
        .omitEmpty(6, "dnsPolicy", .string),
        .map(7, "nodeSelector", .string),
        .omitEmpty(8, "serviceAccountName", .string),
        .omitEmpty(9, "serviceAccount", .string),
        .pointer(21, "automountServiceAccountToken", .bool),
        .omitEmpty(10, "nodeName", .string),
        .omitEmpty(11, "hostNetwork", .bool),
        .omitEmpty(12, "hostPID", .bool),
        .omitEmpty(13, "hostIPC", .bool),
        .pointer(27, "shareProcessNamespace", .bool),
        .pointer(14, "securityContext", .message(.podSecurityContext)),
        .repeated(15, "imagePullSecrets", .message(.localObjectReference)),
        .omitEmpty(16, "hostname", .string),
        .omitEmpty(17, "subdomain", .string),
        .pointer(18, "affinity", .message(.affinity)),
        .omitEmpty(19, "schedulerName", .string),
        .repeated(22, "tolerations", .message(.toleration)),
        .repeated(23, "hostAliases", .message(.hostAlias)),
        .omitEmpty(24, "priorityClassName", .string),
        .pointer(25, "priority", .int32),
        .pointer(26, "dnsConfig", .message(.podDNSConfig)),
        .repeated(28, "readinessGates", .message(.podReadinessGate)),
        .pointer(29, "runtimeClassName", .string),
        .pointer(30, "enableServiceLinks", .bool),
        .pointer(31, "preemptionPolicy", .string),
        .map(32, "overhead", .quantity),
        .repeated(33, "topologySpreadConstraints", .message(.topologySpreadConstraint)),
        .pointer(35, "setHostnameAsFQDN", .bool),
        .pointer(36, "os", .message(.podOS)),
        .pointer(37, "hostUsers", .bool),
        .repeated(38, "schedulingGates", .message(.podSchedulingGate)),
        .repeated(39, "resourceClaims", .message(.podResourceClaim)),
        .pointer(40, "resources", .message(.resourceRequirements)),
        .pointer(41, "hostnameOverride", .string),
        .pointer(43, "schedulingGroup", .message(.podSchedulingGroup)),
    ])

    /// core/v1 `PodSecurityContext`.
    static let podSecurityContext = ProtoMessage("PodSecurityContext", [
        .pointer(1, "seLinuxOptions", .message(.seLinuxOptions)),
        .pointer(8, "windowsOptions", .message(.windowsSecurityContextOptions)),
        .pointer(2, "runAsUser", .int64),
        .pointer(6, "runAsGroup", .int64),
        .pointer(3, "runAsNonRoot", .bool),
        .repeated(4, "supplementalGroups", .int64),
        .pointer(12, "supplementalGroupsPolicy", .string),
        .pointer(5, "fsGroup", .int64),
        .repeated(7, "sysctls", .message(.sysctl)),
        .pointer(9, "fsGroupChangePolicy", .string),
        .pointer(10, "seccompProfile", .message(.seccompProfile)),
        .pointer(11, "appArmorProfile", .message(.appArmorProfile)),
        .pointer(13, "seLinuxChangePolicy", .string),
    ])

    /// core/v1 `Sysctl`.
    static let sysctl = ProtoMessage("Sysctl", [
        .value(1, "name", .string),
        .value(2, "value", .string),
    ])

    /// core/v1 `Affinity`.
    static let affinity = ProtoMessage("Affinity", [
        .pointer(1, "nodeAffinity", .message(.nodeAffinity)),
        .pointer(2, "podAffinity", .message(.podAffinity)),
        .pointer(3, "podAntiAffinity", .message(.podAntiAffinity)),
    ])

    /// core/v1 `NodeAffinity`.
    static let nodeAffinity = ProtoMessage("NodeAffinity", [
        .pointer(1, "requiredDuringSchedulingIgnoredDuringExecution", .message(.nodeSelector)),
        .repeated(2, "preferredDuringSchedulingIgnoredDuringExecution", .message(.preferredSchedulingTerm)),
    ])

    /// core/v1 `NodeSelector`.
    static let nodeSelector = ProtoMessage("NodeSelector", [
        .repeatedOrNull(1, "nodeSelectorTerms", .message(.nodeSelectorTerm)),
    ])

    /// core/v1 `NodeSelectorTerm`.
    static let nodeSelectorTerm = ProtoMessage("NodeSelectorTerm", [
        .repeated(1, "matchExpressions", .message(.nodeSelectorRequirement)),
        .repeated(2, "matchFields", .message(.nodeSelectorRequirement)),
    ])

    /// core/v1 `NodeSelectorRequirement`.
    static let nodeSelectorRequirement = ProtoMessage("NodeSelectorRequirement", [
        .value(1, "key", .string),
        .value(2, "operator", .string),
        .repeated(3, "values", .string),
    ])

    /// core/v1 `PreferredSchedulingTerm`.
    static let preferredSchedulingTerm = ProtoMessage("PreferredSchedulingTerm", [
        .value(1, "weight", .int32),
        .value(2, "preference", .message(.nodeSelectorTerm)),
    ])

    /// core/v1 `PodAffinity`.
    static let podAffinity = ProtoMessage("PodAffinity", [
        .repeated(1, "requiredDuringSchedulingIgnoredDuringExecution", .message(.podAffinityTerm)),
        .repeated(2, "preferredDuringSchedulingIgnoredDuringExecution", .message(.weightedPodAffinityTerm)),
    ])

    /// core/v1 `PodAffinityTerm`.
    static let podAffinityTerm = ProtoMessage("PodAffinityTerm", [
        .pointer(1, "labelSelector", .message(.labelSelector)),
        .repeated(2, "namespaces", .string),
        .value(3, "topologyKey", .string),
        .pointer(4, "namespaceSelector", .message(.labelSelector)),
        .repeated(5, "matchLabelKeys", .string),
        .repeated(6, "mismatchLabelKeys", .string),
    ])

    /// core/v1 `WeightedPodAffinityTerm`.
    static let weightedPodAffinityTerm = ProtoMessage("WeightedPodAffinityTerm", [
        .value(1, "weight", .int32),
        .value(2, "podAffinityTerm", .message(.podAffinityTerm)),
    ])

    /// core/v1 `PodAntiAffinity`.
    static let podAntiAffinity = ProtoMessage("PodAntiAffinity", [
        .repeated(1, "requiredDuringSchedulingIgnoredDuringExecution", .message(.podAffinityTerm)),
        .repeated(2, "preferredDuringSchedulingIgnoredDuringExecution", .message(.weightedPodAffinityTerm)),
    ])

    /// core/v1 `Toleration`.
    static let toleration = ProtoMessage("Toleration", [
        .omitEmpty(1, "key", .string),
        .omitEmpty(2, "operator", .string),
        .omitEmpty(3, "value", .string),
        .omitEmpty(4, "effect", .string),
        .pointer(5, "tolerationSeconds", .int64),
    ])

    /// core/v1 `HostAlias`.
    static let hostAlias = ProtoMessage("HostAlias", [
        .value(1, "ip", .string),
        .repeated(2, "hostnames", .string),
    ])

    /// core/v1 `PodDNSConfig`.
    static let podDNSConfig = ProtoMessage("PodDNSConfig", [
        .repeated(1, "nameservers", .string),
        .repeated(2, "searches", .string),
        .repeated(3, "options", .message(.podDNSConfigOption)),
    ])

    /// core/v1 `PodDNSConfigOption`.
    static let podDNSConfigOption = ProtoMessage("PodDNSConfigOption", [
        .omitEmpty(1, "name", .string),
        .pointer(2, "value", .string),
    ])

    /// core/v1 `PodReadinessGate`.
    static let podReadinessGate = ProtoMessage("PodReadinessGate", [
        .value(1, "conditionType", .string),
    ])

    /// core/v1 `TopologySpreadConstraint`.
    static let topologySpreadConstraint = ProtoMessage("TopologySpreadConstraint", [
        .value(1, "maxSkew", .int32),
        .value(2, "topologyKey", .string),
        .value(3, "whenUnsatisfiable", .string),
        .pointer(4, "labelSelector", .message(.labelSelector)),
        .pointer(5, "minDomains", .int32),
        .pointer(6, "nodeAffinityPolicy", .string),
        .pointer(7, "nodeTaintsPolicy", .string),
        .repeated(8, "matchLabelKeys", .string),
    ])

    /// core/v1 `PodOS`.
    static let podOS = ProtoMessage("PodOS", [
        .value(1, "name", .string),
    ])

    /// core/v1 `PodSchedulingGate`.
    static let podSchedulingGate = ProtoMessage("PodSchedulingGate", [
        .value(1, "name", .string),
    ])

    /// core/v1 `PodResourceClaim`.
    static let podResourceClaim = ProtoMessage("PodResourceClaim", [
        .value(1, "name", .string),
        .pointer(3, "resourceClaimName", .string),
        .pointer(4, "resourceClaimTemplateName", .string),
    ])

    /// core/v1 `PodSchedulingGroup`.
    static let podSchedulingGroup = ProtoMessage("PodSchedulingGroup", [
        .pointer(1, "podGroupName", .string),
    ])
}
