import Foundation
import HollowModel
import HollowTesting
import Testing

/// `kubectl create <kind>` for the kinds it builds itself. kubectl 1.32+ sends these bodies as protobuf
/// (`application/vnd.kubernetes.protobuf`) and does not retry as JSON; 1.27 sends JSON. One shared server; each
/// release works in a namespace of its own.
@Suite(.sharedHollowServer)
struct ProtobufTests {
    static let releases: [KubectlRelease] = [.v1_27, .v1_32, .v1_33]

    @Test(arguments: releases)
    func createCommandsMakeTheObjects(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "create-\(release.suffix)"

        #expect(try await kubectl.line(["create", "namespace", namespace]) == "namespace/\(namespace) created")
        let created = try await kubectl.json(["get", "namespace", namespace])
        #expect(created[path: ["status", "phase"]] == "Active")
        #expect(created[path: ["metadata", "labels"]] == ["kubernetes.io/metadata.name": .string(namespace)])

        #expect(
            try await kubectl.line(
                ["create", "configmap", "settings", "--from-literal=color=blue", "--from-literal=size=3", "-n", namespace])
                == "configmap/settings created")
        let configMap = try await kubectl.json(["get", "configmap", "settings", "-n", namespace])
        #expect(configMap["data"] == ["color": "blue", "size": "3"])

        #expect(
            try await kubectl.line(["create", "secret", "generic", "creds", "--from-literal=password=s3cr3t", "-n", namespace])
                == "secret/creds created")
        let secret = try await kubectl.json(["get", "secret", "creds", "-n", namespace])
        #expect(secret["type"] == "Opaque")
        #expect(secret["data"] == ["password": .string(Data("s3cr3t".utf8).base64EncodedString())])

        #expect(try await kubectl.line(["create", "serviceaccount", "robot", "-n", namespace]) == "serviceaccount/robot created")
        let account = try await kubectl.json(["get", "serviceaccount", "robot", "-n", namespace])
        #expect(account[path: ["metadata", "name"]] == "robot")

        #expect(
            try await kubectl.line(["create", "service", "clusterip", "web", "--tcp=80:8080", "-n", namespace])
                == "service/web created")
        let service = try await kubectl.json(["get", "service", "web", "-n", namespace])
        #expect(service[path: ["spec", "type"]] == "ClusterIP")
        #expect(service[path: ["spec", "ports"]] == [["name": "80-8080", "port": 80, "protocol": "TCP", "targetPort": 8080]])
        #expect(service[path: ["spec", "selector"]] == ["app": "web"])
        let clusterIP = service[path: ["spec", "clusterIP"]]?.stringValue ?? ""
        #expect(clusterIP.split(separator: ".").count == 4, "an allocated IPv4 cluster IP: \(clusterIP)")
        #expect(service[path: ["spec", "clusterIPs"]] == [.string(clusterIP)])

        let table = try await kubectl.ok(["get", "service", "web", "-n", namespace])
        #expect(Columns.row(table, named: "web")?.prefix(5) == ["web", "ClusterIP", clusterIP, "<none>", "80/TCP"], "\(table)")
    }

    @Test(arguments: releases)
    func createKeepsBinaryFileContents(_ release: KubectlRelease) async throws {
        let server = try HollowServer.shared
        let kubectl = server.client(release)
        let namespace = "binary-\(release.suffix)"
        try await kubectl.ok(["create", "namespace", namespace])
        let bytes: [UInt8] = [0x00, 0x01, 0x02, 0xFF, 0xFE, 0x80, 0x0A]
        let path = "\(server.dataDirectory)/\(release.suffix)-blob.bin"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let encoded = Data(bytes).base64EncodedString()

        try await kubectl.ok(["create", "secret", "generic", "blob", "--from-file=blob.bin=\(path)", "-n", namespace])
        let secret = try await kubectl.json(["get", "secret", "blob", "-n", namespace])
        #expect(secret["data"] == ["blob.bin": .string(encoded)])

        // Bytes that are not UTF-8 go to `binaryData`.
        try await kubectl.ok(["create", "configmap", "blob", "--from-file=blob.bin=\(path)", "-n", namespace])
        let configMap = try await kubectl.json(["get", "configmap", "blob", "-n", namespace])
        #expect(configMap["binaryData"] == ["blob.bin": .string(encoded)])
        #expect(configMap["data"] == nil)
    }

    /// Makes sure the tests above exercise protobuf bodies on 1.32+: kubectl logs the request's Content-Type.
    @Test(arguments: [KubectlRelease.v1_32, .v1_33])
    func createSendsProtobufBodies(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let name = "wire-\(release.suffix)"
        let output = try await kubectl.run(["create", "configmap", name, "--from-literal=a=b", "-v=8"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stderr.contains("Content-Type: application/vnd.kubernetes.protobuf"), "\(output.stderr)")
        #expect(try await kubectl.json(["get", "cm", name])["data"] == ["a": "b"])
    }
}
