import HollowModel

/// What the pool's timers and workers are keyed by.
enum HollowWorkKey: Hashable, Sendable {
    case node(String)
    case pod(ObjectKey)

    var isNode: Bool {
        if case .node = self { return true }
        return false
    }
}

/// One simulated node: its state machine and what the pool needs to write for it.
struct HollowNodeEntry: Sendable {
    var machine: HollowNodeStateMachine
    var uid: String
    var registration: HollowNodeObjects.Registration
    /// `spec.podCIDR` as the Node has it, or as allocated for registration.
    var podCIDR: String?
    var internalIP: String?
    var podIPs: HollowPodIPAllocator?
    var leaseKnownToExist: Bool
    /// The resourceVersion of the pool's last write to the Node: events at or below it are echoes or stale.
    var lastWriteRevision: UInt64 = 0
    /// The current configuration error (the node keeps its previous behaviour meanwhile).
    var configurationError: String?
    /// The error already reported in an Event.
    var reportedError: String?
    var failures = 0
}

/// One pod bound to a node (of this pool or not yet known).
struct HollowPodEntry: Sendable {
    var machine: HollowPodStateMachine
    var facts: HollowPodFacts
    var nodeName: String
    var podIP: String?
    var lastWriteRevision: UInt64 = 0
    var failures = 0
}

/// What a Node event says, read outside the lock.
struct HollowNodeSnapshot: Sendable {
    var name: String
    var uid: String
    var pool: String?
    var labels: [String: String]
    var configuration: Result<HollowNodeConfiguration, HollowNodeConfigurationError>
    var kubeletStartTime: Timestamp?
    var conditions: [HollowNodeCondition]
    var revision: UInt64?
    var providerID: String?
    var podCIDR: String?
    var internalIP: String?

    init(_ node: Node) {
        let metadata = node.metadata
        name = node.name
        uid = metadata.uid ?? ""
        labels = metadata.labels
        pool = labels[HollowNodeKeys.poolLabel]
        let annotations = metadata.annotations
        configuration = Result(catching: { () throws(HollowNodeConfigurationError) -> HollowNodeConfiguration in
            try HollowNodeConfiguration(annotations: annotations)
        })
        kubeletStartTime = HollowNodeConfiguration.kubeletStartTime(in: annotations)
        conditions = HollowNodeCondition.conditions(of: node.object)
        revision = UInt64(node.resourceVersion)
        providerID = node.object[path: ["spec", "providerID"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        podCIDR = node.object[path: ["spec", "podCIDR"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        internalIP = (node.object[path: ["status", "addresses"]]?.arrayValue ?? [])
            .first { $0["type"]?.stringValue == "InternalIP" }?["address"]?.stringValue
    }

    /// The address slot the Node's addresses show, if they are the pool's.
    var slot: Int? {
        internalIP.flatMap(HollowAddressAllocator.slot(internalIP:))
            ?? podCIDR.flatMap(HollowAddressAllocator.slot(podCIDR:))
    }
}

/// What a Pod event says, read outside the lock.
struct HollowPodSnapshot: Sendable {
    var key: ObjectKey
    var nodeName: String?
    var phase: String
    var startTime: Timestamp?
    var deleting: Bool
    var gracePeriodSeconds: Int64?
    var restartPolicy: HollowPodStateMachine.RestartPolicy
    var facts: HollowPodFacts
    var podIP: String?
    var revision: UInt64?

    init(_ pod: Pod) {
        let object = pod.object
        let metadata = pod.metadata
        key = ObjectKey(namespace: pod.namespace, name: pod.name)
        nodeName = pod.nodeName
        phase = pod.phase
        startTime = object[path: ["status", "startTime"]]?.stringValue.flatMap { try? Timestamp(parsing: $0) }
        deleting = metadata.deletionTimestamp != nil
        gracePeriodSeconds = metadata.deletionGracePeriodSeconds
        restartPolicy = object[path: ["spec", "restartPolicy"]]?.stringValue
            .flatMap(HollowPodStateMachine.RestartPolicy.init(rawValue:)) ?? .always
        let conditions = object[path: ["status", "conditions"]]?.arrayValue ?? []
        facts = HollowPodFacts(
            uid: metadata.uid ?? "", containers: HollowContainer.list(object[path: ["spec", "containers"]]),
            initContainers: HollowContainer.list(object[path: ["spec", "initContainers"]]),
            hasPodScheduled: conditions.contains { $0["type"]?.stringValue == "PodScheduled" })
        podIP = object[path: ["status", "podIP"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        revision = UInt64(pod.resourceVersion)
    }
}

/// Everything the pool knows, kept under one lock: nodes, pods, address slots and the timers. Its methods are the
/// short synchronous steps of applying an event; each returns whether the timer must be re-armed.
struct HollowNodePoolState: Sendable {
    let pool: String
    var nodes: [String: HollowNodeEntry] = [:]
    var addresses = HollowAddressAllocator()
    /// Hollow nodes of any pool by name (for the address slots of other pools' nodes).
    var hollowNodeNames: Set<String> = []
    var pods: [ObjectKey: HollowPodEntry] = [:]
    var podsByNode: [String: Set<ObjectKey>] = [:]
    /// Nodes deleted whose Lease the pool deletes.
    var leaseDeletions: Set<String> = []
    /// Node work (registration, Lease, status) goes before pod work that is due as well.
    var timers = HollowTimerQueue<HollowWorkKey>(isUrgent: \.isNode)
    var counters = HollowNodePoolCounters()

    init(pool: String) { self.pool = pool }

    // MARK: Nodes

    mutating func apply(_ snapshot: HollowNodeSnapshot, now: Timestamp) -> Bool {
        hollowNodeNames.insert(snapshot.name)
        if let slot = snapshot.slot { addresses.claim(snapshot.name, slot: slot) }
        guard snapshot.pool == pool else {
            // Another pool's node, or one relabelled away from this pool.
            return nodes[snapshot.name] != nil ? forgetNode(snapshot.name, now: now) : false
        }
        var rearm = false
        if var entry = nodes[snapshot.name], entry.uid == snapshot.uid {
            switch snapshot.configuration {
            case .success(let configuration):
                entry.configurationError = nil
                entry.reportedError = nil
                if configuration != entry.machine.configuration {
                    entry.machine.configurationChanged(configuration, now: now)
                    rearm = schedulePods(on: snapshot.name, at: now) || rearm
                }
            case .failure(let error):
                entry.configurationError = error.description
            }
            if isNewer(snapshot.revision, than: entry.lastWriteRevision) {
                entry.machine.observe(
                    conditions: snapshot.conditions, kubeletStartTime: snapshot.kubeletStartTime, now: now)
            }
            entry.registration = HollowNodeObjects.Registration(
                labels: snapshot.labels, providerID: snapshot.providerID, podCIDR: snapshot.podCIDR)
            if let podCIDR = snapshot.podCIDR, podCIDR != entry.podCIDR { setPodCIDR(podCIDR, of: &entry) }
            if let internalIP = snapshot.internalIP { entry.internalIP = internalIP }
            nodes[snapshot.name] = entry
        } else {
            if nodes[snapshot.name] != nil { rearm = forgetNode(snapshot.name, now: now, deleteLease: false) || rearm }
            let configuration: HollowNodeConfiguration
            var error: String?
            switch snapshot.configuration {
            case .success(let parsed): configuration = parsed
            case .failure(let failure):
                configuration = HollowNodeConfiguration()
                error = failure.description
            }
            let machine = HollowNodeStateMachine(
                name: snapshot.name, configuration: configuration, firstSeen: now,
                kubeletStartTime: snapshot.kubeletStartTime, observed: snapshot.conditions)
            var entry = HollowNodeEntry(
                machine: machine, uid: snapshot.uid,
                registration: HollowNodeObjects.Registration(
                    labels: snapshot.labels, providerID: snapshot.providerID, podCIDR: snapshot.podCIDR),
                podCIDR: nil, internalIP: snapshot.internalIP, leaseKnownToExist: machine.isRegistered)
            entry.configurationError = error
            if let podCIDR = snapshot.podCIDR { setPodCIDR(podCIDR, of: &entry) }
            nodes[snapshot.name] = entry
            rearm = schedulePods(on: snapshot.name, at: now) || rearm
        }
        return timers.schedule(.node(snapshot.name), at: now) || rearm
    }

    /// A Node gone from the API (deleted, or missing from a relist).
    mutating func removeNode(_ name: String, now: Timestamp) -> Bool {
        hollowNodeNames.remove(name)
        addresses.release(name)
        return forgetNode(name, now: now)
    }

    /// Stops simulating `name`; its pods stay known (they may be bound to a node that comes back).
    private mutating func forgetNode(_ name: String, now: Timestamp, deleteLease: Bool = true) -> Bool {
        guard nodes.removeValue(forKey: name) != nil else { return false }
        guard deleteLease else { return false }
        leaseDeletions.insert(name)
        return timers.schedule(.node(name), at: now)
    }

    private mutating func setPodCIDR(_ podCIDR: String, of entry: inout HollowNodeEntry) {
        entry.podCIDR = podCIDR
        entry.podIPs = HollowPodIPAllocator(podCIDR: podCIDR)
        for key in podsByNode[entry.machine.name] ?? [] {
            if let pod = pods[key], !pod.machine.isTerminal, let ip = pod.podIP { entry.podIPs?.claim(ip) }
        }
    }

    mutating func schedulePods(on node: String, at now: Timestamp) -> Bool {
        var rearm = false
        for key in podsByNode[node] ?? [] { rearm = timers.schedule(.pod(key), at: now) || rearm }
        return rearm
    }

    // MARK: Pods

    mutating func apply(_ snapshot: HollowPodSnapshot, now: Timestamp) -> Bool {
        guard let nodeName = snapshot.nodeName else { return removePod(snapshot.key) }
        if var entry = pods[snapshot.key], entry.facts.uid == snapshot.facts.uid, entry.nodeName == nodeName {
            if isNewer(snapshot.revision, than: entry.lastWriteRevision) {
                entry.machine.observe(phase: snapshot.phase, startTime: snapshot.startTime)
                if let ip = snapshot.podIP { entry.podIP = ip }
            }
            if snapshot.deleting {
                entry.machine.observeDeletion(gracePeriodSeconds: snapshot.gracePeriodSeconds, now: now)
            }
            entry.facts.hasPodScheduled = snapshot.facts.hasPodScheduled
            pods[snapshot.key] = entry
        } else {
            _ = removePod(snapshot.key)
            var machine = HollowPodStateMachine(
                restartPolicy: snapshot.restartPolicy, phase: snapshot.phase, startTime: snapshot.startTime,
                firstSeen: now)
            if snapshot.deleting { machine.observeDeletion(gracePeriodSeconds: snapshot.gracePeriodSeconds, now: now) }
            pods[snapshot.key] = HollowPodEntry(
                machine: machine, facts: snapshot.facts, nodeName: nodeName, podIP: snapshot.podIP)
            podsByNode[nodeName, default: []].insert(snapshot.key)
            if let ip = snapshot.podIP, !machine.isTerminal { nodes[nodeName]?.podIPs?.claim(ip) }
        }
        guard nodes[nodeName] != nil else { return false }
        return timers.schedule(.pod(snapshot.key), at: now)
    }

    mutating func removePod(_ key: ObjectKey) -> Bool {
        guard let entry = pods.removeValue(forKey: key) else { return false }
        podsByNode[entry.nodeName]?.remove(key)
        if podsByNode[entry.nodeName]?.isEmpty == true { podsByNode[entry.nodeName] = nil }
        if let ip = entry.podIP, !entry.machine.isTerminal { nodes[entry.nodeName]?.podIPs?.release(ip) }
        return false
    }
}

/// Whether an object at `revision` is newer than the pool's last write (`0`: none). Revisions that are not
/// numbers (an API server whose resourceVersions are opaque) always count as newer.
func isNewer(_ revision: UInt64?, than lastWrite: UInt64) -> Bool {
    guard let revision else { return true }
    return revision > lastWrite
}
