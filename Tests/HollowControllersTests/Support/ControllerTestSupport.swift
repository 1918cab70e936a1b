import HollowClient
import HollowControllers
import HollowTesting
import Logging
import Synchronization

// Support for tests that run controllers against a real server: a log that keeps the controllers' lines to show
// when a test times out, a wait that shows them, and a ControllerManager run beside a test's body.

/// Keeps the controllers' log lines of `level` and above, to show when a test times out (tests never bootstrap the
/// logging system).
final class ControllerLogRecorder: Sendable {
    private let records = Mutex<[String]>([])
    let level: Logger.Level

    init(level: Logger.Level = .warning) { self.level = level }

    var lines: [String] { records.withLock { $0 } }

    func handler() -> some LogHandler { Handler(recorder: self, logLevel: level) }

    private struct Handler: LogHandler {
        let recorder: ControllerLogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level

        init(recorder: ControllerLogRecorder, logLevel: Logger.Level) {
            self.recorder = recorder
            self.logLevel = logLevel
        }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var all = metadata
            if let extra = event.metadata { all.merge(extra) { $1 } }
            let fields = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            let line = "\(event.level) \(event.message) " + fields.joined(separator: " ")
            recorder.records.withLock { $0.append(line) }
        }
    }
}

/// Waits until `probe` returns a value, and returns it; fails with the last 40 lines `logs` kept after `timeout`.
@discardableResult
func awaitValue<T: Sendable>(
    _ what: String, timeout: Duration, logs: ControllerLogRecorder, _ probe: @Sendable () async throws -> T?
) async throws -> T {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try await probe() { return value }
        guard ContinuousClock.now < deadline else {
            throw TestClusterError(
                "timed out after \(timeout) waiting for \(what); controller log:\n"
                    + logs.lines.suffix(40).joined(separator: "\n"))
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}

/// Runs a ``ControllerManager`` with `controllers` beside `body`, and cancels it when `body` returns or throws.
func withControllerManager<T: Sendable>(
    client: KubernetesClient, controllers: [ControllerName], options: ControllerOptions = ControllerOptions(workers: 2),
    logger: Logger, machineActuator: (any MachineActuator)? = nil, _ body: () async throws -> T
) async throws -> T {
    try await withBackgroundTask(
        {
            try await ControllerManager(
                client: client, controllers: controllers, options: options, logger: logger,
                machineActuator: machineActuator
            ).run()
        }, body)
}

/// Runs `task` as a child task beside `body`, and cancels it when `body` returns or throws.
func withBackgroundTask<T: Sendable>(
    _ task: @escaping @Sendable () async throws -> Void, _ body: () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await task() }
        do {
            let result = try await body()
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}
