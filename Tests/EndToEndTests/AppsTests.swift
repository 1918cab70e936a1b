import Foundation
import HollowModel
import HollowTesting
import Testing

/// apps/v1 workloads with the real kubectl: `create deployment` (protobuf from 1.32 on), `scale`, `set image`,
/// `rollout history`, `apply` of a DaemonSet, tables, `explain` and kube's validation messages. The assertions hold
/// whether or not workload controllers run: daemon sets select no node and replica sets want no pods where a
/// number is checked. One shared server; each release works in a namespace of its own.
@Suite(.sharedHollowServerWithoutControllers)
struct AppsTests {
    static let releases: [KubectlRelease] = [.v1_27, .v1_32, .v1_33]

    static func daemonSet(_ name: String, namespace: String, image: String) -> String {
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: \(name)
          namespace: \(namespace)
        spec:
          selector:
            matchLabels:
              app: \(name)
          template:
            metadata:
              labels:
                app: \(name)
            spec:
              nodeSelector:
                hollow.test/pool: none
              containers:
              - name: agent
                image: \(image)
                ports:
                - containerPort: 9100

        """
    }

    /// `metadata.generation` of deployment `web`.
    func generation(_ kubectl: KubectlClient, _ namespace: String) async throws -> Int64 {
        let text = try await kubectl.line(
            ["get", "deploy", "web", "-n", namespace, "-o", "jsonpath={.metadata.generation}"])
        return try #require(Int64(text), "generation \(text)")
    }

    @Test(arguments: releases)
    func createScaleAndSetImageOfADeployment(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "deploy-\(release.suffix)"
        try await kubectl.ok(["create", "namespace", namespace])

        // The create response itself, before any controller has touched the object.
        let created = try await kubectl.json([
            "create", "deployment", "web", "--image=nginx", "--replicas=3", "-n", namespace,
        ])
        #expect(created[path: ["metadata", "name"]] == "web")
        #expect(created[path: ["metadata", "generation"]] == 1)
        #expect(created[path: ["spec", "replicas"]] == 3)
        #expect(created[path: ["spec", "selector"]] == ["matchLabels": ["app": "web"]])
        #expect(
            created[path: ["spec", "strategy"]]
                == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"]])
        #expect(created[path: ["spec", "revisionHistoryLimit"]] == 10)
        #expect(created[path: ["spec", "progressDeadlineSeconds"]] == 600)
        let podSpec = try #require(created[path: ["spec", "template", "spec"]])
        #expect(podSpec["restartPolicy"] == "Always")
        #expect(podSpec["dnsPolicy"] == "ClusterFirst")
        #expect(podSpec["terminationGracePeriodSeconds"] == 30)
        #expect(podSpec["schedulerName"] == "default-scheduler")
        let container = try #require(podSpec["containers"]?.arrayValue?.first)
        #expect(container["name"] == "nginx")
        #expect(container["imagePullPolicy"] == "Always")
        #expect(container["terminationMessagePath"] == "/dev/termination-log")
        #expect(container["terminationMessagePolicy"] == "File")

        #expect(
            try await kubectl.line(["scale", "deployment", "web", "--replicas=5", "-n", namespace])
                == "deployment.apps/web scaled")
        #expect(
            try await kubectl.line(["get", "deploy", "web", "-n", namespace, "-o", "jsonpath={.spec.replicas}"]) == "5")
        let scale = try JSON(
            parsing: try await kubectl.ok(["get", "--raw", "/apis/apps/v1/namespaces/\(namespace)/deployments/web/scale"]))
        #expect(scale["kind"] == "Scale")
        #expect(scale[path: ["spec", "replicas"]] == 5)
        #expect(scale[path: ["status", "selector"]] == "app=web")
        let scaledGeneration = try await generation(kubectl, namespace)
        #expect(scaledGeneration >= 2, "a spec change bumps the generation")

        #expect(
            try await kubectl.line(["set", "image", "deployment/web", "nginx=nginx:2", "-n", namespace])
                == "deployment.apps/web image updated")
        let updated = try await kubectl.json(["get", "deploy", "web", "-n", namespace])
        #expect((updated[path: ["metadata", "generation"]]?.intValue ?? 0) > scaledGeneration)
        #expect(updated[path: ["spec", "replicas"]] == 5)
        let containers = updated[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        #expect(containers.count == 1)
        #expect(containers.first?["image"] == "nginx:2")

        // Without a controller the history is empty; either way reading it (replica sets by selector) works.
        let history = try await kubectl.ok(["rollout", "history", "deployment/web", "-n", namespace])
        #expect(history.contains("deployment.apps/web"), "\(history)")
    }

    @Test(arguments: releases)
    func getPrintsKubesWorkloadColumns(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "tables-\(release.suffix)"
        try await kubectl.ok(["create", "namespace", namespace])
        try await kubectl.ok(["create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "-n", namespace])
        try await kubectl.ok([
            "apply", "-f", kubectl.file("tables-agent.yaml", Self.daemonSet("agent", namespace: namespace, image: "agent:1")),
        ])
        let cache = """
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata:
              name: cache
              namespace: \(namespace)
            spec:
              replicas: 0
              selector:
                matchLabels:
                  app: cache
              template:
                metadata:
                  labels:
                    app: cache
                spec:
                  containers:
                  - name: redis
                    image: redis:7

            """
        try await kubectl.ok(["apply", "-f", kubectl.file("tables-cache.yaml", cache)])

        let deployments = try await kubectl.ok(["get", "deploy", "-n", namespace])
        #expect(Columns.lines(deployments).first.map(Columns.words) == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"])
        let row = try #require(Columns.row(deployments, named: "web"), "\(deployments)")
        #expect(row.count == 5)
        #expect(row.dropFirst().first?.hasSuffix("/2") == true, "READY is ready/desired: \(row)")
        #expect(row.dropFirst(2).prefix(2).allSatisfy { Int($0) != nil }, "\(row)")

        let wide = try await kubectl.ok(["get", "deployments", "-n", namespace, "-o", "wide"])
        #expect(
            Columns.lines(wide).first.map(Columns.words)
                == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"])
        #expect(Array(try #require(Columns.row(wide, named: "web")).suffix(3)) == ["nginx", "nginx:1.27", "app=web"])

        let daemonSets = try await kubectl.ok(["get", "ds", "-n", namespace])
        #expect(
            Columns.lines(daemonSets).first.map(Columns.words)
                == ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE", "SELECTOR", "AGE"])
        let agent = try #require(Columns.row(daemonSets, named: "agent"), "\(daemonSets)")
        #expect(Array(agent.prefix(7)) == ["agent", "0", "0", "0", "0", "0", "hollow.test/pool=none"])

        let replicaSets = try await kubectl.ok(["get", "rs", "cache", "-n", namespace, "-o", "wide"])
        #expect(
            Columns.lines(replicaSets).first.map(Columns.words)
                == ["NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"])
        let cacheRow = try #require(Columns.row(replicaSets, named: "cache"), "\(replicaSets)")
        #expect(Array(cacheRow.prefix(4)) == ["cache", "0", "0", "0"])
        #expect(Array(cacheRow.suffix(3)) == ["redis", "redis:7", "app=cache"])

        let all = try await kubectl.ok(["get", "all", "-n", namespace, "-o", "name"])
        for name in ["deployment.apps/web", "daemonset.apps/agent", "replicaset.apps/cache"] {
            #expect(Columns.lines(all).contains(name), "\(name) missing: \(all)")
        }

        let resources = try await kubectl.ok(["api-resources", "--api-group=apps"])
        #expect(Columns.row(resources, named: "deployments") == ["deployments", "deploy", "apps/v1", "true", "Deployment"])
        #expect(Columns.row(resources, named: "replicasets") == ["replicasets", "rs", "apps/v1", "true", "ReplicaSet"])
        #expect(Columns.row(resources, named: "daemonsets") == ["daemonsets", "ds", "apps/v1", "true", "DaemonSet"])
        #expect(
            Columns.row(resources, named: "controllerrevisions")
                == ["controllerrevisions", "apps/v1", "true", "ControllerRevision"])
    }

    @Test(arguments: releases)
    func applyingADaemonSetTwiceChangesNothingTheSecondTime(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "apply-ds-\(release.suffix)"
        try await kubectl.ok(["create", "namespace", namespace])
        let manifest = try kubectl.file("agent.yaml", Self.daemonSet("agent", namespace: namespace, image: "agent:1"))

        #expect(try await kubectl.line(["apply", "-f", manifest]) == "daemonset.apps/agent created")
        #expect(try await kubectl.line(["apply", "-f", manifest]) == "daemonset.apps/agent unchanged")
        let first = try await kubectl.json(["get", "ds", "agent", "-n", namespace])
        #expect(first[path: ["metadata", "generation"]] == 1)
        #expect(first[path: ["metadata", "annotations", "deprecated.daemonset.template.generation"]] == "1")
        #expect(
            first[path: ["spec", "updateStrategy"]]
                == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]])
        #expect(first[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["ports"] == [
            ["containerPort": 9100, "protocol": "TCP"]
        ])

        let changed = try kubectl.file("agent-2.yaml", Self.daemonSet("agent", namespace: namespace, image: "agent:2"))
        #expect(try await kubectl.line(["apply", "-f", changed]) == "daemonset.apps/agent configured")
        let second = try await kubectl.json(["get", "ds", "agent", "-n", namespace])
        #expect(second[path: ["metadata", "generation"]] == 2)
        #expect(second[path: ["metadata", "annotations", "deprecated.daemonset.template.generation"]] == "2")
        let containers = second[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        #expect(containers.map { $0["image"] } == ["agent:2"])

        // Server-side apply of the same manifest by another manager takes over without conflicts on equal values.
        let serverSide = try await kubectl.run(["apply", "--server-side", "--force-conflicts", "-f", changed])
        #expect(serverSide.status == 0, "\(serverSide.stderr)")
        #expect(try await kubectl.json(["get", "ds", "agent", "-n", namespace])[path: ["metadata", "generation"]] == 2)
    }

    @Test(arguments: releases)
    func invalidWorkloadsGetKubesMessages(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "invalid-apps-\(release.suffix)"
        try await kubectl.ok(["create", "namespace", namespace])
        let manifest = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: bad
              namespace: \(namespace)
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: other
                spec:
                  restartPolicy: Never
                  containers:
                  - name: web
                    image: nginx

            """
        let output = try await kubectl.run(["apply", "-f", kubectl.file("bad.yaml", manifest)])
        #expect(output.status == 1)
        #expect(output.stderr.contains(#"The Deployment "bad" is invalid: "#), "\(output.stderr)")
        #expect(
            output.stderr.contains(
                #"spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`"#
            ), "\(output.stderr)")
        #expect(output.stderr.contains(#"spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#))

        try await kubectl.ok(["create", "deployment", "web", "--image=nginx", "-n", namespace])
        let selector = try await kubectl.run([
            "patch", "deployment", "web", "-n", namespace, "--type=merge",
            "-p", #"{"spec":{"selector":{"matchLabels":{"app":"x"}},"template":{"metadata":{"labels":{"app":"x"}}}}}"#,
        ])
        #expect(selector.status == 1)
        #expect(
            selector.stderr.contains(
                #"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#
            ), "\(selector.stderr)")
    }

    @Test(arguments: [KubectlRelease.v1_27, .v1_33])
    func explainDescribesDeploymentFields(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let strategy = try await kubectl.ok(["explain", "deployment.spec.strategy"])
        #expect(strategy.contains("KIND:") && strategy.contains("Deployment"), "\(strategy)")
        #expect(strategy.contains("rollingUpdate"), "\(strategy)")
        #expect(strategy.contains("type"), "\(strategy)")
        let surge = try await kubectl.ok(["explain", "deploy.spec.strategy.rollingUpdate.maxSurge"])
        #expect(surge.contains("25%"), "\(surge)")
        let daemonSet = try await kubectl.ok(["explain", "daemonset.spec"])
        #expect(daemonSet.contains("updateStrategy") && daemonSet.contains("template"), "\(daemonSet)")
    }
}
