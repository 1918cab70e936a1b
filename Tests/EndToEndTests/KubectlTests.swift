import Foundation
import HollowModel
import HollowTesting
import Testing

/// The machine's real kubectl (1.27 and 1.33) against one shared `hollow up`. Every test uses names (or a
/// namespace) of its own, suffixed with the kubectl version, so that the tests can run in parallel.
@Suite(.sharedHollowServerWithoutControllers)
struct KubectlTests {
    // MARK: Server information

    @Test(arguments: Kubectl.allCases)
    func versionReportsTheServerVersion(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let output = try await server.kubectlOK(kubectl, ["version", "-o", "json"])
        let version = try JSON(parsing: output)
        #expect(version[path: ["serverVersion", "gitVersion"]]?.stringValue == "v1.31.0")
        #expect(version[path: ["serverVersion", "major"]]?.stringValue == "1")
        #expect(version[path: ["serverVersion", "minor"]]?.stringValue == "31")
        #expect(version[path: ["clientVersion", "minor"]]?.stringValue == String(kubectl.rawValue.dropFirst(2)))

        let plain = try await server.kubectl(kubectl, ["version"])
        #expect(plain.status == 0)
        switch kubectl {
        case .v1_27: #expect(plain.stdout.contains(#"Server Version: version.Info{Major:"1", Minor:"31", GitVersion:"v1.31.0""#))
        case .v1_33: #expect(plain.stdout.contains("Server Version: v1.31.0"))
        }
    }

    @Test(arguments: Kubectl.allCases)
    func apiResourcesListsTheServedResources(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let output = try await server.kubectl(kubectl, ["api-resources"])
        #expect(output.status == 0)
        // A group-version whose discovery fails makes kubectl print an error line on every command.
        #expect(output.stderr.isEmpty, "\(output.stderr)")
        let lines = Columns.lines(output.stdout)
        #expect(lines.first.map(Columns.words) == ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"])
        #expect(Columns.row(output.stdout, named: "pods") == ["pods", "po", "v1", "true", "Pod"])
        #expect(Columns.row(output.stdout, named: "nodes") == ["nodes", "no", "v1", "false", "Node"])
        #expect(Columns.row(output.stdout, named: "configmaps") == ["configmaps", "cm", "v1", "true", "ConfigMap"])
        #expect(Columns.row(output.stdout, named: "namespaces") == ["namespaces", "ns", "v1", "false", "Namespace"])
        #expect(Columns.row(output.stdout, named: "leases") == ["leases", "coordination.k8s.io/v1", "true", "Lease"])
        for resource in ["secrets", "serviceaccounts", "services", "events"] {
            #expect(Columns.row(output.stdout, named: resource) != nil, "\(resource) missing")
        }

        let clusterScoped = try await server.kubectlOK(kubectl, ["api-resources", "--namespaced=false", "-o", "name"])
        #expect(Columns.lines(clusterScoped).contains("nodes"))
        #expect(Columns.lines(clusterScoped).contains("namespaces"))
        #expect(!Columns.lines(clusterScoped).contains("pods"))
    }

    @Test(arguments: Kubectl.allCases)
    func clusterInfoNamesTheControlPlane(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let output = try await server.kubectlOK(kubectl, ["cluster-info"])
        #expect(Columns.stripANSI(output).contains("Kubernetes control plane is running at \(server.url)"))
    }

    // MARK: get

    @Test(arguments: Kubectl.allCases)
    func getNodesPrintsTheServerSideTable(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let name = "table-node-\(kubectl.suffix)"
        try await server.kubectlOK(kubectl, ["apply", "-f", server.writeFile("\(name).yaml", Manifests.node(name))])

        let table = try await server.kubectlOK(kubectl, ["get", "nodes"])
        #expect(Columns.lines(table).first.map(Columns.words) == ["NAME", "STATUS", "ROLES", "AGE", "VERSION"])
        let row = try #require(Columns.row(table, named: name), "\(table)")
        #expect(row.count == 5)
        #expect(row.dropFirst().first == "Ready")
        #expect(row.dropFirst(2).first == "worker")
        #expect(row.last == "v1.31.0")

        let wide = try await server.kubectlOK(kubectl, ["get", "node", name, "-o", "wide"])
        #expect(
            Columns.lines(wide).first.map(Columns.words) == [
                "NAME", "STATUS", "ROLES", "AGE", "VERSION", "INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION",
                "CONTAINER-RUNTIME",
            ])
        let wideRow = try #require(Columns.row(wide, named: name))
        #expect(wideRow.contains("10.0.0.7"))
        #expect(wideRow.contains("<none>"))  // no ExternalIP
    }

    @Test(arguments: Kubectl.allCases)
    func getPodsPrintsTheServerSideTable(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let namespace = "pods-table-\(kubectl.suffix)"
        try await server.kubectlOK(
            kubectl,
            [
                "apply", "-f",
                try server.writeFile(
                    "\(namespace).yaml",
                    Manifests.namespace(namespace) + "---\n"
                        + Manifests.pod("web", namespace: namespace, nodeName: "node-a")),
            ])

        let table = try await server.kubectlOK(kubectl, ["get", "pods", "-n", namespace])
        #expect(Columns.lines(table).first.map(Columns.words) == ["NAME", "READY", "STATUS", "RESTARTS", "AGE"])
        let row = try #require(Columns.row(table, named: "web"), "\(table)")
        #expect(Array(row.prefix(4)) == ["web", "0/1", "Pending", "0"])

        let wide = try await server.kubectlOK(kubectl, ["get", "pods", "-n", namespace, "-o", "wide"])
        #expect(
            Columns.lines(wide).first.map(Columns.words) == [
                "NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE", "NOMINATED", "NODE", "READINESS", "GATES",
            ])
        let wideRow = try #require(Columns.row(wide, named: "web"))
        #expect(Array(wideRow.suffix(4)) == ["<none>", "node-a", "<none>", "<none>"])
    }

    @Test(arguments: Kubectl.allCases)
    func getPrintsYAMLAndJSON(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let name = "formats-\(kubectl.suffix)"
        try await server.kubectlOK(
            kubectl, ["apply", "-f", server.writeFile("\(name).yaml", Manifests.configMap(name, data: ["greeting": "hello"]))])

        let yaml = try await server.kubectlOK(kubectl, ["get", "configmap", name, "-o", "yaml"])
        #expect(yaml.contains("kind: ConfigMap"))
        #expect(yaml.contains("apiVersion: v1"))
        #expect(yaml.contains("  name: \(name)"))
        #expect(yaml.contains("  greeting: hello"))
        #expect(yaml.contains("resourceVersion: "))

        let json = try JSON(parsing: try await server.kubectlOK(kubectl, ["get", "configmap", name, "-o", "json"]))
        #expect(json["kind"]?.stringValue == "ConfigMap")
        #expect(json[path: ["metadata", "name"]]?.stringValue == name)
        #expect(json[path: ["metadata", "namespace"]]?.stringValue == "default")
        #expect(json[path: ["data", "greeting"]]?.stringValue == "hello")
        #expect(json[path: ["metadata", "uid"]]?.stringValue?.isEmpty == false)

        let list = try JSON(parsing: try await server.kubectlOK(kubectl, ["get", "configmaps", "-o", "json"]))
        #expect(list["kind"]?.stringValue == "List")
        #expect(list["items"]?.arrayValue?.contains { $0[path: ["metadata", "name"]]?.stringValue == name } == true)
    }

    @Test(arguments: Kubectl.allCases)
    func getFiltersByLabelSelector(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let namespace = "labels-\(kubectl.suffix)"
        let manifest = [
            Manifests.namespace(namespace),
            Manifests.configMap("red", namespace: namespace, labels: ["color": "red", "tier": "front"]),
            Manifests.configMap("blue", namespace: namespace, labels: ["color": "blue", "tier": "front"]),
            Manifests.configMap("plain", namespace: namespace),
        ].joined(separator: "---\n")
        try await server.kubectlOK(kubectl, ["apply", "-f", server.writeFile("\(namespace).yaml", manifest)])

        func names(_ selector: String) async throws -> [String] {
            let output = try await server.kubectlOK(kubectl, ["get", "cm", "-n", namespace, "-l", selector, "-o", "name"])
            return Columns.lines(output).sorted()
        }
        #expect(try await names("color=red") == ["configmap/red"])
        #expect(try await names("color in (red,blue)") == ["configmap/blue", "configmap/red"])
        #expect(try await names("tier=front,color!=red") == ["configmap/blue"])
        #expect(try await names("!color").filter { $0 != "configmap/kube-root-ca.crt" } == ["configmap/plain"])

        let table = try await server.kubectl(kubectl, ["get", "cm", "-n", namespace, "-l", "color=green"])
        #expect(table.status == 0)
        #expect(table.stderr.contains("No resources found in \(namespace) namespace."))
    }

    @Test(arguments: Kubectl.allCases)
    func getFiltersByFieldSelector(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let namespace = "fields-\(kubectl.suffix)"
        let manifest = [
            Manifests.namespace(namespace),
            Manifests.pod("on-a", namespace: namespace, nodeName: "node-a"),
            Manifests.pod("on-b", namespace: namespace, nodeName: "node-b"),
            Manifests.pod("unscheduled", namespace: namespace),
        ].joined(separator: "---\n")
        try await server.kubectlOK(kubectl, ["apply", "-f", server.writeFile("\(namespace).yaml", manifest)])

        let byName = try await server.kubectlOK(
            kubectl, ["get", "pods", "-n", namespace, "--field-selector", "metadata.name=on-b", "-o", "name"])
        #expect(Columns.lines(byName) == ["pod/on-b"])
        let byNode = try await server.kubectlOK(
            kubectl, ["get", "pods", "-n", namespace, "--field-selector", "spec.nodeName=node-a", "-o", "name"])
        #expect(Columns.lines(byNode) == ["pod/on-a"])
        let unscheduled = try await server.kubectlOK(
            kubectl, ["get", "pods", "-n", namespace, "--field-selector", "spec.nodeName=", "-o", "name"])
        #expect(Columns.lines(unscheduled) == ["pod/unscheduled"])
        let notOnA = try await server.kubectlOK(
            kubectl,
            ["get", "pods", "-n", namespace, "--field-selector", "spec.nodeName!=node-a,status.phase=Pending", "-o", "name"])
        #expect(Columns.lines(notOnA).sorted() == ["pod/on-b", "pod/unscheduled"])

        let unsupported = try await server.kubectl(
            kubectl, ["get", "pods", "-n", namespace, "--field-selector", "spec.bogus=x"])
        #expect(unsupported.status != 0)
        #expect(unsupported.stderr.contains("BadRequest"), "\(unsupported.stderr)")
        #expect(unsupported.stderr.contains("field label not supported: spec.bogus"), "\(unsupported.stderr)")
    }

    @Test(arguments: Kubectl.allCases)
    func getWatchPrintsEachEvent(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let namespace = "watch-\(kubectl.suffix)"
        try await server.kubectlOK(kubectl, ["apply", "-f", server.writeFile("\(namespace).yaml", Manifests.namespace(namespace))])

        // -v=6 logs each request with its status, which tells when the watch is established.
        let watch = try BackgroundProcess(
            kubectl.path,
            server.kubectlArguments(kubectl) + ["get", "cm", "-n", namespace, "-w", "--output-watch-events", "-v=6"])
        defer { watch.signal(SIGKILL) }
        try await eventually(timeout: .seconds(20), "the watch request to be answered") {
            watch.stderr.split(separator: "\n").contains { $0.contains("watch=true") && $0.contains("200 OK") }
                || !watch.isRunning
        }
        try #require(watch.isRunning, "kubectl get -w ended: \(watch.stderr)")

        let file = try server.writeFile("\(namespace)-cm.yaml", Manifests.configMap("watched", namespace: namespace, data: ["a": "1"]))
        try await server.kubectlOK(kubectl, ["create", "-f", file])
        try await eventually(timeout: .seconds(10), "ADDED to be printed") { watch.stdout.contains("ADDED") }
        try await server.kubectlOK(
            kubectl, ["patch", "cm", "watched", "-n", namespace, "--type", "merge", "-p", #"{"data":{"b":"2"}}"#])
        try await eventually(timeout: .seconds(10), "MODIFIED to be printed") { watch.stdout.contains("MODIFIED") }
        try await server.kubectlOK(kubectl, ["delete", "cm", "watched", "-n", namespace])
        try await eventually(timeout: .seconds(10), "DELETED to be printed") { watch.stdout.contains("DELETED") }

        watch.terminate()
        try await watch.waitForExit(timeout: .seconds(10))
        let rows = Columns.lines(watch.stdout).map(Columns.words).filter { $0.first != "EVENT" }
        #expect(Columns.lines(watch.stdout).first.map(Columns.words) == ["EVENT", "NAME", "DATA", "AGE"], "\(watch.stdout)")
        #expect(rows.map { Array($0.prefix(3)) } == [["ADDED", "watched", "1"], ["MODIFIED", "watched", "2"], ["DELETED", "watched", "2"]])
        #expect(!watch.stderr.contains("<unknown>"))
    }

    // MARK: Writes

    @Test(arguments: Kubectl.allCases)
    func applyConfigMapTwiceUpdatesIt(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let name = "applied-\(kubectl.suffix)"
        let file = try server.writeFile("\(name).yaml", Manifests.configMap(name, data: ["a": "1", "b": "2"]))
        let first = try await server.kubectlOK(kubectl, ["apply", "-f", file])
        #expect(first.trimmingCharacters(in: .whitespacesAndNewlines) == "configmap/\(name) created")
        let created = try JSON(parsing: try await server.kubectlOK(kubectl, ["get", "cm", name, "-o", "json"]))
        #expect(created["data"] == ["a": "1", "b": "2"])
        #expect(created[path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]] != nil)

        _ = try server.writeFile("\(name).yaml", Manifests.configMap(name, data: ["a": "10", "c": "3"], labels: ["stage": "two"]))
        let second = try await server.kubectlOK(kubectl, ["apply", "-f", file])
        #expect(second.trimmingCharacters(in: .whitespacesAndNewlines) == "configmap/\(name) configured")
        let updated = try JSON(parsing: try await server.kubectlOK(kubectl, ["get", "cm", name, "-o", "json"]))
        #expect(updated["data"] == ["a": "10", "c": "3"])  // b was dropped from the applied configuration
        #expect(updated[path: ["metadata", "labels", "stage"]]?.stringValue == "two")
        #expect(updated[path: ["metadata", "uid"]] == created[path: ["metadata", "uid"]])
        let before = try #require(created[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int($0) })
        let after = try #require(updated[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int($0) })
        #expect(after > before)

        let third = try await server.kubectlOK(kubectl, ["apply", "-f", file])
        #expect(third.trimmingCharacters(in: .whitespacesAndNewlines) == "configmap/\(name) unchanged")
    }

    @Test(arguments: Kubectl.allCases)
    func applyNodeTwiceUpdatesIt(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let name = "applied-node-\(kubectl.suffix)"
        let file = try server.writeFile("\(name).yaml", Manifests.node(name))
        let first = try await server.kubectlOK(kubectl, ["apply", "-f", file])
        #expect(first.trimmingCharacters(in: .whitespacesAndNewlines) == "node/\(name) created")

        _ = try server.writeFile(
            "\(name).yaml",
            Manifests.node(
                name, role: "infra", unschedulable: true,
                taints: [("dedicated", "infra", "NoSchedule"), ("example.com/slow", "true", "PreferNoSchedule")]))
        let second = try await server.kubectlOK(kubectl, ["apply", "-f", file])
        #expect(second.trimmingCharacters(in: .whitespacesAndNewlines) == "node/\(name) configured")

        let node = try JSON(parsing: try await server.kubectlOK(kubectl, ["get", "node", name, "-o", "json"]))
        let labels = node[path: ["metadata", "labels"]]?.objectValue
        #expect(labels?["node-role.kubernetes.io/infra"] == "")
        #expect(labels?["node-role.kubernetes.io/worker"] == nil)
        #expect(node[path: ["spec", "unschedulable"]] == true)
        let taints = node[path: ["spec", "taints"]]?.arrayValue ?? []
        #expect(taints.compactMap { $0["key"]?.stringValue } == ["dedicated", "example.com/slow"])
        #expect(taints.first?["effect"] == "NoSchedule")
        // The status written on create stays: a main-resource update keeps it.
        #expect(node[path: ["status", "nodeInfo", "kubeletVersion"]] == "v1.31.0")

        let table = try await server.kubectlOK(kubectl, ["get", "node", name])
        let row = try #require(Columns.row(table, named: name))
        #expect(row.dropFirst().first == "Ready,SchedulingDisabled")
        #expect(row.dropFirst(2).first == "infra")
    }

    @Test(arguments: Kubectl.allCases)
    func createFromFileCreatesOnceThenReportsAlreadyExists(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let name = "created-\(kubectl.suffix)"
        let file = try server.writeFile("\(name).yaml", Manifests.pod(name, namespace: "default"))
        let first = try await server.kubectlOK(kubectl, ["create", "-f", file])
        #expect(first.trimmingCharacters(in: .whitespacesAndNewlines) == "pod/\(name) created")

        let pod = try JSON(parsing: try await server.kubectlOK(kubectl, ["get", "pod", name, "-o", "json"]))
        #expect(pod[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "registry.k8s.io/pause:3.9")
        #expect(pod[path: ["status", "phase"]] == "Pending")

        let second = try await server.kubectl(kubectl, ["create", "-f", file])
        #expect(second.status == 1)
        #expect(
            second.stderr.contains(#"Error from server (AlreadyExists): error when creating "\#(file)": pods "\#(name)" already exists"#),
            "\(second.stderr)")
    }

    @Test(arguments: Kubectl.allCases)
    func createConfigMapImperatively(_ kubectl: Kubectl) async throws {
        // kubectl 1.32+ sends this body as protobuf (application/vnd.kubernetes.protobuf).
        let server = try HollowServer.shared
        let name = "imperative-\(kubectl.suffix)"
        let output = try await server.kubectl(kubectl, ["create", "configmap", name, "--from-literal=key=value"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "configmap/\(name) created")
        let json = try JSON(parsing: try await server.kubectlOK(kubectl, ["get", "cm", name, "-o", "json"]))
        #expect(json["data"] == ["key": "value"])
    }

    @Test(arguments: Kubectl.allCases)
    func patchWithMergeAndJSONPatches(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let name = "patched-\(kubectl.suffix)"
        try await server.kubectlOK(
            kubectl, ["apply", "-f", server.writeFile("\(name).yaml", Manifests.configMap(name, data: ["a": "1", "b": "2"]))])

        let merge = try await server.kubectlOK(
            kubectl, ["patch", "configmap", name, "--type", "merge", "-p", #"{"data":{"a":"one","b":null}}"#])
        #expect(merge.trimmingCharacters(in: .whitespacesAndNewlines) == "configmap/\(name) patched")
        var json = try JSON(parsing: try await server.kubectlOK(kubectl, ["get", "cm", name, "-o", "json"]))
        #expect(json["data"] == ["a": "one"])

        let jsonPatch = try await server.kubectlOK(
            kubectl,
            [
                "patch", "configmap", name, "--type", "json", "-p",
                #"[{"op":"add","path":"/data/c","value":"3"},{"op":"replace","path":"/data/a","value":"uno"},{"op":"add","path":"/metadata/labels","value":{"patched":"yes"}}]"#,
            ])
        #expect(jsonPatch.trimmingCharacters(in: .whitespacesAndNewlines) == "configmap/\(name) patched")
        json = try JSON(parsing: try await server.kubectlOK(kubectl, ["get", "cm", name, "-o", "json"]))
        #expect(json["data"] == ["a": "uno", "c": "3"])
        #expect(json[path: ["metadata", "labels", "patched"]] == "yes")

        let unchanged = try await server.kubectlOK(
            kubectl, ["patch", "configmap", name, "--type", "merge", "-p", #"{"data":{"a":"uno"}}"#])
        #expect(unchanged.trimmingCharacters(in: .whitespacesAndNewlines) == "configmap/\(name) patched (no change)")

        let failedTest = try await server.kubectl(
            kubectl, ["patch", "configmap", name, "--type", "json", "-p", #"[{"op":"test","path":"/data/a","value":"nope"}]"#])
        #expect(failedTest.status != 0)
        // A failed `test` operation is a 422, which kubectl reports as an invalid request.
        #expect(failedTest.stderr.contains("The request is invalid"), "\(failedTest.stderr)")
    }

    @Test(arguments: Kubectl.allCases)
    func deleteWaitsUntilTheObjectIsGone(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let name = "deleted-\(kubectl.suffix)"
        try await server.kubectlOK(kubectl, ["apply", "-f", server.writeFile("\(name).yaml", Manifests.configMap(name))])
        let deleted = try await server.kubectlOK(kubectl, ["delete", "configmap", name, "--wait=true"])
        #expect(deleted.trimmingCharacters(in: .whitespacesAndNewlines) == #"configmap "\#(name)" deleted"#)
        let gone = try await server.kubectl(kubectl, ["get", "configmap", name])
        #expect(gone.status == 1)
        #expect(gone.stderr.contains(#"Error from server (NotFound): configmaps "\#(name)" not found"#), "\(gone.stderr)")

        // With a finalizer, `delete --wait` waits until the finalizer is removed and the object is gone.
        let held = "held-\(kubectl.suffix)"
        try await server.kubectlOK(
            kubectl, ["apply", "-f", server.writeFile("\(held).yaml", Manifests.configMap(held, finalizers: ["example.com/hold"]))])
        let deleting = try BackgroundProcess(
            kubectl.path, server.kubectlArguments(kubectl) + ["delete", "configmap", held, "--wait=true", "--timeout=60s"])
        defer { deleting.signal(SIGKILL) }
        try await eventually(timeout: .seconds(20), "the deletion timestamp to be set") {
            let output = try await server.kubectl(kubectl, ["get", "cm", held, "-o", "jsonpath={.metadata.deletionTimestamp}"])
            return output.status == 0 && !output.stdout.isEmpty
        }
        #expect(deleting.isRunning, "kubectl delete --wait returned while the finalizer is still there: \(deleting.stdout)")
        try await server.kubectlOK(kubectl, ["patch", "configmap", held, "--type", "merge", "-p", #"{"metadata":{"finalizers":null}}"#])
        let termination = try await deleting.waitForExit(timeout: .seconds(30))
        #expect(termination == .exited(0), "\(deleting.stderr)")
        #expect(deleting.stdout.contains(#"configmap "\#(held)" deleted"#))
        let heldGone = try await server.kubectl(kubectl, ["get", "configmap", held])
        #expect(heldGone.status == 1)
    }

    // MARK: Documentation and description

    @Test(arguments: Kubectl.allCases)
    func explainDescribesNodeSpec(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let output = try await server.kubectl(kubectl, ["explain", "node.spec"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.range(of: #"KIND:\s+Node"#, options: .regularExpression) != nil, "\(output.stdout)")
        #expect(output.stdout.range(of: #"VERSION:\s+v1"#, options: .regularExpression) != nil)
        for field in ["podCIDR", "taints", "unschedulable", "providerID"] {
            #expect(output.stdout.contains(field), "\(field) missing from explain node.spec")
        }
    }

    @Test(arguments: Kubectl.allCases)
    func explainDescribesPodContainers(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let output = try await server.kubectl(kubectl, ["explain", "pod.spec.containers"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.range(of: #"KIND:\s+Pod"#, options: .regularExpression) != nil, "\(output.stdout)")
        for field in ["image", "name", "ports", "resources", "env"] {
            #expect(output.stdout.contains(field), "\(field) missing from explain pod.spec.containers")
        }
    }

    @Test(arguments: Kubectl.allCases)
    func describeNodeShowsItsDetails(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let name = "described-\(kubectl.suffix)"
        let namespace = "describe-\(kubectl.suffix)"
        let manifest = [
            Manifests.node(name, taints: [("dedicated", "gpu", "NoSchedule")]),
            Manifests.namespace(namespace),
            Manifests.pod("resident", namespace: namespace, nodeName: name),
        ].joined(separator: "---\n")
        try await server.kubectlOK(kubectl, ["apply", "-f", server.writeFile("\(name).yaml", manifest)])

        let output = try await server.kubectl(kubectl, ["describe", "node", name])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.isEmpty, "\(output.stderr)")
        let text = output.stdout
        #expect(text.range(of: #"Name:\s+\#(name)"#, options: .regularExpression) != nil, "\(text)")
        #expect(text.range(of: #"Roles:\s+worker"#, options: .regularExpression) != nil)
        #expect(text.contains("node-role.kubernetes.io/worker="))
        #expect(text.range(of: #"Taints:\s+dedicated=gpu:NoSchedule"#, options: .regularExpression) != nil)
        #expect(text.contains("Conditions:"))
        #expect(text.range(of: #"Ready\s+True"#, options: .regularExpression) != nil)
        #expect(text.range(of: #"InternalIP:\s+10\.0\.0\.7"#, options: .regularExpression) != nil)
        #expect(text.range(of: #"Kubelet Version:\s+v1\.31\.0"#, options: .regularExpression) != nil)
        #expect(text.contains("Non-terminated Pods:"))
        #expect(text.range(of: #"\#(namespace)\s+resident"#, options: .regularExpression) != nil, "the node's pod is listed")
    }

    // MARK: Credentials

    @Test(arguments: Kubectl.allCases)
    func wrongBearerTokenIsUnauthorized(_ kubectl: Kubectl) async throws {
        let server = try HollowServer.shared
        let wrong = try server.writeFile("wrong-token-\(kubectl.suffix).kubeconfig", try Manifests.tokenKubeconfig(server, token: "not-a-valid-token"))
        let denied = try await ProcessRunner.run(kubectl.path, ["--kubeconfig", wrong, "get", "namespaces"])
        #expect(denied.status == 1)
        // kubectl's wording for a 401 (`apierrors.IsUnauthorized`).
        #expect(denied.stderr.contains("error: You must be logged in to the server"), "\(denied.stderr)")

        // The admin token from tokens.csv works.
        let tokens = try String(contentsOfFile: "\(server.dataDirectory)/tokens.csv", encoding: .utf8)
        let adminLine = try #require(tokens.split(separator: "\n").first { $0.contains("hollow-admin") })
        let token = String(try #require(adminLine.split(separator: ",").first))
        let right = try server.writeFile("admin-token-\(kubectl.suffix).kubeconfig", try Manifests.tokenKubeconfig(server, token: token))
        let allowed = try await ProcessRunner.run(kubectl.path, ["--kubeconfig", right, "get", "namespaces", "-o", "name"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(Columns.lines(allowed.stdout).contains("namespace/default"))
    }

    @Test func anonymousRequestsGet401ButHealthAndVersionAnswer() async throws {
        let server = try HollowServer.shared
        func curl(_ path: String) async throws -> (code: String, body: String) {
            let output = try await ProcessRunner.run(
                "/usr/bin/curl", ["-sk", "-w", "\n%{http_code}", server.url + path], timeout: .seconds(20))
            try #require(output.status == 0, "curl failed: \(output.stderr)")
            var lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let code = String(lines.removeLast())
            return (code, lines.joined(separator: "\n"))
        }
        let api = try await curl("/api")
        #expect(api.code == "401")
        let status = try JSON(parsing: api.body)
        #expect(status["kind"] == "Status")
        #expect(status["apiVersion"] == "v1")
        #expect(status["status"] == "Failure")
        #expect(status["reason"] == "Unauthorized")
        #expect(status["code"] == 401)

        let pods = try await curl("/api/v1/namespaces/default/pods")
        #expect(pods.code == "401")

        let health = try await curl("/healthz")
        #expect(health.code == "200")
        #expect(health.body == "ok")
        let version = try await curl("/version")
        #expect(version.code == "200")
        #expect(try JSON(parsing: version.body)["gitVersion"] == "v1.31.0")
    }
}
