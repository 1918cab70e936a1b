import HollowModel

import Synchronization

/// The resources the server serves, looked up by URL (group, version, plural) and by kind.
///
/// Built-in resources are registered at start; custom resources come and go with their definitions, so the
/// registry is shared mutable state behind a lock, and every change bumps `generation` so discovery and OpenAPI
/// documents can be rebuilt and re-hashed.
public final class ResourceRegistry: Sendable {
    struct State {
        var byPath: [String: ResourceDefinition] = [:]
        var generation = 0
    }

    private let state = Mutex(State())

    public init(_ definitions: [ResourceDefinition] = []) {
        for definition in definitions { register(definition) }
    }

    private static func pathKey(_ group: String, _ version: String, _ plural: String) -> String {
        "\(group)/\(version)/\(plural)"
    }

    public func register(_ definition: ResourceDefinition) {
        state.withLock {
            $0.byPath[Self.pathKey(definition.group, definition.version, definition.plural)] = definition
            $0.generation += 1
        }
    }

    public func unregister(group: String, version: String, plural: String) {
        state.withLock {
            $0.byPath[Self.pathKey(group, version, plural)] = nil
            $0.generation += 1
        }
    }

    /// Bumped on every change.
    public var generation: Int { state.withLock { $0.generation } }

    public func lookup(group: String, version: String, plural: String) -> ResourceDefinition? {
        state.withLock { $0.byPath[Self.pathKey(group, version, plural)] }
    }

    /// The definition serving `kind` in `group/version`.
    public func lookup(group: String, version: String, kind: String) -> ResourceDefinition? {
        state.withLock { state in
            state.byPath.values.first { $0.group == group && $0.version == version && $0.kind == kind }
        }
    }

    /// Every served definition, ordered by group, version, plural.
    public var all: [ResourceDefinition] {
        state.withLock { Array($0.byPath.values) }.sorted {
            ($0.group, $0.version, $0.plural) < ($1.group, $1.version, $1.plural)
        }
    }

    /// Served group-versions in discovery order: the core group first, then groups by name; within a group the
    /// preferred (first registered, highest) version first.
    public var groupVersions: [(group: String, versions: [String])] {
        var versionsByGroup: [String: Set<String>] = [:]
        for definition in all { versionsByGroup[definition.group, default: []].insert(definition.version) }
        return versionsByGroup.keys.sorted().map { group in
            (group, versionsByGroup[group]!.sorted(by: KubeVersion.isHigherPriority))
        }
    }

    public func definitions(group: String, version: String) -> [ResourceDefinition] {
        all.filter { $0.group == group && $0.version == version }
    }
}

/// Kubernetes' version-name priority (`v1` > `v1beta2` > `v1beta1` > `v1alpha1` > anything else), as used to
/// order versions in discovery.
public enum KubeVersion {
    struct Parsed: Comparable {
        var major: Int
        var stability: Int  // 3 GA, 2 beta, 1 alpha
        var minor: Int
        static func < (a: Parsed, b: Parsed) -> Bool {
            (a.stability, a.major, a.minor) < (b.stability, b.major, b.minor)
        }
    }

    static func parse(_ version: String) -> Parsed? {
        guard version.hasPrefix("v") else { return nil }
        let rest = version.dropFirst()
        let digits = rest.prefix { $0.isNumber }
        guard let major = Int(digits) else { return nil }
        let tail = rest.dropFirst(digits.count)
        if tail.isEmpty { return Parsed(major: major, stability: 3, minor: 0) }
        for (word, stability) in [("beta", 2), ("alpha", 1)] where tail.hasPrefix(word) {
            guard let minor = Int(tail.dropFirst(word.count)) else { return nil }
            return Parsed(major: major, stability: stability, minor: minor)
        }
        return nil
    }

    /// Whether `a` sorts before `b` in discovery.
    public static func isHigherPriority(_ a: String, _ b: String) -> Bool {
        switch (parse(a), parse(b)) {
        case let (x?, y?): return x == y ? a < b : x > y
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return a < b
        }
    }
}
