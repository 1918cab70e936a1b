import HollowClient
import HollowControllers
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// Scale from zero: the capacity annotations cluster-autoscaler reads from a MachineSet that has no nodes yet to
/// build a template node, derived from the kubemark provider config of its template.
///
/// Both spellings are written: openshift's autoscaler reads `machine.openshift.io/vCPU`, `memoryMb` (mebibytes) and
/// `maxPods` (what machine-api-operator's provider MachineSet controllers write); upstream's clusterapi provider
/// reads `capacity.cluster-autoscaler.kubernetes.io/cpu`, `memory` (a quantity) and `maxPods`.
public enum KubemarkMachineSetCapacity {
    public static let openshiftCPU = "machine.openshift.io/vCPU"
    public static let openshiftMemoryMb = "machine.openshift.io/memoryMb"
    public static let openshiftMaxPods = "machine.openshift.io/maxPods"
    public static let cpu = "capacity.cluster-autoscaler.kubernetes.io/cpu"
    public static let memory = "capacity.cluster-autoscaler.kubernetes.io/memory"
    public static let maxPods = "capacity.cluster-autoscaler.kubernetes.io/maxPods"

    /// The annotations `machineSet` should carry; `nil` when its template is not a kubemark provider config, or one
    /// that does not parse (its Machines fail with the reason; the MachineSet is left alone).
    public static func annotations(for machineSet: MachineSet) -> [String: String]? {
        let value = machineSet.object[path: ["spec", "template", "spec", "providerSpec", "value"]]
        guard KubemarkMachineProviderConfig.isKubemark(value),
            let config = try? KubemarkMachineProviderConfig(providerSpec: value)
        else { return nil }
        let shape = config.shape
        let cpu = shape.cpu.description, pods = shape.pods.description
        return [
            openshiftCPU: cpu, openshiftMemoryMb: String(shape.memory.value / (1 << 20)), openshiftMaxPods: pods,
            Self.cpu: cpu, memory: shape.memory.description, maxPods: pods,
        ]
    }

    /// The merge patch that sets the annotations `machineSet` lacks or has with other values; `nil` when none.
    public static func patch(for machineSet: MachineSet) -> JSON? {
        guard let wanted = annotations(for: machineSet) else { return nil }
        let current = machineSet.metadata.annotations
        let changes = wanted.keys.sorted().filter { current[$0] != wanted[$0] }
        guard !changes.isEmpty else { return nil }
        return ["metadata": ["annotations": .object(JSONObject(changes.map { ($0, JSON.string(wanted[$0]!)) }))]]
    }

    /// The provider controllers to run beside `controllers`: this one along with the machineset controller.
    public static func controllers(
        for controllers: [ControllerName]
    ) -> @Sendable (ControllerContext) throws -> [any Service] {
        controllers.contains(.machineset) ? make : { _ in [] }
    }

    /// The controller: watches MachineSets and patches their capacity annotations.
    public static func make(_ context: ControllerContext) -> [any Service] {
        let reconciler = KubemarkMachineSetCapacityReconciler(context)
        let controller = Controller(
            name: "kubemark-machineset-capacity", workers: 1, reconciler: reconciler, clock: context.clock,
            logger: context.logger)
        controller.watch(reconciler.machineSets)
        return [controller]
    }
}

/// One MachineSet: patch its annotations when ``KubemarkMachineSetCapacity/patch(for:)`` says so.
struct KubemarkMachineSetCapacityReconciler: Reconciler {
    let machineSets: Informer<MachineSet>
    let client: ResourceClient<MachineSet>
    let logger: Logger

    init(_ context: ControllerContext) {
        machineSets = context.informers.informer(MachineSet.self)
        client = context.client.resource(MachineSet.self)
        var logger = context.logger
        logger[metadataKey: "controller"] = "kubemark-machineset-capacity"
        self.logger = logger
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let machineSet = machineSets.get(key), machineSet.metadata.deletionTimestamp == nil,
            let patch = KubemarkMachineSetCapacity.patch(for: machineSet)
        else { return .done }
        do {
            _ = try await client.patch(machineSet.name, namespace: machineSet.namespace, .merge(patch))
            logger.debug("capacity annotations set", metadata: ["machineset": "\(key)"])
        } catch let error as APIError where error.isNotFound {
            return .done
        }
        return .done
    }
}
