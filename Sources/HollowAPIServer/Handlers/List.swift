import Foundation
import HollowModel
import HollowResources
import HollowStore
import Hummingbird

extension APIServer {
    /// LIST: every matching object, paged with `limit`/`continue`, as a `<Kind>List` or a Table.
    func list(_ r: ResourceRequest) async throws -> Response {
        let filter = try makeFilter(r)
        let limit = try r.query.int("limit")
        if let limit, limit < 0 { throw APIError.badRequest("limit must be a non-negative integer") }
        var continueAfter: ContinueKey?
        if let token = r.query["continue"], !token.isEmpty {
            if let rv = r.query["resourceVersion"], !rv.isEmpty {
                throw APIError.badRequest("specifying resource version is not allowed when using continue")
            }
            continueAfter = try ContinueToken.decode(token)
        }
        let page: ListPage
        do {
            page = try await store.list(filter, limit: limit.map(Int.init), continueAfter: continueAfter)
        } catch {
            throw apiError(error, r, name: "")
        }
        let token = page.continueKey.map(ContinueToken.encode)
        switch try representation(r) {
        case .object:
            return Self.jsonResponse(.ok, listBytes(r.definition, page: page, continueToken: token))
        case .table(let includeObject):
            let objects = try page.items.map { try $0.decode() }
            let table = TableConvertor.table(
                objects, definition: r.definition, includeObject: includeObject, now: r.now,
                resourceVersion: String(page.revision), continueToken: token,
                remainingItemCount: page.remainingItemCount)
            return Self.jsonResponse(.ok, table.serialized())
        case .partialObjectMetadata:
            let items = try page.items.map { TableConvertor.partialObjectMetadata(try $0.decode()) }
            var metadata: JSONObject = ["resourceVersion": .string(String(page.revision))]
            if let token { metadata["continue"] = .string(token) }
            let list: JSON = [
                "kind": "PartialObjectMetadataList", "apiVersion": "meta.k8s.io/v1", "metadata": .object(metadata),
                "items": .array(items),
            ]
            return Self.jsonResponse(.ok, list.serialized())
        }
    }

    /// The list document, assembled from the stored bytes without decoding the items.
    func listBytes(_ definition: ResourceDefinition, page: ListPage, continueToken: String?) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(page.items.reduce(128) { $0 + $1.data.count + 1 })
        bytes.append(contentsOf: #"{"kind":"#.utf8)
        JSON.writeString(definition.listKind, to: &bytes)
        bytes.append(contentsOf: #","apiVersion":"#.utf8)
        JSON.writeString(definition.apiVersion, to: &bytes)
        bytes.append(contentsOf: #","metadata":{"resourceVersion":""#.utf8)
        bytes.append(contentsOf: String(page.revision).utf8)
        bytes.append(UInt8(ascii: "\""))
        if let continueToken {
            bytes.append(contentsOf: #","continue":"#.utf8)
            JSON.writeString(continueToken, to: &bytes)
            if let remaining = page.remainingItemCount {
                bytes.append(contentsOf: #","remainingItemCount":"#.utf8)
                bytes.append(contentsOf: String(remaining).utf8)
            }
        }
        bytes.append(contentsOf: #"},"items":["#.utf8)
        for (offset, item) in page.items.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: presented(item.data, definition))
        }
        bytes.append(contentsOf: "]}".utf8)
        return bytes
    }
}

/// The opaque `continue` token: where the next page starts, base64-encoded.
enum ContinueToken {
    static func encode(_ key: ContinueKey) -> String {
        let json: JSON = ["v": "meta.k8s.io/v1", "rv": .int(key.revision), "ns": .string(key.namespace), "start": .string(key.name)]
        return Data(json.serialized()).base64EncodedString()
    }

    static func decode(_ token: String) throws -> ContinueKey {
        guard let data = Data(base64Encoded: token), let json = try? JSON(parsing: Array(data)),
            let revision = json["rv"]?.intValue, let name = json["start"]?.stringValue
        else {
            throw APIError.badRequest("continue key is not valid: \(token)")
        }
        return ContinueKey(revision: revision, namespace: json["ns"]?.stringValue ?? "", name: name)
    }
}
