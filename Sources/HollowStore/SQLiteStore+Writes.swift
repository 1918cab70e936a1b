import HollowModel
import SQLiteNIO

// The writer: one loop, in run(), that takes every queued write as a batch (group commit).
//
// For each batch: read the committed versions of its keys, check the writes in order (WritePlanner), persist the
// batch's end state in one transaction, and only after COMMIT make it visible (ObjectCache.apply: memory, watch
// cache, watchers) and answer the callers. A failed transaction fails every write of the batch and changes
// nothing, so the revision counter never skips.
//
// Round trips to sqlite-nio's thread pool per batch: BEGIN, one multi-row upsert (per 500 rows), one multi-row
// delete if the batch deletes, the meta revision, COMMIT.

extension SQLiteStore {
    /// Rows per multi-row statement; keeps the bound parameters well under SQLite's limit.
    static let rowsPerStatement = 500

    func writeLoop() async {
        while let batch = await writes.nextBatch(maximum: configuration.maxBatchSize) {
            await commit(batch)
        }
    }

    func commit(_ batch: [WriteRequest]) async {
        let (committed, revision) = cache.committed(batch.lazy.map(\.key))
        let plan = WritePlanner.plan(
            batch.map { ($0.key, $0.operation) }, baseRevision: revision, committed: committed)
        if !plan.changes.isEmpty {
            do {
                try await persist(plan)
            } catch {
                logger.error(
                    "commit failed",
                    metadata: ["path": "\(path)", "writes": "\(batch.count)", "error": "\(error)"])
                for request in batch {
                    request.resume(.failure(StorageError(.backend("commit failed: \(error)"), key: request.key)))
                }
                return
            }
            cache.apply(plan.changes, revision: plan.revision)
        }
        for (request, outcome) in zip(batch, plan.outcomes) {
            request.resume(outcome)
        }
    }

    private func persist(_ plan: WritePlan) async throws {
        let (upserts, deletes) = plan.finalRows()
        try await execute("BEGIN IMMEDIATE")
        do {
            var start = 0
            while start < upserts.count {
                let rows = upserts[start..<min(start + Self.rowsPerStatement, upserts.count)]
                try await execute(Self.upsertStatement(rows: rows.count), Self.upsertBinds(rows))
                start += rows.count
            }
            start = 0
            while start < deletes.count {
                let keys = deletes[start..<min(start + Self.rowsPerStatement, deletes.count)]
                try await execute(Self.deleteStatement(rows: keys.count), Self.deleteBinds(keys))
                start += keys.count
            }
            try await execute("UPDATE meta SET value = ? WHERE key = 'revision'", [.integer(Int(plan.revision))])
            try await execute("COMMIT")
        } catch {
            // After a failed COMMIT the transaction may still be open; after some errors SQLite has already
            // rolled back and this fails harmlessly.
            try? await execute("ROLLBACK")
            throw error
        }
    }

    static func upsertStatement(rows: Int) -> String {
        let row = "(?, ?, ?, ?, ?, ?, ?, ?)"
        return """
            INSERT INTO objects (api_group, resource, namespace, name, revision, data, labels, fields) VALUES \
            \(repeatElement(row, count: rows).joined(separator: ", ")) \
            ON CONFLICT (api_group, resource, namespace, name) DO UPDATE SET \
            revision = excluded.revision, data = excluded.data, labels = excluded.labels, fields = excluded.fields
            """
    }

    static func upsertBinds(_ objects: ArraySlice<StoredObject>) -> [SQLiteData] {
        var binds: [SQLiteData] = []
        binds.reserveCapacity(objects.count * 8)
        for object in objects {
            binds.append(.text(object.key.resource.group))
            binds.append(.text(object.key.resource.resource))
            binds.append(.text(object.key.namespace))
            binds.append(.text(object.key.name))
            binds.append(.integer(Int(object.revision)))
            binds.append(.blob(ByteBuffer(bytes: object.data)))
            binds.append(.text(IndexColumn.encode(object.index.labels)))
            binds.append(.text(IndexColumn.encode(object.index.fields)))
        }
        return binds
    }

    static func deleteStatement(rows: Int) -> String {
        let row = "(?, ?, ?, ?)"
        return """
            DELETE FROM objects WHERE (api_group, resource, namespace, name) IN \
            (VALUES \(repeatElement(row, count: rows).joined(separator: ", ")))
            """
    }

    static func deleteBinds(_ keys: ArraySlice<StorageKey>) -> [SQLiteData] {
        var binds: [SQLiteData] = []
        binds.reserveCapacity(keys.count * 4)
        for key in keys {
            binds.append(.text(key.resource.group))
            binds.append(.text(key.resource.resource))
            binds.append(.text(key.namespace))
            binds.append(.text(key.name))
        }
        return binds
    }
}
