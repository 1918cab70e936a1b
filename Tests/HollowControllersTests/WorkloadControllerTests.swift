import HollowClient
import HollowModel
import HollowRuntime
import HollowTesting
import Logging
import Synchronization
import Testing

@testable import HollowControllers

/// The ReplicaSet, Deployment and DaemonSet controllers against a real API server. There are no kubelets: the tests
/// play their part where readiness matters, marking pods Running and Ready through `pods/status`.
@Suite("Workload controllers against a real server")
struct WorkloadControllerTests {
    @Test func deploymentMakesOneReplicaSetAndScalesItsPods() async throws {
        try await WorkloadCluster.run { cluster in
            let deployments = cluster.client.resource(Deployment.self)
            let created = try await deployments.create(WorkloadObjects.deployment("web", replicas: 3, image: "x"))

            let replicaSet = try await cluster.eventually("one ReplicaSet with 3 pods") {
                () async throws -> ReplicaSet? in
                let owned = try await cluster.replicaSets(ownedBy: created)
                guard owned.count == 1, let replicaSet = owned.first else { return nil }
                return try await cluster.activePods(ownedBy: replicaSet).count == 3 ? replicaSet : nil
            }
            let hash = try #require(replicaSet.metadata.labels["pod-template-hash"])
            #expect(replicaSet.name == "web-\(hash)")
            #expect(replicaSet.metadata.controllerReference?.uid == created.metadata.uid)
            for pod in try await cluster.activePods(ownedBy: replicaSet) {
                #expect(pod.metadata.labels == ["app": "web", "pod-template-hash": hash])
                #expect(pod.name.hasPrefix("web-\(hash)-"))
            }

            for replicas in [5, 1] {
                _ = try await deployments.scale("web", namespace: "default", replicas: replicas)
                let pods = try await cluster.eventually("\(replicas) pods") { () async throws -> [Pod]? in
                    let owned = try await cluster.replicaSets(ownedBy: created)
                    guard owned.count == 1, owned[0].name == replicaSet.name, owned[0].replicas == replicas else {
                        return nil
                    }
                    let pods = try await cluster.activePods(ownedBy: owned[0])
                    return pods.count == replicas ? pods : nil
                }
                try await cluster.waitUntilWatched(pods)
            }
            #expect(cluster.createdPodNames(prefix: "web-").count == 5, "scaling up to 5 created exactly 2 more pods")
        }
    }

    @Test func changingTheImageRollsOutANewReplicaSet() async throws {
        try await WorkloadCluster.run { cluster in
            let deployments = cluster.client.resource(Deployment.self)
            let created = try await deployments.create(WorkloadObjects.deployment("web", replicas: 3, image: "x"))
            let first = try await cluster.eventually("3 available replicas") { () async throws -> ReplicaSet? in
                try await cluster.markPodsReady(selector: "app=web")
                let deployment = try await deployments.get("web", namespace: "default")
                guard deployment.status.availableReplicas == 3 else { return nil }
                return try await cluster.replicaSets(ownedBy: created).first
            }

            var changed = try await deployments.get("web", namespace: "default")
            changed.object[path: ["spec", "template", "spec", "containers"]] = [["name": "x", "image": "y"]]
            let updated = try await deployments.update(changed)
            #expect(updated.metadata.generation == changed.metadata.generation + 1)

            let finished = try await cluster.eventually("the rollout to finish", timeout: .seconds(60)) {
                () async throws -> Deployment? in
                // The test is the kubelet: every new pod becomes Running and Ready.
                try await cluster.markPodsReady(selector: "app=web")
                let deployment = try await deployments.get("web", namespace: "default")
                let status = deployment.status
                guard status.observedGeneration == deployment.metadata.generation, status.replicas == 3,
                    status.updatedReplicas == 3, status.availableReplicas == 3,
                    status.conditions.condition(ofType: "Progressing")?.reason == "NewReplicaSetAvailable"
                else { return nil }
                return deployment
            }
            let owned = try await cluster.replicaSets(ownedBy: created)
            #expect(owned.count == 2)
            let old = try #require(owned.first { $0.name == first.name })
            let new = try #require(owned.first { $0.name != first.name })
            #expect(old.replicas == 0)
            #expect(new.replicas == 3)
            #expect(new.template?[path: ["spec", "containers"]]?.arrayValue?.first?["image"] == "y")
            #expect(try await cluster.activePods(ownedBy: new).count == 3)
            #expect(try await cluster.activePods(ownedBy: old).isEmpty)
            #expect(finished.metadata.annotations["deployment.kubernetes.io/revision"] == "2")
            #expect(new.metadata.annotations["deployment.kubernetes.io/revision"] == "2")
            #expect(finished.status.conditions.condition(ofType: "Available")?.status == "True")
        }
    }

    @Test func daemonSetRunsOnePodPerNodePinnedByNodeAffinity() async throws {
        try await WorkloadCluster.run { cluster in
            let nodes = cluster.client.resource(Node.self)
            for name in ["node-a", "node-b"] { _ = try await nodes.create(WorkloadObjects.node(name)) }
            let daemonSet = try await cluster.client.resource(DaemonSet.self).create(WorkloadObjects.daemonSet("agent"))

            try await cluster.eventually("a pod on each node") {
                try await cluster.daemonPodNodes(daemonSet) == ["node-a", "node-b"] ? true : nil
            }
            _ = try await nodes.create(WorkloadObjects.node("node-c"))
            try await cluster.eventually("a pod on the new node too") {
                try await cluster.daemonPodNodes(daemonSet) == ["node-a", "node-b", "node-c"] ? true : nil
            }
            let status = try await cluster.eventually("the DaemonSet's status") { () async throws -> DaemonSetStatus? in
                let status = try await cluster.client.resource(DaemonSet.self).get("agent", namespace: "default").status
                return status.desiredNumberScheduled == 3 && status.currentNumberScheduled == 3 ? status : nil
            }
            #expect(status.numberMisscheduled == 0)
            #expect(status.updatedNumberScheduled == 3)
            try await cluster.waitUntilWatched(try await cluster.activePods(ownedBy: daemonSet))
            #expect(cluster.createdPodNames(prefix: "agent-").count == 3, "no node got a second pod")
            let revisions = try await cluster.client.resource(ControllerRevision.self).list(namespace: "default").items
            #expect(revisions.filter { $0.metadata.controllerReference?.uid == daemonSet.metadata.uid }.count == 1)
        }
    }

    @Test func replicaSetReplacesADeletedPodWithoutDuplicates() async throws {
        try await WorkloadCluster.run { cluster in
            let replicaSets = cluster.client.resource(ReplicaSet.self)
            let replicaSet = try await replicaSets.create(WorkloadObjects.replicaSet("frontend", replicas: 3))
            try await cluster.eventually("3 pods") {
                try await cluster.activePods(ownedBy: replicaSet).count == 3 ? true : nil
            }

            // Each pod turning ready is an event that makes the controller sync again; the count must stay exact.
            for (index, pod) in try await cluster.activePods(ownedBy: replicaSet).enumerated() {
                try await cluster.markReady(pod)
                try await cluster.eventually("\(index + 1) ready replicas") { () async throws -> Bool? in
                    let status = try await replicaSets.get("frontend", namespace: "default").status
                    return status.readyReplicas == index + 1 ? true : nil
                }
            }
            let pods = try await cluster.activePods(ownedBy: replicaSet)
            #expect(pods.count == 3)
            try await cluster.waitUntilWatched(pods)
            #expect(cluster.createdPodNames(prefix: "frontend-").count == 3)

            let victim = try #require(try await cluster.activePods(ownedBy: replicaSet).first)
            try await cluster.client.resource(Pod.self).delete(victim.name, namespace: "default")
            let replaced = try await cluster.eventually("a replacement pod") { () async throws -> [Pod]? in
                let pods = try await cluster.activePods(ownedBy: replicaSet)
                return pods.count == 3 && !pods.contains { $0.name == victim.name } ? pods : nil
            }
            #expect(replaced.count == 3)
            try await cluster.waitUntilWatched(replaced)
            #expect(cluster.createdPodNames(prefix: "frontend-").count == 4, "one replacement, no duplicates")
            let status = try await cluster.eventually("the status to count the replacement") {
                () async throws -> ReplicaSetStatus? in
                let status = try await replicaSets.get("frontend", namespace: "default").status
                return status.replicas == 3 && status.readyReplicas == 2 ? status : nil
            }
            #expect(status.observedGeneration == 1)
        }
    }

    @Test func replicaSetCountsReadyPodsAvailableOnceMinReadySecondsPass() async throws {
        // Timed against minReadySeconds: run while no other cluster competes for the cores.
        try await ExclusiveTestLock.run { try await self.replicaSetCountsReadyPodsAvailable() }
    }

    private func replicaSetCountsReadyPodsAvailable() async throws {
        try await WorkloadCluster.run { cluster in
            let replicaSets = cluster.client.resource(ReplicaSet.self)
            var object = WorkloadObjects.replicaSet("slow", replicas: 2)
            object.object[path: ["spec", "minReadySeconds"]] = 2
            let replicaSet = try await replicaSets.create(object)
            let pods = try await cluster.eventually("2 pods") { () async throws -> [Pod]? in
                let pods = try await cluster.activePods(ownedBy: replicaSet)
                return pods.count == 2 ? pods : nil
            }
            for pod in pods { try await cluster.markReady(pod) }
            let ready = try await cluster.eventually("2 ready replicas") { () async throws -> ReplicaSetStatus? in
                let status = try await replicaSets.get("slow", namespace: "default").status
                return status.readyReplicas == 2 ? status : nil
            }
            #expect(ready.availableReplicas < 2, "ready for less than minReadySeconds")
            // Nothing changes after the pods turned ready: only the controller's own requeue can count them.
            try await cluster.eventually("2 available replicas", timeout: .seconds(15)) { () async throws -> Bool? in
                try await replicaSets.get("slow", namespace: "default").status.availableReplicas == 2 ? true : nil
            }
        }
    }
}

/// The DaemonSet controller's filter for node updates.
@Suite struct DaemonSetNodeEventTests {
    static func node(ready: String, heartbeat: String, labels: JSON = [:], resourceVersion: String) -> Node {
        Node([
            "metadata": ["name": "node-a", "resourceVersion": .string(resourceVersion), "labels": labels],
            "status": [
                "conditions": [["type": "Ready", "status": .string(ready), "lastHeartbeatTime": .string(heartbeat)]]
            ],
        ])
    }

    @Test func heartbeatsAloneDoNotWakeDaemonSets() {
        let old = Self.node(ready: "True", heartbeat: "2026-01-01T00:00:00Z", resourceVersion: "1")
        let new = Self.node(ready: "True", heartbeat: "2026-01-01T00:00:10Z", resourceVersion: "2")
        #expect(DaemonSetReconciler.isHeartbeatOnly(old, new))
    }

    @Test func readinessOrLabelChangesWakeDaemonSets() {
        let old = Self.node(ready: "True", heartbeat: "2026-01-01T00:00:00Z", resourceVersion: "1")
        let notReady = Self.node(ready: "False", heartbeat: "2026-01-01T00:00:10Z", resourceVersion: "2")
        let labelled = Self.node(
            ready: "True", heartbeat: "2026-01-01T00:00:10Z", labels: ["disk": "ssd"], resourceVersion: "2")
        #expect(!DaemonSetReconciler.isHeartbeatOnly(old, notReady))
        #expect(!DaemonSetReconciler.isHeartbeatOnly(old, labelled))
    }
}

// MARK: - Support

/// A fresh cluster with the three workload controllers running beside the test body, a record of every pod ever
/// created in `default`, and the kubelet's part done by hand.
private struct WorkloadCluster: Sendable {
    let client: KubernetesClient
    let logs: ControllerLogRecorder
    let podNames: Locked<Set<String>>

    static func run(_ body: @escaping @Sendable (WorkloadCluster) async throws -> Void) async throws {
        try await TestCluster.run { testCluster in
            try await testCluster.withKubernetesClient { client in
                let logs = ControllerLogRecorder()
                let logger = Logger(label: "hollow.workloads.tests") { _ in logs.handler() }
                let cluster = WorkloadCluster(client: client, logs: logs, podNames: Locked([]))
                // Every pod that ever existed, so that a duplicate created and deleted again between two looks
                // still counts.
                let podWatch = Informer<Pod>(name: "test pods", logger: logger) {
                    client.resource(Pod.self).updates(namespace: "default")
                }
                let podNames = cluster.podNames
                podWatch.addEventHandler(onAdd: { pod in podNames.withLock { _ = $0.insert(pod.name) } })
                try await withBackgroundTask({ try await podWatch.run() }) {
                    try await podWatch.waitForSync()
                    try await withControllerManager(
                        client: client, controllers: [.replicaset, .deployment, .daemonset], logger: logger
                    ) {
                        try await body(cluster)
                    }
                }
            }
        }
    }

    /// Waits until `probe` returns a value, and returns it; fails with the controllers' warnings after `timeout`.
    @discardableResult
    func eventually<T: Sendable>(
        _ what: String, timeout: Duration = .seconds(30), _ probe: @Sendable () async throws -> T?
    ) async throws -> T {
        try await awaitValue(what, timeout: timeout, logs: logs, probe)
    }

    func replicaSets(ownedBy deployment: Deployment) async throws -> [ReplicaSet] {
        try await client.resource(ReplicaSet.self).list(namespace: "default").items
            .filter { $0.metadata.controllerReference?.uid == deployment.metadata.uid }
            .sorted { Self.creationOrder($0) < Self.creationOrder($1) }
    }

    static func creationOrder(_ replicaSet: ReplicaSet) -> (Int64, String) {
        (replicaSet.metadata.creationTimestamp?.secondsSinceEpoch ?? 0, replicaSet.name)
    }

    /// The pods `owner` controls that are not being deleted.
    func activePods(ownedBy owner: some KubernetesObject) async throws -> [Pod] {
        try await client.resource(Pod.self).list(namespace: "default").items.filter {
            $0.metadata.controllerReference?.uid == owner.metadata.uid && $0.metadata.deletionTimestamp == nil
        }
    }

    /// The nodes the DaemonSet's pods are pinned to, one entry per pod, sorted.
    func daemonPodNodes(_ daemonSet: DaemonSet) async throws -> [String] {
        try await activePods(ownedBy: daemonSet).map { pod -> String in
            let terms = pod.object[path: [
                "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution",
                "nodeSelectorTerms",
            ]]
            guard let field = terms?.arrayValue?.first?["matchFields"]?.arrayValue?.first,
                field["key"] == "metadata.name", field["operator"] == "In",
                let values = field["values"]?.arrayValue, values.count == 1, let node = values[0].stringValue
            else { return "<not pinned>" }
            return node
        }.sorted()
    }

    /// Waits until the test's pod watch has seen `pods` (from a list), so that its record is no older than the list.
    func waitUntilWatched(_ pods: [Pod]) async throws {
        try await eventually("the test's watch to see \(pods.count) pods") { () async throws -> Bool? in
            let names = podNames.withLock { $0 }
            return pods.allSatisfy { names.contains($0.name) } ? true : nil
        }
    }

    /// The names of every pod with `prefix` the test's watch has seen in `default`.
    func createdPodNames(prefix: String) -> Set<String> {
        podNames.withLock { $0.filter { $0.hasPrefix(prefix) } }
    }

    /// What a kubelet would report for a started pod: Running, with the Ready condition True since now.
    func markReady(_ pod: Pod) async throws {
        let now = Timestamp.now().rfc3339
        let status: JSON = [
            "phase": "Running",
            "conditions": [
                ["type": "Ready", "status": "True", "lastTransitionTime": .string(now)],
                ["type": "ContainersReady", "status": "True", "lastTransitionTime": .string(now)],
            ],
        ]
        _ = try await client.resource(Pod.self).patch(
            pod.name, namespace: pod.namespace, .merge(["status": status]), subresource: "status")
    }

    /// Marks every active pod matching `selector` that is not ready yet.
    func markPodsReady(selector: String) async throws {
        let pods = try await client.resource(Pod.self).list(
            namespace: "default", options: ListOptions(labelSelector: selector))
        for pod in pods.items where pod.metadata.deletionTimestamp == nil && !Self.isReady(pod) {
            do {
                try await markReady(pod)
            } catch let error as APIError where error.isNotFound {}  // deleted by a rollout meanwhile
        }
    }

    static func isReady(_ pod: Pod) -> Bool {
        pod.object[path: ["status", "conditions"]]?.arrayValue?.contains {
            $0["type"] == "Ready" && $0["status"] == "True"
        } ?? false
    }
}

/// The objects the tests create.
private enum WorkloadObjects {
    static func template(app: String, image: String) -> JSON {
        [
            "metadata": ["labels": ["app": .string(app)]],
            "spec": ["containers": [["name": "x", "image": .string(image)]]],
        ]
    }

    static func deployment(_ name: String, replicas: Int, image: String) -> Deployment {
        Deployment([
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "replicas": .int(Int64(replicas)), "selector": ["matchLabels": ["app": .string(name)]],
                "template": template(app: name, image: image),
            ],
        ])
    }

    static func replicaSet(_ name: String, replicas: Int) -> ReplicaSet {
        ReplicaSet([
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "replicas": .int(Int64(replicas)), "selector": ["matchLabels": ["app": .string(name)]],
                "template": template(app: name, image: "nginx"),
            ],
        ])
    }

    static func daemonSet(_ name: String) -> DaemonSet {
        DaemonSet([
            "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "selector": ["matchLabels": ["app": .string(name)]], "template": template(app: name, image: "agent"),
            ],
        ])
    }

    static func node(_ name: String) -> Node {
        Node(["apiVersion": "v1", "kind": "Node", "metadata": ["name": .string(name)]])
    }
}

/// A `Mutex` in a box, so escaping closures can share it.
private final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<T: Sendable>(_ body: (inout sending Value) -> T) -> T { mutex.withLock { body(&$0) } }
}

