// Typed views of the built-in kinds that Hollow's controllers and hollow nodes work with. Each wraps the object's
// JSON; accessors cover what the controllers read and write and are added as they are needed.

public struct Namespace: KubernetesObject {
    public static var resource: APIResource? { .namespaces }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

public struct ConfigMap: KubernetesObject {
    public static var resource: APIResource? { .configMaps }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

public struct Event: KubernetesObject {
    public static var resource: APIResource? { .events }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

public struct Pod: KubernetesObject {
    public static var resource: APIResource? { .pods }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }

    public var nodeName: String? {
        get { object[path: ["spec", "nodeName"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        set { object[path: ["spec", "nodeName"]] = newValue.map(JSON.string) }
    }
    public var schedulerName: String { object[path: ["spec", "schedulerName"]]?.stringValue ?? "default-scheduler" }
    /// `status.phase`: Pending, Running, Succeeded, Failed or Unknown.
    public var phase: String { object[path: ["status", "phase"]]?.stringValue ?? "Pending" }
}

public struct Node: KubernetesObject {
    public static var resource: APIResource? { .nodes }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }

    public var unschedulable: Bool { object[path: ["spec", "unschedulable"]]?.boolValue ?? false }
}

public struct Lease: KubernetesObject {
    public static var resource: APIResource? { .leases }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }

    public var holderIdentity: String? {
        get { object[path: ["spec", "holderIdentity"]]?.stringValue }
        set { object[path: ["spec", "holderIdentity"]] = newValue.map(JSON.string) }
    }
    public var leaseDurationSeconds: Int64? {
        get { object[path: ["spec", "leaseDurationSeconds"]]?.intValue }
        set { object[path: ["spec", "leaseDurationSeconds"]] = newValue.map(JSON.int) }
    }
    /// `spec.renewTime` (MicroTime).
    public var renewTime: Timestamp? {
        get { object[path: ["spec", "renewTime"]]?.stringValue.flatMap { try? Timestamp(parsing: $0) } }
        set { object[path: ["spec", "renewTime"]] = newValue.map { .string($0.rfc3339Micro) } }
    }
    public var acquireTime: Timestamp? {
        get { object[path: ["spec", "acquireTime"]]?.stringValue.flatMap { try? Timestamp(parsing: $0) } }
        set { object[path: ["spec", "acquireTime"]] = newValue.map { .string($0.rfc3339Micro) } }
    }
    public var leaseTransitions: Int64 {
        get { object[path: ["spec", "leaseTransitions"]]?.intValue ?? 0 }
        set { object[path: ["spec", "leaseTransitions"]] = .int(newValue) }
    }
}

extension Pod {
    /// `UpdatePodCondition` (pkg/api/v1/pod): `conditions` with `condition` added or replacing the one of its type,
    /// or `nil` when that changes nothing.
    ///
    /// `lastTransitionTime` is `now` for a new condition or a changed status, else the old condition's. A change of
    /// reason, message or `lastProbeTime` alone is a change. The replaced condition's other fields go (the new one
    /// is written whole, as Go replaces the struct).
    public static func updatingCondition(_ condition: JSON, in conditions: [JSON], now: Timestamp) -> [JSON]? {
        let type = condition["type"]?.stringValue ?? ""
        var condition = condition
        condition["lastTransitionTime"] = .string(now.rfc3339)
        guard let index = conditions.firstIndex(where: { $0["type"]?.stringValue == type }) else {
            return conditions + [condition]
        }
        let old = conditions[index]
        func text(_ json: JSON, _ key: String) -> String { json[key]?.stringValue ?? "" }
        func time(_ json: JSON, _ key: String) -> Timestamp? {
            json[key]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
        }
        if text(condition, "status") == text(old, "status") {
            condition["lastTransitionTime"] = old["lastTransitionTime"] ?? .null
        }
        let unchanged =
            text(condition, "status") == text(old, "status") && text(condition, "reason") == text(old, "reason")
            && text(condition, "message") == text(old, "message")
            && time(condition, "lastProbeTime") == time(old, "lastProbeTime")
        guard !unchanged else { return nil }
        var result = conditions
        result[index] = condition
        return result
    }
}
