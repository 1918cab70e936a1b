import HeapModule

/// Items waiting for their time to be added to a work queue (client-go's `waitForPriorityQueue` plus its
/// `knownEntries`): a min-heap on the ready time, one live entry per item.
///
/// Adding an item that is already waiting keeps the earlier of the two ready times, as client-go's delaying queue
/// does. A superseded heap entry stays in the heap and is skipped when it surfaces (lazy deletion), so every
/// operation is O(log n).
struct DelayedItems<Key: Hashable> {
    private struct Entry: Comparable {
        var readyAt: Duration
        /// Breaks ties between equal ready times in insertion order.
        var sequence: UInt64
        var key: Key

        static func < (a: Entry, b: Entry) -> Bool { (a.readyAt, a.sequence) < (b.readyAt, b.sequence) }
        static func == (a: Entry, b: Entry) -> Bool { a.readyAt == b.readyAt && a.sequence == b.sequence }
    }

    private var heap = Heap<Entry>()
    private var readyAt: [Key: Duration] = [:]
    private var sequence: UInt64 = 0

    var count: Int { readyAt.count }
    var isEmpty: Bool { readyAt.isEmpty }

    /// The earliest ready time of any waiting item.
    var nextReadyAt: Duration? {
        mutating get {
            dropSuperseded()
            return heap.min?.readyAt
        }
    }

    /// Schedules `key` for `time`, or moves it earlier if it already waits for a later time.
    /// - Returns: whether `time` is now `key`'s ready time.
    @discardableResult
    mutating func insert(_ key: Key, readyAt time: Duration) -> Bool {
        if let existing = readyAt[key], existing <= time { return false }
        readyAt[key] = time
        sequence += 1
        heap.insert(Entry(readyAt: time, sequence: sequence, key: key))
        return true
    }

    /// Removes and returns the items whose ready time is at or before `now`, earliest first.
    mutating func popReady(now: Duration) -> [Key] {
        var ready: [Key] = []
        while true {
            dropSuperseded()
            guard let first = heap.min, first.readyAt <= now else { return ready }
            readyAt[first.key] = nil
            heap.removeMin()
            ready.append(first.key)
        }
    }

    mutating func removeAll() {
        heap = Heap()
        readyAt.removeAll()
    }

    private mutating func dropSuperseded() {
        while let first = heap.min, readyAt[first.key] != first.readyAt { heap.removeMin() }
    }
}
