import HollowModel
import HollowResources
import Synchronization

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

    /// Server-side apply and strategic-merge type information per kind, built once per registry generation:
    /// building them walks the schema components, too slow to repeat on every write.
    private let typeInfo = Mutex<(generation: Int, apply: [String: any ApplySchema], patch: [String: (any PatchMeta)?])>(
        (-1, [:], [:]))

    func applySchema(_ definition: ResourceDefinition, generation: Int) -> any ApplySchema {
        let key = "\(definition.group)/\(definition.version)/\(definition.kind)"
        if let cached = typeInfo.withLock({ $0.generation == generation ? $0.apply[key] : nil }) { return cached }
        let schema: any ApplySchema
        if let (root, components) = kindSchemas.schema(for: definition) {
            var table: [String: JSON] = [:]
            for member in components { table[member.key] = member.value }
            schema = OpenAPIApplySchema(root: root, components: table)
        } else {
            schema = DeducedApplySchema()
        }
        typeInfo.withLock { state in
            if state.generation != generation { state = (generation, [:], [:]) }
            state.apply[key] = schema
        }
        return schema
    }

    func patchMeta(_ definition: ResourceDefinition, generation: Int) -> (any PatchMeta)? {
        let key = "\(definition.group)/\(definition.version)/\(definition.kind)"
        if let cached = typeInfo.withLock({ $0.generation == generation ? $0.patch[key] : nil }) { return cached }
        var meta: (any PatchMeta)?
        if definition.openAPISchema == nil, let (schema, components) = kindSchemas.schema(for: definition) {
            meta = OpenAPIPatchMeta(schema: schema, components: components)
        }
        typeInfo.withLock { state in
            if state.generation != generation { state = (generation, [:], [:]) }
            state.patch[key] = .some(meta)
        }
        return meta
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
