import ArgumentParser
import Foundation
import HollowClient
import HollowControllers
import HollowModel
import Logging

/// `hollow install`: puts APIs Hollow provides into any cluster.
struct Install: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Install an API Hollow provides into any Kubernetes cluster.",
        subcommands: [InstallMachineAPI.self])
}

/// `hollow install machine-api`: the Machine API's CRDs, namespace and RBAC, applied as `kubectl apply` would.
struct InstallMachineAPI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "machine-api",
        abstract: "Install the Machine API (machine.openshift.io/v1beta1 CRDs, namespace and RBAC) into a cluster.",
        discussion: """
            Creates or updates the namespace \(MachineAPI.namespace), the CustomResourceDefinitions for Machine, \
            MachineSet, MachineDeployment, MachineHealthCheck and Cluster (waiting until each is Established), the \
            ServiceAccount \(MachineAPIInstaller.serviceAccountName) and the ClusterRole and ClusterRoleBinding \
            \(MachineAPIInstaller.clusterRoleName). Safe to run again: what is already in place is left unchanged.
            """)

    @OptionGroup var cluster: ClusterOptions

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    func run() async throws {
        var logger = Logger(label: "hollow.install")
        logger.logLevel = logLevel
        var configuration = try loadClientConfiguration(kubeconfig: cluster.kubeconfig, context: cluster.context)
        configuration.userAgent = "hollow-install"
        configuration.maxRetries = 2
        configuration.requestTimeout = .seconds(20)
        do {
            _ = try await KubernetesClient.withClient(configuration, logger: logger) { client in
                try await MachineAPIInstaller.install(client, logger: logger) { applied in
                    FileHandle.standardOutput.write(Data("\(applied)\n".utf8))
                }
            }
        } catch let error as APIError {
            throw CommandFailure("installing the Machine API: \(error.message)")
        } catch {
            throw CommandFailure("installing the Machine API: \(error)")
        }
    }
}
