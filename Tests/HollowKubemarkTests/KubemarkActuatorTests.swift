import Foundation
import HollowClient
import HollowControllers
import HollowKubemark
import HollowModel
import HollowNodes
import HollowRuntime
import HollowTesting
import Logging
import Testing

/// The actuator against a real API server, on a ``ManualClock``: Machines are values handed to it (as the machine
/// controller does), Nodes are what the server holds.
@Suite(.serialized) struct KubemarkActuatorTests {
    static let quiet = Logger(label: "kubemark-test", factory: { _ in SwiftLogNoOpLogHandler() })

    struct Harness: Sendable {
        let client: KubernetesClient
        let clock: ManualClock
        let actuator: KubemarkActuator
        let pool: HollowNodePool?

        func node(_ name: String) async throws -> Node? {
            do {
                return try await client.resource(Node.self).get(name)
            } catch let error as APIError where error.isNotFound {
                return nil
            }
        }

        /// A Machine created now on the harness clock.
        func machine(
            _ name: String, fields: String, labels: [String: String] = [:], annotations: [String: String] = [:],
            taints: [JSON] = [], uid: String = UUID().uuidString.lowercased()
        ) -> Machine {
            var metadata: JSONObject = [
                "name": .string(name), "namespace": "openshift-machine-api", "uid": .string(uid),
                "creationTimestamp": .string(clock.wallTime.rfc3339),
            ]
            if !annotations.isEmpty { metadata["annotations"] = .object(Self.object(annotations)) }
            var spec: JSONObject = ["providerSpec": ["value": providerSpec(fields)]]
            if !labels.isEmpty { spec["metadata"] = ["labels": .object(Self.object(labels))] }
            if !taints.isEmpty { spec["taints"] = .array(taints) }
            return Machine([
                "apiVersion": "machine.openshift.io/v1beta1", "kind": "Machine", "metadata": .object(metadata),
                "spec": .object(spec),
            ])
        }

        static func object(_ map: [String: String]) -> JSONObject {
            JSONObject(map.keys.sorted().map { ($0, JSON.string(map[$0]!)) })
        }
    }

    static func run(pool: Bool = false, _ body: @escaping @Sendable (Harness) async throws -> Void) async throws {
        let clock = ManualClock(wallTime: Timestamp.now().truncatedToSeconds)
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                let actuator = KubemarkActuator(client: client, pool: "kubemark-test", clock: clock, logger: quiet)
                guard pool else {
                    return try await body(Harness(client: client, clock: clock, actuator: actuator, pool: nil))
                }
                let nodePool = HollowNodePool(
                    client: client, configuration: .init(pool: "kubemark-test", writers: 4, timerCoalescing: .zero),
                    clock: clock, logger: quiet)
                let harness = Harness(client: client, clock: clock, actuator: actuator, pool: nodePool)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await nodePool.run() }
                    defer { group.cancelAll() }
                    try await body(harness)
                    group.cancelAll()
                    while (try? await group.next()) != nil {}
                }
            }
        }
    }

    /// The error `body` throws, as a ``MachineActuatorError``.
    static func actuatorError<T>(_ body: () async throws -> T) async throws -> MachineActuatorError {
        do {
            _ = try await body()
        } catch let error as MachineActuatorError {
            return error
        }
        Issue.record("no error thrown")
        throw CancellationError()
    }

    @Test func createMakesTheMachinesNodeWithItsShapeLabelsZoneAndProviderID() async throws {
        try await Self.run { h in
            let machine = h.machine(
                "workers-abcde",
                fields: #"""
                    "image": "quay.io/kubemark:v1.27.3", "numCores": 8, "memoryCapacity": "32Gi", "maxPods": 250,
                    "nodeJoinDelay": "2s", "failureDomains": ["zone-a"], "region": "east",
                    "turnUnhealthyPeriodically": true, "healthyDuration": "40s", "unhealthyDuration": "5s"
                    """#,
                labels: ["node-role.kubernetes.io/worker": ""],
                taints: [["key": "dedicated", "value": "gpu", "effect": "NoSchedule"]])
            #expect(try await h.actuator.exists(machine) == false)

            let instance = try await h.actuator.create(machine)
            #expect(
                instance
                    == MachineInstance(
                        providerID: "kubemark://workers-abcde",
                        addresses: [["type": "Hostname", "address": "workers-abcde"]], nodeName: "workers-abcde",
                        labels: ["machine.openshift.io/region": "east", "machine.openshift.io/zone": "zone-a"]))

            let node = try #require(try await h.node("workers-abcde"))
            #expect(node.object[path: ["spec", "providerID"]] == "kubemark://workers-abcde")
            #expect(node.object[path: ["spec", "taints"]] == [["key": "dedicated", "value": "gpu", "effect": "NoSchedule"]])
            #expect(
                node.metadata.labels == [
                    "hollow.dev/pool": "kubemark-test", "node-role.kubernetes.io/worker": "",
                    "topology.kubernetes.io/zone": "zone-a", "topology.kubernetes.io/region": "east",
                ])
            #expect(
                node.metadata.annotations == [
                    "hollow.dev/cpu": "8", "hollow.dev/memory": "32Gi", "hollow.dev/pods": "250",
                    "hollow.dev/kubelet-version": "v1.27.3", "hollow.dev/registration-delay": "2s",
                    "hollow.dev/turn-unhealthy-periodically": "true", "hollow.dev/healthy-duration": "40s",
                    "hollow.dev/unhealthy-duration": "5s",
                ])

            #expect(try await h.actuator.exists(machine))
            #expect(try await h.actuator.create(machine) == instance, "a second create returns the same instance")
            #expect(try await h.actuator.update(machine) == instance)
        }
    }

    @Test func provisioningDelayRequeuesUntilItHasPassedThenCreates() async throws {
        try await Self.run { h in
            let machine = h.machine("slow", fields: #""provisioningDelay": "10s""#)
            var error = try await Self.actuatorError { try await h.actuator.create(machine) }
            #expect(error.retryAfter == .seconds(10) && error.reason == nil)
            #expect(try await h.node("slow") == nil)

            h.clock.advance(by: .seconds(4))
            error = try await Self.actuatorError { try await h.actuator.create(machine) }
            #expect(error.retryAfter == .seconds(6))
            #expect(try await h.actuator.exists(machine) == false)

            h.clock.advance(by: .seconds(6))
            #expect(try await h.actuator.create(machine).providerID == "kubemark://slow")
            #expect(try await h.node("slow") != nil)
        }
    }

    @Test func certainProvisioningFailureFailsTheMachineWithCreateErrorAndMakesNoNode() async throws {
        try await Self.run { h in
            let machine = h.machine("doomed", fields: #""provisioningFailureProbability": 1.0"#)
            let error = try await Self.actuatorError { try await h.actuator.create(machine) }
            #expect(error.reason == .createError)
            #expect(error.message.contains("provisioningFailureProbability"))
            #expect(try await h.node("doomed") == nil)
        }
    }

    @Test func deletionTimeoutHoldsDeletionBackThenTheNodeGoes() async throws {
        try await Self.run { h in
            var machine = h.machine("leaving", fields: #""deletionTimeout": "2s""#)
            _ = try await h.actuator.create(machine)
            machine.object[path: ["metadata", "deletionTimestamp"]] = .string(h.clock.wallTime.rfc3339)

            #expect(try await h.actuator.delete(machine) == .inProgress(retryAfter: .seconds(2)))
            h.clock.advance(by: .seconds(1))
            #expect(try await h.actuator.delete(machine) == .inProgress(retryAfter: .seconds(1)))
            #expect(try await h.node("leaving") != nil)
            h.clock.advance(by: .seconds(1))
            #expect(try await h.actuator.delete(machine) == .deleted)
            #expect(try await h.node("leaving") == nil)
            #expect(try await h.actuator.exists(machine) == false)
            #expect(try await h.actuator.delete(machine) == .deleted, "deleting a gone instance")
        }
    }

    @Test func kubemarksDeletionTimeoutAnnotationStartsTheTimeout() async throws {
        try await Self.run { h in
            let started = h.clock.wallTime.adding(.seconds(-5)).secondsSinceEpoch
            var machine = h.machine(
                "annotated", fields: #""deletionTimeout": "8s""#,
                annotations: ["machine.openshift.io/deletion-timeout": "\(started)"])
            _ = try await h.actuator.create(machine)
            machine.object[path: ["metadata", "deletionTimestamp"]] = .string(h.clock.wallTime.rfc3339)
            #expect(try await h.actuator.delete(machine) == .inProgress(retryAfter: .seconds(3)))

            machine.metadata.annotations["machine.openshift.io/deletion-timeout"] = "yesterday"
            let error = try await Self.actuatorError { try await h.actuator.delete(machine) }
            #expect(error.reason == .deleteError)
            #expect(error.message.contains("machine.openshift.io/deletion-timeout"))
        }
    }

    @Test func invalidConfigsFailTheMachineNamingTheFieldAndCreateNothing() async throws {
        try await Self.run { h in
            let cases: [(String, String, String)] = [
                ("bad-duration", #""healthyDuration": "-5s""#, #"healthyDuration: "-5s" must not be negative"#),
                ("bad-cores", #""numCores": "x""#, #"numCores: must be a whole number, got the string "x""#),
                ("bad-field", #""numCPUs": 4"#, "numCPUs: unknown field"),
            ]
            for (name, fields, message) in cases {
                let machine = h.machine(name, fields: fields)
                let error = try await Self.actuatorError { try await h.actuator.create(machine) }
                #expect(error.reason == .invalidConfiguration, "\(name)")
                #expect(error.message.hasPrefix(message), "\(name): \(error.message)")
                #expect(try await h.node(name) == nil)
                // The Machine can still be deleted.
                #expect(try await h.actuator.delete(machine) == .deleted)
            }
        }
    }

    @Test func aNodeOfTheSameNameThatIsNotTheMachinesIsLeftAlone() async throws {
        try await Self.run { h in
            _ = try await h.client.resource(Node.self).create(
                HollowNodeTemplate(name: "taken", pool: "elsewhere", providerID: "aws:///us-east-1a/i-0123").node)
            let machine = h.machine("taken", fields: "")
            #expect(try await h.actuator.exists(machine) == false)
            let error = try await Self.actuatorError { try await h.actuator.create(machine) }
            #expect(error.reason == .createError)
            #expect(error.message.contains("aws:///us-east-1a/i-0123"))
            #expect(try await h.actuator.delete(machine) == .deleted)
            #expect(try await h.node("taken") != nil)
        }
    }

    @Test func theHollowPoolRegistersTheNodeAfterTheJoinDelayAndItBecomesReady() async throws {
        try await Self.run(pool: true) { h in
            let machine = h.machine("joiner", fields: #""nodeJoinDelay": "5s", "image": "x/kubemark:v1.27.3""#)
            _ = try await h.actuator.create(machine)
            @Sendable func ready() async throws -> String? {
                let node = try await h.node("joiner")
                return HollowNodeCondition.conditions(of: node?.object ?? [:]).first { $0.type == "Ready" }?.status
            }
            // The pool holds the registration for the join delay.
            let pool = try #require(h.pool)
            try await eventually(timeout: .seconds(10), "the pool seeing the node") {
                let statistics = pool.statistics()
                return statistics.nodes == 1 && statistics.backlog == 0
            }
            #expect(pool.statistics().registeredNodes == 0)
            #expect(try await ready() == nil)
            h.clock.advance(by: .seconds(5))
            try await eventually(timeout: .seconds(10), "joiner Ready") { try await ready() == "True" }

            let node = try #require(try await h.node("joiner"))
            #expect(node.object[path: ["status", "nodeInfo", "kubeletVersion"]] == "v1.27.3")
            let instance = try await h.actuator.update(machine)
            let internalIP = try #require(instance.addresses.first?["address"]?.stringValue)
            #expect(instance.addresses.first?["type"] == "InternalIP")
            #expect(instance.addresses.last == ["type": "Hostname", "address": "joiner"])
            #expect(!internalIP.isEmpty)
        }
    }
}
