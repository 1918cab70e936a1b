/// One media range of an `Accept` header, with the parameters Kubernetes uses to ask for alternate
/// representations (`as=Table;v=v1;g=meta.k8s.io`).
struct MediaRange: Equatable {
    var type: String
    var subtype: String
    var parameters: [String: String]

    var `as`: String? { parameters["as"] }
    var group: String? { parameters["g"] }
    var version: String? { parameters["v"] }
    var mediaType: String { "\(type)/\(subtype)" }

    static func parseList(_ header: String?) -> [MediaRange] {
        guard let header, !header.isEmpty else { return [] }
        return header.split(separator: ",").compactMap { parse(String($0)) }
    }

    static func parse(_ text: String) -> MediaRange? {
        let pieces = text.split(separator: ";").map { $0.trimmingCharacters(in: " \t") }
        guard let full = pieces.first, !full.isEmpty else { return nil }
        let typeParts = full.split(separator: "/", maxSplits: 1).map(String.init)
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1).map(String.init)
            if kv.count == 2 { parameters[kv[0].lowercased()] = kv[1].trimmingCharacters(in: "\"") }
        }
        return MediaRange(
            type: typeParts[0].lowercased(), subtype: typeParts.count > 1 ? typeParts[1].lowercased() : "*",
            parameters: parameters)
    }

    /// Whether this range admits plain JSON.
    var acceptsJSON: Bool {
        (type == "application" && (subtype == "json" || subtype == "*")) || (type == "*" && subtype == "*")
    }
}

/// How a resource response is to be represented.
enum ResponseRepresentation: Equatable {
    case object
    case table(includeObject: String)
    case partialObjectMetadata
}

extension MediaRange {
    /// Picks the first representation the client accepts that we can produce; `nil` means 406.
    static func negotiateResource(_ accept: String?, query: String?) -> ResponseRepresentation? {
        // What nearly every request sends, without parsing.
        if accept == nil || accept == "application/json" || accept == "*/*" { return .object }
        let ranges = parseList(accept)
        if ranges.isEmpty { return .object }
        for range in ranges {
            switch range.as {
            case "Table" where range.group == "meta.k8s.io" && (range.version == "v1" || range.version == "v1beta1"):
                return .table(includeObject: query ?? "Metadata")
            case "PartialObjectMetadata", "PartialObjectMetadataList":
                if range.group == "meta.k8s.io" && (range.version == "v1" || range.version == "v1beta1") {
                    return .partialObjectMetadata
                }
            case nil:
                if range.acceptsJSON || range.mediaType == "application/vnd.kubernetes.protobuf"
                    || range.mediaType == "application/yaml"
                {
                    return .object
                }
            default:
                continue
            }
        }
        return nil
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
