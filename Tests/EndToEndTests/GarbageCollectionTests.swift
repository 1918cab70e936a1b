import Foundation
import HollowModel
import HollowTesting
import Testing

/// The garbage collector as kubectl users meet it: dependents carry `ownerReferences` with their owner's uid, and
/// `kubectl delete --cascade=background|foreground|orphan` decides what happens to them. One shared server; each
/// release works in a namespace of its own.
@Suite(.sharedHollowServer)
struct GarbageCollectionTests {
    /// A ConfigMap (or Secret) owned by the ConfigMap `owner` with `uid`.
    static func dependent(
        _ name: String, kind: String = "ConfigMap", namespace: String, owner: String, uid: String,
        blockOwnerDeletion: Bool = false, finalizers: [String] = []
    ) -> String {
        var text = """
            apiVersion: v1
            kind: \(kind)
            metadata:
              name: \(name)
              namespace: \(namespace)
              ownerReferences:
              - apiVersion: v1
                kind: ConfigMap
                name: \(owner)
                uid: \(uid)

            """
        if blockOwnerDeletion { text += "    blockOwnerDeletion: true\n" }
        if !finalizers.isEmpty {
            text += "  finalizers:\n"
            for finalizer in finalizers { text += "  - \(finalizer)\n" }
        }
        text += "data:\n  \(kind == "Secret" ? "token: c2VjcmV0" : "key: value")\n"
        return text
    }

    /// Creates the owner ConfigMap in `namespace`, then the dependents made from its uid.
    static func createFamily(
        _ kubectl: KubectlClient, namespace: String, owner: String,
        dependents: (_ uid: String) -> [String]
    ) async throws {
        try await kubectl.ok(["create", "-f", kubectl.file("\(namespace)-\(owner).yaml", Manifests.configMap(owner, namespace: namespace))])
        let uid = try #require(try await kubectl.json(["get", "cm", owner, "-n", namespace])[path: ["metadata", "uid"]]?.stringValue)
        let manifest = dependents(uid).joined(separator: "---\n")
        try await kubectl.ok(["create", "-f", kubectl.file("\(namespace)-\(owner)-dependents.yaml", manifest)])
    }

    @Test(arguments: KubectlRelease.spread)
    func backgroundDeletionRemovesTheDependents(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "gc-background-\(release.suffix)"
        try await kubectl.ok(["create", "namespace", namespace])
        try await Self.createFamily(kubectl, namespace: namespace, owner: "owner") { uid in
            [
                Self.dependent("child-cm", namespace: namespace, owner: "owner", uid: uid),
                Self.dependent("child-secret", kind: "Secret", namespace: namespace, owner: "owner", uid: uid),
            ]
        }
        let deleted = try await kubectl.line(["delete", "cm", "owner", "-n", namespace])
        #expect(deleted == #"configmap "owner" deleted"#)
        try await eventually(timeout: .seconds(10), "the dependents to be collected") {
            let configMapGone = try await kubectl.isNotFound(["cm", "child-cm", "-n", namespace])
            let secretGone = try await kubectl.isNotFound(["secret", "child-secret", "-n", namespace])
            return configMapGone && secretGone
        }
    }

    @Test(arguments: KubectlRelease.spread)
    func foregroundDeletionRemovesTheDependentsFirst(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "gc-foreground-\(release.suffix)"
        try await kubectl.ok(["create", "namespace", namespace])
        try await Self.createFamily(kubectl, namespace: namespace, owner: "owner") { uid in
            [Self.dependent("child", namespace: namespace, owner: "owner", uid: uid, blockOwnerDeletion: true)]
        }
        // kubectl waits for the owner, which goes only after its blocking dependent is gone.
        let deleted = try await kubectl.line(["delete", "cm", "owner", "-n", namespace, "--cascade=foreground"])
        #expect(deleted == #"configmap "owner" deleted"#)
        #expect(try await kubectl.isNotFound(["cm", "owner", "-n", namespace]))
        #expect(try await kubectl.isNotFound(["cm", "child", "-n", namespace]), "the dependent went before its owner")

        // While a dependent is held by a finalizer, the owner waits with `foregroundDeletion`.
        try await Self.createFamily(kubectl, namespace: namespace, owner: "held-owner") { uid in
            [
                Self.dependent(
                    "held-child", namespace: namespace, owner: "held-owner", uid: uid, blockOwnerDeletion: true,
                    finalizers: ["example.com/hold"])
            ]
        }
        try await kubectl.ok(["delete", "cm", "held-owner", "-n", namespace, "--cascade=foreground", "--wait=false"])
        try await eventually(timeout: .seconds(10), "the dependent to be deleted") {
            let child = try await kubectl.json(["get", "cm", "held-child", "-n", namespace])
            return child[path: ["metadata", "deletionTimestamp"]] != nil
        }
        let owner = try await kubectl.json(["get", "cm", "held-owner", "-n", namespace])
        #expect(owner[path: ["metadata", "deletionTimestamp"]] != nil)
        #expect(owner[path: ["metadata", "finalizers"]] == ["foregroundDeletion"])

        try await kubectl.ok(["patch", "cm", "held-child", "-n", namespace, "--type=merge", "-p", #"{"metadata":{"finalizers":null}}"#])
        try await eventually(timeout: .seconds(10), "the owner to go after its dependent") {
            try await kubectl.isNotFound(["cm", "held-owner", "-n", namespace])
        }
        #expect(try await kubectl.isNotFound(["cm", "held-child", "-n", namespace]))
    }

    @Test(arguments: KubectlRelease.spread)
    func orphanDeletionKeepsTheDependentsWithoutTheOwnerReference(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "gc-orphan-\(release.suffix)"
        try await kubectl.ok(["create", "namespace", namespace])
        try await Self.createFamily(kubectl, namespace: namespace, owner: "owner") { uid in
            [
                Self.dependent("orphan", namespace: namespace, owner: "owner", uid: uid, blockOwnerDeletion: true),
                Self.dependent("orphan-secret", kind: "Secret", namespace: namespace, owner: "owner", uid: uid),
            ]
        }
        let deleted = try await kubectl.line(["delete", "cm", "owner", "-n", namespace, "--cascade=orphan"])
        #expect(deleted == #"configmap "owner" deleted"#)
        #expect(try await kubectl.isNotFound(["cm", "owner", "-n", namespace]))
        // The `orphan` finalizer is removed only after the dependents lost their references.
        let orphan = try await kubectl.json(["get", "cm", "orphan", "-n", namespace])
        #expect(orphan[path: ["metadata", "ownerReferences"]] == nil, "\(orphan)")
        #expect(orphan[path: ["metadata", "deletionTimestamp"]] == nil)
        #expect(orphan["data"] == ["key": "value"])
        let secret = try await kubectl.json(["get", "secret", "orphan-secret", "-n", namespace])
        #expect(secret[path: ["metadata", "ownerReferences"]] == nil, "\(secret)")
    }
}
