import Foundation
import HollowModel
import HollowPKI
import HollowTesting
import Testing

/// Every failure is a `metav1.Status` with the code, reason, message and details kube-apiserver gives
/// (apimachinery `pkg/api/errors`).
struct StatusErrorTests {
    static let configMaps = "/api/v1/namespaces/default/configmaps"

    @Test func getOfAMissingObjectIsNotFound() async throws {
        try await withCluster { _, client in
            let response = try await client.request(.GET, "\(Self.configMaps)/missing")
            let status = try expectStatus(response, code: 404, reason: "NotFound")
            #expect(status["message"] == #"configmaps "missing" not found"#)
            #expect(status[path: ["details", "name"]] == "missing")
            #expect(status[path: ["details", "kind"]] == "configmaps")

            let lease = try await client.request(.GET, "/apis/coordination.k8s.io/v1/namespaces/default/leases/gone")
            let leaseStatus = try expectStatus(lease, code: 404, reason: "NotFound")
            #expect(leaseStatus["message"] == #"leases.coordination.k8s.io "gone" not found"#)
            #expect(leaseStatus[path: ["details", "group"]] == "coordination.k8s.io")

            let inMissingNamespace = try await client.request(.POST, "/api/v1/namespaces/nowhere/configmaps", json: Objects.configMap("x"))
            let namespaceStatus = try expectStatus(inMissingNamespace, code: 404, reason: "NotFound")
            #expect(namespaceStatus["message"] == #"namespaces "nowhere" not found"#)

            let unknownResource = try await client.request(.GET, "/api/v1/namespaces/default/widgets")
            try expectStatus(unknownResource, code: 404, reason: "NotFound")
        }
    }

    @Test func secondCreateIsAlreadyExists() async throws {
        try await withCluster { _, client in
            try await client.create(Self.configMaps, Objects.configMap("twice"))
            let response = try await client.request(.POST, Self.configMaps, json: Objects.configMap("twice"))
            let status = try expectStatus(response, code: 409, reason: "AlreadyExists")
            #expect(status["message"] == #"configmaps "twice" already exists"#)
            #expect(status[path: ["details", "name"]] == "twice")
            #expect(status[path: ["details", "kind"]] == "configmaps")
        }
    }

    @Test func updateWithAStaleResourceVersionIsConflict() async throws {
        try await withCluster { _, client in
            let created = try await client.create(Self.configMaps, Objects.configMap("contended", data: ["v": "1"]))
            var first = created
            first["data"] = ["v": "2"]
            let ok = try await client.request(.PUT, "\(Self.configMaps)/contended", json: first)
            #expect(ok.status == 200, "\(ok)")
            #expect(try ok.json().resourceVersion ?? 0 > created.resourceVersion ?? 0)

            var stale = created
            stale["data"] = ["v": "3"]
            let response = try await client.request(.PUT, "\(Self.configMaps)/contended", json: stale)
            let status = try expectStatus(response, code: 409, reason: "Conflict")
            #expect(
                status["message"]
                    == #"Operation cannot be fulfilled on configmaps "contended": the object has been modified; please apply your changes to the latest version and try again"#
            )
            #expect(status[path: ["details", "name"]] == "contended")
            let current = try await client.getJSON("\(Self.configMaps)/contended")
            #expect(current["data"] == ["v": "2"])
        }
    }

    @Test func invalidNameIsInvalidWithACause() async throws {
        try await withCluster { _, client in
            let response = try await client.request(.POST, Self.configMaps, json: Objects.configMap("Bad_Name"))
            let status = try expectStatus(response, code: 422, reason: "Invalid")
            let message = status["message"]?.stringValue ?? ""
            #expect(message.hasPrefix(#"ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": "#), "\(message)")
            #expect(message.contains("RFC 1123 subdomain"))
            #expect(status[path: ["details", "name"]] == "Bad_Name")
            #expect(status[path: ["details", "kind"]] == "ConfigMap")
            let causes = status[path: ["details", "causes"]]?.arrayValue ?? []
            #expect(causes.count == 1)
            #expect(causes.first?["reason"] == "FieldValueInvalid")
            #expect(causes.first?["field"] == "metadata.name")
            #expect(causes.first?["message"]?.stringValue?.hasPrefix(#"Invalid value: "Bad_Name""#) == true)

            // A missing name is FieldValueRequired.
            let nameless: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["labels": ["a": "b"]]]
            let required = try expectStatus(try await client.request(.POST, Self.configMaps, json: nameless), code: 422, reason: "Invalid")
            let requiredCauses = required[path: ["details", "causes"]]?.arrayValue ?? []
            #expect(requiredCauses.contains { $0["reason"] == "FieldValueRequired" && $0["field"] == "metadata.name" }, "\(required)")
        }
    }

    @Test func invalidLabelsAreInvalidWithCauses() async throws {
        try await withCluster { _, client in
            let object = Objects.configMap("labelled", labels: ["bad key": "ok", "good": "-not valid-"])
            let response = try await client.request(.POST, Self.configMaps, json: object)
            let status = try expectStatus(response, code: 422, reason: "Invalid")
            let causes = status[path: ["details", "causes"]]?.arrayValue ?? []
            #expect(causes.count == 2, "\(status)")
            #expect(causes.allSatisfy { $0["reason"] == "FieldValueInvalid" && $0["field"] == "metadata.labels" }, "\(status)")
            #expect(causes.contains { $0["message"]?.stringValue?.contains(#""bad key""#) == true })
            #expect(causes.contains { $0["message"]?.stringValue?.contains(#""-not valid-""#) == true })
            #expect(status["message"]?.stringValue?.hasPrefix(#"ConfigMap "labelled" is invalid: ["#) == true)
            #expect(try await client.request(.GET, "\(Self.configMaps)/labelled").status == 404)
        }
    }

    @Test func malformedBodiesAreBadRequest() async throws {
        try await withCluster { _, client in
            let malformed = try await client.request(.POST, Self.configMaps, text: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}"#)
            try expectStatus(malformed, code: 400, reason: "BadRequest")

            let notAnObject = try await client.request(.POST, Self.configMaps, text: "[1,2,3]")
            try expectStatus(notAnObject, code: 400, reason: "BadRequest")

            let wrongKind: JSON = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "x"]]
            try expectStatus(try await client.request(.POST, Self.configMaps, json: wrongKind), code: 400, reason: "BadRequest")

            let wrongVersion: JSON = ["apiVersion": "v2", "kind": "ConfigMap", "metadata": ["name": "x"]]
            let version = try expectStatus(try await client.request(.POST, Self.configMaps, json: wrongVersion), code: 400, reason: "BadRequest")
            #expect(version["message"]?.stringValue?.contains("v2") == true)

            let otherGroup: JSON = ["apiVersion": "coordination.k8s.io/v1", "kind": "ConfigMap", "metadata": ["name": "x"]]
            try expectStatus(try await client.request(.POST, Self.configMaps, json: otherGroup), code: 400, reason: "BadRequest")

            #expect(try await client.request(.GET, "\(Self.configMaps)/x").status == 404, "nothing was created")
        }
    }

    @Test func nameAndNamespaceMismatchesAreBadRequest() async throws {
        try await withCluster { _, client in
            var created = try await client.create(Self.configMaps, Objects.configMap("right"))
            created["data"] = ["k": "v"]
            let renamed = try await client.request(.PUT, "\(Self.configMaps)/other", json: created)
            let nameStatus = try expectStatus(renamed, code: 400, reason: "BadRequest")
            #expect(nameStatus["message"]?.stringValue?.contains("does not match the name on the URL") == true, "\(nameStatus)")

            let elsewhere = Objects.configMap("misplaced", namespace: "kube-system")
            let namespaceStatus = try expectStatus(
                try await client.request(.POST, Self.configMaps, json: elsewhere), code: 400, reason: "BadRequest")
            #expect(
                namespaceStatus["message"]
                    == "the namespace of the provided object does not match the namespace sent on the request")

            var moved = created
            moved[path: ["metadata", "namespace"]] = "kube-system"
            try expectStatus(try await client.request(.PUT, "\(Self.configMaps)/right", json: moved), code: 400, reason: "BadRequest")
        }
    }

    @Test func wrongMethodsAreMethodNotAllowed() async throws {
        try await withCluster { _, client in
            try await client.create(Self.configMaps, Objects.configMap("target"))
            let postToObject = try await client.request(.POST, "\(Self.configMaps)/target", json: Objects.configMap("target"))
            try expectStatus(postToObject, code: 405, reason: "MethodNotAllowed")
            let putToCollection = try await client.request(.PUT, Self.configMaps, json: Objects.configMap("target"))
            try expectStatus(putToCollection, code: 405, reason: "MethodNotAllowed")
        }
    }

    @Test func patchWithAnUnknownContentTypeIsUnsupportedMediaType() async throws {
        try await withCluster { _, client in
            try await client.create(Self.configMaps, Objects.configMap("patched"))
            let response = try await client.request(
                .PATCH, "\(Self.configMaps)/patched", headers: [("Content-Type", "text/plain")], text: #"{"data":{"a":"b"}}"#)
            let status = try expectStatus(response, code: 415, reason: "UnsupportedMediaType")
            let message = status["message"]?.stringValue ?? ""
            #expect(message.contains("application/merge-patch+json"), "\(message)")
            #expect(message.contains("application/json-patch+json"))
            #expect(message.contains("application/strategic-merge-patch+json"))

            let post = try await client.request(
                .POST, Self.configMaps, headers: [("Content-Type", "text/plain")], json: Objects.configMap("plain"))
            try expectStatus(post, code: 415, reason: "UnsupportedMediaType")
        }
    }

    @Test func acceptingOnlyXMLIsNotAcceptable() async throws {
        try await withCluster { _, client in
            let response = try await client.request(.GET, Self.configMaps, headers: [("Accept", "application/xml")])
            let status = try expectStatus(response, code: 406, reason: "NotAcceptable")
            #expect(status["message"]?.stringValue?.contains("application/json") == true)
            let one = try await client.request(.GET, "/api/v1/namespaces/default", headers: [("Accept", "application/xml")])
            try expectStatus(one, code: 406, reason: "NotAcceptable")
        }
    }

    @Test func aBodyOverThreeMebibytesIsRequestEntityTooLarge() async throws {
        try await withCluster { _, client in
            let big = String(repeating: "x", count: 4 * 1024 * 1024)
            let object = Objects.configMap("huge", data: ["blob": big])
            let response = try await client.request(.POST, Self.configMaps, json: object)
            let status = try expectStatus(response, code: 413, reason: "RequestEntityTooLarge")
            #expect(status["message"]?.stringValue?.contains("limit is 3145728") == true, "\(status)")
            #expect(try await client.request(.GET, "\(Self.configMaps)/huge").status == 404)
            // The connection (or a new one) keeps working.
            #expect(try await client.request(.GET, Self.configMaps).status == 200)
        }
    }

    @Test func requestsWithoutValidCredentialsAreUnauthorized() async throws {
        let path = try TemporaryDirectory.make(prefix: "hollow-apiserver-test")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await TestCluster.run(directory: ClusterDirectory(path: path)) { cluster in
            let ca = cluster.serving.credentials.certificateAuthority.certificatePEM
            try await ClusterClient.with(url: cluster.url, caPEM: ca, credentials: .none) { anonymous in
                let status = try expectStatus(try await anonymous.request(.GET, "/api"), code: 401, reason: "Unauthorized")
                #expect(status["message"] == "Unauthorized")
                try expectStatus(try await anonymous.request(.GET, Self.configMaps), code: 401, reason: "Unauthorized")
                // Health and version need no credentials.
                let health = try await anonymous.request(.GET, "/healthz")
                #expect(health.status == 200)
                #expect(health.text == "ok")
                for path in ["/livez", "/readyz"] { #expect(try await anonymous.request(.GET, path).status == 200) }
                let version = try await anonymous.request(.GET, "/version")
                #expect(version.status == 200)
                #expect(try version.json()["gitVersion"] == "v1.31.0")
            }
            try await ClusterClient.with(url: cluster.url, caPEM: ca, credentials: .bearerToken("wrong-token")) { wrong in
                try expectStatus(try await wrong.request(.GET, "/api/v1/namespaces"), code: 401, reason: "Unauthorized")
            }
            // A certificate from another cluster's CA proves nothing here.
            let foreignPath = try TemporaryDirectory.make(prefix: "hollow-foreign")
            defer { try? FileManager.default.removeItem(atPath: foreignPath) }
            let foreign = try ClusterCredentials.loadOrCreate(
                directory: ClusterDirectory(path: foreignPath), addresses: [], clusterName: "foreign")
            try await ClusterClient.with(
                url: cluster.url, caPEM: ca,
                credentials: .clientCertificate(
                    certificatePEM: foreign.adminCertificate.certificatePEM, keyPEM: foreign.adminCertificate.privateKeyPEM)
            ) { stranger in
                try expectStatus(try await stranger.request(.GET, "/api/v1/namespaces"), code: 401, reason: "Unauthorized")
            }
            // The admin token works.
            let token = try #require(cluster.adminToken)
            try await ClusterClient.with(url: cluster.url, caPEM: ca, credentials: .bearerToken(token)) { admin in
                let response = try await admin.request(.GET, "/api/v1/namespaces")
                #expect(response.status == 200)
            }
        }
    }
}
