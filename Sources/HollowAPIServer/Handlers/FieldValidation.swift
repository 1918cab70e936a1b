import HTTPTypes
import HollowModel
import HollowResources
import Hummingbird

extension APIServer {
    /// Unknown fields in a request body, judged by `fieldValidation` as kube-apiserver's decoding does: they are
    /// dropped, and `Strict` refuses them (400), `Warn` (the default) reports each as a `Warning` header, `Ignore`
    /// says nothing. Custom resources are judged by their structural schema, built-in kinds by their OpenAPI schema.
    func pruneUnknownFields(_ object: inout JSON, _ r: ResourceRequest) throws -> [String] {
        let mode = r.query["fieldValidation"] ?? "Warn"
        guard ["Strict", "Warn", "Ignore"].contains(mode) else {
            throw APIError.badRequest("fieldValidation must be one of Ignore, Warn or Strict, not \"\(mode)\"")
        }
        let unknown: [String]
        if let version = customResources.version(for: r.definition) {
            var copy = object
            unknown = version.applySchema(to: &copy)
        } else if let schema = documents.kindSchemas.compiledSchema(for: r.definition) {
            unknown = UnknownFields.prune(&object, schema: schema)
        } else {
            unknown = []
        }
        let messages = unknown.map(StructuralSchema.unknownFieldMessage)
        if mode == "Strict", !messages.isEmpty {
            let kind = r.definition.kind
            throw APIError.badRequest(
                "\(kind) in version \"\(r.definition.version)\" cannot be handled as a \(kind): strict decoding error: "
                    + messages.joined(separator: ", "))
        }
        return mode == "Ignore" ? [] : messages
    }

    /// Adds `Warning: 299 - "…"` headers, as kube-apiserver reports warnings.
    static func withWarnings(_ response: Response, _ warnings: [String]) -> Response {
        var response = response
        for warning in warnings {
            let escaped = warning.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            response.headers.append(HTTPField(name: HTTPField.Name("Warning")!, value: "299 - \"\(escaped)\""))
        }
        return response
    }
}
