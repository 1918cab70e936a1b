import Foundation
import HollowModel
import HollowTesting
import Testing

/// A kubectl release on the machine, for tests whose outcome depends on the client: 1.27 (the oldest), 1.30,
/// 1.32 (the first to send protobuf bodies for `kubectl create <kind>`) and 1.33 (the newest).
enum KubectlRelease: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case v1_27 = "1.27"
    case v1_30 = "1.30"
    case v1_32 = "1.32"
    case v1_33 = "1.33"

    /// The oldest, a middle and the newest release: what most version-dependent tests run with.
    static let spread: [KubectlRelease] = [.v1_27, .v1_30, .v1_33]

    var path: String { "/usr/lib/google-cloud-sdk/bin/kubectl.\(rawValue)" }
    /// A suffix for object names, so that the runs for each release do not collide.
    var suffix: String { "v" + rawValue.replacingOccurrences(of: ".", with: "") }
    /// kubectl 1.32+ sends `create configmap|secret|namespace|…` bodies as `application/vnd.kubernetes.protobuf`.
    var sendsProtobufBodies: Bool { self == .v1_32 || self == .v1_33 }
    var testDescription: String { "kubectl \(rawValue)" }
}

/// kubectl `release` pointed at one server with one kubeconfig, as a user runs it.
///
/// Each release keeps its own discovery cache in the server's data directory; `with(kubeconfig:)` swaps the
/// credentials (a token-only kubeconfig) and keeps the rest.
struct KubectlClient: Sendable {
    let release: KubectlRelease
    let server: HollowServer
    let kubeconfigPath: String

    /// The flags that point kubectl at the server.
    var globalArguments: [String] {
        ["--kubeconfig", kubeconfigPath, "--cache-dir", "\(server.dataDirectory)/kubectl-cache-\(release.suffix)"]
    }

    /// The same release and server with another kubeconfig.
    func with(kubeconfig path: String) -> KubectlClient {
        KubectlClient(release: release, server: server, kubeconfigPath: path)
    }

    /// Runs kubectl with `arguments` and returns what it printed and its exit status.
    func run(_ arguments: [String], stdin: String? = nil, timeout: Duration = .seconds(60)) async throws -> ProcessOutput {
        try await ProcessRunner.run(release.path, globalArguments + arguments, stdin: stdin, timeout: timeout)
    }

    /// Runs kubectl, requires exit status 0 and returns standard output.
    @discardableResult
    func ok(_ arguments: [String], stdin: String? = nil, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> String
    {
        let output = try await run(arguments, stdin: stdin)
        try #require(
            output.status == 0,
            "kubectl \(release.rawValue) \(arguments.joined(separator: " ")) failed (\(output.status)): \(output.stderr)\(output.stdout)",
            sourceLocation: sourceLocation)
        return output.stdout
    }

    /// Runs kubectl with `-o json` appended, requires success and parses the output.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSON {
        try JSON(parsing: try await ok(arguments + ["-o", "json"], sourceLocation: sourceLocation))
    }

    /// Whether `kubectl get <arguments>` answers NotFound (exit status 1 and kubectl's NotFound line).
    func isNotFound(_ arguments: [String]) async throws -> Bool {
        let output = try await run(["get"] + arguments)
        return output.status == 1 && output.stderr.contains("(NotFound)")
    }

    /// Writes `manifest` to `name` in the server's data directory and returns the path, for `-f`.
    func file(_ name: String, _ manifest: String) throws -> String {
        try server.writeFile("\(release.suffix)-\(name)", manifest)
    }
}

extension HollowServer {
    /// kubectl `release` with the admin kubeconfig `hollow up` wrote.
    func client(_ release: KubectlRelease) -> KubectlClient {
        KubectlClient(release: release, server: self, kubeconfigPath: kubeconfigPath)
    }
}

extension KubectlClient {
    /// Runs kubectl, requires success and returns its output without surrounding whitespace (one-line answers
    /// such as `configmap/x created`).
    func line(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await ok(arguments, sourceLocation: sourceLocation).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
