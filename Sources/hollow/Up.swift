import ArgumentParser
import Foundation
import HollowAPIServer
import HollowPKI
import Logging

/// `hollow up`: runs a cluster in the foreground until SIGINT or SIGTERM.
struct Up: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a Hollow cluster in the foreground (Ctrl-C stops it).")

    @Option(help: "The cluster's name.")
    var name = "default"

    @Option(help: "Where the cluster keeps its state (default: ~/.hollow/clusters/<name>).")
    var dataDir: String?

    @Option(help: "The address to listen on.")
    var address = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free port).")
    var port = 6443

    @Option(help: "The Kubernetes version the server reports.")
    var kubernetesVersion = "v1.31.0"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !name.isEmpty, isDNS1123Label(name) else {
            throw ValidationError("--name must be a lowercase RFC 1123 label (letters, digits and '-')")
        }
        guard kubernetesVersion.range(of: #"^v\d+\.\d+\.\d+([-+].*)?$"#, options: .regularExpression) != nil else {
            throw ValidationError("--kubernetes-version must look like v1.31.0")
        }
    }

    func run() async throws {
        var logger = Logger(label: "hollow")
        logger.logLevel = logLevel
        let directory = try dataDir.map { ClusterDirectory(path: $0) } ?? ClusterDirectory.default(clusterName: name)
        let cluster = LocalCluster(
            configuration: .init(
                name: name, directory: directory, host: address, port: port, kubernetesVersion: kubernetesVersion))
        let clusterName = name
        do {
            try await cluster.run(logger: logger, handleSignals: true) { serving in
                let line = "hollow: cluster \"\(clusterName)\" is up at \(serving.url) — export KUBECONFIG=\(serving.kubeconfigPath)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch let error as PKIError {
            throw CommandFailure(error.message)
        }
    }

    private func isDNS1123Label(_ value: String) -> Bool {
        value.count <= 63 && value.range(of: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", options: .regularExpression) != nil
    }
}

/// A failure reported as one line on standard error with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
