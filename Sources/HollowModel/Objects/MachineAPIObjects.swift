/// The Machine API (`machine.openshift.io/v1beta1`, the machine-api-operator's flavour): the kinds Hollow serves as
/// custom resources and its controllers reconcile. Typed accessors live with the controllers that read them
/// (`HollowControllers/MachineAPI`).
public enum MachineAPI {
    /// `machine.openshift.io`.
    public static let group = "machine.openshift.io"
    public static let version = "v1beta1"
    /// `machine.openshift.io/v1beta1`.
    public static let apiVersion = "\(group)/\(version)"
    /// Where the machine-api-operator keeps its objects.
    public static let namespace = "openshift-machine-api"

    /// Annotation on a Machine that a MachineSet deletes first when scaling down (cluster-autoscaler sets it).
    public static let deleteMachineAnnotation = "machine.openshift.io/delete-machine"
    /// Annotation on a Node naming its Machine as `namespace/name` (nodelink).
    public static let machineAnnotation = "machine.openshift.io/machine"
    /// Label on Machines naming their cluster.
    public static let clusterLabel = "machine.openshift.io/cluster-api-cluster"
    /// Label on Machines naming their MachineSet.
    public static let machineSetLabel = "machine.openshift.io/cluster-api-machineset"
    /// Labels on Machines naming their role and type (`worker`).
    public static let machineRoleLabel = "machine.openshift.io/cluster-api-machine-role"
    public static let machineTypeLabel = "machine.openshift.io/cluster-api-machine-type"
    /// Labels a provider puts on a Machine for its instance (the TYPE, REGION and ZONE columns).
    public static let instanceTypeLabel = "machine.openshift.io/instance-type"
    public static let regionLabel = "machine.openshift.io/region"
    public static let zoneLabel = "machine.openshift.io/zone"
    /// The finalizer the machine controller puts on every Machine.
    public static let machineFinalizer = "machine.machine.openshift.io"
}

extension APIResource {
    public static let machines = APIResource(
        group: MachineAPI.group, version: MachineAPI.version, resource: "machines", kind: "Machine", namespaced: true)
    public static let machineSets = APIResource(
        group: MachineAPI.group, version: MachineAPI.version, resource: "machinesets", kind: "MachineSet",
        namespaced: true)
    public static let machineDeployments = APIResource(
        group: MachineAPI.group, version: MachineAPI.version, resource: "machinedeployments",
        kind: "MachineDeployment", namespaced: true)
    public static let machineHealthChecks = APIResource(
        group: MachineAPI.group, version: MachineAPI.version, resource: "machinehealthchecks",
        kind: "MachineHealthCheck", namespaced: true)
    public static let machineClusters = APIResource(
        group: MachineAPI.group, version: MachineAPI.version, resource: "clusters", kind: "Cluster", namespaced: true)
}

/// A machine: one provider instance that becomes one Node.
public struct Machine: KubernetesObject {
    public static var resource: APIResource? { .machines }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

/// Keeps `spec.replicas` Machines of its template.
public struct MachineSet: KubernetesObject {
    public static var resource: APIResource? { .machineSets }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

/// Rolls MachineSets from one template to the next.
public struct MachineDeployment: KubernetesObject {
    public static var resource: APIResource? { .machineDeployments }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

/// Finds unhealthy Machines among those it selects and remediates them.
public struct MachineHealthCheck: KubernetesObject {
    public static var resource: APIResource? { .machineHealthChecks }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

/// A cluster the machines belong to (`clusters.machine.openshift.io`).
public struct MachineCluster: KubernetesObject {
    public static var resource: APIResource? { .machineClusters }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}
