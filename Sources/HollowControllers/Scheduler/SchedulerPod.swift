import HollowModel

// What the scheduler reads from a pod: which pods it takes, and what a pod asks of a node in resources. The
// resource arithmetic is `resource.PodRequests` (k8s.io/component-helpers/resource) with the API server's
// defaulting applied first, because a pod written around the API server may not carry it.

extension Pod {
    /// The name of the scheduler every pod without `spec.schedulerName` belongs to.
    public static let defaultSchedulerName = "default-scheduler"

    /// Whether a scheduler named `schedulerName` should place this pod: it has no `spec.nodeName`, names that
    /// scheduler (an absent or empty name means `default-scheduler`), is not being deleted, has not finished
    /// (phase `Succeeded` or `Failed`) and has no `spec.schedulingGates` (kube's SchedulingGates plugin keeps gated
    /// pods out of the queue).
    public func isSchedulerCandidate(schedulerName: String = Pod.defaultSchedulerName) -> Bool {
        let named = object[path: ["spec", "schedulerName"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        guard nodeName == nil, (named ?? Pod.defaultSchedulerName) == schedulerName else { return false }
        guard metadata.deletionTimestamp == nil, !isSchedulerTerminal else { return false }
        let gates = object[path: ["spec", "schedulingGates"]]?.arrayValue ?? []
        return gates.isEmpty
    }

    /// Phase `Succeeded` or `Failed`: the pod no longer holds resources on its node (kube-scheduler's pod informer
    /// filters these out with `status.phase!=Succeeded,status.phase!=Failed`).
    public var isSchedulerTerminal: Bool { phase == "Succeeded" || phase == "Failed" }

    /// `corev1helpers.PodPriority`: `spec.priority`, 0 when unset.
    public var schedulerPriority: Int32 {
        guard let value = object[path: ["spec", "priority"]]?.intValue else { return 0 }
        return Int32(clamping: value)
    }

    /// The resources this pod takes from its node (`spec` only; in-place resize status is not consulted).
    public var schedulerUsage: SchedulerPodUsage { SchedulerPodUsage(self) }
}

/// What one pod takes from its node, computed once per pod version so that adding a pod to a node and removing it
/// again are a few integer operations.
public struct SchedulerPodUsage: Sendable, Hashable {
    /// `resource.PodRequests`: containers summed, the largest init container (counting the sidecars started before
    /// it), pod-level requests where set, plus `spec.overhead`.
    public var requests: SchedulerResources
    /// cpu (millicores) and memory as the scoring plugins count them: a container without a request counts
    /// 100m cpu and 200Mi memory (`schedutil.DefaultMilliCPURequest`, `DefaultMemoryRequest`).
    public var nonZeroMilliCPU: Int64
    public var nonZeroMemory: Int64
    /// `spec.priority`, for the preemption dry run.
    public var priority: Int32

    public init(requests: SchedulerResources, nonZeroMilliCPU: Int64, nonZeroMemory: Int64, priority: Int32 = 0) {
        self.requests = requests
        self.nonZeroMilliCPU = nonZeroMilliCPU
        self.nonZeroMemory = nonZeroMemory
        self.priority = priority
    }

    public init(_ pod: Pod) {
        let spec = SchedulerPodSpecResources(pod)
        let requests = spec.requests()
        let nonZero = spec.nonZeroRequests(plain: requests)
        self.init(
            requests: SchedulerResources(resourceList: requests),
            nonZeroMilliCPU: nonZero[SchedulerResourceName.cpu]?.milliValue ?? 0,
            nonZeroMemory: nonZero[SchedulerResourceName.memory]?.value ?? 0,
            priority: pod.schedulerPriority)
    }
}

/// The resource-related parts of a pod spec, parsed and defaulted.
struct SchedulerPodSpecResources {
    struct Container {
        var requests: [String: Quantity]
        var restartable: Bool
    }

    var containers: [Container] = []
    var initContainers: [Container] = []
    var overhead: [String: Quantity] = [:]
    /// Pod-level requests after defaulting, supported names only; empty when pod-level resources are not set.
    var podLevelRequests: [String: Quantity] = [:]

    static let defaultMilliCPURequest: Int64 = 100
    static let defaultMemoryRequest: Int64 = 200 * 1024 * 1024

    init(_ pod: Pod) {
        let spec = pod.object["spec"]
        containers = (spec?["containers"]?.arrayValue ?? []).map(Self.container)
        initContainers = (spec?["initContainers"]?.arrayValue ?? []).map(Self.container)
        overhead = SchedulerResourceList.parse(spec?["overhead"])

        // SetDefaults_Pod's defaultPodRequests: a supported resource with a pod-level limit but no pod-level
        // request takes the containers' aggregate request, or else the limit.
        let podResources = spec?["resources"]
        var podRequests = SchedulerResourceList.parse(podResources?["requests"])
        let podLimits = SchedulerResourceList.parse(podResources?["limits"])
        if !podLimits.isEmpty {
            let aggregate = aggregateContainerRequests()
            for (name, quantity) in aggregate
            where podRequests[name] == nil && SchedulerResourceName.isSupportedPodLevel(name) && !quantity.isZero {
                podRequests[name] = quantity
            }
            for (name, quantity) in podLimits
            where podRequests[name] == nil && SchedulerResourceName.isSupportedPodLevel(name) {
                podRequests[name] = quantity
            }
        }
        podLevelRequests = podRequests.filter { SchedulerResourceName.isSupportedPodLevel($0.key) }
    }

    /// A container's requests after the API server's defaulting: a resource with a limit and no request requests
    /// its limit.
    private static func container(_ json: JSON) -> Container {
        let resources = json["resources"]
        var requests = SchedulerResourceList.parse(resources?["requests"])
        for (name, quantity) in SchedulerResourceList.parse(resources?["limits"]) where requests[name] == nil {
            requests[name] = quantity
        }
        return Container(requests: requests, restartable: json["restartPolicy"]?.stringValue == "Always")
    }

    /// `resource.PodRequests`, overhead included. Containers lacking a request for a resource in `defaults` count
    /// the scheduler's default for it (`NonMissingContainerRequests`: 100m cpu, 200Mi memory); pod-level requests
    /// then replace the containers' aggregate for the resources they set.
    func requests(defaults: Set<String> = []) -> [String: Quantity] {
        var result = aggregateContainerRequests(defaults: defaults)
        for (name, quantity) in podLevelRequests { result[name] = quantity }
        SchedulerResourceList.add(&result, overhead)
        return result
    }

    /// cpu and memory as `NodeInfo` counts them for pods on a node (`calculateResource`): without pod-level
    /// requests every container lacking one counts the default; with them, only a resource the whole pod lacks
    /// does (`getNonMissingContainerRequests`).
    func nonZeroRequests(plain: [String: Quantity]) -> [String: Quantity] {
        let both: Set<String> = [SchedulerResourceName.cpu, SchedulerResourceName.memory]
        if podLevelRequests.isEmpty { return requests(defaults: both) }
        let missing = both.filter { plain[$0] == nil }
        return missing.isEmpty ? plain : requests(defaults: missing)
    }

    /// `aggregateContainerResourcesByFn`: regular containers and restartable init containers (sidecars) run
    /// together and are summed; each other init container runs alone next to the sidecars started before it; the
    /// pod needs the larger of the two.
    func aggregateContainerRequests(defaults: Set<String> = []) -> [String: Quantity] {
        func effective(_ container: Container) -> [String: Quantity] {
            guard !defaults.isEmpty else { return container.requests }
            var requests = container.requests
            if defaults.contains(SchedulerResourceName.cpu), requests[SchedulerResourceName.cpu] == nil {
                requests[SchedulerResourceName.cpu] = Quantity(milliUnits: Self.defaultMilliCPURequest)
            }
            if defaults.contains(SchedulerResourceName.memory), requests[SchedulerResourceName.memory] == nil {
                requests[SchedulerResourceName.memory] = Quantity(Self.defaultMemoryRequest)
            }
            return requests
        }

        var result: [String: Quantity] = [:]
        for container in containers { SchedulerResourceList.add(&result, effective(container)) }

        var sidecars: [String: Quantity] = [:]
        var initMaximum: [String: Quantity] = [:]
        for container in initContainers {
            let requests = effective(container)
            if container.restartable {
                SchedulerResourceList.add(&result, requests)
                SchedulerResourceList.add(&sidecars, requests)
                SchedulerResourceList.max(&initMaximum, sidecars)
            } else {
                var combined = requests
                SchedulerResourceList.add(&combined, sidecars)
                SchedulerResourceList.max(&initMaximum, combined)
            }
        }
        SchedulerResourceList.max(&result, initMaximum)
        return result
    }
}
