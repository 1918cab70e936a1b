import Foundation
import HollowModel
import HollowTesting
import Testing

/// Deployments through the real kubectl against `hollow up`, whose embedded controllers create the ReplicaSets and
/// pods. There are no kubelets: where readiness matters the test marks pods Running and Ready through
/// `kubectl patch pod --subresource=status` (kubectl 1.24+). Pods may also be bound by the embedded scheduler; nothing
/// here depends on it.
@Suite(.sharedHollowServer)
struct DeploymentTests {
    @Test(arguments: [KubectlRelease.v1_27, .v1_33])
    func createScaleAndSetImageRollOutThroughReplicaSets(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let name = "web-\(release.suffix)"

        #expect(
            try await kubectl.line(["create", "deployment", name, "--image=x", "--replicas=3"])
                == "deployment.apps/\(name) created")
        try await eventually(timeout: .seconds(30), "a ReplicaSet with 3 pods") {
            guard try await replicaSets(kubectl, app: name).count == 1 else { return false }
            return try await activePods(kubectl, app: name).count == 3
        }
        let first = try #require(try await replicaSets(kubectl, app: name).first)
        let hash = try #require(first[path: ["metadata", "labels", "pod-template-hash"]]?.stringValue)
        #expect(first[path: ["metadata", "name"]]?.stringValue == "\(name)-\(hash)")
        let table = try await kubectl.ok(["get", "rs", "-l", "app=\(name)"])
        let row = try #require(Columns.row(table, named: "\(name)-\(hash)"), "\(table)")
        #expect(Array(row.dropFirst().prefix(2)) == ["3", "3"], "DESIRED and CURRENT: \(table)")
        let pods = try await kubectl.ok(["get", "pods", "-l", "app=\(name)", "--no-headers"])
        #expect(Columns.lines(pods).count == 3, "\(pods)")

        #expect(
            try await kubectl.line(["scale", "deployment", name, "--replicas=5"]) == "deployment.apps/\(name) scaled")
        try await eventually(timeout: .seconds(30), "5 pods") {
            try await activePods(kubectl, app: name).count == 5
        }

        #expect(
            try await kubectl.line(["set", "image", "deployment/\(name)", "x=y"])
                == "deployment.apps/\(name) image updated")
        try await eventually(timeout: .seconds(30), "a second ReplicaSet") {
            try await replicaSets(kubectl, app: name).count == 2
        }
        let history = try await kubectl.ok(["rollout", "history", "deployment/\(name)"])
        let revisions = Columns.lines(history).map(Columns.words).compactMap { $0.first.flatMap(Int.init) }
        #expect(revisions == [1, 2], "\(history)")

        // The test is the kubelet: pods become Running and Ready until the rollout is done.
        try await eventually(timeout: .seconds(60), interval: .milliseconds(200), "the rollout to finish") {
            for pod in try await activePods(kubectl, app: name) where !isReady(pod) {
                let podName = pod[path: ["metadata", "name"]]?.stringValue ?? ""
                _ = try await kubectl.run([
                    "patch", "pod", podName, "--subresource=status", "--type=merge", "-p", readyStatusPatch(),
                ])
            }
            let deployment = try await kubectl.json(["get", "deployment", name])
            let status = deployment["status"]
            return status?["updatedReplicas"] == 5 && status?["availableReplicas"] == 5 && status?["replicas"] == 5
                && status?["observedGeneration"] == deployment[path: ["metadata", "generation"]]
        }
        let rollout = try await kubectl.ok(["rollout", "status", "deployment/\(name)", "--timeout=30s"])
        #expect(rollout.contains("deployment \"\(name)\" successfully rolled out"), "\(rollout)")
        let sizes = try await replicaSets(kubectl, app: name).map { $0[path: ["spec", "replicas"]]?.intValue }
        #expect(sizes.sorted { ($0 ?? 0) < ($1 ?? 0) } == [0, 5])
    }

    /// The ReplicaSets of Deployment `app` (which label their pods and themselves `app=<name>`).
    func replicaSets(_ kubectl: KubectlClient, app: String) async throws -> [JSON] {
        try await kubectl.json(["get", "rs", "-l", "app=\(app)"])["items"]?.arrayValue ?? []
    }

    /// The pods of `app` that are not being deleted.
    func activePods(_ kubectl: KubectlClient, app: String) async throws -> [JSON] {
        (try await kubectl.json(["get", "pods", "-l", "app=\(app)"])["items"]?.arrayValue ?? []).filter {
            $0[path: ["metadata", "deletionTimestamp"]] == nil
        }
    }

    func isReady(_ pod: JSON) -> Bool {
        pod[path: ["status", "conditions"]]?.arrayValue?.contains { $0["type"] == "Ready" && $0["status"] == "True" }
            ?? false
    }

    /// What a kubelet reports for a started pod.
    func readyStatusPatch() -> String {
        let now = Timestamp.now().rfc3339
        return JSON.object([
            "status": [
                "phase": "Running",
                "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(now)]],
            ]
        ]).serializedString
    }
}
