import Foundation
import HollowClient
import HollowModel
import HollowTesting
import Testing

@Suite("ResourceClient against a real server")
struct ResourceClientTests {
    static func configMap(_ name: String, data: [String: String] = [:], labels: [String: String] = [:]) -> ConfigMap {
        var object: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)]]
        if !labels.isEmpty { object[path: ["metadata", "labels"]] = .object(JSONObject(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
        if !data.isEmpty { object["data"] = .object(JSONObject(data.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
        return ConfigMap(object)
    }

    @Test(arguments: [TestCluster.ClientCredentials.adminCertificate, .adminToken])
    func crudWithEachCredential(credentials: TestCluster.ClientCredentials) async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient(credentials) { client in
                let configMaps = client.resource(ConfigMap.self)
                let created = try await configMaps.create(Self.configMap("one", data: ["a": "1"]), namespace: "default")
                #expect(created.metadata.uid?.isEmpty == false)
                #expect(created.namespace == "default")

                var fetched = try await configMaps.get("one", namespace: "default")
                #expect(fetched.object["data"]?["a"] == "1")

                fetched.object["data"] = ["a": "2"]
                let updated = try await configMaps.update(fetched)
                #expect(updated.object["data"]?["a"] == "2")
                #expect(updated.resourceVersion != fetched.resourceVersion)

                // The stale copy is refused with Conflict.
                let stale = await #expect(throws: APIError.self) { try await configMaps.update(fetched) }
                #expect(stale?.isConflict == true)

                try await configMaps.delete("one", namespace: "default")
                let missing = await #expect(throws: APIError.self) { try await configMaps.get("one", namespace: "default") }
                #expect(missing?.isNotFound == true)
                #expect(missing?.code == 404)
            }
        }
    }

    @Test func wrongTokenIsUnauthorized() async throws {
        try await TestCluster.run { cluster in
            var configuration = cluster.clientConfiguration(.adminToken)
            configuration.credentials = .bearerToken("not-a-token")
            try await KubernetesClient.withClient(configuration) { client in
                let error = await #expect(throws: APIError.self) { try await client.resource(Node.self).list() }
                #expect(error?.code == 401)
                #expect(error?.reason == .unauthorized)
            }
        }
    }

    @Test func listPagesThroughEverything() async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                let configMaps = client.resource(ConfigMap.self)
                for index in 0..<25 {
                    _ = try await configMaps.create(
                        Self.configMap("cm-\(index)", labels: ["parity": index % 2 == 0 ? "even" : "odd"]),
                        namespace: "default")
                }
                let page = try await configMaps.listPage(namespace: "default", options: ListOptions(limit: 10))
                #expect(page.items.count == 10)
                #expect(page.continueToken != nil)

                let all = try await configMaps.list(namespace: "default", pageSize: 7)
                let names = Set(all.items.map(\.name))
                #expect((0..<25).allSatisfy { names.contains("cm-\($0)") })
                #expect(all.items.count == names.count)
                #expect(!all.resourceVersion.isEmpty)

                let even = try await configMaps.list(namespace: "default", options: ListOptions(labelSelector: "parity=even"))
                #expect(even.items.count == 13)
            }
        }
    }

    @Test func everyPatchType() async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                let configMaps = client.resource(ConfigMap.self)
                _ = try await configMaps.create(Self.configMap("p", data: ["a": "1", "b": "2"]), namespace: "default")
                var patched = try await configMaps.patch("p", namespace: "default", .merge(["data": ["b": nil, "c": "3"]]))
                #expect(patched.object["data"] == ["a": "1", "c": "3"])
                patched = try await configMaps.patch(
                    "p", namespace: "default", .json([["op": "replace", "path": "/data/a", "value": "9"]]))
                #expect(patched.object["data"]?["a"] == "9")
                patched = try await configMaps.patch("p", namespace: "default", .strategicMerge(["data": ["d": "4"]]))
                #expect(patched.object["data"]?["d"] == "4")
                patched = try await configMaps.patch(
                    "p", namespace: "default",
                    .apply(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "p"], "data": ["e": "5"]]),
                    fieldManager: "client-test", force: true)
                #expect(patched.object["data"]?["e"] == "5")
                let managers = patched.metadata.object["managedFields"]?.arrayValue?.compactMap { $0["manager"]?.stringValue }
                #expect(managers?.contains("client-test") == true)

                let invalid = await #expect(throws: APIError.self) {
                    try await configMaps.patch("p", namespace: "default", .json([["op": "test", "path": "/data/a", "value": "0"]]))
                }
                #expect(invalid?.code == 422)
                #expect(invalid?.isInvalid == true)
            }
        }
    }

    @Test func statusSubresourceChangesOnlyStatus() async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                let nodes = client.resource(Node.self)
                var node = try await nodes.create(Node(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "n1"]]))
                node.object[path: ["status", "capacity"]] = ["cpu": "4"]
                node.object[path: ["spec", "unschedulable"]] = true
                let updated = try await nodes.updateStatus(node)
                #expect(updated.object[path: ["status", "capacity", "cpu"]] == "4")
                #expect(updated.unschedulable == false)
            }
        }
    }

    @Test func dynamicAccessThroughDiscovery() async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { client in
                let resources = try await client.discoverResources()
                #expect(resources.contains(.nodes))
                #expect(resources.contains { $0.resource == "leases" && $0.group == "coordination.k8s.io" })
                let leases = client.resource(try await client.resource(forKind: "Lease"))
                let lease = try await leases.create(
                    Unstructured([
                        "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "l"],
                        "spec": ["holderIdentity": "me"],
                    ]), namespace: "default")
                #expect(lease.object[path: ["spec", "holderIdentity"]] == "me")
                let typed = try await client.resource(Lease.self).get("l", namespace: "default")
                #expect(typed.holderIdentity == "me")
                let unknown = await #expect(throws: APIError.self) { try await client.resource(forKind: "Gizmo") }
                #expect(unknown?.isNotFound == true)
            }
        }
    }

    @Test func kubeconfigWrittenByTheClusterWorks() async throws {
        try await TestCluster.run { cluster in
            let configuration = try KubeconfigLoader(explicitPath: cluster.kubeconfigPath).load()
            try await KubernetesClient.withClient(configuration) { client in
                let namespaces = try await client.resource(Namespace.self).list()
                #expect(namespaces.items.map(\.name).contains("kube-system"))
            }
        }
    }
}
