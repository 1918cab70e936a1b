import HollowModel
import HollowStore
import Hummingbird

extension APIServer {
    /// GET of one object (also `/status`, which shows the whole object).
    func get(_ r: ResourceRequest, name: String) async throws -> Response {
        let key = r.key(name)
        let stored: StoredObject?
        do {
            stored = try await store.get(key)
        } catch {
            throw apiError(error, r, name: name)
        }
        guard let stored else { throw r.notFound(name) }
        return try objectResponse(.ok, stored, r)
    }
}
