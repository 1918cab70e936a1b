import Foundation
import HollowClient
import HollowModel
import HollowPKI
import HollowRuntime
import HollowStore
import HollowTesting
import Logging
import Synchronization
import Testing

/// An informer over the real client and server: its cache follows the server across a restart and a 410, and its
/// handlers never see an add or update twice.
@Suite struct InformerIntegrationTests {
    /// What the handlers saw.
    final class Journal: Sendable {
        struct State {
            var revisions: Set<String> = []
            var repeated: [String] = []
            var deletes: [String: Int] = [:]
        }
        let state = Mutex(State())

        func saw(_ object: ConfigMap) {
            state.withLock { if !$0.revisions.insert(object.resourceVersion).inserted { $0.repeated.append(object.resourceVersion) } }
        }
        func deleted(_ object: ConfigMap) { state.withLock { $0.deletes[object.name, default: 0] += 1 } }
    }

    static func serverState(_ client: KubernetesClient) async throws -> [String: String] {
        let list = try await client.resource(ConfigMap.self).list(namespace: "default")
        return Dictionary(uniqueKeysWithValues: list.items.map { ($0.name, $0.resourceVersion) })
    }

    static func cacheState(_ informer: Informer<ConfigMap>) -> [String: String] {
        Dictionary(uniqueKeysWithValues: informer.list().map { ($0.name, $0.resourceVersion) })
    }

    static func create(_ client: KubernetesClient, _ names: some Sequence<String>) async throws {
        for name in names {
            _ = try await client.resource(ConfigMap.self).create(
                ConfigMap(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)]]),
                namespace: "default")
        }
    }

    @Test func cacheFollowsTheServerAcrossARestartWithWritesWhileAway() async throws {
        let directory = try ClusterDirectory(path: TemporaryDirectory.make(prefix: "informer-restart"))
        let port = try freeLoopbackPort()
        let store = SQLiteStore.Configuration(watchCacheCapacity: 5)
        let configuration = try await TestCluster.run(directory: directory, port: port, store: store) { cluster in
            cluster.clientConfiguration()
        }
        let journal = Journal()
        try await KubernetesClient.withClient(configuration) { client in
            let informers = SharedInformerFactory(client: client, logger: Logger(label: "test"))
            let informer = informers.informer(ConfigMap.self, namespace: "default")
            informer.addEventHandler(
                onAdd: { journal.saw($0) }, onUpdate: { _, new in journal.saw(new) }, onDelete: { journal.deleted($0) })
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                try await TestCluster.run(directory: directory, port: port, store: store) { cluster in
                    try await cluster.withKubernetesClient { writer in
                        try await Self.create(writer, ["a", "b"])
                        try await informer.waitForSync()
                        let expected = try await Self.serverState(writer)
                        try await eventually("the cache to hold a and b") { Self.cacheState(informer) == expected }
                    }
                }
                // The server is down; it comes back on the same port and, before the informer reconnects, more
                // than the watch cache's five events may happen (then the resourceVersion is too old: 410 and a relist).
                try await TestCluster.run(directory: directory, port: port, store: store) { cluster in
                    try await cluster.withKubernetesClient { writer in
                        try await Self.create(writer, (0..<12).map { "new-\($0)" })
                        try await writer.resource(ConfigMap.self).delete("a", namespace: "default")
                        var b = try await writer.resource(ConfigMap.self).get("b", namespace: "default")
                        b.object["data"] = ["changed": "yes"]
                        _ = try await writer.resource(ConfigMap.self).update(b)
                        let expected = try await Self.serverState(writer)
                        try await eventually(timeout: .seconds(30), "the cache to catch up") {
                            Self.cacheState(informer) == expected
                        }
                    }
                }
                group.cancelAll()
            }
        }
        let state = journal.state.withLock { $0 }
        #expect(state.repeated.isEmpty, "adds or updates delivered twice: \(state.repeated)")
        #expect(state.deletes == ["a": 1])
        #expect(state.revisions.count == 2 + 12 + 1)
    }
}
