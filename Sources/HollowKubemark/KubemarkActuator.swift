import HollowClient
import HollowControllers
import HollowModel
import HollowNodes
import HollowRuntime
import Logging

/// The kubemark provider: backs each Machine with a hollow node — a Node named after the Machine, labelled for a
/// ``HollowNodePool`` that registers and runs it — configured by the Machine's ``KubemarkMachineProviderConfig``
/// (openshift/cluster-api-provider-kubemark's actuator, with a Node object where kubemark starts a hollow-kubelet pod).
///
/// Every decision is a function of the Machine and the clock's `now`: provisioning waits until `provisioningDelay`
/// (plus the Machine's jitter) after the Machine's `creationTimestamp` by throwing
/// ``MachineActuatorError/requeue(after:_:)``; the provisioning failure is drawn from the Machine's uid; deletion
/// waits out `deletionTimeout` from the deletion's start. A restarted controller therefore picks every Machine up
/// where it was, and creates no node twice (the Node's name is the Machine's).
///
/// A Node of the Machine's name that this provider did not create (its `spec.providerID` is not
/// `kubemark://<machine name>`) is never touched: `create` fails with `CreateError`, `delete` leaves it.
///
/// Static machines (annotation `machine.openshift.io/static-machine: <node name>`) back an existing node, as in
/// kubemark: nothing is created or deleted, and the instance reports that node's addresses.
public struct KubemarkActuator: MachineActuator {
    public static let providerIDScheme = "kubemark://"
    /// `machine.openshift.io/static-machine`: the name of an existing node the Machine stands for.
    public static let staticMachineAnnotation = "machine.openshift.io/static-machine"
    /// `machine.openshift.io/deletion-timeout`: when (Unix seconds) the deletion's timeout started counting. kubemark
    /// writes it on the first delete call; here the Machine's `deletionTimestamp` serves, and the annotation, when
    /// present, wins (a Machine that a kubemark actuator began deleting keeps its schedule).
    public static let deletionTimeoutAnnotation = "machine.openshift.io/deletion-timeout"

    private let nodes: ResourceClient<Node>
    /// The controllers' Node informer once ``reading(through:)`` gave it: Nodes are read from its cache while it is
    /// synced, and from the API server when it does not have them (yet).
    private var nodeCache: Informer<Node>?
    private let pool: String
    private let clock: any ControllerClock
    private let logger: Logger

    /// - Parameters:
    ///   - pool: the hollow node pool that runs the nodes (`hollow.dev/pool`); `hollow up` runs `default`.
    ///   - clock: `now` for the provisioning and deletion schedules.
    public init(client: KubernetesClient, pool: String = "default", clock: any ControllerClock = SystemClock(), logger: Logger) {
        nodes = client.resource(Node.self)
        self.pool = pool
        self.clock = clock
        var logger = logger
        logger[metadataKey: "provider"] = "kubemark"
        self.logger = logger
    }

    /// `kubemark://<machine name>`.
    public static func providerID(forMachineNamed name: String) -> String { providerIDScheme + name }

    // MARK: MachineActuator

    /// This actuator reading Nodes through the informers' cache.
    public func reading(through informers: SharedInformerFactory) -> any MachineActuator {
        var actuator = self
        actuator.nodeCache = informers.informer(Node.self)
        return actuator
    }

    public func exists(_ machine: Machine) async throws -> Bool {
        if machine.metadata.annotations[Self.staticMachineAnnotation] != nil { return true }
        // A Machine never provisioned has no Node unless a create's answer was lost; the synced cache's word is
        // enough then (a create that finds the Node after all gets AlreadyExists and takes it). A provisioned
        // Machine whose Node seems gone would be failed, so that is asked of the API server.
        let trustCacheMiss = !MachineSync.isProvisioned(machine)
        guard let node = try await node(named: machine.name, trustCacheMiss: trustCacheMiss) else { return false }
        return isOwn(node, of: machine)
    }

    public func create(_ machine: Machine) async throws -> MachineInstance {
        if let nodeName = machine.metadata.annotations[Self.staticMachineAnnotation] {
            return try await staticInstance(machine, nodeName: nodeName)
        }
        let config = try KubemarkMachineProviderConfig(machine: machine)
        // No GET first: the machine controller calls `exists` just before, and a Node that exists after all (an
        // earlier create whose answer was lost) makes the POST below fail with AlreadyExists, handled there.
        let now = clock.wallTime
        let uid = machine.metadata.uid ?? machine.name
        switch KubemarkTiming.provisioning(
            config, uid: uid, created: machine.metadata.creationTimestamp ?? now, now: now)
        {
        case .wait(let remaining):
            throw MachineActuatorError.requeue(
                after: remaining, "instance provisioning, \(GoDuration(remaining)) left")
        case .fail(let message):
            logger.info("simulated provisioning failure", metadata: ["machine": "\(machine.key)"])
            throw MachineActuatorError.failed(.createError, message)
        case .create:
            break
        }

        let template = Self.nodeTemplate(for: machine, config: config, pool: pool)
        do {
            let node = try await nodes.create(template.node)
            logger.debug("created node", metadata: ["machine": "\(machine.key)", "node": "\(node.name)"])
            return instance(of: machine, node: node)
        } catch let error as APIError where error.isAlreadyExists {
            // Created by an earlier call whose answer was lost, or not ours: ownNode tells which (from the server, as
            // the cache may not show it yet).
            guard let node = try await ownNode(of: machine, live: true) else {
                throw MachineActuatorError.requeue(after: .seconds(1), "node \(machine.name) went away while creating it")
            }
            return instance(of: machine, node: node)
        } catch let error as APIError where error.isInvalid {
            throw MachineActuatorError.failed(.createError, "the Node for this machine is invalid: \(error.message)")
        }
    }

    public func update(_ machine: Machine) async throws -> MachineInstance {
        if let nodeName = machine.metadata.annotations[Self.staticMachineAnnotation] {
            return try await staticInstance(machine, nodeName: nodeName)
        }
        guard let node = try await ownNode(of: machine) else {
            throw MachineActuatorError.requeue(after: .seconds(1), "node \(machine.name) not found")
        }
        return instance(of: machine, node: node)
    }

    /// Waits out `deletionTimeout`, then deletes the Node. A provider config that does not parse does not hold the
    /// deletion back (the Machine must still go): it deletes at once.
    public func delete(_ machine: Machine) async throws -> MachineDeletionProgress {
        if machine.metadata.annotations[Self.staticMachineAnnotation] != nil { return .deleted }
        let timeout: Duration?
        do {
            timeout = try KubemarkMachineProviderConfig(machine: machine).deletionTimeout
        } catch {
            logger.debug(
                "invalid provider config: deleting without a timeout",
                metadata: ["machine": "\(machine.key)", "error": "\(error)"])
            timeout = nil
        }
        if let timeout {
            let now = clock.wallTime
            let started = try Self.deletionStart(of: machine) ?? now
            let remaining = KubemarkTiming.deletionRemaining(timeout: timeout, started: started, now: now)
            if remaining > .zero { return .inProgress(retryAfter: remaining) }
        }
        guard let node = try await node(named: machine.name) else { return .deleted }
        guard isOwn(node, of: machine) else {
            logger.info(
                "leaving a node this provider did not create",
                metadata: ["machine": "\(machine.key)", "providerID": "\(Self.providerID(of: node) ?? "")"])
            return .deleted
        }
        do {
            let remaining = try await nodes.delete(
                node.name, options: DeleteOptions(preconditionUID: node.metadata.uid))
            return remaining == nil ? .deleted : .inProgress(retryAfter: .seconds(1))
        } catch let error as APIError where error.isNotFound || error.isConflict {
            return .deleted
        }
    }

    // MARK: Pieces

    /// The Node a Machine becomes: named after it, in `pool`, with providerID `kubemark://<name>`, the Machine's
    /// `spec.metadata.labels` and `spec.taints`, the config's shape and behaviour, and its zone and region.
    public static func nodeTemplate(
        for machine: Machine, config: KubemarkMachineProviderConfig, pool: String
    ) -> HollowNodeTemplate {
        HollowNodeTemplate(
            name: machine.name, pool: pool, configuration: config.nodeConfiguration, labels: machine.nodeLabels,
            zone: config.zone(forMachineNamed: machine.name), region: config.region,
            providerID: providerID(forMachineNamed: machine.name), taints: machine.taints)
    }

    /// When the deletion timeout started: the annotation (Unix seconds) when present, else `deletionTimestamp`.
    static func deletionStart(of machine: Machine) throws(MachineActuatorError) -> Timestamp? {
        if let text = machine.metadata.annotations[deletionTimeoutAnnotation] {
            guard let seconds = Int64(text) else {
                throw .failed(
                    .deleteError, "annotation \(deletionTimeoutAnnotation): \(quoted(text)) is not a Unix time in seconds")
            }
            return Timestamp(secondsSinceEpoch: seconds)
        }
        return machine.metadata.deletionTimestamp
    }

    private func instance(of machine: Machine, node: Node) -> MachineInstance {
        var addresses: [JSON] = []
        if let ip = Self.internalIP(of: node) { addresses.append(["type": "InternalIP", "address": .string(ip)]) }
        addresses.append(["type": "Hostname", "address": .string(node.name)])
        let nodeLabels = node.metadata.labels
        var labels: [String: String] = [:]
        labels[MachineAPI.instanceTypeLabel] = nodeLabels["node.kubernetes.io/instance-type"]
        labels[MachineAPI.regionLabel] = nodeLabels["topology.kubernetes.io/region"]
        labels[MachineAPI.zoneLabel] = nodeLabels["topology.kubernetes.io/zone"]
        return MachineInstance(
            providerID: Self.providerID(forMachineNamed: machine.name), addresses: addresses, nodeName: node.name,
            labels: labels)
    }

    private func staticInstance(_ machine: Machine, nodeName: String) async throws -> MachineInstance {
        guard let node = try await node(named: nodeName) else {
            throw MachineActuatorError.requeue(after: .seconds(5), "static machine's node \(nodeName) not found")
        }
        guard Self.internalIP(of: node) != nil else {
            throw MachineActuatorError.requeue(after: .seconds(1), "static machine's node \(nodeName) has no InternalIP yet")
        }
        return instance(of: machine, node: node)
    }

    /// The Node named `name`: from the informer's cache when it has it (unless `live`), else from the API server
    /// (unless `trustCacheMiss`: then a synced cache without it means no Node).
    private func node(named name: String, live: Bool = false, trustCacheMiss: Bool = false) async throws -> Node? {
        if !live, let nodeCache, nodeCache.hasSynced {
            if let node = nodeCache.get(namespace: nil, name: name) { return node }
            if trustCacheMiss { return nil }
        }
        do {
            return try await nodes.get(name)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    /// The Machine's node if it exists and is this provider's; a foreign node of that name fails the Machine.
    private func ownNode(of machine: Machine, live: Bool = false) async throws -> Node? {
        guard let node = try await node(named: machine.name, live: live) else { return nil }
        guard isOwn(node, of: machine) else {
            throw MachineActuatorError.failed(
                .createError,
                "a Node named \(machine.name) exists with providerID \(quoted(Self.providerID(of: node) ?? "")), "
                    + "not \(Self.providerID(forMachineNamed: machine.name)): it is not this machine's")
        }
        return node
    }

    private func isOwn(_ node: Node, of machine: Machine) -> Bool {
        Self.providerID(of: node) == Self.providerID(forMachineNamed: machine.name)
    }

    private static func providerID(of node: Node) -> String? { node.object[path: ["spec", "providerID"]]?.stringValue }

    private static func internalIP(of node: Node) -> String? {
        node.object[path: ["status", "addresses"]]?.arrayValue?
            .first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
    }
}
