import DequeModule
import HeapModule
import HollowModel

/// The pool's one timer structure: keys (a node, a pod) due at wall-clock times, handed to workers in due order,
/// never to two workers at once. A value with no I/O; the pool keeps it under its lock.
///
/// - ``schedule(_:at:)`` keeps the earlier time when a key is already waiting (an event that needs an earlier look
///   wins over a heartbeat later on); a key being processed is noted and scheduled again when ``done(_:next:)``.
/// - ``done(_:next:)`` sets the key's next time as the state machine computed it (later or earlier than before).
/// - A superseded heap entry stays in the heap and is skipped when it surfaces (lazy deletion), so every operation is
///   O(log n) and memory is bounded by the live keys (compacted when stale entries outnumber them).
/// - Urgent keys (``init(isUrgent:)``) due now go before every other key due now, whatever their due times: a backlog
///   of pod work must not delay a node's Lease renewal, as a kubelet's lease loop does not wait for its pod workers.
struct HollowTimerQueue<Key: Hashable & Sendable>: Sendable {
    private struct Entry: Sendable, Comparable {
        var due: Timestamp
        var sequence: UInt64
        var key: Key

        static func < (a: Entry, b: Entry) -> Bool { (a.due, a.sequence) < (b.due, b.sequence) }
        static func == (a: Entry, b: Entry) -> Bool { a.due == b.due && a.sequence == b.sequence }
    }

    private var heap = Heap<Entry>()
    private var scheduled: [Key: Timestamp] = [:]
    private var ready: Deque<(key: Key, due: Timestamp)> = []
    private var urgent: Deque<(key: Key, due: Timestamp)> = []
    private let isUrgent: @Sendable (Key) -> Bool
    private var readyKeys: Set<Key> = []
    private var processing: Set<Key> = []
    /// Keys asked for while being processed, and the earliest time asked.
    private var askedWhileProcessing: [Key: Timestamp] = [:]
    private var sequence: UInt64 = 0

    /// Keys waiting for their time.
    var scheduledCount: Int { scheduled.count }
    init(isUrgent: @escaping @Sendable (Key) -> Bool = { _ in false }) {
        self.isUrgent = isUrgent
    }

    /// Keys due and waiting for a worker.
    var readyCount: Int { ready.count + urgent.count }
    var processingCount: Int { processing.count }

    /// The earliest time a waiting key is due.
    var nextDue: Timestamp? {
        mutating get {
            dropSuperseded()
            return heap.min?.due
        }
    }

    /// Asks for `key` at `due`, or earlier if it already waits for an earlier time.
    /// - Returns: whether this made the queue's next due time earlier (the timer must be re-armed).
    @discardableResult
    mutating func schedule(_ key: Key, at due: Timestamp) -> Bool {
        if processing.contains(key) {
            askedWhileProcessing[key] = min(askedWhileProcessing[key] ?? due, due)
            return false
        }
        if readyKeys.contains(key) { return false }
        if let existing = scheduled[key], existing <= due { return false }
        let before = nextDue
        scheduled[key] = due
        sequence += 1
        heap.insert(Entry(due: due, sequence: sequence, key: key))
        if heap.count > 1024 && heap.count > 2 * scheduled.count { compact() }
        return before.map { due < $0 } ?? true
    }

    /// Moves every key due at or before `now` to the ready queue.
    mutating func promote(now: Timestamp) {
        while true {
            dropSuperseded()
            guard let first = heap.min, first.due <= now else { return }
            heap.removeMin()
            scheduled[first.key] = nil
            if isUrgent(first.key) {
                urgent.append((first.key, first.due))
            } else {
                ready.append((first.key, first.due))
            }
            readyKeys.insert(first.key)
        }
    }

    /// The next ready key (and the time it was due for), now being processed: the urgent ones first.
    mutating func take() -> (key: Key, due: Timestamp)? {
        guard let item = urgent.popFirst() ?? ready.popFirst() else { return nil }
        readyKeys.remove(item.key)
        processing.insert(item.key)
        return item
    }

    /// Ends processing of `key`: it is next due at `next` (or never), or earlier when asked for meanwhile.
    /// - Returns: whether the queue's next due time became earlier.
    @discardableResult
    mutating func done(_ key: Key, next: Timestamp?) -> Bool {
        processing.remove(key)
        let asked = askedWhileProcessing.removeValue(forKey: key)
        guard let due = [next, asked].compactMap({ $0 }).min() else { return false }
        return schedule(key, at: due)
    }

    private mutating func compact() {
        heap = Heap(heap.unordered.filter { scheduled[$0.key] == $0.due })
    }

    private mutating func dropSuperseded() {
        while let first = heap.min, scheduled[first.key] != first.due { heap.removeMin() }
    }
}
