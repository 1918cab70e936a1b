import Testing

@testable import HollowModel

private let t0 = Timestamp(secondsSinceEpoch: 1_795_000_000)
private let t1 = t0.adding(.seconds(60))
private let t2 = t0.adding(.seconds(120))

private func json(_ text: String) throws -> JSON { try JSON(parsing: text) }
private func fields(_ entry: JSON) -> String { entry["fieldsV1"]!.serializedString }

/// What kubectl sees from a real cluster for `apply --server-side`, `apply` (client side), `create`, `edit`,
/// `scale`: kube-apiserver's field manager (apimachinery `managedfields/internal` tests) around structured-merge-diff.
@Suite struct ServerSideApplyKubectlTests {
    static let deploymentV1 = #"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
          "spec":{"containers":[{"name":"web","image":"nginx:1.25","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},
                                {"name":"sidecar","image":"busybox"}]}}}}
        """#

    /// The stored object after an apply: what the caller adds on create.
    private func stored(_ object: JSON) -> JSON {
        var object = object
        object[path: ["metadata", "uid"]] = "6d0c2f3e"
        object[path: ["metadata", "resourceVersion"]] = "1"
        return object
    }

    @Test func applyServerSideTwiceWithAChangedContainerList() throws {
        let schema = KubeSchemas.deployment
        let (created, entries) = try ServerSideApply.apply(
            live: nil, applied: try json(Self.deploymentV1), manager: "kubectl", force: false, schema: schema, now: t0)
        #expect(entries.count == 1)
        #expect(entries[0]["manager"] == "kubectl" && entries[0]["operation"] == "Apply")
        #expect(entries[0]["apiVersion"] == "apps/v1" && entries[0]["time"] == .string(t0.rfc3339))
        #expect(
            fields(entries[0]) == #"""
                {"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":\#
                {"f:containers":{"k:{\"name\":\"sidecar\"}":{".":{},"f:image":{},"f:name":{}},"k:{\"name\":\"web\"}":\#
                {".":{},"f:env":{"k:{\"name\":\"A\"}":{".":{},"f:name":{},"f:value":{}},"k:{\"name\":\"B\"}":{".":{},\#
                "f:name":{},"f:value":{}}},"f:image":{},"f:name":{}}}}}}}
                """#)
        #expect(created["metadata"]?["managedFields"] == .array(entries))

        // The second configuration drops env var B and the sidecar, and bumps the image.
        let second = try json(
            #"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
             "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
              "spec":{"containers":[{"name":"web","image":"nginx:1.27","env":[{"name":"A","value":"1"}]}]}}}}
            """#)
        let (updated, updatedEntries) = try ServerSideApply.apply(
            live: stored(created), applied: second, manager: "kubectl", force: false, schema: schema, now: t1)
        let containers = updated[path: ["spec", "template", "spec", "containers"]]
        #expect(containers == (try json(#"[{"name":"web","image":"nginx:1.27","env":[{"name":"A","value":"1"}]}]"#)))
        #expect(updated["metadata"]?["uid"] == "6d0c2f3e")
        #expect(updatedEntries.count == 1 && updatedEntries[0]["time"] == .string(t1.rfc3339))
        #expect(!fields(updatedEntries[0]).contains("sidecar") && !fields(updatedEntries[0]).contains(#"\"B\""#))
    }

    @Test func applyingTheSameConfigurationAgainKeepsTheTime() throws {
        let config = try json(Self.deploymentV1)
        let (created, _) = try ServerSideApply.apply(
            live: nil, applied: config, manager: "kubectl", force: false, schema: KubeSchemas.deployment, now: t0)
        let (again, entries) = try ServerSideApply.apply(
            live: stored(created), applied: config, manager: "kubectl", force: false, schema: KubeSchemas.deployment,
            now: t1)
        #expect(entries[0]["time"] == .string(t0.rfc3339))
        #expect(again == stored(created))
    }

    /// `kubectl apply` (client side) then another manager applying `.data.a`.
    private func clientSideApplied() throws -> JSON {
        let lastApplied =
            #"{"apiVersion":"v1","data":{"a":"1","b":"2"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"cm","namespace":"default"}}"#
        var object = try json(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"default"},"data":{"a":"1","b":"2"}}"#
        )
        object[path: ["metadata", "annotations"]] = [ServerSideApply.lastAppliedAnnotation: .string(lastApplied + "\n")]
        let entries = ServerSideApply.recordUpdate(
            old: nil, new: object, manager: "kubectl-client-side-apply", schema: KubeSchemas.configMap, now: t0)
        #expect(entries.count == 1)
        #expect(
            fields(entries[0]) == #"""
                {"f:data":{".":{},"f:a":{},"f:b":{}},"f:metadata":{"f:annotations":{".":{},\#
                "f:kubectl.kubernetes.io/last-applied-configuration":{}}}}
                """#)
        object[path: ["metadata", "managedFields"]] = .array(entries)
        object[path: ["metadata", "uid"]] = "u1"
        return object
    }

    @Test func conflictWithAClientSideApplierIs409UnlessForced() throws {
        let live = try clientSideApplied()
        let config = try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"2"}}"#)
        let error = #expect(throws: ServerSideApplyError.self) {
            try ServerSideApply.apply(
                live: live, applied: config, manager: "deployer", force: false, schema: KubeSchemas.configMap, now: t1)
        }
        let status = try #require(error).apiError
        #expect(status.code == 409 && status.reason == .conflict)
        #expect(
            status.message
                == #"Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using v1: .data.a"#)
        #expect(
            status.details?.causes == [
                .init(
                    reason: "FieldManagerConflict", message: #"conflict with "kubectl-client-side-apply" using v1"#,
                    field: ".data.a")
            ])

        let (object, entries) = try ServerSideApply.apply(
            live: live, applied: config, manager: "deployer", force: true, schema: KubeSchemas.configMap, now: t1)
        #expect(object["data"] == ["a": "2", "b": "2"])
        #expect(entries.map { $0["manager"]!.stringValue! } == ["deployer", "kubectl-client-side-apply"])
        #expect(fields(entries[0]) == #"{"f:data":{"f:a":{}}}"#)
        #expect(fields(entries[1]).hasPrefix(#"{"f:data":{".":{},"f:b":{}}"#))
    }

    @Test func severalConflictsAreGroupedByManager() throws {
        var live = try clientSideApplied()
        let edited = try json(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"1","b":"2","c":"3"}}"#)
        var next = live
        next["data"] = edited["data"]
        next[path: ["metadata", "managedFields"]] = .array(
            ServerSideApply.recordUpdate(
                old: live, new: next, manager: "kubectl-edit", schema: KubeSchemas.configMap, now: t1))
        live = next
        let config = try json(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"x","b":"y","c":"z"}}"#)
        let error = #expect(throws: ServerSideApplyError.self) {
            try ServerSideApply.apply(
                live: live, applied: config, manager: "deployer", force: false, schema: KubeSchemas.configMap, now: t2)
        }
        #expect(
            error?.message == """
                Apply failed with 3 conflicts: conflicts with "kubectl-client-side-apply" using v1:
                - .data.a
                - .data.b
                conflicts with "kubectl-edit" using v1:
                - .data.c
                """)
        #expect(error?.conflicts.map(\.path.description) == [".data.a", ".data.b", ".data.c"])
    }

    @Test func kubectlTakesOverItsOwnClientSideApplyFields() throws {
        let live = try clientSideApplied()
        let config = try json(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"default"},"data":{"a":"9"}}"#)
        let (object, entries) = try ServerSideApply.apply(
            live: live, applied: config, manager: "kubectl", force: false, schema: KubeSchemas.configMap, now: t1)
        #expect(object["data"] == ["a": "9", "b": "2"])
        #expect(entries.first?["manager"] == "kubectl" && fields(entries[0]) == #"{"f:data":{"f:a":{}}}"#)
        // The client-side annotation follows the server-side configuration.
        let annotation = object["metadata"]?["annotations"]?[ServerSideApply.lastAppliedAnnotation]?.stringValue
        #expect(
            annotation
                == #"{"apiVersion":"v1","data":{"a":"9"},"kind":"ConfigMap","metadata":{"name":"cm","namespace":"default"}}"#
                + "\n")

        // A field someone else changed since the last client-side apply still conflicts.
        var edited = live
        edited[path: ["data", "b"]] = "edited"
        edited[path: ["metadata", "managedFields"]] = .array(
            ServerSideApply.recordUpdate(
                old: live, new: edited, manager: "kubectl-edit", schema: KubeSchemas.configMap, now: t1))
        let both = try json(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"9","b":"9"}}"#)
        let error = #expect(throws: ServerSideApplyError.self) {
            try ServerSideApply.apply(
                live: edited, applied: both, manager: "kubectl", force: false, schema: KubeSchemas.configMap, now: t2)
        }
        #expect(error?.message == #"Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.b"#)
    }

    @Test func scaleSubresourceUpdateTakesReplicasFromTheApplier() throws {
        let schema = KubeSchemas.deployment
        let (created, _) = try ServerSideApply.apply(
            live: nil, applied: try json(Self.deploymentV1), manager: "kubectl", force: false, schema: schema, now: t0)
        var scaled = stored(created)
        scaled[path: ["spec", "replicas"]] = 5
        let entries = ServerSideApply.recordUpdate(
            old: stored(created), new: scaled, manager: "kube-controller-manager", subresource: "scale", schema: schema,
            now: t1)
        #expect(entries.count == 2)
        #expect(
            entries[1].serializedString == #"""
                {"manager":"kube-controller-manager","operation":"Update","apiVersion":"apps/v1","time":"\#(t1.rfc3339)",\#
                "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}},"subresource":"scale"}
                """#)
        #expect(!fields(entries[0]).contains("f:replicas"))
        scaled[path: ["metadata", "managedFields"]] = .array(entries)

        let error = #expect(throws: ServerSideApplyError.self) {
            try ServerSideApply.apply(
                live: scaled, applied: try json(Self.deploymentV1), manager: "kubectl", force: false, schema: schema,
                now: t2)
        }
        #expect(
            error?.message == #"""
                Apply failed with 1 conflict: conflict with "kube-controller-manager" with subresource "scale" using \#
                apps/v1: .spec.replicas
                """#)
        // Leaving replicas out of the configuration leaves them to the autoscaler.
        var withoutReplicas = try json(Self.deploymentV1)
        withoutReplicas[path: ["spec", "replicas"]] = nil
        let (object, _) = try ServerSideApply.apply(
            live: scaled, applied: withoutReplicas, manager: "kubectl", force: false, schema: schema, now: t2)
        #expect(object[path: ["spec", "replicas"]] == 5)
    }

    @Test func fieldsOfAnUntrackedObjectGoToBeforeFirstApply() throws {
        let live = try json(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","uid":"u"},"data":{"a":"1","b":"2"}}"#)
        let config = try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"1"}}"#)
        let (_, entries) = try ServerSideApply.apply(
            live: live, applied: config, manager: "kubectl", force: false, schema: KubeSchemas.configMap, now: t1)
        #expect(entries.map { $0["manager"]!.stringValue! } == ["kubectl", "before-first-apply"])
        #expect(fields(entries[1]) == #"{"f:data":{".":{},"f:a":{},"f:b":{}}}"#)
        let changed = try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"2"}}"#)
        #expect(throws: ServerSideApplyError.self) {
            try ServerSideApply.apply(
                live: live, applied: changed, manager: "kubectl", force: false, schema: KubeSchemas.configMap, now: t1)
        }
    }

    @Test func updatesAreRecordedPerManagerAndVersion() throws {
        let schema = KubeSchemas.configMap
        let created = try json(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","labels":{"app":"x"}},"data":{"a":"1"}}"#)
        let createEntries = ServerSideApply.recordUpdate(
            old: nil, new: created, manager: "kubectl-create", schema: schema, now: t0)
        #expect(
            createEntries.map(\.serializedString) == [
                #"""
                {"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"\#(t0.rfc3339)",\#
                "fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:a":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}
                """#
            ])
        var live = created
        live[path: ["metadata", "managedFields"]] = .array(createEntries)
        live[path: ["metadata", "uid"]] = "u"

        // An unchanged write changes nothing, not even the time.
        #expect(
            ServerSideApply.recordUpdate(old: live, new: live, manager: "kubectl-create", schema: schema, now: t1)
                == createEntries)
        // The same manager's later change joins its entry.
        var next = live
        next[path: ["data", "b"]] = "2"
        let joined = ServerSideApply.recordUpdate(
            old: live, new: next, manager: "kubectl-create", schema: schema, now: t1)
        #expect(joined.count == 1 && joined[0]["time"] == .string(t1.rfc3339) && fields(joined[0]).contains("f:b"))
        // Removing a field takes it from its owner; clearing managedFields stops tracking.
        next = live
        next["data"] = nil
        let removed = ServerSideApply.recordUpdate(
            old: live, new: next, manager: "kubectl-edit", schema: schema, now: t1)
        #expect(removed.count == 1 && fields(removed[0]) == #"{"f:metadata":{"f:labels":{".":{},"f:app":{}}}}"#)
        next = live
        next[path: ["metadata", "managedFields"]] = [[:]]
        #expect(
            ServerSideApply.recordUpdate(old: live, new: next, manager: "kubectl-edit", schema: schema, now: t1) == [])
        var untracked = live
        untracked[path: ["metadata", "managedFields"]] = nil
        #expect(
            ServerSideApply.recordUpdate(old: untracked, new: next, manager: "kubectl-edit", schema: schema, now: t1)
                == [])
    }

    @Test func entriesAreKeyedByVersionForUpdatesAndSortedAsKubeApiserverSortsThem() throws {
        let schema = DeducedApplySchema()
        var live = try json(#"{"apiVersion":"example.com/v1","kind":"W","metadata":{"name":"w"},"spec":{"a":1}}"#)
        live[path: ["metadata", "managedFields"]] = .array(
            ServerSideApply.recordUpdate(old: nil, new: live, manager: "editor", schema: schema, now: t1))
        live[path: ["metadata", "uid"]] = "u"
        var next = live
        next["apiVersion"] = "example.com/v2"
        next[path: ["spec", "b"]] = 2
        let entries = ServerSideApply.recordUpdate(old: live, new: next, manager: "editor", schema: schema, now: t0)
        #expect(
            entries.map { "\($0["manager"]!.stringValue!)@\($0["apiVersion"]!.stringValue!)" } == [
                "editor@example.com/v2", "editor@example.com/v1",
            ])
        next[path: ["metadata", "managedFields"]] = .array(entries)
        let (_, applied) = try ServerSideApply.apply(
            live: next,
            applied: try json(#"{"apiVersion":"example.com/v2","kind":"W","metadata":{"name":"w"},"spec":{"c":3}}"#),
            manager: "zz-applier", force: false, schema: schema, now: t2)
        #expect(applied.map { $0["operation"]!.stringValue! } == ["Apply", "Update", "Update"])
    }

    @Test func resetFieldsAreNeverOwned() throws {
        let status = FieldSet([["status"]])
        let config = try json(
            #"{"apiVersion":"v1","kind":"W","metadata":{"name":"w"},"spec":{"a":1},"status":{"ok":true}}"#)
        let (object, entries) = try ServerSideApply.apply(
            live: nil, applied: config, manager: "m", force: false, schema: DeducedApplySchema(), resetFields: status,
            now: t0)
        #expect(object["status"] == ["ok": true])
        #expect(fields(entries[0]) == #"{"f:spec":{".":{},"f:a":{}}}"#)
    }

    @Test func aWriteMayRewriteOwnership() throws {
        var live = try json(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","uid":"u"},"data":{"x":"1"}}"#)
        live[path: ["metadata", "managedFields"]] = .array(
            ServerSideApply.recordUpdate(
                old: nil, new: live, manager: "kubectl-create", schema: KubeSchemas.configMap, now: t0))
        let supplied = ManagedFieldsEntry(
            manager: "importer", operation: .apply, apiVersion: "v1", time: t0, fields: FieldSet([["data", "x"]]))
        var next = live
        next[path: ["metadata", "managedFields"]] = [supplied.json]
        let entries = ServerSideApply.recordUpdate(
            old: live, new: next, manager: "kubectl-replace", schema: KubeSchemas.configMap, now: t1)
        #expect(entries == [supplied.json])
        // On create everything is new, so the creator takes every field whoever the body says owns it.
        next[path: ["metadata", "uid"]] = nil
        let created = ServerSideApply.recordUpdate(
            old: nil, new: next, manager: "kubectl-create", schema: KubeSchemas.configMap, now: t1)
        #expect(created.map { $0["manager"]!.stringValue! } == ["kubectl-create"])
    }

    @Test func moreThanTenUpdateManagersAreMergedIntoAncientChanges() throws {
        var live = try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","uid":"u"},"data":{}}"#)
        live[path: ["metadata", "managedFields"]] = .array(
            ServerSideApply.recordUpdate(
                old: nil, new: live, manager: "creator", schema: KubeSchemas.configMap, now: t0))
        for index in 0..<11 {
            var next = live
            next[path: ["data", "k\(index)"]] = "v"
            next[path: ["metadata", "managedFields"]] = .array(
                ServerSideApply.recordUpdate(
                    old: live, new: next, manager: "writer-\(index)", schema: KubeSchemas.configMap,
                    now: t0.adding(.seconds(Int64(index + 1)))))
            live = next
        }
        let managers = live["metadata"]!["managedFields"]!.arrayValue!.map { $0["manager"]!.stringValue! }
        #expect(managers.count == 10)
        #expect(managers.first == "ancient-changes" && !managers.contains("creator") && !managers.contains("writer-0"))
        let ancient = live["metadata"]!["managedFields"]!.arrayValue![0]
        #expect(fields(ancient) == #"{"f:data":{".":{},"f:k0":{},"f:k1":{}}}"#)
    }

    @Test func malformedRequestsAreRejectedAsKubeApiserverDoes() throws {
        let live = try json(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"}}"#)
        func failure(_ applied: String, schema: any ApplySchema = KubeSchemas.configMap) -> APIError? {
            do {
                _ = try ServerSideApply.apply(
                    live: live, applied: try json(applied), manager: "m", force: false, schema: schema, now: t0)
                return nil
            } catch let error as ServerSideApplyError {
                return error.apiError
            } catch {
                return nil
            }
        }
        #expect(
            failure(#"{"apiVersion":"v1","kind":"Secret","metadata":{"name":"cm"}}"#)
                == .badRequest("invalid object type: /v1, Kind=Secret"))
        #expect(
            failure(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","managedFields":[]}}"#)
                == .badRequest("metadata.managedFields must be nil"))
        let duplicate = failure(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"ns","finalizers":["a","a"]}}"#)
        #expect(duplicate?.code == 500)
        #expect(
            duplicate?.message == #"""
                failed to create typed patch object (ns/cm; /v1, Kind=ConfigMap): .metadata.finalizers: duplicate \#
                entries for key [="a"]
                """#)
    }

    @Test(
        arguments: [
            (nil, "kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0", "kubectl"),
            (
                "kubectl-client-side-apply", "kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0",
                "kubectl-client-side-apply"
            ),
            ("", "Go-http-client/1.1", "Go-http-client"),
            (nil, "python-kubernetes\u{7}client", "python-kubernetesclient"),
            (nil, String(repeating: "é", count: 100), String(repeating: "é", count: 64)),
            (nil, String(repeating: "a", count: 200) + "/1.0", String(repeating: "a", count: 128)),
            (nil, "hollow-controller-manager", "hollow-controller-manager"),
            (nil, "", ""),
        ] as [(String?, String, String)])
    func managerDefaultsToTheUserAgentsProduct(fieldManager: String?, userAgent: String, manager: String) {
        #expect(ServerSideApply.managerName(fieldManager: fieldManager, userAgent: userAgent) == manager)
    }
}
