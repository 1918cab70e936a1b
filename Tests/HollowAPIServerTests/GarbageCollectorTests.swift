import HollowModel
import HollowTesting
import Testing

/// The embedded garbage collector: background, foreground and orphan propagation over `ownerReferences`.
@Suite struct GarbageCollectorTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    /// Creates an owner ConfigMap and returns its uid.
    private func owner(_ client: ClusterClient, _ name: String) async throws -> String {
        let created = try await client.create(Self.configMaps, Objects.configMap(name))
        return try #require(created[path: ["metadata", "uid"]]?.stringValue)
    }

    private func dependent(
        _ client: ClusterClient, _ name: String, owners: [(name: String, uid: String)], block: Bool = false
    ) async throws {
        var object = Objects.configMap(name)
        object[path: ["metadata", "ownerReferences"]] = .array(
            owners.map {
                [
                    "apiVersion": "v1", "kind": "ConfigMap", "name": .string($0.name), "uid": .string($0.uid),
                    "blockOwnerDeletion": .bool(block),
                ]
            })
        try await client.create(Self.configMaps, object)
    }

    private func exists(_ client: ClusterClient, _ name: String) async throws -> Bool {
        try await client.request(.GET, "\(Self.configMaps)/\(name)").status == 200
    }

    @Test func deletingAnOwnerInTheBackgroundDeletesItsDependents() async throws {
        try await withCluster { _, client in
            let uid = try await owner(client, "owner")
            try await dependent(client, "child", owners: [("owner", uid)])
            let response = try await client.request(.DELETE, "\(Self.configMaps)/owner")
            #expect(response.status == 200)
            try await eventually("the dependent to be collected") { try await !exists(client, "child") }
        }
    }

    @Test func foregroundDeletionWaitsForBlockingDependents() async throws {
        try await withCluster { _, client in
            let uid = try await owner(client, "owner")
            try await dependent(client, "child", owners: [("owner", uid)], block: true)
            let response = try await client.request(
                .DELETE, "\(Self.configMaps)/owner", json: ["kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": "Foreground"])
            #expect(response.status == 200)
            let marked = try response.json()
            #expect(marked[path: ["metadata", "deletionTimestamp"]] != nil)
            #expect(marked[path: ["metadata", "finalizers"]] == ["foregroundDeletion"])
            try await eventually("owner and dependent to be gone") {
                let childGone = try await !exists(client, "child")
                let ownerGone = try await !exists(client, "owner")
                return childGone && ownerGone
            }
        }
    }

    @Test func orphanDeletionKeepsDependentsAndDropsTheirReferences() async throws {
        try await withCluster { _, client in
            let uid = try await owner(client, "owner")
            try await dependent(client, "child", owners: [("owner", uid)])
            let response = try await client.request(.DELETE, "\(Self.configMaps)/owner?propagationPolicy=Orphan")
            #expect(response.status == 200)
            try await eventually("the owner to be gone") { try await !exists(client, "owner") }
            let child = try await client.getJSON("\(Self.configMaps)/child")
            #expect(child[path: ["metadata", "ownerReferences"]] == nil)
        }
    }

    @Test func aDependentThatKeepsAnOwnerLosesOnlyTheDanglingReference() async throws {
        try await withCluster { _, client in
            let first = try await owner(client, "first")
            let second = try await owner(client, "second")
            try await dependent(client, "child", owners: [("first", first), ("second", second)])
            #expect(try await client.request(.DELETE, "\(Self.configMaps)/first").status == 200)
            try await eventually("the dangling reference to be removed") {
                let child = try await client.getJSON("\(Self.configMaps)/child")
                return child[path: ["metadata", "ownerReferences"]]?.arrayValue?.count == 1
            }
            let child = try await client.getJSON("\(Self.configMaps)/child")
            #expect(child[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["uid"]?.stringValue == second)
        }
    }
}
