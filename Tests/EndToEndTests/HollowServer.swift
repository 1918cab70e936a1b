import Foundation
import HollowTesting
import Testing

/// The built `hollow` binary running `hollow up --port 0 --data-dir DIR`, as a user starts it.
///
/// `start` waits (with a deadline) for the one line `hollow up` prints when it serves and reads the URL and the
/// kubeconfig path from it. Whoever starts a server stops it: `with(…)` does so when its body returns or throws.
struct HollowServer: Sendable {
    let process: BackgroundProcess
    let dataDirectory: String
    let url: String
    let port: Int
    let kubeconfigPath: String

    /// The `hollow` executable next to the running test bundle (`.build/<config>/hollow`), or `$HOLLOW_BINARY`.
    static var binaryPath: String {
        get throws {
            if let path = ProcessInfo.processInfo.environment["HOLLOW_BINARY"] { return path }
            var candidates: [URL] = []
            let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            candidates.append(argument0.deletingLastPathComponent())
            if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
                candidates.append(executable.deletingLastPathComponent())
            }
            // On macOS the test binary is inside `hollowPackageTests.xctest/Contents/MacOS/`.
            for directory in candidates {
                var current = directory
                for _ in 0..<4 {
                    let path = current.appendingPathComponent("hollow").path
                    var isDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                        FileManager.default.isExecutableFile(atPath: path)
                    {
                        return path
                    }
                    current = current.deletingLastPathComponent()
                }
            }
            throw TestClusterError(
                "cannot find the hollow binary next to \(CommandLine.arguments[0]); build it or set HOLLOW_BINARY")
        }
    }

    /// Starts `hollow up` on a free port with `dataDirectory` (a new temporary one by default) and waits until it
    /// prints its ready line.
    static func start(
        dataDirectory: String? = nil, extraArguments: [String] = [], readyTimeout: Duration = .seconds(60)
    ) async throws -> HollowServer {
        let directory = try dataDirectory ?? TemporaryDirectory.make(prefix: "hollow-e2e")
        // No worker machines unless a test asks for them: most tests count nodes or pods of their own.
        let workers = extraArguments.contains("--workers") ? [] : ["--workers", "0"]
        let process = try BackgroundProcess(
            try binaryPath, ["up", "--port", "0", "--data-dir", directory] + workers + extraArguments)
        let deadline = ContinuousClock.now + readyTimeout
        while ContinuousClock.now < deadline {
            if let ready = ReadyLine(process.stdout) {
                return HollowServer(
                    process: process, dataDirectory: directory, url: ready.url, port: ready.port,
                    kubeconfigPath: ready.kubeconfigPath)
            }
            if !process.isRunning {
                let termination = try await process.waitForExit(timeout: .seconds(5))
                throw TestClusterError(
                    "hollow up ended (\(termination)) before serving; stdout: \(process.stdout) stderr: \(process.stderr)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        await process.stop()
        throw TestClusterError(
            "hollow up printed no ready line within \(readyTimeout); stdout: \(process.stdout) stderr: \(process.stderr)")
    }

    /// Starts a server, runs `body`, then stops the server (SIGTERM) whether `body` succeeded or not.
    ///
    /// A temporary data directory made here is removed after a success and kept after a failure, for a look.
    static func with<T: Sendable>(
        dataDirectory: String? = nil, extraArguments: [String] = [], _ body: (HollowServer) async throws -> T
    ) async throws -> T {
        // Timing-sensitive tests run while no server starts (see ExclusiveTestLock).
        try await ExclusiveTestLock.shared {
            let server = try await start(dataDirectory: dataDirectory, extraArguments: extraArguments)
            do {
                let result = try await body(server)
                await server.process.stop(timeout: .seconds(10))
                if dataDirectory == nil { try? FileManager.default.removeItem(atPath: server.dataDirectory) }
                return result
            } catch {
                await server.process.stop(timeout: .seconds(10))
                throw error
            }
        }
    }

    /// Stops the server with SIGTERM and waits for it to exit.
    func stop() async throws -> BackgroundProcess.Termination {
        process.terminate()
        return try await process.waitForExit(timeout: .seconds(20))
    }

    /// Runs kubectl `version` against this server with `--kubeconfig` and its own discovery cache directory.
    func kubectl(
        _ version: Kubectl, _ arguments: [String], stdin: String? = nil, timeout: Duration = .seconds(60)
    ) async throws -> ProcessOutput {
        try await ProcessRunner.run(
            version.path, kubectlArguments(version) + arguments, stdin: stdin, timeout: timeout)
    }

    /// The arguments that point kubectl `version` at this server.
    func kubectlArguments(_ version: Kubectl) -> [String] {
        ["--kubeconfig", kubeconfigPath, "--cache-dir", "\(dataDirectory)/kubectl-cache-\(version.rawValue)"]
    }

    /// Runs kubectl and requires exit status 0, returning standard output.
    @discardableResult
    func kubectlOK(
        _ version: Kubectl, _ arguments: [String], stdin: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> String {
        let output = try await kubectl(version, arguments, stdin: stdin)
        try #require(
            output.status == 0,
            "kubectl \(version.rawValue) \(arguments.joined(separator: " ")) failed (\(output.status)): \(output.stderr)\(output.stdout)",
            sourceLocation: sourceLocation)
        return output.stdout
    }

    /// Writes `text` to a new file in the data directory and returns its path.
    func writeFile(_ name: String, _ text: String) throws -> String {
        let path = "\(dataDirectory)/\(name)"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// `hollow: cluster "default" is up at https://127.0.0.1:PORT — export KUBECONFIG=DIR/kubeconfig`.
struct ReadyLine: Equatable {
    var clusterName: String
    var url: String
    var port: Int
    var kubeconfigPath: String

    init?(_ output: String) {
        for line in output.split(separator: "\n") {
            guard line.hasPrefix("hollow: cluster \""), let upAt = line.range(of: "\" is up at "),
                let export = line.range(of: " — export KUBECONFIG=")
            else { continue }
            let nameStart = line.index(line.startIndex, offsetBy: "hollow: cluster \"".count)
            clusterName = String(line[nameStart..<upAt.lowerBound])
            url = String(line[upAt.upperBound..<export.lowerBound])
            kubeconfigPath = String(line[export.upperBound...])
            guard let colon = url.lastIndex(of: ":"), let port = Int(url[url.index(after: colon)...]) else {
                return nil
            }
            self.port = port
            return
        }
        return nil
    }
}

/// The kubectl versions the end-to-end tests drive: the oldest and newest on the machine.
enum Kubectl: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case v1_27 = "1.27"
    case v1_33 = "1.33"

    var path: String { "/usr/lib/google-cloud-sdk/bin/kubectl.\(rawValue)" }
    /// A suffix for object names, so that the runs for each version do not collide.
    var suffix: String { "v" + rawValue.replacingOccurrences(of: ".", with: "") }
    var testDescription: String { "kubectl \(rawValue)" }
}

/// Shares one `hollow up` among the tests of a suite: started before the first test, stopped after the last.
struct SharedHollowServer: SuiteTrait, TestScoping {
    @TaskLocal static var current: HollowServer?
    /// Extra `hollow up` arguments.
    var arguments: [String] = []

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await HollowServer.with(extraArguments: arguments) { server in
            try await Self.$current.withValue(server) { try await function() }
        }
    }
}

extension Trait where Self == SharedHollowServer {
    /// Runs the suite's tests against one shared `hollow up`; each test uses its own names or namespace.
    static var sharedHollowServer: Self { SharedHollowServer() }

    /// A shared `hollow up` that serves the API alone (`--controllers none`), for suites that check objects exactly
    /// as written — no scheduler binding pods, no node lifecycle tainting nodes.
    static var sharedHollowServerWithoutControllers: Self { SharedHollowServer(arguments: ["--controllers", "none"]) }
}

extension HollowServer {
    /// The suite's shared server (see `SharedHollowServer`).
    static var shared: HollowServer {
        get throws { try #require(SharedHollowServer.current, "the suite needs the .sharedHollowServer trait") }
    }
}

/// Text helpers for kubectl's tabular output.
enum Columns {
    /// The whitespace-separated words of a table line; headers such as `NOMINATED NODE` come out as two words.
    static func words(_ line: some StringProtocol) -> [String] {
        String(line).split(whereSeparator: { (character: Character) in character == " " || character == "\t" }).map(String.init)
    }

    /// The lines of `output`, without empty ones.
    static func lines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init)
    }

    /// The row whose first word is `name`.
    static func row(_ output: String, named name: String) -> [String]? {
        lines(output).map(words).first { $0.first == name }
    }

    /// Removes ANSI colour escapes (`kubectl cluster-info` prints them).
    static func stripANSI(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }
}
