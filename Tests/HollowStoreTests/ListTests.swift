import HollowModel
import Testing

@testable import HollowStore

@Suite struct ListTests {
    /// 8 pods in each of namespaces a, b and c: a/p0 … c/p7; every other one labelled app=web.
    func populate(_ store: SQLiteStore) async throws {
        for namespace in ["c", "a", "b"] {
            for index in (0..<8).reversed() {
                let labels = index.isMultiple(of: 2) ? ["app": "web"] : ["app": "db"]
                _ = try await store.create(
                    podKey("p\(index)", namespace: namespace), pod("p\(index)", namespace: namespace, labels: labels))
            }
        }
    }

    @Test func pagesFollowKeyOrderAndReportWhatRemains() async throws {
        try await withRunningStore { store, _ in
            try await populate(store)
            let everything = ObjectFilter(resource: pods)

            let first = try await store.list(everything, limit: 10, continueAfter: nil)
            #expect(first.items.count == 10)
            #expect(first.revision == 24)
            #expect(first.remainingItemCount == 14)
            let firstKey = try #require(first.continueKey)
            #expect(firstKey == ContinueKey(revision: 24, namespace: "b", name: "p1"))

            // A write between pages shows in later pages, which keep the first page's revision.
            _ = try await store.create(podKey("p9", namespace: "c"), pod("p9", namespace: "c"))
            let second = try await store.list(everything, limit: 10, continueAfter: firstKey)
            #expect(second.revision == 24)
            #expect(second.remainingItemCount == 5)
            let secondKey = try #require(second.continueKey)
            let third = try await store.list(everything, limit: 10, continueAfter: secondKey)
            #expect(third.items.count == 5)
            #expect(third.continueKey == nil)
            #expect(third.remainingItemCount == nil)

            let names = (first.items + second.items + third.items).map { "\($0.key.namespace)/\($0.key.name)" }
            let expected = ["a", "b", "c"].flatMap { namespace in (0..<8).map { "\(namespace)/p\($0)" } } + ["c/p9"]
            #expect(names == expected)
        }
    }

    @Test func anUnlimitedListReturnsEverythingWithoutAContinueKey() async throws {
        try await withRunningStore { store, _ in
            try await populate(store)
            for limit in [nil, 0] as [Int?] {
                let page = try await store.list(ObjectFilter(resource: pods), limit: limit, continueAfter: nil)
                #expect(page.items.count == 24)
                #expect(page.continueKey == nil)
                #expect(page.remainingItemCount == nil)
            }
            let exact = try await store.list(ObjectFilter(resource: pods), limit: 24, continueAfter: nil)
            #expect(exact.continueKey == nil)
        }
    }

    @Test func aNamespaceFilterPagesWithinTheNamespace() async throws {
        try await withRunningStore { store, _ in
            try await populate(store)
            let inB = ObjectFilter(resource: pods, namespace: "b")
            let first = try await store.list(inB, limit: 5, continueAfter: nil)
            #expect(first.items.map(\.key.name) == ["p0", "p1", "p2", "p3", "p4"])
            #expect(first.items.allSatisfy { $0.key.namespace == "b" })
            #expect(first.remainingItemCount == 3)
            let second = try await store.list(inB, limit: 5, continueAfter: first.continueKey)
            #expect(second.items.map(\.key.name) == ["p5", "p6", "p7"])
            #expect(second.continueKey == nil)

            let empty = try await store.list(ObjectFilter(resource: pods, namespace: "bb"), limit: nil, continueAfter: nil)
            #expect(empty.items.isEmpty)
        }
    }

    @Test func aPredicateFiltersAndContinuesOnlyWhenMoreMatchesFollow() async throws {
        try await withRunningStore { store, _ in
            try await populate(store)
            let web = ObjectFilter(resource: pods) { _, index in index.labels["app"] == "web" }
            #expect(!web.isEverything)

            let all = try await store.list(web, limit: nil, continueAfter: nil)
            #expect(all.items.count == 12)
            #expect(all.items.allSatisfy { $0.index.labels["app"] == "web" })

            let first = try await store.list(web, limit: 11, continueAfter: nil)
            #expect(first.items.count == 11)
            #expect(first.remainingItemCount == nil)
            let firstKey = try #require(first.continueKey)
            let second = try await store.list(web, limit: 11, continueAfter: firstKey)
            #expect(second.items.map { "\($0.key.namespace)/\($0.key.name)" } == ["c/p6"])
            #expect(second.continueKey == nil)

            // c/p6 is the last web pod; c/p7 (db) follows but does not match, so no continue key.
            let upToLast = try await store.list(web, limit: 12, continueAfter: nil)
            #expect(upToLast.continueKey == nil)

            let onNode = ObjectFilter(resource: pods, namespace: "a") { key, _ in key.name == "p3" }
            #expect(try await store.list(onNode, limit: nil, continueAfter: nil).items.map(\.key.name) == ["p3"])
        }
    }

    @Test func resourcesAreListedSeparately() async throws {
        try await withRunningStore { store, _ in
            _ = try await store.create(podKey("x"), pod("x"))
            _ = try await store.create(StorageKey(resource: machines, namespace: "default", name: "x"), pod("x"))
            let page = try await store.list(ObjectFilter(resource: machines), limit: nil, continueAfter: nil)
            #expect(page.items.map(\.key.resource) == [machines])
            let none = try await store.list(
                ObjectFilter(resource: GroupResource(group: "", resource: "nodes")), limit: 10, continueAfter: nil)
            #expect(none.items.isEmpty)
            #expect(none.revision == 2)
        }
    }
}

@Suite struct SortedKeysTests {
    @Test func staysSortedThroughInsertsAndRemovesAcrossChunkSplits() {
        var generator = SystemRandomNumberGenerator()
        var keys = SortedKeys()
        var reference = Set<ObjectName>()
        for step in 0..<6_000 {
            let name = ObjectName(namespace: "ns\(Int.random(in: 0..<5, using: &generator))",
                                  name: "n\(Int.random(in: 0..<1_500, using: &generator))")
            if step % 3 == 2 {
                let removed = keys.remove(name)
                #expect(removed == (reference.remove(name) != nil))
            } else {
                let added = keys.upsert(name)
                #expect(added == reference.insert(name).inserted)
            }
        }
        #expect(keys.count == reference.count)
        #expect(keys.chunks.flatMap { $0 } == reference.sorted())
        #expect(keys.chunks.count > 1)
        #expect(keys.chunks.allSatisfy { !$0.isEmpty && $0.count <= SortedKeys.maximumChunkCount })

        let bulk = SortedKeys(reference.shuffled() + reference.shuffled())
        #expect(bulk.chunks.flatMap { $0 } == reference.sorted())
    }

    @Test func objectsAreReplacedByNameKeepingTheLatest() {
        func object(_ name: String, _ revision: Int64) -> StoredObject {
            StoredObject(key: podKey(name), revision: revision, data: [], index: .init())
        }
        var chunks = SortedChunks([object("b", 1), object("a", 2), object("b", 3)])
        #expect(chunks.chunks.flatMap { $0 }.map { "\($0.key.name)@\($0.revision)" } == ["a@2", "b@3"])
        let replacedAdded = chunks.upsert(object("a", 4))
        let newAdded = chunks.upsert(object("c", 5))
        #expect(!replacedAdded)
        #expect(newAdded)
        #expect(chunks.chunks.flatMap { $0 }.map { "\($0.key.name)@\($0.revision)" } == ["a@4", "b@3", "c@5"])
        #expect(chunks.count == 3)
    }

    @Test func partitionPointAndRankAgreeWithTheSortedOrder() {
        let names = (0..<2_000).map { ObjectName(namespace: "ns\($0 % 7)", name: "n\($0)") }
        let keys = SortedKeys(names)
        let sorted = names.sorted()
        for probe in [sorted[0], sorted[999], sorted[1_999], ObjectName(namespace: "ns3", name: "")] {
            let position = keys.partitionPoint { $0 > probe }
            let expected = sorted.firstIndex { $0 > probe } ?? sorted.count
            #expect(keys.rank(of: position) == expected)
            if expected < sorted.count { #expect(keys[position] == sorted[expected]) }
        }
        let namespaceEnd = keys.partitionPoint { $0.namespace > "ns6" }
        #expect(namespaceEnd == keys.endPosition)
        #expect(keys.rank(of: keys.endPosition) == 2_000)
    }
}
