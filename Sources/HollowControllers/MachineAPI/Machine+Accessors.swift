import HollowModel

/// `machine.openshift.io/v1beta1` Machine fields, read and written through the object's JSON.
extension Machine {
    public static let kindName = "Machine"

    /// `status.phase`: Provisioning, Provisioned, Running, Deleting or Failed; `nil` before the controller's first
    /// write.
    public var phase: MachinePhase? {
        get { object[path: ["status", "phase"]]?.stringValue.flatMap(MachinePhase.init(rawValue:)) }
        set { object[path: ["status", "phase"]] = newValue.map { .string($0.rawValue) } }
    }

    /// `spec.providerID`, the instance's name at its provider (`kubemark://<name>`).
    public var providerID: String? {
        get { object[path: ["spec", "providerID"]]?.stringValue }
        set { object[path: ["spec", "providerID"]] = newValue.map(JSON.string) }
    }

    /// `spec.providerSpec.value`, the provider's configuration (for kubemark a `KubemarkMachineProviderConfig`).
    public var providerSpecValue: JSON? { object[path: ["spec", "providerSpec", "value"]] }

    /// `spec.taints`, copied to the Node by nodelink.
    public var taints: [JSON] { object[path: ["spec", "taints"]]?.arrayValue ?? [] }

    /// `spec.metadata.labels`/`annotations`: what the Node should carry.
    public var nodeLabels: [String: String] {
        var labels: [String: String] = [:]
        for member in object[path: ["spec", "metadata", "labels"]]?.objectValue ?? [:] {
            if let value = member.value.stringValue { labels[member.key] = value }
        }
        return labels
    }

    /// `spec.lifecycleHooks.preDrain` and `preTerminate`: `{name, owner}` entries that hold deletion back.
    public var preDrainHooks: [MachineLifecycleHook] { MachineLifecycleHook.list(object[path: ["spec", "lifecycleHooks", "preDrain"]]) }
    public var preTerminateHooks: [MachineLifecycleHook] {
        MachineLifecycleHook.list(object[path: ["spec", "lifecycleHooks", "preTerminate"]])
    }

    /// `status.nodeRef.name`.
    public var nodeName: String? {
        get { object[path: ["status", "nodeRef", "name"]]?.stringValue }
        set {
            object[path: ["status", "nodeRef"]] = newValue.map { ["kind": "Node", "name": .string($0)] }
        }
    }

    /// `status.errorReason` and `status.errorMessage`: why the machine failed.
    public var errorReason: String? {
        get { object[path: ["status", "errorReason"]]?.stringValue }
        set { object[path: ["status", "errorReason"]] = newValue.map(JSON.string) }
    }
    public var errorMessage: String? {
        get { object[path: ["status", "errorMessage"]]?.stringValue }
        set { object[path: ["status", "errorMessage"]] = newValue.map(JSON.string) }
    }

    /// `status.lastUpdated`: when the controller last changed the status (the MHC's node-startup clock).
    public var lastUpdated: Timestamp? {
        get { object[path: ["status", "lastUpdated"]]?.stringValue.flatMap { try? Timestamp(parsing: $0) } }
        set { object[path: ["status", "lastUpdated"]] = newValue.map { .string($0.rfc3339) } }
    }

    /// `status.addresses`, `[{type, address}]`.
    public var addresses: [JSON] {
        get { object[path: ["status", "addresses"]]?.arrayValue ?? [] }
        set { object[path: ["status", "addresses"]] = newValue.isEmpty ? nil : .array(newValue) }
    }

    /// The `InternalIP` among ``addresses``.
    public var internalIP: String? {
        addresses.first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
    }

    /// Whether the delete-machine annotation is set (any value).
    public var isMarkedForDeletion: Bool { metadata.annotations[MachineAPI.deleteMachineAnnotation] != nil }

    /// Whether the Machine is being deleted.
    public var isDeleting: Bool { metadata.deletionTimestamp != nil }
}

/// `status.phase` of a Machine.
public enum MachinePhase: String, Sendable, CaseIterable {
    case provisioning = "Provisioning"
    case provisioned = "Provisioned"
    case running = "Running"
    case deleting = "Deleting"
    case failed = "Failed"
}

/// One entry of `spec.lifecycleHooks.preDrain` or `preTerminate`.
public struct MachineLifecycleHook: Sendable, Hashable {
    public var name: String
    public var owner: String

    public init(name: String, owner: String) {
        self.name = name
        self.owner = owner
    }

    static func list(_ json: JSON?) -> [MachineLifecycleHook] {
        (json?.arrayValue ?? []).map {
            MachineLifecycleHook(name: $0["name"]?.stringValue ?? "", owner: $0["owner"]?.stringValue ?? "")
        }
    }
}

extension MachineSet {
    public static let kindName = "MachineSet"

    /// `spec.replicas`, 1 when unset (the machine-api-operator's default).
    public var replicas: Int {
        get { object[path: ["spec", "replicas"]]?.intValue.map(Int.init) ?? 1 }
        set { object[path: ["spec", "replicas"]] = .int(Int64(newValue)) }
    }

    public var minReadySeconds: Int { object[path: ["spec", "minReadySeconds"]]?.intValue.map(Int.init) ?? 0 }

    /// `spec.deletePolicy`: Random (the default), Newest or Oldest.
    public var deletePolicy: String { object[path: ["spec", "deletePolicy"]]?.stringValue ?? "Random" }

    /// `spec.selector` as a `metav1.LabelSelector`.
    public var selector: JSON? { object[path: ["spec", "selector"]] }

    /// `spec.template`: `{metadata, spec}` of the Machines to create.
    public var template: JSON? { object[path: ["spec", "template"]] }
}

extension MachineDeployment {
    public static let kindName = "MachineDeployment"

    /// `spec.replicas`, 1 when unset.
    public var replicas: Int {
        get { object[path: ["spec", "replicas"]]?.intValue.map(Int.init) ?? 1 }
        set { object[path: ["spec", "replicas"]] = .int(Int64(newValue)) }
    }

    public var selector: JSON? { object[path: ["spec", "selector"]] }
    public var template: JSON? { object[path: ["spec", "template"]] }
}

extension MachineHealthCheck {
    public static let kindName = "MachineHealthCheck"

    public var selector: JSON? { object[path: ["spec", "selector"]] }

    /// `spec.maxUnhealthy`: an int or a percentage; `100%` when unset.
    public var maxUnhealthy: JSON { object[path: ["spec", "maxUnhealthy"]] ?? "100%" }

    /// `spec.nodeStartupTimeout` as written (`10m` when unset).
    public var nodeStartupTimeout: String { object[path: ["spec", "nodeStartupTimeout"]]?.stringValue ?? "10m" }

    /// `spec.unhealthyConditions`, `[{type, status, timeout}]`.
    public var unhealthyConditions: [JSON] { object[path: ["spec", "unhealthyConditions"]]?.arrayValue ?? [] }
}
