import HollowModel

/// One write as the writer receives it.
enum WriteOperation: Sendable {
    case create(ObjectWrite)
    case update(ObjectWrite, expectedRevision: Int64?)
    case delete(expectedRevision: Int64?)
}

/// The outcome of checking a batch of writes: what to persist, and what to answer each caller once it is.
struct WritePlan: Sendable {
    /// The accepted writes, at consecutive revisions after the base revision.
    var changes: [Change] = []
    /// One per operation, in order: the stored object, or why the write was refused.
    var outcomes: [Result<StoredObject, StorageError>] = []
    /// The revision of the last accepted write (the base revision when none was).
    var revision: Int64

    /// The rows that make the database match the batch's end state: the last version of each key the batch
    /// writes, and the keys it leaves deleted.
    func finalRows() -> (upserts: [StoredObject], deletes: [StorageKey]) {
        var last: [StorageKey: Change] = [:]
        var order: [StorageKey] = []
        for change in changes {
            if last.updateValue(change, forKey: change.key) == nil { order.append(change.key) }
        }
        var upserts: [StoredObject] = []
        var deletes: [StorageKey] = []
        for key in order {
            let change = last[key]!
            if change.type == .deleted { deletes.append(key) } else { upserts.append(change.object) }
        }
        return (upserts, deletes)
    }
}

/// Checks a batch of writes in order, as if each ran alone: against the committed state plus the batch's own
/// earlier writes. Pure: no I/O and no locking, so it is tested directly.
enum WritePlanner {
    static func plan(
        _ operations: [(key: StorageKey, operation: WriteOperation)], baseRevision: Int64,
        committed: [StorageKey: StoredObject]
    ) -> WritePlan {
        var plan = WritePlan(revision: baseRevision)
        plan.outcomes.reserveCapacity(operations.count)
        // The batch's own writes so far; `.some(nil)` marks a key the batch deleted.
        var written: [StorageKey: StoredObject?] = [:]

        for (key, operation) in operations {
            let current: StoredObject? = written[key] ?? committed[key]
            let revision = plan.revision + 1
            let outcome: Result<Change, StorageError>
            switch operation {
            case .create(let write):
                if current != nil {
                    outcome = .failure(StorageError(.alreadyExists, key: key))
                } else {
                    outcome = stored(write, key: key, revision: revision).map {
                        Change(type: .added, object: $0, previous: nil)
                    }
                }
            case .update(let write, let expectedRevision):
                if let current {
                    if let expectedRevision, expectedRevision != current.revision {
                        outcome = .failure(StorageError(.conflict(current: current.revision), key: key))
                    } else {
                        outcome = stored(write, key: key, revision: revision).map {
                            Change(type: .modified, object: $0, previous: current)
                        }
                    }
                } else {
                    outcome = .failure(StorageError(.notFound, key: key))
                }
            case .delete(let expectedRevision):
                if let current {
                    if let expectedRevision, expectedRevision != current.revision {
                        outcome = .failure(StorageError(.conflict(current: current.revision), key: key))
                    } else {
                        let deleted = current.stamped(revision: revision)
                        outcome = .success(Change(type: .deleted, object: deleted, previous: current))
                    }
                } else {
                    outcome = .failure(StorageError(.notFound, key: key))
                }
            }
            switch outcome {
            case .success(let change):
                plan.revision = revision
                plan.changes.append(change)
                written[key] = .some(change.type == .deleted ? nil : change.object)
                plan.outcomes.append(.success(change.object))
            case .failure(let error):
                plan.outcomes.append(.failure(error))
            }
        }
        return plan
    }

    private static func stored(_ write: ObjectWrite, key: StorageKey, revision: Int64) -> Result<
        StoredObject, StorageError
    > {
        guard let data = write.object.encoded(resourceVersion: revision) else {
            return .failure(StorageError(.backend("only JSON objects can be stored, not \(write.object.typeName)"), key: key))
        }
        return .success(StoredObject(key: key, revision: revision, data: data, index: write.index))
    }
}

extension JSON {
    /// This object's encoding with `metadata.resourceVersion` set to `revision` as a string (and `metadata`
    /// created when absent); nil when this is not an object.
    func encoded(resourceVersion revision: Int64) -> [UInt8]? {
        guard objectValue != nil else { return nil }
        var object = self
        object[path: ["metadata", "resourceVersion"]] = .string(String(revision))
        return object.serialized()
    }
}

extension StoredObject {
    /// The same content at another revision, its `metadata.resourceVersion` rewritten to match: how a deletion, or
    /// an object leaving a watcher's selector, is reported at the revision of the write.
    func stamped(revision: Int64) -> StoredObject {
        let data = (try? decode())?.encoded(resourceVersion: revision) ?? data
        return StoredObject(key: key, revision: revision, data: data, index: index)
    }
}
