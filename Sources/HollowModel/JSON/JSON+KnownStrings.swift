/// Strings that Kubernetes objects repeat in every copy and that are too long for Swift's inline small strings (more
/// than 15 UTF-8 bytes): field names of the core kinds, the `fieldsV1` keys of their managed fields, and a few
/// well-known values. The parser hands out one shared `String` for each instead of allocating a new one per
/// occurrence, which saves an allocation per string while parsing and memory wherever many parsed objects are held
/// (informer caches hold one per object).
///
/// A lookup hashes the length and the first and last eight bytes (a constant cost whatever the length) into a fixed
/// table and compares the candidates of one bucket; a string that is not known costs the hash and usually nothing
/// else.
enum KnownStrings {
    private static let bucketCount = 512

    /// Every known string, grouped by bucket: bucket `b` holds `entries[starts[b]..<starts[b + 1]]`.
    private final class Table: Sendable {
        let entries: [(bytes: [UInt8], string: String)]
        let starts: [Int]

        init(_ strings: [String]) {
            var buckets = [[(bytes: [UInt8], string: String)]](repeating: [], count: KnownStrings.bucketCount)
            for string in strings where string.utf8.count > 15 {
                let bytes = Array(string.utf8)
                let bucket = bytes.withUnsafeBufferPointer { KnownStrings.bucket($0) }
                if !buckets[bucket].contains(where: { $0.bytes == bytes }) {
                    buckets[bucket].append((bytes, string))
                }
            }
            var starts = [0]
            for bucket in buckets { starts.append(starts.last! + bucket.count) }
            self.entries = buckets.flatMap { $0 }
            self.starts = starts
        }
    }

    private static let table = Table(strings)

    /// The shared string spelled by `bytes`, or `nil` when it is not a known one.
    static func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count > 15, bytes.count <= 64 else { return nil }
        let table = self.table
        let bucket = bucket(bytes)
        var index = table.starts[bucket]
        let end = table.starts[bucket + 1]
        while index < end {
            let found = table.entries[index].bytes.withUnsafeBufferPointer { candidate in
                candidate.count == bytes.count && candidate.elementsEqual(bytes)
            }
            if found { return table.entries[index].string }
            index += 1
        }
        return nil
    }

    /// For at least 16 bytes: the length and the first and last eight bytes, mixed.
    private static func bucket(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        let first = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        let last = raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        var hash = (first ^ (last &* 0x9E37_79B9_7F4A_7C15)) &+ UInt64(bytes.count)
        hash ^= hash >> 29
        hash &*= 0xBF58_476D_1CE4_E5B9
        hash ^= hash >> 32
        return Int(hash % UInt64(bucketCount))
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
