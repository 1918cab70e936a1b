import Foundation

// The report: one aligned table of figures, each with its target and its ratio to the ceiling it is held
// against, then failures (if any) and one verdict line per target.

extension APIServerBenchmark {
    public struct Report: Sendable {
        let configuration: Configuration
        let sqlite: SQLiteCeiling
        let live: LiveFigures
        let coldStart: ColdStart
        let residentBeforeCluster: Int?
        let loadAverageAtStart: Double?
        let total: Duration

        /// Whether every target was met (a target whose workload this run did not reach counts as not met).
        public var allTargetsMet: Bool { verdicts.allSatisfy { $0.outcome == .met } }

        /// The whole report, ending with a newline.
        public var rendered: String {
            var text = header.joined(separator: "\n") + "\n\n"
            text += Table(rows: rows).rendered
            text += "\ncores used during each phase (this process / all other processes)\n"
            let phaseWidth = cpuShares.map(\.0.count).max() ?? 0
            for (phase, share) in cpuShares {
                text += "  " + phase.padding(toLength: phaseWidth, withPad: " ", startingAt: 0) + "  "
                    + String(format: "%.2f / %.2f", share.process, share.others) + "\n"
            }
            let notes = self.notes
            if !notes.isEmpty {
                text += "\nnotes\n" + notes.map { "  " + $0 }.joined(separator: "\n") + "\n"
            }
            text += "\nverdicts\n"
            let width = verdicts.map(\.target.count).max() ?? 0
            for verdict in verdicts {
                text += "  " + verdict.target.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                    + verdict.outcome.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + " " + verdict.detail
                    + "\n"
            }
            return text
        }

        private var header: [String] {
            let c = configuration
            var lines = [
                "hollow bench apiserver: \(c.clients) clients, \(grouped(c.objects)) objects, \(grouped(c.nodes)) nodes, "
                    + "\(grouped(c.watchers)) watchers at \(grouped(c.writeRate)) writes/s, "
                    + "\(c.phaseDuration.components.seconds) s phases"
                    + (c.customResourceDefinitions > 0 ? ", \(c.customResourceDefinitions) CRDs installed" : "")
                    + (c.isQuick ? " (quick)" : ""),
                "\(ProcessInfo.processInfo.activeProcessorCount) cores (load average \(loadAverageAtStart.map { String(format: "%.2f", $0) } ?? "unknown") at the start); "
                    + "server and clients share this process; data on \(HostMachine.fileSystem(of: NSTemporaryDirectory())); "
                    + "HTTPS, HTTP/1.1 keep-alive; run took \(seconds(total))",
            ]
            if c.isQuick { lines.append("quick run: sizes are below the targets', so those verdicts are n/a") }
            return lines
        }

        // MARK: The table

        private var rows: [Table.Row] {
            let live = self.live
            let sqliteRate = sqlite.sequential.perSecond
            let healthzRate = live.healthz.perSecond
            var rows: [Table.Row] = [
                .init("ceilings", "", "", "", ""),
                .init("SQLite INSERT tx, 1 connection", rate(sqliteRate, "tx/s"), "", "", ""),
                .init("SQLite INSERT tx, \(sqlite.connections) connections", rate(sqlite.concurrent.perSecond, "tx/s"), "", "", ""),
                .init("GET /healthz, \(configuration.clients) clients", rate(healthzRate, "req/s"), "", "", ""),
                .init(
                    "transfer of prebuilt bytes (/openapi/v2, \(megabytes(live.transfer.documentBytes)))",
                    "\(String(format: "%.0f", live.transfer.bytesPerSecond / 1e6)) MB/s", "", "", ""),
                .init(
                    "SQLite read of state.db (\(grouped(coldStart.scan.rows)) rows, \(mebibytes(coldStart.scan.dataBytes)))",
                    milliseconds(coldStart.scan.elapsed), "", "", ""),
                .init("", "", "", "", ""),
                .init("requests", "", "", "", ""),
            ]
            func throughput(_ name: String, _ result: Throughput, target: String, ceilings: [(String, Double)]) {
                let value = rate(result.perSecond, "/s")
                if ceilings.isEmpty { rows.append(.init(name, value, target, "", "")) }
                for (index, (ceiling, ceilingRate)) in ceilings.enumerated() {
                    let cells = index == 0 ? (name, value, target) : ("", "", "")
                    rows.append(
                        .init(cells.0, cells.1, cells.2, "\(ceiling) \(rate(ceilingRate, "/s"))",
                            percent(result.perSecond / ceilingRate)))
                }
                rows.append(.init("  latency p50 / p99 / max", latencies(result.latency), "", "", ""))
            }
            throughput(
                "creates (POST ~1 KB ConfigMap)", live.creates, target: "≥ 3,000/s",
                ceilings: [("SQLite tx", sqliteRate), ("/healthz", healthzRate)])
            throughput(
                "updates (PUT with resourceVersion)", live.updates, target: "",
                ceilings: [("SQLite tx", sqliteRate), ("/healthz", healthzRate)])
            throughput("gets (GET ConfigMap)", live.gets, target: "≥ 15,000/s", ceilings: [("/healthz", healthzRate)])

            let list = live.list
            let floor = live.transfer.time(for: list.bytes)
            rows += [
                .init("", "", "", "", ""),
                .init("LIST", "", "", "", ""),
                .init("Node creates (~2 KB Node)", rate(list.creates.perSecond, "/s"), "", "/healthz \(rate(healthzRate, "/s"))", percent(list.creates.perSecond / healthzRate)),
                .init(
                    "LIST \(grouped(list.items)) nodes (\(megabytes(list.bytes))), median of \(list.timings.count)",
                    milliseconds(list.median), "< 300 ms", "transfer of the bytes \(milliseconds(floor))",
                    times(list.median / floor)),
                .init("LIST, max", milliseconds(list.max), "", "", times(list.max / floor)),
            ]

            let watch = live.watch
            let writeP99 = watch.writes.latency.p99
            rows += [
                .init("", "", "", "", ""),
                .init(
                    "watch (\(grouped(watch.watchers)) watchers; writes paced over \(watch.writerConnections) connections)",
                    "", "", "", ""),
                .init(
                    "writes achieved (planned \(grouped(configuration.writeRate))/s)", rate(watch.writes.perSecond, "/s"),
                    "1,000/s", "", percent(watch.writes.perSecond / Double(configuration.writeRate))),
                .init("  write round trip p50 / p99 / max", latencies(watch.writes.latency), "", "", ""),
                .init(
                    "events delivered", "\(grouped(watch.delivery.count)) of \(grouped(watch.expectedEvents))", "all",
                    "", ""),
                .init("delivery latency p50", milliseconds(watch.delivery.p50), "", "", ""),
                .init(
                    "delivery latency p99", milliseconds(watch.delivery.p99), "< 50 ms",
                    "write round trip p99 \(milliseconds(writeP99))", times(watch.delivery.p99 / writeP99)),
                .init("delivery latency max", milliseconds(watch.delivery.max), "", "", ""),
                .init("  events per response chunk (client side)", String(format: "%.2f", watch.eventsPerChunk), "", "", ""),
            ]

            let memory = live.memory
            let stored = coldStart.scan.dataBytes
            rows += [
                .init("", "", "", "", ""),
                .init("memory (VmRSS of this process)", "", "", "", ""),
                .init("before the cluster started", mebibytes(residentBeforeCluster), "", "", ""),
                .init("cluster serving, empty store", mebibytes(live.residentAtStart), "", "", ""),
                .init(
                    "before the fill (\(grouped(memory.configMapsBefore)) ConfigMaps, \(grouped(memory.nodes)) Nodes)",
                    mebibytes(memory.residentBefore), "", "", ""),
                .init(
                    "with \(grouped(memory.configMaps)) ConfigMaps + \(grouped(memory.nodes)) Nodes",
                    mebibytes(memory.residentAfter), "< 1 GiB",
                    "stored JSON \(mebibytes(stored))", memory.residentAfter.map { times(Double($0) / Double(stored)) } ?? ""),
                .init(
                    "  growth per object since the empty store",
                    perObject(memory.residentAfter, live.residentAtStart, objects: memory.configMaps + memory.nodes), "",
                    "stored JSON \(grouped(stored / max(coldStart.scan.rows, 1))) B/object", ""),
                .init("  peak (VmHWM)", mebibytes(memory.peakResident), "", "", ""),
                memory.fill.operations == 0
                    ? .init("fill creates (closed loop)", "none needed", "", "", "")
                    : .init(
                        "fill creates (closed loop)", rate(memory.fill.perSecond, "/s"), "",
                        "SQLite tx \(rate(sqliteRate, "/s"))", percent(memory.fill.perSecond / sqliteRate)),
                .init("", "", "", "", ""),
                .init(
                    "cold start (\(grouped(coldStart.scan.rows)) objects) to serving", seconds(coldStart.startup), "< 3 s",
                    "SQLite read \(milliseconds(coldStart.scan.elapsed))", times(coldStart.startup / coldStart.scan.elapsed)),
            ]
            return rows
        }

        /// Each phase's CPU share, in the order the phases ran.
        private var cpuShares: [(String, CPUShare)] {
            [
                ("SQLite tx, 1 connection", sqlite.sequential.cpu),
                ("SQLite tx, \(sqlite.connections) connections", sqlite.concurrent.cpu),
                ("GET /healthz", live.healthz.cpu), ("creates", live.creates.cpu), ("updates", live.updates.cpu),
                ("gets", live.gets.cpu), ("Node creates", live.list.creates.cpu), ("LIST", live.list.cpu),
                ("watch", live.watch.cpu), ("fill creates", live.memory.fill.cpu), ("cold start", coldStart.cpu),
            ]
        }

        private var notes: [String] {
            var notes: [String] = []
            let contended = cpuShares.filter { $0.1.others >= 0.25 }
            if !contended.isEmpty {
                notes.append(
                    "other processes used 0.25 cores or more during "
                        + contended.map { "\($0.0) (\(String(format: "%.2f", $0.1.others)))" }.joined(separator: ", ")
                        + ": those figures understate what this server does on an idle machine")
            }
            func failures(_ name: String, _ result: Throughput) {
                guard result.failures > 0 else { return }
                notes.append("\(name): \(grouped(result.failures)) failed, first: \(result.firstFailure ?? "?")")
            }
            failures("SQLite tx, 1 connection", sqlite.sequential)
            failures("SQLite tx, \(sqlite.connections) connections", sqlite.concurrent)
            failures("GET /healthz", live.healthz)
            failures("creates", live.creates)
            failures("updates", live.updates)
            failures("gets", live.gets)
            failures("Node creates", live.list.creates)
            failures("watch writes", live.watch.writes)
            failures("fill creates", live.memory.fill)
            if live.watch.failedWatchers > 0 {
                notes.append(
                    "watch: \(live.watch.failedWatchers) of \(live.watch.watchers) watchers failed or missed events, "
                        + "first: \(live.watch.firstWatcherFailure ?? "?")")
            }
            if live.list.items != live.list.creates.operations {
                notes.append("LIST returned \(grouped(live.list.items)) Nodes; \(grouped(live.list.creates.operations)) were created")
            }
            if coldStart.configMaps != live.memory.configMaps || coldStart.nodes != live.memory.nodes {
                notes.append(
                    "after the restart the cluster serves \(grouped(coldStart.configMaps)) ConfigMaps and "
                        + "\(grouped(coldStart.nodes)) Nodes; before it served \(grouped(live.memory.configMaps)) and "
                        + "\(grouped(live.memory.nodes))")
            }
            return notes
        }

        // MARK: Verdicts

        struct Verdict {
            enum Outcome: String { case met, missed = "MISSED", notApplicable = "n/a" }
            var target: String
            var outcome: Outcome
            var detail: String
        }

        var verdicts: [Verdict] {
            let live = self.live
            func verdict(_ target: String, _ met: Bool, _ detail: String, comparable: Bool = true, because: String = "")
                -> Verdict
            {
                comparable
                    ? Verdict(target: target, outcome: met ? .met : .missed, detail: detail)
                    : Verdict(target: target, outcome: .notApplicable, detail: detail + " (\(because))")
            }
            let watch = live.watch
            let watchComparable = configuration.writeRate >= 1_000 && watch.watchers >= 100
            let everyEvent = watch.delivery.count >= watch.expectedEvents && watch.failedWatchers == 0
            let rateHeld = watch.writes.perSecond >= 0.95 * Double(configuration.writeRate)
            var watchDetail = "p99 \(milliseconds(watch.delivery.p99)) at \(rate(watch.writes.perSecond, "writes/s"))"
            if !rateHeld { watchDetail += "; the write rate was not held" }
            if !everyEvent { watchDetail += "; events were lost" }
            let list = live.list
            let memory = live.memory
            let stored = memory.configMaps + memory.nodes
            return [
                verdict("creates ≥ 3,000/s", live.creates.perSecond >= 3_000, rate(live.creates.perSecond, "/s")),
                verdict("gets ≥ 15,000/s", live.gets.perSecond >= 15_000, rate(live.gets.perSecond, "/s")),
                verdict(
                    "watch p99 < 50 ms at 1,000 writes/s", watch.delivery.p99 < .milliseconds(50) && rateHeld && everyEvent,
                    watchDetail, comparable: watchComparable,
                    because: "ran \(grouped(watch.watchers)) watchers at \(grouped(configuration.writeRate)) writes/s; the target is for 100 at 1,000"),
                verdict(
                    "LIST of 10,000 nodes < 300 ms", list.median < .milliseconds(300),
                    "median \(milliseconds(list.median)), max \(milliseconds(list.max))", comparable: list.items >= 10_000,
                    because: "the target is for 10,000 nodes"),
                verdict(
                    "100,000 objects in < 1 GiB RSS", (memory.residentAfter ?? .max) < 1 << 30,
                    "\(mebibytes(memory.residentAfter)) with \(grouped(stored)) objects",
                    comparable: memory.configMaps >= 100_000, because: "the target is for 100,000 ConfigMaps"),
                verdict(
                    "cold start < 3 s", coldStart.startup < .seconds(3),
                    "\(seconds(coldStart.startup)) with \(grouped(coldStart.scan.rows)) objects",
                    comparable: coldStart.scan.rows >= 100_000, because: "the target is for 100,000 objects"),
            ]
        }
    }
}

/// Columns padded to their widest cell; section rows (a name and nothing else) are printed as they are.
private struct Table {
    struct Row {
        var cells: [String]
        init(_ figure: String, _ value: String, _ target: String, _ ceiling: String, _ ratio: String) {
            cells = [figure, value, target, ceiling, ratio]
        }
        var isSection: Bool { cells.dropFirst().allSatisfy(\.isEmpty) && !cells[0].hasPrefix(" ") }
    }

    static let headings = ["figure", "value", "target", "ceiling", "vs ceiling"]
    var rows: [Row]

    var rendered: String {
        let body = rows.filter { !$0.isSection }
        var widths = Self.headings.map(\.count)
        for row in body {
            for (column, cell) in row.cells.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            // Values and ratios are right-aligned, names left-aligned.
            let rightAligned: Set<Int> = [1, 4]
            return cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "   ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        var text = line(Self.headings) + "\n"
        text += String(repeating: "-", count: widths.reduce(0, +) + 3 * (widths.count - 1)) + "\n"
        for row in rows {
            if row.cells[0].isEmpty && row.isSection {
                text += "\n"
            } else if row.isSection {
                text += "[\(row.cells[0])]\n"
            } else {
                text += line(row.cells) + "\n"
            }
        }
        return text
    }
}

// MARK: Formatting

private func grouped(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(digit)
    }
    return (value < 0 ? "-" : "") + result
}

private func rate(_ perSecond: Double, _ unit: String) -> String {
    guard perSecond.isFinite else { return "—" }
    return grouped(Int(perSecond.rounded())) + (unit.hasPrefix("/") ? unit : " " + unit)
}

private func milliseconds(_ duration: Duration) -> String {
    let value = duration.inMilliseconds
    if value < 10 { return String(format: "%.2f ms", value) }
    if value < 100 { return String(format: "%.1f ms", value) }
    return grouped(Int(value.rounded())) + " ms"
}

private func seconds(_ duration: Duration) -> String {
    duration < .seconds(1) ? milliseconds(duration) : String(format: "%.2f s", duration.inSeconds)
}

private func latencies(_ summary: LatencySummary) -> String {
    [summary.p50, summary.p99, summary.max].map { String(format: $0.inMilliseconds < 10 ? "%.2f" : "%.1f", $0.inMilliseconds) }
        .joined(separator: " / ") + " ms"
}

private func mebibytes(_ bytes: Int?) -> String {
    guard let bytes else { return "unknown" }
    return String(format: "%.0f MiB", Double(bytes) / 1_048_576)
}

private func megabytes(_ bytes: Int) -> String {
    String(format: "%.1f MB", Double(bytes) / 1e6)
}

private func perObject(_ after: Int?, _ before: Int?, objects: Int) -> String {
    guard let after, let before, objects > 0 else { return "unknown" }
    return grouped((after - before) / objects) + " B/object"
}

private func percent(_ fraction: Double) -> String {
    guard fraction.isFinite else { return "—" }
    return String(format: "%.0f%%", fraction * 100)
}

private func times(_ factor: Double) -> String {
    guard factor.isFinite else { return "—" }
    return String(format: "%.1f×", factor)
}

/// Facts about the machine that explain the figures.
enum HostMachine {
    /// The one-minute load average.
    static func loadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }

    /// The type of the file system holding `path` (from /proc/mounts: the longest mount point above it).
    static func fileSystem(of path: String) -> String {
        guard let mounts = try? String(contentsOfFile: "/proc/mounts", encoding: .utf8) else { return "unknown" }
        var best: (mountPoint: String, type: String) = ("", "unknown")
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3 else { continue }
            let mountPoint = String(fields[1])
            let prefix = mountPoint.hasSuffix("/") ? mountPoint : mountPoint + "/"
            if path.hasPrefix(prefix) || path == mountPoint, mountPoint.count >= best.mountPoint.count {
                best = (mountPoint, String(fields[2]))
            }
        }
        return "\(best.type) (\(best.mountPoint))"
    }
}
