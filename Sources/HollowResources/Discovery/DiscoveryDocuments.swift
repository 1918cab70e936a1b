import HollowModel
import Synchronization

/// The discovery documents of a registry, built when first asked for after a change and then served from memory.
///
/// Documents are rebuilt only when the registry's `generation` moves, so a request costs a lock and a lookup.
/// Building happens outside the lock (two racing requests may both build; the results are equal). A snapshot is
/// tagged with the generation read *before* the definitions, so a change racing the build makes the next request
/// rebuild rather than serve a stale document as current.
public final class DiscoveryDocuments: Sendable {
    private struct Snapshot: Sendable {
        var generation: Int
        var definitions: [ResourceDefinition]
        var groupList: APIDocument
        var groups: [String: APIDocument]
        /// Keyed by `group/version` (`/v1` for the core group).
        var resourceLists: [String: APIDocument]
        var aggregated: [String: APIDocument]
    }

    private let registry: ResourceRegistry
    private let cache = Mutex<Snapshot?>(nil)
    private let apiVersionsCache = Mutex<(generation: Int, serverAddress: String, document: APIDocument)?>(nil)

    public init(registry: ResourceRegistry) {
        self.registry = registry
    }

    /// `/api` (`APIVersions`); `serverAddress` is the `host:port` clients should reach the server at.
    public func apiVersions(serverAddress: String) -> APIDocument {
        let snapshot = snapshot()
        if let cached = apiVersionsCache.withLock({ $0 }), cached.generation == snapshot.generation,
            cached.serverAddress == serverAddress
        {
            return cached.document
        }
        let document = APIDocument(Discovery.apiVersions(snapshot.definitions, serverAddress: serverAddress))
        apiVersionsCache.withLock { $0 = (snapshot.generation, serverAddress, document) }
        return document
    }

    /// `/apis` (`APIGroupList`).
    public func apiGroupList() -> APIDocument { snapshot().groupList }

    /// `/apis/G` (`APIGroup`), or `nil` (404) when nothing is served in `group`.
    public func apiGroup(_ group: String) -> APIDocument? { snapshot().groups[group] }

    /// `/api/v1` (group `""`) or `/apis/G/V` (`APIResourceList`), or `nil` (404) when nothing is served there.
    public func apiResourceList(group: String, version: String) -> APIDocument? {
        snapshot().resourceLists["\(group)/\(version)"]
    }

    /// The aggregated `APIGroupDiscoveryList` for `/api` (`.core`) or `/apis` (`.groups`), in the version the client
    /// negotiated (`AggregatedDiscoveryVersion.negotiate(accept:)`); answer with `version.contentType`.
    public func aggregated(_ scope: AggregatedDiscoveryScope, version: AggregatedDiscoveryVersion) -> APIDocument {
        snapshot().aggregated[Self.aggregatedKey(scope, version)]!
    }

    private static func aggregatedKey(_ scope: AggregatedDiscoveryScope, _ version: AggregatedDiscoveryVersion)
        -> String
    {
        "\(scope)/\(version.rawValue)"
    }

    private func snapshot() -> Snapshot {
        let generation = registry.generation
        if let cached = cache.withLock({ $0 }), cached.generation == generation { return cached }
        let built = Self.build(generation: generation, definitions: registry.all)
        cache.withLock { current in
            if current == nil || current!.generation < generation { current = built }
        }
        return built
    }

    private static func build(generation: Int, definitions: [ResourceDefinition]) -> Snapshot {
        var groups: [String: APIDocument] = [:]
        var resourceLists: [String: APIDocument] = [:]
        for (group, versions) in Discovery.groupVersions(definitions) {
            if let document = Discovery.apiGroup(definitions, group: group) { groups[group] = APIDocument(document) }
            for version in versions {
                if let document = Discovery.apiResourceList(definitions, group: group, version: version) {
                    resourceLists["\(group)/\(version)"] = APIDocument(document)
                }
            }
        }
        var aggregated: [String: APIDocument] = [:]
        for scope in AggregatedDiscoveryScope.allCases {
            for version in AggregatedDiscoveryVersion.allCases {
                aggregated[aggregatedKey(scope, version)] = APIDocument(
                    Discovery.aggregated(definitions, scope: scope, version: version))
            }
        }
        return Snapshot(
            generation: generation, definitions: definitions,
            groupList: APIDocument(Discovery.apiGroupList(definitions)), groups: groups,
            resourceLists: resourceLists, aggregated: aggregated)
    }
}
