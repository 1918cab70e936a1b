import HollowModel
import Testing

@testable import HollowStore

@Suite(.timeLimit(.minutes(3))) struct WatchTests {
    @Test func aWatchFromARevisionReplaysTheMissedEventsThenLiveOnes() async throws {
        try await withRunningStore { store, _ in
            _ = try await store.create(podKey("a"), pod("a"))  // 1
            _ = try await store.create(podKey("b"), pod("b"))  // 2
            _ = try await store.update(podKey("a"), pod("a", node: "n1"), expectedRevision: 1)  // 3
            _ = try await store.create(StorageKey(resource: machines, namespace: "", name: "m"), pod("m"))  // 4

            let stream = try store.watch(ObjectFilter(resource: pods), after: 1)
            _ = try await store.create(podKey("c"), pod("c"))  // 5
            _ = try await store.delete(podKey("b"), expectedRevision: nil)  // 6

            let events = try await collectEvents(stream, through: 6)
            #expect(events.map(\.type) == [.added, .modified, .added, .deleted])
            #expect(events.map(\.object.key.name) == ["b", "a", "c", "b"])
            #expect(events.map(\.object.revision) == [2, 3, 5, 6])
            #expect(events.map(\.object.resourceVersion) == ["2", "3", "5", "6"])
        }
    }

    @Test func replayAndLiveEventsJoinWithoutGapsOrDuplicatesUnderConcurrentWrites() async throws {
        try await withRunningStore { store, _ in
            for index in 0..<20 { _ = try await store.create(podKey("p\(index)"), pod("p\(index)")) }
            async let writes: Void = {
                for round in 0..<10 {
                    for index in 0..<20 {
                        _ = try await store.update(podKey("p\(index)"), pod("p\(index)", node: "n\(round)"), expectedRevision: nil)
                    }
                }
            }()
            // Start watches while the writer runs: each must see every revision after its start exactly once.
            var streams: [(Int64, AsyncThrowingStream<WatchItem, any Error>)] = []
            for start in stride(from: Int64(5), through: 150, by: 29) {
                _ = await eventually { store.currentRevision >= start }
                streams.append((start, try store.watch(ObjectFilter(resource: pods), after: start)))
            }
            try await writes
            let final = store.currentRevision
            #expect(final == 220)
            for (start, stream) in streams {
                let revisions = try await collectEvents(stream, through: final).map(\.object.revision)
                #expect(revisions == Array((start + 1)...final))
            }
        }
    }

    @Test func aWatchWithoutRevisionStartsWithTheCurrentObjects() async throws {
        try await withRunningStore { store, _ in
            _ = try await store.create(podKey("b"), pod("b"))
            _ = try await store.create(podKey("a"), pod("a"))
            _ = try await store.create(podKey("z", namespace: "other"), pod("z", namespace: "other"))
            _ = try await store.update(podKey("b"), pod("b", node: "n"), expectedRevision: nil)

            let stream = try store.watch(ObjectFilter(resource: pods, namespace: "default"), after: nil)
            _ = try await store.create(podKey("c"), pod("c"))
            let items = try await collect(stream) { $0.event?.object.key.name == "c" }
            guard items.count == 4, case .initialEventsEnd(let revision) = items[2] else {
                Issue.record("unexpected items \(items)")
                return
            }
            #expect(revision == 4)
            #expect(items[0].event?.type == .added)
            #expect(items[0].event?.object.key.name == "a")
            #expect(items[1].event?.object.key.name == "b")
            #expect(items[1].event?.object.revision == 4)
            #expect(items[3].event?.type == .added)
            #expect(items[3].event?.object.revision == 5)
        }
    }

    @Test func initialEventsAndLiveEventsRebuildTheFinalStateUnderConcurrentWrites() async throws {
        try await withRunningStore { store, _ in
            async let writes: Void = {
                for round in 0..<15 {
                    for index in 0..<20 {
                        let key = podKey("p\(index)")
                        if (round + index).isMultiple(of: 3) {
                            _ = try? await store.delete(key, expectedRevision: nil)
                        } else if try await store.get(key) == nil {
                            _ = try await store.create(key, pod("p\(index)"))
                        } else {
                            _ = try await store.update(key, pod("p\(index)", node: "n\(round)"), expectedRevision: nil)
                        }
                    }
                }
            }()
            _ = await eventually { store.currentRevision >= 40 }
            let stream = try store.watch(ObjectFilter(resource: pods), after: nil)
            try await writes
            let final = store.currentRevision

            var state: [String: Int64] = [:]
            var initialEnd: Int64?
            var lastRevision: Int64 = 0
            for try await item in stream {
                switch item {
                case .event(let type, let object):
                    if initialEnd != nil {
                        #expect(object.revision > lastRevision)
                        lastRevision = object.revision
                    }
                    if type == .deleted { state[object.key.name] = nil } else { state[object.key.name] = object.revision }
                case .initialEventsEnd(let revision):
                    initialEnd = revision
                    lastRevision = revision
                case .progress: break
                }
                if initialEnd != nil, lastRevision >= final { break }
            }
            #expect(initialEnd != nil)
            let listed = try await store.list(ObjectFilter(resource: pods), limit: nil, continueAfter: nil).items
            #expect(state == Dictionary(uniqueKeysWithValues: listed.map { ($0.key.name, $0.revision) }))
        }
    }

    @Test func aRevisionOlderThanTheRetainedHistoryExpires() async throws {
        try await withRunningStore(configuration: .init(watchCacheCapacity: 5, progressInterval: .seconds(3600))) { store, _ in
            for index in 0..<10 { _ = try await store.create(podKey("p\(index)"), pod("p\(index)")) }
            #expect(throws: StorageError(.expired(requested: 4, oldest: 5))) {
                try store.watch(ObjectFilter(resource: pods), after: 4)
            }
            let stream = try store.watch(ObjectFilter(resource: pods), after: 5)
            #expect(try await collectEvents(stream, through: 10).map(\.object.revision) == [6, 7, 8, 9, 10])
            // Another resource has its own history: nothing of it was evicted yet.
            _ = try store.watch(ObjectFilter(resource: machines), after: 0)
        }
    }

    @Test func historyBeforeAStartIsGone() async throws {
        try await withTemporaryDirectory { directory in
            let path = directory + "/hollow.db"
            let first = try await SQLiteStore.open(path: path)
            try await whileRunning(first) {
                for index in 0..<3 { _ = try await first.create(podKey("p\(index)"), pod("p\(index)")) }
            }
            let second = try await SQLiteStore.open(path: path)
            try await whileRunning(second) {
                #expect(throws: StorageError(.expired(requested: 2, oldest: 3))) {
                    try second.watch(ObjectFilter(resource: pods), after: 2)
                }
                let stream = try second.watch(ObjectFilter(resource: pods), after: 3)
                _ = try await second.create(podKey("p3"), pod("p3"))
                #expect(try await collectEvents(stream, through: 4).map(\.object.revision) == [4])
            }
        }
    }

    @Test func aWatcherThatDoesNotReadIsEndedWithExpiredWhenItsBufferOverflows() async throws {
        try await withRunningStore(configuration: .init(watcherBufferSize: 3, progressInterval: .seconds(3600))) { store, _ in
            let stream = try store.watch(ObjectFilter(resource: pods), after: 0)
            for index in 0..<6 { _ = try await store.create(podKey("p\(index)"), pod("p\(index)")) }
            var revisions: [Int64] = []
            do {
                for try await item in stream { revisions.append(try #require(item.event).object.revision) }
                Issue.record("the stream ended without an error")
            } catch let error as StorageError {
                #expect(error.code == .expired(requested: 3, oldest: 4))
            }
            #expect(revisions == [1, 2, 3])
            #expect(await eventually { store.cache.watcherCount == 0 })
        }
    }

    @Test func selectorTransitionsBecomeAddedAndDeleted() async throws {
        try await withRunningStore { store, _ in
            let web = ObjectFilter(resource: pods) { _, index in index.labels["app"] == "web" }
            let stream = try store.watch(web, after: 0)
            let key = podKey("x")
            _ = try await store.create(key, pod("x", labels: ["app": "web"]))  // 1 added
            _ = try await store.update(key, pod("x", labels: ["app": "web"], node: "n1"), expectedRevision: nil)  // 2 modified
            _ = try await store.create(podKey("y"), pod("y", labels: ["app": "db"]))  // 3 not seen
            _ = try await store.update(key, pod("x", labels: ["app": "db"]), expectedRevision: nil)  // 4 deleted
            _ = try await store.update(key, pod("x", labels: ["app": "db"], node: "n2"), expectedRevision: nil)  // 5 not seen
            _ = try await store.update(key, pod("x", labels: ["app": "web"]), expectedRevision: nil)  // 6 added
            _ = try await store.delete(podKey("y"), expectedRevision: nil)  // 7 not seen
            _ = try await store.delete(key, expectedRevision: nil)  // 8 deleted

            let events = try await collectEvents(stream, through: 8)
            #expect(events.map(\.type) == [.added, .modified, .deleted, .added, .deleted])
            #expect(events.map(\.object.revision) == [1, 2, 4, 6, 8])
            // Leaving the selector reports the last matching content, at the revision of the change.
            let left = events[2].object
            #expect(left.resourceVersion == "4")
            #expect(left.index.labels == ["app": "web"])
            #expect(try left.decode()[path: ["spec", "nodeName"]] == "n1")
            #expect(events[4].object.resourceVersion == "8")
        }
    }

    @Test func progressNotificationsArriveInOrderWithEvents() async throws {
        try await withRunningStore(configuration: .init(progressInterval: .seconds(3600))) { store, _ in
            let stream = try store.watch(ObjectFilter(resource: pods), after: 0)
            _ = try await store.create(podKey("a"), pod("a"))
            store.requestProgress()
            _ = try await store.create(podKey("b"), pod("b"))
            let items = try await collect(stream) { $0.event?.object.revision == 2 }
            guard items.count == 3, case .progress(let revision) = items[1] else {
                Issue.record("unexpected items \(items)")
                return
            }
            #expect(revision == 1)
        }
    }

    @Test func progressNotificationsAreSentPeriodically() async throws {
        try await withRunningStore(configuration: .init(progressInterval: .milliseconds(20))) { store, _ in
            _ = try await store.create(podKey("a"), pod("a"))
            let stream = try store.watch(ObjectFilter(resource: machines), after: 1)
            let items = try await collect(stream) { if case .progress = $0 { true } else { false } }
            guard case .progress(let revision) = items.last else {
                Issue.record("no progress notification: \(items)")
                return
            }
            #expect(revision == 1)
        }
    }

    @Test func cancellingTheConsumerUnregistersTheWatcher() async throws {
        try await withRunningStore { store, _ in
            let stream = try store.watch(ObjectFilter(resource: pods), after: nil)
            #expect(store.cache.watcherCount == 1)
            let consumer = Task { for try await _ in stream {} }
            consumer.cancel()
            _ = await consumer.result
            #expect(await eventually { store.cache.watcherCount == 0 })
        }
    }

    @Test func closingTheStoreEndsWatchStreams() async throws {
        try await withTemporaryDirectory { directory in
            let store = try await SQLiteStore.open(
                path: directory + "/hollow.db", configuration: .init(progressInterval: .seconds(3600)))
            let stream = try store.watch(ObjectFilter(resource: pods), after: nil)
            try await whileRunning(store) {
                _ = try await store.create(podKey("a"), pod("a"))
            }
            let items = try await collect(stream) { _ in false }
            #expect(items.count == 2)  // initialEventsEnd, added a; then the stream finished without error.
        }
    }
}

@Suite struct WatchTranslationTests {
    func object(_ name: String, revision: Int64, app: String) -> StoredObject {
        StoredObject(
            key: podKey(name), revision: revision,
            data: Array(#"{"metadata":{"name":"\#(name)","resourceVersion":"\#(revision)"}}"#.utf8),
            index: ObjectIndex(labels: ["app": app]))
    }

    let web = ObjectFilter(resource: pods) { _, index in index.labels["app"] == "web" }

    @Test func changesAreTranslatedForTheWatchersFilter() throws {
        let create = Change(type: .added, object: object("x", revision: 1, app: "web"), previous: nil)
        #expect(WatchCache.translate(create, for: web)?.event?.type == .added)

        let stays = Change(type: .modified, object: object("x", revision: 2, app: "web"), previous: create.object)
        #expect(WatchCache.translate(stays, for: web)?.event?.type == .modified)

        let leaves = Change(type: .modified, object: object("x", revision: 3, app: "db"), previous: stays.object)
        let left = try #require(WatchCache.translate(leaves, for: web)?.event)
        #expect(left.type == .deleted)
        #expect(left.object.revision == 3)
        #expect(left.object.index.labels == ["app": "web"])
        #expect(left.object.resourceVersion == "3")

        let elsewhere = Change(type: .modified, object: object("x", revision: 4, app: "db"), previous: leaves.object)
        #expect(WatchCache.translate(elsewhere, for: web) == nil)

        let returns = Change(type: .modified, object: object("x", revision: 5, app: "web"), previous: elsewhere.object)
        #expect(WatchCache.translate(returns, for: web)?.event?.type == .added)

        let deleted = Change(type: .deleted, object: object("x", revision: 6, app: "web"), previous: returns.object)
        #expect(WatchCache.translate(deleted, for: web)?.event?.type == .deleted)
        let deletedElsewhere = Change(type: .deleted, object: object("y", revision: 7, app: "db"), previous: object("y", revision: 1, app: "db"))
        #expect(WatchCache.translate(deletedElsewhere, for: web) == nil)

        let otherNamespace = ObjectFilter(resource: pods, namespace: "kube-system")
        #expect(WatchCache.translate(create, for: otherNamespace) == nil)
    }
}

@Suite struct WritePlannerTests {
    @Test func aBatchIsCheckedInOrderAgainstItsOwnEarlierWrites() throws {
        let a = podKey("a")
        let existing = StoredObject(key: podKey("old"), revision: 7, data: Array(#"{"metadata":{}}"#.utf8), index: .init())
        let plan = WritePlanner.plan(
            [
                (a, .create(pod("a"))),  // 11
                (a, .create(pod("a"))),  // alreadyExists
                (a, .update(pod("a", node: "n"), expectedRevision: 11)),  // 12
                (a, .delete(expectedRevision: 11)),  // conflict(12)
                (a, .delete(expectedRevision: 12)),  // 13
                (a, .update(pod("a"), expectedRevision: nil)),  // notFound
                (a, .create(pod("a", labels: ["v": "2"]))),  // 14
                (podKey("old"), .delete(expectedRevision: 7)),  // 15
            ], baseRevision: 10, committed: [podKey("old"): existing])

        #expect(plan.revision == 15)
        #expect(plan.changes.map(\.revision) == [11, 12, 13, 14, 15])
        #expect(plan.changes.map(\.type) == [.added, .modified, .deleted, .added, .deleted])
        let failures = plan.outcomes.compactMap { outcome -> StorageError? in
            if case .failure(let error) = outcome { error } else { nil }
        }
        #expect(failures == [
            StorageError(.alreadyExists, key: a), StorageError(.conflict(current: 12), key: a),
            StorageError(.notFound, key: a),
        ])
        let rows = plan.finalRows()
        #expect(rows.upserts.map(\.revision) == [14])
        #expect(rows.upserts.first?.index.labels == ["v": "2"])
        #expect(rows.deletes == [podKey("old")])
        #expect(plan.changes[4].object.resourceVersion == "15")
    }
}
