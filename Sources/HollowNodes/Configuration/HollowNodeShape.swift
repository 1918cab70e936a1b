import HollowModel

/// What a hollow node says it is: the capacity it reports (allocatable is the same: no system reservations) and its
/// kubelet version. Read from the `hollow.dev/cpu`, `memory`, `pods`, `ephemeral-storage` and `kubelet-version`
/// annotations; a change is posted with the next status.
public struct HollowNodeShape: Sendable, Equatable {
    public var cpu: Quantity
    public var memory: Quantity
    public var pods: Quantity
    public var ephemeralStorage: Quantity
    /// `v1.31.0`: the kubelet (and kube-proxy) version in `status.nodeInfo`.
    public var kubeletVersion: String

    public static let defaultKubeletVersion = "v1.31.0"

    /// - Parameters: defaults are a mid-size worker: 4 CPUs, 16Gi of memory, 110 pods, 100Gi of ephemeral storage.
    public init(
        cpu: Quantity = Quantity(4), memory: Quantity = Quantity(16 << 30, format: .binarySI),
        pods: Quantity = Quantity(110), ephemeralStorage: Quantity = Quantity(100 << 30, format: .binarySI),
        kubeletVersion: String = HollowNodeShape.defaultKubeletVersion
    ) {
        self.cpu = cpu
        self.memory = memory
        self.pods = pods
        self.ephemeralStorage = ephemeralStorage
        self.kubeletVersion = kubeletVersion
    }

    /// `status.capacity` and `status.allocatable` as the kubelet writes them (hugepages included, at zero).
    public var resources: JSON {
        .object([
            "cpu": .string(cpu.description), "ephemeral-storage": .string(ephemeralStorage.description),
            "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": .string(memory.description),
            "pods": .string(pods.description),
        ])
    }
}
