// Protobuf field tables for k8s.io/api `core/v1` at v0.36.3: The core kinds kubectl creates (ConfigMap, Secret,
// Namespace, ServiceAccount, Service, ResourceQuota) and their parts. Pods, containers and volumes are in `+Pods`,
// `+Containers` and `+Volumes`.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// core/v1 `ConfigMap`.
    static let configMap = ProtoMessage("ConfigMap", [
        .value(1, "metadata", .message(.objectMeta)),
        .pointer(4, "immutable", .bool),
        .map(2, "data", .string),
        .map(3, "binaryData", .bytes),
    ])

    /// core/v1 `Secret`.
    static let secret = ProtoMessage("Secret", [
        .value(1, "metadata", .message(.objectMeta)),
        .pointer(5, "immutable", .bool),
        .map(2, "data", .bytes),
        .map(4, "stringData", .string),
        .omitEmpty(3, "type", .string),
    ])

    /// core/v1 `Namespace`.
    static let namespace = ProtoMessage("Namespace", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.namespaceSpec)),
        .value(3, "status", .message(.namespaceStatus)),
    ])

    /// core/v1 `NamespaceSpec`.
    static let namespaceSpec = ProtoMessage("NamespaceSpec", [
        .repeated(1, "finalizers", .string),
    ])

    /// core/v1 `NamespaceStatus`.
    static let namespaceStatus = ProtoMessage("NamespaceStatus", [
        .omitEmpty(1, "phase", .string),
        .repeated(2, "conditions", .message(.namespaceCondition)),
    ])

    /// core/v1 `NamespaceCondition`.
    static let namespaceCondition = ProtoMessage("NamespaceCondition", [
        .value(1, "type", .string),
        .value(2, "status", .string),
        .value(4, "lastTransitionTime", .time),
        .omitEmpty(5, "reason", .string),
        .omitEmpty(6, "message", .string),
    ])

    /// core/v1 `ServiceAccount`.
    static let serviceAccount = ProtoMessage("ServiceAccount", [
        .value(1, "metadata", .message(.objectMeta)),
        .repeated(2, "secrets", .message(.objectReference)),
        .repeated(3, "imagePullSecrets", .message(.localObjectReference)),
        .pointer(4, "automountServiceAccountToken", .bool),
    ])

    /// core/v1 `ObjectReference`.
    static let objectReference = ProtoMessage("ObjectReference", [
        .omitEmpty(1, "kind", .string),
        .omitEmpty(2, "namespace", .string),
        .omitEmpty(3, "name", .string),
        .omitEmpty(4, "uid", .string),
        .omitEmpty(5, "apiVersion", .string),
        .omitEmpty(6, "resourceVersion", .string),
        .omitEmpty(7, "fieldPath", .string),
    ])

    /// core/v1 `Service`.
    static let service = ProtoMessage("Service", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.serviceSpec)),
        .value(3, "status", .message(.serviceStatus)),
    ])

    /// core/v1 `ServiceSpec`.
    static let serviceSpec = ProtoMessage("ServiceSpec", [
        .repeated(1, "ports", .message(.servicePort)),
        .map(2, "selector", .string),
        .omitEmpty(3, "clusterIP", .string),
        .repeated(18, "clusterIPs", .string),
        .omitEmpty(4, "type", .string),
        .repeated(5, "externalIPs", .string),
        .omitEmpty(7, "sessionAffinity", .string),
        .omitEmpty(8, "loadBalancerIP", .string),
        .repeated(9, "loadBalancerSourceRanges", .string),
        .omitEmpty(10, "externalName", .string),
        .omitEmpty(11, "externalTrafficPolicy", .string),
        .omitEmpty(12, "healthCheckNodePort", .int32),
        .omitEmpty(13, "publishNotReadyAddresses", .bool),
        .pointer(14, "sessionAffinityConfig", .message(.sessionAffinityConfig)),
        .repeated(19, "ipFamilies", .string),
        .pointer(17, "ipFamilyPolicy", .string),
        .pointer(20, "allocateLoadBalancerNodePorts", .bool),
        .pointer(21, "loadBalancerClass", .string),
        .pointer(22, "internalTrafficPolicy", .string),
        .pointer(23, "trafficDistribution", .string),
    ])

    /// core/v1 `ServicePort`.
    static let servicePort = ProtoMessage("ServicePort", [
        .omitEmpty(1, "name", .string),
        .omitEmpty(2, "protocol", .string),
        .pointer(6, "appProtocol", .string),
        .value(3, "port", .int32),
        .value(4, "targetPort", .intOrString),
        .omitEmpty(5, "nodePort", .int32),
    ])

    /// core/v1 `SessionAffinityConfig`.
    static let sessionAffinityConfig = ProtoMessage("SessionAffinityConfig", [
        .pointer(1, "clientIP", .message(.clientIPConfig)),
    ])

    /// core/v1 `ClientIPConfig`.
    static let clientIPConfig = ProtoMessage("ClientIPConfig", [
        .pointer(1, "timeoutSeconds", .int32),
    ])

    /// core/v1 `ServiceStatus`.
    static let serviceStatus = ProtoMessage("ServiceStatus", [
        .value(1, "loadBalancer", .message(.loadBalancerStatus)),
        .repeated(2, "conditions", .message(.condition)),
    ])

    /// core/v1 `LoadBalancerStatus`.
    static let loadBalancerStatus = ProtoMessage("LoadBalancerStatus", [
        .repeated(1, "ingress", .message(.loadBalancerIngress)),
    ])

    /// core/v1 `LoadBalancerIngress`.
    static let loadBalancerIngress = ProtoMessage("LoadBalancerIngress", [
        .omitEmpty(1, "ip", .string),
        .omitEmpty(2, "hostname", .string),
        .pointer(3, "ipMode", .string),
        .repeated(4, "ports", .message(.portStatus)),
    ])

    /// core/v1 `PortStatus`.
    static let portStatus = ProtoMessage("PortStatus", [
        .value(1, "port", .int32),
        .value(2, "protocol", .string),
        .pointer(3, "error", .string),
    ])

    /// core/v1 `ResourceQuota`.
    static let resourceQuota = ProtoMessage("ResourceQuota", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.resourceQuotaSpec)),
        .value(3, "status", .message(.resourceQuotaStatus)),
    ])

    /// core/v1 `ResourceQuotaSpec`.
    static let resourceQuotaSpec = ProtoMessage("ResourceQuotaSpec", [
        .map(1, "hard", .quantity),
        .repeated(2, "scopes", .string),
        .pointer(3, "scopeSelector", .message(.scopeSelector)),
    ])

    /// core/v1 `ScopeSelector`.
    static let scopeSelector = ProtoMessage("ScopeSelector", [
        .repeated(1, "matchExpressions", .message(.scopedResourceSelectorRequirement)),
    ])

    /// core/v1 `ScopedResourceSelectorRequirement`.
    static let scopedResourceSelectorRequirement = ProtoMessage("ScopedResourceSelectorRequirement", [
        .value(1, "scopeName", .string),
        .value(2, "operator", .string),
        .repeated(3, "values", .string),
    ])

    /// core/v1 `ResourceQuotaStatus`.
    static let resourceQuotaStatus = ProtoMessage("ResourceQuotaStatus", [
        .map(1, "hard", .quantity),
        .map(2, "used", .quantity),
    ])
}
