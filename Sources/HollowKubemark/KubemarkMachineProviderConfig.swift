import HollowControllers
import HollowModel
import HollowNodes

/// What a Machine's `spec.providerSpec.value` says about its hollow node: openshift/cluster-api-provider-kubemark's
/// `KubemarkMachineProviderConfig` (`apiVersion: kubemarkproviderconfig.k8s.io/v1alpha1`), plus Hollow's extensions
/// for the parts of a real cloud kubemark leaves out — slow or failing provisioning, late joins, zones, pod density.
///
/// ```yaml
/// providerSpec:
///   value:
///     apiVersion: kubemarkproviderconfig.k8s.io/v1alpha1
///     kind: KubemarkMachineProviderConfig
///     image: docker.io/gofed/kubemark:v1.27.3     # the tag is the kubelet version the node reports
///     numCores: 8
///     memoryCapacity: 32Gi                        # or a byte count, as kubemark takes it: 34359738368
///     turnUnhealthyPeriodically: true
///     healthyDuration: 40s
///     unhealthyDuration: 5s
///     deletionTimeout: 10s
///     provisioningDelay: 2s                       # Hollow's extensions from here on
///     provisioningJitter: 1s
///     provisioningFailureProbability: 0.1
///     nodeJoinDelay: 500ms
///     failureDomains: [us-east-1a, us-east-1b]
///     region: us-east-1
///     maxPods: 250
/// ```
///
/// Every field is optional; missing ones give kubemark's behaviour (a node that joins at once and stays Ready) with
/// ``HollowNodeShape``'s default capacity. ``init(providerSpec:)`` reads and checks the value.
public struct KubemarkMachineProviderConfig: Sendable, Equatable {
    public static let apiVersion = "kubemarkproviderconfig.k8s.io/v1alpha1"
    public static let kind = "KubemarkMachineProviderConfig"

    // MARK: kubemark's fields

    /// Ready until the healthy (or, when that is not given, the unhealthy) duration has passed, then NotReady for
    /// good. Wins over ``turnUnhealthyPeriodically``, as in kubemark's actuator.
    public var turnUnhealthyAfter = false
    /// Ready for ``healthyDuration``, NotReady for ``unhealthyDuration``, and so on.
    public var turnUnhealthyPeriodically = false
    public var healthyDuration: Duration?
    public var unhealthyDuration: Duration?
    /// How long deleting the instance takes, counted from when its deletion began.
    public var deletionTimeout: Duration?
    /// The node's CPU capacity.
    public var numCores: Int?
    /// The node's memory capacity.
    public var memoryCapacity: Quantity?
    /// The kubemark image; its tag is the node's kubelet version (``kubeletVersion``).
    public var image: String?

    // MARK: Hollow's extensions

    /// How long after the Machine's creation its node is created (a cloud's provisioning time).
    public var provisioningDelay: Duration = .zero
    /// Up to this much more, fixed per Machine (by its uid), so that a MachineSet's nodes do not all arrive at once.
    public var provisioningJitter: Duration = .zero
    /// The chance, `0...1`, that provisioning fails (the Machine goes Failed with reason `CreateError`); decided once
    /// per Machine by its uid, so a restart gives the same answer.
    public var provisioningFailureProbability: Double = 0
    /// How long after its Node object exists the hollow kubelet registers it (posts status, starts its Lease).
    public var nodeJoinDelay: Duration = .zero
    /// Zones (`topology.kubernetes.io/zone`) the Machines spread over, each Machine in one fixed by its name.
    public var failureDomains: [String] = []
    /// `topology.kubernetes.io/region`.
    public var region: String?
    /// The node's pod capacity.
    public var maxPods: Int?

    public init() {}

    /// The kubelet version the image's tag names (`…/kubemark:v1.27.3` → `v1.27.3`), `nil` without an image or tag.
    public var kubeletVersion: String? { image.flatMap(Self.imageTag) }

    /// The health schedule the node follows, in kubemark's terms: `turnUnhealthyAfter` first, timed by
    /// ``healthyDuration`` when given, else ``unhealthyDuration``; then `turnUnhealthyPeriodically`.
    public var healthSchedule: HollowNodeHealthSchedule {
        if turnUnhealthyAfter {
            return HollowNodeHealthSchedule(.unhealthyAfter(healthyDuration ?? unhealthyDuration ?? .zero))
        }
        if turnUnhealthyPeriodically, let healthyDuration, let unhealthyDuration {
            return HollowNodeHealthSchedule(.periodic(healthy: healthyDuration, unhealthy: unhealthyDuration))
        }
        return .alwaysHealthy
    }

    /// What the node reports: ``numCores``, ``memoryCapacity``, ``maxPods`` and ``kubeletVersion`` over the defaults.
    public var shape: HollowNodeShape {
        var shape = HollowNodeShape()
        if let numCores { shape.cpu = Quantity(Int64(numCores)) }
        if let memoryCapacity { shape.memory = memoryCapacity }
        if let maxPods { shape.pods = Quantity(Int64(maxPods)) }
        if let kubeletVersion { shape.kubeletVersion = kubeletVersion }
        return shape
    }

    /// The hollow node's whole configuration: ``shape``, ``healthSchedule`` and ``nodeJoinDelay``.
    public var nodeConfiguration: HollowNodeConfiguration {
        var configuration = HollowNodeConfiguration(shape: shape)
        configuration.behavior.health = healthSchedule
        configuration.behavior.registrationDelay = nodeJoinDelay
        return configuration
    }

    /// The zone of the Machine named `machineName`: one of ``failureDomains`` chosen by a stable hash of the name,
    /// so it never changes for a Machine and a MachineSet's Machines spread over all of them.
    public func zone(forMachineNamed machineName: String) -> String? {
        guard !failureDomains.isEmpty else { return nil }
        return failureDomains[Int(KubemarkHash.fnv1a(machineName) % UInt64(failureDomains.count))]
    }

    /// The tag of an image reference (`registry:5000/kubemark:v1.27.3@sha256:…` → `v1.27.3`), `nil` without one.
    static func imageTag(_ image: String) -> String? {
        let withoutDigest = image.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let lastComponent = withoutDigest.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        guard let colon = lastComponent.lastIndex(of: ":") else { return nil }
        let tag = lastComponent[lastComponent.index(after: colon)...]
        return tag.isEmpty ? nil : String(tag)
    }

    /// `v<major>.<minor>.<patch>`, optionally followed by `-<pre-release>` or `+<build>` (`v1.14.3-beta.0-2`).
    static func isKubeletVersion(_ text: String) -> Bool {
        guard text.hasPrefix("v") else { return false }
        let core = text.dropFirst().prefix { $0 != "-" && $0 != "+" }
        let numbers = core.split(separator: ".", omittingEmptySubsequences: false)
        return numbers.count == 3 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
}

/// Stable hashes (FNV-1a, 64 bits): the same input gives the same value in every process, unlike `Hasher`.
enum KubemarkHash {
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// A number in `0..<1` fixed by `key` and `salt` (different salts give independent draws for one key).
    static func fraction(_ key: String, salt: String) -> Double {
        // Mix once more so that keys differing only in their last bytes still spread over the whole range.
        var hash = fnv1a(salt + "\u{0}" + key)
        hash ^= hash >> 33
        hash &*= 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return Double(hash >> 11) / Double(UInt64(1) << 53)
    }
}
