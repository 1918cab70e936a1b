import HollowClient
import HollowModel
import HollowRuntime
import Logging
import ServiceLifecycle

/// The machine-api-operator's nodelink controller: links each Node to its Machine (by providerID, else InternalIP),
/// annotates the Node with the Machine, copies the Machine's node labels, annotations and taints onto it, and sets
/// the Machine's `status.nodeRef`.
///
/// Keys are Node names. Node events reconcile the Node; Machine events reconcile the Node that Machine matches.
enum NodeLinkController {
    /// Index names on the shared informers (namespaced to nodelink, so no other controller's index collides).
    static let providerIDIndex = "nodelink.providerID"
    static let internalIPIndex = "nodelink.internalIP"

    static func make(_ context: ControllerContext) throws -> [any Service] {
        let reconciler = try NodeLinkReconciler(context)
        let controller = Controller(
            // Two round trips per Node (the Node, then the Machine's nodeRef): more in flight, as for machines.
            name: "nodelink", workers: max(1, context.options.workers) * 4, reconciler: reconciler,
            clock: context.clock,
            logger: context.logger)
        controller.watch(reconciler.nodes)
        let nodes = reconciler.nodes
        controller.watch(reconciler.machines) { machine in
            guard !machine.isDeleting else { return [] }
            var keys: [ObjectKey] = []
            if let node = NodeLink.node(for: machine, in: NodeLinkReconciler.candidates(for: machine, in: nodes)).object {
                keys.append(ObjectKey(namespace: nil, name: node.name))
            }
            // The Node it pointed at, so that a link that no longer holds is looked at again.
            if let name = machine.nodeName, !name.isEmpty, !keys.contains(where: { $0.name == name }) {
                keys.append(ObjectKey(namespace: nil, name: name))
            }
            return keys
        }
        return [controller]
    }
}

/// One reconcile of a Node: find its Machine, set the Machine's `nodeRef`, then bring the Node's annotation, labels and
/// taints in line (``NodeLink/linked(_:to:)``).
struct NodeLinkReconciler: Reconciler {
    let nodes: Informer<Node>
    let machines: Informer<Machine>
    let nodeClient: ResourceClient<Node>
    let machineClient: ResourceClient<Machine>
    let clock: any ControllerClock
    let logger: Logger

    init(_ context: ControllerContext) throws {
        nodes = context.informers.informer(Node.self)
        machines = context.informers.informer(Machine.self)
        nodeClient = context.client.resource(Node.self)
        machineClient = context.client.resource(Machine.self)
        clock = context.clock
        var logger = context.logger
        logger[metadataKey: "controller"] = "nodelink"
        self.logger = logger
        try nodes.addIndex(NodeLinkController.providerIDIndex) { NodeLink.providerID(of: $0).map { [$0] } ?? [] }
        try nodes.addIndex(NodeLinkController.internalIPIndex) { NodeLink.internalIPs(of: $0) }
        try machines.addIndex(NodeLinkController.providerIDIndex) { NodeLink.providerID(of: $0).map { [$0] } ?? [] }
        try machines.addIndex(NodeLinkController.internalIPIndex) { NodeLink.internalIPs(of: $0) }
    }

    /// The cached Machines that share the Node's providerID or InternalIP.
    static func candidates(for node: Node, in machines: Informer<Machine>) -> [Machine] {
        var keys = Set<ObjectKey>()
        if let providerID = NodeLink.providerID(of: node) {
            keys.formUnion((try? machines.keys(inIndex: NodeLinkController.providerIDIndex, value: providerID)) ?? [])
        }
        for ip in NodeLink.internalIPs(of: node) {
            keys.formUnion((try? machines.keys(inIndex: NodeLinkController.internalIPIndex, value: ip)) ?? [])
        }
        return keys.sorted().compactMap { machines.get($0) }
    }

    /// The cached Nodes that share the Machine's providerID or InternalIP.
    static func candidates(for machine: Machine, in nodes: Informer<Node>) -> [Node] {
        var keys = Set<ObjectKey>()
        if let providerID = NodeLink.providerID(of: machine) {
            keys.formUnion((try? nodes.keys(inIndex: NodeLinkController.providerIDIndex, value: providerID)) ?? [])
        }
        for ip in NodeLink.internalIPs(of: machine) {
            keys.formUnion((try? nodes.keys(inIndex: NodeLinkController.internalIPIndex, value: ip)) ?? [])
        }
        return keys.sorted().compactMap { nodes.get($0) }
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        guard let node = nodes.get(key) else { return .done }
        let machine: Machine
        switch NodeLink.machine(for: node, in: Self.candidates(for: node, in: machines)) {
        case .none:
            logger.trace("no Machine for node", metadata: ["node": "\(node.name)"])
            return .done
        case .ambiguous(let keys):
            // Two Machines claim one instance: a person has to sort that out; their edit brings the next reconcile.
            logger.error("several Machines match the node; not linking it", metadata: ["node": "\(node.name)", "machines": "\(keys)"])
            return .done
        case .matched(let found):
            machine = found
        }
        // A Node on its way out keeps its links; the machine controller is deleting its Machine.
        guard node.metadata.deletionTimestamp == nil else { return .done }

        do {
            try await setNodeRef(of: machine, to: node)
            if let patch = NodeLink.linkPatch(node, to: machine) {
                _ = try await nodeClient.patch(node.name, .merge(patch))
                logger.debug("linked node to its Machine", metadata: ["node": "\(node.name)", "machine": "\(machine.key)"])
            }
        } catch let error as APIError where error.isConflict || error.isNotFound {
            // Changed or gone since the cache saw it: its event brings the next reconcile.
            return ReconcileResult(requeue: true)
        }
        return .done
    }

    /// Writes `status.nodeRef` when it does not name this Node (by name and uid) yet, with a merge patch of those two
    /// members, which the machine controller's status writes cannot make conflict.
    private func setNodeRef(of machine: Machine, to node: Node) async throws {
        let reference = NodeLink.nodeRef(to: node)
        guard machine.nodeRef != reference, !machine.isDeleting else { return }
        var status = Machine(.object([:]))
        status.nodeRef = reference
        status.lastUpdated = clock.wallTime
        _ = try await machineClient.patch(
            machine.name, namespace: machine.namespace, .merge(["status": status.object["status"] ?? [:]]),
            subresource: "status")
        logger.info("set the Machine's nodeRef", metadata: ["machine": "\(machine.key)", "node": "\(node.name)"])
    }
}
