/// Items waiting for their time to be added to a work queue (client-go's `waitForPriorityQueue` plus its
/// `knownEntries`): a min-heap on the ready time, one live entry per item.
///
/// Adding an item that is already waiting keeps the earlier of the two ready times, as client-go's delaying queue
/// does. A superseded heap entry stays in the heap and is skipped when it surfaces (lazy deletion), so every
/// operation is O(log n).
struct DelayedItems<Key: Hashable> {
    private struct Entry {
        var readyAt: Duration
        /// Breaks ties between equal ready times in insertion order.
        var sequence: UInt64
        var key: Key
    }

    private var heap: [Entry] = []
    private var readyAt: [Key: Duration] = [:]
    private var sequence: UInt64 = 0

    var count: Int { readyAt.count }
    var isEmpty: Bool { readyAt.isEmpty }

    /// The earliest ready time of any waiting item.
    var nextReadyAt: Duration? {
        mutating get {
            dropSuperseded()
            return heap.first?.readyAt
        }
    }

    /// Schedules `key` for `time`, or moves it earlier if it already waits for a later time.
    /// - Returns: whether `time` is now `key`'s ready time.
    @discardableResult
    mutating func insert(_ key: Key, readyAt time: Duration) -> Bool {
        if let existing = readyAt[key], existing <= time { return false }
        readyAt[key] = time
        sequence += 1
        push(Entry(readyAt: time, sequence: sequence, key: key))
        return true
    }

    /// Removes and returns the items whose ready time is at or before `now`, earliest first.
    mutating func popReady(now: Duration) -> [Key] {
        var ready: [Key] = []
        while true {
            dropSuperseded()
            guard let first = heap.first, first.readyAt <= now else { return ready }
            readyAt[first.key] = nil
            popFirst()
            ready.append(first.key)
        }
    }

    mutating func removeAll() {
        heap.removeAll()
        readyAt.removeAll()
    }

    private mutating func dropSuperseded() {
        while let first = heap.first, readyAt[first.key] != first.readyAt { popFirst() }
    }

    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        (a.readyAt, a.sequence) < (b.readyAt, b.sequence)
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popFirst() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, Self.precedes(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.precedes(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
