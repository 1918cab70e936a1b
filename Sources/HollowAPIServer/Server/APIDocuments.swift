import HollowModel
import HollowResources

/// The discovery and OpenAPI documents the server hands out, cached per registry generation by the builders in
/// HollowResources.
final class APIDocuments: Sendable {
    let discovery: DiscoveryDocuments
    let openAPI: OpenAPIDocuments
    let advertisedAddress: String
    let kindSchemas: KindSchemas
    let zeroValues: GoZeroValues

    init(registry: ResourceRegistry, advertisedAddress: String, kubernetesVersion: String) {
        discovery = DiscoveryDocuments(registry: registry)
        openAPI = OpenAPIDocuments(registry: registry, serverVersion: kubernetesVersion)
        self.advertisedAddress = advertisedAddress
        kindSchemas = KindSchemas(registry: registry, documents: openAPI)
        zeroValues = GoZeroValues(schemas: kindSchemas)
    }

    func apiVersions() -> [UInt8] { discovery.apiVersions(serverAddress: advertisedAddress).bytes }
    func apiGroupList() -> [UInt8] { discovery.apiGroupList().bytes }
    func apiGroup(_ group: String) -> [UInt8]? { discovery.apiGroup(group)?.bytes }
    func apiResourceList(group: String, version: String) -> [UInt8]? {
        discovery.apiResourceList(group: group, version: version)?.bytes
    }
    func aggregatedDiscovery(legacy: Bool, version: String) -> APIDocument {
        discovery.aggregated(legacy ? .core : .groups, version: AggregatedDiscoveryVersion(rawValue: version) ?? .v2)
    }
    func openAPIV3Index() -> [UInt8] { openAPI.v3Index().bytes }
    func openAPIV3(path: String) -> [UInt8]? { openAPI.v3Document(path: path)?.bytes }
    func openAPIV2() -> [UInt8] { openAPI.v2().bytes }
}
