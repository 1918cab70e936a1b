import Foundation
import HollowModel
import HollowTesting
import Testing

/// Client-side `kubectl apply` of built-in kinds twice with a changed list: kubectl computes a strategic merge
/// patch (`$setElementOrder`, `$patch: delete`) from the last-applied configuration, and the result must be what
/// kube-apiserver makes of it. One shared server; names carry the kubectl release.
@Suite(.sharedHollowServer)
struct ApplyTests {
    static func service(_ name: String, ports: [(name: String, port: Int, targetPort: Int)]) -> String {
        var text = """
            apiVersion: v1
            kind: Service
            metadata:
              name: \(name)
            spec:
              selector:
                app: \(name)
              ports:

            """
        for port in ports {
            text += "  - name: \(port.name)\n    port: \(port.port)\n    targetPort: \(port.targetPort)\n"
        }
        return text
    }

    static func pod(_ name: String, appImage: String, env: [(String, String)]) -> String {
        var text = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: \(name)
            spec:
              containers:
              - name: app
                image: \(appImage)
                env:

            """
        for (key, value) in env { text += "    - name: \(key)\n      value: \"\(value)\"\n" }
        text += """
              - name: sidecar
                image: registry.k8s.io/busybox:1.36
                command: [sleep, infinity]

            """
        return text
    }

    @Test(arguments: KubectlRelease.spread)
    func servicePortDroppedFromTheAppliedConfigurationIsRemoved(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let name = "ports-\(release.suffix)"
        let file = try kubectl.file("\(name).yaml", Self.service(name, ports: [("http", 80, 8080), ("https", 443, 8443)]))
        #expect(try await kubectl.line(["apply", "-f", file]) == "service/\(name) created")
        let created = try await kubectl.json(["get", "service", name])
        let clusterIP = try #require(created[path: ["spec", "clusterIP"]]?.stringValue)
        #expect(created[path: ["spec", "ports"]]?.arrayValue?.compactMap { $0["port"]?.intValue } == [80, 443])

        // Ports merge on `port`: the patch deletes 443 and keeps 80 (and the allocated cluster IP).
        _ = try kubectl.file("\(name).yaml", Self.service(name, ports: [("http", 80, 8080)]))
        #expect(try await kubectl.line(["apply", "-f", file]) == "service/\(name) configured")
        var service = try await kubectl.json(["get", "service", name])
        #expect(
            service[path: ["spec", "ports"]]
                == [["name": "http", "port": 80, "protocol": "TCP", "targetPort": 8080]])
        #expect(service[path: ["spec", "clusterIP"]]?.stringValue == clusterIP)
        #expect(try await kubectl.line(["apply", "-f", file]) == "service/\(name) unchanged")

        // A new port first and a changed target port: the order is the applied one (`$setElementOrder/ports`).
        _ = try kubectl.file("\(name).yaml", Self.service(name, ports: [("metrics", 9090, 9090), ("http", 80, 8081)]))
        try await kubectl.ok(["apply", "-f", file])
        service = try await kubectl.json(["get", "service", name])
        let ports = service[path: ["spec", "ports"]]?.arrayValue ?? []
        #expect(ports.compactMap { $0["name"]?.stringValue } == ["metrics", "http"], "\(ports)")
        #expect(ports.compactMap { $0["targetPort"]?.intValue } == [9090, 8081])
    }

    @Test(arguments: KubectlRelease.spread)
    func podImageChangeIsAppliedAndOtherFieldsAreImmutable(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let name = "two-containers-\(release.suffix)"
        let file = try kubectl.file(
            "\(name).yaml", Self.pod(name, appImage: "registry.k8s.io/pause:3.9", env: [("A", "1"), ("B", "2")]))
        #expect(try await kubectl.line(["apply", "-f", file]) == "pod/\(name) created")

        _ = try kubectl.file("\(name).yaml", Self.pod(name, appImage: "registry.k8s.io/pause:3.10", env: [("A", "1"), ("B", "2")]))
        #expect(try await kubectl.line(["apply", "-f", file]) == "pod/\(name) configured")
        let pod = try await kubectl.json(["get", "pod", name])
        let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
        #expect(containers.compactMap { $0["name"]?.stringValue } == ["app", "sidecar"], "\(containers)")
        #expect(containers.first?["image"] == "registry.k8s.io/pause:3.10")
        #expect(containers.first?["env"] == [["name": "A", "value": "1"], ["name": "B", "value": "2"]])
        #expect(containers.last?["image"] == "registry.k8s.io/busybox:1.36")
        #expect(containers.last?["command"] == ["sleep", "infinity"])

        // Removing an env var is a change to the pod spec other than an image: kube-apiserver forbids it.
        _ = try kubectl.file("\(name).yaml", Self.pod(name, appImage: "registry.k8s.io/pause:3.10", env: [("A", "1")]))
        let refused = try await kubectl.run(["apply", "-f", file])
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(#"The Pod "\#(name)" is invalid: spec: Forbidden: pod updates may not change fields other than"#),
            "\(refused.stderr)")
        let unchanged = try await kubectl.json(["get", "pod", name])
        #expect(unchanged[path: ["spec", "containers"]]?.arrayValue?.first?["env"]?.arrayValue?.count == 2)
    }

    /// kubectl sends `fieldValidation=Strict` (the server's OpenAPI v3 advertises it), and kube-apiserver's strict
    /// decoding of a built-in kind refuses fields the type does not have; with `--validate=false` they are dropped.
    @Test(arguments: KubectlRelease.spread)
    func unknownFieldsOfBuiltInKindsAreRefused(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        func pod(_ name: String) -> String {
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: \(name)
            spec:
              bogus: 1
              containers:
              - name: app
                image: registry.k8s.io/pause:3.9
                colour: blue

            """
        }
        let name = "unknown-fields-\(release.suffix)"
        let file = try kubectl.file("\(name).yaml", pod(name))
        let refused = try await kubectl.run(["apply", "-f", file])
        #expect(refused.status == 1, "accepted: \(refused.stdout)")
        #expect(
            refused.stderr.contains(
                #"Error from server (BadRequest): error when creating "\#(file)": Pod in version "v1" cannot be handled as a Pod: strict decoding error: "#)
                && refused.stderr.contains(#"unknown field "spec.bogus""#)
                && refused.stderr.contains(#"unknown field "spec.containers[0].colour""#),
            "\(refused.stderr)")

        let configMap = try kubectl.file("\(name)-cm.yaml", Manifests.configMap(name, data: ["a": "1"]) + "bogus: true\n")
        let refusedConfigMap = try await kubectl.run(["create", "-f", configMap])
        #expect(refusedConfigMap.status == 1, "accepted: \(refusedConfigMap.stdout)")
        #expect(
            refusedConfigMap.stderr.contains(
                #"ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus""#),
            "\(refusedConfigMap.stderr)")

        // `--validate=false` sends fieldValidation=Ignore: the object is made without the fields its type lacks.
        let ignored = "\(name)-ignored"
        try await kubectl.ok(["apply", "--validate=false", "-f", kubectl.file("\(ignored).yaml", pod(ignored))])
        let created = try await kubectl.json(["get", "pod", ignored])
        #expect(created[path: ["spec", "bogus"]] == nil, "kept: \(created[path: ["spec"]] ?? .null)")
        #expect(created[path: ["spec", "containers"]]?.arrayValue?.first?["colour"] == nil)
    }

    @Test(arguments: KubectlRelease.spread)
    func nodeTaintDroppedFromTheAppliedConfigurationIsRemoved(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let name = "tainted-\(release.suffix)"
        let file = try kubectl.file(
            "\(name).yaml",
            Manifests.node(name, taints: [("dedicated", "infra", "NoSchedule"), ("example.com/slow", "true", "PreferNoSchedule")]))
        #expect(try await kubectl.line(["apply", "-f", file]) == "node/\(name) created")

        // `spec.taints` has no merge key: the applied list replaces the old one.
        _ = try kubectl.file("\(name).yaml", Manifests.node(name, taints: [("example.com/slow", "true", "PreferNoSchedule")]))
        #expect(try await kubectl.line(["apply", "-f", file]) == "node/\(name) configured")
        let node = try await kubectl.json(["get", "node", name])
        #expect(node[path: ["spec", "taints"]] == [["key": "example.com/slow", "value": "true", "effect": "PreferNoSchedule"]])

        _ = try kubectl.file("\(name).yaml", Manifests.node(name))
        try await kubectl.ok(["apply", "-f", file])
        let untainted = try await kubectl.json(["get", "node", name])
        #expect(untainted[path: ["spec", "taints"]] == nil)
    }
}
