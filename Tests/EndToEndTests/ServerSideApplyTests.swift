import Foundation
import HollowModel
import HollowTesting
import Testing

/// `kubectl apply --server-side`: field ownership in `managedFields`, fields dropped from an applied configuration
/// removed, conflicts between managers and `--force-conflicts`. One shared server; names carry the release.
@Suite(.sharedHollowServer)
struct ServerSideApplyTests {
    /// The managedFields entry of `manager`, if any.
    static func entry(_ object: JSON, manager: String) -> JSON? {
        object[path: ["metadata", "managedFields"]]?.arrayValue?.first { $0["manager"]?.stringValue == manager }
    }

    @Test(arguments: KubectlRelease.spread)
    func applyTwiceRemovesWhatTheConfigurationDropped(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let name = "ssa-\(release.suffix)"
        let file = try kubectl.file("\(name).yaml", Manifests.configMap(name, data: ["a": "1", "b": "2"], labels: ["stage": "one"]))
        #expect(try await kubectl.line(["apply", "--server-side", "-f", file]) == "configmap/\(name) serverside-applied")

        _ = try kubectl.file("\(name).yaml", Manifests.configMap(name, data: ["a": "1", "c": "3"]))
        #expect(try await kubectl.line(["apply", "--server-side", "-f", file]) == "configmap/\(name) serverside-applied")
        let object = try await kubectl.json(["get", "cm", name])
        #expect(object["data"] == ["a": "1", "c": "3"])
        #expect(object[path: ["metadata", "labels"]] == nil, "the label the first apply owned is gone")
        #expect(object[path: ["metadata", "managedFields"]] == nil, "kubectl hides managedFields unless asked")
        #expect(object[path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]] == nil)

        let managed = try await kubectl.json(["get", "cm", name, "--show-managed-fields"])
        let entry = try #require(Self.entry(managed, manager: "kubectl"), "\(managed)")
        #expect(entry["operation"] == "Apply")
        #expect(entry["apiVersion"] == "v1")
        #expect(entry["fieldsType"] == "FieldsV1")
        #expect(entry["fieldsV1"] == ["f:data": ["f:a": [:], "f:c": [:]]])
        #expect(entry["time"]?.stringValue?.isEmpty == false)
        let yaml = try await kubectl.ok(["get", "cm", name, "--show-managed-fields", "-o", "yaml"])
        #expect(yaml.contains("manager: kubectl"), "\(yaml)")
    }

    @Test(arguments: KubectlRelease.spread)
    func conflictingManagersNeedForceConflicts(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let name = "contested-\(release.suffix)"
        let file = try kubectl.file("\(name)-a.yaml", Manifests.configMap(name, data: ["key": "one"]))
        #expect(
            try await kubectl.line(["apply", "--server-side", "--field-manager=a", "-f", file]) == "configmap/\(name) serverside-applied")

        let other = try kubectl.file("\(name)-b.yaml", Manifests.configMap(name, data: ["key": "two"]))
        let conflict = try await kubectl.run(["apply", "--server-side", "--field-manager=b", "-f", other])
        #expect(conflict.status == 1)
        #expect(conflict.stderr.contains(#"Apply failed with 1 conflict: conflict with "a": .data.key"#), "\(conflict.stderr)")
        #expect(try await kubectl.json(["get", "cm", name])["data"] == ["key": "one"])

        // A manager that applies a different field shares the object without a conflict.
        let third = try kubectl.file("\(name)-c.yaml", Manifests.configMap(name, data: ["other": "x"]))
        try await kubectl.ok(["apply", "--server-side", "--field-manager=c", "-f", third])
        #expect(try await kubectl.json(["get", "cm", name])["data"] == ["key": "one", "other": "x"])

        let forced = try await kubectl.line(["apply", "--server-side", "--field-manager=b", "--force-conflicts", "-f", other])
        #expect(forced == "configmap/\(name) serverside-applied")
        let object = try await kubectl.json(["get", "cm", name, "--show-managed-fields"])
        #expect(object["data"] == ["key": "two", "other": "x"])
        #expect(Self.entry(object, manager: "b")?["fieldsV1"] == ["f:data": ["f:key": [:]]])
        #expect(Self.entry(object, manager: "c")?["fieldsV1"] == ["f:data": ["f:other": [:]]])
        // `a` lost its only field, and with it its entry.
        #expect(Self.entry(object, manager: "a") == nil, "\(object[path: ["metadata", "managedFields"]] ?? .null)")

        // A field last written by an update (kubectl patch) conflicts too, named with its manager's version.
        try await kubectl.ok(["patch", "cm", name, "--type=merge", "-p", #"{"data":{"key":"patched"}}"#])
        let updateConflict = try await kubectl.run(["apply", "--server-side", "--field-manager=b", "-f", other])
        #expect(updateConflict.status == 1)
        #expect(
            updateConflict.stderr.contains(#"Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: .data.key"#),
            "\(updateConflict.stderr)")
    }

    /// Service ports are a map list keyed by `port` and `protocol`; an applied port without a protocol is keyed
    /// with the schema's default, TCP (kube-apiserver 1.21+, kubernetes/kubernetes#98576), so the second apply
    /// matches port 80 to the stored one and removes 443.
    @Test(arguments: KubectlRelease.spread)
    func applyTwiceRemovesAServicePortByItsKey(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let name = "ssa-ports-\(release.suffix)"
        let file = try kubectl.file("\(name).yaml", ApplyTests.service(name, ports: [("http", 80, 8080), ("https", 443, 8443)]))
        try await kubectl.ok(["apply", "--server-side", "-f", file])
        _ = try kubectl.file("\(name).yaml", ApplyTests.service(name, ports: [("http", 80, 8080)]))
        try await kubectl.ok(["apply", "--server-side", "-f", file])
        let service = try await kubectl.json(["get", "service", name])
        #expect(service[path: ["spec", "ports"]]?.arrayValue?.compactMap { $0["port"]?.intValue } == [80], "\(service)")
        #expect(service[path: ["spec", "clusterIP"]]?.stringValue?.isEmpty == false)
    }
}
