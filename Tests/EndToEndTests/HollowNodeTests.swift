import Foundation
import HollowClient
import HollowModel
import HollowTesting
import Testing

/// Hollow nodes with the real kubectl: `hollow up --nodes 3`, workloads running on them, failures injected with
/// `hollow node fail` and healed, and kubemark's health schedules observed on the wire.
struct HollowNodeTests {
    /// Runs `hollow node …` against `server`.
    static func hollowNode(_ server: HollowServer, _ arguments: [String]) async throws -> ProcessOutput {
        try await ProcessRunner.run(
            try HollowServer.binaryPath, ["node"] + arguments + ["--kubeconfig", server.kubeconfigPath], timeout: .seconds(30))
    }

    /// The node's Ready condition as (status, lastTransitionTime).
    static func ready(_ server: HollowServer, _ node: String) async throws -> (String, String)? {
        let output = try await server.kubectl(
            .v1_33,
            ["get", "node", node, "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status} {.status.conditions[?(@.type==\"Ready\")].lastTransitionTime}"])
        let parts = output.stdout.split(separator: " ")
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }

    @Test func threeNodesRunADeploymentAndAPod() async throws {
        try await HollowServer.with(extraArguments: ["--nodes", "3"]) { server in
            try await eventually(timeout: .seconds(30), "three Ready nodes") {
                let output = try await server.kubectl(.v1_33, ["get", "nodes", "--no-headers"]).stdout
                let lines = output.split(separator: "\n")
                return lines.count == 3 && lines.allSatisfy { $0.split(separator: " ", omittingEmptySubsequences: true)[1] == "Ready" }
            }
            let capacity = try await server.kubectlOK(.v1_33, ["get", "node", "hollow-node-0", "-o", "jsonpath={.status.capacity.cpu} {.status.capacity.pods} {.status.allocatable.memory}"])
            #expect(capacity == "4 110 16Gi")

            try await server.kubectlOK(.v1_33, ["run", "solo", "--image=registry.k8s.io/pause:3.10"])
            try await server.kubectlOK(.v1_33, ["create", "deployment", "web", "--image=registry.k8s.io/pause:3.10", "--replicas=10"])
            let rollout = try await server.kubectl(.v1_33, ["rollout", "status", "deployment/web", "--timeout=60s"], timeout: .seconds(90))
            #expect(rollout.status == 0, "\(rollout.stderr)")
            #expect(rollout.stdout.contains("successfully rolled out"))
            try await eventually(timeout: .seconds(30), "every pod Running with an IP on a hollow node") {
                let output = try await server.kubectl(
                    .v1_33, ["get", "pods", "-o", "jsonpath={range .items[*]}{.status.phase} {.status.podIP} {.spec.nodeName}{\"\\n\"}{end}"]).stdout
                let lines = output.split(separator: "\n")
                return lines.count == 11 && lines.allSatisfy { line in
                    let fields = line.split(separator: " ")
                    return fields.count == 3 && fields[0] == "Running" && fields[1].hasPrefix("10.") && fields[2].hasPrefix("hollow-node-")
                }
            }
        }
    }

    @Test func aStoppedKubeletGoesUnknownItsPodsAreEvictedAndHealingBringsItBack() async throws {
        try await HollowServer.with(extraArguments: ["--nodes", "1", "--node-monitor-grace-period", "3s"]) { server in
            try await eventually(timeout: .seconds(30), "the node Ready") {
                try await Self.ready(server, "hollow-node-0")?.0 == "True"
            }
            // A pod that tolerates an unreachable node for 2 s only.
            let pod = """
                apiVersion: v1
                kind: Pod
                metadata: {name: short, namespace: default}
                spec:
                  containers: [{name: app, image: registry.k8s.io/pause:3.10}]
                  tolerations:
                  - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 2}
                """
            try await server.kubectlOK(.v1_33, ["apply", "-f", server.writeFile("short.yaml", pod)])
            try await eventually(timeout: .seconds(30), "the pod Running") {
                try await server.kubectlOK(.v1_33, ["get", "pod", "short", "-o", "jsonpath={.status.phase}"]) == "Running"
            }

            let failed = try await Self.hollowNode(server, ["fail", "hollow-node-0", "--kubelet-stopped"])
            #expect(failed.status == 0, "\(failed.stderr)")
            try await eventually(timeout: .seconds(30), "the node Unknown") {
                try await Self.ready(server, "hollow-node-0")?.0 == "Unknown"
            }
            let taints = try await server.kubectlOK(.v1_33, ["get", "node", "hollow-node-0", "-o", "jsonpath={.spec.taints[*].key}"])
            #expect(taints.contains("node.kubernetes.io/unreachable"))
            // Evicted once its 2 s toleration ran out; with the kubelet stopped nothing finishes the graceful deletion.
            try await eventually(timeout: .seconds(30), "the pod evicted") {
                let output = try await server.kubectl(.v1_33, ["get", "pod", "short", "-o", "jsonpath={.metadata.deletionTimestamp}"])
                return output.status != 0 || !output.stdout.isEmpty
            }

            let healed = try await Self.hollowNode(server, ["heal", "hollow-node-0"])
            #expect(healed.status == 0, "\(healed.stderr)")
            try await eventually(timeout: .seconds(30), "the node Ready again and untainted") {
                let ready = try await Self.ready(server, "hollow-node-0")?.0 == "True"
                let taints = try await server.kubectlOK(.v1_33, ["get", "node", "hollow-node-0", "-o", "jsonpath={.spec.taints[*].key}"])
                return ready && !taints.contains("node.kubernetes.io/unreachable")
            }
            // The kubelet, running again, finishes the evicted pod's termination.
            try await eventually(timeout: .seconds(60), "the evicted pod gone") {
                try await server.kubectl(.v1_33, ["get", "pod", "short"]).status != 0
            }
        }
    }

    @Test func periodicNodesFlipOnScheduleAndUnhealthyAfterStaysNotReady() async throws {
        try await ExclusiveTestLock.run {
            try await HollowServer.with(extraArguments: ["--node-monitor-grace-period", "60s"]) { server in
                let added = try await Self.hollowNode(server, ["add", "flip", "--schedule", "periodic:4s/2s"])
                #expect(added.status == 0, "\(added.stderr)")
                let after = try await Self.hollowNode(server, ["add", "fade", "--schedule", "unhealthy-after:3s"])
                #expect(after.status == 0, "\(after.stderr)")

                // Watch `flip` (a real watch through Hollow's client, so that each change is seen when it happens) until
                // 13 s after its kubelet started: Ready 4 s, NotReady 2 s, Ready 4 s, NotReady 2 s …
                let configuration = try KubeconfigLoader(explicitPath: server.kubeconfigPath).load()
                let (started, transitions) = try await KubernetesClient.withClient(configuration) { client in
                    let nodes = client.resource(Node.self)
                    @Sendable func kubeletStart() async -> Timestamp? {
                        let node = try? await nodes.get("flip")
                        return node?.metadata.annotations["hollow.dev/kubelet-start-time"].flatMap { try? Timestamp(parsing: $0) }
                    }
                    try await eventually(timeout: .seconds(30), "flip registered") { await kubeletStart() != nil }
                    let start = try #require(await kubeletStart())
                    var transitions: [(status: String, seen: Timestamp, lastTransitionTime: String)] = []
                    let end = start.adding(.seconds(13))
                    let events = try await nodes.watch(
                        options: ListOptions(fieldSelector: "metadata.name=flip", resourceVersion: "0", timeoutSeconds: 20))
                    for try await event in events {
                        let ready = (event.object.object[path: ["status", "conditions"]]?.arrayValue ?? [])
                            .first { $0["type"]?.stringValue == "Ready" }
                        if let status = ready?["status"]?.stringValue, transitions.last?.status != status {
                            transitions.append((status, Timestamp(Date()), ready?["lastTransitionTime"]?.stringValue ?? ""))
                        }
                        if Timestamp(Date()) > end { break }
                    }
                    return (start, transitions)
                }
                // The schedule, from the kubelet's start: Ready at 0, NotReady at 4, Ready at 6, NotReady at 10, Ready at
            // 12, … The first entry is the state when the watch began; every later one is a flip seen as it happened.
            var flips: [(offset: Int64, status: String)] = []
            for cycle in Int64(0)..<6 {
                flips.append((cycle * 6, "True"))
                flips.append((cycle * 6 + 4, "False"))
            }
            #expect(transitions.count >= 3, "too few flips seen: \(transitions.map(\.status))")
            for observed in transitions.dropFirst() {
                let stamped = try Timestamp(parsing: observed.lastTransitionTime)
                // lastTransitionTime is the scheduled flip time (metav1.Time has whole seconds) …
                let flip = flips.first { flip in
                    let scheduled: Timestamp = started.adding(.seconds(flip.offset)).truncatedToSeconds
                    return magnitude(stamped.duration(since: scheduled)) <= .seconds(1)
                }
                let matched = try #require(flip, "\(stamped) is no flip time of the schedule starting \(started)")
                #expect(observed.status == matched.status)
                // … and the flip was seen on time, within 1 s.
                let scheduled = started.adding(.seconds(matched.offset))
                #expect(magnitude(observed.seen.duration(since: scheduled)) <= .seconds(1), "seen \(observed.seen) vs \(scheduled)")
            }

            // `fade` turned NotReady 3 s after its start and stays so.
                let fade = try #require(try await Self.ready(server, "fade"))
                #expect(fade.0 == "False")
                try await Task.sleep(for: .seconds(2))
                #expect(try await Self.ready(server, "fade")?.0 == "False")
            }
        }
    }
}

private func magnitude(_ duration: Duration) -> Duration { duration < .zero ? .zero - duration : duration }
