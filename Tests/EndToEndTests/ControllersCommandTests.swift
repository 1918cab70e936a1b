import Foundation
import HollowModel
import HollowTesting
import Testing

/// `hollow controllers` against a separate `hollow up --controllers none`, as one runs controllers against a
/// cluster that is not Hollow's own: scheduling, node lifecycle, and leader election between two processes.
@Suite struct ControllersCommandTests {
    static let nodeManifest = """
        apiVersion: v1
        kind: Node
        metadata:
          name: silent
          labels: {kubernetes.io/hostname: silent}
        """

    static let podManifest = """
        apiVersion: v1
        kind: Pod
        metadata: {name: waiting, namespace: default}
        spec:
          containers: [{name: app, image: example.com/app:1, resources: {requests: {cpu: 100m}}}]
        """

    static let readyStatus = """
        {"status":{"capacity":{"cpu":"4","memory":"8Gi","pods":"110"},"allocatable":{"cpu":"4","memory":"8Gi","pods":"110"},
        "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status",
        "lastHeartbeatTime":"2026-01-01T00:00:00Z","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}
        """

    /// Starts `hollow controllers` against `server`'s kubeconfig.
    static func controllers(_ server: HollowServer, _ arguments: [String]) throws -> BackgroundProcess {
        try BackgroundProcess(
            try HollowServer.binaryPath,
            ["controllers", "--kubeconfig", server.kubeconfigPath, "--log-level", "notice"] + arguments)
    }

    @Test func schedulesPodsAndMarksSilentNodesUnknown() async throws {
        try await HollowServer.with(extraArguments: ["--controllers", "none"]) { server in
            try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("node.yaml", Self.nodeManifest)])
            try await server.kubectlOK(
                .v1_33, ["patch", "node", "silent", "--subresource=status", "--type=merge", "-p", Self.readyStatus])
            try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("pod.yaml", Self.podManifest)])
            // With no controllers in the server, nobody binds the pod.
            let unbound = try await server.kubectlOK(.v1_33, ["get", "pod", "waiting", "-o", "jsonpath={.spec.nodeName}"])
            #expect(unbound.isEmpty)

            let process = try Self.controllers(
                server, ["--controllers", "scheduler,nodelifecycle", "--node-monitor-grace-period", "3s"])
            defer { process.signal(SIGKILL) }
            try await eventually(timeout: .seconds(20), "the pod to be bound") {
                try await server.kubectlOK(.v1_33, ["get", "pod", "waiting", "-o", "jsonpath={.spec.nodeName}"]) == "silent"
            }
            // The node never renews a Lease: after the grace period it is Unknown and tainted unreachable.
            try await eventually(timeout: .seconds(20), "the silent node to turn Unknown") {
                let ready = try await server.kubectlOK(
                    .v1_33, ["get", "node", "silent", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"])
                return ready == "Unknown"
            }
            let taints = try await server.kubectlOK(.v1_33, ["get", "node", "silent", "-o", "jsonpath={.spec.taints[*].key}"])
            #expect(taints.contains("node.kubernetes.io/unreachable"))
            let reason = try await server.kubectlOK(
                .v1_33, ["get", "node", "silent", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}"])
            #expect(reason == "NodeStatusUnknown")
            #expect(process.isRunning, "stderr: \(process.stderr)")
        }
    }

    @Test func onlyTheLeaderActsAndTheOtherTakesOverWhenItIsKilled() async throws {
        try await ExclusiveTestLock.run {
            try await HollowServer.with(extraArguments: ["--controllers", "none"]) { server in
                try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("node.yaml", Self.nodeManifest)])
                try await server.kubectlOK(
                    .v1_33, ["patch", "node", "silent", "--subresource=status", "--type=merge", "-p", Self.readyStatus])
                let election = [
                    "--controllers", "scheduler", "--leader-elect-lease-duration", "3s", "--leader-elect-renew-deadline", "2s",
                    "--leader-elect-retry-period", "500ms",
                ]
                let first = try Self.controllers(server, election)
                let second = try Self.controllers(server, election)
                defer {
                    first.signal(SIGKILL)
                    second.signal(SIGKILL)
                }
                @Sendable func holderPID() async throws -> Int32? {
                    let holder = try await server.kubectl(
                        .v1_33, ["get", "lease", "-n", "kube-system", "hollow-controller-manager", "-o", "jsonpath={.spec.holderIdentity}"]
                    ).stdout
                    let parts = holder.split(separator: "_")
                    return parts.count == 3 ? Int32(parts[1]) : nil
                }
                try await eventually(timeout: .seconds(20), "a leader") { try await holderPID() != nil }
                let leaderPID = try #require(try await holderPID())
                #expect([first.pid, second.pid].contains(leaderPID))
                // It stays with that one while both run (the other only watches the Lease).
                for _ in 0..<3 {
                    try await Task.sleep(for: .seconds(1))
                    #expect(try await holderPID() == leaderPID)
                }
                try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("pod.yaml", Self.podManifest)])
                try await eventually(timeout: .seconds(20), "the leader to bind the pod") {
                    try await server.kubectlOK(.v1_33, ["get", "pod", "waiting", "-o", "jsonpath={.spec.nodeName}"]) == "silent"
                }

                let (leader, follower) = first.pid == leaderPID ? (first, second) : (second, first)
                let killed = ContinuousClock.now
                leader.signal(SIGKILL)
                try await eventually(timeout: .seconds(15), "the follower to take the Lease") {
                    try await holderPID() == follower.pid
                }
                let takeover = ContinuousClock.now - killed
                // The follower may take the Lease 3 s after it last saw it renewed, and tries every 0.5–1.1 s; the bound
                // leaves room for a loaded machine (the takeover itself is timed by eventually's 15 s above).
                #expect(takeover < .seconds(10), "took \(takeover)")
                let transitions = try await server.kubectlOK(
                    .v1_33, ["get", "lease", "-n", "kube-system", "hollow-controller-manager", "-o", "jsonpath={.spec.leaseTransitions}"])
                #expect(Int(transitions) ?? 0 >= 1)

                // And the new leader acts.
                try await server.kubectlOK(
                    .v1_33,
                    ["apply", "-f", server.writeFile("pod2.yaml", Self.podManifest.replacingOccurrences(of: "waiting", with: "later"))])
                try await eventually(timeout: .seconds(20), "the new leader to bind the second pod") {
                    try await server.kubectlOK(.v1_33, ["get", "pod", "later", "-o", "jsonpath={.spec.nodeName}"]) == "silent"
                }
            }
        }
    }

    @Test(arguments: [
        (["--controllers", "schedular"], "unknown controller \"schedular\""),
        (["--node-monitor-grace-period", "0s"], "--node-monitor-grace-period must be positive"),
        (["--leader-elect-lease", "nolease"], "--leader-elect-lease must be NAMESPACE/NAME"),
    ])
    func badFlagsFailWithOneLine(arguments: [String], message: String) async throws {
        let directory = try TemporaryDirectory.make(prefix: "controllers-flags")
        let kubeconfig = directory + "/kubeconfig"
        try "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \"https://127.0.0.1:1\"}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\nusers: [{name: u, user: {token: t}}]\ncurrent-context: c\n"
            .write(toFile: kubeconfig, atomically: true, encoding: .utf8)
        let output = try await ProcessRunner.run(
            try HollowServer.binaryPath, ["controllers", "--kubeconfig", kubeconfig] + arguments, timeout: .seconds(20))
        #expect(output.status != 0)
        #expect(output.stderr.contains(message), "\(output.stderr)")
        #expect(output.stderr.split(separator: "\n").count == 1, "\(output.stderr)")
    }
}
