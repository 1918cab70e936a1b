import HollowModel

/// Legacy discovery documents, built from a snapshot of the registered definitions:
/// `/api` (`APIVersions`), `/apis` (`APIGroupList`), `/apis/G` (`APIGroup`) and `/api/v1`, `/apis/G/V`
/// (`APIResourceList`).
///
/// Every function is pure; `DiscoveryDocuments` caches their results per registry generation.
public enum Discovery {
    /// `/api`: the core group's versions, and the address clients should use (kube-apiserver's advertised
    /// address; any client CIDR maps to it).
    public static func apiVersions(_ definitions: [ResourceDefinition], serverAddress: String) -> JSON {
        let core = groupVersions(definitions).first { $0.group.isEmpty }?.versions ?? []
        return [
            "kind": "APIVersions",
            "versions": .array(core.map { .string($0) }),
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    /// `/apis`: every named group (the core group is listed under `/api` only), each with its versions in
    /// priority order and the first as preferred.
    public static func apiGroupList(_ definitions: [ResourceDefinition]) -> JSON {
        let groups = groupVersions(definitions).filter { !$0.group.isEmpty }
        return [
            "kind": "APIGroupList",
            "apiVersion": "v1",
            "groups": .array(groups.map { .object(JSONObject(apiGroupMembers($0.group, $0.versions))) }),
        ]
    }

    /// `/apis/G`, or `nil` when no resource is served in `group`.
    public static func apiGroup(_ definitions: [ResourceDefinition], group: String) -> JSON? {
        guard !group.isEmpty, let entry = groupVersions(definitions).first(where: { $0.group == group }) else {
            return nil
        }
        return .object(
            JSONObject([("kind", "APIGroup"), ("apiVersion", "v1")] + apiGroupMembers(entry.group, entry.versions)))
    }

    /// `/api/v1` or `/apis/G/V`: the resources of one group-version and their subresources (`pods/status`,
    /// `pods/eviction`, `x/scale`), sorted by name as kube-apiserver lists them; `nil` when nothing is served
    /// there.
    public static func apiResourceList(_ definitions: [ResourceDefinition], group: String, version: String) -> JSON? {
        let served = definitions.filter { $0.group == group && $0.version == version }.sorted { $0.plural < $1.plural }
        guard !served.isEmpty else { return nil }
        var resources: [JSON] = []
        for definition in served {
            var entry = JSONObject([
                ("name", .string(definition.plural)),
                ("singularName", .string(definition.singular)),
                ("namespaced", .bool(definition.namespaced)),
                ("kind", .string(definition.kind)),
                ("verbs", strings(definition.verbs)),
            ])
            if !definition.shortNames.isEmpty { entry["shortNames"] = strings(definition.shortNames) }
            if !definition.categories.isEmpty { entry["categories"] = strings(definition.categories) }
            entry["storageVersionHash"] = .string(storageVersionHash(definition))
            resources.append(.object(entry))
            for subresource in definition.subresources.sorted(by: { $0.name < $1.name }) {
                let kind = subresource.responseKind(of: definition)
                var sub = JSONObject([
                    ("name", .string("\(definition.plural)/\(subresource.name)")),
                    ("singularName", ""),
                    ("namespaced", .bool(definition.namespaced)),
                ])
                if kind.group != definition.group || kind.version != definition.version {
                    sub["group"] = .string(kind.group)
                    sub["version"] = .string(kind.version)
                }
                sub["kind"] = .string(kind.kind)
                sub["verbs"] = strings(subresource.verbs)
                resources.append(.object(sub))
            }
        }
        return [
            "kind": "APIResourceList",
            "apiVersion": "v1",
            "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"),
            "resources": .array(resources),
        ]
    }

    /// Served group-versions in discovery order, from one snapshot of definitions: the core group first, then
    /// groups by name; within a group, versions by Kubernetes version priority (the preferred one first).
    public static func groupVersions(_ definitions: [ResourceDefinition]) -> [(group: String, versions: [String])] {
        var versionsByGroup: [String: Set<String>] = [:]
        for definition in definitions { versionsByGroup[definition.group, default: []].insert(definition.version) }
        return versionsByGroup.keys.sorted().map { group in
            (group, versionsByGroup[group]!.sorted(by: KubeVersion.isHigherPriority))
        }
    }

    /// A short, stable fingerprint of where a resource is stored (kube-apiserver hashes group, version and kind
    /// of the storage version; the storage version migrator only compares these for equality).
    static func storageVersionHash(_ definition: ResourceDefinition) -> String {
        let value = ContentHash.fnv1a64("\(definition.group)/\(definition.version)/\(definition.kind)".utf8)
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - 8 * $0)) }
        return base64(bytes)
    }

    private static func apiGroupMembers(_ group: String, _ versions: [String]) -> [(String, JSON)] {
        let entries: [JSON] = versions.map { ["groupVersion": .string("\(group)/\($0)"), "version": .string($0)] }
        return [("name", .string(group)), ("versions", .array(entries)), ("preferredVersion", entries.first ?? .null)]
    }

    static func strings(_ values: [String]) -> JSON { .array(values.map { .string($0) }) }

    private static func base64(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            var value = 0
            for (offset, byte) in chunk.enumerated() { value |= Int(byte) << (16 - 8 * offset) }
            for position in 0..<4 {
                output.append(
                    position <= chunk.count ? alphabet[(value >> (18 - 6 * position)) & 0x3F] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// A group, version and kind, as discovery's `responseKind` and OpenAPI's `x-kubernetes-group-version-kind`
/// spell them.
struct KindReference: Hashable, Sendable {
    var group: String
    var version: String
    var kind: String

    var json: JSON { ["group": .string(group), "version": .string(version), "kind": .string(kind)] }
}

extension ResourceDefinition {
    var kindReference: KindReference { KindReference(group: group, version: version, kind: kind) }
}

extension Subresource {
    /// The verbs kube-apiserver serves on this subresource.
    var verbs: [String] {
        switch self {
        case .status, .scale: ["get", "patch", "update"]
        case .binding, .eviction, .token: ["create"]
        }
    }

    /// The kind a request to this subresource of `parent` reads or writes.
    func responseKind(of parent: ResourceDefinition) -> KindReference {
        switch self {
        case .status: parent.kindReference
        case .scale: KindReference(group: "autoscaling", version: "v1", kind: "Scale")
        case .binding: KindReference(group: "", version: "v1", kind: "Binding")
        case .eviction: KindReference(group: "policy", version: "v1", kind: "Eviction")
        case .token: KindReference(group: "authentication.k8s.io", version: "v1", kind: "TokenRequest")
        }
    }
}
