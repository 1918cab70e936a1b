import Foundation
import HollowModel
import HollowTesting
import Testing

/// Server-side tables, discovery and OpenAPI content negotiation, and the transport (HTTP/2 over ALPN).
struct RepresentationTests {
    static let table = "application/json;as=Table;v=v1;g=meta.k8s.io"
    /// What kubectl sends for `get`.
    static let kubectlTable = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"

    static func columns(_ table: JSON) -> [(name: String, priority: Int64)] {
        (table["columnDefinitions"]?.arrayValue ?? []).map {
            ($0["name"]?.stringValue ?? "", $0["priority"]?.intValue ?? 0)
        }
    }

    @Test func nodeTableHasKubectlsColumns() async throws {
        try await withCluster { _, client in
            try await client.create("/api/v1/nodes", Objects.node("tabled"))
            let response = try await client.request(.GET, "/api/v1/nodes", headers: [("Accept", Self.kubectlTable)])
            #expect(response.status == 200, "\(response)")
            let table = try response.json()
            #expect(table["kind"] == "Table")
            #expect(table["apiVersion"] == "meta.k8s.io/v1")
            #expect(table.resourceVersion != nil)
            let columns = Self.columns(table)
            #expect(columns.map(\.name) == [
                "Name", "Status", "Roles", "Age", "Version", "Internal-IP", "External-IP", "OS-Image", "Kernel-Version",
                "Container-Runtime",
            ])
            #expect(columns.map(\.priority) == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
            let definitions = table["columnDefinitions"]?.arrayValue ?? []
            #expect(definitions.first?["format"] == "name")
            #expect(definitions.first?["type"] == "string")
            #expect(definitions.allSatisfy { $0["description"]?.stringValue?.isEmpty == false })

            let rows = table["rows"]?.arrayValue ?? []
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            let cells = row["cells"]?.arrayValue ?? []
            #expect(cells.count == columns.count)
            #expect(cells.first == "tabled")
            #expect(cells.dropFirst().first == "Ready")
            #expect(cells.dropFirst(2).first == "worker")
            #expect(cells.dropFirst(4).first == "v1.31.0")
            #expect(cells.dropFirst(5).first == "10.0.0.9")
            #expect(row[path: ["object", "kind"]] == "PartialObjectMetadata")
            #expect(row[path: ["object", "apiVersion"]] == "meta.k8s.io/v1")
            #expect(row[path: ["object", "metadata", "name"]] == "tabled")

            // includeObject=Object embeds the whole node; None embeds nothing.
            let full = try await client.request(.GET, "/api/v1/nodes/tabled?includeObject=Object", headers: [("Accept", Self.table)])
            #expect(try full.json()["rows"]?.arrayValue?.first?[path: ["object", "kind"]] == "Node")
            let none = try await client.request(.GET, "/api/v1/nodes/tabled?includeObject=None", headers: [("Accept", Self.table)])
            #expect(try none.json()["rows"]?.arrayValue?.first?["object"] == nil || (try none.json()["rows"]?.arrayValue?.first?["object"]?.isNull == true))
        }
    }

    @Test func podTableHasKubectlsColumns() async throws {
        try await withCluster { _, client in
            try await client.create("/api/v1/namespaces/default/pods", Objects.pod("tabled", namespace: "default", nodeName: "node-a"))
            let response = try await client.request(.GET, "/api/v1/namespaces/default/pods", headers: [("Accept", Self.kubectlTable)])
            #expect(response.status == 200, "\(response)")
            let table = try response.json()
            let columns = Self.columns(table)
            #expect(columns.map(\.name) == ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"])
            #expect(columns.map(\.priority) == [0, 0, 0, 0, 0, 1, 1, 1, 1])
            let cells = table["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
            #expect(Array(cells.prefix(4)) == ["tabled", "0/1", "Pending", 0] || Array(cells.prefix(4)) == ["tabled", "0/1", "Pending", "0"])
            #expect(cells.dropFirst(6).first == "node-a")
        }
    }

    @Test func tableWatchSendsColumnDefinitionsInTheFirstEventOnly() async throws {
        try await withCluster { _, client in
            let path = "/api/v1/namespaces/default/configmaps"
            try await client.create(path, Objects.configMap("first"))
            try await client.withStream("\(path)?watch=true&resourceVersion=0", headers: [("Accept", Self.kubectlTable)]) { stream in
                try await eventually("the initial event") { !stream.lines.isEmpty }
                try await client.create(path, Objects.configMap("second"))
                try await eventually("the second event") { stream.lines.count >= 2 }
                let events = try stream.events()
                #expect(events.allSatisfy { $0[path: ["object", "kind"]] == "Table" })
                #expect(events.first.map { Self.columns($0["object"] ?? .null).map(\.name) } == ["Name", "Data", "Age"])
                #expect(events.dropFirst().first?[path: ["object", "columnDefinitions"]]?.arrayValue?.isEmpty ?? true)
                #expect(events.dropFirst().first?[path: ["object", "rows"]]?.arrayValue?.first?["cells"]?.arrayValue?.first == "second")
            }
        }
    }

    @Test func aggregatedDiscoveryAnswersInTheVersionAskedFor() async throws {
        try await withCluster { _, client in
            for version in ["v2", "v2beta1"] {
                let accept = "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList"
                for root in ["/api", "/apis"] {
                    let response = try await client.request(.GET, root, headers: [("Accept", accept)])
                    #expect(response.status == 200)
                    let contentType = response.header("Content-Type")
                    #expect(contentType.contains("as=APIGroupDiscoveryList"), "\(root) \(version): \(contentType)")
                    #expect(contentType.contains("v=\(version)"), "\(root) \(version): \(contentType)")
                    #expect(contentType.contains("g=apidiscovery.k8s.io"))
                    let document = try response.json()
                    #expect(document["kind"] == "APIGroupDiscoveryList")
                    #expect(document["apiVersion"]?.stringValue == "apidiscovery.k8s.io/\(version)")
                }
            }
            // What 1.30+ sends: v2 first. What 1.27 sends: v2beta1, then plain JSON.
            let modern = try await client.request(
                .GET, "/apis",
                headers: [("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")])
            #expect(modern.header("Content-Type").contains("v=v2;") || modern.header("Content-Type").hasSuffix("v=v2"))
            let old = try await client.request(
                .GET, "/api",
                headers: [("Accept", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")])
            #expect(old.header("Content-Type").contains("v=v2beta1"))
            let core = try old.json()
            let versions = core["items"]?.arrayValue?.first?["versions"]?.arrayValue ?? []
            let resources = versions.first?["resources"]?.arrayValue ?? []
            let pods = try #require(resources.first { $0["resource"] == "pods" })
            #expect(pods["scope"] == "Namespaced")
            #expect(pods["singularResource"] == "pod")
            #expect(pods["responseKind"] == ["group": "", "version": "v1", "kind": "Pod"])
            #expect(pods["shortNames"] == ["po"])
            #expect(pods["subresources"]?.arrayValue?.contains { $0["subresource"] == "status" } == true)
            #expect(versions.first?["freshness"] == "Current")

            let groups = try await client.request(
                .GET, "/apis", headers: [("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")])
            let groupNames = try groups.json()["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
            #expect(groupNames.contains("coordination.k8s.io"))

            // Plain JSON gets the legacy documents.
            let legacy = try await client.request(.GET, "/api", headers: [("Accept", "application/json")])
            #expect(try legacy.json()["kind"] == "APIVersions")
            #expect(!legacy.header("Content-Type").contains("APIGroupDiscoveryList"))
            let groupList = try await client.getJSON("/apis")
            #expect(groupList["kind"] == "APIGroupList")
            let resourceList = try await client.getJSON("/api/v1")
            #expect(resourceList["kind"] == "APIResourceList")
            #expect(resourceList["resources"]?.arrayValue?.contains { $0["name"] == "pods/status" } == true)
        }
    }

    @Test func openAPIV2ProtobufRequestGetsTheDottedContentType() async throws {
        try await withCluster { _, client in
            // What kubectl sends.
            let protobuf = try await client.request(
                .GET, "/openapi/v2",
                headers: [("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")])
            #expect(protobuf.status == 200)
            #expect(protobuf.header("Content-Type") == "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")

            let json = try await client.request(.GET, "/openapi/v2", headers: [("Accept", "application/json")])
            #expect(json.status == 200)
            #expect(try json.json()["swagger"] == "2.0")

            let index = try await client.getJSON("/openapi/v3")
            let coreURL = try #require(index[path: ["paths", "api/v1", "serverRelativeURL"]]?.stringValue)
            #expect(coreURL.hasPrefix("/openapi/v3/api/v1?hash="))
            let core = try await client.request(.GET, coreURL)
            #expect(core.status == 200)
            #expect(core.header("Cache-Control").contains("immutable"))
            let schemas = try core.json()[path: ["components", "schemas"]]?.objectValue
            #expect(schemas?["io.k8s.api.core.v1.Node"] != nil)
        }
    }

    @Test func http2IsNegotiatedByALPN() async throws {
        try await withCluster { cluster, client in
            let response = try await client.request(.GET, "/api/v1/namespaces")
            #expect(response.status == 200)
            #expect(response.version == .http2)

            // curl with the admin certificate, as a second, independent client.
            let directory = try TemporaryDirectory.make(prefix: "hollow-curl")
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let credentials = cluster.serving.credentials
            let ca = "\(directory)/ca.crt", cert = "\(directory)/admin.crt", key = "\(directory)/admin.key"
            try credentials.certificateAuthority.certificatePEM.write(toFile: ca, atomically: true, encoding: .utf8)
            try credentials.adminCertificate.certificatePEM.write(toFile: cert, atomically: true, encoding: .utf8)
            try credentials.adminCertificate.privateKeyPEM.write(toFile: key, atomically: true, encoding: .utf8)
            let h2 = try await ProcessRunner.run(
                "/usr/bin/curl",
                ["--http2", "-s", "--cacert", ca, "--cert", cert, "--key", key, "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                 "\(cluster.url)/api/v1/namespaces"])
            #expect(h2.status == 0, "\(h2.stderr)")
            #expect(h2.stdout == "2 200")
            let h1 = try await ProcessRunner.run(
                "/usr/bin/curl",
                ["--http1.1", "-s", "--cacert", ca, "--cert", cert, "--key", key, "-o", "/dev/null", "-w", "%{http_version} %{http_code}",
                 "\(cluster.url)/api/v1/namespaces"])
            #expect(h1.stdout == "1.1 200")
        }
    }
}
