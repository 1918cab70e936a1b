import HollowModel
import Synchronization

/// The OpenAPI documents of a registry, built when first asked for after a change and then served from memory.
///
/// The v3 documents are built together (the index needs every hash); the v2 document, large and rarely asked
/// for in JSON, separately. Both are rebuilt only when the registry's `generation` moves; building happens outside
/// the lock, tagged with the generation read before the definitions (see `DiscoveryDocuments`).
public final class OpenAPIDocuments: Sendable {
    private struct V3: Sendable {
        var generation: Int
        var index: APIDocument
        var documents: [String: APIDocument]
    }

    private let registry: ResourceRegistry
    private let serverVersion: String
    private let v3Cache = Mutex<V3?>(nil)
    private let v2Cache = Mutex<(generation: Int, document: APIDocument)?>(nil)

    /// - Parameter serverVersion: `info.version` of the documents (the served `gitVersion`, e.g. `v1.33.1`).
    public init(registry: ResourceRegistry, serverVersion: String = "unversioned") {
        self.registry = registry
        self.serverVersion = serverVersion
    }

    /// `/openapi/v3`: `{"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=H"}, …}}`.
    public func v3Index() -> APIDocument { v3().index }

    /// `/openapi/v3/<path>` (`api/v1`, `apis/coordination.k8s.io/v1`, `api`, `apis`, `apis/<group>`, `version`), or
    /// `nil` (404). Its `hash` is the one the index advertises; when a request's `?hash=` differs, kube-apiserver
    /// redirects (301) to the current hash URL.
    public func v3Document(path: String) -> APIDocument? {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return v3().documents[trimmed]
    }

    /// `/openapi/v2` in JSON.
    public func v2() -> APIDocument {
        let generation = registry.generation
        if let cached = v2Cache.withLock({ $0 }), cached.generation == generation { return cached.document }
        let document = APIDocument(OpenAPIV2.document(registry.all, serverVersion: serverVersion))
        v2Cache.withLock { current in
            if current == nil || current!.generation < generation { current = (generation, document) }
        }
        return document
    }

    private func v3() -> V3 {
        let generation = registry.generation
        if let cached = v3Cache.withLock({ $0 }), cached.generation == generation { return cached }
        let documents = OpenAPIV3.documents(registry.all, serverVersion: serverVersion).mapValues(APIDocument.init)
        let built = V3(
            generation: generation, index: APIDocument(OpenAPIV3.index(hashes: documents.mapValues(\.hash))),
            documents: documents)
        v3Cache.withLock { current in
            if current == nil || current!.generation < generation { current = built }
        }
        return built
    }
}
