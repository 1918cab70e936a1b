import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A program running alongside a test (a server, `kubectl get -w`), whose output can be read while it runs.
///
/// The process starts in `init`. Whoever starts it stops it: `terminate()` / `signal(_:)` then `waitForExit`; if
/// the value is dropped while the process still runs, `deinit` kills it so that no test leaves a child behind.
public final class BackgroundProcess: Sendable {
    /// How a process ended.
    public enum Termination: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        case signalled(Int32)
        public var description: String {
            switch self {
            case .exited(let status): "exit status \(status)"
            case .signalled(let signal): "signal \(signal)"
            }
        }
    }

    private let process: UncheckedProcess
    private let out: OutputCollector
    private let err: OutputCollector
    public let pid: Int32
    public let commandLine: String

    /// Starts `executable` with `arguments`, the current environment plus `environment`, and stdin closed.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let (process, outPipe, errPipe) = ProcessRunner.makeProcess(executable, arguments, environment: environment)
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        self.process = UncheckedProcess(process: process)
        self.out = OutputCollector(outPipe.fileHandleForReading)
        self.err = OutputCollector(errPipe.fileHandleForReading)
        self.pid = process.processIdentifier
        self.commandLine = ([executable] + arguments).joined(separator: " ")
    }

    deinit {
        if process.process.isRunning { kill(pid, SIGKILL) }
    }

    /// Everything written to standard output so far.
    public var stdout: String { out.text }
    /// Everything written to standard error so far.
    public var stderr: String { err.text }
    /// Complete lines of standard output so far.
    public var stdoutLines: [String] { out.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }

    public var isRunning: Bool { process.process.isRunning }

    /// Sends `signal` (e.g. `SIGTERM`, `SIGKILL`) to the process.
    public func signal(_ signal: Int32) {
        if process.process.isRunning { kill(pid, signal) }
    }

    /// Sends SIGTERM.
    public func terminate() { signal(SIGTERM) }

    /// Waits up to `timeout` for the process to end; on timeout kills it (SIGKILL) and throws.
    @discardableResult
    public func waitForExit(timeout: Duration = .seconds(20)) async throws -> Termination {
        let deadline = ContinuousClock.now + timeout
        while process.process.isRunning {
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                process.process.waitUntilExit()
                throw TestClusterError("\(commandLine) did not exit within \(timeout); killed it")
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        process.process.waitUntilExit()
        // Let the readers drain what the process wrote before it died.
        out.waitForEnd(timeout: .seconds(5))
        err.waitForEnd(timeout: .seconds(5))
        let status = process.process.terminationStatus
        return process.process.terminationReason == .uncaughtSignal ? .signalled(status) : .exited(status)
    }

    /// Stops the process with SIGTERM (SIGKILL after `timeout`) if it still runs, and waits for it.
    @discardableResult
    public func stop(timeout: Duration = .seconds(20)) async -> Termination? {
        terminate()
        return try? await waitForExit(timeout: timeout)
    }
}

/// `Process` is not `Sendable`; every use here is a thread-safe query or a one-time start.
private struct UncheckedProcess: @unchecked Sendable {
    let process: Process
}

/// Drains a pipe on a background thread, keeping what was read readable at any time.
private final class OutputCollector: Sendable {
    private struct State {
        var data = Data()
        var ended = false
    }

    private let state = Mutex(State())

    init(_ handle: FileHandle) {
        let unchecked = UncheckedHandle(handle: handle)
        Thread.detachNewThread { [self] in
            while true {
                let chunk = unchecked.handle.availableData
                if chunk.isEmpty { break }
                state.withLock { $0.data.append(chunk) }
            }
            state.withLock { $0.ended = true }
        }
    }

    var text: String { state.withLock { String(decoding: $0.data, as: UTF8.self) } }

    func waitForEnd(timeout: Duration) {
        let deadline = ContinuousClock.now + timeout
        while !state.withLock({ $0.ended }), ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
    }
}

private struct UncheckedHandle: @unchecked Sendable {
    let handle: FileHandle
}
