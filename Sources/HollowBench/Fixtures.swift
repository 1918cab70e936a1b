import HollowModel

/// The request bodies the benchmark sends: ConfigMaps of about 1 KB and Nodes of about 2 KB, shaped as a kubelet
/// registers them (labels, addresses, capacity, conditions, node info, images).
enum Fixtures {
    /// A configuration file of about 800 bytes, the bulk of every ConfigMap.
    static let configFile: String = {
        var text = "# written by hollow bench apiserver\n"
        var line = 0
        while text.utf8.count < 780 {
            text += "setting-\(line): value-\(line * 7919 % 10_007) enabled=true\n"
            line += 1
        }
        return text
    }()

    static func namespace(_ name: String) -> [UInt8] {
        let object: JSON = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
        return object.serialized()
    }

    /// A ConfigMap whose `data.revision` is `revision`; with `resourceVersion` it is a conditional update.
    static func configMap(name: String, namespace: String, revision: Int, resourceVersion: String? = nil) -> [UInt8] {
        var metadata: JSONObject = [
            "name": .string(name), "namespace": .string(namespace),
            "labels": ["app.kubernetes.io/name": "hollow-bench", "app.kubernetes.io/component": .string(namespace)],
        ]
        if let resourceVersion { metadata["resourceVersion"] = .string(resourceVersion) }
        let object: JSON = [
            "apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(metadata),
            "data": ["config.yaml": .string(configFile), "revision": .string(String(revision))],
        ]
        return object.serialized()
    }

    /// Node number `index` (named `node-00042`), about 2 KB.
    static func node(index: Int) -> [UInt8] {
        let name = "node-" + String(repeating: "0", count: max(0, 5 - String(index).count)) + String(index)
        let address = "10.\(index >> 16 & 255).\(index >> 8 & 255).\(index & 255)"
        let zone = ["a", "b", "c"][index % 3]
        let heartbeat = "2026-01-01T00:00:00Z"
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSON {
            [
                "type": .string(type), "status": .string(status), "lastHeartbeatTime": .string(heartbeat),
                "lastTransitionTime": .string(heartbeat), "reason": .string(reason), "message": .string(message),
            ]
        }
        let resources: JSON = [
            "cpu": "8", "memory": "32856148Ki", "pods": "110", "ephemeral-storage": "203056560Ki",
            "hugepages-1Gi": "0", "hugepages-2Mi": "0",
        ]
        let identifier = String(index * 2_654_435_761 % 4_294_967_296, radix: 16)
        let object: JSON = [
            "apiVersion": "v1", "kind": "Node",
            "metadata": [
                "name": .string(name),
                "labels": [
                    "kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                    "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64",
                    "node.kubernetes.io/instance-type": "m6i.2xlarge", "topology.kubernetes.io/region": "eu-west-1",
                    "topology.kubernetes.io/zone": .string("eu-west-1" + zone), "node-role.kubernetes.io/worker": "",
                ],
                "annotations": [
                    "node.alpha.kubernetes.io/ttl": "0",
                    "volumes.kubernetes.io/controller-managed-attach-detach": "true",
                ],
            ],
            "spec": [
                "podCIDR": .string("10.244.\(index & 255).0/24"), "podCIDRs": [.string("10.244.\(index & 255).0/24")],
                "providerID": .string("hollow:///eu-west-1\(zone)/\(name)"),
            ],
            "status": [
                "capacity": resources,
                "allocatable": [
                    "cpu": "7910m", "memory": "31705172Ki", "pods": "110", "ephemeral-storage": "187136925387",
                    "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                ],
                "conditions": [
                    condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                "addresses": [
                    ["type": "InternalIP", "address": .string(address)],
                    ["type": "Hostname", "address": .string(name)],
                ],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": [
                    "machineID": .string("ec2" + identifier + String(repeating: "0", count: 29 - identifier.count)),
                    "systemUUID": .string("ec2" + identifier + "-0000-0000-0000-000000000000"),
                    "bootID": .string(identifier + "-1b2c-4d5e-8f90-a1b2c3d4e5f6"),
                    "kernelVersion": "6.1.0-18-cloud-amd64", "osImage": "Debian GNU/Linux 12 (bookworm)",
                    "containerRuntimeVersion": "containerd://1.7.13", "kubeletVersion": "v1.31.0",
                    "kubeProxyVersion": "v1.31.0", "operatingSystem": "linux", "architecture": "amd64",
                ],
                "images": [
                    ["names": ["registry.k8s.io/kube-proxy@sha256:3f2f1e0d", "registry.k8s.io/kube-proxy:v1.31.0"],
                     "sizeBytes": 30_207_900],
                    ["names": ["registry.k8s.io/pause@sha256:7031c1b2", "registry.k8s.io/pause:3.10"],
                     "sizeBytes": 320_368],
                ],
            ],
        ]
        return object.serialized()
    }
}
