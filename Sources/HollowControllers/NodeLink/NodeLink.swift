import HollowModel

/// What nodelink found for an object on the other side.
public enum NodeLinkMatch<Object: KubernetesObject>: Sendable, Equatable {
    case none
    case matched(Object)
    /// More than one candidate carries the same providerID or InternalIP: nodelink links neither (the
    /// machine-api-operator gives up on such a pair too).
    case ambiguous([String])

    public var object: Object? {
        if case .matched(let object) = self { return object }
        return nil
    }
}

/// nodelink's decisions (`pkg/controller/nodelink` of the machine-api-operator): which Machine a Node belongs to, and
/// what the Node and the Machine should say about it.
public enum NodeLink {
    /// A providerID in a form that compares equal however a provider spelled it: `scheme://id`, the scheme lowercased
    /// and the id the last path segment (`aws:///us-east-1a/i-0abc` and `aws://i-0abc` are one instance, as Cluster
    /// API's and cluster-autoscaler's normalisation have it). `nil` for an empty one.
    public static func normalizedProviderID(_ providerID: String?) -> String? {
        guard let trimmed = providerID?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        guard let separator = trimmed.range(of: "://") else { return trimmed }
        let scheme = trimmed[..<separator.lowerBound].lowercased()
        let id = trimmed[separator.upperBound...].split(separator: "/").last.map(String.init) ?? ""
        guard !id.isEmpty else { return nil }
        return "\(scheme)://\(id)"
    }

    /// The Node's normalised `spec.providerID`.
    public static func providerID(of node: Node) -> String? {
        normalizedProviderID(node.object[path: ["spec", "providerID"]]?.stringValue)
    }

    /// The Machine's normalised `spec.providerID`.
    public static func providerID(of machine: Machine) -> String? { normalizedProviderID(machine.providerID) }

    /// The Node's `InternalIP` addresses.
    public static func internalIPs(of node: Node) -> [String] {
        internalIPs(node.object[path: ["status", "addresses"]]?.arrayValue ?? [])
    }

    /// The Machine's `InternalIP` addresses.
    public static func internalIPs(of machine: Machine) -> [String] { internalIPs(machine.addresses) }

    private static func internalIPs(_ addresses: [JSON]) -> [String] {
        addresses.compactMap { address in
            guard address["type"]?.stringValue == "InternalIP", let ip = address["address"]?.stringValue, !ip.isEmpty
            else { return nil }
            return ip
        }
    }

    /// The Machine `node` belongs to among `machines`: by providerID, else by the Node's first InternalIP.
    public static func machine(for node: Node, in machines: [Machine]) -> NodeLinkMatch<Machine> {
        match(
            providerID: providerID(of: node), ip: internalIPs(of: node).first, candidates: machines,
            providerIDOf: providerID(of:), ipsOf: internalIPs(of:))
    }

    /// The Node that belongs to `machine` among `nodes`: by providerID, else by the Machine's first InternalIP.
    public static func node(for machine: Machine, in nodes: [Node]) -> NodeLinkMatch<Node> {
        match(
            providerID: providerID(of: machine), ip: internalIPs(of: machine).first, candidates: nodes,
            providerIDOf: providerID(of:), ipsOf: internalIPs(of:))
    }

    private static func match<Object: KubernetesObject>(
        providerID: String?, ip: String?, candidates: [Object], providerIDOf: (Object) -> String?,
        ipsOf: (Object) -> [String]
    ) -> NodeLinkMatch<Object> {
        if let providerID {
            let found = candidates.filter { providerIDOf($0) == providerID }
            if found.count > 1 { return .ambiguous(found.map(\.key).sorted()) }
            if let only = found.first { return .matched(only) }
        }
        if let ip {
            let found = candidates.filter { ipsOf($0).contains(ip) }
            if found.count > 1 { return .ambiguous(found.map(\.key).sorted()) }
            if let only = found.first { return .matched(only) }
        }
        return .none
    }

    /// `node` as nodelink leaves it: annotated `machine.openshift.io/machine=<namespace>/<name>`, with the Machine's
    /// `spec.metadata` labels and annotations set and its `spec.taints` added where the Node has no taint of the same
    /// key and effect. Labels, annotations and taints the Node has besides are kept.
    public static func linked(_ node: Node, to machine: Machine) -> Node {
        var node = node
        var annotations = node.metadata.annotations
        annotations[MachineAPI.machineAnnotation] = "\(machine.namespace ?? "")/\(machine.name)"
        for (key, value) in machine.nodeAnnotations { annotations[key] = value }
        node.metadata.annotations = annotations
        var labels = node.metadata.labels
        for (key, value) in machine.nodeLabels { labels[key] = value }
        node.metadata.labels = labels
        let taints = addingTaints(machine.taints, to: node.object[path: ["spec", "taints"]]?.arrayValue ?? [])
        if !taints.isEmpty { node.object[path: ["spec", "taints"]] = .array(taints) }
        return node
    }

    /// The merge patch that makes `node` ``linked(_:to:)``, `nil` when it is linked already: the labels and
    /// annotations that change, without a resourceVersion (a map merge cannot undo anyone's concurrent write, so the
    /// pool's status heartbeats never make it conflict); and, when taints must be added, the whole taint list with the
    /// Node's resourceVersion, so a taint someone added since the cache saw the Node is not lost.
    public static func linkPatch(_ node: Node, to machine: Machine) -> JSON? {
        let linked = linked(node, to: machine)
        guard linked != node else { return nil }
        var metadata: JSONObject = [:]
        for member in ["labels", "annotations"] {
            let before = node.object[path: ["metadata", member]]?.objectValue ?? [:]
            var changed: JSONObject = [:]
            for entry in linked.object[path: ["metadata", member]]?.objectValue ?? [:] where before[entry.key] != entry.value {
                changed[entry.key] = entry.value
            }
            if !changed.isEmpty { metadata[member] = .object(changed) }
        }
        var patch: JSONObject = [:]
        let taints = linked.object[path: ["spec", "taints"]]
        if taints != node.object[path: ["spec", "taints"]], let taints {
            patch["spec"] = ["taints": taints]
            metadata["resourceVersion"] = .string(node.resourceVersion)
        }
        if !metadata.isEmpty { patch["metadata"] = .object(metadata) }
        return .object(patch)
    }

    /// `nodeTaints` plus each of `machineTaints` whose key and effect no Node taint has (`addTaintsToNode`: the Node
    /// may be tainted by others, so the Machine's list is not authoritative).
    public static func addingTaints(_ machineTaints: [JSON], to nodeTaints: [JSON]) -> [JSON] {
        var taints = nodeTaints
        for taint in machineTaints {
            let present = taints.contains {
                $0["key"]?.stringValue == taint["key"]?.stringValue
                    && $0["effect"]?.stringValue == taint["effect"]?.stringValue
            }
            if !present { taints.append(taint) }
        }
        return taints
    }

    /// `status.nodeRef` for `node`: `{kind: Node, name, uid}`.
    public static func nodeRef(to node: Node) -> JSON {
        var reference: JSONObject = ["kind": "Node", "name": .string(node.name)]
        if let uid = node.metadata.uid, !uid.isEmpty { reference["uid"] = .string(uid) }
        return .object(reference)
    }
}
