import HollowModel

/// The version of aggregated discovery a client asked for. kubectl 1.27–1.29 ask only for `v2beta1` and break on a
/// `v2` answer; 1.30+ ask for `v2` first. Both bodies have the same shape; only `apiVersion` and the
/// `Content-Type` differ.
public enum AggregatedDiscoveryVersion: String, Sendable, CaseIterable {
    case v2
    case v2beta1

    /// `apidiscovery.k8s.io/v2` or `apidiscovery.k8s.io/v2beta1`.
    public var apiVersion: String { "apidiscovery.k8s.io/\(rawValue)" }

    /// The `Content-Type` of the answer, which client-go reads to pick its decoder.
    public var contentType: String { "application/json;g=apidiscovery.k8s.io;v=\(rawValue);as=APIGroupDiscoveryList" }

    /// The first aggregated form an `Accept` header asks for in JSON (clients list their preference first), or
    /// `nil` when it asks for none and legacy discovery should answer.
    public static func negotiate(accept: String) -> AggregatedDiscoveryVersion? {
        for mediaRange in accept.split(separator: ",") {
            let parts = mediaRange.split(separator: ";").map { $0.trimmingSpaces() }
            guard let type = parts.first, type == "application/json" else { continue }
            var parameters: [Substring: Substring] = [:]
            for part in parts.dropFirst() {
                guard let equals = part.firstIndex(of: "=") else { continue }
                parameters[part[..<equals].trimmingSpaces()] = part[part.index(after: equals)...].trimmingSpaces()
            }
            guard parameters["g"] == "apidiscovery.k8s.io", parameters["as"] == "APIGroupDiscoveryList",
                let version = parameters["v"].flatMap({ AggregatedDiscoveryVersion(rawValue: String($0)) })
            else { continue }
            return version
        }
        return nil
    }
}

/// Which aggregated document: `/api` holds only the core group, `/apis` every other group.
public enum AggregatedDiscoveryScope: Sendable, CaseIterable {
    /// `/api`
    case core
    /// `/apis`
    case groups
}

extension Discovery {
    /// An `APIGroupDiscoveryList` (`/api` or `/apis` asked for with
    /// `Accept: application/json;g=apidiscovery.k8s.io;v=…;as=APIGroupDiscoveryList`).
    ///
    /// Groups come in discovery order, versions by priority, resources and subresources by name; every version is
    /// `Current` (all resources are served in-process).
    public static func aggregated(
        _ definitions: [ResourceDefinition], scope: AggregatedDiscoveryScope, version: AggregatedDiscoveryVersion
    ) -> JSON {
        let groups = groupVersions(definitions).filter { scope == .core ? $0.group.isEmpty : !$0.group.isEmpty }
        let items: [JSON] = groups.map { entry in
            let versions: [JSON] = entry.versions.map { groupVersion in
                let served = definitions.filter { $0.group == entry.group && $0.version == groupVersion }
                    .sorted { $0.plural < $1.plural }
                return [
                    "version": .string(groupVersion),
                    "resources": .array(served.map(aggregatedResource)),
                    "freshness": "Current",
                ]
            }
            // Go omits the core group's empty name.
            let metadata: JSON = entry.group.isEmpty ? .object([:]) : ["name": .string(entry.group)]
            return ["metadata": metadata, "versions": .array(versions)]
        }
        return [
            "kind": "APIGroupDiscoveryList",
            "apiVersion": .string(version.apiVersion),
            "metadata": .object([:]),
            "items": .array(items),
        ]
    }

    private static func aggregatedResource(_ definition: ResourceDefinition) -> JSON {
        var resource = JSONObject([
            ("resource", .string(definition.plural)),
            ("responseKind", definition.kindReference.json),
            ("scope", definition.namespaced ? "Namespaced" : "Cluster"),
            ("singularResource", .string(definition.singular)),
            ("verbs", strings(definition.verbs)),
        ])
        if !definition.shortNames.isEmpty { resource["shortNames"] = strings(definition.shortNames) }
        if !definition.categories.isEmpty { resource["categories"] = strings(definition.categories) }
        let subresources: [JSON] = definition.subresources.sorted { $0.name < $1.name }.map { subresource in
            [
                "subresource": .string(subresource.name),
                "responseKind": subresource.responseKind(of: definition).json,
                "verbs": strings(subresource.verbs),
            ]
        }
        if !subresources.isEmpty { resource["subresources"] = .array(subresources) }
        return .object(resource)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
