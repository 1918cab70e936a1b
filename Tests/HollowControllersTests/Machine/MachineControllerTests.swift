import HollowClient
import HollowControllers
import HollowModel
import HollowRuntime
import HollowTesting
import Logging
import Synchronization
import Testing

/// The machine and nodelink controllers against a real API server with the Machine API installed, backed by
/// ``NodeBackedActuator``: its instances are records in memory, and each instance's Node is one the test creates, as a
/// real instance's kubelet would register it.
@Suite(.serialized) struct MachineControllerTests {
    static let namespace = MachineAPI.namespace

    @Test func aMachineIsProvisionedThenRunsOnceItsNodeJoins() async throws {
        try await MachineCluster.run { cluster in
            let machine = try await cluster.createMachine(
                "worker-a", nodeLabels: ["node-role.kubernetes.io/worker": ""],
                taints: [["key": "dedicated", "value": "batch", "effect": "NoSchedule"]])
            let provisioned = try await cluster.eventually("worker-a Provisioned") {
                try await cluster.machine("worker-a").flatMap { $0.phase == .provisioned ? $0 : nil }
            }
            #expect(provisioned.providerID == "test://worker-a")
            #expect(provisioned.internalIP == NodeBackedActuator.internalIP(for: "worker-a"))
            #expect(provisioned.metadata.finalizers.contains(MachineAPI.machineFinalizer))
            #expect(provisioned.lastUpdated != nil)
            #expect(provisioned.nodeName == nil)

            // The instance's kubelet registers its Node.
            let node = try await cluster.createNode(for: machine.name)
            let running = try await cluster.eventually("worker-a Running") {
                try await cluster.machine("worker-a").flatMap { $0.phase == .running ? $0 : nil }
            }
            #expect(running.nodeRef == ["kind": "Node", "name": "worker-a", "uid": .string(node.metadata.uid ?? "")])
            let linked = try await cluster.eventually("worker-a's node linked") {
                let node = try await cluster.client.resource(Node.self).get("worker-a")
                return node.metadata.annotations[MachineAPI.machineAnnotation] == nil ? nil : node
            }
            #expect(linked.metadata.annotations[MachineAPI.machineAnnotation] == "\(Self.namespace)/worker-a")
            #expect(linked.metadata.labels["node-role.kubernetes.io/worker"] == "")
            #expect(linked.metadata.labels["kubernetes.io/hostname"] == "worker-a")
            #expect(linked.object[path: ["spec", "taints"]] == [["key": "dedicated", "value": "batch", "effect": "NoSchedule"]])

            // The instance's creation was reported (Events are written in the background); phase changes are not.
            try await cluster.eventually("a Created Event") {
                try await cluster.eventReasons(about: "worker-a").contains("Created") ? true : nil
            }
            #expect(try await cluster.eventReasons(about: "worker-a").isDisjoint(with: ["Provisioning", "Provisioned", "Running"]))
            #expect(cluster.actuator.createCalls("worker-a") == 1)
        }
    }

    @Test func anInvalidConfigurationFailsTheMachineWithTheMessage() async throws {
        try await MachineCluster.run { cluster in
            _ = try await cluster.createMachine("broken", providerSpec: ["failWith": "numCores must be at least 1"])
            let failed = try await cluster.eventually("broken Failed") {
                try await cluster.machine("broken").flatMap { $0.phase == .failed ? $0 : nil }
            }
            #expect(failed.errorReason == "InvalidConfiguration")
            #expect(failed.errorMessage == "numCores must be at least 1")
            #expect(failed.providerID == nil)
            let reasons = try await cluster.eventually("the Failed event") {
                let reasons = try await cluster.eventReasons(about: "broken")
                return reasons.contains("Failed") ? reasons : nil
            }
            #expect(reasons.contains("Failed"))
            #expect(cluster.actuator.createCalls("broken") == 1)
        }
    }

    @Test func aMachineWhoseInstanceVanishesFails() async throws {
        try await MachineCluster.run { cluster in
            _ = try await cluster.createMachine("worker-v")
            _ = try await cluster.eventually("worker-v Provisioned") {
                try await cluster.machine("worker-v").flatMap { $0.phase == .provisioned ? $0 : nil }
            }
            // Deleted at the provider, behind the Machine API's back; the next look at the Machine notices.
            cluster.actuator.vanish("worker-v")
            _ = try await cluster.client.resource(Machine.self).patch(
                "worker-v", namespace: Self.namespace, .merge(["metadata": ["annotations": ["poke": "1"]]]))
            let failed = try await cluster.eventually("worker-v Failed") {
                try await cluster.machine("worker-v").flatMap { $0.phase == .failed ? $0 : nil }
            }
            #expect(failed.errorMessage == "Can't find created instance.")
            #expect(failed.condition(.instanceExists)?.reason == "InstanceMissing")
            #expect(cluster.actuator.createCalls("worker-v") == 1)
        }
    }

    @Test func deletingAMachineWaitsForItsHookThenDrainsAndRemovesItsNode() async throws {
        try await MachineCluster.run { cluster in
            _ = try await cluster.createMachine("worker-d", preDrainHooks: ["keep-until-backed-up"])
            _ = try await cluster.createNode(for: "worker-d")
            _ = try await cluster.eventually("worker-d Running") {
                try await cluster.machine("worker-d").flatMap { $0.phase == .running ? $0 : nil }
            }
            let pod = try await cluster.client.resource(Pod.self).create(
                Pod([
                    "apiVersion": "v1", "kind": "Pod",
                    "metadata": ["name": "web", "namespace": "default"],
                    "spec": ["nodeName": "worker-d", "containers": [["name": "web", "image": "nginx"]]],
                ]))

            try await cluster.client.resource(Machine.self).delete("worker-d", namespace: Self.namespace)
            let blocked = try await cluster.eventually("worker-d blocked by its pre-drain hook") {
                try await cluster.machine("worker-d").flatMap {
                    $0.phase == .deleting && $0.condition(.drainable)?.status == "False" ? $0 : nil
                }
            }
            #expect(blocked.condition(.drainable)?.reason == "HookPresent")
            #expect(blocked.condition(.drainable)?.message.contains("keep-until-backed-up") == true)
            _ = try await cluster.eventually("the DrainBlocked event") {
                try await cluster.eventReasons(about: "worker-d").contains("DrainBlocked") ? true : nil
            }
            // Held back: the node is still schedulable and the pod untouched.
            #expect(try await cluster.client.resource(Node.self).get("worker-d").unschedulable == false)
            #expect(try await cluster.client.resource(Pod.self).get("web", namespace: "default").metadata.deletionTimestamp == nil)

            // The hook's owner lets go.
            _ = try await cluster.client.resource(Machine.self).patch(
                "worker-d", namespace: Self.namespace, .merge(["spec": ["lifecycleHooks": ["preDrain": nil]]]))
            let evicted = try await cluster.eventually("web evicted") {
                let pod = try await cluster.client.resource(Pod.self).get("web", namespace: "default")
                return pod.metadata.deletionTimestamp == nil ? nil : pod
            }
            #expect(evicted.metadata.uid == pod.metadata.uid)
            #expect(try await cluster.client.resource(Node.self).get("worker-d").unschedulable)
            // The drain waits for the pod to be gone; the kubelet's part is the test's.
            #expect(try await cluster.machine("worker-d")?.condition(.drained)?.isTrue != true)
            try await cluster.client.resource(Pod.self).delete(
                "web", namespace: "default", options: DeleteOptions(gracePeriodSeconds: 0))

            try await cluster.eventually("worker-d's Machine gone") {
                try await cluster.machine("worker-d") == nil ? true : nil
            }
            let nodeGone = try await cluster.exists(Node.self, "worker-d") == false
            #expect(nodeGone)
            #expect(cluster.actuator.instanceNames.isEmpty)
        }
    }

    @Test func theMachineControllerRefusesToStartWithoutAnActuator() async throws {
        try await TestCluster.run { testCluster in
            try await testCluster.withKubernetesClient { client in
                let manager = ControllerManager(
                    client: client, controllers: [.machine], logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
                await #expect {
                    try await manager.run()
                } throws: { error in
                    "\(error)".contains("needs a machine actuator")
                }
            }
        }
    }
}

// MARK: - Support

/// A provider whose instances live in memory. `create` makes one (or fails with `InvalidConfiguration` when the
/// provider spec says `failWith: <message>`); its providerID is `test://<machine>` and its InternalIP derived from the
/// name, so that the Node a test creates with ``MachineCluster/createNode(for:)`` matches it. `delete` takes two calls,
/// the first answering `inProgress`, as a real instance takes a while to go.
final class NodeBackedActuator: MachineActuator {
    private struct State {
        var instances: Set<String> = []
        var deleting: Set<String> = []
        var creates: [String: Int] = [:]
    }
    private let state = Mutex(State())

    static func internalIP(for name: String) -> String {
        let hash = name.utf8.reduce(UInt32(7)) { $0 &* 31 &+ UInt32($1) }
        return "10.\(hash % 250).\((hash / 250) % 250).\((hash / 62_500) % 250 + 1)"
    }

    var instanceNames: Set<String> { state.withLock { $0.instances } }
    /// Removes an instance as someone at the provider would.
    func vanish(_ name: String) { state.withLock { _ = $0.instances.remove(name) } }
    func createCalls(_ name: String) -> Int { state.withLock { $0.creates[name] ?? 0 } }

    func exists(_ machine: Machine) async throws -> Bool {
        state.withLock { $0.instances.contains(machine.name) }
    }

    func create(_ machine: Machine) async throws -> MachineInstance {
        state.withLock { $0.creates[machine.name, default: 0] += 1 }
        if let message = machine.providerSpecValue?["failWith"]?.stringValue {
            throw MachineActuatorError.failed(.invalidConfiguration, message)
        }
        state.withLock { _ = $0.instances.insert(machine.name) }
        return instance(machine)
    }

    func update(_ machine: Machine) async throws -> MachineInstance { instance(machine) }

    func delete(_ machine: Machine) async throws -> MachineDeletionProgress {
        state.withLock { state in
            guard state.instances.contains(machine.name) else { return .deleted }
            if state.deleting.insert(machine.name).inserted { return .inProgress(retryAfter: .milliseconds(50)) }
            state.instances.remove(machine.name)
            return .deleted
        }
    }

    private func instance(_ machine: Machine) -> MachineInstance {
        MachineInstance(
            providerID: "test://\(machine.name)",
            addresses: [["type": "InternalIP", "address": .string(Self.internalIP(for: machine.name))]],
            nodeName: machine.name)
    }
}

/// A fresh cluster with the Machine API installed and the machine and nodelink controllers running beside the test.
private struct MachineCluster: Sendable {
    let client: KubernetesClient
    let actuator: NodeBackedActuator
    let logs: ControllerLogRecorder

    static func run(_ body: @escaping @Sendable (MachineCluster) async throws -> Void) async throws {
        try await TestCluster.run { testCluster in
            try await testCluster.withKubernetesClient { client in
                let logs = ControllerLogRecorder(level: .info)
                let logger = Logger(label: "hollow.machine.tests") { _ in logs.handler() }
                try await MachineAPIInstaller.install(client, logger: logger)
                let cluster = MachineCluster(client: client, actuator: NodeBackedActuator(), logs: logs)
                try await withControllerManager(
                    client: client, controllers: [.machine, .nodelink], logger: logger,
                    machineActuator: cluster.actuator
                ) {
                    try await body(cluster)
                }
            }
        }
    }

    func createMachine(
        _ name: String, providerSpec: JSON = [:], nodeLabels: [String: String] = [:], taints: [JSON] = [],
        preDrainHooks: [String] = []
    ) async throws -> Machine {
        var spec: JSONObject = ["providerSpec": ["value": providerSpec]]
        if !nodeLabels.isEmpty {
            spec["metadata"] = ["labels": .object(JSONObject(nodeLabels.map { ($0.key, JSON.string($0.value)) }))]
        }
        if !taints.isEmpty { spec["taints"] = .array(taints) }
        if !preDrainHooks.isEmpty {
            spec["lifecycleHooks"] = ["preDrain": .array(preDrainHooks.map { ["name": .string($0), "owner": "tests"] })]
        }
        return try await client.resource(Machine.self).create(
            Machine([
                "apiVersion": .string(MachineAPI.apiVersion), "kind": "Machine",
                "metadata": [
                    "name": .string(name), "namespace": .string(MachineAPI.namespace),
                    "labels": [MachineAPI.clusterLabel: "test"],
                ],
                "spec": .object(spec),
            ]))
    }

    /// The Node an instance's kubelet would register: named after the Machine, with its providerID and InternalIP.
    func createNode(for machineName: String) async throws -> Node {
        try await client.resource(Node.self).create(
            Node([
                "apiVersion": "v1", "kind": "Node",
                "metadata": ["name": .string(machineName), "labels": ["kubernetes.io/hostname": .string(machineName)]],
                "spec": ["providerID": .string("test://\(machineName)")],
                "status": [
                    "addresses": [["type": "InternalIP", "address": .string(NodeBackedActuator.internalIP(for: machineName))]],
                    "conditions": [["type": "Ready", "status": "True"]],
                ],
            ]))
    }

    func machine(_ name: String) async throws -> Machine? {
        do {
            return try await client.resource(Machine.self).get(name, namespace: MachineAPI.namespace)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    func exists<Object: KubernetesObject>(_ type: Object.Type, _ name: String, namespace: String? = nil) async throws
        -> Bool
    {
        do {
            _ = try await client.resource(type).get(name, namespace: namespace)
            return true
        } catch let error as APIError where error.isNotFound {
            return false
        }
    }

    /// The reasons of the Events about the Machine `name`.
    func eventReasons(about name: String) async throws -> Set<String> {
        let events = try await client.resource(Event.self).list(namespace: MachineAPI.namespace).items
        return Set(
            events.filter { $0.object[path: ["involvedObject", "name"]]?.stringValue == name }
                .compactMap { $0.object["reason"]?.stringValue })
    }

    /// Waits until `probe` returns a value, and returns it; fails with the controllers' warnings after `timeout`.
    @discardableResult
    func eventually<T: Sendable>(
        _ what: String, timeout: Duration = .seconds(20), _ probe: @Sendable () async throws -> T?
    ) async throws -> T {
        try await awaitValue(what, timeout: timeout, logs: logs, probe)
    }
}

