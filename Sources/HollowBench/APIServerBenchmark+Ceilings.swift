import Foundation
import Logging
import NIOCore
import SQLiteNIO
import Synchronization

// The ceilings: what the same machine does without the API server's work in the way. A figure's ratio to its
// ceiling says how much of what is possible the server achieves.

extension APIServerBenchmark {
    /// Raw SQLite write rate: one INSERT of a ~1 KB row per transaction (autocommit), with the store's pragmas
    /// (`journal_mode=WAL`, `synchronous=NORMAL`) and table, through SQLiteNIO as the store uses it.
    struct SQLiteCeiling: Sendable {
        /// One connection, one transaction after another.
        var sequential: Throughput
        /// `clients` connections inserting concurrently (SQLite lets one write at a time).
        var concurrent: Throughput
        var connections: Int
    }

    func measureSQLiteTransactions(path: String) async throws -> SQLiteCeiling {
        let duration = min(configuration.phaseDuration, .seconds(3))
        let quiet = Logger(label: "hollow.bench.sqlite", factory: { _ in SwiftLogNoOpLogHandler() })
        var connections: [SQLiteConnection] = []
        do {
            for _ in 0...configuration.clients {
                let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: quiet)
                connections.append(connection)
                _ = try await connection.query("PRAGMA journal_mode=WAL", [])
                _ = try await connection.query("PRAGMA synchronous=NORMAL", [])
                if connections.count == 1 {
                    _ = try await connection.query(
                        """
                        CREATE TABLE objects (
                            api_group TEXT NOT NULL, resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                            revision INTEGER NOT NULL, data BLOB NOT NULL, labels TEXT NOT NULL, fields TEXT NOT NULL,
                            PRIMARY KEY (api_group, resource, namespace, name))
                        """, [])
                }
            }
        } catch {
            for connection in connections { try? await connection.close() }
            throw BenchmarkError("SQLite ceiling: cannot prepare \(path): \(error)")
        }
        let data = ByteBuffer(bytes: Fixtures.configMap(name: "row", namespace: "ceiling", revision: 0))
        let insert: @Sendable (SQLiteConnection, Int) async -> RequestOutcome = { connection, sequence in
            do {
                _ = try await connection.query(
                    "INSERT INTO objects (api_group, resource, namespace, name, revision, data, labels, fields) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        .text(""), .text("configmaps"), .text("ceiling"), .text("row-\(sequence)"), .integer(sequence),
                        .blob(data), .text(#"{"app":"bench"}"#), .text(#"{"metadata.name":"row"}"#),
                    ])
                return .success
            } catch {
                return .failure("\(error)")
            }
        }
        let (sequential, _) = await LoadLoop.run(
            [connections[0]], duration: duration, limit: Self.requestLimit) { connection, sequence in
            await insert(connection, sequence)
        }
        // Sequence numbers continue above the sequential phase's so the names stay unique.
        let offset = sequential.operations + sequential.failures
        let (concurrent, _) = await LoadLoop.run(
            Array(connections.dropFirst()), duration: duration, limit: Self.requestLimit) { connection, sequence in
            await insert(connection, offset + sequence)
        }
        for connection in connections { try? await connection.close() }
        return SQLiteCeiling(sequential: sequential, concurrent: concurrent, connections: connections.count - 1)
    }

    /// `/healthz` over the same client and connections as the other phases: what a request costs when the
    /// handler does nothing (TLS, HTTP/1.1, routing, and the in-process client).
    func measureHealthz(_ client: BenchClient) async -> Throughput {
        let (throughput, _) = await LoadLoop.run(
            Array(repeating: (), count: configuration.clients), duration: configuration.phaseDuration,
            limit: Self.requestLimit
        ) { _, _ in
            do {
                return .expecting(200, try await client.send(.GET, "/healthz", authenticate: false))
            } catch {
                return .failure("\(error)")
            }
        }
        return throughput
    }

    /// How fast the server sends a large document it already holds as bytes (`/openapi/v2`), one request after
    /// another on one connection: the floor under a LIST's time, which sends as many bytes.
    struct Transfer: Sendable {
        var documentBytes: Int
        var requests: Int
        var elapsed: Duration

        var bytesPerSecond: Double { Double(documentBytes * requests) / elapsed.inSeconds }

        /// The time to transfer `bytes` at this rate.
        func time(for bytes: Int) -> Duration { .seconds(Double(bytes) / bytesPerSecond) }
    }

    func measureTransfer(_ client: BenchClient) async throws -> Transfer {
        let clock = ContinuousClock()
        let deadline = clock.now + min(configuration.phaseDuration, .seconds(2))
        var requests = 0
        var bytes = 0
        let started = clock.now
        while requests < 1_000, requests < 3 || clock.now < deadline {
            let reply = try await client.send(.GET, "/openapi/v2", maximumBytes: 256 << 20)
            guard reply.status == 200 else {
                throw BenchmarkError("GET /openapi/v2 failed: HTTP \(reply.status) \(reply.text.prefix(200))")
            }
            bytes = reply.body.readableBytes
            requests += 1
        }
        return Transfer(documentBytes: bytes, requests: requests, elapsed: clock.now - started)
    }

    /// Reading every row of a stopped cluster's `state.db` through SQLiteNIO, touching nothing but the bytes: the
    /// floor under a cold start, which reads the same rows and builds its in-memory index from them.
    struct DatabaseScan: Sendable {
        var rows: Int
        var dataBytes: Int
        var elapsed: Duration
    }

    func scanDatabase(path: String) async throws -> DatabaseScan {
        let quiet = Logger(label: "hollow.bench.sqlite", factory: { _ in SwiftLogNoOpLogHandler() })
        let tally = ScanTally()
        let clock = ContinuousClock()
        let started = clock.now
        do {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: quiet)
            do {
                try await connection.query(
                    "SELECT api_group, resource, namespace, name, revision, data, labels, fields FROM objects", []
                ) { row in
                    tally.add(row.column("data")?.blob?.readableBytes ?? 0)
                }
            } catch {
                try? await connection.close()
                throw error
            }
            try await connection.close()
        } catch {
            throw BenchmarkError("reading \(path) failed: \(error)")
        }
        let (rows, bytes) = tally.totals
        return DatabaseScan(rows: rows, dataBytes: bytes, elapsed: clock.now - started)
    }
}

/// Counts rows from SQLiteNIO's `@Sendable` row callback.
private final class ScanTally: Sendable {
    private let state = Mutex((rows: 0, bytes: 0))

    func add(_ bytes: Int) {
        state.withLock { $0.rows += 1; $0.bytes += bytes }
    }

    var totals: (Int, Int) { state.withLock { ($0.rows, $0.bytes) } }
}
