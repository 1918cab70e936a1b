import Foundation
import HollowClient
import HollowModel
import HollowPKI
import HollowStore
import HollowTesting
import Testing

/// `ResourceClient.updates` across a server restart and a 410: applying what it delivers to a map of
/// name → resourceVersion must give exactly the server's state, with no event seen twice.
@Suite struct WatchResumptionTests {
    /// Applies updates to a name → resourceVersion map and checks each event's revision is new.
    struct Mirror {
        var objects: [String: String] = [:]
        var seenRevisions: Set<String> = []
        var replaces = 0
        var duplicates: [String] = []

        mutating func apply(_ update: ResourceUpdate<ConfigMap>) {
            switch update {
            case .replace(let items, _):
                replaces += 1
                objects = Dictionary(uniqueKeysWithValues: items.map { ($0.name, $0.resourceVersion) })
            case .added(let object), .modified(let object):
                if !seenRevisions.insert(object.resourceVersion).inserted { duplicates.append(object.resourceVersion) }
                objects[object.name] = object.resourceVersion
            case .deleted(let object):
                if !seenRevisions.insert(object.resourceVersion).inserted { duplicates.append(object.resourceVersion) }
                objects[object.name] = nil
            case .bookmark:
                break
            }
        }
    }

    static func serverState(_ client: KubernetesClient) async throws -> [String: String] {
        let list = try await client.resource(ConfigMap.self).list(namespace: "default")
        return Dictionary(uniqueKeysWithValues: list.items.map { ($0.name, $0.resourceVersion) })
    }

    static func create(_ client: KubernetesClient, _ names: some Sequence<String>) async throws {
        for name in names {
            _ = try await client.resource(ConfigMap.self).create(
                ConfigMap(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)]]),
                namespace: "default")
        }
    }

    /// One consumer of an updates stream that the test drives step by step across server runs (only ever used by
    /// one task at a time, hence the unchecked conformance).
    final class Reader: @unchecked Sendable {
        var iterator: ResourceUpdates<ConfigMap>.Iterator
        var mirror = Mirror()

        init(_ updates: ResourceUpdates<ConfigMap>) { iterator = updates.makeAsyncIterator() }

        /// Reads updates until the mirror equals `expected`.
        func catchUp(to expected: [String: String]) async throws {
            while mirror.objects != expected {
                guard let update = try await iterator.next() else { throw TestClusterError("updates ended") }
                mirror.apply(update)
            }
        }
    }

    @Test func resumesAfterARestartWithoutRelisting() async throws {
        let directory = try ClusterDirectory(path: TemporaryDirectory.make(prefix: "watch-restart"))
        let port = try freeLoopbackPort()
        let (configuration, state) = try await TestCluster.run(directory: directory, port: port) { cluster in
            try await cluster.withKubernetesClient { client in
                try await Self.create(client, ["a", "b"])
                return (cluster.clientConfiguration(), try await Self.serverState(client))
            }
        }
        let mirror = try await KubernetesClient.withClient(configuration) { watcher in
            // First run: list, then changes.
            let reader = Reader(watcher.resource(ConfigMap.self).updates(namespace: "default"))
            try await TestCluster.run(directory: directory, port: port) { cluster in
                try await cluster.withKubernetesClient { client in
                    try await reader.catchUp(to: state)
                    try await Self.create(client, ["c"])
                    try await client.resource(ConfigMap.self).delete("a", namespace: "default")
                    try await reader.catchUp(to: try await Self.serverState(client))
                }
            }
            #expect(reader.mirror.replaces == 1)
            // The server is down; it comes back on the same port with the same state, and more changes follow.
            try await TestCluster.run(directory: directory, port: port) { cluster in
                try await cluster.withKubernetesClient { client in
                    try await Self.create(client, ["d", "e"])
                    try await reader.catchUp(to: try await Self.serverState(client))
                }
            }
            return reader.mirror
        }
        #expect(mirror.duplicates.isEmpty)
        #expect(mirror.replaces == 1, "the watch resumed from its resourceVersion instead of relisting")
        #expect(Set(mirror.objects.keys) == ["b", "c", "d", "e"])
    }

    @Test func relistsAfter410WithoutLosingOrDuplicating() async throws {
        let directory = try ClusterDirectory(path: TemporaryDirectory.make(prefix: "watch-410"))
        let port = try freeLoopbackPort()
        // A watch cache of 5 events: a watcher more than 5 writes behind gets 410 Expired.
        let store = SQLiteStore.Configuration(watchCacheCapacity: 5)
        let configuration = try await TestCluster.run(directory: directory, port: port, store: store) { cluster in
            cluster.clientConfiguration()
        }
        let mirror = try await KubernetesClient.withClient(configuration) { watcher in
            let reader = Reader(watcher.resource(ConfigMap.self).updates(namespace: "default"))
            try await TestCluster.run(directory: directory, port: port, store: store) { cluster in
                try await cluster.withKubernetesClient { client in
                    try await Self.create(client, ["keep", "gone"])
                    try await reader.catchUp(to: try await Self.serverState(client))
                }
            }
            #expect(reader.mirror.replaces == 1)
            try await TestCluster.run(directory: directory, port: port, store: store) { cluster in
                try await cluster.withKubernetesClient { client in
                    // Twenty writes while the watcher is away: its resourceVersion falls out of the cache.
                    try await Self.create(client, (0..<20).map { "new-\($0)" })
                    try await client.resource(ConfigMap.self).delete("gone", namespace: "default")
                    try await reader.catchUp(to: try await Self.serverState(client))
                    // And the stream goes on after the relist.
                    try await Self.create(client, ["after"])
                    try await reader.catchUp(to: try await Self.serverState(client))
                }
            }
            return reader.mirror
        }
        #expect(mirror.replaces == 2, "a 410 makes the stream relist")
        #expect(mirror.duplicates.isEmpty)
        #expect(mirror.objects["gone"] == nil)
        #expect(mirror.objects.count == 22)
    }
}
