import HollowModel
import Testing

@testable import HollowStore

@Suite struct SQLiteStoreTests {
    @Test func createGetUpdateDeleteAdvanceTheRevision() async throws {
        try await withRunningStore { store, _ in
            let key = podKey("web-1")
            let created = try await store.create(key, pod("web-1", labels: ["app": "web"]))
            #expect(created.revision == 1)
            #expect(created.resourceVersion == "1")
            #expect(created.index.labels == ["app": "web"])
            #expect(store.currentRevision == 1)

            let read = try #require(try await store.get(key))
            #expect(read.revision == 1)
            #expect(read.data == created.data)

            let updated = try await store.update(key, pod("web-1", node: "node-a"), expectedRevision: 1)
            #expect(updated.revision == 2)
            #expect(updated.resourceVersion == "2")
            #expect(try await store.get(key)?.index.fields["spec.nodeName"] == "node-a")

            let deleted = try await store.delete(key, expectedRevision: nil)
            #expect(deleted.revision == 3)
            #expect(deleted.resourceVersion == "3")
            #expect(try deleted.decode()[path: ["spec", "nodeName"]] == "node-a")
            #expect(try await store.get(key) == nil)
            #expect(store.currentRevision == 3)
        }
    }

    @Test func refusedWritesReportWhyAndUseNoRevision() async throws {
        try await withRunningStore { store, _ in
            let key = podKey("web-1")
            let missing = podKey("missing")
            _ = try await store.create(key, pod("web-1"))

            await #expect(throws: StorageError(.alreadyExists, key: key)) {
                try await store.create(key, pod("web-1"))
            }
            await #expect(throws: StorageError(.notFound, key: missing)) {
                try await store.update(missing, pod("missing"), expectedRevision: nil)
            }
            await #expect(throws: StorageError(.notFound, key: missing)) {
                try await store.delete(missing, expectedRevision: nil)
            }
            await #expect(throws: StorageError(.conflict(current: 1), key: key)) {
                try await store.update(key, pod("web-1"), expectedRevision: 7)
            }
            await #expect(throws: StorageError(.conflict(current: 1), key: key)) {
                try await store.delete(key, expectedRevision: 7)
            }
            #expect(store.currentRevision == 1)
            #expect(try await store.create(podKey("web-2"), pod("web-2")).revision == 2)
        }
    }

    @Test func metadataIsCreatedWhenAbsentAndNonObjectsAreRefused() async throws {
        try await withRunningStore { store, _ in
            let bare = try await store.create(podKey("bare"), ObjectWrite(object: ["kind": "Pod"], index: .init()))
            #expect(try bare.decode() == ["kind": "Pod", "metadata": ["resourceVersion": "1"]])

            let key = podKey("array")
            await #expect(throws: StorageError.self) {
                try await store.create(key, ObjectWrite(object: [1, 2], index: .init()))
            }
            #expect(store.currentRevision == 1)
        }
    }

    @Test func reopeningKeepsObjectsIndexesAndTheRevision() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/hollow.db"
            let first = try await SQLiteStore.open(path: path)
            try await whileRunning(first) {
                _ = try await first.create(podKey("a"), pod("a", labels: ["app": "web"], node: "n1"))
                _ = try await first.create(podKey("b"), pod("b"))
                _ = try await first.create(StorageKey(resource: machines, namespace: "m", name: "c"), pod("c"))
                _ = try await first.delete(podKey("b"), expectedRevision: nil)
            }

            let second = try await SQLiteStore.open(path: path)
            // The deletion (revision 4) left no row: the revision must come from meta, not from the rows.
            #expect(second.currentRevision == 4)
            try await whileRunning(second) {
                let a = try #require(try await second.get(podKey("a")))
                #expect(a.revision == 1)
                #expect(a.index == ObjectIndex(labels: ["app": "web"], fields: ["spec.nodeName": "n1"]))
                #expect(try await second.get(podKey("b")) == nil)
                #expect(try await second.get(StorageKey(resource: machines, namespace: "m", name: "c"))?.revision == 3)
                #expect(try await second.create(podKey("d"), pod("d")).revision == 5)
            }
        }
    }

    @Test func anAcknowledgedWriteIsInTheFileForAnIndependentConnection() async throws {
        try await withRunningStore { store, path in
            let created = try await store.create(podKey("durable"), pod("durable", labels: ["app": "db"]))
            // A second store opens its own SQLite connection and loads from the file, not from the first's memory.
            let reader = try await SQLiteStore.open(path: path)
            let seen = try await reader.get(podKey("durable"))
            #expect(seen?.data == created.data)
            #expect(seen?.index == created.index)
            #expect(reader.currentRevision == created.revision)
            await reader.close()
        }
    }

    @Test func concurrentCreatesAllSucceedWithDistinctRevisions() async throws {
        try await withRunningStore { store, _ in
            let revisions = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for task in 0..<16 {
                    group.addTask {
                        var revisions: [Int64] = []
                        for index in 0..<25 {
                            let name = "pod-\(task)-\(index)"
                            revisions.append(try await store.create(podKey(name), pod(name)).revision)
                        }
                        return revisions
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            #expect(revisions.sorted() == Array(1...400))
            #expect(store.currentRevision == 400)
            #expect(try await store.list(ObjectFilter(resource: pods), limit: nil, continueAfter: nil).items.count == 400)
        }
    }

    @Test func writesMadeBeforeRunWaitAndAreBatchedTogether() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await SQLiteStore.open(path: directory + "/hollow.db")
            try await withThrowingTaskGroup(of: Int64.self) { writers in
                for name in ["a", "b", "c"] {
                    writers.addTask { try await store.create(podKey(name), pod(name)).revision }
                }
                #expect(await eventually { store.writes.pendingCount == 3 })
                #expect(store.currentRevision == 0)
                try await whileRunning(store) {
                    let revisions = try await writers.reduce(into: []) { $0.append($1) }
                    #expect(revisions.sorted() == [1, 2, 3])
                }
            }
        }
    }

    @Test func aFailedCommitFailsTheWholeBatchAndChangesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await SQLiteStore.open(path: directory + "/hollow.db")
            try await store.execute(
                "CREATE TRIGGER poison BEFORE INSERT ON objects WHEN NEW.name = 'poison' "
                    + "BEGIN SELECT RAISE(ABORT, 'poisoned'); END")
            let watch = try store.watch(ObjectFilter(resource: pods), after: 0)
            try await withThrowingTaskGroup(of: Result<StoredObject, StorageError>.self) { writers in
                for name in ["innocent", "poison"] {
                    writers.addTask {
                        do throws(StorageError) {
                            return .success(try await store.create(podKey(name), pod(name)))
                        } catch {
                            return .failure(error)
                        }
                    }
                }
                // Both are queued before the writer starts, so they share one batch and one transaction.
                #expect(await eventually { store.writes.pendingCount == 2 })
                try await whileRunning(store) {
                    for try await outcome in writers {
                        guard case .failure(let error) = outcome, case .backend = error.code else {
                            Issue.record("expected a backend failure, got \(outcome)")
                            continue
                        }
                    }
                    #expect(store.currentRevision == 0)
                    #expect(try await store.get(podKey("innocent")) == nil)
                    let next = try await store.create(podKey("next"), pod("next"))
                    #expect(next.revision == 1)
                    let events = try await collectEvents(watch, through: 1)
                    #expect(events.map(\.object.key.name) == ["next"])
                }
            }
        }
    }

    @Test func aClosedStoreRefusesWritesAndReads() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await SQLiteStore.open(path: directory + "/hollow.db")
            try await whileRunning(store) {
                _ = try await store.create(podKey("a"), pod("a"))
            }
            await #expect(throws: StorageError.self) { try await store.create(podKey("b"), pod("b")) }
            await #expect(throws: StorageError.self) { try await store.get(podKey("a")) }
            #expect(throws: StorageError.self) { try store.watch(ObjectFilter(resource: pods), after: nil) }
            await #expect(throws: StorageError.self) { try await store.run() }
        }
    }

    @Test(arguments: [
        SQLiteStore.Configuration(watchCacheCapacity: 0), SQLiteStore.Configuration(watcherBufferSize: 0),
        SQLiteStore.Configuration(progressInterval: .zero), SQLiteStore.Configuration(maxBatchSize: 0),
    ])
    func unworkableConfigurationsAreRefused(configuration: SQLiteStore.Configuration) async throws {
        try await withTemporaryDirectory { directory in
            await #expect(throws: StorageError.self) {
                try await SQLiteStore.open(path: directory + "/hollow.db", configuration: configuration)
            }
        }
    }

    @Test func aNewerSchemaIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/hollow.db"
            let store = try await SQLiteStore.open(path: path)
            try await store.execute("UPDATE meta SET value = 99 WHERE key = 'schema_version'")
            await store.close()
            await #expect(throws: StorageError(.backend("the database has schema version 99; this build reads up to 1"))) {
                try await SQLiteStore.open(path: path)
            }
        }
    }

    @Test func gracefulStopCommitsQueuedWritesBeforeClosing() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/hollow.db"
            let store = try await SQLiteStore.open(path: path)
            var acknowledged: [String] = []
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await store.run() }
                #expect(await eventually { store.writes.phase == .running })
                acknowledged = await withTaskGroup(of: String?.self) { writers in
                    for index in 0..<50 {
                        writers.addTask { try? await store.create(podKey("p\(index)"), pod("p\(index)")).key.name }
                    }
                    await store.close()
                    return await writers.reduce(into: []) { if let name = $1 { $0.append(name) } }
                }
                try await group.waitForAll()
            }
            let reopened = try await SQLiteStore.open(path: path)
            let names = try await reopened.list(ObjectFilter(resource: pods), limit: nil, continueAfter: nil).items
                .map(\.key.name)
            #expect(Set(names) == Set(acknowledged))
            #expect(reopened.currentRevision == Int64(acknowledged.count))
            await reopened.close()
        }
    }
}
