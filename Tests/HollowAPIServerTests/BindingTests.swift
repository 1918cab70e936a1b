import HollowModel
import HollowTesting
import Testing

@testable import HollowAPIServer

/// `POST pods/NAME/binding`, as kube's `BindingREST`.
@Suite struct BindingTests {
    static let pods = "/api/v1/namespaces/default/pods"

    static func binding(_ pod: String, to node: String, metadata: JSONObject = [:]) -> JSON {
        var meta = metadata
        meta["name"] = .string(pod)
        return [
            "apiVersion": "v1", "kind": "Binding", "metadata": .object(meta),
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
        ]
    }

    @Test func aBindingAssignsThePodWithoutAManagedFieldsEntryForTheBinder() async throws {
        try await withCluster { _, client in
            let created = try await client.create(Self.pods, Objects.pod("web", namespace: "default"))
            let uid = try #require(created[path: ["metadata", "uid"]]?.stringValue)
            let bound = try await client.request(
                .POST, "\(Self.pods)/web/binding",
                json: Self.binding(
                    "web", to: "n1", metadata: ["uid": .string(uid), "annotations": ["scheduled-by": "test"]]))
            #expect(bound.status == 201, "\(bound)")
            #expect(try bound.json()["status"] == "Success")

            let pod = try await client.request(.GET, "\(Self.pods)/web").json()
            #expect(pod[path: ["spec", "nodeName"]] == "n1")
            #expect(pod[path: ["metadata", "annotations", "scheduled-by"]] == "test")
            let conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
            let scheduled = conditions.filter { $0["type"] == "PodScheduled" }
            #expect(scheduled.count == 1)
            #expect(scheduled.first?["status"] == "True")
            #expect(scheduled.first?["lastTransitionTime"]?.stringValue?.isEmpty == false)
            // kube's binding is a storage-level update: only the creator owns fields.
            let managers = (pod[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap {
                $0["manager"]?.stringValue
            }
            #expect(managers == created[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap {
                $0["manager"]?.stringValue
            })
        }
    }

    @Test func preconditionsAndAnAssignedPodAreConflicts() async throws {
        try await withCluster { _, client in
            let created = try await client.create(Self.pods, Objects.pod("web", namespace: "default"))
            let revision = try #require(created[path: ["metadata", "resourceVersion"]]?.stringValue)

            let wrongUID = try await client.request(
                .POST, "\(Self.pods)/web/binding", json: Self.binding("web", to: "n1", metadata: ["uid": "not-the-uid"]))
            #expect(wrongUID.status == 409)
            #expect(try wrongUID.json()["message"]?.stringValue?.contains("Precondition failed: UID in precondition") == true)

            let staleRevision = try await client.request(
                .POST, "\(Self.pods)/web/binding",
                json: Self.binding("web", to: "n1", metadata: ["resourceVersion": .string(revision + "0")]))
            #expect(staleRevision.status == 409)

            let first = try await client.request(
                .POST, "\(Self.pods)/web/binding",
                json: Self.binding("web", to: "n1", metadata: ["resourceVersion": .string(revision)]))
            #expect(first.status == 201)
            let second = try await client.request(.POST, "\(Self.pods)/web/binding", json: Self.binding("web", to: "n2"))
            #expect(second.status == 409)
            #expect(try second.json()["message"]?.stringValue?.contains("is already assigned to node \"n1\"") == true)
            #expect(try await client.request(.GET, "\(Self.pods)/web").json()[path: ["spec", "nodeName"]] == "n1")
        }
    }

    @Test func aBindingKeepsTheTransitionTimeOfAnUnchangedCondition() {
        var pod: JSON = [
            "status": [
                "conditions": [
                    ["type": "Initialized", "status": "True"],
                    ["type": "PodScheduled", "status": "True", "reason": "Old", "lastTransitionTime": "2026-01-01T00:00:00Z"],
                ]
            ]
        ]
        APIServer.setCondition(&pod, type: "PodScheduled", status: "True", now: 1_800_000_000)
        let conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        #expect(conditions.count == 2)
        #expect(conditions[0]["type"] == "Initialized")
        #expect(conditions[1] == ["type": "PodScheduled", "status": "True", "lastProbeTime": nil, "lastTransitionTime": "2026-01-01T00:00:00Z"])

        APIServer.setCondition(&pod, type: "PodScheduled", status: "False", now: 1_800_000_000)
        let flipped = pod[path: ["status", "conditions"]]?.arrayValue?[1]
        #expect(flipped?["lastTransitionTime"] == .string(Timestamp(seconds: 1_800_000_000).rfc3339))
    }
}
