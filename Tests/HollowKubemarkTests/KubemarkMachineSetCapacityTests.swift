import HollowClient
import HollowControllers
import HollowKubemark
import HollowModel
import HollowRuntime
import HollowTesting
import Testing

func machineSet(providerSpec value: JSON?, annotations: [String: String] = [:]) -> MachineSet {
    var metadata: JSONObject = ["name": "workers", "namespace": "openshift-machine-api"]
    if !annotations.isEmpty {
        metadata["annotations"] = .object(JSONObject(annotations.keys.sorted().map { ($0, JSON.string(annotations[$0]!)) }))
    }
    var spec: JSONObject = [:]
    if let value { spec["providerSpec"] = ["value": value] }
    return MachineSet([
        "apiVersion": "machine.openshift.io/v1beta1", "kind": "MachineSet", "metadata": .object(metadata),
        "spec": ["replicas": 0, "template": ["spec": .object(spec)]],
    ])
}

@Suite struct KubemarkMachineSetCapacityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let value: JSON?
        let expected: [String: String]?
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(
            name: "kubemark defaults: 4 CPUs, 16Gi, 110 pods", value: providerSpec(""),
            expected: [
                "machine.openshift.io/vCPU": "4", "machine.openshift.io/memoryMb": "16384",
                "machine.openshift.io/maxPods": "110", "capacity.cluster-autoscaler.kubernetes.io/cpu": "4",
                "capacity.cluster-autoscaler.kubernetes.io/memory": "16Gi",
                "capacity.cluster-autoscaler.kubernetes.io/maxPods": "110",
            ]),
        Case(
            name: "numCores, memory in bytes, maxPods",
            value: providerSpec(#""numCores": 2, "memoryCapacity": 10737418240, "maxPods": 250"#),
            expected: [
                "machine.openshift.io/vCPU": "2", "machine.openshift.io/memoryMb": "10240",
                "machine.openshift.io/maxPods": "250", "capacity.cluster-autoscaler.kubernetes.io/cpu": "2",
                "capacity.cluster-autoscaler.kubernetes.io/memory": "10Gi",
                "capacity.cluster-autoscaler.kubernetes.io/maxPods": "250",
            ]),
        Case(
            name: "memory as a decimal quantity", value: providerSpec(#""memoryCapacity": "8G""#),
            expected: [
                "machine.openshift.io/vCPU": "4", "machine.openshift.io/memoryMb": "7629",
                "machine.openshift.io/maxPods": "110", "capacity.cluster-autoscaler.kubernetes.io/cpu": "4",
                "capacity.cluster-autoscaler.kubernetes.io/memory": "8G",
                "capacity.cluster-autoscaler.kubernetes.io/maxPods": "110",
            ]),
        Case(name: "no provider spec", value: nil, expected: nil),
        Case(
            name: "another provider",
            value: try! JSON(parsing: #"{"apiVersion": "awsproviderconfig.openshift.io/v1beta1", "kind": "AWSMachineProviderConfig"}"#),
            expected: nil),
        Case(name: "an invalid kubemark config", value: providerSpec(#""numCores": "x""#), expected: nil),
    ])
    func annotationsComeFromTheTemplatesProviderConfig(_ testCase: Case) {
        #expect(KubemarkMachineSetCapacity.annotations(for: machineSet(providerSpec: testCase.value)) == testCase.expected)
    }

    @Test func patchSetsOnlyWhatDiffersAndNothingWhenAllIsSet() throws {
        let value = providerSpec(#""numCores": 8"#)
        let fresh = machineSet(providerSpec: value)
        let patch = try #require(KubemarkMachineSetCapacity.patch(for: fresh))
        let annotations = try #require(patch[path: ["metadata", "annotations"]]?.objectValue)
        #expect(annotations.count == 6)
        #expect(annotations["machine.openshift.io/vCPU"] == "8")

        let done = machineSet(providerSpec: value, annotations: KubemarkMachineSetCapacity.annotations(for: fresh)!)
        #expect(KubemarkMachineSetCapacity.patch(for: done) == nil)

        var stale = KubemarkMachineSetCapacity.annotations(for: fresh)!
        stale["machine.openshift.io/vCPU"] = "4"
        stale["cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size"] = "5"
        let changed = try #require(KubemarkMachineSetCapacity.patch(for: machineSet(providerSpec: value, annotations: stale)))
        #expect(changed == ["metadata": ["annotations": ["machine.openshift.io/vCPU": "8"]]])
    }
}

/// The controller against a real API server with the Machine API installed.
@Suite(.serialized) struct KubemarkMachineSetCapacityControllerTests {
    @Test func kubemarkMachineSetsGetTheirCapacityAnnotationsAndOthersAreLeftAlone() async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                let logger = KubemarkActuatorTests.quiet
                try await MachineAPIInstaller.install(client, logger: logger)
                let machineSets = client.resource(MachineSet.self)
                var kubemark = machineSet(providerSpec: providerSpec(#""numCores": 2, "memoryCapacity": "8Gi""#))
                kubemark.object[path: ["spec", "selector"]] = ["matchLabels": ["set": "workers"]]
                kubemark.object[path: ["spec", "template", "metadata"]] = ["labels": ["set": "workers"]]
                _ = try await machineSets.create(kubemark)
                var other = machineSet(
                    providerSpec: ["apiVersion": "awsproviderconfig.openshift.io/v1beta1", "kind": "AWSMachineProviderConfig"])
                other.object[path: ["metadata", "name"]] = "aws"
                other.object[path: ["spec", "selector"]] = ["matchLabels": ["set": "aws"]]
                other.object[path: ["spec", "template", "metadata"]] = ["labels": ["set": "aws"]]
                _ = try await machineSets.create(other)

                let clock = ManualClock()
                let informers = SharedInformerFactory(client: client, clock: clock, logger: logger)
                let context = ControllerContext(
                    client: client, informers: informers, clock: clock, options: ControllerOptions(workers: 1),
                    logger: logger)
                let services = KubemarkMachineSetCapacity.make(context)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await informers.run() }
                    for service in services { group.addTask { try await service.run() } }
                    defer { group.cancelAll() }
                    try await eventually(timeout: .seconds(10), "workers annotated") {
                        let annotations = try await machineSets.get("workers", namespace: "openshift-machine-api")
                            .metadata.annotations
                        return annotations["machine.openshift.io/memoryMb"] == "8192"
                            && annotations["capacity.cluster-autoscaler.kubernetes.io/memory"] == "8Gi"
                            && annotations["machine.openshift.io/vCPU"] == "2"
                            && annotations["capacity.cluster-autoscaler.kubernetes.io/maxPods"] == "110"
                    }
                    let aws = try await machineSets.get("aws", namespace: "openshift-machine-api")
                    #expect(aws.metadata.annotations.isEmpty)
                    group.cancelAll()
                    while (try? await group.next()) != nil {}
                }
            }
        }
    }
}
