import HollowModel

/// The JSON a hollow kubelet writes for its Node and Lease, as a real kubelet fills them.
enum HollowNodeObjects {
    static let leaseNamespace = "kube-node-lease"
    static let kernelVersion = "6.8.0-hollow"
    static let osImage = "Hollow Linux"
    static let containerRuntimeVersion = "containerd://1.7.22"

    /// What registration needs to know about the Node as it was seen.
    struct Registration: Sendable, Equatable {
        var labels: [String: String]
        var providerID: String?
        var podCIDR: String?
    }

    /// The labels a kubelet puts on its Node, less those the Node has.
    static func missingLabels(name: String, existing: [String: String]) -> [String: String] {
        let defaults: [String: String] = [
            "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
            "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64",
            "node.kubernetes.io/instance-type": "hollow",
        ]
        return defaults.filter { existing[$0.key] == nil }
    }

    /// The merge patch that starts the kubelet: `hollow.dev/kubelet-start-time`, and at registration the missing
    /// labels, `spec.providerID` (unless set) and `spec.podCIDR(s)` (unless set).
    static func startPatch(
        name: String, pool: String, startTime: Timestamp, registration: Registration?, podCIDR: String?
    ) -> JSON {
        var metadata: JSONObject = [
            "annotations": .object([HollowNodeKeys.kubeletStartTime: .string(startTime.rfc3339Micro)])
        ]
        var spec = JSONObject()
        if let registration {
            let labels = missingLabels(name: name, existing: registration.labels)
            if !labels.isEmpty {
                metadata["labels"] = .object(JSONObject(labels.keys.sorted().map { ($0, JSON.string(labels[$0]!)) }))
            }
            if registration.providerID == nil { spec["providerID"] = .string("hollow://\(pool)/\(name)") }
            if registration.podCIDR == nil, let podCIDR {
                spec["podCIDR"] = .string(podCIDR)
                spec["podCIDRs"] = [.string(podCIDR)]
            }
        }
        var patch: JSONObject = ["metadata": .object(metadata)]
        if !spec.isEmpty { patch["spec"] = .object(spec) }
        return .object(patch)
    }

    /// The strategic merge patch of a status post: conditions merge by type (removed ones with `$patch: delete`);
    /// with `shape`, also capacity, allocatable, addresses, nodeInfo and the kubelet's endpoint.
    static func statusPatch(
        conditions: [HollowNodeCondition], removing: [String], shape: HollowNodeShape?, name: String, pool: String,
        internalIP: String?
    ) -> JSON {
        var list = conditions.map(\.json)
        for type in removing { list.append(.object(["type": .string(type), "$patch": "delete"])) }
        var status: JSONObject = ["conditions": .array(list)]
        if let shape {
            status["capacity"] = shape.resources
            status["allocatable"] = shape.resources
            var addresses: [JSON] = []
            if let internalIP { addresses.append(["type": "InternalIP", "address": .string(internalIP)]) }
            addresses.append(["type": "Hostname", "address": .string(name)])
            status["addresses"] = .array(addresses)
            status["daemonEndpoints"] = ["kubeletEndpoint": ["Port": 10250]]
            status["nodeInfo"] = nodeInfo(name: name, pool: pool, kubeletVersion: shape.kubeletVersion)
        }
        return .object(["status": .object(status)])
    }

    /// `status.nodeInfo`: stable IDs derived from the pool and node name, so a restarted pool reports the same.
    static func nodeInfo(name: String, pool: String, kubeletVersion: String) -> JSON {
        let seed = "\(pool)/\(name)"
        return [
            "machineID": .string(hexDigest(seed + "#machine", length: 32)),
            "systemUUID": .string(uuid(seed + "#system")),
            "bootID": .string(uuid(seed + "#boot")),
            "kernelVersion": .string(kernelVersion),
            "osImage": .string(osImage),
            "containerRuntimeVersion": .string(containerRuntimeVersion),
            "kubeletVersion": .string(kubeletVersion),
            "kubeProxyVersion": .string(kubeletVersion),
            "operatingSystem": "linux",
            "architecture": "amd64",
        ]
    }

    /// The kubelet's Lease: `kube-node-lease/<node>`, held by the node, owned by the Node object.
    static func lease(name: String, nodeUID: String, renewTime: Timestamp, durationSeconds: Int64) -> Lease {
        var owner: JSONObject = ["apiVersion": "v1", "kind": "Node", "name": .string(name)]
        if !nodeUID.isEmpty { owner["uid"] = .string(nodeUID) }
        return Lease([
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": .string(name), "namespace": .string(leaseNamespace), "ownerReferences": [.object(owner)]],
            "spec": [
                "holderIdentity": .string(name), "leaseDurationSeconds": .int(durationSeconds),
                "renewTime": .string(renewTime.rfc3339Micro),
            ],
        ])
    }

    /// The merge patch of a renewal.
    static func leaseRenewal(name: String, renewTime: Timestamp, durationSeconds: Int64) -> JSON {
        [
            "spec": [
                "holderIdentity": .string(name), "leaseDurationSeconds": .int(durationSeconds),
                "renewTime": .string(renewTime.rfc3339Micro),
            ]
        ]
    }

    /// The kubelet's `leaseDurationSeconds` (40), or four renew intervals when that is longer (the kubelet renews
    /// every quarter of the duration).
    static func leaseDurationSeconds(renewInterval: Duration) -> Int64 {
        max(40, renewInterval.components.seconds * 4)
    }

    /// A Warning Event on the Node, as the kubelet's recorder would post it (named `<node>.<nanoseconds in hex>`, as
    /// client-go's recorder names events).
    static func warningEvent(node: String, nodeUID: String, pool: String, reason: String, message: String, at: Timestamp)
        -> Event
    {
        let nanos = UInt64(max(0, at.secondsSinceEpoch)) &* 1_000_000_000 &+ UInt64(at.nanoseconds)
        return Event([
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["name": .string("\(node).\(String(nanos, radix: 16))"), "namespace": "default"],
            "involvedObject": ["apiVersion": "v1", "kind": "Node", "name": .string(node), "uid": .string(nodeUID)],
            "reason": .string(reason), "message": .string(message), "type": "Warning",
            "source": ["component": "hollow-node-pool", "host": .string(node)],
            "firstTimestamp": .string(at.rfc3339), "lastTimestamp": .string(at.rfc3339), "count": 1,
            "reportingComponent": "hollow-node-pool", "reportingInstance": .string(pool),
        ])
    }
}

/// `length` lowercase hex digits derived from `seed` (FNV-1a, chained): stable, not cryptographic.
func hexDigest(_ seed: String, length: Int) -> String {
    var text = ""
    var round: UInt64 = 0
    while text.count < length {
        let value = fnv1a64(Array(seed.utf8) + withUnsafeBytes(of: round.littleEndian, Array.init))
        let hex = String(value, radix: 16)
        text += String(repeating: "0", count: 16 - hex.count) + hex
        round += 1
    }
    return String(text.prefix(length))
}

/// A version-4-shaped UUID derived from `seed`.
func uuid(_ seed: String) -> String {
    var hex = Array(hexDigest(seed, length: 32))
    hex[12] = "4"
    hex[16] = "8"
    let text = String(hex)
    func part(_ from: Int, _ to: Int) -> Substring {
        text[text.index(text.startIndex, offsetBy: from)..<text.index(text.startIndex, offsetBy: to)]
    }
    return "\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
}
