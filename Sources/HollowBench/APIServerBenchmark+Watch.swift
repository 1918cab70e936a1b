import AsyncHTTPClient
import HollowAPIServer
import HollowModel
import NIOCore

// Watch delivery latency: `watchers` watches on one namespace's ConfigMaps, each on its own connection, while
// writers create ConfigMaps there at `writeRate` a second. Each write is named after its sequence number and
// records when it was sent; each watcher records when each event arrived; the latency of a (watcher, event) pair
// is the difference, joined after the phase so nothing is shared while it runs.

extension APIServerBenchmark {
    struct WatchLatency: Sendable {
        var watchers: Int
        /// Connections the paced writes are spread over (one schedule, sent by this many tasks).
        var writerConnections: Int
        var writesPlanned: Int
        /// The writers' POSTs: successes, failures and round-trip latencies; `perSecond` is the achieved rate.
        var writes: Throughput
        /// Receive time − send time, over every (watcher, event) pair.
        var delivery: LatencySummary
        /// Watchers × successful writes.
        var expectedEvents: Int
        /// Watchers whose stream failed, or that missed events of successful writes, and the first such failure.
        var failedWatchers: Int
        var firstWatcherFailure: String?
        /// Events over response-body chunks as the client received them: about 1 when the server writes (and
        /// flushes) each event on its own.
        var eventsPerChunk: Double
        /// Cores used from the first write until the last watcher finished.
        var cpu: CPUShare
    }

    func measureWatchLatency(_ serving: LocalCluster.Serving) async throws -> WatchLatency {
        let watchers = configuration.watchers
        let seconds = Int(configuration.phaseDuration.components.seconds)
        let total = configuration.writeRate * seconds
        // Enough writers that a round trip of tens of milliseconds does not hold the rate back.
        let writers = min(max(configuration.clients, 32), total)
        return try await BenchClient.with(serving, connections: watchers + writers) { client in
            let path = "/api/v1/namespaces/\(Namespace.watch)/configmaps"
            let revision = try await currentRevision(client, path)
            let watchPath = path + "?watch=1&resourceVersion=\(revision)&timeoutSeconds=\(seconds * 3 + 60)"
            let interval = Duration.seconds(1) / configuration.writeRate
            let clock = ContinuousClock()
            let base = clock.now
            let connected = AsyncStream<Bool>.makeStream()

            var meter = CPUMeter()
            var watcherRecords: [WatcherRecord] = []
            var writerRecords: [WriterRecord] = []
            try await withThrowingTaskGroup(of: WatchPhaseChild.self) { group in
                for _ in 0..<watchers {
                    group.addTask {
                        .watcher(
                            await Self.watch(
                                client, watchPath, expected: total, base: base, timeout: seconds * 3 + 90,
                                connected: connected.continuation))
                    }
                }
                var opened = 0
                var refused = 0
                for await success in connected.stream {
                    if success { opened += 1 } else { refused += 1 }
                    if opened + refused == watchers { break }
                }
                if refused > 0 {
                    group.cancelAll()
                    var failure: String?
                    while let child = try await group.next() {
                        if case .watcher(let record) = child, failure == nil { failure = record.failure }
                    }
                    throw BenchmarkError("\(refused) of \(watchers) watches could not be opened: \(failure ?? "unknown")")
                }

                // Every watch is registered (the server answers the head after registering it): start writing.
                meter = CPUMeter()
                let start = clock.now + .milliseconds(20)
                let stopSending = start + configuration.phaseDuration * 3
                for writer in 0..<writers {
                    group.addTask {
                        .writer(
                            await Self.write(
                                client, path, first: writer, step: writers, total: total, start: start,
                                interval: interval, stopSending: stopSending, base: base))
                    }
                }
                while let child = try await group.next() {
                    switch child {
                    case .watcher(let record):
                        watcherRecords.append(record)
                    case .writer(let record):
                        writerRecords.append(record)
                        if writerRecords.count == writers, watcherRecords.count < watchers {
                            // Events still on their way get a few seconds; watchers missing events are then ended.
                            group.addTask {
                                try? await Task.sleep(for: .seconds(5))
                                return .graceOver
                            }
                        }
                    case .graceOver:
                        group.cancelAll()
                    }
                    if watcherRecords.count == watchers, writerRecords.count == writers { group.cancelAll() }
                }
            }
            return Self.join(
                watchers: watcherRecords, writers: writerRecords, total: total, interval: interval,
                cpu: meter.share())
        }
    }

    /// The resourceVersion of a collection now: a LIST with `limit=1`.
    func currentRevision(_ client: BenchClient, _ path: String) async throws -> String {
        let reply = try await client.send(.GET, path + "?limit=1")
        guard reply.status == 200, let list = try? JSON(parsing: reply.body.readableBytesView),
            let revision = list[path: ["metadata", "resourceVersion"]]?.stringValue
        else {
            throw BenchmarkError("LIST \(path) failed: HTTP \(reply.status) \(reply.text.prefix(200))")
        }
        return revision
    }

    private static let writeNamePrefix = "w-"

    /// One watcher: opens the watch, reports whether it opened, then records the arrival of each ADDED event of a
    /// benchmark write until it has seen `expected` of them, its stream fails, or it is cancelled.
    private static func watch(
        _ client: BenchClient, _ path: String, expected: Int, base: ContinuousClock.Instant, timeout: Int,
        connected: AsyncStream<Bool>.Continuation
    ) async -> WatcherRecord {
        let clock = ContinuousClock()
        let prefix = Array(writeNamePrefix.utf8)
        var record = WatcherRecord()
        record.sequences.reserveCapacity(expected)
        record.arrivals.reserveCapacity(expected)
        var opened = false
        do {
            let response = try await client.open(path, timeout: .seconds(Int64(timeout)))
            guard response.status == .ok else {
                let body = try? await response.body.collect(upTo: 4096)
                record.failure = "HTTP \(response.status.code): \(body.map { String(buffer: $0) } ?? "")"
                connected.yield(false)
                return record
            }
            opened = true
            connected.yield(true)
            var lines = LineSplitter()
            for try await chunk in response.body {
                record.chunks += 1
                let arrival = (clock.now - base).nanoseconds
                lines.feed(chunk) { line in
                    let event = ResponseScan.watchEvent(line, namePrefix: prefix)
                    switch event?.kind {
                    case .added?:
                        if let sequence = event?.sequence {
                            record.sequences.append(Int32(sequence))
                            record.arrivals.append(arrival)
                        }
                    case .error?:
                        if record.failure == nil {
                            record.failure = "ERROR event: " + String(decoding: line.prefix(300), as: UTF8.self)
                        }
                    case .bookmark?, .modified?, .deleted?:
                        break
                    case .other?, nil:
                        if record.failure == nil {
                            record.failure = "unexpected watch line: " + String(decoding: line.prefix(300), as: UTF8.self)
                        }
                    }
                }
                if record.sequences.count >= expected || record.failure != nil { break }
            }
            if record.sequences.count < expected, record.failure == nil, !Task.isCancelled {
                record.failure = "the watch ended after \(record.sequences.count) of \(expected) events"
            }
        } catch {
            if !opened { connected.yield(false) }
            if !Task.isCancelled, record.failure == nil { record.failure = "\(error)" }
        }
        // Events still missing when the watch was ended are counted against the writes that succeeded, in `join`.
        return record
    }

    /// One writer: sends writes `first`, `first + step`, … each at its time on the schedule (at once when behind).
    private static func write(
        _ client: BenchClient, _ path: String, first: Int, step: Int, total: Int, start: ContinuousClock.Instant,
        interval: Duration, stopSending: ContinuousClock.Instant, base: ContinuousClock.Instant
    ) async -> WriterRecord {
        let clock = ContinuousClock()
        var record = WriterRecord()
        var sequence = first
        while sequence < total {
            let due = start + interval * sequence
            if clock.now < due { try? await Task.sleep(until: due, clock: .continuous) }
            if Task.isCancelled || clock.now > stopSending { break }
            let body = Fixtures.configMap(
                name: writeNamePrefix + String(sequence), namespace: Namespace.watch, revision: sequence)
            let sent = clock.now
            var succeeded = false
            do {
                let reply = try await client.send(.POST, path, body: body)
                if reply.status == 201 {
                    succeeded = true
                } else if record.firstFailure == nil {
                    record.firstFailure = "HTTP \(reply.status): \(reply.text.prefix(200))"
                }
            } catch {
                if record.firstFailure == nil { record.firstFailure = "\(error)" }
            }
            let finished = clock.now
            record.sends.append(Send(sequence: Int32(sequence), sentAt: (sent - base).nanoseconds, succeeded: succeeded))
            if succeeded { record.latencies.record(finished - sent) }
            sequence += step
        }
        return record
    }

    /// Joins arrivals to send times.
    private static func join(
        watchers: [WatcherRecord], writers: [WriterRecord], total: Int, interval: Duration, cpu: CPUShare
    ) -> WatchLatency {
        var sentAt = [Int64](repeating: -1, count: total)
        var successes = 0
        var failures = 0
        var first = Int64.max
        var last = Int64.min
        var writeLatencies = LatencySamples()
        for writer in writers {
            writeLatencies.append(contentsOf: writer.latencies)
            for send in writer.sends {
                sentAt[Int(send.sequence)] = send.sentAt
                first = min(first, send.sentAt)
                last = max(last, send.sentAt)
                if send.succeeded { successes += 1 } else { failures += 1 }
            }
        }
        var delivery = LatencySamples(reservingCapacity: watchers.reduce(0) { $0 + $1.sequences.count })
        var failed = 0
        var firstFailure: String?
        for watcher in watchers {
            var delivered = 0
            for (sequence, arrival) in zip(watcher.sequences, watcher.arrivals) {
                let sent = Int(sequence) < total ? sentAt[Int(sequence)] : -1
                if sent >= 0 {
                    delivery.record(nanoseconds: arrival - sent)
                    delivered += 1
                }
            }
            let failure = watcher.failure
                ?? (delivered < successes ? "\(successes - delivered) of \(successes) events had not arrived 5 s after the last write" : nil)
            if let failure {
                failed += 1
                if firstFailure == nil { firstFailure = failure }
            }
        }
        let span = first <= last ? Duration.nanoseconds(last - first) + interval : .zero
        let chunks = watchers.reduce(0) { $0 + $1.chunks }
        return WatchLatency(
            watchers: watchers.count, writerConnections: writers.count, writesPlanned: total,
            writes: Throughput(
                operations: successes, failures: failures,
                firstFailure: writers.lazy.compactMap(\.firstFailure).first, elapsed: span,
                latency: writeLatencies.summary(), cpu: cpu),
            delivery: delivery.summary(), expectedEvents: successes * watchers.count,
            failedWatchers: failed, firstWatcherFailure: firstFailure,
            eventsPerChunk: chunks > 0 ? Double(delivery.count) / Double(chunks) : 0, cpu: cpu)
    }
}

private enum WatchPhaseChild: Sendable {
    case watcher(WatcherRecord)
    case writer(WriterRecord)
    case graceOver
}

/// What one watcher saw: the sequence number of each event and when it arrived (ns since the phase began).
private struct WatcherRecord: Sendable {
    var sequences: [Int32] = []
    var arrivals: [Int64] = []
    /// Response-body chunks received.
    var chunks = 0
    var failure: String?
}

private struct Send: Sendable {
    var sequence: Int32
    /// Nanoseconds since the phase began.
    var sentAt: Int64
    var succeeded: Bool
}

private struct WriterRecord: Sendable {
    var sends: [Send] = []
    var latencies = LatencySamples()
    var firstFailure: String?
}
