import Foundation
import HollowModel
import HollowTesting
import Testing

/// The Python client (Debian's `python3-kubernetes` 22.6) against a shared `hollow up`: it decodes every object
/// into typed models and fails on a missing required field, so these tests also check the objects' shape.
@Suite(.sharedHollowServer)
struct PythonClientTests {
    static let python = "/usr/bin/python3"

    /// Runs `script` with the kubeconfig as `sys.argv[1]` and `arguments` after it; requires exit status 0 and
    /// returns standard output parsed as JSON.
    func runJSON(_ server: HollowServer, _ script: String, _ arguments: [String] = []) async throws -> JSON {
        let output = try await ProcessRunner.run(
            Self.python, ["-u", "-c", script, server.kubeconfigPath] + arguments, timeout: .seconds(60))
        try #require(output.status == 0, "python failed (\(output.status)): \(output.stderr)")
        return try JSON(parsing: output.stdout)
    }

    static let prelude = """
        import json, sys
        from kubernetes import client, config, watch
        from kubernetes.client.rest import ApiException
        config.load_kube_config(config_file=sys.argv[1])
        v1 = client.CoreV1Api()

        """

    @Test func listsNamespacesServicesAndServiceAccounts() async throws {
        let server = try HollowServer.shared
        let result = try await runJSON(
            server,
            Self.prelude + """
                namespaces = v1.list_namespace()
                services = v1.list_service_for_all_namespaces()
                accounts = v1.list_namespaced_service_account("default")
                print(json.dumps({
                    "namespaces": sorted(n.metadata.name for n in namespaces.items),
                    "phases": sorted(set(n.status.phase for n in namespaces.items)),
                    "resourceVersion": namespaces.metadata.resource_version,
                    "services": [s.metadata.namespace + "/" + s.metadata.name for s in services.items],
                    "serviceAccounts": [a.metadata.name for a in accounts.items],
                    "version": client.VersionApi().get_code().git_version,
                }))
                """)
        let namespaces = result["namespaces"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(Set(["default", "kube-node-lease", "kube-public", "kube-system"]).isSubset(of: namespaces))
        #expect(result["phases"]?.arrayValue?.contains("Active") == true)
        #expect(result["resourceVersion"]?.stringValue.flatMap { Int($0) } != nil)
        #expect(result["services"]?.arrayValue?.contains("default/kubernetes") == true)
        #expect(result["serviceAccounts"] == ["default"])
        #expect(result["version"] == "v1.31.0")
    }

    @Test func createsReadsPatchesAndListsObjects() async throws {
        let server = try HollowServer.shared
        let result = try await runJSON(
            server,
            Self.prelude + """
                ns = sys.argv[2]
                v1.create_namespace(client.V1Namespace(metadata=client.V1ObjectMeta(name=ns)))
                cm = v1.create_namespaced_config_map(ns, client.V1ConfigMap(
                    metadata=client.V1ObjectMeta(name="from-python", labels={"made-by": "python"}), data={"k": "v"}))
                try:
                    v1.create_namespaced_config_map(ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="from-python")))
                    duplicate = None
                except ApiException as e:
                    duplicate = {"status": e.status, "reason": json.loads(e.body)["reason"]}
                generated = v1.create_namespaced_config_map(ns, client.V1ConfigMap(
                    metadata=client.V1ObjectMeta(generate_name="gen-")))
                patched = v1.patch_namespaced_config_map("from-python", ns, {"data": {"k": "v2", "extra": "x"}})
                pod = v1.create_namespaced_pod(ns, client.V1Pod(
                    metadata=client.V1ObjectMeta(name="py-pod"),
                    spec=client.V1PodSpec(containers=[client.V1Container(name="main", image="registry.k8s.io/pause:3.9")])))
                node = v1.create_node({
                    "apiVersion": "v1", "kind": "Node",
                    "metadata": {"name": ns + "-node", "labels": {"made-by": "python"}},
                    "status": {"nodeInfo": {"architecture": "amd64", "bootID": "b", "containerRuntimeVersion": "c",
                        "kernelVersion": "k", "kubeProxyVersion": "v1.31.0", "kubeletVersion": "v1.31.0",
                        "machineID": "m", "operatingSystem": "linux", "osImage": "o", "systemUUID": "s"},
                        "conditions": [{"type": "Ready", "status": "True"}]}})
                nodes = v1.list_node(label_selector="made-by=python")
                listed = v1.list_namespaced_config_map(ns, label_selector="made-by=python")
                read = v1.read_namespaced_config_map("from-python", ns)
                try:
                    v1.read_namespaced_config_map("missing", ns)
                    missing = None
                except ApiException as e:
                    missing = e.status
                print(json.dumps({
                    "created": {"name": cm.metadata.name, "rv": cm.metadata.resource_version, "uid": cm.metadata.uid},
                    "duplicate": duplicate,
                    "generated": generated.metadata.name,
                    "patched": {"data": patched.data, "rv": patched.metadata.resource_version},
                    "pod": {"phase": pod.status.phase, "uid": pod.metadata.uid},
                    "node": {"name": node.metadata.name, "kubelet": node.status.node_info.kubelet_version},
                    "nodes": [n.metadata.name for n in nodes.items],
                    "listed": [c.metadata.name for c in listed.items],
                    "read": {"data": read.data, "uid": read.metadata.uid},
                    "missing": missing,
                }))
                """,
            ["python-create"])
        #expect(result[path: ["created", "name"]] == "from-python")
        #expect(result["duplicate"] == ["status": 409, "reason": "AlreadyExists"])
        #expect(result["generated"]?.stringValue?.hasPrefix("gen-") == true)
        #expect(result["generated"]?.stringValue?.count == "gen-".count + 5)
        #expect(result[path: ["patched", "data"]] == ["k": "v2", "extra": "x"])
        let createdRV = try #require(result[path: ["created", "rv"]]?.stringValue.flatMap { Int($0) })
        let patchedRV = try #require(result[path: ["patched", "rv"]]?.stringValue.flatMap { Int($0) })
        #expect(patchedRV > createdRV)
        #expect(result[path: ["pod", "phase"]] == "Pending")
        #expect(result[path: ["node", "kubelet"]] == "v1.31.0")
        #expect(result["nodes"] == ["python-create-node"])
        #expect(result["listed"] == ["from-python"])
        #expect(result[path: ["read", "uid"]] == result[path: ["created", "uid"]])
        #expect(result["missing"] == 404)
    }

    @Test func watchesConfigMaps() async throws {
        let server = try HollowServer.shared
        let namespace = "python-watch"
        let kubectl = Kubectl.v1_33
        try await server.kubectlOK(
            kubectl,
            [
                "apply", "-f",
                try server.writeFile(
                    "python-watch.yaml",
                    Manifests.namespace(namespace) + "---\n" + Manifests.configMap("first", namespace: namespace)),
            ])
        let script = Self.prelude + """
            w = watch.Watch()
            for event in w.stream(v1.list_namespaced_config_map, namespace=sys.argv[2], timeout_seconds=60):
                obj = event["object"]
                print(event["type"], obj.metadata.name, obj.metadata.resource_version, json.dumps(obj.data), flush=True)
                if event["type"] == "DELETED" and obj.metadata.name == "second":
                    w.stop()
            print("END", flush=True)
            """
        let watcher = try BackgroundProcess(Self.python, ["-u", "-c", script, server.kubeconfigPath, namespace])
        defer { watcher.signal(SIGKILL) }
        try await eventually(timeout: .seconds(30), "the initial ADDED event") {
            watcher.stdout.contains("ADDED first") || !watcher.isRunning
        }
        try #require(watcher.isRunning, "the watch ended early: \(watcher.stderr)")

        try await server.kubectlOK(
            kubectl,
            ["apply", "-f", try server.writeFile("python-watch-2.yaml", Manifests.configMap("second", namespace: namespace, data: ["n": "1"]))])
        try await server.kubectlOK(kubectl, ["patch", "cm", "second", "-n", namespace, "--type", "merge", "-p", #"{"data":{"n":"2"}}"#])
        try await server.kubectlOK(kubectl, ["delete", "cm", "second", "-n", namespace])
        let termination = try await watcher.waitForExit(timeout: .seconds(30))
        #expect(termination == .exited(0), "\(watcher.stderr)")

        let lines = watcher.stdoutLines.map(Columns.words)
        #expect(lines.map { Array($0.prefix(2)) } == [["ADDED", "first"], ["ADDED", "second"], ["MODIFIED", "second"], ["DELETED", "second"], ["END"]])
        let versions = lines.dropLast().compactMap { $0.count > 2 ? Int($0[2]) : nil }
        #expect(versions.count == 4)
        #expect(versions == versions.sorted())
        #expect(lines.dropFirst(2).first?.last == #""2"}"#)
    }
}
