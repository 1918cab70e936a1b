import HollowModel
import HollowResources
import Testing

/// Definitions used across the discovery and OpenAPI tests.
enum APIFixtures {
    static func registry(_ extra: [ResourceDefinition] = []) -> ResourceRegistry {
        ResourceRegistry(BuiltinResources.all + extra)
    }

    /// A scalable custom resource, as a CRD with a scale subresource would register it.
    static func widgets(version: String = "v1", schema: JSON? = nil) -> ResourceDefinition {
        ResourceDefinition(
            group: "example.com", version: version, kind: "Widget", plural: "widgets", namespaced: true,
            shortNames: ["wd"], categories: ["all"],
            subresources: [
                .status,
                .scale(
                    ScaleSubresource(
                        specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas",
                        labelSelectorPath: nil)),
            ],
            openAPISchema: schema)
    }

    static func resource(_ list: JSON, _ name: String) -> JSON? {
        list["resources"]?.arrayValue?.first { $0["name"]?.stringValue == name }
    }

    static func strings(_ json: JSON?) -> [String] { (json?.arrayValue ?? []).compactMap(\.stringValue) }
}

@Suite struct LegacyDiscoveryTests {
    let documents = DiscoveryDocuments(registry: APIFixtures.registry())

    @Test func apiVersionsListsCoreVersionAndServerAddress() {
        let json = documents.apiVersions(serverAddress: "127.0.0.1:6443").json
        #expect(json["kind"] == "APIVersions")
        #expect(json["versions"] == ["v1"])
        #expect(json["serverAddressByClientCIDRs"] == [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"]])
    }

    @Test func apiGroupListHasNamedGroupsWithPreferredVersion() throws {
        let json = documents.apiGroupList().json
        #expect(json["kind"] == "APIGroupList")
        let groups = try #require(json["groups"]?.arrayValue)
        #expect(groups.map { $0["name"] } == ["apps", "coordination.k8s.io"])
        #expect(groups[1]["versions"] == [["groupVersion": "coordination.k8s.io/v1", "version": "v1"]])
        #expect(groups[1]["preferredVersion"] == ["groupVersion": "coordination.k8s.io/v1", "version": "v1"])
    }

    @Test func apiGroupIsServedForKnownGroupsOnly() {
        #expect(documents.apiGroup("coordination.k8s.io")?.json["kind"] == "APIGroup")
        #expect(documents.apiGroup("apps")?.json["kind"] == "APIGroup")
        #expect(documents.apiGroup("batch") == nil)
        #expect(documents.apiGroup("") == nil)
    }

    @Test func coreResourceListDescribesPodsAndTheirSubresources() throws {
        let list = try #require(documents.apiResourceList(group: "", version: "v1")?.json)
        #expect(list["kind"] == "APIResourceList")
        #expect(list["groupVersion"] == "v1")

        let pods = try #require(APIFixtures.resource(list, "pods"))
        #expect(pods["singularName"] == "pod")
        #expect(pods["namespaced"] == true)
        #expect(pods["kind"] == "Pod")
        #expect(pods["shortNames"] == ["po"])
        #expect(pods["categories"] == ["all"])
        #expect(APIFixtures.strings(pods["verbs"]) == ResourceDefinition.allVerbs)
        #expect(pods["storageVersionHash"]?.stringValue?.count == 12)

        let status = try #require(APIFixtures.resource(list, "pods/status"))
        #expect(status["kind"] == "Pod")
        #expect(status["singularName"] == "")
        #expect(status["group"] == nil)
        #expect(APIFixtures.strings(status["verbs"]) == ["get", "patch", "update"])

        let binding = try #require(APIFixtures.resource(list, "pods/binding"))
        #expect(binding["kind"] == "Binding")
        #expect(APIFixtures.strings(binding["verbs"]) == ["create"])

        let eviction = try #require(APIFixtures.resource(list, "pods/eviction"))
        #expect(eviction["group"] == "policy")
        #expect(eviction["version"] == "v1")
        #expect(eviction["kind"] == "Eviction")
        #expect(APIFixtures.strings(eviction["verbs"]) == ["create"])

        let nodes = try #require(APIFixtures.resource(list, "nodes"))
        #expect(nodes["namespaced"] == false)
        #expect(APIFixtures.resource(list, "nodes/status") != nil)
    }

    @Test func resourcesAreSortedByName() throws {
        let list = try #require(documents.apiResourceList(group: "", version: "v1")?.json)
        let names = (list["resources"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        #expect(names == names.sorted())
        #expect(names.contains("configmaps") && names.contains("serviceaccounts") && names.contains("events"))
    }

    @Test func scaleSubresourceIsAutoscalingV1Scale() throws {
        let documents = DiscoveryDocuments(registry: APIFixtures.registry([APIFixtures.widgets()]))
        let list = try #require(documents.apiResourceList(group: "example.com", version: "v1")?.json)
        #expect(list["groupVersion"] == "example.com/v1")
        let scale = try #require(APIFixtures.resource(list, "widgets/scale"))
        #expect(scale["group"] == "autoscaling")
        #expect(scale["version"] == "v1")
        #expect(scale["kind"] == "Scale")
        #expect(APIFixtures.strings(scale["verbs"]) == ["get", "patch", "update"])
    }

    @Test func unknownGroupVersionHasNoResourceList() {
        #expect(documents.apiResourceList(group: "", version: "v2") == nil)
        #expect(documents.apiResourceList(group: "apps", version: "v2") == nil)
        #expect(documents.apiResourceList(group: "batch", version: "v1") == nil)
    }

    @Test func documentsAreCachedUntilTheRegistryChanges() {
        let registry = APIFixtures.registry()
        let documents = DiscoveryDocuments(registry: registry)
        let before = documents.aggregated(.groups, version: .v2)
        #expect(documents.aggregated(.groups, version: .v2).hash == before.hash)
        registry.register(APIFixtures.widgets())
        let after = documents.aggregated(.groups, version: .v2)
        #expect(after.hash != before.hash)
        #expect(documents.apiGroup("example.com") != nil)
    }
}

@Suite struct AggregatedDiscoveryTests {
    let registry = APIFixtures.registry([
        APIFixtures.widgets(version: "v1beta1"), APIFixtures.widgets(version: "v2alpha1"),
        APIFixtures.widgets(version: "v1"),
    ])

    @Test(arguments: AggregatedDiscoveryVersion.allCases)
    func apiVersionIsTheOneAskedFor(version: AggregatedDiscoveryVersion) {
        let json = DiscoveryDocuments(registry: registry).aggregated(.groups, version: version).json
        #expect(json["kind"] == "APIGroupDiscoveryList")
        #expect(json["apiVersion"] == .string("apidiscovery.k8s.io/\(version.rawValue)"))
    }

    @Test func v2AndV2beta1DifferOnlyInAPIVersion() {
        let documents = DiscoveryDocuments(registry: registry)
        for scope in AggregatedDiscoveryScope.allCases {
            var v2 = documents.aggregated(scope, version: .v2).json
            var beta = documents.aggregated(scope, version: .v2beta1).json
            v2["apiVersion"] = nil
            beta["apiVersion"] = nil
            #expect(v2 == beta)
        }
    }

    @Test func coreScopeHoldsOnlyTheCoreGroup() throws {
        let json = DiscoveryDocuments(registry: registry).aggregated(.core, version: .v2).json
        let items = try #require(json["items"]?.arrayValue)
        #expect(items.count == 1)
        #expect(items[0][path: ["metadata", "name"]] == nil)
        let version = try #require(items[0]["versions"]?.arrayValue?.first)
        #expect(version["version"] == "v1")
        #expect(version["freshness"] == "Current")
        let resources = try #require(version["resources"]?.arrayValue)
        let names = resources.compactMap { $0["resource"]?.stringValue }
        #expect(names == names.sorted())

        let pods = try #require(resources.first { $0["resource"] == "pods" })
        #expect(pods["responseKind"] == ["group": "", "version": "v1", "kind": "Pod"])
        #expect(pods["scope"] == "Namespaced")
        #expect(pods["singularResource"] == "pod")
        #expect(pods["shortNames"] == ["po"])
        #expect(pods["categories"] == ["all"])
        #expect(APIFixtures.strings(pods["verbs"]) == ResourceDefinition.allVerbs)
        let subresources = try #require(pods["subresources"]?.arrayValue)
        #expect(subresources.compactMap { $0["subresource"]?.stringValue } == ["binding", "eviction", "status"])
        let eviction = try #require(subresources.first { $0["subresource"] == "eviction" })
        #expect(eviction["responseKind"] == ["group": "policy", "version": "v1", "kind": "Eviction"])
        #expect(APIFixtures.strings(eviction["verbs"]) == ["create"])
        let status = try #require(subresources.first { $0["subresource"] == "status" })
        #expect(status["responseKind"] == ["group": "", "version": "v1", "kind": "Pod"])
        #expect(APIFixtures.strings(status["verbs"]) == ["get", "patch", "update"])

        let nodes = try #require(resources.first { $0["resource"] == "nodes" })
        #expect(nodes["scope"] == "Cluster")
    }

    @Test func groupsScopeHoldsNamedGroupsWithVersionsByPriority() throws {
        let json = DiscoveryDocuments(registry: registry).aggregated(.groups, version: .v2beta1).json
        let items = try #require(json["items"]?.arrayValue)
        #expect(items.map { $0[path: ["metadata", "name"]] } == ["apps", "coordination.k8s.io", "example.com"])
        let versions = (items[2]["versions"]?.arrayValue ?? []).map { $0["version"] }
        #expect(versions == ["v1", "v1beta1", "v2alpha1"])

        let widgets = try #require(items[2]["versions"]?.arrayValue?.first?["resources"]?.arrayValue?.first)
        let scale = try #require(widgets["subresources"]?.arrayValue?.first { $0["subresource"] == "scale" })
        #expect(scale["responseKind"] == ["group": "autoscaling", "version": "v1", "kind": "Scale"])
        #expect(APIFixtures.strings(scale["verbs"]) == ["get", "patch", "update"])
    }

    @Test func legacyGroupPrefersTheHighestPriorityVersion() throws {
        let group = try #require(DiscoveryDocuments(registry: registry).apiGroup("example.com")?.json)
        #expect(group["preferredVersion"]?["version"] == "v1")
        #expect((group["versions"]?.arrayValue ?? []).map { $0["version"] } == ["v1", "v1beta1", "v2alpha1"])
    }

    @Test(
        arguments: [
            // kubectl 1.27–1.29
            ("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", .v2beta1),
            // kubectl 1.30+
            (
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                    + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", .v2
            ),
            ("application/json", nil),
            ("application/json;as=Table;v=v1;g=meta.k8s.io", nil),
        ] as [(String, AggregatedDiscoveryVersion?)])
    func negotiationPicksTheFirstAggregatedFormAsked(accept: String, expected: AggregatedDiscoveryVersion?) {
        #expect(AggregatedDiscoveryVersion.negotiate(accept: accept) == expected)
    }

    @Test func contentTypeNamesTheVersion() {
        #expect(
            AggregatedDiscoveryVersion.v2beta1.contentType
                == "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList")
    }
}

@Suite struct ContentHashTests {
    @Test func hashIsFNV1a64InUppercaseHex() {
        #expect(ContentHash.fnv1a64([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(ContentHash.hex(of: Array("a".utf8)) == "AF63DC4C8601EC8C")
        #expect(APIDocument(["a": 1]).hash == APIDocument(["a": 1]).hash)
        #expect(APIDocument(["a": 1]).hash != APIDocument(["a": 2]).hash)
    }
}
