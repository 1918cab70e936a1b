/// Strings that Kubernetes objects repeat in every copy and that are too long for Swift's inline small strings (more
/// than 15 UTF-8 bytes): field names of the core kinds, the `fieldsV1` keys of their managed fields, and a few
/// well-known values. The parser hands out one shared `String` for each instead of allocating a new one per
/// occurrence, which saves an allocation per string while parsing and memory wherever many parsed objects are held
/// (informer caches hold one per object).
///
/// A lookup hashes the bytes (FNV-1a) into a fixed table and compares the candidates of one bucket; a string that is
/// not known costs the hash and usually nothing else.
enum KnownStrings {
    private struct Entry: Sendable {
        let bytes: [UInt8]
        let string: String
    }

    private static let bucketCount = 512

    private static let buckets: [[Entry]] = {
        var buckets = [[Entry]](repeating: [], count: bucketCount)
        for string in strings where string.utf8.count > 15 {
            let bytes = Array(string.utf8)
            let bucket = bytes.withUnsafeBufferPointer { Int(hash($0) % UInt64(bucketCount)) }
            if !buckets[bucket].contains(where: { $0.bytes == bytes }) {
                buckets[bucket].append(Entry(bytes: bytes, string: string))
            }
        }
        return buckets
    }()

    /// The shared string spelled by `bytes`, or `nil` when it is not a known one.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count > 15, bytes.count <= 64 else { return nil }
        let candidates = buckets[Int(hash(bytes) % UInt64(bucketCount))]
        for candidate in candidates where candidate.bytes.count == bytes.count {
            if candidate.bytes.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return candidate.string }
        }
        return nil
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    private static let strings: [String] = [
        // ObjectMeta and common members.
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences",
        "blockOwnerDeletion", "lastTransitionTime", "lastHeartbeatTime", "observedGeneration",
        // Pod spec and status.
        "terminationMessagePath", "terminationMessagePolicy", "terminationGracePeriodSeconds", "enableServiceLinks",
        "serviceAccountName", "automountServiceAccountToken", "preemptionPolicy", "tolerationSeconds",
        "containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses", "ephemeralContainers",
        "allocatedResources", "priorityClassName", "runtimeClassName", "topologySpreadConstraints",
        "readinessGates", "nominatedNodeName", "activeDeadlineSeconds", "shareProcessNamespace",
        "imagePullSecrets", "readinessProbe", "livenessProbe", "startupProbe", "/dev/termination-log",
        "default-scheduler", "PreemptLowerPriority", "PodReadyToStartContainers", "FallbackToLogsOnError",
        "node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable", "node.kubernetes.io/unschedulable",
        // Node.
        "daemonEndpoints", "kubeletEndpoint", "kubeProxyVersion", "containerRuntimeVersion", "operatingSystem",
        "kubernetes.io/hostname", "kubernetes.io/arch", "topology.kubernetes.io/zone",
        "topology.kubernetes.io/region", "node.kubernetes.io/instance-type", "beta.kubernetes.io/arch",
        "KubeletHasSufficientMemory", "KubeletHasNoDiskPressure", "KubeletHasSufficientPID",
        "kubelet has sufficient memory available", "kubelet has no disk pressure",
        "kubelet has sufficient PID available", "kubelet is posting ready status", "NodeStatusUnknown",
        "Kubelet stopped posting node status.",
        // Lease and Event.
        "leaseDurationSeconds", "leaseTransitions", "coordination.k8s.io/v1", "reportingComponent",
        "reportingInstance", "events.k8s.io/v1",
        // fieldsV1 keys of managed fields.
        "f:creationTimestamp", "f:ownerReferences", "f:imagePullPolicy", "f:terminationMessagePath",
        "f:terminationMessagePolicy", "f:terminationGracePeriodSeconds", "f:enableServiceLinks",
        "f:restartPolicy", "f:schedulerName", "f:securityContext", "f:serviceAccountName", "f:lastProbeTime",
        "f:lastTransitionTime", "f:lastHeartbeatTime", "f:containerStatuses", "f:initContainerStatuses",
        "f:daemonEndpoints", "f:kubeletEndpoint", "f:holderIdentity", "f:leaseDurationSeconds",
        "f:allocatable", "f:containerRuntimeVersion", "f:kubeProxyVersion", "f:kubeletVersion",
        "f:operatingSystem", "f:architecture", "f:kernelVersion", "f:bootID", "f:systemUUID",
        "f:tolerationSeconds", "f:preemptionPolicy",
        #"k:{"type":"Ready"}"#, #"k:{"type":"ContainersReady"}"#, #"k:{"type":"Initialized"}"#,
        #"k:{"type":"PodScheduled"}"#, #"k:{"type":"PodReadyToStartContainers"}"#,
        #"k:{"type":"MemoryPressure"}"#, #"k:{"type":"DiskPressure"}"#, #"k:{"type":"PIDPressure"}"#,
        #"k:{"type":"InternalIP"}"#, #"k:{"type":"Hostname"}"#,
        #"k:{"type":"NetworkUnavailable"}"#,
    ]
}
