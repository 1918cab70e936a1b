import HollowModel
import HollowTesting
import Testing

/// apps/v1 deployments, replica sets, daemon sets and controller revisions against a real server: kube's
/// defaults, validation messages, generation, status and scale subresources, tables, discovery and OpenAPI; and
/// the default tolerations pods get from admission.
struct AppsResourceTests {
    static let deployments = "/apis/apps/v1/namespaces/default/deployments"
    static let replicaSets = "/apis/apps/v1/namespaces/default/replicasets"
    static let daemonSets = "/apis/apps/v1/namespaces/default/daemonsets"
    static let revisions = "/apis/apps/v1/namespaces/default/controllerrevisions"
    static let table = "application/json;as=Table;v=v1;g=meta.k8s.io"

    /// A workload of `kind` selecting and labelling `app: <name>`, with one container `main`.
    static func workload(
        _ kind: String, _ name: String, replicas: Int64? = nil, image: String = "nginx",
        templateLabels: JSON? = nil, selector: JSON? = nil, podSpec: JSONObject = [:]
    ) -> JSON {
        var spec: JSONObject = [:]
        if let replicas { spec["replicas"] = .int(replicas) }
        spec["selector"] = selector ?? ["matchLabels": ["app": .string(name)]]
        var templateSpec = podSpec
        if templateSpec["containers"] == nil {
            templateSpec["containers"] = [["name": "main", "image": .string(image), "ports": [["containerPort": 80]]]]
        }
        spec["template"] = [
            "metadata": ["labels": templateLabels ?? ["app": .string(name)]], "spec": .object(templateSpec),
        ]
        return ["apiVersion": "apps/v1", "kind": .string(kind), "metadata": ["name": .string(name)], "spec": .object(spec)]
    }

    static func causes(_ status: JSON) -> [String] {
        (status[path: ["details", "causes"]]?.arrayValue ?? []).compactMap { cause in
            guard let field = cause["field"]?.stringValue, let message = cause["message"]?.stringValue else { return nil }
            return "\(field): \(message)"
        }
    }

    // MARK: Defaults

    @Test func deploymentGetsTheAppsV1AndPodTemplateDefaults() async throws {
        try await withCluster { _, client in
            let created = try await client.create(Self.deployments, Self.workload("Deployment", "web"))
            #expect(created[path: ["metadata", "generation"]] == 1)
            #expect(created[path: ["spec", "replicas"]] == 1)
            #expect(
                created[path: ["spec", "strategy"]]
                    == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"]])
            #expect(created[path: ["spec", "revisionHistoryLimit"]] == 10)
            #expect(created[path: ["spec", "progressDeadlineSeconds"]] == 600)
            #expect(created["status"] == .object([:]))

            let podSpec = try #require(created[path: ["spec", "template", "spec"]])
            #expect(podSpec["restartPolicy"] == "Always")
            #expect(podSpec["dnsPolicy"] == "ClusterFirst")
            #expect(podSpec["terminationGracePeriodSeconds"] == 30)
            #expect(podSpec["schedulerName"] == "default-scheduler")
            #expect(podSpec["securityContext"] == .object([:]))
            // Pod-only defaults and admission do not reach templates.
            #expect(podSpec["enableServiceLinks"] == nil)
            #expect(podSpec["serviceAccountName"] == nil)
            #expect(podSpec["priority"] == nil)
            #expect(podSpec["tolerations"] == nil)
            let container = try #require(podSpec["containers"]?.arrayValue?.first)
            #expect(container["terminationMessagePath"] == "/dev/termination-log")
            #expect(container["terminationMessagePolicy"] == "File")
            #expect(container["imagePullPolicy"] == "Always")
            #expect(container[path: ["ports"]] == [["containerPort": 80, "protocol": "TCP"]])

            // What the client sets stays; a tagged image pulls IfNotPresent; Recreate gets no rollingUpdate.
            var custom = Self.workload("Deployment", "custom", replicas: 0, image: "nginx:1.27")
            custom[path: ["spec", "strategy"]] = ["type": "Recreate"]
            custom[path: ["spec", "revisionHistoryLimit"]] = 2
            let recreate = try await client.create(Self.deployments, custom)
            #expect(recreate[path: ["spec", "replicas"]] == 0)
            #expect(recreate[path: ["spec", "strategy"]] == ["type": "Recreate"])
            #expect(recreate[path: ["spec", "revisionHistoryLimit"]] == 2)
            #expect(
                recreate[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["imagePullPolicy"]
                    == "IfNotPresent")
        }
    }

    @Test func templateProbesVolumesAndEnvironmentGetTheCoreDefaults() async throws {
        try await withCluster { _, client in
            let podSpec: JSONObject = [
                "restartPolicy": "",
                "containers": [
                    [
                        "name": "main", "image": "nginx@sha256:0123",
                        "livenessProbe": ["httpGet": ["port": 8080]],
                        "readinessProbe": ["exec": ["command": ["true"]], "periodSeconds": 5],
                        "lifecycle": ["preStop": ["httpGet": ["port": 80, "path": "/stop"]]],
                        "env": [["name": "NODE", "valueFrom": ["fieldRef": ["fieldPath": "spec.nodeName"]]]],
                    ]
                ],
                "volumes": [
                    ["name": "scratch"], ["name": "config", "configMap": ["name": "settings"]],
                    ["name": "host", "hostPath": ["path": "/var/log"]],
                    ["name": "token", "projected": ["sources": [["serviceAccountToken": ["path": "token"]]]]],
                ],
            ]
            let created = try await client.create(Self.deployments, Self.workload("Deployment", "web", podSpec: podSpec))
            let spec = try #require(created[path: ["spec", "template", "spec"]])
            #expect(spec["restartPolicy"] == "Always")
            let container = try #require(spec["containers"]?.arrayValue?.first)
            #expect(container["imagePullPolicy"] == "IfNotPresent")
            #expect(
                container["livenessProbe"] == [
                    "httpGet": ["port": 8080, "path": "/", "scheme": "HTTP"], "timeoutSeconds": 1, "periodSeconds": 10,
                    "successThreshold": 1, "failureThreshold": 3,
                ])
            #expect(container[path: ["readinessProbe", "periodSeconds"]] == 5)
            #expect(container[path: ["lifecycle", "preStop", "httpGet"]] == ["port": 80, "path": "/stop", "scheme": "HTTP"])
            #expect(container["env"]?.arrayValue?.first?[path: ["valueFrom", "fieldRef", "apiVersion"]] == "v1")
            #expect(
                spec["volumes"] == [
                    ["name": "scratch", "emptyDir": .object([:])],
                    ["name": "config", "configMap": ["name": "settings", "defaultMode": 420]],
                    ["name": "host", "hostPath": ["path": "/var/log", "type": ""]],
                    [
                        "name": "token",
                        "projected": [
                            "sources": [["serviceAccountToken": ["path": "token", "expirationSeconds": 3600]]],
                            "defaultMode": 420,
                        ],
                    ],
                ])
        }
    }

    @Test func replicaSetsAndDaemonSetsGetTheirDefaults() async throws {
        try await withCluster { _, client in
            let replicaSet = try await client.create(Self.replicaSets, Self.workload("ReplicaSet", "web"))
            #expect(replicaSet[path: ["spec", "replicas"]] == 1)
            #expect(replicaSet[path: ["metadata", "generation"]] == 1)
            #expect(replicaSet["status"] == ["replicas": 0])
            #expect(replicaSet[path: ["spec", "template", "spec", "restartPolicy"]] == "Always")

            let daemonSet = try await client.create(Self.daemonSets, Self.workload("DaemonSet", "agent"))
            #expect(
                daemonSet[path: ["spec", "updateStrategy"]]
                    == ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]])
            #expect(daemonSet[path: ["spec", "revisionHistoryLimit"]] == 10)
            #expect(daemonSet[path: ["metadata", "annotations", "deprecated.daemonset.template.generation"]] == "1")
            #expect(
                daemonSet["status"]
                    == ["currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0, "numberReady": 0])
            #expect(daemonSet[path: ["spec", "template", "spec", "schedulerName"]] == "default-scheduler")
        }
    }

    @Test func controllerRevisionsKeepTheirDataAndRefuseToChangeIt() async throws {
        try await withCluster { _, client in
            // The owner exists, or the garbage collector would delete the revision.
            let owner = try await client.create(Self.daemonSets, Self.workload("DaemonSet", "agent"))
            let uid = try #require(owner[path: ["metadata", "uid"]])
            let revision: JSON = [
                "apiVersion": "apps/v1", "kind": "ControllerRevision",
                "metadata": [
                    "name": "agent-6d4f8", "labels": ["app": "agent"],
                    "ownerReferences": [
                        ["apiVersion": "apps/v1", "kind": "DaemonSet", "name": "agent", "uid": uid, "controller": true]
                    ],
                ],
                "data": ["spec": ["template": ["$patch": "replace"]]], "revision": 3,
            ]
            let created = try await client.create(Self.revisions, revision)
            #expect(created["revision"] == 3)
            #expect(created[path: ["metadata", "generation"]] == nil)
            #expect(created["data"] == ["spec": ["template": ["$patch": "replace"]]])

            var changed = created
            changed["data"] = ["spec": .object([:])]
            let update = try await client.request(.PUT, "\(Self.revisions)/agent-6d4f8", json: changed)
            let status = try expectStatus(update, code: 422, reason: "Invalid")
            #expect(Self.causes(status).contains { $0.hasPrefix("data: Invalid value: ") && $0.hasSuffix(": field is immutable") })

            var noData = revision
            noData["data"] = nil
            noData[path: ["metadata", "name"]] = "empty"
            let missing = try await client.request(.POST, Self.revisions, json: noData)
            #expect(Self.causes(try expectStatus(missing, code: 422, reason: "Invalid")) == ["data: Required value: data is mandatory"])

            let table = try await client.request(.GET, Self.revisions, headers: [("Accept", Self.table)])
            let json = try table.json()
            #expect(json["columnDefinitions"]?.arrayValue?.map { $0["name"] } == ["Name", "Controller", "Revision", "Age"])
            let cells = json["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
            #expect(Array(cells.prefix(3)) == ["agent-6d4f8", "daemonset.apps/agent", 3], "\(table)")
        }
    }

    // MARK: Validation

    @Test func invalidWorkloadsAreRefusedWithKubesFieldErrors() async throws {
        try await withCluster { _, client in
            // No selector: required, and a nil selector matches no labels.
            var noSelector = Self.workload("Deployment", "web")
            noSelector[path: ["spec", "selector"]] = nil
            let missing = try await client.request(.POST, Self.deployments, json: noSelector)
            let status = try expectStatus(missing, code: 422, reason: "Invalid")
            #expect(
                Self.causes(status) == [
                    "spec.selector: Required value",
                    #"spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`"#,
                ])
            #expect(status["message"]?.stringValue?.hasPrefix(#"Deployment.apps "web" is invalid: ["#) == true)
            #expect(status[path: ["details", "group"]] == "apps")
            #expect(status[path: ["details", "kind"]] == "Deployment")

            let mismatch = try await client.request(
                .POST, Self.deployments,
                json: Self.workload("Deployment", "web", templateLabels: ["app": "other", "tier": "front"]))
            #expect(
                Self.causes(try expectStatus(mismatch, code: 422, reason: "Invalid")) == [
                    #"spec.template.metadata.labels: Invalid value: map[string]string{"app":"other", "tier":"front"}: `selector` does not match template `labels`"#
                ])

            let never = try await client.request(
                .POST, Self.replicaSets, json: Self.workload("ReplicaSet", "web", podSpec: ["restartPolicy": "Never"]))
            #expect(
                Self.causes(try expectStatus(never, code: 422, reason: "Invalid")) == [
                    #"spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#
                ])

            let noContainers = try await client.request(
                .POST, Self.daemonSets, json: Self.workload("DaemonSet", "agent", podSpec: ["containers": []]))
            #expect(
                Self.causes(try expectStatus(noContainers, code: 422, reason: "Invalid")) == [
                    "spec.template.spec.containers: Required value"
                ])

            let negative = try await client.request(
                .POST, Self.deployments, json: Self.workload("Deployment", "web", replicas: -1))
            #expect(
                Self.causes(try expectStatus(negative, code: 422, reason: "Invalid")) == [
                    "spec.replicas: Invalid value: -1: must be greater than or equal to 0"
                ])

            var zeroRollout = Self.workload("Deployment", "web")
            zeroRollout[path: ["spec", "strategy"]] = ["rollingUpdate": ["maxUnavailable": 0, "maxSurge": 0]]
            let zero = try await client.request(.POST, Self.deployments, json: zeroRollout)
            #expect(
                Self.causes(try expectStatus(zero, code: 422, reason: "Invalid")) == [
                    #"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0"#
                ])

            let empty = try await client.request(
                .POST, Self.replicaSets, json: Self.workload("ReplicaSet", "web", selector: .object([:])))
            #expect(
                Self.causes(try expectStatus(empty, code: 422, reason: "Invalid")) == [
                    "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"
                ])
        }
    }

    @Test func theSelectorCannotChange() async throws {
        try await withCluster { _, client in
            let created = try await client.create(Self.deployments, Self.workload("Deployment", "web"))
            var changed = created
            changed[path: ["spec", "selector"]] = ["matchLabels": ["app": "web", "tier": "front"]]
            changed[path: ["spec", "template", "metadata", "labels", "tier"]] = "front"
            let update = try await client.request(.PUT, "\(Self.deployments)/web", json: changed)
            #expect(
                Self.causes(try expectStatus(update, code: 422, reason: "Invalid")) == [
                    #"spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"front"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"#
                ])

            // The same selector written with an empty expression list is no change.
            var same = created
            same[path: ["spec", "selector", "matchExpressions"]] = []
            same[path: ["spec", "template", "metadata", "annotations"]] = ["note": "x"]
            let ok = try await client.request(.PUT, "\(Self.deployments)/web", json: same)
            #expect(ok.status == 200, "\(ok)")
        }
    }

    // MARK: Generation and status

    @Test func generationCountsSpecChangesOnly() async throws {
        try await withCluster { _, client in
            let path = "\(Self.deployments)/web"
            let merge = [("Content-Type", "application/merge-patch+json")]
            let created = try await client.create(Self.deployments, Self.workload("Deployment", "web"))
            #expect(created[path: ["metadata", "generation"]] == 1)

            let labelled = try await client.request(.PATCH, path, headers: merge, text: #"{"metadata":{"labels":{"team":"a"}}}"#)
            #expect(try labelled.json()[path: ["metadata", "generation"]] == 1)

            let scaled = try await client.request(.PATCH, path, headers: merge, text: #"{"spec":{"replicas":4}}"#)
            #expect(try scaled.json()[path: ["metadata", "generation"]] == 2)

            // A deployment's annotations count as desired state (they are copied to its replica sets).
            let annotated = try await client.request(
                .PATCH, path, headers: merge, text: #"{"metadata":{"annotations":{"note":"x"}}}"#)
            #expect(try annotated.json()[path: ["metadata", "generation"]] == 3)

            // A status write changes only status, and not the generation; a spec write keeps the status. As
            // kube's deployment status strategy, it may change annotations (the controller records the revision
            // so) but not labels.
            var withStatus = try await client.getJSON(path)
            withStatus["status"] = ["observedGeneration": 3, "replicas": 4, "readyReplicas": 2, "availableReplicas": 2]
            withStatus[path: ["spec", "replicas"]] = 9
            withStatus[path: ["metadata", "labels", "team"]] = "b"
            withStatus[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] = "1"
            let statusWrite = try await client.request(.PUT, "\(path)/status", json: withStatus)
            #expect(statusWrite.status == 200, "\(statusWrite)")
            let afterStatus = try statusWrite.json()
            #expect(afterStatus[path: ["status", "readyReplicas"]] == 2)
            #expect(afterStatus[path: ["spec", "replicas"]] == 4)
            #expect(afterStatus[path: ["metadata", "labels", "team"]] == "a")
            #expect(afterStatus[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] == "1")
            #expect(afterStatus[path: ["metadata", "generation"]] == 3)

            var specWrite = afterStatus
            specWrite["status"] = ["replicas": 100]
            specWrite[path: ["spec", "paused"]] = true
            let afterSpec = try await client.request(.PUT, path, json: specWrite).json()
            #expect(afterSpec[path: ["status", "replicas"]] == 4)
            #expect(afterSpec[path: ["spec", "paused"]] == true)
            #expect(afterSpec[path: ["metadata", "generation"]] == 4)

            // Status is validated as kube validates it.
            var badStatus = afterSpec
            badStatus["status"] = ["replicas": 1, "readyReplicas": 3]
            let refused = try await client.request(.PUT, "\(path)/status", json: badStatus)
            #expect(
                Self.causes(try expectStatus(refused, code: 422, reason: "Invalid")) == [
                    "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas"
                ])

            // Replica sets count annotations as metadata.
            _ = try await client.create(Self.replicaSets, Self.workload("ReplicaSet", "web"))
            let rsAnnotated = try await client.request(
                .PATCH, "\(Self.replicaSets)/web", headers: merge, text: #"{"metadata":{"annotations":{"note":"x"}}}"#)
            #expect(try rsAnnotated.json()[path: ["metadata", "generation"]] == 1)
        }
    }

    @Test func daemonSetTemplateChangesBumpTheTemplateGeneration() async throws {
        try await withCluster { _, client in
            let path = "\(Self.daemonSets)/agent"
            let merge = [("Content-Type", "application/merge-patch+json")]
            _ = try await client.create(Self.daemonSets, Self.workload("DaemonSet", "agent"))
            let annotation = ["metadata", "annotations", "deprecated.daemonset.template.generation"]

            let strategy = try await client.request(
                .PATCH, path, headers: merge, text: #"{"spec":{"minReadySeconds":5}}"#).json()
            #expect(strategy[path: ["metadata", "generation"]] == 2)
            #expect(strategy[path: annotation] == "1")

            let template = try await client.request(
                .PATCH, path, headers: merge,
                text: #"{"spec":{"template":{"metadata":{"annotations":{"restartedAt":"now"}}}}}"#
            ).json()
            #expect(template[path: ["metadata", "generation"]] == 3)
            #expect(template[path: annotation] == "2")

            // The annotation is the server's: a client cannot move it.
            let forged = try await client.request(
                .PATCH, path, headers: merge,
                text: #"{"metadata":{"annotations":{"deprecated.daemonset.template.generation":"9"}}}"#
            ).json()
            #expect(forged[path: annotation] == "2")
        }
    }

    // MARK: Scale

    @Test func scaleSubresourceReadsAndWritesSpecReplicas() async throws {
        try await withCluster { _, client in
            let selector: JSON = [
                "matchLabels": ["app": "web"], "matchExpressions": [["key": "tier", "operator": "In", "values": ["a", "b"]]],
            ]
            _ = try await client.create(
                Self.deployments,
                Self.workload("Deployment", "web", replicas: 3, templateLabels: ["app": "web", "tier": "a"], selector: selector))
            let scale = try await client.getJSON("\(Self.deployments)/web/scale")
            #expect(scale["kind"] == "Scale")
            #expect(scale["apiVersion"] == "autoscaling/v1")
            #expect(scale[path: ["spec", "replicas"]] == 3)
            #expect(scale[path: ["status", "replicas"]] == 0)
            #expect(scale[path: ["status", "selector"]] == "app=web,tier in (a,b)")

            let patched = try await client.request(
                .PATCH, "\(Self.deployments)/web/scale", headers: [("Content-Type", "application/merge-patch+json")],
                text: #"{"spec":{"replicas":5}}"#)
            #expect(patched.status == 200, "\(patched)")
            #expect(try patched.json()[path: ["spec", "replicas"]] == 5)
            let deployment = try await client.getJSON("\(Self.deployments)/web")
            #expect(deployment[path: ["spec", "replicas"]] == 5)
            #expect(deployment[path: ["metadata", "generation"]] == 2)

            _ = try await client.create(Self.replicaSets, Self.workload("ReplicaSet", "web-1", replicas: 2))
            var rsScale = try await client.getJSON("\(Self.replicaSets)/web-1/scale")
            #expect(rsScale[path: ["status", "selector"]] == "app=web-1")
            rsScale[path: ["spec", "replicas"]] = 0
            let put = try await client.request(.PUT, "\(Self.replicaSets)/web-1/scale", json: rsScale)
            #expect(put.status == 200, "\(put)")
            #expect(try await client.getJSON("\(Self.replicaSets)/web-1")[path: ["spec", "replicas"]] == 0)

            let negative = try await client.request(
                .PATCH, "\(Self.deployments)/web/scale", headers: [("Content-Type", "application/merge-patch+json")],
                text: #"{"spec":{"replicas":-1}}"#)
            try expectStatus(negative, code: 422, reason: "Invalid")

            let noScale = try await client.request(.GET, "\(Self.daemonSets)/agent/scale")
            #expect(noScale.status == 404)
        }
    }

    // MARK: Pod admission

    @Test func podsGetTheDefaultTolerationsOnce() async throws {
        try await withCluster { _, client in
            let path = "/api/v1/namespaces/default/pods"
            let plain = try await client.create(path, Objects.pod("plain", namespace: "default"))
            #expect(
                plain[path: ["spec", "tolerations"]] == [
                    ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
                    ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
                ])
            #expect(plain[path: ["spec", "schedulerName"]] == "default-scheduler")
            #expect(plain[path: ["spec", "enableServiceLinks"]] == true)
            #expect(plain[path: ["spec", "priority"]] == 0)

            var own = Objects.pod("own", namespace: "default")
            own[path: ["spec", "tolerations"]] = [
                ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 30]
            ]
            let kept = try await client.create(path, own)
            #expect(
                kept[path: ["spec", "tolerations"]] == [
                    ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 30],
                    ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
                ])

            var everything = Objects.pod("everything", namespace: "default")
            everything[path: ["spec", "tolerations"]] = [["operator": "Exists"]]
            let wildcard = try await client.create(path, everything)
            #expect(wildcard[path: ["spec", "tolerations"]] == [["operator": "Exists"]])

            // An update keeps them: admission puts back what a PUT leaves out.
            var stripped = plain
            stripped[path: ["spec", "tolerations"]] = nil
            stripped[path: ["metadata", "labels"]] = ["x": "y"]
            let updated = try await client.request(.PUT, "\(path)/plain", json: stripped)
            #expect(updated.status == 200, "\(updated)")
            #expect(try updated.json()[path: ["spec", "tolerations"]]?.arrayValue?.count == 2)
        }
    }
}
