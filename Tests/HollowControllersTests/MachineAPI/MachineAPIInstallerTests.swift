import HollowClient
import HollowModel
import HollowTesting
import Logging
import Testing

@testable import HollowControllers

/// The Machine API installed into a real server: idempotent, Established, validating with the Kubernetes messages
/// and serving the scale subresource.
@Suite("Machine API installer")
struct MachineAPIInstallerTests {
    static let logger = Logger(label: "machine-api-installer-test", factory: { _ in SwiftLogNoOpLogHandler() })

    static let installed = [
        "namespace/openshift-machine-api",
        "customresourcedefinition.apiextensions.k8s.io/machines.machine.openshift.io",
        "customresourcedefinition.apiextensions.k8s.io/machinesets.machine.openshift.io",
        "customresourcedefinition.apiextensions.k8s.io/machinedeployments.machine.openshift.io",
        "customresourcedefinition.apiextensions.k8s.io/machinehealthchecks.machine.openshift.io",
        "customresourcedefinition.apiextensions.k8s.io/clusters.machine.openshift.io",
        "serviceaccount/machine-api-controllers",
        "clusterrole.rbac.authorization.k8s.io/hollow-machine-api-controllers",
        "clusterrolebinding.rbac.authorization.k8s.io/hollow-machine-api-controllers",
    ]

    /// Runs `body` with a client for a fresh server into which the Machine API is installed.
    func withMachineAPI(_ body: @Sendable (KubernetesClient) async throws -> Void) async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                try await MachineAPIInstaller.install(client, logger: Self.logger)
                try await body(client)
            }
        }
    }

    @Test func installingTwiceChangesNothingTheSecondTime() async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                let first = try await MachineAPIInstaller.install(client, logger: Self.logger)
                #expect(first.map(\.object) == Self.installed)
                #expect(first.allSatisfy { $0.action == .created }, "\(first)")
                let versions = try await client.resource(.customResourceDefinitions).list().items
                    .map { [$0.name, $0.resourceVersion] }

                let second = try await MachineAPIInstaller.install(client, logger: Self.logger)
                #expect(second.map(\.object) == Self.installed)
                #expect(second.allSatisfy { $0.action == .unchanged }, "\(second)")
                let after = try await client.resource(.customResourceDefinitions).list().items
                    .map { [$0.name, $0.resourceVersion] }
                #expect(after == versions, "the second install wrote nothing")
            }
        }
    }

    @Test func aChangedDefinitionIsPutBack() async throws {
        try await withMachineAPI { client in
            let definitions = client.resource(.customResourceDefinitions)
            var machineSets = try await definitions.get("machinesets.machine.openshift.io")
            machineSets.object[path: ["spec", "versions"]] = machineSets.object[path: ["spec", "versions"]].map {
                var versions = $0.arrayValue ?? []
                versions[0]["additionalPrinterColumns"] = [["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"]]
                return .array(versions)
            }
            _ = try await definitions.update(machineSets)

            let again = try await MachineAPIInstaller.install(client, logger: Self.logger)
            let changed = again.filter { $0.action != .unchanged }.map(\.description)
            #expect(changed == ["customresourcedefinition.apiextensions.k8s.io/machinesets.machine.openshift.io configured"])
            let restored = try await definitions.get("machinesets.machine.openshift.io")
            let columns = restored.object[path: ["spec", "versions"]]?.arrayValue?.first?["additionalPrinterColumns"]
            #expect(columns?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Desired", "Current", "Ready", "Available", "Age"])
        }
    }

    @Test func everyDefinitionIsEstablishedAndServed() async throws {
        try await withMachineAPI { client in
            for definition in MachineAPIDefinitions.all {
                let name = try #require(definition[path: ["metadata", "name"]]?.stringValue)
                let served = try await client.resource(.customResourceDefinitions).get(name)
                let conditions = served.object[path: ["status", "conditions"]]?.arrayValue ?? []
                #expect(conditions.contains { $0["type"] == "Established" && $0["status"] == "True" }, "\(name)")
            }
            for resource in [
                APIResource.machines, .machineSets, .machineDeployments, .machineHealthChecks, .machineClusters,
            ] {
                let list = try await client.resource(resource).list(namespace: MachineAPI.namespace)
                #expect(list.items.isEmpty, "\(resource) is served")
            }
        }
    }

    @Test func theProviderSpecValueKeepsWhatItIsGivenAndUnknownFieldsElsewhereArePruned() async throws {
        try await withMachineAPI { client in
            let value: JSON = [
                "apiVersion": "kubemarkproviderconfig.k8s.io/v1alpha1", "kind": "KubemarkMachineProviderConfig",
                "turnUnhealthyAfter": "3s", "anything": ["nested": [1, 2]],
            ]
            let machine = Machine([
                "apiVersion": "machine.openshift.io/v1beta1", "kind": "Machine",
                "metadata": ["name": "kept", "namespace": .string(MachineAPI.namespace)],
                "spec": ["providerSpec": ["value": value], "notAField": true],
            ])
            let created = try await client.resource(Machine.self).create(machine)
            #expect(created.object[path: ["spec", "providerSpec", "value"]] == value)
            #expect(created.object[path: ["spec", "notAField"]] == nil)
        }
    }

    /// Each refusal is the one kube-apiserver gives for the operator's schema.
    @Test(arguments: [
        BadObject(
            resource: .machines, name: "typed", spec: ["providerID": 5],
            message: #"Machine.machine.openshift.io "typed" is invalid: spec.providerID: Invalid value: "integer": spec.providerID in body must be of type string: "integer""#),
        BadObject(
            resource: .machineSets, name: "biggest", spec: ["deletePolicy": "Biggest"],
            message: #"MachineSet.machine.openshift.io "biggest" is invalid: spec.deletePolicy: Unsupported value: "Biggest": supported values: "Random", "Newest", "Oldest""#),
        // The schema's type, then the scale subresource's own read of specReplicasPath.
        BadObject(
            resource: .machineSets, name: "typed", spec: ["replicas": "two"],
            message: #"MachineSet.machine.openshift.io "typed" is invalid: [spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string", .spec.replicas: Invalid value: 0: .spec.replicas accessor error: two is of the type string, expected int64]"#),
        BadObject(
            resource: .machineHealthChecks, name: "too-many", spec: ["maxUnhealthy": "101%"],
            message: #"MachineHealthCheck.machine.openshift.io "too-many" is invalid: spec.maxUnhealthy: Invalid value: "101%": spec.maxUnhealthy in body should match '^((100|[0-9]{1,2})%|[0-9]+)$'"#),
        BadObject(
            resource: .machineHealthChecks, name: "no-conditions", spec: ["unhealthyConditions": []],
            message: #"MachineHealthCheck.machine.openshift.io "no-conditions" is invalid: spec.unhealthyConditions: Invalid value: 0: spec.unhealthyConditions in body should have at least 1 items"#),
        BadObject(
            resource: .machineHealthChecks, name: "bad-timeout",
            spec: ["unhealthyConditions": [["type": "Ready", "status": "False", "timeout": "soon"]]],
            message: #"MachineHealthCheck.machine.openshift.io "bad-timeout" is invalid: spec.unhealthyConditions[0].timeout: Invalid value: "soon": spec.unhealthyConditions[0].timeout in body should match '^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$'"#),
    ])
    func aBadFieldIsRefusedWithTheKubernetesMessage(_ bad: BadObject) async throws {
        try await withMachineAPI { client in
            let object = Unstructured([
                "apiVersion": "machine.openshift.io/v1beta1", "kind": .string(bad.resource.kind),
                "metadata": ["name": .string(bad.name), "namespace": .string(MachineAPI.namespace)],
                "spec": bad.spec,
            ])
            let error = await #expect(throws: APIError.self) {
                try await client.resource(bad.resource).create(object)
            }
            #expect(error?.code == 422)
            #expect(error?.message == bad.message)
        }
    }

    @Test func theScaleSubresourceReadsAndWritesReplicas() async throws {
        try await withMachineAPI { client in
            let machineSets = client.resource(MachineSet.self)
            _ = try await machineSets.create(MachineSet.kubemarkWorkers(name: "workers", clusterName: "test", replicas: 2))
            #expect(try await machineSets.getScale("workers", namespace: MachineAPI.namespace).specReplicas == 2)

            let scaled = try await machineSets.scale("workers", namespace: MachineAPI.namespace, replicas: 5)
            #expect(scaled.specReplicas == 5)
            var machineSet = try await machineSets.get("workers", namespace: MachineAPI.namespace)
            #expect(machineSet.object[path: ["spec", "replicas"]] == 5)

            let selector = "machine.openshift.io/cluster-api-cluster=test,machine.openshift.io/cluster-api-machineset=workers"
            machineSet.object["status"] = ["replicas": 3, "labelSelector": .string(selector)]
            _ = try await machineSets.updateStatus(machineSet)
            let scale = try await machineSets.getScale("workers", namespace: MachineAPI.namespace)
            #expect(scale.statusReplicas == 3)
            #expect(scale.selector == selector)
        }
    }

    @Test func theWorkersMachineSetIsValidAndDefaultsNothingAway() async throws {
        try await withMachineAPI { client in
            let machineSet = MachineSet.kubemarkWorkers(name: "workers", clusterName: "c1", replicas: 0)
            let created = try await client.resource(MachineSet.self).create(machineSet)
            #expect(created.object["spec"] == machineSet.object["spec"])
            #expect(created.metadata.labels == [MachineAPI.clusterLabel: "c1"])
        }
    }

    // MARK: Pure

    @Test(arguments: [
        (["a": 1], ["a": 1], true),
        (["a": 1, "b": 2], ["a": 1], true),
        (["a": 1], ["a": 2], false),
        (["a": 1], ["b": 1], false),
        (["l": [["x": 1, "d": true]]], ["l": [["x": 1]]], true),
        (["l": [["x": 1], ["x": 2]]], ["l": [["x": 1]]], false),
        (["n": 1.0], ["n": 1], true),
    ] as [(JSON, JSON, Bool)])
    func whatTheServerAddedDoesNotCountAsAChange(_ whole: JSON, _ part: JSON, _ contained: Bool) {
        #expect(MachineAPIInstaller.contains(whole, part) == contained)
    }

    @Test func anUpdateKeepsOthersLabelsAndFields() throws {
        let current: JSON = [
            "metadata": ["name": "x", "labels": ["theirs": "1"], "resourceVersion": "7"],
            "spec": ["a": 1], "status": ["b": 2],
        ]
        let desired: JSON = ["metadata": ["name": "x", "labels": ["ours": "2"]], "spec": ["a": 3]]
        let updated = try #require(MachineAPIInstaller.merged(desired, into: current))
        #expect(updated[path: ["metadata", "labels"]] == ["theirs": "1", "ours": "2"])
        #expect(updated[path: ["metadata", "resourceVersion"]] == "7")
        #expect(updated["spec"] == ["a": 3])
        #expect(updated["status"] == ["b": 2])
        #expect(MachineAPIInstaller.merged(["spec": ["a": 1]], into: current) == nil)
    }
}

struct BadObject: Sendable, CustomTestStringConvertible {
    var resource: APIResource
    var name: String
    var spec: JSON
    var message: String
    var testDescription: String { "\(resource.kind) \(name)" }
}
