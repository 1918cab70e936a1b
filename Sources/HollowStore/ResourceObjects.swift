import HollowModel
/// The current objects of one resource, by name and in list order. A value: the owner locks around it.
struct ResourceObjects: Sendable {
    /// For `get`.
    private(set) var objects: [ObjectName: StoredObject] = [:]
    /// The same objects in list order.
    private(set) var order = SortedChunks<StoredObject>()

    init() {}

    /// Builds from a bulk load; later objects with the same name replace earlier ones.
    init(_ loaded: [StoredObject]) {
        order = SortedChunks(loaded)
        objects.reserveCapacity(order.count)
        for chunk in order.chunks {
            for object in chunk { objects[ObjectName(object.key)] = object }
        }
    }

    var count: Int { objects.count }

    subscript(name: ObjectName) -> StoredObject? { objects[name] }

    mutating func upsert(_ object: StoredObject) {
        objects[ObjectName(object.key)] = object
        order.upsert(object)
    }

    mutating func remove(_ name: ObjectName) {
        if objects.removeValue(forKey: name) != nil { order.remove(name) }
    }

    /// One page of matching objects in key order.
    ///
    /// - Parameters:
    ///   - limit: at most this many items; nil or ≤ 0 for all.
    ///   - after: resume strictly after this name.
    /// - Returns: the items; the name of the last item when more matching items follow; and, when the filter
    ///   `isEverything` and more follow, how many.
    func page(_ filter: ObjectFilter, limit: Int?, after: ObjectName?) -> (
        items: [StoredObject], continueAfter: ObjectName?, remaining: Int?
    ) {
        var start = order.startPosition
        var end = order.endPosition
        if let namespace = filter.namespace {
            start = order.partitionPoint { $0.namespace >= namespace }
            end = order.partitionPoint { $0.namespace > namespace }
        }
        if let after {
            start = max(start, order.partitionPoint { $0 > after })
        }
        let limit = (limit ?? 0) > 0 ? limit! : Int.max
        var items: [StoredObject] = []
        if limit != Int.max { items.reserveCapacity(min(limit, order.count)) }
        var position = start
        while position < end {
            let object = order[position]
            if filter.matches(object.key, object.index) {
                if items.count == limit {
                    // A further match exists: the page is full and continues.
                    let last = ObjectName(items[items.count - 1].key)
                    let remaining = filter.isEverything ? order.rank(of: end) - order.rank(of: position) : nil
                    return (items, last, remaining)
                }
                items.append(object)
            }
            position = order.position(after: position)
        }
        return (items, nil, nil)
    }

    /// Every matching object in key order.
    func matching(_ filter: ObjectFilter) -> [StoredObject] {
        page(filter, limit: nil, after: nil).items
    }
}
