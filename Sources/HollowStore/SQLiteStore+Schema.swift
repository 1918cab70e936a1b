import HollowModel
import Logging
import SQLiteNIO
import Synchronization

// The database: one row per object, plus `meta` with the schema version and the global revision (deletes remove
// rows, so the highest revision cannot be recovered from the objects alone).
//
//   objects(api_group, resource, namespace, name) → revision, data (the JSON bytes, resourceVersion set),
//                                                   labels, fields (the ObjectIndex as JSON text)
//   meta(key) → value: 'schema_version', 'revision'
//
// The index columns let a cold start rebuild the in-memory index without parsing whole objects.

extension SQLiteStore {
    /// The schema this code reads and writes.
    static let schemaVersion = 1

    /// Opens (creating if need be) the database at `path` and loads every object into memory.
    ///
    /// The store serves reads at once; writes wait for ``run()``.
    ///
    /// - Parameters:
    ///   - path: the database file; `-wal` and `-shm` files are kept beside it.
    ///   - logger: for operators: opening, closing, failed commits. Silent unless given.
    public static func open(
        path: String, configuration: Configuration = Configuration(),
        logger: Logger = Logger(label: "hollow.store", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws(StorageError) -> SQLiteStore {
        let started = ContinuousClock.now
        if let problem = configuration.problem {
            throw StorageError(.backend("invalid SQLiteStore configuration: \(problem)"))
        }
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
        } catch {
            throw StorageError(.backend("cannot open \(path): \(error)"))
        }
        do {
            try await prepareSchema(connection)
            let (objects, revision) = try await load(connection)
            let cache = ObjectCache(
                objects: objects, revision: revision, watchCacheCapacity: configuration.watchCacheCapacity,
                watcherBufferSize: configuration.watcherBufferSize)
            let store = SQLiteStore(
                path: path, configuration: configuration, logger: logger, connection: connection, cache: cache)
            logger.info(
                "store opened",
                metadata: [
                    "path": "\(path)", "objects": "\(objects.count)", "revision": "\(revision)",
                    "duration": "\(ContinuousClock.now - started)",
                ])
            return store
        } catch {
            try? await connection.close()
            if let error = error as? StorageError { throw error }
            throw StorageError(.backend("cannot open \(path): \(error)"))
        }
    }

    /// Runs one statement on the store's connection, ignoring any rows.
    ///
    /// Uses sqlite-nio's future-based entry point: unlike its async one, that is not skipped when the calling task
    /// is cancelled, so a batch that has begun always reaches COMMIT or ROLLBACK, even while run() is cancelled.
    func execute(_ sql: String, _ binds: [SQLiteData] = []) async throws {
        try await connection.query(sql, binds, logger: logger) { _ in }.get()
    }

    private static func prepareSchema(_ connection: SQLiteConnection) async throws {
        let mode = try await connection.query("PRAGMA journal_mode=WAL", []).first?.column("journal_mode")?.string
        guard mode == "wal" else {
            throw StorageError(.backend("cannot switch the database to WAL mode (journal_mode is \(mode ?? "unknown"))"))
        }
        try await connection.query("PRAGMA synchronous=NORMAL", []) { _ in }

        let hasMeta = try await !connection.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'", []
        ).isEmpty
        if hasMeta {
            let version = try await connection.query("SELECT value FROM meta WHERE key = 'schema_version'", [])
                .first?.column("value")?.integer
            guard let version else { throw StorageError(.backend("the database has no schema version")) }
            guard version <= schemaVersion else {
                throw StorageError(
                    .backend("the database has schema version \(version); this build reads up to \(schemaVersion)"))
            }
            return
        }
        let statements = [
            "BEGIN IMMEDIATE",
            """
            CREATE TABLE objects (
                api_group TEXT NOT NULL,
                resource TEXT NOT NULL,
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                revision INTEGER NOT NULL,
                data BLOB NOT NULL,
                labels TEXT NOT NULL,
                fields TEXT NOT NULL,
                PRIMARY KEY (api_group, resource, namespace, name)
            )
            """,
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)",
            "INSERT INTO meta (key, value) VALUES ('schema_version', \(schemaVersion)), ('revision', 0)",
            "COMMIT",
        ]
        do {
            for statement in statements { try await connection.query(statement, []) { _ in } }
        } catch {
            try? await connection.query("ROLLBACK", []) { _ in }
            throw error
        }
    }

    /// Reads every object and the revision. Rows are decoded on sqlite-nio's thread as they are stepped.
    private static func load(_ connection: SQLiteConnection) async throws -> ([StoredObject], Int64) {
        let storedRevision =
            try await connection.query("SELECT value FROM meta WHERE key = 'revision'", [])
            .first?.column("value")?.integer ?? 0
        let collector = RowCollector()
        try await connection.query(
            "SELECT api_group, resource, namespace, name, revision, data, labels, fields FROM objects", []
        ) { row in
            collector.add(row)
        }
        let (objects, highest) = try collector.result()
        // The meta row is written in the same transaction as the objects; taking the maximum is belt and braces.
        return (objects, max(Int64(storedRevision), highest))
    }
}

/// Accumulates decoded rows from sqlite-nio's row callback, which is `@Sendable`.
private final class RowCollector: Sendable {
    private struct State {
        var objects: [StoredObject] = []
        var highestRevision: Int64 = 0
        var error: StorageError?
    }

    private let state = Mutex(State())

    func add(_ row: SQLiteRow) {
        let decoded = Result { () throws(StorageError) in try Self.decode(row) }
        state.withLock { state in
            switch decoded {
            case .success(let object):
                state.objects.append(object)
                state.highestRevision = max(state.highestRevision, object.revision)
            case .failure(let error):
                if state.error == nil { state.error = error }
            }
        }
    }

    func result() throws(StorageError) -> ([StoredObject], Int64) {
        try state.withLock { state throws(StorageError) in
            if let error = state.error { throw error }
            return (state.objects, state.highestRevision)
        }
    }

    private static func decode(_ row: SQLiteRow) throws(StorageError) -> StoredObject {
        guard let group = row.column("api_group")?.string, let resource = row.column("resource")?.string,
            let namespace = row.column("namespace")?.string, let name = row.column("name")?.string,
            let revision = row.column("revision")?.integer, let data = row.column("data")?.blob,
            let labels = row.column("labels")?.string, let fields = row.column("fields")?.string
        else {
            throw StorageError(.backend("malformed row in objects: \(row)"))
        }
        let key = StorageKey(resource: GroupResource(group: group, resource: resource), namespace: namespace, name: name)
        let index = ObjectIndex(
            labels: try IndexColumn.decode(labels, key: key), fields: try IndexColumn.decode(fields, key: key))
        return StoredObject(
            key: key, revision: Int64(revision), data: Array(data.readableBytesView), index: index)
    }
}

/// The `labels` and `fields` columns: a string map as a JSON object with sorted keys.
enum IndexColumn {
    static func encode(_ map: [String: String]) -> String {
        if map.isEmpty { return "{}" }
        let members = map.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }
        return JSON.object(JSONObject(members)).serializedString
    }

    static func decode(_ text: String, key: StorageKey) throws(StorageError) -> [String: String] {
        if text == "{}" { return [:] }
        guard let object = (try? JSON(parsing: text))?.objectValue else {
            throw StorageError(.backend("malformed index column: \(text)"), key: key)
        }
        var map: [String: String] = [:]
        map.reserveCapacity(object.count)
        for member in object {
            guard let value = member.value.stringValue else {
                throw StorageError(.backend("malformed index column: \(text)"), key: key)
            }
            map[member.key] = value
        }
        return map
    }
}
