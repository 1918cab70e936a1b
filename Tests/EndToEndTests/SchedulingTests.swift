import Foundation
import HollowModel
import HollowTesting
import Testing

/// `hollow up --controllers scheduler` driven by the real kubectl: nodes and pods applied from manifests are bound
/// by the embedded scheduler, and a pod too big for any node stays Pending with kube's Unschedulable condition.
/// Each run has its own server, so that only the scheduler acts on the nodes (no node lifecycle controller marking
/// these Lease-less nodes Unknown).
struct SchedulingTests {
    static let nodes = """
        apiVersion: v1
        kind: Node
        metadata:
          name: n1
          labels:
            kubernetes.io/hostname: n1
        ---
        apiVersion: v1
        kind: Node
        metadata:
          name: n2
          labels:
            kubernetes.io/hostname: n2

        """

    static func pod(_ name: String, cpu: String) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: \(name)
          labels:
            app: \(name == "big" ? "big" : "web")
        spec:
          containers:
          - name: app
            image: registry.k8s.io/pause:3.10
            resources:
              requests:
                cpu: "\(cpu)"
                memory: 64Mi

        """
    }

    /// What a kubelet posts for a node with 2 cpu: capacity, allocatable and Ready=True.
    static func nodeStatusPatch(now: Timestamp) -> String {
        let resources: JSON = ["cpu": "2", "memory": "4Gi", "pods": "110"]
        let ready: JSON = [
            "type": "Ready", "status": "True", "lastHeartbeatTime": .string(now.rfc3339),
            "lastTransitionTime": .string(now.rfc3339), "reason": "KubeletReady",
            "message": "kubelet is posting ready status",
        ]
        let patch: JSON = ["status": ["capacity": resources, "allocatable": resources, "conditions": [ready]]]
        return String(decoding: patch.serialized(), as: UTF8.self)
    }

    @Test(arguments: [KubectlRelease.v1_27, .v1_33])
    func appliedPodsAreBoundAndAnOversizePodStaysPending(_ release: KubectlRelease) async throws {
        try await HollowServer.with(extraArguments: ["--controllers", "scheduler"]) { server in
            let kubectl = server.client(release)
            try await kubectl.ok(["apply", "-f", try kubectl.file("nodes.yaml", Self.nodes)])
            let now = Timestamp.now()
            for node in ["n1", "n2"] {
                try await kubectl.ok([
                    "patch", "node", node, "--subresource=status", "--type=merge", "-p", Self.nodeStatusPatch(now: now),
                ])
            }
            let pods = ["web-1", "web-2", "web-3"].map { Self.pod($0, cpu: "1") }.joined(separator: "---\n")
            try await kubectl.ok(["apply", "-f", try kubectl.file("pods.yaml", pods)])

            try await eventually(timeout: .seconds(30), interval: .milliseconds(200), "three pods bound") {
                let nodeNames = try await kubectl.ok([
                    "get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].spec.nodeName}",
                ]).split(separator: " ")
                return nodeNames.count == 3 && nodeNames.allSatisfy { $0 == "n1" || $0 == "n2" }
            }
            // 2 cpu a node: the three 1-cpu pods cannot all be on one.
            let nodeNames = try await kubectl.ok([
                "get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].spec.nodeName}",
            ]).split(separator: " ").map(String.init)
            #expect(Set(nodeNames) == ["n1", "n2"], "\(nodeNames)")
            // The Scheduled event is written in the background, just after the Binding.
            try await eventually(timeout: .seconds(10), interval: .milliseconds(200), "the Scheduled event") {
                try await kubectl.ok([
                    "get", "events", "--field-selector", "involvedObject.name=web-1,reason=Scheduled", "-o",
                    "jsonpath={.items[*].message}",
                ]).hasPrefix("Successfully assigned default/web-1 to n")
            }

            try await kubectl.ok(["apply", "-f", try kubectl.file("big.yaml", Self.pod("big", cpu: "8"))])
            let reasonPath = #"jsonpath={.status.conditions[?(@.type=="PodScheduled")].reason}"#
            try await eventually(timeout: .seconds(30), interval: .milliseconds(200), "the Unschedulable condition") {
                try await kubectl.ok(["get", "pod", "big", "-o", reasonPath]) == "Unschedulable"
            }
            let messagePath = #"jsonpath={.status.conditions[?(@.type=="PodScheduled")].message}"#
            #expect(
                try await kubectl.ok(["get", "pod", "big", "-o", messagePath])
                    == "0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 "
                    + "Preemption is not helpful for scheduling.")
            #expect(try await kubectl.ok(["get", "pod", "big", "-o", "jsonpath={.status.phase}"]) == "Pending")
            #expect(try await kubectl.ok(["get", "pod", "big", "-o", "jsonpath={.spec.nodeName}"]) == "")
        }
    }
}
