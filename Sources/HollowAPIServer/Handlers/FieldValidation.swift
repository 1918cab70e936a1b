import HTTPTypes
import HollowModel
import HollowResources
import Hummingbird

extension APIServer {
    /// Unknown fields in a custom resource body, judged by `fieldValidation`: `Strict` refuses them (400, as
    /// kube-apiserver's strict decoding does), `Warn` (the default) reports them as `Warning` headers, `Ignore`
    /// drops them silently. Built-in types are not checked: their bodies are kept as sent.
    func unknownFieldWarnings(_ object: JSON, _ r: ResourceRequest) throws -> [String] {
        let mode = r.query["fieldValidation"] ?? "Warn"
        guard ["Strict", "Warn", "Ignore"].contains(mode) else {
            throw APIError.badRequest("fieldValidation must be one of Ignore, Warn or Strict, not \"\(mode)\"")
        }
        guard mode != "Ignore", let version = customResources.version(for: r.definition) else { return [] }
        var copy = object
        let unknown = version.applySchema(to: &copy).map(StructuralSchema.unknownFieldMessage)
        if mode == "Strict", !unknown.isEmpty {
            throw APIError.badRequest("strict decoding error: " + unknown.joined(separator: ", "))
        }
        return unknown
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
