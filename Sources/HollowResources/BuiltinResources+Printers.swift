import HollowModel

/// Node columns as kube-apiserver prints them: NAME STATUS ROLES AGE VERSION, and with `-o wide` the addresses,
/// OS image, kernel and container runtime.
enum NodeColumns {
    static let all: [TableColumn] = [
        TableColumn("Status", description: "The status of the node") { node, _ in .string(status(node)) },
        TableColumn("Roles", description: "The roles of the node") { node, _ in .string(roles(node)) },
        .age,
        TableColumn("Version", description: "Kubelet Version reported by the node.") { node, _ in
            .string(node[path: ["status", "nodeInfo", "kubeletVersion"]]?.stringValue ?? "")
        },
        TableColumn("Internal-IP", description: "List of internal IPs in the node.", priority: 1) { node, _ in
            .string(address(node, type: "InternalIP"))
        },
        TableColumn("External-IP", description: "List of external IPs in the node.", priority: 1) { node, _ in
            .string(address(node, type: "ExternalIP"))
        },
        TableColumn("OS-Image", description: "OS image reported by the node.", priority: 1) { node, _ in
            .string(nodeInfo(node, "osImage"))
        },
        TableColumn("Kernel-Version", description: "Kernel version reported by the node.", priority: 1) { node, _ in
            .string(nodeInfo(node, "kernelVersion"))
        },
        TableColumn("Container-Runtime", description: "Container runtime reported by the node.", priority: 1) {
            node, _ in .string(nodeInfo(node, "containerRuntimeVersion"))
        },
    ]

    static func nodeInfo(_ node: JSON, _ key: String) -> String {
        let value = node[path: ["status", "nodeInfo", key]]?.stringValue ?? ""
        return value.isEmpty ? "<unknown>" : value
    }

    static func status(_ node: JSON) -> String {
        var parts: [String] = []
        let ready = (node[path: ["status", "conditions"]]?.arrayValue ?? []).first {
            $0["type"]?.stringValue == "Ready"
        }
        switch ready?["status"]?.stringValue {
        case "True": parts.append("Ready")
        case "False": parts.append("NotReady")
        default: parts.append("Unknown")
        }
        if node[path: ["spec", "unschedulable"]]?.boolValue == true { parts.append("SchedulingDisabled") }
        return parts.joined(separator: ",")
    }

    static func roles(_ node: JSON) -> String {
        var roles: Set<String> = []
        for member in node[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            if member.key.hasPrefix("node-role.kubernetes.io/") {
                let role = String(member.key.dropFirst("node-role.kubernetes.io/".count))
                if !role.isEmpty { roles.insert(role) }
            } else if member.key == "kubernetes.io/role", let role = member.value.stringValue, !role.isEmpty {
                roles.insert(role)
            }
        }
        return roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ",")
    }

    static func address(_ node: JSON, type: String) -> String {
        let addresses = (node[path: ["status", "addresses"]]?.arrayValue ?? []).filter {
            $0["type"]?.stringValue == type
        }.compactMap { $0["address"]?.stringValue }
        return addresses.isEmpty ? "<none>" : addresses.joined(separator: ",")
    }
}

/// Pod columns: NAME READY STATUS RESTARTS AGE, and with `-o wide` IP NODE NOMINATED NODE READINESS GATES.
enum PodColumns {
    static let all: [TableColumn] = [
        TableColumn("Ready", description: "The aggregate readiness state of this pod for accepting traffic.") {
            pod, _ in
            let total = pod[path: ["spec", "containers"]]?.arrayValue?.count ?? 0
            let ready = (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).filter {
                $0["ready"]?.boolValue == true
            }.count
            return .string("\(ready)/\(total)")
        },
        TableColumn("Status", description: "The aggregate status of the containers in this pod.") { pod, _ in
            .string(status(pod))
        },
        TableColumn("Restarts", description: "The number of times the containers in this pod have been restarted.") {
            pod, _ in
            let restarts = (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reduce(Int64(0)) {
                $0 + ($1["restartCount"]?.intValue ?? 0)
            }
            return .string(String(restarts))
        },
        .age,
        TableColumn("IP", description: "IP address allocated to the pod.", priority: 1) { pod, _ in
            .string(nonEmpty(pod[path: ["status", "podIP"]]?.stringValue))
        },
        TableColumn("Node", description: "Name of the Node this pod is assigned to.", priority: 1) { pod, _ in
            .string(nonEmpty(pod[path: ["spec", "nodeName"]]?.stringValue))
        },
        TableColumn("Nominated Node", description: "Name of the node where the pod is nominated.", priority: 1) {
            pod, _ in .string(nonEmpty(pod[path: ["status", "nominatedNodeName"]]?.stringValue))
        },
        TableColumn("Readiness Gates", description: "Pod readiness gates.", priority: 1) { pod, _ in
            let gates = pod[path: ["spec", "readinessGates"]]?.arrayValue ?? []
            if gates.isEmpty { return "<none>" }
            let conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
            let satisfied = gates.filter { gate in
                conditions.contains {
                    $0["type"] == gate["conditionType"] && $0["status"]?.stringValue == "True"
                }
            }.count
            return .string("\(satisfied)/\(gates.count)")
        },
    ]

    static func nonEmpty(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "<none>" }
        return value
    }

    /// The STATUS column as kubectl's pod printer derives it from phase, reasons and container states.
    static func status(_ pod: JSON) -> String {
        var reason = pod[path: ["status", "phase"]]?.stringValue ?? "Pending"
        if let statusReason = pod[path: ["status", "reason"]]?.stringValue, !statusReason.isEmpty {
            reason = statusReason
        }
        var initializing = false
        let initStatuses = pod[path: ["status", "initContainerStatuses"]]?.arrayValue ?? []
        let initCount = pod[path: ["spec", "initContainers"]]?.arrayValue?.count ?? 0
        for (index, container) in initStatuses.enumerated() {
            if let terminated = container[path: ["state", "terminated"]], terminated["exitCode"]?.intValue == 0 {
                continue
            }
            if let terminated = container[path: ["state", "terminated"]] {
                let r = terminated["reason"]?.stringValue ?? ""
                reason = r.isEmpty ? "Init:ExitCode:\(terminated["exitCode"]?.intValue ?? 0)" : "Init:" + r
            } else if let waiting = container[path: ["state", "waiting"]]?["reason"]?.stringValue, !waiting.isEmpty,
                waiting != "PodInitializing"
            {
                reason = "Init:" + waiting
            } else {
                reason = "Init:\(index)/\(initCount)"
            }
            initializing = true
            break
        }
        if !initializing {
            var hasRunning = false
            for container in (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reversed() {
                if let waiting = container[path: ["state", "waiting"]]?["reason"]?.stringValue, !waiting.isEmpty {
                    reason = waiting
                } else if let terminated = container[path: ["state", "terminated"]] {
                    if let r = terminated["reason"]?.stringValue, !r.isEmpty {
                        reason = r
                    } else if let signal = terminated["signal"]?.intValue, signal != 0 {
                        reason = "Signal:\(signal)"
                    } else {
                        reason = "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                    }
                } else if container[path: ["state", "running"]] != nil, container["ready"]?.boolValue == true {
                    hasRunning = true
                }
            }
            if reason == "Completed", hasRunning {
                let ready = (pod[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
                    $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
                }
                reason = ready ? "Running" : "NotReady"
            }
        }
        if pod[path: ["metadata", "deletionTimestamp"]] != nil {
            reason = pod[path: ["status", "reason"]]?.stringValue == "NodeLost" ? "Unknown" : "Terminating"
        }
        return reason
    }
}

/// Service columns: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, and SELECTOR with `-o wide`.
enum ServiceColumns {
    static let all: [TableColumn] = [
        TableColumn("Type", description: "The type of the service.") { service, _ in
            .string(service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP")
        },
        TableColumn("Cluster-IP", description: "The cluster IP of the service.") { service, _ in
            .string(PodColumns.nonEmpty(service[path: ["spec", "clusterIP"]]?.stringValue))
        },
        TableColumn("External-IP", description: "The external IPs of the service.") { service, _ in
            .string(externalIPs(service))
        },
        TableColumn("Port(s)", description: "The ports of the service.") { service, _ in
            let ports = (service[path: ["spec", "ports"]]?.arrayValue ?? []).map { port -> String in
                let number = port["port"]?.intValue ?? 0
                let proto = port["protocol"]?.stringValue ?? "TCP"
                if let nodePort = port["nodePort"]?.intValue, nodePort != 0 { return "\(number):\(nodePort)/\(proto)" }
                return "\(number)/\(proto)"
            }
            return .string(ports.isEmpty ? "<none>" : ports.joined(separator: ","))
        },
        .age,
        TableColumn("Selector", description: "The selector of the service.", priority: 1) { service, _ in
            let selector = (service[path: ["spec", "selector"]]?.objectValue ?? [:]).map {
                "\($0.key)=\($0.value.stringValue ?? "")"
            }.sorted()
            return .string(selector.isEmpty ? "<none>" : selector.joined(separator: ","))
        },
    ]

    static func externalIPs(_ service: JSON) -> String {
        let type = service[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        let external = (service[path: ["spec", "externalIPs"]]?.arrayValue ?? []).compactMap(\.stringValue)
        switch type {
        case "ExternalName":
            return service[path: ["spec", "externalName"]]?.stringValue ?? "<none>"
        case "LoadBalancer":
            let ingress = (service[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).compactMap {
                $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue
            }
            let all = ingress + external
            return all.isEmpty ? "<pending>" : all.joined(separator: ",")
        default:
            return external.isEmpty ? "<none>" : external.joined(separator: ",")
        }
    }
}

/// Event columns as kube-apiserver prints core/v1 events.
enum EventColumns {
    static let all: [TableColumn] = [
        TableColumn("Last Seen", description: "Time since the event was last seen.") { event, context in
            let stamp = event["lastTimestamp"]?.stringValue ?? event["eventTime"]?.stringValue
                ?? event[path: ["metadata", "creationTimestamp"]]?.stringValue
            guard let stamp, let seconds = Timestamp.seconds(parsing: stamp) else { return "<unknown>" }
            return .string(HumanDuration.format(seconds: context.now - seconds))
        },
        TableColumn("Type", description: "The type of the event.") { event, _ in
            .string(event["type"]?.stringValue ?? "")
        },
        TableColumn("Reason", description: "The reason for the event.") { event, _ in
            .string(event["reason"]?.stringValue ?? "")
        },
        TableColumn("Object", description: "The object the event is about.") { event, _ in
            let kind = (event[path: ["involvedObject", "kind"]]?.stringValue ?? "").lowercased()
            let name = event[path: ["involvedObject", "name"]]?.stringValue ?? ""
            return .string("\(kind)/\(name)")
        },
        TableColumn("Subobject", description: "The field of the object.", priority: 1) { event, _ in
            .string(event[path: ["involvedObject", "fieldPath"]]?.stringValue ?? "")
        },
        TableColumn("Source", description: "The component reporting the event.", priority: 1) { event, _ in
            let component = event[path: ["source", "component"]]?.stringValue
                ?? event["reportingComponent"]?.stringValue ?? ""
            let host = event[path: ["source", "host"]]?.stringValue ?? ""
            return .string(host.isEmpty ? component : "\(component), \(host)")
        },
        TableColumn("Message", description: "A description of the event.") { event, _ in
            .string(event["message"]?.stringValue ?? "")
        },
        TableColumn("First Seen", description: "Time since the event was first seen.", priority: 1) {
            event, context in
            guard let stamp = event["firstTimestamp"]?.stringValue, let seconds = Timestamp.seconds(parsing: stamp) else {
                return "<unknown>"
            }
            return .string(HumanDuration.format(seconds: context.now - seconds))
        },
        TableColumn("Count", type: "integer", description: "How often the event occurred.", priority: 1) {
            event, _ in .int(event["count"]?.intValue ?? 1)
        },
        TableColumn("Name", description: "The name of the event.", priority: 1) { event, _ in
            .string(event[path: ["metadata", "name"]]?.stringValue ?? "")
        },
    ]
}
