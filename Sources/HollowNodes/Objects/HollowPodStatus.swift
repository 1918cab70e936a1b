import HollowModel

/// A container of a pod, as the pool remembers it (name and image are all a status needs).
struct HollowContainer: Sendable, Equatable {
    var name: String
    var image: String

    static func list(_ json: JSON?) -> [HollowContainer] {
        (json?.arrayValue ?? []).compactMap { container in
            guard let name = container["name"]?.stringValue else { return nil }
            return HollowContainer(name: name, image: container["image"]?.stringValue ?? "")
        }
    }
}

/// What a pod status needs to know about the pod besides its state machine.
struct HollowPodFacts: Sendable, Equatable {
    var uid: String
    var containers: [HollowContainer]
    var initContainers: [HollowContainer]
    /// Whether the pod has a `PodScheduled` condition (the scheduler's); the kubelet adds one when it has not.
    var hasPodScheduled: Bool
}

/// The status patches a kubelet writes for a pod (`pkg/kubelet/kubelet_pods.go` `generateAPIPodStatus`).
enum HollowPodStatus {
    /// Phase Running: every container running and ready since `at`.
    static func running(_ pod: HollowPodFacts, hostIP: String?, podIP: String?, at: Timestamp) -> JSON {
        let time = JSON.string(at.rfc3339)
        var conditions: [JSON] = [
            condition("PodReadyToStartContainers", "True", at),
            condition("Initialized", "True", at),
            condition("Ready", "True", at),
            condition("ContainersReady", "True", at),
        ]
        if !pod.hasPodScheduled { conditions.append(condition("PodScheduled", "True", at)) }
        var status: JSONObject = ["phase": "Running", "conditions": .array(conditions)]
        addIPs(&status, hostIP: hostIP, podIP: podIP)
        status["startTime"] = time
        if !pod.initContainers.isEmpty {
            status["initContainerStatuses"] = .array(
                pod.initContainers.map {
                    containerStatus($0, uid: pod.uid, state: terminated(0, "Completed", started: at, finished: at), ready: true, started: false)
                })
        }
        status["containerStatuses"] = .array(
            pod.containers.map {
                containerStatus($0, uid: pod.uid, state: ["running": ["startedAt": time]], ready: true, started: true)
            })
        return .object(["status": .object(status)])
    }

    /// Phase Succeeded (exit 0, reason Completed) or Failed (exit 1, reason Error), containers terminated at `at`.
    static func finished(
        _ pod: HollowPodFacts, succeeded: Bool, startTime: Timestamp?, hostIP: String?, podIP: String?, at: Timestamp
    ) -> JSON {
        let started = startTime ?? at
        let reason = succeeded ? "PodCompleted" : "PodFailed"
        var conditions: [JSON] = [
            condition("PodReadyToStartContainers", "False", at),
            condition("Initialized", "True", started),
            condition("Ready", "False", at, reason: reason),
            condition("ContainersReady", "False", at, reason: reason),
        ]
        if !pod.hasPodScheduled { conditions.append(condition("PodScheduled", "True", started)) }
        var status: JSONObject = ["phase": .string(succeeded ? "Succeeded" : "Failed"), "conditions": .array(conditions)]
        addIPs(&status, hostIP: hostIP, podIP: podIP)
        status["startTime"] = .string(started.rfc3339)
        if !pod.initContainers.isEmpty {
            status["initContainerStatuses"] = .array(
                pod.initContainers.map {
                    containerStatus(
                        $0, uid: pod.uid, state: terminated(0, "Completed", started: started, finished: started), ready: true,
                        started: false)
                })
        }
        let exit: Int64 = succeeded ? 0 : 1
        status["containerStatuses"] = .array(
            pod.containers.map {
                containerStatus(
                    $0, uid: pod.uid,
                    state: terminated(exit, succeeded ? "Completed" : "Error", started: started, finished: at,
                        containerID: containerID(uid: pod.uid, container: $0.name)),
                    ready: false, started: false)
            })
        return .object(["status": .object(status)])
    }

    private static func addIPs(_ status: inout JSONObject, hostIP: String?, podIP: String?) {
        if let hostIP {
            status["hostIP"] = .string(hostIP)
            status["hostIPs"] = [["ip": .string(hostIP)]]
        }
        if let podIP {
            status["podIP"] = .string(podIP)
            status["podIPs"] = [["ip": .string(podIP)]]
        }
    }

    private static func condition(_ type: String, _ status: String, _ at: Timestamp, reason: String? = nil) -> JSON {
        var object: JSONObject = [
            "type": .string(type), "status": .string(status), "lastProbeTime": .null,
            "lastTransitionTime": .string(at.rfc3339),
        ]
        if let reason { object["reason"] = .string(reason) }
        return .object(object)
    }

    private static func terminated(
        _ exitCode: Int64, _ reason: String, started: Timestamp, finished: Timestamp, containerID: String? = nil
    ) -> JSON {
        var object: JSONObject = [
            "exitCode": .int(exitCode), "reason": .string(reason), "startedAt": .string(started.rfc3339),
            "finishedAt": .string(finished.rfc3339),
        ]
        if let containerID { object["containerID"] = .string(containerID) }
        return .object(["terminated": .object(object)])
    }

    private static func containerStatus(_ container: HollowContainer, uid: String, state: JSON, ready: Bool, started: Bool)
        -> JSON
    {
        let image = normalizedImage(container.image)
        return [
            "name": .string(container.name), "state": state, "lastState": [:], "ready": .bool(ready),
            "restartCount": 0, "image": .string(image), "imageID": .string(imageID(image)),
            "containerID": .string(containerID(uid: uid, container: container.name)), "started": .bool(started),
        ]
    }

    /// `containerd://` and 64 hex digits, stable for a pod and container.
    static func containerID(uid: String, container: String) -> String {
        "containerd://" + hexDigest("\(uid)/\(container)", length: 64)
    }

    /// The image as containerd reports it: registry and `library/` filled in, `:latest` when untagged
    /// (`nginx` → `docker.io/library/nginx:latest`).
    static func normalizedImage(_ image: String) -> String {
        guard !image.isEmpty else { return image }
        var name = image
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        let first = components.count > 1 ? String(components[0]) : nil
        let hasRegistry = first.map { $0.contains(".") || $0.contains(":") || $0 == "localhost" } ?? false
        if !hasRegistry { name = "docker.io/" + (components.count == 1 ? "library/" : "") + name }
        let last = name.split(separator: "/").last.map(String.init) ?? name
        if !last.contains(":") && !name.contains("@") { name += ":latest" }
        return name
    }

    /// `<repository>@sha256:<64 hex>` for a normalised image.
    static func imageID(_ image: String) -> String {
        guard !image.isEmpty else { return "" }
        var repository = image
        if let at = repository.firstIndex(of: "@") {
            repository = String(repository[..<at])
        } else if let slash = repository.lastIndex(of: "/"), let colon = repository[slash...].lastIndex(of: ":") {
            repository = String(repository[..<colon])
        }
        return "\(repository)@sha256:\(hexDigest(image, length: 64))"
    }
}
