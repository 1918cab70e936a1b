import HollowModel
/// Where an object sits within its resource: the order lists return and continue keys name.
struct ObjectName: Hashable, Comparable, Sendable {
    var namespace: String
    var name: String

    init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    init(_ key: StorageKey) {
        self.init(namespace: key.namespace, name: key.name)
    }

    static func < (a: ObjectName, b: ObjectName) -> Bool {
        a.namespace == b.namespace ? a.name < b.name : a.namespace < b.namespace
    }
}

/// Something kept in (namespace, name) order.
protocol NameOrdered: Sendable {
    var objectName: ObjectName { get }
}

extension ObjectName: NameOrdered {
    var objectName: ObjectName { self }
}

extension StoredObject: NameOrdered {
    var objectName: ObjectName { ObjectName(key) }
}

/// The names of one resource's objects in (namespace, name) order.
typealias SortedKeys = SortedChunks<ObjectName>

/// Elements in (namespace, name) order, at most one per name, kept as a list of short sorted chunks.
///
/// A chunked array gives what lists need — binary search to a start point, then ordered iteration, and the rank of a
/// position for `remainingItemCount` — while an insert or remove moves at most one chunk's worth of elements, not the
/// whole resource's (a flat sorted array would move megabytes per create at 100,000 pods). Holding the objects
/// themselves, not just their names, lets a list walk them without a hash lookup per item.
struct SortedChunks<Element: NameOrdered>: Sendable {
    /// A chunk splits in two when it grows past this.
    static var maximumChunkCount: Int { 512 }

    private(set) var chunks: [[Element]] = []
    private(set) var count = 0

    /// A place in the order; `chunk == chunks.count` is the end.
    struct Position: Comparable {
        var chunk: Int
        var offset: Int
        static func < (a: Position, b: Position) -> Bool { (a.chunk, a.offset) < (b.chunk, b.offset) }
    }

    init() {}

    /// Builds from elements in any order; of several with the same name, the last is kept.
    init(_ elements: some Sequence<Element>) {
        var sorted = Array(elements.enumerated())
        // Stable by input order within a name, so that the last of equals wins below.
        sorted.sort { a, b in
            let (nameA, nameB) = (a.element.objectName, b.element.objectName)
            return nameA == nameB ? a.offset < b.offset : nameA < nameB
        }
        var chunk: [Element] = []
        chunk.reserveCapacity(Self.maximumChunkCount / 2)
        for (index, pair) in sorted.enumerated() {
            if index + 1 < sorted.count, sorted[index + 1].element.objectName == pair.element.objectName { continue }
            chunk.append(pair.element)
            count += 1
            if chunk.count == Self.maximumChunkCount / 2 {
                chunks.append(chunk)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        if !chunk.isEmpty { chunks.append(chunk) }
    }

    var endPosition: Position { Position(chunk: chunks.count, offset: 0) }
    var startPosition: Position { Position(chunk: 0, offset: 0) }

    subscript(position: Position) -> Element { chunks[position.chunk][position.offset] }

    func position(after position: Position) -> Position {
        if position.offset + 1 < chunks[position.chunk].count {
            return Position(chunk: position.chunk, offset: position.offset + 1)
        }
        return Position(chunk: position.chunk + 1, offset: 0)
    }

    /// The first position whose name satisfies `isAtOrPast`, which must be false and then true along the order
    /// (e.g. `{ $0 > key }`, `{ $0.namespace >= ns }`); the end when no name does.
    func partitionPoint(_ isAtOrPast: (ObjectName) -> Bool) -> Position {
        var low = 0
        var high = chunks.count
        while low < high {
            let middle = (low + high) / 2
            if isAtOrPast(chunks[middle][chunks[middle].count - 1].objectName) { high = middle } else { low = middle + 1 }
        }
        guard low < chunks.count else { return endPosition }
        return Position(chunk: low, offset: Self.partitionPoint(chunks[low], isAtOrPast))
    }

    /// How many elements come before `position`. Linear in the number of chunks.
    func rank(of position: Position) -> Int {
        var rank = position.offset
        for index in 0..<position.chunk { rank += chunks[index].count }
        return rank
    }

    /// Adds `element`, or replaces the one with its name; returns true when it was added.
    @discardableResult
    mutating func upsert(_ element: Element) -> Bool {
        let name = element.objectName
        guard !chunks.isEmpty else {
            chunks = [[element]]
            count = 1
            return true
        }
        var chunk = partitionPoint { $0 >= name }.chunk
        if chunk == chunks.count { chunk -= 1 }  // past every name: append to the last chunk
        let offset = Self.partitionPoint(chunks[chunk]) { $0 >= name }
        if offset < chunks[chunk].count, chunks[chunk][offset].objectName == name {
            chunks[chunk][offset] = element
            return false
        }
        chunks[chunk].insert(element, at: offset)
        count += 1
        if chunks[chunk].count > Self.maximumChunkCount {
            let half = chunks[chunk].count / 2
            let tail = Array(chunks[chunk][half...])
            chunks[chunk].removeSubrange(half...)
            chunks.insert(tail, at: chunk + 1)
        }
        return true
    }

    /// Removes the element named `name`; returns false when there was none.
    @discardableResult
    mutating func remove(_ name: ObjectName) -> Bool {
        let position = partitionPoint { $0 >= name }
        guard position.chunk < chunks.count, self[position].objectName == name else { return false }
        chunks[position.chunk].remove(at: position.offset)
        count -= 1
        if chunks[position.chunk].isEmpty { chunks.remove(at: position.chunk) }
        return true
    }

    private static func partitionPoint(_ chunk: [Element], _ isAtOrPast: (ObjectName) -> Bool) -> Int {
        var low = 0
        var high = chunk.count
        while low < high {
            let middle = (low + high) / 2
            if isAtOrPast(chunk[middle].objectName) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
