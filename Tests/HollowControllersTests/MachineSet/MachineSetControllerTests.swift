import HollowClient
import HollowModel
import HollowRuntime
import HollowTesting
import Logging
import Testing

@testable import HollowControllers

/// The MachineSet and MachineDeployment controllers against a real API server with the Machine API installed. No
/// machine controller runs: Machines get no status, no finalizer and no Node, which is enough for counts of
/// `replicas` (nothing becomes ready or available).
@Suite("MachineSet and MachineDeployment controllers against a real server")
struct MachineSetControllerTests {
    static let namespace = MachineAPI.namespace

    static func machineSet(_ name: String, replicas: Int, deletePolicy: String? = nil) -> MachineSet {
        var spec: JSONObject = [
            "replicas": .int(Int64(replicas)),
            "selector": ["matchLabels": ["set": .string(name)]],
            "template": [
                "metadata": ["labels": ["set": .string(name), "role": "worker"], "annotations": ["note": "from-template"]],
                "spec": ["providerSpec": ["value": ["kind": "KubemarkMachineProviderConfig"]]],
            ],
        ]
        if let deletePolicy { spec["deletePolicy"] = .string(deletePolicy) }
        return MachineSet([
            "apiVersion": .string(MachineAPI.apiVersion), "kind": "MachineSet",
            "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": .object(spec),
        ])
    }

    @Test func aMachineSetKeepsItsReplicasOfItsTemplate() async throws {
        try await MachineCluster.run { cluster in
            let created = try await cluster.client.resource(MachineSet.self).create(Self.machineSet("workers", replicas: 3))
            let machines = try await cluster.eventually("3 machines") { () async throws -> [Machine]? in
                let owned = try await cluster.machines(ownedBy: created)
                return owned.count == 3 ? owned : nil
            }
            for machine in machines {
                #expect(machine.name.hasPrefix("workers-"))
                #expect(machine.name.count == "workers-".count + 5)
                #expect(
                    machine.metadata.labels == ["set": "workers", "role": "worker", MachineAPI.machineSetLabel: "workers"])
                #expect(machine.metadata.annotations["note"] == "from-template")
                #expect(machine.object[path: ["spec", "providerSpec", "value", "kind"]] == "KubemarkMachineProviderConfig")
                let reference = try #require(machine.metadata.controllerReference)
                #expect(reference.apiVersion == "machine.openshift.io/v1beta1")
                #expect(reference.kind == "MachineSet")
            }
            let status = try await cluster.eventually("the status") { () async throws -> MachineSetStatus? in
                let current = try await cluster.client.resource(MachineSet.self).get("workers", namespace: Self.namespace)
                let status = current.status
                return status.replicas == 3 && status.observedGeneration == current.metadata.generation ? status : nil
            }
            #expect(status.fullyLabeledReplicas == 3)
            #expect(status.readyReplicas == 0)
            #expect(status.labelSelector == "set=workers")

            // A machine deleted by hand is replaced.
            try await cluster.client.resource(Machine.self).delete(machines[0].name, namespace: Self.namespace)
            try await cluster.eventually("a replacement") { () async throws -> Bool? in
                let owned = try await cluster.machines(ownedBy: created)
                return owned.count == 3 && !owned.contains { $0.name == machines[0].name } ? true : nil
            }
        }
    }

    @Test func scalingDownDeletesTheAnnotatedMachineThenTheOldest() async throws {
        try await MachineCluster.run { cluster in
            let machineSets = cluster.client.resource(MachineSet.self)
            let created = try await machineSets.create(Self.machineSet("workers", replicas: 1, deletePolicy: "Oldest"))
            // Creation times have a resolution of a second: three generations a second apart make "oldest" mean
            // something.
            var generations: [String] = []
            for replicas in 1...3 {
                if replicas > 1 {
                    try await Task.sleep(for: .milliseconds(1100))
                    _ = try await machineSets.scale("workers", namespace: Self.namespace, replicas: replicas)
                }
                let machines = try await cluster.eventually("\(replicas) machines") { () async throws -> [Machine]? in
                    let owned = try await cluster.machines(ownedBy: created)
                    return owned.count == replicas ? owned : nil
                }
                generations.append(try #require(machines.first { !generations.contains($0.name) }).name)
            }
            let (oldest, middle, newest) = (generations[0], generations[1], generations[2])

            // The newest is marked: it goes despite the policy, and then the oldest.
            _ = try await cluster.client.resource(Machine.self).patch(
                newest, namespace: Self.namespace,
                .merge(["metadata": ["annotations": .object(JSONObject([(MachineAPI.deleteMachineAnnotation, "true")]))]]))
            _ = try await machineSets.scale("workers", namespace: Self.namespace, replicas: 1)

            let survivors = try await cluster.eventually("one machine left") { () async throws -> [String]? in
                let names = try await cluster.machines(ownedBy: created).map(\.name)
                return names.count == 1 ? names : nil
            }
            #expect(survivors == [middle], "oldest \(oldest) and marked \(newest) go")
        }
    }

    @Test func aMachineDeploymentRollsATemplateChangeToASecondMachineSet() async throws {
        try await MachineCluster.run { cluster in
            let deployments = cluster.client.resource(MachineDeployment.self)
            let created = try await deployments.create(
                MachineDeployment([
                    "apiVersion": .string(MachineAPI.apiVersion), "kind": "MachineDeployment",
                    "metadata": ["name": "pool", "namespace": .string(Self.namespace)],
                    "spec": [
                        "replicas": 2, "selector": ["matchLabels": ["pool": "a"]],
                        // No machine becomes available without a machine controller: let them all be unavailable.
                        "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1, "maxUnavailable": 2]],
                        "template": [
                            "metadata": ["labels": ["pool": "a"]],
                            "spec": ["providerSpec": ["value": ["image": "v1"]]],
                        ],
                    ],
                ]))
            let first = try await cluster.eventually("one MachineSet with 2 machines") { () async throws -> MachineSet? in
                let owned = try await cluster.machineSets(ownedBy: created)
                guard owned.count == 1, owned[0].replicas == 2 else { return nil }
                return try await cluster.machines(ownedBy: owned[0]).count == 2 ? owned[0] : nil
            }
            let hash = try #require(first.metadata.labels[MachineDeploymentSync.templateHashLabel])
            #expect(first.name == "pool-\(hash)")
            #expect(first.metadata.annotations[MachineDeploymentSync.revisionAnnotation] == "1")

            // A merge patch, not a PUT: the controller writes the revision annotation and status meanwhile.
            _ = try await deployments.patch(
                "pool", namespace: Self.namespace,
                .merge(["spec": ["template": ["spec": ["providerSpec": ["value": ["image": "v2"]]]]]]))

            let second = try await cluster.eventually("the rollout to the second MachineSet") {
                () async throws -> MachineSet? in
                let owned = try await cluster.machineSets(ownedBy: created)
                guard owned.count == 2, let old = owned.first(where: { $0.name == first.name }),
                    let new = owned.first(where: { $0.name != first.name }), old.replicas == 0, new.replicas == 2,
                    try await cluster.machines(ownedBy: old).isEmpty,
                    try await cluster.machines(ownedBy: new).count == 2
                else { return nil }
                return new
            }
            #expect(second.metadata.annotations[MachineDeploymentSync.revisionAnnotation] == "2")
            #expect(second.template?[path: ["spec", "providerSpec", "value", "image"]] == "v2")
            try await cluster.eventually("the deployment's revision and status") { () async throws -> Bool? in
                let deployment = try await deployments.get("pool", namespace: Self.namespace)
                let status = deployment.status
                guard deployment.metadata.annotations[MachineDeploymentSync.revisionAnnotation] == "2",
                    status.replicas == 2, status.updatedReplicas == 2,
                    status.observedGeneration == deployment.metadata.generation
                else { return nil }
                return true
            }
        }
    }
}

// MARK: - Support

/// A fresh cluster with the Machine API installed and the MachineSet and MachineDeployment controllers running
/// beside the test body.
private struct MachineCluster: Sendable {
    let client: KubernetesClient
    let logs: ControllerLogRecorder

    static func run(_ body: @escaping @Sendable (MachineCluster) async throws -> Void) async throws {
        try await TestCluster.run { testCluster in
            try await testCluster.withKubernetesClient { client in
                let logs = ControllerLogRecorder()
                let logger = Logger(label: "hollow.machineset.tests") { _ in logs.handler() }
                try await MachineAPIInstaller.install(client, logger: logger)
                let cluster = MachineCluster(client: client, logs: logs)
                try await withControllerManager(
                    client: client, controllers: [.machineset, .machinedeployment], logger: logger
                ) {
                    try await body(cluster)
                }
            }
        }
    }

    /// Waits until `probe` returns a value, and returns it; fails with the controllers' warnings after `timeout`.
    @discardableResult
    func eventually<T: Sendable>(
        _ what: String, timeout: Duration = .seconds(20), _ probe: @Sendable () async throws -> T?
    ) async throws -> T {
        try await awaitValue(what, timeout: timeout, logs: logs, probe)
    }

    /// The Machines `owner` controls that are not being deleted.
    func machines(ownedBy owner: some KubernetesObject) async throws -> [Machine] {
        try await client.resource(Machine.self).list(namespace: MachineAPI.namespace).items.filter {
            $0.metadata.controllerReference?.uid == owner.metadata.uid && $0.metadata.deletionTimestamp == nil
        }
    }

    func machineSets(ownedBy owner: MachineDeployment) async throws -> [MachineSet] {
        try await client.resource(MachineSet.self).list(namespace: MachineAPI.namespace).items.filter {
            $0.metadata.controllerReference?.uid == owner.metadata.uid
        }
    }
}

