/// A Kubernetes object held as its JSON document, with typed accessors on top.
///
/// Types conforming to it (``Pod``, ``Node``, ``Deployment`` …) wrap the whole document, so reading an object,
/// changing one field and writing it back never drops a field the type does not model — what client-go's typed
/// structs cannot promise across versions, and what a controller copying a pod template needs. ``Unstructured``
/// is the conformance for any resource found through discovery.
public protocol KubernetesObject: Sendable, Equatable {
    /// Where objects of this type are served; `nil` for ``Unstructured``, whose resource comes from discovery.
    static var resource: APIResource? { get }
    /// The whole object.
    var object: JSON { get set }
    init(_ object: JSON)
}

extension KubernetesObject {
    public var apiVersion: String { object["apiVersion"]?.stringValue ?? "" }
    public var kind: String { object["kind"]?.stringValue ?? "" }

    public var metadata: ObjectMeta {
        get { ObjectMeta(object["metadata"] ?? .object([:])) }
        set { object["metadata"] = newValue.object }
    }

    public var name: String { metadata.name }
    public var namespace: String? { metadata.namespace }
    /// `namespace/name`, or `name` for a cluster-scoped object (client-go's `MetaNamespaceKeyFunc`).
    public var key: String { ObjectKey(namespace: namespace, name: name).description }
    public var resourceVersion: String { metadata.resourceVersion ?? "" }
}

/// `namespace/name`, or `name` for cluster-scoped objects: how caches and work queues name an object.
public struct ObjectKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var namespace: String?
    public var name: String

    public init(namespace: String?, name: String) {
        self.namespace = namespace.flatMap { $0.isEmpty ? nil : $0 }
        self.name = name
    }

    /// Parses `namespace/name` or `name`.
    public init(_ key: String) {
        if let slash = key.firstIndex(of: "/") {
            self.init(namespace: String(key[..<slash]), name: String(key[key.index(after: slash)...]))
        } else {
            self.init(namespace: nil, name: key)
        }
    }

    public var description: String { namespace.map { "\($0)/\(name)" } ?? name }
    public static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool { lhs.description < rhs.description }
}

/// Any object, for resources known only at run time.
public struct Unstructured: KubernetesObject {
    public static var resource: APIResource? { nil }
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
}

/// `metadata` of an object, read and written through its JSON.
public struct ObjectMeta: Sendable, Equatable {
    public var object: JSON
    public init(_ object: JSON) { self.object = object }
    public init() { object = .object([:]) }

    public var name: String {
        get { object["name"]?.stringValue ?? "" }
        set { object["name"] = .string(newValue) }
    }
    public var generateName: String? {
        get { object["generateName"]?.stringValue }
        set { object["generateName"] = newValue.map(JSON.string) }
    }
    public var namespace: String? {
        get { object["namespace"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } }
        set { object["namespace"] = newValue.map(JSON.string) }
    }
    public var uid: String? {
        get { object["uid"]?.stringValue }
        set { object["uid"] = newValue.map(JSON.string) }
    }
    public var resourceVersion: String? {
        get { object["resourceVersion"]?.stringValue }
        set { object["resourceVersion"] = newValue.map(JSON.string) }
    }
    public var generation: Int64 {
        get { object["generation"]?.intValue ?? 0 }
        set { object["generation"] = .int(newValue) }
    }
    public var creationTimestamp: Timestamp? {
        get { object["creationTimestamp"]?.stringValue.flatMap { try? Timestamp(parsing: $0) } }
        set { object["creationTimestamp"] = newValue.map { .string($0.rfc3339) } }
    }
    public var deletionTimestamp: Timestamp? {
        get { object["deletionTimestamp"]?.stringValue.flatMap { try? Timestamp(parsing: $0) } }
        set { object["deletionTimestamp"] = newValue.map { .string($0.rfc3339) } }
    }
    public var deletionGracePeriodSeconds: Int64? {
        get { object["deletionGracePeriodSeconds"]?.intValue }
        set { object["deletionGracePeriodSeconds"] = newValue.map(JSON.int) }
    }
    public var labels: [String: String] {
        get { object["labels"].map(Self.stringMap) ?? [:] }
        set { object["labels"] = newValue.isEmpty ? JSON?.none : Self.json(newValue) }
    }
    public var annotations: [String: String] {
        get { object["annotations"].map(Self.stringMap) ?? [:] }
        set { object["annotations"] = newValue.isEmpty ? JSON?.none : Self.json(newValue) }
    }
    public var finalizers: [String] {
        get { object["finalizers"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        set { object["finalizers"] = newValue.isEmpty ? JSON?.none : .array(newValue.map(JSON.string)) }
    }
    public var ownerReferences: [OwnerReference] {
        get { object["ownerReferences"]?.arrayValue?.map(OwnerReference.init) ?? [] }
        set { object["ownerReferences"] = newValue.isEmpty ? JSON?.none : .array(newValue.map(\.object)) }
    }
    /// The owner reference with `controller: true`, if any.
    public var controllerReference: OwnerReference? { ownerReferences.first { $0.controller } }
    /// The `uid` of ``controllerReference``, read without decoding the references (controllers sorting thousands of
    /// objects by owner on every sync).
    public var controllerUID: String? {
        guard let reference = object["ownerReferences"]?.arrayValue?.first(where: { $0["controller"]?.boolValue == true })
        else { return nil }
        return reference["uid"]?.stringValue ?? ""
    }

    static func stringMap(_ json: JSON) -> [String: String] {
        var map: [String: String] = [:]
        for member in json.objectValue ?? [:] {
            if let value = member.value.stringValue { map[member.key] = value }
        }
        return map
    }

    /// Keys sorted, as Go's encoding/json writes maps.
    static func json(_ map: [String: String]) -> JSON {
        .object(JSONObject(map.keys.sorted().map { ($0, JSON.string(map[$0]!)) }))
    }
}

/// One entry of `metadata.ownerReferences`.
public struct OwnerReference: Sendable, Equatable {
    public var object: JSON
    public init(_ object: JSON) { self.object = object }

    public init(
        apiVersion: String, kind: String, name: String, uid: String, controller: Bool = false,
        blockOwnerDeletion: Bool = false
    ) {
        var object: JSONObject = [
            "apiVersion": .string(apiVersion), "kind": .string(kind), "name": .string(name), "uid": .string(uid),
        ]
        if controller { object["controller"] = true }
        if blockOwnerDeletion { object["blockOwnerDeletion"] = true }
        self.object = .object(object)
    }

    /// A controller reference to `owner` (`controller: true`, `blockOwnerDeletion: true`), as
    /// `metav1.NewControllerRef` makes.
    public static func controller(of owner: some KubernetesObject) -> OwnerReference {
        OwnerReference(
            apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, uid: owner.metadata.uid ?? "",
            controller: true, blockOwnerDeletion: true)
    }

    public var apiVersion: String { object["apiVersion"]?.stringValue ?? "" }
    public var kind: String { object["kind"]?.stringValue ?? "" }
    public var name: String { object["name"]?.stringValue ?? "" }
    public var uid: String { object["uid"]?.stringValue ?? "" }
    public var controller: Bool { object["controller"]?.boolValue ?? false }
    public var blockOwnerDeletion: Bool { object["blockOwnerDeletion"]?.boolValue ?? false }
}
