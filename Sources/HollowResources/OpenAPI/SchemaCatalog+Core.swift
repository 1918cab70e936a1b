import HollowModel

/// Core v1 namespaced kinds other than Pod: ConfigMap, Secret, ServiceAccount, Service, Event, plus the shared
/// references (ObjectReference, LocalObjectReference) and Binding.
extension SchemaCatalog {
    mutating func addConfigAndIdentity() {
        let core = Self.core
        kind(
            core("ConfigMap"), Self.coreKind("ConfigMap"), "Non-secret configuration as key/value pairs.",
            [
                "immutable": .boolean("When true, data can no longer change (the object can still be deleted)."),
                "data": .stringMap("UTF-8 values by key."),
                "binaryData": .map(.bytes(), "Binary values by key, base64-encoded; keys must not repeat data's."),
            ])
        kind(
            core("Secret"), Self.coreKind("Secret"), "Sensitive data such as passwords, tokens or keys.",
            [
                "immutable": .boolean("When true, data can no longer change (the object can still be deleted)."),
                "data": .map(.bytes(), "Values by key, base64-encoded."),
                "stringData": .stringMap("Write-only plain-text values, merged into data on write."),
                "type": .string("How the data is used, such as Opaque or kubernetes.io/tls."),
            ])
        kind(
            core("ServiceAccount"), Self.coreKind("ServiceAccount"), "An identity for processes running in pods.",
            [
                "secrets": .array(.ref(core("ObjectReference")), "Deprecated: secrets holding tokens for this account.")
                    .mergeMap("name"),
                "imagePullSecrets": .array(
                    .ref(core("LocalObjectReference")), "Secrets pods of this account use to pull images."
                ).atomic(),
                "automountServiceAccountToken": .boolean("Whether pods mount an API token by default."),
            ])
        define(
            core("ObjectReference"),
            .object(
                "Points at another object.",
                [
                    "kind": .string("Kind of the object."),
                    "namespace": .string("Namespace of the object."),
                    "name": .string("Name of the object."),
                    "uid": .string("UID of the object."),
                    "apiVersion": .string("API version of the object."),
                    "resourceVersion": .string("Resource version the reference was made at."),
                    "fieldPath": .string("A part of the object, such as `spec.containers{app}`."),
                ]
            ).atomicStruct())
        define(
            core("LocalObjectReference"),
            .object("Names an object in the same namespace.", ["name": .string("Name of the object.")])
                .atomicStruct())
        subresourceKind(
            Self.binding, Self.coreKind("Binding"), "Binds a pod to a node (POST to `pods/NAME/binding`).",
            required: ["target"],
            ["target": .ref(core("ObjectReference"), "The node to bind to.")])
    }

    mutating func addService() {
        let core = Self.core
        kind(
            core("Service"), Self.coreKind("Service"), "A stable network endpoint in front of a set of pods.",
            [
                "spec": .ref(core("ServiceSpec"), "How the service should behave."),
                "status": .ref(core("ServiceStatus"), "What the service is, such as its load balancer."),
            ])
        object(
            core("ServiceSpec"), "Desired behaviour of a service.",
            [
                "ports": .array(.ref(core("ServicePort")), "Ports the service exposes.")
                    .patchMerge(key: "port").listMap("port", "protocol"),
                "selector": .stringMap("Labels of the pods traffic goes to.").atomicStruct(),
                "clusterIP": .string("Virtual IP, `None` for a headless service; assigned when empty."),
                "clusterIPs": .array(.string(), "Virtual IPs, one per IP family; the first is clusterIP.").atomic(),
                "type": .string("ClusterIP, NodePort, LoadBalancer or ExternalName."),
                "externalIPs": .array(.string(), "Extra IPs on which nodes accept traffic for the service.").atomic(),
                "sessionAffinity": .string("ClientIP or None."),
                "loadBalancerIP": .string("Deprecated: requested load balancer IP."),
                "loadBalancerSourceRanges": .array(.string(), "Client CIDRs a load balancer admits.").atomic(),
                "externalName": .string("DNS name an ExternalName service aliases."),
                "externalTrafficPolicy": .string("Cluster or Local: how external traffic is routed."),
                "healthCheckNodePort": .int32("Health check port for Local external traffic."),
                "publishNotReadyAddresses": .boolean("Publish endpoints of pods that are not ready."),
                "sessionAffinityConfig": .ref(core("SessionAffinityConfig"), "Session affinity settings."),
                "ipFamilies": .array(.string(), "IPv4 and/or IPv6, in order.").atomic(),
                "ipFamilyPolicy": .string("SingleStack, PreferDualStack or RequireDualStack."),
                "allocateLoadBalancerNodePorts": .boolean("Whether LoadBalancer services get node ports."),
                "loadBalancerClass": .string("Which load balancer implementation serves the service."),
                "internalTrafficPolicy": .string("Cluster or Local: how in-cluster traffic is routed."),
                "trafficDistribution": .string("Preference for how traffic spreads, such as PreferClose."),
            ])
        object(
            core("ServicePort"), "A port a service exposes.", required: ["port"],
            [
                "name": .string("Port name; required when there are several ports."),
                "protocol": .string("TCP, UDP or SCTP; TCP by default.").with("default", "TCP"),
                "appProtocol": .string("Application protocol, such as `http`."),
                "port": .int32("Port the service listens on."),
                "targetPort": .intOrString("Port number or name on the pods; defaults to port."),
                "nodePort": .int32("Port on every node for NodePort and LoadBalancer services."),
            ])
        object(
            core("SessionAffinityConfig"), "Session affinity settings.",
            ["clientIP": .ref(core("ClientIPConfig"), "Settings for ClientIP affinity.")])
        object(
            core("ClientIPConfig"), "ClientIP session affinity settings.",
            ["timeoutSeconds": .int32("How long a session sticks.")])
        object(
            core("ServiceStatus"), "Observed state of a service.",
            [
                "loadBalancer": .ref(core("LoadBalancerStatus"), "The load balancer, if any."),
                "conditions": .array(.ref(Self.meta("Condition")), "Latest observations.").mergeMap("type"),
            ])
        object(
            core("LoadBalancerStatus"), "A load balancer's state.",
            ["ingress": .array(.ref(core("LoadBalancerIngress")), "Where the load balancer accepts traffic.").atomic()])
        object(
            core("LoadBalancerIngress"), "A load balancer entry point.",
            [
                "ip": .string("IP of the entry point."),
                "hostname": .string("DNS name of the entry point."),
                "ipMode": .string("VIP or Proxy: how traffic reaches the nodes."),
                "ports": .array(.ref(core("PortStatus")), "Status of each port.").atomic(),
            ])
        object(
            core("PortStatus"), "Status of a service port.", required: ["port", "protocol"],
            [
                "port": .int32("Port number."),
                "protocol": .string("TCP, UDP or SCTP."),
                "error": .string("Problem with the port, if any."),
            ])
        object(
            Self.meta("Condition"), "One observation about an object, in the common condition form.",
            required: ["type", "status", "lastTransitionTime", "reason", "message"],
            [
                "type": .string("Kind of condition, in CamelCase."),
                "status": .string("True, False or Unknown."),
                "observedGeneration": .int64("The metadata.generation the condition was computed from."),
                "lastTransitionTime": .time("When status last changed."),
                "reason": .string("Machine-readable reason, in CamelCase."),
                "message": .string("Human-readable details."),
            ])
    }

    mutating func addEvent() {
        let core = Self.core
        kind(
            core("Event"), Self.coreKind("Event"), "A report of something that happened to an object.",
            required: ["metadata", "involvedObject"],
            [
                "involvedObject": .ref(core("ObjectReference"), "The object the event is about."),
                "reason": .string("Short machine-readable reason, such as Scheduled."),
                "message": .string("Human-readable description."),
                "source": .ref(core("EventSource"), "The component that reported the event."),
                "firstTimestamp": .time("When the event was first seen."),
                "lastTimestamp": .time("When the event was most recently seen."),
                "count": .int32("How many times the event has occurred."),
                "type": .string("Normal or Warning."),
                "eventTime": .microTime("When the event was first observed, with microseconds."),
                "series": .ref(core("EventSeries"), "Data about a series of repeated events."),
                "action": .string("What was done, or failed."),
                "related": .ref(core("ObjectReference"), "A secondary object involved."),
                "reportingComponent": .string("Controller that emitted the event, such as kubernetes.io/kubelet."),
                "reportingInstance": .string("Instance of that controller, such as a node name."),
            ])
        object(
            core("EventSource"), "Who reported an event.",
            [
                "component": .string("Reporting component."),
                "host": .string("Node the component runs on."),
            ])
        object(
            core("EventSeries"), "A series of repeated events.",
            [
                "count": .int32("Occurrences so far."),
                "lastObservedTime": .microTime("When the last occurrence was seen."),
            ])
    }
}
