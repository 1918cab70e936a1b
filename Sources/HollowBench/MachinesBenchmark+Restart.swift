import Foundation
import HollowClient
import HollowControllers
import HollowModel
import HollowRuntime
import Logging

/// What a `kill -9` in the middle of a scale-up left, and how the restarted process recovered.
public struct RestartReport: Sendable {
    public var machines: Int
    /// Machines that existed when the process was killed.
    public var machinesWhenKilled: Int
    /// From the restart until exactly `machines` Machines and as many Nodes exist, one Node per Machine.
    public var exact: Duration?
    /// From the restart until every Machine is Running with a nodeRef and every node Ready.
    public var settled: Duration?
    /// The restarted process's CPU use from its start until ``exact``, and everything else's.
    public var cpuUntilExact: CPUShare?
    /// The most Machines and kubemark Nodes seen at once after the restart.
    public var mostMachines: Int
    public var mostNodes: Int
    /// At the end: Machines, Nodes, Nodes without a Machine, Machines without a Node.
    public var finalMachines: Int
    public var finalNodes: Int
    public var orphanNodes: Int
    public var machinesWithoutNode: Int

    func lines(verdict: (Bool) -> String) -> [String] {
        let clean = mostMachines <= machines && mostNodes <= machines && orphanNodes == 0 && machinesWithoutNode == 0
        return [
            "  kill -9 mid-scale-up (0 → \(machines), killed at \(machinesWhenKilled) machines), restart on the same data:",
            "    exactly \(machines) machines and \(machines) nodes, one to one, after \(secondsText(exact))   target < 10 s: \(verdict((exact ?? .seconds(999)) < .seconds(10)))",
            cpuUntilExact.map {
                String(format: "    the restarted process used %.2f cores until then (other processes: %.2f)", $0.process, $0.others)
            } ?? "    the restarted process's CPU use: not measured",
            "    every Machine Running and node Ready after \(secondsText(settled))",
            "    most seen at once: \(mostMachines) machines, \(mostNodes) nodes; at the end \(finalMachines) machines, \(finalNodes) nodes, \(orphanNodes) nodes without a machine, \(machinesWithoutNode) machines without a node   no duplicates or orphans: \(verdict(clean))",
        ]
    }
}

extension MachinesBenchmark {
    /// Runs `hollow up` as a child process on a fresh data directory, scales a MachineSet to `machines`, kills the
    /// process with SIGKILL once half of them exist, starts it again on the same data and watches it converge.
    func measureRestart(_ executable: String, scratch: String) async throws -> RestartReport {
        let machines = configuration.machines
        let directory = scratch + "/restart"
        progress("kill -9: starting hollow up on \(directory)")
        let first = try ClusterProcess(executable: executable, directory: directory)
        let killedAt: Int
        do {
            killedAt = try await first.withClient(logger: logger) { client in
                _ = try await client.resource(MachineSet.self).create(
                    Self.machineSet(replicas: machines), namespace: Self.namespace)
                while true {
                    let count = try await client.resource(Machine.self).list(namespace: Self.namespace).items.count
                    if count >= machines / 2 { return count }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
        } catch {
            first.kill()
            throw error
        }
        first.kill()
        progress("kill -9 at \(killedAt) machines; restarting")
        let restartStart = ContinuousClock.now
        let second = try ClusterProcess(executable: executable, directory: directory)
        let cpu = CPUMeter(processID: second.process.processIdentifier)
        defer { second.stop() }
        return try await second.withClient(logger: logger) { client in
            // Watched through informers, not listed: a poll that lists 1,000 machines and nodes several times a
            // second would load the very process it measures.
            let informers = SharedInformerFactory(client: client, logger: logger)
            let machineInformer = informers.informer(Machine.self, namespace: Self.namespace)
            let nodeInformer = informers.informer(Node.self)
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await informers.run() }
                defer { group.cancelAll() }
                try await informers.waitForSync()
                var report = RestartReport(
                    machines: machines, machinesWhenKilled: killedAt, mostMachines: 0, mostNodes: 0, finalMachines: 0,
                    finalNodes: 0, orphanNodes: 0, machinesWithoutNode: 0)
                var stableSince: ContinuousClock.Instant?
                var nextProgress = restartStart + .seconds(1)
                while ContinuousClock.now - restartStart < .seconds(120) {
                    let snapshot = RestartSnapshot(machines: machineInformer.list(), nodes: nodeInformer.list())
                    if ContinuousClock.now >= nextProgress {
                        // Where the restarted process is, so a slow recovery shows which stage lags.
                        progress(
                            "restart at \(secondsText(ContinuousClock.now - restartStart)): \(snapshot.progressText)")
                        nextProgress += .seconds(1)
                    }
                    report.mostMachines = max(report.mostMachines, snapshot.machines.count)
                    report.mostNodes = max(report.mostNodes, snapshot.nodes.count)
                    report.finalMachines = snapshot.machines.count
                    report.finalNodes = snapshot.nodes.count
                    report.orphanNodes = snapshot.orphanNodes
                    report.machinesWithoutNode = snapshot.machinesWithoutNode
                    let now = ContinuousClock.now
                    if report.exact == nil, snapshot.isExact(machines) {
                        report.exact = now - restartStart
                        report.cpuUntilExact = cpu.share()
                    }
                    if snapshot.isExact(machines), snapshot.isSettled {
                        if report.settled == nil { report.settled = now - restartStart }
                        // Hold still for two more seconds to see that nothing more is created.
                        if let since = stableSince, now - since > .seconds(2) { break }
                        stableSince = stableSince ?? now
                    }
                    try await Task.sleep(for: .milliseconds(50))
                }
                return report
            }
        }
    }
}

/// Machines and kubemark Nodes of the restarted cluster at one moment.
private struct RestartSnapshot {
    let machines: [Machine]
    let nodes: [Node]

    init(machines: [Machine], nodes: [Node]) {
        self.machines = machines
        self.nodes = nodes.filter { $0.providerID?.hasPrefix("kubemark://") ?? false }
    }

    var machineNames: Set<String> { Set(machines.map(\.name)) }
    var nodeNames: Set<String> { Set(nodes.map(\.name)) }
    var orphanNodes: Int { nodeNames.subtracting(machineNames).count }
    var machinesWithoutNode: Int { machineNames.subtracting(nodeNames).count }

    func isExact(_ count: Int) -> Bool {
        machines.count == count && nodes.count == count && orphanNodes == 0 && machinesWithoutNode == 0
    }

    /// `M machines (R Running), N nodes (K Ready)`.
    var progressText: String {
        let running = machines.count { $0.phase == .running }
        let ready = nodes.count(where: \.isReady)
        return "\(machines.count) machines (\(running) Running), \(nodes.count) nodes (\(ready) Ready)"
    }

    var isSettled: Bool {
        let ready = Set(nodes.filter(\.isReady).map(\.name))
        return machines.allSatisfy { $0.phase == .running && $0.nodeName.map(ready.contains) == true }
    }
}

/// `hollow up --port 0 --workers 0` on `directory` as a child process.
private final class ClusterProcess: Sendable {
    let process: Process
    let directory: String

    init(executable: String, directory: String) throws {
        self.directory = directory
        try? FileManager.default.removeItem(atPath: directory + "/kubeconfig")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["up", "--name", "bench-restart", "--data-dir", directory, "--port", "0", "--workers", "0"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// Waits for the cluster's kubeconfig and a first successful request, then runs `body` with a client.
    func withClient<T: Sendable>(
        logger: Logger, _ body: (KubernetesClient) async throws -> T
    ) async throws -> T {
        let path = directory + "/kubeconfig"
        let deadline = ContinuousClock.now + .seconds(60)
        while !FileManager.default.fileExists(atPath: path) {
            guard process.isRunning else { throw BenchmarkError("hollow up exited with status \(process.terminationStatus)") }
            guard ContinuousClock.now < deadline else { throw BenchmarkError("hollow up wrote no kubeconfig in 60 s") }
            try await Task.sleep(for: .milliseconds(10))
        }
        var configuration = try KubeconfigLoader(explicitPath: path).load()
        configuration.qps = 0
        configuration.requestTimeout = .seconds(60)
        return try await KubernetesClient.withClient(configuration, logger: logger) { client in
            // Serving, with the Machine API installed (hollow up installs it once it serves).
            while true {
                do {
                    _ = try await client.resource(MachineSet.self).listPage(namespace: MachineAPI.namespace)
                    break
                } catch {
                    guard process.isRunning else {
                        throw BenchmarkError("hollow up exited with status \(process.terminationStatus)")
                    }
                    guard ContinuousClock.now < deadline else {
                        throw BenchmarkError("hollow up did not serve the Machine API within 60 s: \(error)")
                    }
                    try await Task.sleep(for: .milliseconds(10))
                }
            }
            return try await body(client)
        }
    }

    /// SIGKILL, as a crash would.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// SIGTERM, a graceful stop.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }
}
