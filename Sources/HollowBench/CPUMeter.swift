import Foundation

/// How many cores a phase used: this process (server and clients) and every other process on the machine.
///
/// The machine is shared and has two cores; a phase during which other processes used a large share of them did
/// not measure this server alone, and the report says so.
public struct CPUShare: Sendable {
    /// Cores used by this process on average over the interval.
    public var process: Double
    /// Cores used by everything else on the machine on average over the interval.
    public var others: Double
}

/// Snapshots of CPU time, taken before and after a phase.
struct CPUMeter {
    private let wall: ContinuousClock.Instant
    /// The process measured, `nil` for this one.
    private let processID: Int32?
    private let process: Double
    private let machine: Double?

    /// Starts measuring this process, or the one with `processID` (a child, say).
    init(processID: Int32? = nil) {
        wall = ContinuousClock.now
        self.processID = processID
        process = Self.processSeconds(processID) ?? 0
        machine = Self.machineBusySeconds()
    }

    /// The share since `init`.
    func share() -> CPUShare {
        let elapsed = (ContinuousClock.now - wall).inSeconds
        guard elapsed > 0 else { return CPUShare(process: 0, others: 0) }
        let processCores = ((Self.processSeconds(processID) ?? process) - process) / elapsed
        guard let machine, let machineNow = Self.machineBusySeconds() else {
            return CPUShare(process: processCores, others: .nan)
        }
        return CPUShare(process: processCores, others: max(0, (machineNow - machine) / elapsed - processCores))
    }

    /// User and system time of the process with `processID` (`/proc/<pid>/stat`), or of this one, in seconds.
    private static func processSeconds(_ processID: Int32?) -> Double? {
        guard let processID else { return processSeconds() }
        guard let stat = try? String(contentsOfFile: "/proc/\(processID)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm) ": state is field 3, utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// User and system time of this process, in seconds.
    private static func processSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Busy time of all CPUs (user, nice, system, irq, softirq, steal) from `/proc/stat`, in seconds.
    private static func machineBusySeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = stat.split(separator: "\n").first, line.hasPrefix("cpu ")
        else { return nil }
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 8 else { return nil }
        let busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7]
        return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
