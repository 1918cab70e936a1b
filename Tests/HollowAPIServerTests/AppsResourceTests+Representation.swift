import HollowModel
import HollowTesting
import Testing

/// apps/v1 objects as clients read and write them: strategic merge patches, tables, discovery, OpenAPI and
/// protobuf bodies.
extension AppsResourceTests {
    // MARK: Patches

    @Test func strategicMergePatchMergesTemplateContainersByName() async throws {
        try await withCluster { _, client in
            _ = try await client.create(
                Self.deployments,
                Self.workload(
                    "Deployment", "web",
                    podSpec: ["containers": [["name": "nginx", "image": "nginx:1"], ["name": "sidecar", "image": "envoy:1"]]]))
            let patch = try await client.request(
                .PATCH, "\(Self.deployments)/web", headers: [("Content-Type", "application/strategic-merge-patch+json")],
                text: #"{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:2"}]}}}}"#)
            #expect(patch.status == 200, "\(patch)")
            let containers = try patch.json()[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
            #expect(containers.map { $0["name"] } == ["nginx", "sidecar"])
            #expect(containers.map { $0["image"] } == ["nginx:2", "envoy:1"])
            #expect(containers.first?["imagePullPolicy"] == "IfNotPresent")
            #expect(try patch.json()[path: ["metadata", "generation"]] == 2)

            // strategy retains keys: switching to Recreate drops rollingUpdate.
            let recreate = try await client.request(
                .PATCH, "\(Self.deployments)/web", headers: [("Content-Type", "application/strategic-merge-patch+json")],
                text: #"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#)
            #expect(recreate.status == 200, "\(recreate)")
            #expect(try recreate.json()[path: ["spec", "strategy"]] == ["type": "Recreate"])
        }
    }

    // MARK: Tables

    @Test func tablesHaveKubesColumns() async throws {
        try await withCluster { _, client in
            _ = try await client.create(Self.deployments, Self.workload("Deployment", "web", replicas: 3, image: "nginx:1"))
            _ = try await client.create(Self.replicaSets, Self.workload("ReplicaSet", "web-1", replicas: 2))
            var agent = Self.workload("DaemonSet", "agent", podSpec: ["nodeSelector": ["zone": "a", "disk": "ssd"]])
            agent[path: ["spec", "template", "spec", "containers"]] = [["name": "a", "image": "i:1"], ["name": "b", "image": "i:2"]]
            _ = try await client.create(Self.daemonSets, agent)

            func table(_ path: String) async throws -> (columns: [String], priorities: [Int64], cells: [JSON]) {
                let response = try await client.request(.GET, path, headers: [("Accept", Self.table)])
                let json = try response.json()
                #expect(json["kind"] == "Table", "\(response)")
                let definitions = json["columnDefinitions"]?.arrayValue ?? []
                return (
                    definitions.compactMap { $0["name"]?.stringValue }, definitions.compactMap { $0["priority"]?.intValue },
                    json["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
                )
            }

            let deployment = try await table(Self.deployments)
            #expect(deployment.columns == ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"])
            #expect(deployment.priorities == [0, 0, 0, 0, 0, 1, 1, 1])
            #expect(Array(deployment.cells.prefix(4)) == ["web", "0/3", 0, 0])
            #expect(Array(deployment.cells.suffix(3)) == ["main", "nginx:1", "app=web"])

            let replicaSet = try await table(Self.replicaSets)
            #expect(replicaSet.columns == ["Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector"])
            #expect(Array(replicaSet.cells.prefix(4)) == ["web-1", 2, 0, 0])
            #expect(Array(replicaSet.cells.suffix(3)) == ["main", "nginx", "app=web-1"])

            let daemonSet = try await table(Self.daemonSets)
            #expect(
                daemonSet.columns == [
                    "Name", "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age", "Containers",
                    "Images", "Selector",
                ])
            #expect(Array(daemonSet.cells.prefix(7)) == ["agent", 0, 0, 0, 0, 0, "disk=ssd,zone=a"])
            #expect(Array(daemonSet.cells.suffix(3)) == ["a,b", "i:1,i:2", "app=agent"])
        }
    }

    // MARK: Discovery, OpenAPI, protobuf

    @Test func discoveryAndOpenAPIDescribeTheAppsGroup() async throws {
        try await withCluster { _, client in
            let list = try await client.getJSON("/apis/apps/v1")
            let resources = list["resources"]?.arrayValue ?? []
            func resource(_ name: String) -> JSON? { resources.first { $0["name"]?.stringValue == name } }
            #expect(
                resources.compactMap { $0["name"]?.stringValue } == [
                    "controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                    "deployments/status", "replicasets", "replicasets/scale", "replicasets/status",
                ])
            #expect(resource("deployments")?["shortNames"] == ["deploy"])
            #expect(resource("deployments")?["categories"] == ["all"])
            #expect(resource("replicasets")?["shortNames"] == ["rs"])
            #expect(resource("daemonsets")?["shortNames"] == ["ds"])
            #expect(resource("controllerrevisions")?["categories"] == nil)
            #expect(resource("deployments/scale")?["group"] == "autoscaling")
            #expect(resource("deployments/scale")?["kind"] == "Scale")

            let groups = try await client.getJSON("/apis")
            #expect(groups["groups"]?.arrayValue?.contains { $0["name"] == "apps" } == true)

            let document = try await client.getJSON("/openapi/v3/apis/apps/v1")
            let schemas = document[path: ["components", "schemas"]]
            let strategy = schemas?["io.k8s.api.apps.v1.DeploymentSpec"]?[path: ["properties", "strategy"]]
            #expect(strategy?["x-kubernetes-patch-strategy"] == "retainKeys")
            #expect(schemas?["io.k8s.api.apps.v1.RollingUpdateDeployment"]?[path: ["properties", "maxSurge"]] != nil)
            #expect(schemas?["io.k8s.api.core.v1.PodSpec"]?[path: ["properties", "containers", "x-kubernetes-patch-merge-key"]] == "name")
            #expect(document[path: ["paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"]] != nil)
        }
    }

    @Test func unknownFieldsAreDroppedAndReported() async throws {
        try await withCluster { _, client in
            var deployment = Self.workload("Deployment", "web")
            deployment[path: ["spec", "colour"]] = "blue"
            let response = try await client.request(.POST, Self.deployments, json: deployment)
            #expect(response.status == 201, "\(response)")
            #expect(response.header("Warning").contains("unknown field \\\"spec.colour\\\""), "\(response.headers)")
            #expect(try response.json()[path: ["spec", "colour"]] == nil)

            let strict = try await client.request(.POST, "\(Self.deployments)?fieldValidation=Strict", json: deployment)
            try expectStatus(strict, code: 400, reason: "BadRequest")
        }
    }

    @Test func replicaSetsAndDaemonSetsDecodeFromProtobuf() async throws {
        try await withCluster { _, client in
            func workload(_ kind: String, _ name: String) -> [UInt8] {
                ProtoBytes.body("apps/v1", kind) { object in
                    object.message(1) { $0.string(1, name) }
                    object.message(2) { spec in
                        let selector = kind == "DaemonSet" ? 1 : 2
                        let template = kind == "DaemonSet" ? 2 : 3
                        if kind == "ReplicaSet" { spec.int(1, 2) }
                        spec.message(selector) { $0.entry(1, "app", name) }
                        spec.message(template) { template in
                            template.message(1) { $0.entry(11, "app", name) }
                            template.message(2) { pod in
                                pod.message(2) { container in
                                    container.string(1, "main")
                                    container.string(2, "nginx:1")
                                }
                            }
                        }
                    }
                }
            }
            let headers = [("Content-Type", "application/vnd.kubernetes.protobuf"), ("Accept", "application/json")]
            let rs = try await client.request(.POST, Self.replicaSets, headers: headers, body: workload("ReplicaSet", "pb"))
            #expect(rs.status == 201, "\(rs)")
            #expect(try rs.json()[path: ["spec", "replicas"]] == 2)
            #expect(try rs.json()[path: ["spec", "selector", "matchLabels", "app"]] == "pb")
            let ds = try await client.request(.POST, Self.daemonSets, headers: headers, body: workload("DaemonSet", "pb"))
            #expect(ds.status == 201, "\(ds)")
            #expect(try ds.json()[path: ["spec", "updateStrategy", "type"]] == "RollingUpdate")
            #expect(try ds.json()[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1")
        }
    }
}
/// Just enough protobuf writing for request bodies: varints, length-delimited fields, map entries, and
/// apimachinery's `k8s\0` envelope.
struct ProtoBytes {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func int(_ field: Int, _ value: Int64) {
        varint(UInt64(field) << 3)
        varint(UInt64(bitPattern: value))
    }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        varint(UInt64(field) << 3 | 2)
        varint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ field: Int, _ value: String) { bytes(field, Array(value.utf8)) }

    mutating func message(_ field: Int, _ build: (inout ProtoBytes) -> Void) {
        var nested = ProtoBytes()
        build(&nested)
        bytes(field, nested.bytes)
    }

    /// One `map<string, string>` entry.
    mutating func entry(_ field: Int, _ key: String, _ value: String) {
        message(field) {
            $0.string(1, key)
            $0.string(2, value)
        }
    }

    static func body(_ apiVersion: String, _ kind: String, _ build: (inout ProtoBytes) -> Void) -> [UInt8] {
        var envelope = ProtoBytes()
        envelope.message(1) {
            $0.string(1, apiVersion)
            $0.string(2, kind)
        }
        envelope.message(2, build)
        return [0x6B, 0x38, 0x73, 0x00] + envelope.bytes
    }
}
