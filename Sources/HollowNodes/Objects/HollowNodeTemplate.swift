import HollowModel

/// A hollow node to create: builds the Node object — labelled for its pool, with its shape and behaviour as
/// annotations — that a ``HollowNodePool`` then registers and runs. This is what `hollow node add` and the
/// Machine API's kubemark provider create.
///
/// ```swift
/// var template = HollowNodeTemplate(name: "hollow-1", pool: "default")
/// template.configuration.shape.cpu = Quantity(8)
/// template.configuration.behavior.health = HollowNodeHealthSchedule(.periodic(healthy: .seconds(40), unhealthy: .seconds(5)))
/// template.zone = "zone-a"
/// try await client.resource(Node.self).create(template.node)
/// ```
public struct HollowNodeTemplate: Sendable, Equatable {
    public var name: String
    /// The pool that simulates the node (`hollow.dev/pool`).
    public var pool: String
    public var configuration: HollowNodeConfiguration
    /// More labels (the pool adds the kubelet's usual ones it does not find: hostname, os, arch, instance-type).
    public var labels: [String: String]
    /// More annotations (outside `hollow.dev/`, or `hollow.dev/condition.<Type>` written by hand).
    public var annotations: [String: String]
    /// `node.kubernetes.io/instance-type` (the pool's default: `hollow`).
    public var instanceType: String?
    /// `topology.kubernetes.io/zone`.
    public var zone: String?
    /// `topology.kubernetes.io/region`.
    public var region: String?
    /// `spec.providerID`; the pool sets `hollow://<pool>/<name>` when `nil` (the kubemark provider passes its own).
    public var providerID: String?
    /// `spec.taints`, each `{key, value?, effect}` (e.g. `["key": "dedicated", "value": "gpu", "effect": "NoSchedule"]`).
    public var taints: [JSON]
    public var unschedulable: Bool

    public init(
        name: String, pool: String = "default", configuration: HollowNodeConfiguration = HollowNodeConfiguration(),
        labels: [String: String] = [:], annotations: [String: String] = [:], instanceType: String? = nil,
        zone: String? = nil, region: String? = nil, providerID: String? = nil, taints: [JSON] = [],
        unschedulable: Bool = false
    ) {
        self.name = name
        self.pool = pool
        self.configuration = configuration
        self.labels = labels
        self.annotations = annotations
        self.instanceType = instanceType
        self.zone = zone
        self.region = region
        self.providerID = providerID
        self.taints = taints
        self.unschedulable = unschedulable
    }

    /// All labels the Node is created with.
    public var allLabels: [String: String] {
        var result = labels
        result[HollowNodeKeys.poolLabel] = pool
        if let instanceType { result["node.kubernetes.io/instance-type"] = instanceType }
        if let zone { result["topology.kubernetes.io/zone"] = zone }
        if let region { result["topology.kubernetes.io/region"] = region }
        return result
    }

    /// All annotations the Node is created with: ``annotations`` plus the configuration's (which win).
    public var allAnnotations: [String: String] {
        annotations.merging(configuration.annotations) { _, configured in configured }
    }

    /// The Node to create.
    public var node: Node {
        var metadata: JSONObject = ["name": .string(name), "labels": Self.sorted(allLabels)]
        let annotations = allAnnotations
        if !annotations.isEmpty { metadata["annotations"] = Self.sorted(annotations) }
        var spec = JSONObject()
        if let providerID { spec["providerID"] = .string(providerID) }
        if !taints.isEmpty { spec["taints"] = .array(taints) }
        if unschedulable { spec["unschedulable"] = true }
        return Node(["apiVersion": "v1", "kind": "Node", "metadata": .object(metadata), "spec": .object(spec)])
    }

    /// The merge patch that changes a live node's annotations from `old` to `new` (removed keys set to `null`):
    /// what `hollow node set` sends. Annotations outside the configuration are left alone.
    public static func annotationPatch(from old: HollowNodeConfiguration, to new: HollowNodeConfiguration) -> JSON {
        let before = old.annotations, after = new.annotations
        var changes = JSONObject()
        for key in Set(before.keys).union(after.keys).sorted() where before[key] != after[key] {
            changes[key] = after[key].map(JSON.string) ?? .null
        }
        return ["metadata": ["annotations": .object(changes)]]
    }

    private static func sorted(_ map: [String: String]) -> JSON {
        .object(JSONObject(map.keys.sorted().map { ($0, JSON.string(map[$0]!)) }))
    }
}
