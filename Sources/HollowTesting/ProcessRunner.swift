import Foundation

/// The outcome of a finished process.
public struct ProcessOutput: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var succeeded: Bool { status == 0 }
}

/// Runs programs the way a user would, for end-to-end tests.
public enum ProcessRunner {
    /// A process for `executable` with the current environment plus `environment`, its output and error piped.
    static func makeProcess(
        _ executable: String, _ arguments: [String], environment: [String: String]
    ) -> (process: Process, output: Pipe, error: Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        return (process, output, error)
    }

    /// Runs `executable` with `arguments` and waits for it (killing it after `timeout`).
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil,
        timeout: Duration = .seconds(60)
    ) async throws -> ProcessOutput {
        let (process, out, err) = makeProcess(executable, arguments, environment: environment)
        let input = Pipe()
        process.standardInput = input
        let outData = DataCollector(out.fileHandleForReading)
        let errData = DataCollector(err.fileHandleForReading)
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now > deadline {
                process.terminate()
                break
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        process.waitUntilExit()
        return ProcessOutput(status: process.terminationStatus, stdout: outData.finish(), stderr: errData.finish())
    }
}

/// Drains a pipe on a background thread so that a chatty child never blocks on a full pipe.
final class DataCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                lock.lock()
                data.append(chunk)
                lock.unlock()
            }
            done.signal()
        }
    }

    func finish() -> String {
        done.wait()
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Waits until `condition` holds, checking every `interval`, failing after `timeout`.
public func eventually(
    timeout: Duration = .seconds(30), interval: Duration = .milliseconds(50), _ message: String = "condition",
    _ condition: @Sendable () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: interval)
    }
    if try await condition() { return }
    throw TestClusterError("timed out after \(timeout) waiting for \(message)")
}
