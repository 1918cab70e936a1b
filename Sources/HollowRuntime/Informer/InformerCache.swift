import HollowClient
import HollowModel

/// What an informer tells its event handlers, in the order the cache changed.
public enum InformerEvent<Object: KubernetesObject>: Sendable {
    case added(Object)
    case updated(old: Object, new: Object)
    /// The object's last state: the watch's deleted object, or for an object found gone by a relist, the last state
    /// the cache knew (client-go's `DeletedFinalStateUnknown`, unwrapped).
    case deleted(Object)
}

/// Computes index values for an object: the keys under which ``Informer/byIndex(_:_:)`` finds it. Called under the
/// informer's lock on every change, so it must be quick and pure.
public typealias IndexFunction<Object: KubernetesObject> = @Sendable (Object) -> [String]

/// Errors of the informer's cache.
public struct InformerError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable { case unknownIndex, indexExists }
    private let code: Code
    public let index: String

    public static func unknownIndex(_ name: String) -> InformerError { InformerError(code: .unknownIndex, index: name) }
    public static func indexExists(_ name: String) -> InformerError { InformerError(code: .indexExists, index: name) }

    public var description: String {
        switch code {
        case .unknownIndex: "no index named \"\(index)\""
        case .indexExists: "an index named \"\(index)\" already exists"
        }
    }
}

/// An informer's objects by key, with secondary indices (client-go's `threadSafeMap` with its `storeIndex`), and the
/// diffing that turns each ``ResourceUpdate`` into handler events.
///
/// Each object is held once (its JSON), plus one key entry per index value; an add, update or delete costs O(1)
/// plus its index values. A `.replace` is diffed against what is cached, as client-go's DeltaFIFO `Replace` and
/// `HandleDeltas` do: new keys are adds, keys whose `resourceVersion` changed are updates, a same-version object is
/// stored silently, and cached keys missing from the list are deletes of the last known object.
struct InformerCache<Object: KubernetesObject> {
    fileprivate struct Index {
        var name: String
        var function: IndexFunction<Object>
        var entries: [String: Set<ObjectKey>] = [:]
    }

    private(set) var objects: [ObjectKey: Object] = [:]
    /// An array, not a dictionary, so updates mutate each index in place while iterating over them.
    private var indices: [Index] = []
    private var indexPositions: [String: Int] = [:]
    /// The resource version of the last list, event or bookmark applied.
    private(set) var resourceVersion: String?

    static func key(of object: Object) -> ObjectKey { ObjectKey(namespace: object.namespace, name: object.name) }

    var indexNames: [String] { indices.map(\.name) }

    mutating func addIndex(_ name: String, _ function: @escaping IndexFunction<Object>) throws(InformerError) {
        guard indexPositions[name] == nil else { throw .indexExists(name) }
        var index = Index(name: name, function: function)
        for (key, object) in objects { index.insert(key, values: Set(function(object))) }
        indexPositions[name] = indices.count
        indices.append(index)
    }

    func keys(inIndex name: String, value: String) throws(InformerError) -> Set<ObjectKey> {
        guard let position = indexPositions[name] else { throw .unknownIndex(name) }
        return indices[position].entries[value] ?? []
    }

    func values(ofIndex name: String) throws(InformerError) -> [String] {
        guard let position = indexPositions[name] else { throw .unknownIndex(name) }
        return Array(indices[position].entries.keys)
    }

    /// Applies one update, appending the events it causes.
    mutating func apply(_ update: ResourceUpdate<Object>, into events: inout [InformerEvent<Object>]) {
        switch update {
        case .replace(let items, let resourceVersion):
            var listed = Set<ObjectKey>(minimumCapacity: items.count)
            for item in items {
                let key = Self.key(of: item)
                listed.insert(key)
                upsert(item, key: key, into: &events)
            }
            if objects.count > listed.count {
                let vanished = objects.keys.filter { !listed.contains($0) }
                for key in vanished {
                    if let old = remove(key) { events.append(.deleted(old)) }
                }
            }
            self.resourceVersion = resourceVersion
        case .added(let object), .modified(let object):
            upsert(object, key: Self.key(of: object), into: &events)
            if !object.resourceVersion.isEmpty { resourceVersion = object.resourceVersion }
        case .deleted(let object):
            // A delete of something never seen (or already removed by a relist) is not news.
            if remove(Self.key(of: object)) != nil { events.append(.deleted(object)) }
            if !object.resourceVersion.isEmpty { resourceVersion = object.resourceVersion }
        case .bookmark(let resourceVersion):
            self.resourceVersion = resourceVersion
        }
    }

    private mutating func upsert(_ object: Object, key: ObjectKey, into events: inout [InformerEvent<Object>]) {
        guard let old = objects.updateValue(object, forKey: key) else {
            insertIndexValues(of: object, key: key)
            events.append(.added(object))
            return
        }
        updateIndexValues(old: old, new: object, key: key)
        let changed =
            object.resourceVersion.isEmpty ? old != object : old.resourceVersion != object.resourceVersion
        if changed { events.append(.updated(old: old, new: object)) }
    }

    private mutating func remove(_ key: ObjectKey) -> Object? {
        guard let old = objects.removeValue(forKey: key) else { return nil }
        for position in indices.indices {
            indices[position].remove(key, values: Set(indices[position].function(old)))
        }
        return old
    }

    private mutating func insertIndexValues(of object: Object, key: ObjectKey) {
        for position in indices.indices {
            indices[position].insert(key, values: Set(indices[position].function(object)))
        }
    }

    private mutating func updateIndexValues(old: Object, new: Object, key: ObjectKey) {
        for position in indices.indices {
            let oldValues = Set(indices[position].function(old))
            let newValues = Set(indices[position].function(new))
            guard oldValues != newValues else { continue }
            indices[position].remove(key, values: oldValues.subtracting(newValues))
            indices[position].insert(key, values: newValues.subtracting(oldValues))
        }
    }
}

extension InformerCache.Index {
    fileprivate mutating func insert(_ key: ObjectKey, values: Set<String>) {
        for value in values { entries[value, default: []].insert(key) }
    }

    fileprivate mutating func remove(_ key: ObjectKey, values: Set<String>) {
        for value in values {
            guard entries[value]?.remove(key) != nil else { continue }
            if entries[value]!.isEmpty { entries[value] = nil }
        }
    }
}
