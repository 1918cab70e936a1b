import HollowModel

/// Amounts of compute resources in kube-scheduler's units (`framework.Resource`): cpu in millicores, memory and
/// ephemeral storage in bytes, every other schedulable resource in whole units.
///
/// Only resources kube-scheduler tracks are kept: `cpu`, `memory`, `ephemeral-storage` and the *scalar* resources
/// (`schedutil.IsScalarResourceName`: extended resources such as `example.com/gpu`, `hugepages-*`,
/// `attachable-volumes-*` and `kubernetes.io/`-prefixed names). Unprefixed unknown names (`foo`) are ignored, as
/// kube ignores them. Arithmetic wraps like Go's `int64`.
public struct SchedulerResources: Sendable, Hashable {
    public var milliCPU: Int64
    public var memory: Int64
    public var ephemeralStorage: Int64
    /// Scalar resources by name; usually empty.
    public var scalarResources: [String: Int64]

    public init(
        milliCPU: Int64 = 0, memory: Int64 = 0, ephemeralStorage: Int64 = 0, scalarResources: [String: Int64] = [:]
    ) {
        self.milliCPU = milliCPU
        self.memory = memory
        self.ephemeralStorage = ephemeralStorage
        self.scalarResources = scalarResources
    }

    public static let zero = SchedulerResources()

    /// Whether nothing at all is requested (fit.go's early return: then only the pod count is checked).
    public var isZero: Bool {
        milliCPU == 0 && memory == 0 && ephemeralStorage == 0 && scalarResources.isEmpty
    }

    public func scalar(_ name: String) -> Int64 { scalarResources[name] ?? 0 }

    public mutating func add(_ other: SchedulerResources) {
        milliCPU &+= other.milliCPU
        memory &+= other.memory
        ephemeralStorage &+= other.ephemeralStorage
        for (name, value) in other.scalarResources { scalarResources[name, default: 0] &+= value }
    }

    /// Subtracts `other`; scalar entries that drop to zero are removed so that adding and removing the same pods
    /// leaves an equal value.
    public mutating func subtract(_ other: SchedulerResources) {
        milliCPU &-= other.milliCPU
        memory &-= other.memory
        ephemeralStorage &-= other.ephemeralStorage
        for (name, value) in other.scalarResources {
            let remaining = (scalarResources[name] ?? 0) &- value
            scalarResources[name] = remaining == 0 ? nil : remaining
        }
    }

    /// `framework.Resource.SetMaxResource` applied to an empty value: cpu as `MilliValue()`, the others as
    /// `Value()` (rounded up), non-scalar unknown names and `pods` dropped.
    init(resourceList: [String: Quantity]) {
        self.init()
        for (name, quantity) in resourceList {
            switch name {
            case SchedulerResourceName.cpu: milliCPU = quantity.milliValue
            case SchedulerResourceName.memory: memory = quantity.value
            case SchedulerResourceName.ephemeralStorage: ephemeralStorage = quantity.value
            default:
                if SchedulerResourceName.isScalar(name) { scalarResources[name] = quantity.value }
            }
        }
    }
}

/// Resource names and kube's classification of them (`k8s.io/kubernetes/pkg/apis/core/v1/helper`).
enum SchedulerResourceName {
    static let cpu = "cpu"
    static let memory = "memory"
    static let ephemeralStorage = "ephemeral-storage"
    static let pods = "pods"

    /// `schedutil.IsScalarResourceName`: extended, hugepages, prefixed-native or attachable-volume resources.
    static func isScalar(_ name: String) -> Bool {
        isExtended(name) || isHugePages(name) || isPrefixedNative(name) || name.hasPrefix("attachable-volumes-")
    }

    static func isHugePages(_ name: String) -> Bool { name.hasPrefix("hugepages-") }

    /// Names in the `kubernetes.io/` namespace (`IsPrefixedNativeResource`).
    static func isPrefixedNative(_ name: String) -> Bool { name.contains("kubernetes.io/") }

    /// `IsExtendedResourceName`: a domain-prefixed name outside `kubernetes.io/`, not starting with `requests.`,
    /// whose quota form `requests.<name>` is a qualified name.
    static func isExtended(_ name: String) -> Bool {
        let native = !name.contains("/") || isPrefixedNative(name)
        if native || name.hasPrefix("requests.") { return false }
        return isQualifiedName("requests." + name).isEmpty
    }

    /// Resources a pod may set at pod level (`spec.resources`, the PodLevelResources feature).
    static func isSupportedPodLevel(_ name: String) -> Bool { name == cpu || name == memory || isHugePages(name) }
}

/// `v1.ResourceList` arithmetic on quantities, as `k8s.io/component-helpers/resource` does it before converting.
enum SchedulerResourceList {
    /// A `ResourceList` from JSON (`{"cpu": "250m", "memory": "1Gi"}`); quantities that do not parse are skipped
    /// (the API server rejects them on admission, so they only reach us from a store written around it).
    static func parse(_ json: JSON?) -> [String: Quantity] {
        guard let object = json?.objectValue else { return [:] }
        var list: [String: Quantity] = [:]
        list.reserveCapacity(object.count)
        for member in object {
            if let quantity = quantity(member.value) { list[member.key] = quantity }
        }
        return list
    }

    /// A quantity written as a string (`"1Gi"`) or, as Go's `Quantity.UnmarshalJSON` also accepts, a number.
    static func quantity(_ json: JSON) -> Quantity? {
        switch json {
        case .string(let text): return try? Quantity(parsing: text)
        case .int(let value): return Quantity(value)
        case .double(let value): return try? Quantity(parsing: "\(value)")
        default: return nil
        }
    }

    static func add(_ list: inout [String: Quantity], _ other: [String: Quantity]) {
        for (name, quantity) in other {
            if let existing = list[name] { list[name] = existing + quantity } else { list[name] = quantity }
        }
    }

    /// `maxResourceList`: each resource becomes the larger of the two.
    static func max(_ list: inout [String: Quantity], _ other: [String: Quantity]) {
        for (name, quantity) in other {
            if let existing = list[name], existing >= quantity { continue }
            list[name] = quantity
        }
    }
}
