import HollowClient
import HollowModel
import HollowRuntime
import HollowTesting
import Logging
import Testing

@testable import HollowControllers

/// The MachineHealthCheck controller against a real API server with the Machine API installed. No machine,
/// machineset or nodelink controller runs: the test creates the MachineSet that owns the Machines, links each
/// Machine to its Node through `status.nodeRef`, and plays the kubelet by writing node conditions through
/// `nodes/status`.
@Suite("MachineHealthCheck controller against a real server", .serialized)
struct MachineHealthCheckControllerTests {
    @Test func aNodeNotReadyPastItsTimeoutGetsItsMachineDeletedWithinASecond() async throws {
        try await MHCCluster.run { cluster in
            let owner = try await cluster.createMachineSet()
            try await cluster.createLinkedMachine("worker-a", owner: owner)
            try await cluster.createLinkedMachine("worker-b", owner: owner)
            try await cluster.createHealthCheck(
                conditions: [["type": "Ready", "status": "False", "timeout": "1s"]])
            try await cluster.eventually("both machines counted healthy") {
                try await cluster.healthCheckStatus()?["currentHealthy"] == 2 ? true : nil
            }

            let since = try await cluster.setReady("worker-a-node", "False")
            let deadline = since.adding(.seconds(1))
            let gone = try await cluster.eventually("worker-a deleted", timeout: .seconds(10)) {
                () async throws -> Timestamp? in
                try await cluster.machineExists("worker-a") ? nil : Timestamp.now()
            }
            // The timeout counts from lastTransitionTime as written (whole seconds); the check polls every 50 ms.
            #expect(gone >= deadline, "not before the timeout ran out")
            #expect(gone.duration(since: deadline) < .milliseconds(1500), "remediation started within about 1 s")
            #expect(try await cluster.machineExists("worker-b"))
            try await cluster.eventually("a MachineDeleted event") {
                try await cluster.events(reason: "MachineDeleted", about: "worker-a").first
            }
            let status = try #require(try await cluster.healthCheckStatus())
            #expect(status["conditions"]?.arrayValue?.first?["type"] == "RemediationAllowed")
            #expect(status["conditions"]?.arrayValue?.first?["status"] == "True")
        }
    }

    @Test func tooManyUnhealthyShortCircuitsRemediation() async throws {
        try await MHCCluster.run { cluster in
            let owner = try await cluster.createMachineSet()
            try await cluster.createLinkedMachine("worker-a", owner: owner)
            try await cluster.createLinkedMachine("worker-b", owner: owner)
            try await cluster.createLinkedMachine("worker-c", owner: owner)
            try await cluster.createHealthCheck(
                maxUnhealthy: 1, conditions: [["type": "Ready", "status": "False", "timeout": "2s"]])
            try await cluster.eventually("all machines counted healthy") {
                try await cluster.healthCheckStatus()?["currentHealthy"] == 3 ? true : nil
            }

            // Both go NotReady within the timeout: from then on two count against maxUnhealthy 1.
            let since = try await cluster.setReady("worker-a-node", "False")
            _ = try await cluster.setReady("worker-b-node", "False")
            let condition = try await cluster.eventually("RemediationAllowed False") { () async throws -> JSON? in
                let condition = try await cluster.healthCheckStatus()?["conditions"]?.arrayValue?.first
                return condition?["status"] == "False" ? condition : nil
            }
            #expect(condition["reason"] == "TooManyUnhealthy")
            #expect(condition["severity"] == "Warning")
            #expect(
                condition["message"]
                    == "Remediation is not allowed, the number of not started or unhealthy machines exceeds maxUnhealthy (total: 3, unhealthy: 2, maxUnhealthy: 1)"
            )
            let event = try await cluster.eventually("a RemediationRestricted event") {
                try await cluster.events(reason: "RemediationRestricted", about: "workers").first
            }
            #expect(event["type"] == "Warning")
            #expect(
                event["message"]
                    == "Remediation restricted due to exceeded number of unhealthy machines (total: 3, unhealthy: 2, maxUnhealthy: 1)"
            )
            // Past the timeout both are unhealthy, and still nothing is deleted.
            try await cluster.eventually("the recheck after the timeout", timeout: .seconds(10)) {
                Timestamp.now() > since.adding(.milliseconds(3500)) ? true : nil
            }
            let status = try #require(try await cluster.healthCheckStatus())
            #expect(status["remediationsAllowed"] == 0)
            #expect(status["currentHealthy"] == 1)
            for name in ["worker-a", "worker-b", "worker-c"] { #expect(try await cluster.machineExists(name)) }
            #expect(try await cluster.events(reason: "MachineDeleted", about: nil).isEmpty)
        }
    }

    @Test func aMachineWithoutControllerOwnerIsNotDeleted() async throws {
        try await MHCCluster.run { cluster in
            let owner = try await cluster.createMachineSet()
            try await cluster.createLinkedMachine("orphan", owner: nil)
            try await cluster.createLinkedMachine("owned", owner: owner)
            _ = try await cluster.setReady("orphan-node", "False", since: Timestamp.now().adding(.seconds(-600)))
            _ = try await cluster.setReady("owned-node", "False", since: Timestamp.now().adding(.seconds(-600)))
            try await cluster.createHealthCheck(
                conditions: [["type": "Ready", "status": "False", "timeout": "1s"]])

            try await cluster.eventually("the owned machine deleted") {
                try await cluster.machineExists("owned") ? nil : true
            }
            let event = try await cluster.eventually("a SkippedNoController event") {
                try await cluster.events(reason: "SkippedNoController", about: "orphan").first
            }
            #expect(
                event["message"]
                    == "Machine openshift-machine-api/workers/orphan/orphan-node has no controller owner, skipping remediation"
            )
            #expect(try await cluster.machineExists("orphan"))
        }
    }

    @Test func withoutConditionsTheConfigMapOverridesTheOlderDefaults() async throws {
        try await MHCCluster.run { cluster in
            let owner = try await cluster.createMachineSet()
            try await cluster.createLinkedMachine("worker-a", owner: owner)
            try await cluster.createLinkedMachine("worker-b", owner: owner)
            try await cluster.createHealthCheck(conditions: nil)
            try await cluster.eventually("both machines counted healthy") {
                try await cluster.healthCheckStatus()?["currentHealthy"] == 2 ? true : nil
            }
            // The older default is NotReady for 5 minutes: a minute-old NotReady is only detected.
            _ = try await cluster.setReady("worker-a-node", "False", since: Timestamp.now().adding(.seconds(-60)))
            try await cluster.eventually("worker-a detected unhealthy") {
                try await cluster.events(reason: "DetectedUnhealthy", about: "worker-a").first
            }
            #expect(try await cluster.machineExists("worker-a"))

            _ = try await cluster.client.resource(ConfigMap.self).create(
                ConfigMap([
                    "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": ["name": "node-unhealthy-conditions", "namespace": "openshift-machine-api"],
                    "data": ["conditions": "items:\n- name: Ready\n  timeout: 30s\n  status: False\n"],
                ]))
            try await cluster.eventually("worker-a deleted under the ConfigMap's 30s") {
                try await cluster.machineExists("worker-a") ? nil : true
            }
            #expect(try await cluster.machineExists("worker-b"))
        }
    }
}

// MARK: - Support

/// A fresh cluster with the Machine API installed and the machinehealthcheck controller running beside the test.
private struct MHCCluster: Sendable {
    static let namespace = MachineAPI.namespace
    let client: KubernetesClient
    let logs: ControllerLogRecorder

    static func run(_ body: @escaping @Sendable (MHCCluster) async throws -> Void) async throws {
        try await TestCluster.run { testCluster in
            try await testCluster.withKubernetesClient { client in
                let logs = ControllerLogRecorder(level: .info)
                let logger = Logger(label: "hollow.mhc.tests") { _ in logs.handler() }
                try await MachineAPIInstaller.install(client, logger: logger)
                let cluster = MHCCluster(client: client, logs: logs)
                try await withControllerManager(client: client, controllers: [.machinehealthcheck], logger: logger) {
                    try await body(cluster)
                }
            }
        }
    }

    /// Waits until `probe` returns a value, and returns it; fails with the controller's warnings after `timeout`.
    @discardableResult
    func eventually<T: Sendable>(
        _ what: String, timeout: Duration = .seconds(30), _ probe: @Sendable () async throws -> T?
    ) async throws -> T {
        try await awaitValue(what, timeout: timeout, logs: logs, probe)
    }

    /// The MachineSet `workers` that owns the test's Machines (no controller acts on it).
    func createMachineSet() async throws -> MachineSet {
        try await client.resource(MachineSet.self).create(
            MachineSet([
                "apiVersion": .string(MachineAPI.apiVersion), "kind": "MachineSet",
                "metadata": ["name": "workers", "namespace": .string(Self.namespace)],
                "spec": [
                    "replicas": 0, "selector": ["matchLabels": ["role": "worker"]],
                    "template": ["metadata": ["labels": ["role": "worker"]]],
                ],
            ]))
    }

    /// A Machine labelled `role=worker` (controlled by `owner` when given) and its Ready Node `<name>-node`, linked
    /// through `status.nodeRef`.
    func createLinkedMachine(_ name: String, owner: MachineSet?) async throws {
        let nodeName = "\(name)-node"
        _ = try await client.resource(Node.self).create(
            Node(["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(nodeName)]]))
        _ = try await setReady(nodeName, "True", since: Timestamp.now().adding(.seconds(-3600)))
        var machine = Machine([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": "Machine",
            "metadata": ["name": .string(name), "namespace": .string(Self.namespace), "labels": ["role": "worker"]],
            "spec": [:],
        ])
        if let owner { machine.metadata.ownerReferences = [.controller(of: owner)] }
        _ = try await client.resource(Machine.self).create(machine)
        _ = try await client.resource(Machine.self).patch(
            name, namespace: Self.namespace,
            .merge([
                "status": [
                    "phase": "Running", "nodeRef": ["kind": "Node", "name": .string(nodeName)],
                    "lastUpdated": .string(Timestamp.now().rfc3339),
                ]
            ]), subresource: "status")
    }

    /// A check `workers` over `role=worker` Machines.
    func createHealthCheck(maxUnhealthy: JSON? = nil, conditions: [JSON]?) async throws {
        var spec: JSONObject = ["selector": ["matchLabels": ["role": "worker"]]]
        if let conditions { spec["unhealthyConditions"] = .array(conditions) }
        if let maxUnhealthy { spec["maxUnhealthy"] = maxUnhealthy }
        _ = try await client.resource(MachineHealthCheck.self).create(
            MachineHealthCheck([
                "apiVersion": .string(MachineAPI.apiVersion), "kind": "MachineHealthCheck",
                "metadata": ["name": "workers", "namespace": .string(Self.namespace)], "spec": .object(spec),
            ]))
    }

    /// Writes the node's Ready condition as a kubelet would, transitioned at `since` (now if not given); returns
    /// the transition time as written (whole seconds).
    @discardableResult
    func setReady(_ node: String, _ status: String, since: Timestamp = .now()) async throws -> Timestamp {
        let written = since.truncatedToSeconds
        let condition = NodeLifecycle.NodeCondition.json(
            type: "Ready", status: status, lastHeartbeatTime: .now(), lastTransitionTime: written,
            reason: status == "True" ? "KubeletReady" : "KubeletNotReady", message: "")
        _ = try await client.resource(Node.self).patch(
            node, .merge(["status": ["conditions": [condition]]]), subresource: "status")
        return written
    }

    func machineExists(_ name: String) async throws -> Bool {
        do {
            _ = try await client.resource(Machine.self).get(name, namespace: Self.namespace)
            return true
        } catch let error as APIError where error.isNotFound {
            return false
        }
    }

    func healthCheckStatus() async throws -> JSON? {
        try await client.resource(MachineHealthCheck.self).get("workers", namespace: Self.namespace).object["status"]
    }

    /// Events in the Machine API namespace with `reason`, about the object named `about` (any when `nil`).
    func events(reason: String, about name: String?) async throws -> [JSON] {
        try await client.resource(Event.self).list(namespace: Self.namespace).items.map(\.object).filter {
            $0["reason"]?.stringValue == reason
                && (name == nil || $0[path: ["involvedObject", "name"]]?.stringValue == name)
        }
    }
}

