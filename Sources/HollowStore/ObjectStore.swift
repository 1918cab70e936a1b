import HollowModel

/// Where one object lives: its resource, namespace (`""` for cluster-scoped objects) and name.
public struct StorageKey: Hashable, Sendable, CustomStringConvertible {
    public var resource: GroupResource
    public var namespace: String
    public var name: String
    public init(resource: GroupResource, namespace: String, name: String) {
        self.resource = resource
        self.namespace = namespace
        self.name = name
    }
    public var description: String {
        namespace.isEmpty ? "\(resource)/\(name)" : "\(resource)/\(namespace)/\(name)"
    }
}

/// What the store indexes an object by, computed by the API server's resource strategy at write time so that
/// selectors can be evaluated without decoding the object.
public struct ObjectIndex: Sendable, Equatable {
    /// `metadata.labels`.
    public var labels: [String: String]
    /// Selectable field values (`spec.nodeName`, `status.phase`, …); `metadata.name` and `metadata.namespace` are
    /// always answerable from the key and need not be here.
    public var fields: [String: String]
    public init(labels: [String: String] = [:], fields: [String: String] = [:]) {
        self.labels = labels
        self.fields = fields
    }
}

/// One object as stored: its JSON encoding with `metadata.resourceVersion` already set to `revision`, so reads
/// serve the bytes as they are.
public struct StoredObject: Sendable {
    public let key: StorageKey
    /// The revision of the write that produced this version (its resourceVersion).
    public let revision: Int64
    public let data: [UInt8]
    public let index: ObjectIndex

    public init(key: StorageKey, revision: Int64, data: [UInt8], index: ObjectIndex) {
        self.key = key
        self.revision = revision
        self.data = data
        self.index = index
    }

    /// Decodes the stored JSON.
    public func decode() throws(JSONParseError) -> JSON { try JSON(parsing: data) }
}

/// Which objects a list or watch wants: every object of a resource, optionally in one namespace and matching a
/// predicate over the index (label and field selectors).
public struct ObjectFilter: Sendable {
    public var resource: GroupResource
    /// `nil` for all namespaces.
    public var namespace: String?
    public var matches: @Sendable (StorageKey, ObjectIndex) -> Bool
    /// Whether `matches` accepts everything (lets the store report `remainingItemCount`).
    public var isEverything: Bool

    public init(
        resource: GroupResource, namespace: String? = nil,
        matches: (@Sendable (StorageKey, ObjectIndex) -> Bool)? = nil
    ) {
        self.resource = resource
        self.namespace = namespace
        self.matches = matches ?? { _, _ in true }
        self.isEverything = matches == nil
    }

    public func accepts(_ object: StoredObject) -> Bool {
        object.key.resource == resource && (namespace == nil || object.key.namespace == namespace)
            && matches(object.key, object.index)
    }
}

/// One page of a list.
public struct ListPage: Sendable {
    /// Matching objects, ordered by namespace then name.
    public var items: [StoredObject]
    /// The store's revision the list reflects (the list's resourceVersion).
    public var revision: Int64
    /// Set when more items follow: pass it back as `continueAfter` to get them.
    public var continueKey: ContinueKey?
    /// How many matching objects follow this page, when the filter is `isEverything`.
    public var remainingItemCount: Int?
    public init(items: [StoredObject], revision: Int64, continueKey: ContinueKey?, remainingItemCount: Int?) {
        self.items = items
        self.revision = revision
        self.continueKey = continueKey
        self.remainingItemCount = remainingItemCount
    }
}

/// Where a paged list resumes: after the object at (`namespace`, `name`), as of `revision`.
public struct ContinueKey: Sendable, Equatable {
    public var revision: Int64
    public var namespace: String
    public var name: String
    public init(revision: Int64, namespace: String, name: String) {
        self.revision = revision
        self.namespace = namespace
        self.name = name
    }
}

/// A change seen by a watcher.
public enum WatchEventType: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
}

/// What a watch stream yields.
public enum WatchItem: Sendable {
    /// A change, already translated for the watcher's filter (an object that stops matching arrives as `deleted`
    /// carrying its last matching content at the new revision; one that starts matching as `added`).
    case event(WatchEventType, StoredObject)
    /// Every event up to `revision` for this watcher's resource has been delivered; a bookmark may be sent.
    case progress(revision: Int64)
    /// The synthetic initial events have all been delivered; the watch continues from `revision`.
    case initialEventsEnd(revision: Int64)
}

/// A write to apply. The store sets `metadata.resourceVersion` (and nothing else) before encoding.
public struct ObjectWrite: Sendable {
    public var object: JSON
    public var index: ObjectIndex
    public init(object: JSON, index: ObjectIndex) {
        self.object = object
        self.index = index
    }
}

/// Revision-based object storage: the contract the API server needs from SQLite (and later etcd).
///
/// One global revision counts every write; it is the resourceVersion of lists and of each object version.
/// Writes are durable when they return. Watches are fed from memory and end with ``StorageError/expired`` when
/// the watcher asks for history the store no longer has, or falls too far behind to catch up.
public protocol ObjectStore: Sendable {
    /// The revision of the latest acknowledged write.
    var currentRevision: Int64 { get }

    func get(_ key: StorageKey) async throws(StorageError) -> StoredObject?

    /// Lists in key order, at most `limit` items (0 or nil: all), resuming after `continueAfter`.
    func list(_ filter: ObjectFilter, limit: Int?, continueAfter: ContinueKey?) async throws(StorageError) -> ListPage

    /// Creates; fails with `alreadyExists` if the key is taken.
    func create(_ key: StorageKey, _ write: ObjectWrite) async throws(StorageError) -> StoredObject

    /// Replaces; fails with `notFound`, or `conflict` when `expectedRevision` is given and differs.
    func update(_ key: StorageKey, _ write: ObjectWrite, expectedRevision: Int64?) async throws(StorageError)
        -> StoredObject

    /// Deletes; returns the object as deleted, at the revision of the deletion.
    func delete(_ key: StorageKey, expectedRevision: Int64?) async throws(StorageError) -> StoredObject

    /// Watches changes after `revision`. With `revision == nil` the stream first yields an `.added` event for
    /// every object that currently matches, then `.initialEventsEnd`, then the changes that follow.
    /// Throws `expired` at once when the revision is older than the retained history.
    func watch(_ filter: ObjectFilter, after revision: Int64?) throws(StorageError)
        -> AsyncThrowingStream<WatchItem, any Error>
}

/// Why a storage call failed.
public struct StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        case notFound
        case alreadyExists
        /// The object's current revision differs from the expected one.
        case conflict(current: Int64)
        /// History before `oldest` is gone (or the watcher fell behind).
        case expired(requested: Int64, oldest: Int64)
        /// The backend failed (I/O, corruption, closed store).
        case backend(String)
    }

    public let code: Code
    public let key: StorageKey?

    public init(_ code: Code, key: StorageKey? = nil) {
        self.code = code
        self.key = key
    }

    public var description: String {
        switch code {
        case .notFound: "\(key.map(String.init(describing:)) ?? "object") not found"
        case .alreadyExists: "\(key.map(String.init(describing:)) ?? "object") already exists"
        case .conflict(let current): "\(key.map(String.init(describing:)) ?? "object") is at revision \(current)"
        case .expired(let requested, let oldest): "too old resource version: \(requested) (\(oldest))"
        case .backend(let message): "storage failed: \(message)"
        }
    }
}
