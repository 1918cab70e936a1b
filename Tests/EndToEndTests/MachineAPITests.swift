import Foundation
import HollowModel
import HollowTesting
import Testing

/// The Machine API with the kubemark provider, driven with the real kubectl against `hollow up`: the seeds'
/// scenarios (machine-api-operator's README and the kubemark provider's) with short durations. Each test times
/// health schedules and timeouts of a few seconds, so each runs while no other cluster competes for the cores.
struct MachineAPITests {
    /// `hollow up` with `arguments`, alone on the machine (``ExclusiveTestLock``).
    static func withServer<T: Sendable>(
        _ arguments: [String], _ body: (HollowServer) async throws -> T
    ) async throws -> T {
        try await ExclusiveTestLock.run { try await HollowServer.with(extraArguments: arguments, body) }
    }

    static let namespace = "openshift-machine-api"

    /// `kubectl get <kind> -n openshift-machine-api -o jsonpath=…`.
    static func get(_ server: HollowServer, _ what: [String], _ jsonpath: String) async throws -> String {
        try await server.kubectlOK(.v1_33, ["get"] + what + ["-n", namespace, "-o", "jsonpath=\(jsonpath)"])
    }

    /// Machine name → phase, for the machines with `label`.
    static func machines(_ server: HollowServer, selector: String) async throws -> [String: String] {
        let output = try await get(
            server, ["machines", "-l", selector],
            "{range .items[*]}{.metadata.name} {.status.phase} {.metadata.deletionTimestamp}{\"\\n\"}{end}")
        var result: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard let name = fields.first else { continue }
            result[name] = fields.count > 2 ? "Deleting" : (fields.count > 1 ? fields[1] : "")
        }
        return result
    }

    /// Polls `produce` until it returns a value (`eventually` for conditions that yield something).
    static func awaitValue<T: Sendable>(
        timeout: Duration, _ what: String, _ produce: @Sendable () async throws -> T?
    ) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try await produce() { return value }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out after \(timeout) waiting for \(what)")
        throw CancellationError()
    }

    /// The node's Ready status.
    static func ready(_ server: HollowServer, node: String) async throws -> String? {
        let output = try await server.kubectl(
            .v1_33, ["get", "node", node, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"])
        return output.status == 0 ? output.stdout : nil
    }

    /// A MachineSet of kubemark machines with the provider config's extra `fields` (YAML flow mappings).
    static func machineSet(
        _ name: String, replicas: Int, provider: String = "", deletePolicy: String = "Random"
    ) -> String {
        """
        apiVersion: machine.openshift.io/v1beta1
        kind: MachineSet
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          replicas: \(replicas)
          deletePolicy: \(deletePolicy)
          selector: {matchLabels: {machine.openshift.io/cluster-api-machineset: \(name)}}
          template:
            metadata: {labels: {machine.openshift.io/cluster-api-machineset: \(name)}}
            spec:
              providerSpec:
                value: {apiVersion: kubemarkproviderconfig.k8s.io/v1alpha1, kind: KubemarkMachineProviderConfig\(provider.isEmpty ? "" : ", " + provider)}
        """
    }

    static func healthCheck(
        _ name: String, set: String, timeout: String = "1s", maxUnhealthy: String = "100%"
    ) -> String {
        """
        apiVersion: machine.openshift.io/v1beta1
        kind: MachineHealthCheck
        metadata: {name: \(name), namespace: \(namespace)}
        spec:
          selector: {matchLabels: {machine.openshift.io/cluster-api-machineset: \(set)}}
          maxUnhealthy: "\(maxUnhealthy)"
          unhealthyConditions:
          - {type: Ready, status: "False", timeout: \(timeout)}
          - {type: Ready, status: Unknown, timeout: \(timeout)}
        """
    }

    @Test func hollowUpBringsRunningWorkerMachinesWithReadyNodes() async throws {
        try await Self.withServer(["--workers", "2"]) { server in
            try await eventually(timeout: .seconds(30), "two Running machines with Ready nodes") {
                let machines = try await Self.get(
                    server, ["machines"], "{range .items[*]}{.status.phase} {.status.nodeRef.name}{\"\\n\"}{end}")
                let lines = machines.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
                guard lines.count == 2, lines.allSatisfy({ $0.count == 2 && $0[0] == "Running" }) else { return false }
                for line in lines where try await Self.ready(server, node: line[1]) != "True" { return false }
                return true
            }
            let table = try await server.kubectlOK(.v1_33, ["get", "machineset", "workers", "-n", Self.namespace])
            let row = try #require(Columns.row(table, named: "workers"))
            #expect(Array(row.prefix(5)) == ["workers", "2", "2", "2", "2"], "\(table)")
        }
    }

    @Test func aPeriodicallyUnhealthyMachineSetsNodesFlip() async throws {
        try await Self.withServer(["--workers", "0"]) { server in
            let set = Self.machineSet(
                "flip", replicas: 1,
                provider: "turnUnhealthyPeriodically: true, healthyDuration: 3s, unhealthyDuration: 2s")
            try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("flip.yaml", set)])
            let name: String = try await Self.awaitValue(timeout: .seconds(30), "the machine's node") {
                let node = try await Self.get(
                    server, ["machines", "-l", "machine.openshift.io/cluster-api-machineset=flip"],
                    "{.items[0].status.nodeRef.name}")
                return node.isEmpty ? nil : node
            }
            var seen: [String] = []
            let deadline = ContinuousClock.now + .seconds(15)
            while ContinuousClock.now < deadline, seen.count < 3 {
                if let status = try await Self.ready(server, node: name), status != seen.last { seen.append(status) }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(seen == ["True", "False", "True"], "Ready statuses seen: \(seen)")
        }
    }

    @Test func aMachineThatTurnsUnhealthyIsRemediatedAndReplaced() async throws {
        try await Self.withServer(["--workers", "0"]) { server in
            let set = Self.machineSet(
                "fading", replicas: 1, provider: "turnUnhealthyAfter: true, healthyDuration: 4s")
            try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("fading.yaml", set)])
            try await server.kubectlOK(
                .v1_33, ["apply", "-f", server.writeFile("mhc.yaml", Self.healthCheck("fading", set: "fading"))])
            let original = try await Self.awaitValue(timeout: .seconds(30), "the first machine Running") {
                let machines = try await Self.machines(server, selector: "machine.openshift.io/cluster-api-machineset=fading")
                return machines.first { $0.value == "Running" }?.key
            }
            // NotReady 4 s after start, remediated 1 s later; the replacement joins Ready (for its own 4 s).
            try await eventually(timeout: .seconds(40), "a replacement machine whose node is Ready") {
                let machines = try await Self.machines(server, selector: "machine.openshift.io/cluster-api-machineset=fading")
                guard machines[original] == nil || machines[original] == "Deleting" else { return false }
                for (name, phase) in machines where name != original && phase == "Running" {
                    if try await Self.ready(server, node: name) == "True" { return true }
                }
                return false
            }
            let events = try await server.kubectlOK(.v1_33, ["get", "events", "-n", Self.namespace])
            #expect(events.contains(original), "\(events)")
        }
    }

    @Test func aStoppedKubeletLeadsToUnknownAndRemediation() async throws {
        try await Self.withServer(["--workers", "1", "--node-monitor-grace-period", "2s"]) { server in
            try await server.kubectlOK(
                .v1_33, ["apply", "-f", server.writeFile("mhc.yaml", Self.healthCheck("workers", set: "workers"))])
            let stopped: String = try await Self.awaitValue(timeout: .seconds(30), "the worker Running") {
                let node = try await Self.get(
                    server, ["machines"], "{.items[?(@.status.phase==\"Running\")].status.nodeRef.name}")
                guard !node.isEmpty else { return nil }
                return try await Self.ready(server, node: node) == "True" ? node : nil
            }
            let failed = try await ProcessRunner.run(
                try HollowServer.binaryPath, ["node", "fail", stopped, "--kubelet-stopped", "--kubeconfig", server.kubeconfigPath],
                timeout: .seconds(30))
            #expect(failed.status == 0, "\(failed.stderr)")
            try await eventually(timeout: .seconds(30), "the node Unknown") {
                let status = try await Self.ready(server, node: stopped)
                return status == "Unknown" || status == nil
            }
            try await eventually(timeout: .seconds(30), "the machine replaced by a Running one with a Ready node") {
                let machines = try await Self.machines(server, selector: "machine.openshift.io/cluster-api-machineset=workers")
                guard machines[stopped] == nil else { return false }
                for (name, phase) in machines where phase == "Running" {
                    if try await Self.ready(server, node: name) == "True" { return true }
                }
                return false
            }
        }
    }

    @Test func maxUnhealthyStopsRemediation() async throws {
        try await Self.withServer(["--workers", "0"]) { server in
            let set = Self.machineSet("many", replicas: 3, provider: "turnUnhealthyAfter: true, healthyDuration: 2s")
            try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("many.yaml", set)])
            try await server.kubectlOK(
                .v1_33,
                ["apply", "-f", server.writeFile("mhc.yaml", Self.healthCheck("many", set: "many", maxUnhealthy: "1"))])
            // Machines count as unhealthy before their nodes join too: wait for the nodes to have turned NotReady.
            try await eventually(timeout: .seconds(30), "three NotReady nodes") {
                let machines = try await Self.machines(server, selector: "machine.openshift.io/cluster-api-machineset=many")
                guard machines.count == 3 else { return false }
                for name in machines.keys where try await Self.ready(server, node: name) != "False" { return false }
                return true
            }
            try await eventually(timeout: .seconds(30), "the health check short-circuited with none healthy") {
                let status = try await Self.get(
                    server, ["mhc", "many"],
                    "{.status.expectedMachines} {.status.currentHealthy} {.status.conditions[?(@.type==\"RemediationAllowed\")].reason}")
                return status == "3 0 TooManyUnhealthy"
            }
            // Well past the 1 s timeout: still nothing remediated.
            try await Task.sleep(for: .seconds(2))
            let machines = try await Self.machines(server, selector: "machine.openshift.io/cluster-api-machineset=many")
            #expect(machines.count == 3 && !machines.values.contains("Deleting"), "\(machines)")
            let events = try await server.kubectlOK(.v1_33, ["get", "events", "-n", Self.namespace])
            #expect(events.contains("RemediationRestricted"), "\(events)")
        }
    }

    @Test func scalingHonoursDeletePolicyAndTheDeleteMachineAnnotation() async throws {
        try await Self.withServer(["--workers", "0"]) { server in
            let selector = "machine.openshift.io/cluster-api-machineset=scaled"
            try await server.kubectlOK(
                .v1_33,
                ["apply", "-f", server.writeFile("scaled.yaml", Self.machineSet("scaled", replicas: 2, deletePolicy: "Newest"))])
            try await eventually(timeout: .seconds(30), "two machines") {
                try await Self.machines(server, selector: selector).count == 2
            }
            let originals = try await Self.machines(server, selector: selector).keys.sorted()
            // Creation timestamps have whole seconds: let the next machines be strictly newer.
            try await Task.sleep(for: .milliseconds(1100))
            try await server.kubectlOK(.v1_33, ["scale", "machineset", "scaled", "-n", Self.namespace, "--replicas", "5"])
            try await eventually(timeout: .seconds(30), "five machines") {
                try await Self.machines(server, selector: selector).count == 5
            }
            try await server.kubectlOK(
                .v1_33, ["annotate", "machine", originals[0], "-n", Self.namespace, "machine.openshift.io/delete-machine=yes"])
            try await server.kubectlOK(.v1_33, ["scale", "machineset", "scaled", "-n", Self.namespace, "--replicas", "1"])
            try await eventually(timeout: .seconds(30), "one machine left: the original without the annotation") {
                let machines = try await Self.machines(server, selector: selector)
                return machines.keys.sorted() == [originals[1]]
            }
        }
    }

    @Test func theAutoscalerBoundsKeepTheMachineSetWithinMinAndMaxSize() async throws {
        try await Self.withServer(["--workers", "0"]) { server in
            let selector = "machine.openshift.io/cluster-api-machineset=bounded"
            try await server.kubectlOK(
                .v1_33, ["apply", "-f", server.writeFile("bounded.yaml", Self.machineSet("bounded", replicas: 1))])
            try await server.kubectlOK(
                .v1_33,
                [
                    "annotate", "machineset", "bounded", "-n", Self.namespace,
                    "machine.openshift.io/cluster-api-autoscaler-node-group-min-size=1",
                    "machine.openshift.io/cluster-api-autoscaler-node-group-max-size=3",
                ])
            try await server.kubectlOK(.v1_33, ["scale", "machineset", "bounded", "-n", Self.namespace, "--replicas", "5"])
            try await eventually(timeout: .seconds(30), "three machines, the max-size") {
                try await Self.machines(server, selector: selector).count == 3
            }
            try await eventually(timeout: .seconds(10), "a Warning Event that says so") {
                let events = try await server.kubectlOK(
                    .v1_33,
                    ["get", "events", "-n", Self.namespace, "--field-selector", "reason=ReplicasOutsideAutoscalerBounds",
                     "-o", "jsonpath={.items[*].message}"])
                return events.contains("spec.replicas 5 is above machine.openshift.io/cluster-api-autoscaler-node-group-max-size 3: keeping 3 machines")
            }
            // Still three a moment later: the bound holds, it is not a step on the way to five.
            try await Task.sleep(for: .seconds(1))
            #expect(try await Self.machines(server, selector: selector).count == 3)
            #expect(try await Self.get(server, ["machineset", "bounded"], "{.spec.replicas}") == "5", "the spec is left as asked")

            try await server.kubectlOK(.v1_33, ["scale", "machineset", "bounded", "-n", Self.namespace, "--replicas", "0"])
            try await eventually(timeout: .seconds(30), "one machine, the min-size") {
                let machines = try await Self.machines(server, selector: selector)
                return machines.count == 1 && machines.values.allSatisfy { $0 != "Deleting" }
            }
        }
    }

    @Test func aDrainThatTimesOutLetsTheMachineGo() async throws {
        try await Self.withServer(["--workers", "0", "--machine-drain-timeout", "2s"]) { server in
            let selector = "machine.openshift.io/cluster-api-machineset=drained"
            try await server.kubectlOK(
                .v1_33, ["apply", "-f", server.writeFile("drained.yaml", Self.machineSet("drained", replicas: 1))])
            let machine = try await Self.awaitValue(timeout: .seconds(30), "the machine Running") {
                try await Self.machines(server, selector: selector).first { $0.value == "Running" }?.key
            }
            // A pod on the machine's node that a finalizer keeps after its eviction: the drain cannot finish.
            let pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: held, namespace: default, finalizers: [hollow.test/hold]}
                spec:
                  nodeName: \(machine)
                  containers: [{name: app, image: registry.example.com/app:1}]
                """
            try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("held.yaml", pod)])
            try await server.kubectlOK(.v1_33, ["scale", "machineset", "drained", "-n", Self.namespace, "--replicas", "0"])
            let start = ContinuousClock.now
            try await eventually(timeout: .seconds(20), "the machine and its node gone") {
                guard try await Self.machines(server, selector: selector)[machine] == nil else { return false }
                return try await Self.ready(server, node: machine) == nil
            }
            // The drain's start is its condition's lastTransitionTime, which has whole seconds: at least 1 s after it.
            #expect(ContinuousClock.now - start >= .seconds(1), "not before the drain timeout")
            let deletion = try await server.kubectlOK(
                .v1_33, ["get", "pod", "held", "-n", "default", "-o", "jsonpath={.metadata.deletionTimestamp}"])
            #expect(!deletion.isEmpty, "the pod was evicted and is still held by its finalizer")
            let events = try await server.kubectlOK(
                .v1_33,
                ["get", "events", "-n", Self.namespace, "--field-selector", "reason=DrainTimedOut", "-o", "jsonpath={.items[*].message}"])
            #expect(events.contains("Node \(machine) drain timed out; deletion proceeds without it"), "\(events)")
        }
    }

    @Test func deletionTimeoutHoldsTheMachineBack() async throws {
        try await Self.withServer(["--workers", "0"]) { server in
            let selector = "machine.openshift.io/cluster-api-machineset=slow"
            try await server.kubectlOK(
                .v1_33,
                ["apply", "-f", server.writeFile("slow.yaml", Self.machineSet("slow", replicas: 1, provider: "deletionTimeout: 4s"))])
            let machine = try await Self.awaitValue(timeout: .seconds(30), "the machine Running") {
                try await Self.machines(server, selector: selector).first { $0.value == "Running" }?.key
            }
            try await server.kubectlOK(.v1_33, ["scale", "machineset", "slow", "-n", Self.namespace, "--replicas", "0"])
            let start = ContinuousClock.now
            try await eventually(timeout: .seconds(10), "the machine Deleting") {
                try await Self.machines(server, selector: selector)[machine] == "Deleting"
            }
            try await Task.sleep(for: .seconds(1))
            #expect(try await Self.machines(server, selector: selector)[machine] == "Deleting")
            #expect(try await Self.ready(server, node: machine) != nil, "the node exists while the instance is deleted")
            try await eventually(timeout: .seconds(20), "the machine and its node gone") {
                guard try await Self.machines(server, selector: selector)[machine] == nil else { return false }
                return try await Self.ready(server, node: machine) == nil
            }
            // The timeout counts from deletionTimestamp, which has whole seconds: at least 3 s after the scale-down.
            #expect(ContinuousClock.now - start >= .seconds(3))
        }
    }

    @Test func anInvalidProviderConfigFailsTheMachineWithTheMessage() async throws {
        try await Self.withServer(["--workers", "0"]) { server in
            let machine = """
                apiVersion: machine.openshift.io/v1beta1
                kind: Machine
                metadata: {name: broken, namespace: \(Self.namespace)}
                spec:
                  providerSpec:
                    value: {apiVersion: kubemarkproviderconfig.k8s.io/v1alpha1, kind: KubemarkMachineProviderConfig, healthyDuration: "-5s"}
                """
            try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("broken.yaml", machine)])
            try await eventually(timeout: .seconds(30), "the machine Failed") {
                try await Self.get(server, ["machine", "broken"], "{.status.phase}") == "Failed"
            }
            let reason = try await Self.get(server, ["machine", "broken"], "{.status.errorReason}")
            let message = try await Self.get(server, ["machine", "broken"], "{.status.errorMessage}")
            #expect(reason == "InvalidConfiguration")
            #expect(message.contains("healthyDuration"), "\(message)")
            #expect(try await server.kubectl(.v1_33, ["get", "node", "broken"]).status != 0, "no node for a failed machine")
        }
    }
}
