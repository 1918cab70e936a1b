import HollowModel
import Testing

@testable import HollowControllers

/// client-go's `EventSourceObjectSpamFilter`: 25 Events about one object at once, then one per 5 minutes.
struct EventSpamFilterTests {
    let start = Timestamp(secondsSinceEpoch: 1_700_000_000)

    func at(_ seconds: Int64) -> Timestamp { Timestamp(secondsSinceEpoch: start.secondsSinceEpoch + seconds) }

    /// The filter's answers to `requests` (key, seconds after `start`), in order.
    func answers(_ filter: inout EventSpamFilter, _ requests: [(String, Int64)]) -> [Bool] {
        requests.map { key, seconds in filter.allows(key, now: at(seconds)) }
    }

    @Test func aBurstOf25ThenOneEveryFiveMinutes() {
        var filter = EventSpamFilter()
        let burst = answers(&filter, Array(repeating: ("MachineSet/ns/workers/u1", 0), count: 40))
        #expect(burst == Array(repeating: true, count: 25) + Array(repeating: false, count: 15))
        // Refilled by one token after 300 s, not before.
        let later = answers(&filter, [("MachineSet/ns/workers/u1", 299), ("MachineSet/ns/workers/u1", 300), ("MachineSet/ns/workers/u1", 301)])
        #expect(later == [false, true, false])
    }

    @Test func eachObjectHasItsOwnBucket() {
        var filter = EventSpamFilter(burst: 2)
        #expect(answers(&filter, [("a", 0), ("a", 0), ("a", 0), ("b", 0)]) == [true, true, false, true])
    }

    @Test func overCapacityTheMostRecentlyUsedObjectsStayLimited() {
        var filter = EventSpamFilter(burst: 1, refillInterval: .seconds(300), capacity: 4)
        _ = answers(&filter, (0..<10).map { ("other-\($0)", 0) })
        // Over capacity, the oldest buckets go first (client-go keeps an LRU); "busy" was used last and stays empty.
        #expect(answers(&filter, [("busy", 1)]) == [true])
        _ = answers(&filter, [("other-0", 2)])
        #expect(answers(&filter, [("busy", 3)]) == [false])
    }
}
