import HollowClient
import HollowModel
import HollowRuntime
import Logging
import Synchronization
import Testing

/// What a handler saw, reduced to keys and resource versions.
enum Seen: Sendable, Hashable, CustomStringConvertible {
    case added(String, rv: String)
    case updated(String, from: String, to: String)
    case deleted(String, rv: String)

    init(_ event: InformerEvent<Pod>) {
        switch event {
        case .added(let pod): self = .added(pod.name, rv: pod.resourceVersion)
        case .updated(let old, let new): self = .updated(new.name, from: old.resourceVersion, to: new.resourceVersion)
        case .deleted(let pod): self = .deleted(pod.name, rv: pod.resourceVersion)
        }
    }

    var description: String {
        switch self {
        case .added(let name, let rv): "+\(name)@\(rv)"
        case .updated(let name, let from, let to): "~\(name)@\(from)→\(to)"
        case .deleted(let name, let rv): "-\(name)@\(rv)"
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct InformerTests {
    /// Runs an informer over a test-driven stream with one recording handler.
    func withInformer(
        _ body: (Informer<Pod>, UpdateSource<Pod>.Continuation, inout AsyncStream<Seen>.Iterator) async throws -> Void
    ) async throws {
        let source = UpdateSource<Pod>()
        let informer = Informer<Pod>(name: "pods", clock: ManualClock(), logger: .quiet, updates: source.updates)
        let seen = Probe<Seen>()
        var events = seen.events()
        informer.addEventHandler(EventHandler { seen.yield(Seen($0)) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await informer.run() }
            var streams = source.streams()
            let stream = await streams.next()!
            try await body(informer, stream, &events)
            group.cancelAll()
        }
    }

    @Test func aReplaceIsDiffedIntoAddsUpdatesAndDeletes() async throws {
        try await withInformer { informer, stream, events in
            #expect(!informer.hasSynced)
            stream.yield(
                .replace(
                    [pod("a", resourceVersion: "1"), pod("b", resourceVersion: "2"), pod("c", resourceVersion: "3")],
                    resourceVersion: "3"))
            try await informer.waitForSync()
            #expect(await events.next(3) == [.added("a", rv: "1"), .added("b", rv: "2"), .added("c", rv: "3")])

            stream.yield(
                .replace(
                    [pod("a", resourceVersion: "1"), pod("b", resourceVersion: "5"), pod("d", resourceVersion: "6")],
                    resourceVersion: "7"))
            #expect(
                await events.next(3) == [
                    .updated("b", from: "2", to: "5"), .added("d", rv: "6"), .deleted("c", rv: "3"),
                ])
            #expect(Set(informer.list().map(\.name)) == ["a", "b", "d"])
            #expect(informer.lastSyncResourceVersion == "7")
        }
    }

    @Test func watchEventsChangeTheCacheAndStaleOrRepeatedOnesAreNotNews() async throws {
        try await withInformer { informer, stream, events in
            stream.yield(.replace([pod("a", resourceVersion: "1")], resourceVersion: "1"))
            stream.yield(.modified(pod("a", resourceVersion: "2")))
            stream.yield(.modified(pod("a", resourceVersion: "2")))  // a repeat: no event
            stream.yield(.added(pod("b", resourceVersion: "3")))
            stream.yield(.deleted(pod("zz", resourceVersion: "4")))  // never seen: no event
            stream.yield(.deleted(pod("a", resourceVersion: "5")))
            stream.yield(.bookmark(resourceVersion: "9"))
            stream.yield(.modified(pod("c", resourceVersion: "10")))  // unknown key: an add
            #expect(
                await events.next(5) == [
                    .added("a", rv: "1"), .updated("a", from: "1", to: "2"), .added("b", rv: "3"),
                    .deleted("a", rv: "5"),
                    .added("c", rv: "10"),
                ])
            #expect(informer.get(namespace: "default", name: "a") == nil)
            #expect(informer.get(namespace: "default", name: "b")?.resourceVersion == "3")
            #expect(informer.lastSyncResourceVersion == "10")
        }
    }

    @Test func indicesAnswerQueriesAndFollowChanges() async throws {
        try await withInformer { informer, stream, events in
            try informer.addIndex("nodeName") { pod in pod.nodeName.map { [$0] } ?? [] }
            #expect(throws: InformerError.self) { try informer.addIndex("nodeName") { _ in [] } }
            stream.yield(
                .replace(
                    [
                        pod("a", resourceVersion: "1", node: "n1"), pod("b", resourceVersion: "1", node: "n2"),
                        pod("c", namespace: "other", resourceVersion: "1", node: "n1"), pod("d", resourceVersion: "1"),
                    ],
                    resourceVersion: "1"))
            _ = await events.next(4)
            #expect(Set(try informer.byIndex("nodeName", "n1").map(\.name)) == ["a", "c"])
            #expect(Set(informer.list(namespace: "default").map(\.name)) == ["a", "b", "d"])
            #expect(informer.list(namespace: "other").map(\.name) == ["c"])
            #expect(throws: InformerError.self) { try informer.byIndex("missing", "x") }

            stream.yield(.modified(pod("a", resourceVersion: "2", node: "n2")))
            stream.yield(.deleted(pod("c", namespace: "other", resourceVersion: "3", node: "n1")))
            _ = await events.next(2)
            #expect(try informer.byIndex("nodeName", "n1").isEmpty)
            #expect(Set(try informer.keys(inIndex: "nodeName", value: "n2").map(\.name)) == ["a", "b"])
            #expect(Set(try informer.indexValues("nodeName")) == ["n2"])
            #expect(informer.list(namespace: "other").isEmpty)

            // An index added later covers what is already cached.
            try informer.addIndex("phase") { [$0.phase] }
            #expect(try informer.byIndex("phase", "Pending").count == 3)
        }
    }

    @Test func handlersGetEventsInOrderAndALateHandlerStartsFromTheCache() async throws {
        try await withInformer { informer, stream, events in
            stream.yield(
                .replace([pod("a", resourceVersion: "1"), pod("b", resourceVersion: "2")], resourceVersion: "2"))
            _ = await events.next(2)

            let late = Probe<Seen>()
            var lateEvents = late.events()
            informer.addEventHandler(EventHandler { late.yield(Seen($0)) })
            stream.yield(.modified(pod("a", resourceVersion: "3")))
            stream.yield(.deleted(pod("b", resourceVersion: "4")))
            let lateSeen = await lateEvents.next(4)
            #expect(Set(lateSeen.prefix(2)) == [.added("a", rv: "1"), .added("b", rv: "2")])
            #expect(Array(lateSeen.dropFirst(2)) == [.updated("a", from: "1", to: "3"), .deleted("b", rv: "4")])
            #expect(await events.next(2) == [.updated("a", from: "1", to: "3"), .deleted("b", rv: "4")])
        }
    }

    @Test func aSlowHandlerFallsBehindWithoutHoldingUpTheInformerOrOthers() async throws {
        try await withInformer { informer, stream, events in
            let gate = Gate()
            let slow = Probe<Seen>()
            var slowEvents = slow.events()
            let registration = informer.addEventHandler(
                EventHandler { event in
                    await gate.wait()
                    slow.yield(Seen(event))
                })
            var expected: [Seen] = []
            stream.yield(.replace([], resourceVersion: "0"))
            for version in 1...50 {
                stream.yield(.modified(pod("p\(version)", resourceVersion: "\(version)")))
                expected.append(.added("p\(version)", rv: "\(version)"))
            }
            #expect(await events.next(50) == expected)
            #expect(informer.count == 50)
            #expect(informer.pendingEvents(registration) >= 49)
            gate.open()
            #expect(await slowEvents.next(50) == expected)
            informer.removeEventHandler(registration)
            #expect(informer.pendingEvents(registration) == 0)
        }
    }

    /// Plays a server whose watch loses a random stretch of events before some relists; the handler's events,
    /// applied in order to a mirror, must reproduce the server's state exactly after every round, with every update
    /// and delete naming the version the mirror holds (nothing duplicated, nothing skipped, nothing stale).
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func relistsAfterLostEventsRestoreTheExactStateWithoutDuplicates(seed: UInt64) async throws {
        var random = SeededRandom(seed: seed)
        try await withInformer { informer, stream, events in
            var server: [String: Int] = [:]
            var revision = 0
            var mirror: [String: String] = [:]
            func serverPods() -> [Pod] { server.map { pod($0.key, resourceVersion: "\($0.value)") } }

            stream.yield(.replace([], resourceVersion: "0"))
            for round in 0..<30 {
                // Every third round the watch "expires": its events are lost and the client relists (410 Gone).
                let lost = round % 3 == 2
                for _ in 0..<Int.random(in: 1...15, using: &random) {
                    revision += 1
                    let name = "p\(Int.random(in: 0..<12, using: &random))"
                    let update: ResourceUpdate<Pod>
                    if server[name] != nil, Bool.random(using: &random) {
                        server[name] = nil
                        update = .deleted(pod(name, resourceVersion: "\(revision)"))
                    } else {
                        update =
                            server[name] == nil
                            ? .added(pod(name, resourceVersion: "\(revision)"))
                            : .modified(pod(name, resourceVersion: "\(revision)"))
                        server[name] = revision
                    }
                    if !lost { stream.yield(update) }
                }
                if lost || Int.random(in: 0..<4, using: &random) == 0 {
                    stream.yield(.replace(serverPods(), resourceVersion: "\(revision)"))
                }
                // A marker change ends the round: every event before it belongs to this round.
                revision += 1
                let marker = pod("marker", resourceVersion: "\(revision)")
                stream.yield(server["marker"] == nil ? .added(marker) : .modified(marker))
                server["marker"] = revision
                while true {
                    guard let event = await events.next() else { return }
                    switch event {
                    case .added(let name, let rv):
                        #expect(mirror[name] == nil, "duplicate add of \(name)")
                        mirror[name] = rv
                    case .updated(let name, let from, let to):
                        #expect(
                            mirror[name] == from, "update of \(name) from \(from), mirror has \(mirror[name] ?? "nil")")
                        #expect(from != to)
                        mirror[name] = to
                    case .deleted(let name, let rv):
                        // A watch's delete carries the deletion's version; a relist's, the last one known.
                        let known = mirror[name].flatMap { Int($0) }
                        #expect(
                            known != nil && known! <= Int(rv)!,
                            "delete of \(name)@\(rv), mirror has \(known.map { "\($0)" } ?? "nil")")
                        mirror[name] = nil
                    }
                    if mirror["marker"] == "\(revision)" { break }
                }
                #expect(mirror == server.mapValues { "\($0)" }, "round \(round)")
            }
            #expect(informer.count == server.count)
        }
    }

    @Test func aFailedStreamIsStartedAgainAfterABackoffAndRelisted() async throws {
        let clock = ManualClock()
        let source = UpdateSource<Pod>()
        let informer = Informer<Pod>(name: "pods", clock: clock, logger: .quiet, updates: source.updates)
        let seen = Probe<Seen>()
        var events = seen.events()
        informer.addEventHandler(EventHandler { seen.yield(Seen($0)) })
        struct ConnectionReset: Error {}
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await informer.run() }
            var streams = source.streams()
            let first = await streams.next()!
            first.yield(
                .replace([pod("a", resourceVersion: "1"), pod("b", resourceVersion: "1")], resourceVersion: "1"))
            _ = await events.next(2)
            first.finish(throwing: ConnectionReset())
            try await clock.waitForSleepers(count: 1)
            #expect(source.callCount == 1)
            clock.advance(by: .milliseconds(800))
            let second = await streams.next()!
            #expect(source.callCount == 2)
            second.yield(
                .replace([pod("a", resourceVersion: "2"), pod("c", resourceVersion: "3")], resourceVersion: "3"))
            #expect(
                await events.next(3) == [
                    .updated("a", from: "1", to: "2"), .added("c", rv: "3"), .deleted("b", rv: "1"),
                ])
            #expect(informer.hasSynced)
            group.cancelAll()
        }
    }

    @Test func aFactorySharesOneInformerPerResourceNamespaceAndSelector() async throws {
        let client = CountingListWatcher()
        let factory = SharedInformerFactory(client: client, clock: ManualClock(), logger: .quiet)
        let pods = factory.informer(Pod.self, namespace: "ns")
        #expect(pods === factory.informer(Pod.self, namespace: "ns"))
        #expect(pods !== factory.informer(Pod.self))
        let selected = factory.informer(Pod.self, namespace: "ns", options: ListOptions(labelSelector: "app=x"))
        #expect(selected !== pods)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await factory.run() }
            try await factory.waitForSync()
            // Made while the factory runs: started at once.
            let nodes = factory.informer(Node.self)
            #expect(nodes === factory.informer(Node.self))
            try await nodes.waitForSync()
            group.cancelAll()
        }
        #expect(
            client.requests.withLock { $0.sorted() } == [
                "nodes * ", "pods * ", "pods ns ", "pods ns app=x",
            ])
    }

    @Test func aHundredThousandObjectsRelistAndUpdateInPlace() async throws {
        try await withInformer { informer, stream, events in
            try informer.addIndex("nodeName") { pod in pod.nodeName.map { [$0] } ?? [] }
            let count = 100_000
            let pods = (0..<count).map { pod("p\($0)", resourceVersion: "1", node: "n\($0 % 100)") }
            stream.yield(.replace(pods, resourceVersion: "1"))
            try await informer.waitForSync()
            #expect(informer.count == count)
            #expect(try informer.byIndex("nodeName", "n7").count == count / 100)
            // A relist where one object changed and one vanished costs two events, not a hundred thousand.
            var relisted = pods
            relisted[5] = pod("p5", resourceVersion: "2", node: "n5")
            relisted.removeLast()
            stream.yield(.replace(relisted, resourceVersion: "2"))
            for index in 0..<1000 {
                stream.yield(.modified(pod("p\(index)", resourceVersion: "3", node: "moved")))
            }
            _ = await events.next(count)
            let changes = await events.next(1002)
            #expect(changes.first == .updated("p5", from: "1", to: "2"))
            #expect(changes.dropFirst().first == .deleted("p\(count - 1)", rv: "1"))
            #expect(try informer.byIndex("nodeName", "moved").count == 1000)
            #expect(informer.count == count - 1)
        }
    }
}

/// A small deterministic generator (SplitMix64) for reproducible random scenarios.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
