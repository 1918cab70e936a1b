import HollowModel

/// What a request path addresses, as kube-apiserver's `RequestInfoFactory` reads it.
struct RequestInfo: Equatable {
    enum Target: Equatable {
        case health(String)
        case version
        /// `/api` or `/apis`.
        case discoveryRoot(legacy: Bool)
        /// `/apis/GROUP`.
        case discoveryGroup(String)
        /// `/api/v1`, `/apis/GROUP/VERSION`.
        case discoveryGroupVersion(group: String, version: String)
        case openAPIV2
        case openAPIV3Index
        /// `/openapi/v3/api/v1`, `/openapi/v3/apis/GROUP/VERSION`.
        case openAPIV3(path: String)
        case resource(ResourcePath)
        case unknown
    }

    /// `/api/v1/namespaces/NS/RESOURCE/NAME/SUBRESOURCE` and its shorter forms.
    struct ResourcePath: Equatable {
        var group: String
        var version: String
        var namespace: String?
        var resource: String
        var name: String?
        var subresource: String?
        /// The legacy `/watch/` path prefix was used.
        var legacyWatch = false
    }

    static func parse(path: String) -> Target {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let first = parts.first else { return .unknown }
        switch first {
        case "healthz", "livez", "readyz":
            return .health(parts.joined(separator: "/"))
        case "version":
            return parts.count == 1 ? .version : .unknown
        case "openapi":
            if parts == ["openapi", "v2"] { return .openAPIV2 }
            if parts == ["openapi", "v3"] { return .openAPIV3Index }
            if parts.count > 2, parts[1] == "v3" { return .openAPIV3(path: parts.dropFirst(2).joined(separator: "/")) }
            return .unknown
        case "api":
            if parts.count == 1 { return .discoveryRoot(legacy: true) }
            if parts.count == 2 { return .discoveryGroupVersion(group: "", version: parts[1]) }
            return resource(group: "", version: parts[1], rest: Array(parts.dropFirst(2)))
        case "apis":
            if parts.count == 1 { return .discoveryRoot(legacy: false) }
            if parts.count == 2 { return .discoveryGroup(parts[1]) }
            if parts.count == 3 { return .discoveryGroupVersion(group: parts[1], version: parts[2]) }
            return resource(group: parts[1], version: parts[2], rest: Array(parts.dropFirst(3)))
        default:
            return .unknown
        }
    }

    private static func resource(group: String, version: String, rest: [String]) -> Target {
        var rest = rest
        var legacyWatch = false
        if rest.first == "watch" {
            legacyWatch = true
            rest.removeFirst()
        }
        var namespace: String?
        // `namespaces/NS/...` addresses objects in NS, except the namespace's own subresources.
        if rest.count >= 3, rest[0] == "namespaces", !["status", "finalize"].contains(rest[2]) || rest.count > 3 {
            namespace = rest[1]
            rest.removeFirst(2)
        }
        guard !rest.isEmpty, rest.count <= 3 else { return .unknown }
        return .resource(
            ResourcePath(
                group: group, version: version, namespace: namespace, resource: rest[0],
                name: rest.count > 1 ? rest[1] : nil, subresource: rest.count > 2 ? rest[2] : nil,
                legacyWatch: legacyWatch))
    }
}

/// Query parameters as Go's `url.ParseQuery` reads them: `+` is a space, `%XX` is a byte, the first value of a
/// repeated key wins.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[key] == nil { values[key] = value }
        }
    }

    subscript(_ key: String) -> String? { values[key] }

    /// A boolean parameter, parsed like Go's `strconv.ParseBool`; a malformed value is a 400.
    func bool(_ key: String) throws(APIError) -> Bool {
        guard let text = values[key], !text.isEmpty else { return false }
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: throw .badRequest("invalid boolean value \"\(text)\" for query parameter \(key)")
        }
    }

    /// An integer parameter; a malformed value is a 400.
    func int(_ key: String) throws(APIError) -> Int64? {
        guard let text = values[key], !text.isEmpty else { return nil }
        guard let value = Int64(text) else {
            throw .badRequest("invalid value \"\(text)\" for query parameter \(key): not an integer")
        }
        return value
    }

    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(),
                    let h = hexValue(high), let l = hexValue(low)
                else {
                    bytes.append(byte)
                    continue
                }
                bytes.append(h << 4 | l)
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
