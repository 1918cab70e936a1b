import Foundation
import HollowModel
import HollowPKI
import HollowTesting
import Testing

/// Starts a fresh cluster in a new temporary directory and hands `body` an admin HTTPS client for it; the
/// directory is removed after a success.
func withCluster<T: Sendable>(_ body: @Sendable (TestCluster, ClusterClient) async throws -> T) async throws -> T {
    let path = try TemporaryDirectory.make(prefix: "hollow-apiserver-test")
    let result = try await TestCluster.run(directory: ClusterDirectory(path: path)) { cluster in
        try await cluster.withClient { client in try await body(cluster, client) }
    }
    try? FileManager.default.removeItem(atPath: path)
    return result
}

/// Object builders.
enum Objects {
    static func configMap(
        _ name: String, namespace: String? = nil, data: [String: String] = [:], labels: [String: String] = [:],
        finalizers: [String] = []
    ) -> JSON {
        var metadata: JSONObject = ["name": .string(name)]
        if let namespace { metadata["namespace"] = .string(namespace) }
        if !labels.isEmpty { metadata["labels"] = .object(JSONObject(labels.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
        if !finalizers.isEmpty { metadata["finalizers"] = .array(finalizers.map { .string($0) }) }
        var object: JSONObject = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(metadata)]
        if !data.isEmpty { object["data"] = .object(JSONObject(data.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
        return .object(object)
    }

    static func namespace(_ name: String) -> JSON {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
    }

    static func pod(_ name: String, namespace: String, nodeName: String? = nil, labels: [String: String] = [:]) -> JSON {
        var spec: JSONObject = ["containers": [["name": "main", "image": "registry.k8s.io/pause:3.9"]]]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        var metadata: JSONObject = ["name": .string(name), "namespace": .string(namespace)]
        if !labels.isEmpty { metadata["labels"] = .object(JSONObject(labels.map { ($0.key, .string($0.value)) })) }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": .object(metadata), "spec": .object(spec)]
    }

    static func node(_ name: String) -> JSON {
        [
            "apiVersion": "v1", "kind": "Node",
            "metadata": ["name": .string(name), "labels": ["node-role.kubernetes.io/worker": ""]],
            "status": [
                "conditions": [["type": "Ready", "status": "True"]],
                "addresses": [["type": "InternalIP", "address": "10.0.0.9"]],
                "nodeInfo": ["kubeletVersion": "v1.31.0", "osImage": "Hollow Linux"],
            ],
        ]
    }
}

extension ClusterClient {
    /// POSTs `object` to `collection` and requires 201; returns the created object.
    @discardableResult
    func create(_ collection: String, _ object: JSON, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSON {
        let response = try await request(.POST, collection, json: object)
        try #require(response.status == 201, "POST \(collection): \(response)", sourceLocation: sourceLocation)
        return try response.json()
    }

    /// Creates a namespace and returns its name.
    @discardableResult
    func createNamespace(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        try await create("/api/v1/namespaces", Objects.namespace(name), sourceLocation: sourceLocation)
        return name
    }

    /// GETs `path` and requires 200; returns the body as JSON.
    func getJSON(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSON {
        let response = try await request(.GET, path)
        try #require(response.status == 200, "GET \(path): \(response)", sourceLocation: sourceLocation)
        return try response.json()
    }

    /// The names of the items of a list.
    func names(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let list = try await getJSON(path, sourceLocation: sourceLocation)
        return (list["items"]?.arrayValue ?? []).compactMap { $0[path: ["metadata", "name"]]?.stringValue }
    }
}

/// Checks that `response` is a failure `Status` with `code` and `reason`; returns the Status.
@discardableResult
func expectStatus(
    _ response: ClusterResponse, code: Int, reason: String, sourceLocation: SourceLocation = #_sourceLocation
) throws -> JSON {
    guard response.status == code else {
        Issue.record("expected HTTP \(code) \(reason), got \(response)", sourceLocation: sourceLocation)
        return (try? response.json()) ?? .null
    }
    #expect(response.header("Content-Type").hasPrefix("application/json"), "\(response)", sourceLocation: sourceLocation)
    let status = try response.json()
    #expect(status["kind"] == "Status", sourceLocation: sourceLocation)
    #expect(status["apiVersion"] == "v1", sourceLocation: sourceLocation)
    #expect(status["status"] == "Failure", sourceLocation: sourceLocation)
    #expect(status["reason"]?.stringValue == reason, "\(response)", sourceLocation: sourceLocation)
    #expect(status["code"]?.intValue == Int64(code), sourceLocation: sourceLocation)
    #expect(status["message"]?.stringValue?.isEmpty == false, sourceLocation: sourceLocation)
    return status
}

extension JSON {
    /// `metadata.resourceVersion` as an integer.
    var resourceVersion: Int? { self[path: ["metadata", "resourceVersion"]]?.stringValue.flatMap { Int($0) } }
    var name: String? { self[path: ["metadata", "name"]]?.stringValue }
}

/// Percent-encodes a query value (selectors contain `=`, `!`, `(`, `,` and spaces).
func query(_ value: String) -> String {
    var allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    allowed.remove("+")
    var result = ""
    for byte in value.utf8 {
        let character = Character(UnicodeScalar(byte))
        if allowed.contains(character) {
            result.append(character)
        } else {
            result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
        }
    }
    return result
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
