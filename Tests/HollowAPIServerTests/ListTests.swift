import HollowModel
import HollowTesting
import Testing

/// LIST: paging, label selectors and field selectors.
struct ListTests {
    @Test func limitAndContinuePageThroughAListWithRemainingItemCount() async throws {
        try await withCluster { _, client in
            try await client.createNamespace("paged")
            let path = "/api/v1/namespaces/paged/configmaps"
            for index in 1...5 { try await client.create(path, Objects.configMap("item-\(index)", labels: ["paged": "yes"])) }

            let first = try await client.getJSON("\(path)?limit=2")
            #expect(first["kind"] == "ConfigMapList")
            #expect(first["apiVersion"] == "v1")
            #expect(first["items"]?.arrayValue?.compactMap(\.name) == ["item-1", "item-2"])
            #expect(first[path: ["metadata", "remainingItemCount"]] == 3)
            let firstRV = try #require(first.resourceVersion)
            let token1 = try #require(first[path: ["metadata", "continue"]]?.stringValue)
            #expect(!token1.isEmpty)

            // A write between pages does not change the pages' resourceVersion.
            try await client.create("/api/v1/namespaces/default/configmaps", Objects.configMap("unrelated"))

            let second = try await client.getJSON("\(path)?limit=2&continue=\(query(token1))")
            #expect(second["items"]?.arrayValue?.compactMap(\.name) == ["item-3", "item-4"])
            #expect(second[path: ["metadata", "remainingItemCount"]] == 1)
            #expect(second.resourceVersion == firstRV)
            let token2 = try #require(second[path: ["metadata", "continue"]]?.stringValue)

            let last = try await client.getJSON("\(path)?limit=2&continue=\(query(token2))")
            #expect(last["items"]?.arrayValue?.compactMap(\.name) == ["item-5"])
            #expect(last[path: ["metadata", "continue"]] == nil || last[path: ["metadata", "continue"]] == "")
            #expect(last[path: ["metadata", "remainingItemCount"]] == nil)

            // With a selector the pages are filtered, and (as on etcd) no count is promised.
            let selected = try await client.getJSON("\(path)?labelSelector=paged%3Dyes&limit=3")
            #expect(selected["items"]?.arrayValue?.compactMap(\.name) == ["item-1", "item-2", "item-3"])
            #expect(selected[path: ["metadata", "remainingItemCount"]] == nil)
            let selectedToken = try #require(selected[path: ["metadata", "continue"]]?.stringValue)
            let rest = try await client.getJSON("\(path)?labelSelector=paged%3Dyes&limit=3&continue=\(query(selectedToken))")
            #expect(rest["items"]?.arrayValue?.compactMap(\.name) == ["item-4", "item-5"])

            let garbage = try await client.request(.GET, "\(path)?limit=2&continue=not-a-token")
            try expectStatus(garbage, code: 400, reason: "BadRequest")
        }
    }

    @Test func labelSelectorsSupportTheSetBasedSyntax() async throws {
        try await withCluster { _, client in
            try await client.createNamespace("labels")
            let path = "/api/v1/namespaces/labels/configmaps"
            try await client.create(path, Objects.configMap("prod-web", labels: ["env": "prod", "tier": "web"]))
            try await client.create(path, Objects.configMap("prod-db", labels: ["env": "prod", "tier": "db"]))
            try await client.create(path, Objects.configMap("staging-web", labels: ["env": "staging", "tier": "web"]))
            try await client.create(path, Objects.configMap("dev", labels: ["env": "dev"]))
            try await client.create(path, Objects.configMap("bare"))

            func select(_ selector: String) async throws -> [String] {
                try await client.names("\(path)?labelSelector=\(query(selector))").sorted()
            }
            #expect(try await select("env=prod") == ["prod-db", "prod-web"])
            #expect(try await select("env==prod,tier=web") == ["prod-web"])
            #expect(try await select("env!=prod") == ["bare", "dev", "staging-web"])
            #expect(try await select("env in (prod,staging)") == ["prod-db", "prod-web", "staging-web"])
            #expect(try await select("env notin (prod,staging)") == ["bare", "dev"])
            #expect(try await select("tier") == ["prod-db", "prod-web", "staging-web"])
            #expect(try await select("!tier") == ["bare", "dev"])
            #expect(try await select("env in (prod),tier notin (db)") == ["prod-web"])

            let malformed = try await client.request(.GET, "\(path)?labelSelector=\(query("env in (prod"))")
            try expectStatus(malformed, code: 400, reason: "BadRequest")
        }
    }

    @Test func fieldSelectorsFilterPodsByNodeAndRefuseUnsupportedFields() async throws {
        try await withCluster { _, client in
            try await client.createNamespace("fields")
            let path = "/api/v1/namespaces/fields/pods"
            try await client.create(path, Objects.pod("a1", namespace: "fields", nodeName: "node-a"))
            try await client.create(path, Objects.pod("a2", namespace: "fields", nodeName: "node-a"))
            try await client.create(path, Objects.pod("b1", namespace: "fields", nodeName: "node-b"))
            try await client.create(path, Objects.pod("none", namespace: "fields"))

            func select(_ selector: String, in collection: String = path) async throws -> [String] {
                try await client.names("\(collection)?fieldSelector=\(query(selector))").sorted()
            }
            #expect(try await select("spec.nodeName=node-a") == ["a1", "a2"])
            #expect(try await select("spec.nodeName!=node-a") == ["b1", "none"])
            #expect(try await select("spec.nodeName=") == ["none"])
            #expect(try await select("spec.nodeName=node-a,metadata.name!=a1") == ["a2"])
            #expect(try await select("status.phase=Pending,spec.nodeName=node-b") == ["b1"])
            #expect(try await select("metadata.namespace=fields,spec.nodeName=node-b", in: "/api/v1/pods") == ["b1"])
            #expect(try await select("metadata.name=a1", in: "/api/v1/pods") == ["a1"])

            let unsupported = try await client.request(.GET, "\(path)?fieldSelector=\(query("spec.bogus=Always"))")
            let status = try expectStatus(unsupported, code: 400, reason: "BadRequest")
            #expect(status["message"]?.stringValue?.contains("field label not supported: spec.bogus") == true, "\(status)")

            let configMapField = try await client.request(
                .GET, "/api/v1/namespaces/fields/configmaps?fieldSelector=\(query("spec.nodeName=node-a"))")
            try expectStatus(configMapField, code: 400, reason: "BadRequest")

            let watchUnsupported = try await client.request(.GET, "\(path)?watch=true&fieldSelector=\(query("spec.bogus=1"))")
            try expectStatus(watchUnsupported, code: 400, reason: "BadRequest")
        }
    }
}
