import Foundation
import HollowModel
import HollowTesting
import Testing

/// The Machine API as `hollow up` serves it and `hollow install machine-api` puts it into a cluster, seen through
/// the real kubectl: the five definitions, the `workers` MachineSet with the operator's printer columns, `explain`
/// from the schemas, and the short names.
// `hollow up`'s default of two workers, which the end-to-end servers otherwise leave out.
@Suite(SharedHollowServer(arguments: ["--controllers", "none", "--workers", "2"]))
struct MachineAPIInstallTests {
    static let definitions = [
        "machines.machine.openshift.io", "machinesets.machine.openshift.io", "machinedeployments.machine.openshift.io",
        "machinehealthchecks.machine.openshift.io", "clusters.machine.openshift.io",
    ]

    static let objects = [
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

    @Test(arguments: [KubectlRelease.v1_27, .v1_33])
    func upServesTheMachineAPIWithTwoWorkers(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        // `hollow up` announces itself once the Machine API is installed: no waiting.
        let names = Columns.lines(try await kubectl.ok(["get", "crd", "-o", "name"]))
        for definition in Self.definitions {
            #expect(names.contains("customresourcedefinition.apiextensions.k8s.io/\(definition)"), "\(names)")
        }
        let established = try await kubectl.run(
            ["wait", "--for=condition=Established", "--timeout=10s"] + Self.definitions.map { "crd/\($0)" })
        #expect(established.status == 0, "\(established.stderr)")

        let table = try await kubectl.ok(["get", "machinesets", "-n", "openshift-machine-api"])
        #expect(
            Columns.lines(table).first.map(Columns.words) == ["NAME", "DESIRED", "CURRENT", "READY", "AVAILABLE", "AGE"],
            "\(table)")
        #expect(Columns.row(table, named: "workers").map { Array($0.prefix(2)) } == ["workers", "2"], "\(table)")

        let workers = try await kubectl.json(["get", "machineset", "workers", "-n", "openshift-machine-api"])
        #expect(
            workers[path: ["spec", "template", "spec", "providerSpec", "value"]]
                == ["apiVersion": "kubemarkproviderconfig.k8s.io/v1alpha1", "kind": "KubemarkMachineProviderConfig"])
        #expect(workers[path: ["metadata", "labels"]] == ["machine.openshift.io/cluster-api-cluster": "default"])
        #expect(
            workers[path: ["spec", "selector", "matchLabels"]]
                == [
                    "machine.openshift.io/cluster-api-cluster": "default",
                    "machine.openshift.io/cluster-api-machineset": "workers",
                ])
        let templateLabels = workers[path: ["spec", "template", "metadata", "labels"]]
        #expect(templateLabels?["machine.openshift.io/cluster-api-machine-role"] == "worker")
        #expect(templateLabels?["machine.openshift.io/cluster-api-machine-type"] == "worker")
    }

    @Test(arguments: [KubectlRelease.v1_27, .v1_33])
    func explainReadsTheOperatorsSchema(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let explain = try await kubectl.ok(["explain", "machine.spec.providerSpec"])
        #expect(explain.range(of: #"KIND:\s+Machine"#, options: .regularExpression) != nil, "\(explain)")
        #expect(explain.contains("providerSpec details Provider-specific configuration"), "\(explain)")
        #expect(explain.range(of: #"value\s+<Object>"#, options: .regularExpression) != nil, "\(explain)")

        let mhc = try await kubectl.ok(["explain", "machinehealthcheck.spec.maxUnhealthy"])
        #expect(mhc.contains("Defaults to 100% if not set."), "\(mhc)")
    }

    @Test(arguments: [KubectlRelease.v1_27, .v1_33])
    func shortNamesResolve(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let all = try await kubectl.ok(["get", "ms,ma,mhc,md", "-A", "-o", "name"])
        #expect(Columns.lines(all) == ["machineset.machine.openshift.io/workers"], "\(all)")
        let resources = try await kubectl.ok(["api-resources", "--api-group=machine.openshift.io"])
        #expect(Columns.row(resources, named: "machines")?.dropFirst().first == "ma", "\(resources)")
        #expect(Columns.row(resources, named: "machinehealthchecks")?.dropFirst().first == "mhc,mhcs", "\(resources)")
    }
}

/// `hollow install machine-api` against a cluster of its own, as against any cluster.
struct MachineAPIInstallCommandTests {
    static func install(_ kubeconfig: String) async throws -> ProcessOutput {
        try await ProcessRunner.run(
            try HollowServer.binaryPath, ["install", "machine-api", "--kubeconfig", kubeconfig], timeout: .seconds(60))
    }

    @Test func installPrintsWhatItAppliedAndASecondRunChangesNothing() async throws {
        try await HollowServer.with(extraArguments: ["--controllers", "none", "--workers", "0"]) { server in
            let kubectl = server.client(.v1_33)
            // Take away some of what `hollow up` installed, so that the command has something to create.
            try await kubectl.ok(["delete", "crd", "clusters.machine.openshift.io"])
            try await kubectl.ok(["delete", "clusterrolebinding", "hollow-machine-api-controllers"])

            let first = try await Self.install(server.kubeconfigPath)
            #expect(first.status == 0, "\(first.stderr)")
            let expected = MachineAPIInstallTests.objects.map { object in
                object.hasSuffix("/clusters.machine.openshift.io") || object.hasPrefix("clusterrolebinding")
                    ? "\(object) created" : "\(object) unchanged"
            }
            #expect(Columns.lines(first.stdout) == expected, "\(first.stdout)")

            let second = try await Self.install(server.kubeconfigPath)
            #expect(second.status == 0, "\(second.stderr)")
            #expect(Columns.lines(second.stdout) == MachineAPIInstallTests.objects.map { "\($0) unchanged" }, "\(second.stdout)")

            let workers = try await kubectl.json(["get", "machineset", "workers", "-n", "openshift-machine-api"])
            #expect(workers[path: ["spec", "replicas"]] == 0, "--workers 0 makes an empty set")
        }
    }

    @Test func anUnreachableClusterFailsWithOneLine() async throws {
        let directory = try TemporaryDirectory.make(prefix: "install-unreachable")
        let kubeconfig = directory + "/kubeconfig"
        try "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \"https://127.0.0.1:1\"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {token: t}}]\ncurrent-context: c\n"
            .write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        let output = try await Self.install(kubeconfig)
        #expect(output.status != 0)
        #expect(output.stderr.contains("installing the Machine API:"), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
    }
}
