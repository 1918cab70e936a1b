import HollowModel

/// Pod defaults and server-owned fields (kube-apiserver's pod strategy and the defaulting of the core API).
enum PodStrategy {
    static let strategy = ResourceStrategy(
        prepareForCreate: { pod, context in
            var spec = pod["spec"] ?? .object([:])
            defaultPodSpec(&spec)
            // Pod-only defaults (SetDefaults_Pod and the ServiceAccount and Priority admission plugins), which pod
            // templates do not get.
            if spec["serviceAccountName"] == nil {
                spec["serviceAccountName"] = spec["serviceAccount"] ?? "default"
            }
            if spec["serviceAccount"] == nil { spec["serviceAccount"] = spec["serviceAccountName"] }
            if spec["enableServiceLinks"] == nil { spec["enableServiceLinks"] = true }
            if spec["preemptionPolicy"] == nil { spec["preemptionPolicy"] = "PreemptLowerPriority" }
            if spec["priority"] == nil { spec["priority"] = 0 }
            DefaultTolerationSeconds.admit(&spec)
            pod["spec"] = spec
            pod["status"] = ["phase": "Pending", "qosClass": .string(qosClass(spec))]
        },
        prepareForUpdate: { pod, old, _ in
            // The node a pod is bound to changes only through the binding subresource.
            if let nodeName = old[path: ["spec", "nodeName"]] { pod[path: ["spec", "nodeName"]] = nodeName }
            // Admission runs on updates too; the tolerations it adds are the additions pod validation allows.
            if var spec = pod["spec"], spec.objectValue != nil {
                DefaultTolerationSeconds.admit(&spec)
                pod["spec"] = spec
            }
        },
        validate: { pod in validatePodSpec(pod["spec"], field: "spec") },
        validateUpdate: { new, old in
            // Pod specs are immutable apart from images, activeDeadlineSeconds and tolerations additions.
            var newSpec = new["spec"] ?? .null
            var oldSpec = old["spec"] ?? .null
            for key in ["containers", "initContainers"] {
                if let containers = newSpec[key]?.arrayValue, let oldContainers = oldSpec[key]?.arrayValue,
                    containers.count == oldContainers.count
                {
                    newSpec[key] = .array(zip(containers, oldContainers).map { new, old in
                        var new = new
                        new["image"] = old["image"]
                        return new
                    })
                }
            }
            for key in ["activeDeadlineSeconds", "tolerations", "nodeName"] {
                newSpec[key] = nil
                oldSpec[key] = nil
            }
            if newSpec != oldSpec {
                return [
                    .forbidden(
                        "spec",
                        "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"
                    )
                ]
            }
            return []
        },
        gracefulDeletion: { pod in
            // A pod that never reached a node, or that has finished, goes at once; others wait for the kubelet.
            let phase = pod[path: ["status", "phase"]]?.stringValue
            guard let node = pod[path: ["spec", "nodeName"]]?.stringValue, !node.isEmpty,
                phase != "Succeeded", phase != "Failed"
            else { return nil }
            return pod[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30
        }
    )

    /// `SetDefaults_PodSpec` with the defaults of its containers (`SetDefaults_Container`, ports' protocol, probes)
    /// and volumes: what every pod spec gets, a pod's and a pod template's alike.
    static func defaultPodSpec(_ spec: inout JSON) {
        if isUnset(spec["dnsPolicy"]) { spec["dnsPolicy"] = "ClusterFirst" }
        if isUnset(spec["restartPolicy"]) { spec["restartPolicy"] = "Always" }
        if isUnset(spec["securityContext"]) { spec["securityContext"] = .object([:]) }
        if isUnset(spec["terminationGracePeriodSeconds"]) { spec["terminationGracePeriodSeconds"] = 30 }
        if isUnset(spec["schedulerName"]) { spec["schedulerName"] = "default-scheduler" }
        for key in ["containers", "initContainers"] {
            guard let containers = spec[key]?.arrayValue else { continue }
            spec[key] = .array(containers.map(defaultContainer))
        }
        if let volumes = spec["volumes"]?.arrayValue { spec["volumes"] = .array(volumes.map(defaultVolume)) }
    }

    /// The parts of `ValidatePodSpec` Hollow checks, with field paths below `field` (`spec` for a pod,
    /// `spec.template.spec` for a template): containers (required, DNS-label names, unique, with an image) and
    /// the restart policy.
    static func validatePodSpec(_ spec: JSON?, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        let containers = spec?["containers"]?.arrayValue ?? []
        if containers.isEmpty { errors.append(.required("\(field).containers")) }
        var names: Set<String> = []
        for (index, container) in containers.enumerated() {
            let path = "\(field).containers[\(index)]"
            guard let name = container["name"]?.stringValue, !name.isEmpty else {
                errors.append(.required("\(path).name"))
                continue
            }
            for message in isDNS1123Label(name) {
                errors.append(.invalid("\(path).name", .string(name), message))
            }
            if !names.insert(name).inserted { errors.append(.duplicate("\(path).name", .string(name))) }
            if (container["image"]?.stringValue ?? "").isEmpty { errors.append(.required("\(path).image")) }
        }
        switch spec?["restartPolicy"] {
        case nil, .null?, .string("")?:
            errors.append(.required("\(field).restartPolicy"))
        case .string(let policy)? where restartPolicies.contains(policy):
            break
        case let other?:
            errors.append(.notSupported("\(field).restartPolicy", other, supported: restartPolicies))
        }
        return errors
    }

    static let restartPolicies = ["Always", "OnFailure", "Never"]

    /// What Go's defaulting treats as not set: a missing member, `null` (a nil pointer) or `""` (a zero string).
    static func isUnset(_ value: JSON?) -> Bool {
        switch value {
        case nil, .null?, .string("")?: true
        default: false
        }
    }

    static func defaultContainer(_ container: JSON) -> JSON {
        var container = container
        if isUnset(container["terminationMessagePath"]) { container["terminationMessagePath"] = "/dev/termination-log" }
        if isUnset(container["terminationMessagePolicy"]) { container["terminationMessagePolicy"] = "File" }
        if isUnset(container["imagePullPolicy"]) {
            let image = container["image"]?.stringValue ?? ""
            let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
            let hasTag = lastComponent.contains(":") || image.contains("@")
            let latest = lastComponent.hasSuffix(":latest")
            container["imagePullPolicy"] = (hasTag && !latest) ? "IfNotPresent" : "Always"
        }
        if container["resources"] == nil { container["resources"] = .object([:]) }
        if var ports = container["ports"]?.arrayValue {
            for index in ports.indices where isUnset(ports[index]["protocol"]) { ports[index]["protocol"] = "TCP" }
            container["ports"] = .array(ports)
        }
        defaultNestedFields(ofContainer: &container)
        return container
    }

    /// Guaranteed when every container sets equal cpu and memory requests and limits; BestEffort when none sets
    /// any; Burstable otherwise.
    static func qosClass(_ spec: JSON) -> String {
        let containers = (spec["containers"]?.arrayValue ?? []) + (spec["initContainers"]?.arrayValue ?? [])
        var anySet = false
        var guaranteed = !containers.isEmpty
        for container in containers {
            let requests = container[path: ["resources", "requests"]]?.objectValue ?? [:]
            let limits = container[path: ["resources", "limits"]]?.objectValue ?? [:]
            if !requests.isEmpty || !limits.isEmpty { anySet = true }
            for resource in ["cpu", "memory"] {
                guard let limit = limits[resource] else {
                    guaranteed = false
                    continue
                }
                if let request = requests[resource], request != limit { guaranteed = false }
            }
        }
        if !anySet { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}

/// Service defaults: type, protocols, target ports, and a cluster IP from 10.96.0.0/12.
enum ServiceStrategy {
    static let strategy = ResourceStrategy(
        prepareForCreate: { service, _ in
            var spec = service["spec"] ?? .object([:])
            let type = spec["type"]?.stringValue ?? "ClusterIP"
            spec["type"] = .string(type)
            if spec["sessionAffinity"] == nil { spec["sessionAffinity"] = "None" }
            if var ports = spec["ports"]?.arrayValue {
                for index in ports.indices {
                    if ports[index]["protocol"] == nil { ports[index]["protocol"] = "TCP" }
                    if ports[index]["targetPort"] == nil { ports[index]["targetPort"] = ports[index]["port"] }
                }
                spec["ports"] = .array(ports)
            }
            if type != "ExternalName", spec["clusterIP"] == nil || spec["clusterIP"]?.stringValue == "" {
                let name = service[path: ["metadata", "name"]]?.stringValue ?? ""
                let namespace = service[path: ["metadata", "namespace"]]?.stringValue ?? ""
                let ip = clusterIP(namespace: namespace, name: name)
                spec["clusterIP"] = .string(ip)
                spec["clusterIPs"] = [.string(ip)]
            }
            if type != "ExternalName" {
                if spec["ipFamilies"] == nil { spec["ipFamilies"] = ["IPv4"] }
                if spec["ipFamilyPolicy"] == nil { spec["ipFamilyPolicy"] = "SingleStack" }
                if spec["internalTrafficPolicy"] == nil { spec["internalTrafficPolicy"] = "Cluster" }
            }
            service["spec"] = spec
            service["status"] = ["loadBalancer": .object([:])]
        },
        prepareForUpdate: { service, old, _ in
            // The cluster IP is immutable once allocated.
            if let ip = old[path: ["spec", "clusterIP"]], service[path: ["spec", "clusterIP"]] == nil
                || service[path: ["spec", "clusterIP"]]?.stringValue == ""
            {
                service[path: ["spec", "clusterIP"]] = ip
                service[path: ["spec", "clusterIPs"]] = old[path: ["spec", "clusterIPs"]]
            }
        },
        validate: { service in
            var errors: [FieldError] = []
            let type = service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
            let types = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]
            if !types.contains(type) {
                errors.append(.notSupported("spec.type", .string(type), supported: types))
            }
            let ports = service[path: ["spec", "ports"]]?.arrayValue ?? []
            if ports.isEmpty, type != "ExternalName", service[path: ["spec", "clusterIP"]]?.stringValue != "None" {
                errors.append(.required("spec.ports"))
            }
            for (index, port) in ports.enumerated() {
                guard let number = port["port"]?.intValue else {
                    errors.append(.required("spec.ports[\(index)].port"))
                    continue
                }
                if !(1...65535).contains(number) {
                    errors.append(
                        .invalid("spec.ports[\(index)].port", .int(number), "must be between 1 and 65535, inclusive"))
                }
            }
            return errors
        }
    )

    /// A stable address in 10.96.0.0/12 derived from the service's name; `default/kubernetes` gets 10.96.0.1.
    static func clusterIP(namespace: String, name: String) -> String {
        if namespace == "default", name == "kubernetes" { return "10.96.0.1" }
        var hash: UInt32 = 2_166_136_261
        for byte in "\(namespace)/\(name)".utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let offset = 2 + hash % ((1 << 20) - 3)  // skip .0 and .1, and the broadcast address
        let address = (10 << 24) | (96 << 16) + offset
        return "\(address >> 24).\((address >> 16) & 255).\((address >> 8) & 255).\(address & 255)"
    }
}
