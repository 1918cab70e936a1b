// Protobuf field tables for k8s.io/api `networking/v1` at v0.36.3: Ingress.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// networking/v1 `Ingress`.
    static let ingress = ProtoMessage("Ingress", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.ingressSpec)),
        .value(3, "status", .message(.ingressStatus)),
    ])

    /// networking/v1 `IngressSpec`.
    static let ingressSpec = ProtoMessage("IngressSpec", [
        .pointer(4, "ingressClassName", .string),
        .pointer(1, "defaultBackend", .message(.ingressBackend)),
        .repeated(2, "tls", .message(.ingressTLS)),
        .repeated(3, "rules", .message(.ingressRule)),
    ])

    /// networking/v1 `IngressBackend`.
    static let ingressBackend = ProtoMessage("IngressBackend", [
        .pointer(4, "service", .message(.ingressServiceBackend)),
        .pointer(3, "resource", .message(.typedLocalObjectReference)),
    ])

    /// networking/v1 `IngressServiceBackend`.
    static let ingressServiceBackend = ProtoMessage("IngressServiceBackend", [
        .value(1, "name", .string),
        .value(2, "port", .message(.serviceBackendPort)),
    ])

    /// networking/v1 `ServiceBackendPort`.
    static let serviceBackendPort = ProtoMessage("ServiceBackendPort", [
        .omitEmpty(1, "name", .string),
        .omitEmpty(2, "number", .int32),
    ])

    /// networking/v1 `IngressTLS`.
    static let ingressTLS = ProtoMessage("IngressTLS", [
        .repeated(1, "hosts", .string),
        .omitEmpty(2, "secretName", .string),
    ])

    /// networking/v1 `IngressRule`.
    static let ingressRule = ProtoMessage("IngressRule", [
        .omitEmpty(1, "host", .string),
        .inline(2, .ingressRuleValue),
    ])

    /// networking/v1 `IngressRuleValue`.
    static let ingressRuleValue = ProtoMessage("IngressRuleValue", [
        .pointer(1, "http", .message(.httpIngressRuleValue)),
    ])

    /// networking/v1 `HTTPIngressRuleValue`.
    static let httpIngressRuleValue = ProtoMessage("HTTPIngressRuleValue", [
        .repeatedOrNull(1, "paths", .message(.httpIngressPath)),
    ])

    /// networking/v1 `HTTPIngressPath`.
    static let httpIngressPath = ProtoMessage("HTTPIngressPath", [
        .omitEmpty(1, "path", .string),
        .pointerOrNull(3, "pathType", .string),
        .value(2, "backend", .message(.ingressBackend)),
    ])

    /// networking/v1 `IngressStatus`.
    static let ingressStatus = ProtoMessage("IngressStatus", [
        .value(1, "loadBalancer", .message(.ingressLoadBalancerStatus)),
    ])

    /// networking/v1 `IngressLoadBalancerStatus`.
    static let ingressLoadBalancerStatus = ProtoMessage("IngressLoadBalancerStatus", [
        .repeated(1, "ingress", .message(.ingressLoadBalancerIngress)),
    ])

    /// networking/v1 `IngressLoadBalancerIngress`.
    static let ingressLoadBalancerIngress = ProtoMessage("IngressLoadBalancerIngress", [
        .omitEmpty(1, "ip", .string),
        .omitEmpty(2, "hostname", .string),
        .repeated(4, "ports", .message(.ingressPortStatus)),
    ])

    /// networking/v1 `IngressPortStatus`.
    static let ingressPortStatus = ProtoMessage("IngressPortStatus", [
        .value(1, "port", .int32),
        .value(2, "protocol", .string),
        .pointer(3, "error", .string),
    ])
}
