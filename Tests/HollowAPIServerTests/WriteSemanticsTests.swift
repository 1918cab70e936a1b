import HollowModel
import HollowTesting
import Testing

/// Creation, dry runs, finalizers and namespace lifecycle as kube-apiserver (with its controllers) behaves.
struct WriteSemanticsTests {
    @Test func generateNameGetsARandomSuffix() async throws {
        try await withCluster { _, client in
            let template: JSON = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["generateName": "job-"]]
            let first = try await client.create("/api/v1/namespaces/default/configmaps", template)
            let second = try await client.create("/api/v1/namespaces/default/configmaps", template)
            let firstName = try #require(first.name)
            #expect(firstName.hasPrefix("job-"))
            #expect(firstName.count == "job-".count + 5)
            #expect(firstName.dropFirst(4).allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
            #expect(first[path: ["metadata", "generateName"]] == "job-")
            #expect(first.name != second.name)
            #expect(try await client.request(.GET, "/api/v1/namespaces/default/configmaps/\(firstName)").status == 200)
        }
    }

    @Test func dryRunChangesNothing() async throws {
        try await withCluster { _, client in
            let path = "/api/v1/namespaces/default/configmaps"
            let dryCreate = try await client.request(.POST, "\(path)?dryRun=All", json: Objects.configMap("dry", data: ["a": "1"]))
            #expect(dryCreate.status == 201, "\(dryCreate)")
            let returned = try dryCreate.json()
            #expect(returned.name == "dry")
            #expect(returned[path: ["data", "a"]] == "1")
            #expect(returned[path: ["metadata", "creationTimestamp"]] != nil)
            #expect(try await client.request(.GET, "\(path)/dry").status == 404)
            #expect(try await client.names(path).contains("dry") == false)

            let real = try await client.create(path, Objects.configMap("wet", data: ["a": "1"]))
            var changed = real
            changed["data"] = ["a": "2"]
            let dryUpdate = try await client.request(.PUT, "\(path)/wet?dryRun=All", json: changed)
            #expect(dryUpdate.status == 200, "\(dryUpdate)")
            #expect(try dryUpdate.json()[path: ["data", "a"]] == "2")
            let dryPatch = try await client.request(
                .PATCH, "\(path)/wet?dryRun=All", headers: [("Content-Type", "application/merge-patch+json")],
                text: #"{"data":{"a":"3"}}"#)
            #expect(dryPatch.status == 200, "\(dryPatch)")
            let dryDelete = try await client.request(.DELETE, "\(path)/wet?dryRun=All")
            #expect(dryDelete.status == 200, "\(dryDelete)")
            let after = try await client.getJSON("\(path)/wet")
            #expect(after[path: ["data", "a"]] == "1")
            #expect(after.resourceVersion == real.resourceVersion)

            let invalidDryRun = try await client.request(.POST, "\(path)?dryRun=Some", json: Objects.configMap("odd"))
            try expectStatus(invalidDryRun, code: 400, reason: "BadRequest")
        }
    }

    @Test func finalizersHoldADeletedObjectUntilTheLastIsRemoved() async throws {
        try await withCluster { _, client in
            let path = "/api/v1/namespaces/default/configmaps"
            let created = try await client.create(
                path, Objects.configMap("held", finalizers: ["example.com/one", "example.com/two"]))
            let delete = try await client.request(.DELETE, "\(path)/held")
            #expect(delete.status == 200, "\(delete)")
            let marked = try delete.json()
            #expect(marked["kind"] == "ConfigMap", "a pending delete returns the object")
            #expect(marked[path: ["metadata", "deletionTimestamp"]]?.stringValue?.isEmpty == false)
            #expect(marked[path: ["metadata", "deletionGracePeriodSeconds"]] == 0)
            let stillThere = try await client.getJSON("\(path)/held")
            #expect(stillThere[path: ["metadata", "deletionTimestamp"]] == marked[path: ["metadata", "deletionTimestamp"]])

            // Removing one finalizer keeps the object; removing the last deletes it.
            let patchOne = try await client.request(
                .PATCH, "\(path)/held", headers: [("Content-Type", "application/json-patch+json")],
                text: #"[{"op":"remove","path":"/metadata/finalizers/0"}]"#)
            #expect(patchOne.status == 200, "\(patchOne)")
            #expect(try await client.request(.GET, "\(path)/held").status == 200)
            let patchLast = try await client.request(
                .PATCH, "\(path)/held", headers: [("Content-Type", "application/merge-patch+json")],
                text: #"{"metadata":{"finalizers":null}}"#)
            #expect(patchLast.status == 200, "\(patchLast)")
            try expectStatus(try await client.request(.GET, "\(path)/held"), code: 404, reason: "NotFound")

            // New finalizers cannot be added to an object being deleted.
            try await client.create(path, Objects.configMap("closing", finalizers: ["example.com/one"]))
            #expect(try await client.request(.DELETE, "\(path)/closing").status == 200)
            let addFinalizer = try await client.request(
                .PATCH, "\(path)/closing", headers: [("Content-Type", "application/merge-patch+json")],
                text: #"{"metadata":{"finalizers":["example.com/one","example.com/late"]}}"#)
            try expectStatus(addFinalizer, code: 422, reason: "Invalid")
        }
    }

    @Test func deleteWithoutFinalizersReturnsSuccessStatusOrTheObject() async throws {
        try await withCluster { _, client in
            let created = try await client.create("/api/v1/namespaces/default/configmaps", Objects.configMap("gone"))
            let deleted = try await client.request(.DELETE, "/api/v1/namespaces/default/configmaps/gone")
            #expect(deleted.status == 200)
            let status = try deleted.json()
            #expect(status["kind"] == "Status")
            #expect(status["status"] == "Success")
            #expect(status[path: ["details", "name"]] == "gone")
            #expect(status[path: ["details", "kind"]] == "configmaps")
            #expect(status[path: ["details", "uid"]] == created[path: ["metadata", "uid"]])

            // Pods return the object (an unscheduled pod goes at once).
            try await client.create("/api/v1/namespaces/default/pods", Objects.pod("brief", namespace: "default"))
            let pod = try await client.request(.DELETE, "/api/v1/namespaces/default/pods/brief")
            #expect(pod.status == 200)
            #expect(try pod.json()["kind"] == "Pod")
            #expect(try await client.request(.GET, "/api/v1/namespaces/default/pods/brief").status == 404)

            let again = try await client.request(.DELETE, "/api/v1/namespaces/default/configmaps/gone")
            try expectStatus(again, code: 404, reason: "NotFound")
        }
    }

    @Test func newNamespaceGetsADefaultServiceAccount() async throws {
        try await withCluster { _, client in
            try await client.createNamespace("fresh")
            try await eventually(timeout: .seconds(10), "the default service account") {
                try await client.request(.GET, "/api/v1/namespaces/fresh/serviceaccounts/default").status == 200
            }
            let namespace = try await client.getJSON("/api/v1/namespaces/fresh")
            #expect(namespace[path: ["status", "phase"]] == "Active")
            #expect(namespace[path: ["spec", "finalizers"]] == ["kubernetes"])
            #expect(namespace[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] == "fresh")
        }
    }

    @Test func deletingANamespaceDeletesItsContentThenTheNamespace() async throws {
        try await withCluster { _, client in
            let namespace = try await client.createNamespace("doomed")
            try await client.create("/api/v1/namespaces/doomed/configmaps", Objects.configMap("cm"))
            try await client.create("/api/v1/namespaces/doomed/pods", Objects.pod("idle", namespace: namespace))
            try await client.create(
                "/api/v1/namespaces/doomed/secrets",
                ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s"], "stringData": ["k": "v"]])
            try await client.create(
                "/api/v1/namespaces/doomed/configmaps", Objects.configMap("held", finalizers: ["example.com/hold"]))

            let delete = try await client.request(.DELETE, "/api/v1/namespaces/doomed")
            #expect(delete.status == 200, "\(delete)")
            let terminating = try delete.json()
            #expect(terminating["kind"] == "Namespace")
            #expect(terminating[path: ["status", "phase"]] == "Terminating")
            #expect(terminating[path: ["metadata", "deletionTimestamp"]] != nil)

            // Content goes; the finalizer-held object stays (marked), and so does the namespace.
            try await eventually(timeout: .seconds(15), "the namespace's content to be deleted") {
                let configMaps = try await client.names("/api/v1/namespaces/doomed/configmaps")
                let pods = try await client.names("/api/v1/namespaces/doomed/pods")
                let secrets = try await client.names("/api/v1/namespaces/doomed/secrets")
                return configMaps == ["held"] && pods.isEmpty && secrets.isEmpty
            }
            let held = try await client.getJSON("/api/v1/namespaces/doomed/configmaps/held")
            #expect(held[path: ["metadata", "deletionTimestamp"]] != nil)
            #expect(try await client.request(.GET, "/api/v1/namespaces/doomed").status == 200)

            // Nothing new may be created in a terminating namespace.
            let late = try await client.request(.POST, "/api/v1/namespaces/doomed/configmaps", json: Objects.configMap("late"))
            try expectStatus(late, code: 403, reason: "Forbidden")

            let release = try await client.request(
                .PATCH, "/api/v1/namespaces/doomed/configmaps/held",
                headers: [("Content-Type", "application/merge-patch+json")], text: #"{"metadata":{"finalizers":null}}"#)
            #expect(release.status == 200, "\(release)")
            try await eventually(timeout: .seconds(15), "the namespace to be deleted") {
                try await client.request(.GET, "/api/v1/namespaces/doomed").status == 404
            }
            #expect(try await client.names("/api/v1/namespaces/doomed/serviceaccounts").isEmpty)
        }
    }

    @Test func changesBumpTheResourceVersionAndNoOpPatchesWriteNothing() async throws {
        try await withCluster { _, client in
            let path = "/api/v1/namespaces/default/pods"
            let created = try await client.create(path, Objects.pod("versions", namespace: "default"))
            // Core types have no metadata.generation (only strategies that track a spec set it).
            #expect(created[path: ["metadata", "generation"]] == nil)
            let labelled = try await client.request(
                .PATCH, "\(path)/versions", headers: [("Content-Type", "application/merge-patch+json")],
                text: #"{"metadata":{"labels":{"x":"y"}}}"#)
            let afterLabel = try labelled.json()
            #expect(afterLabel.resourceVersion ?? 0 > created.resourceVersion ?? 0)
            let unchanged = try await client.request(
                .PATCH, "\(path)/versions", headers: [("Content-Type", "application/merge-patch+json")],
                text: #"{"metadata":{"labels":{"x":"y"}}}"#)
            #expect(try unchanged.json().resourceVersion == afterLabel.resourceVersion, "a no-op patch writes nothing")
            let list = try await client.getJSON(path)
            #expect(list.resourceVersion ?? 0 >= afterLabel.resourceVersion ?? 0)
        }
    }

    @Test func updatesAndPatchesOfMissingObjectsAreNotFound() async throws {
        try await withCluster { _, client in
            let path = "/api/v1/namespaces/default/configmaps"
            let put = try await client.request(.PUT, "\(path)/absent", json: Objects.configMap("absent"))
            let putStatus = try expectStatus(put, code: 404, reason: "NotFound")
            #expect(putStatus["message"] == #"configmaps "absent" not found"#)
            let patch = try await client.request(
                .PATCH, "\(path)/absent", headers: [("Content-Type", "application/merge-patch+json")], text: #"{"data":{"a":"b"}}"#)
            try expectStatus(patch, code: 404, reason: "NotFound")
            #expect(try await client.request(.GET, "\(path)/absent").status == 404, "neither created it")

            // ConfigMaps allow an unconditional update (no resourceVersion in the body).
            try await client.create(path, Objects.configMap("present", data: ["a": "1"]))
            let unconditional = try await client.request(.PUT, "\(path)/present", json: Objects.configMap("present", data: ["a": "2"]))
            #expect(unconditional.status == 200, "\(unconditional)")
            #expect(try unconditional.json()[path: ["data", "a"]] == "2")
        }
    }
}
