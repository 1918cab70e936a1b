import HollowModel

/// One thing the MachineDeployment reconciler does to the API, in the order `MachineDeploymentPlan.actions` lists
/// them.
public enum MachineDeploymentAction: Sendable, Equatable {
    /// JSON-merge-patch the MachineSet with `patch` to add the MachineDeployment's controller reference.
    case adoptMachineSet(MachineSet, patch: JSON)
    /// JSON-merge-patch the MachineSet with `patch` to remove the MachineDeployment's owner reference.
    case releaseMachineSet(MachineSet, patch: JSON)
    /// POST the new MachineSet. An AlreadyExists means the cache was stale: the next sync finds it.
    case createMachineSet(MachineSet)
    /// PUT the MachineSet with its cached `resourceVersion` (a conflict fails the sync): a new size, its revision
    /// and replica annotations, or `minReadySeconds`.
    case updateMachineSet(MachineSet)
    /// DELETE an old MachineSet beyond `revisionHistoryLimit`.
    case deleteMachineSet(MachineSet)
    /// JSON-merge-patch the MachineDeployment's revision annotation (custom resources keep no metadata change made
    /// through `/status`).
    case setRevision(String)
    /// JSON-merge-patch `/status` with the whole status.
    case updateStatus(MachineDeploymentStatus)
}

/// What one sync of a MachineDeployment decides.
public struct MachineDeploymentPlan: Sendable, Equatable {
    /// Carry these out in order; stop at the first failure and let the sync be retried.
    public var actions: [MachineDeploymentAction] = []
    /// Why nothing but the status could be decided: a spec the controller cannot act on.
    public var error: MachineDeploymentError?
}

/// Why the MachineDeployment controller cannot roll a MachineDeployment out. Logged and reported as an Event; no
/// retry until the MachineDeployment changes.
public struct MachineDeploymentError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The MachineDeployment controller's decisions: OpenShift's cluster-api fork (`pkg/controller/machinedeployment`,
/// `rolling.go`, `sync.go`), which is kube's Deployment controller over MachineSets, with kube's scaling-event
/// detection so that a resize during a rollout is shared out in proportion.
public enum MachineDeploymentSync {
    /// On a MachineDeployment's MachineSets' labels, selector and template, and so on their Machines.
    public static let templateHashLabel = "machine-template-hash"
    public static let revisionAnnotation = "machinedeployment.clusters.k8s.io/revision"
    public static let revisionHistoryAnnotation = "machinedeployment.clusters.k8s.io/revision-history"
    public static let desiredReplicasAnnotation = "machinedeployment.clusters.k8s.io/desired-replicas"
    public static let maxReplicasAnnotation = "machinedeployment.clusters.k8s.io/max-replicas"

    /// MachineDeployment annotations not copied onto its MachineSets.
    static let annotationsNotCopied: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", revisionAnnotation, revisionHistoryAnnotation,
        desiredReplicasAnnotation, maxReplicasAnnotation,
    ]

    /// Decides one sync of `deployment` over `machineSets`, every MachineSet in its namespace.
    public static func plan(
        deployment: MachineDeployment, machineSets: [MachineSet], now: Timestamp
    ) -> MachineDeploymentPlan {
        var run = MachineDeploymentSyncRun(deployment: deployment, machineSets: machineSets, now: now)
        do {
            try run.sync()
        } catch {
            return MachineDeploymentPlan(actions: [], error: error)
        }
        return run.finish()
    }

    /// `ResolveFenceposts` over the MachineDeployment's replicas.
    static func fenceposts(_ deployment: MachineDeployment) throws(MachineDeploymentError) -> (surge: Int, unavailable: Int) {
        do {
            return try DeploymentSync.resolveFenceposts(
                maxSurge: deployment.maxSurgeValue, maxUnavailable: deployment.maxUnavailableValue,
                desired: deployment.replicas)
        } catch {
            throw MachineDeploymentError(message: "spec.strategy.rollingUpdate: \(error.message)")
        }
    }

    /// `MaxSurge` (a malformed value counts as 0; `plan` refuses such a MachineDeployment first).
    public static func maxSurge(_ deployment: MachineDeployment) -> Int { (try? fenceposts(deployment))?.surge ?? 0 }

    /// `MaxUnavailable`: never more than the replicas, 0 without replicas.
    public static func maxUnavailable(_ deployment: MachineDeployment) -> Int {
        guard deployment.replicas != 0 else { return 0 }
        return min((try? fenceposts(deployment))?.unavailable ?? 0, deployment.replicas)
    }

    /// `EqualIgnoreHash`: the two templates are equal once `machine-template-hash` is removed from their labels.
    public static func equalIgnoringHash(_ lhs: JSON?, _ rhs: JSON?) -> Bool {
        func normalized(_ template: JSON?) -> JSON {
            var template = template ?? .object([:])
            template[path: ["metadata", "labels", templateHashLabel]] = nil
            if template[path: ["metadata", "labels"]]?.objectValue?.isEmpty == true {
                template[path: ["metadata", "labels"]] = nil
            }
            return template
        }
        return normalized(lhs).isEquivalent(to: normalized(rhs))
    }

    /// `Revision`: the revision annotation as a number; 0 when absent, `nil` when it does not parse.
    public static func revision(of machineSet: MachineSet) -> Int64? {
        guard let text = machineSet.metadata.annotations[revisionAnnotation] else { return 0 }
        return Int64(text)
    }

    /// `MaxRevision`.
    public static func maxRevision(_ machineSets: [MachineSet]) -> Int64 {
        machineSets.compactMap(revision(of:)).max().map { max($0, 0) } ?? 0
    }

    /// `GetReplicaCountForMachineSets`: the sum of `spec.replicas`.
    static func replicaCount(_ machineSets: [MachineSet]) -> Int { machineSets.reduce(0) { $0 + $1.replicas } }

    /// `FilterActiveMachineSets`.
    static func active(_ machineSets: [MachineSet]) -> [MachineSet] { machineSets.filter { $0.replicas > 0 } }

    /// An annotation as a non-negative integer, `nil` when absent or malformed.
    static func intAnnotation(_ machineSet: MachineSet, _ key: String) -> Int? {
        guard let value = machineSet.metadata.annotations[key].flatMap({ Int($0) }), value >= 0 else { return nil }
        return value
    }

    /// `NewMSNewReplicas`: grow the new MachineSet as far as `replicas + maxSurge` Machines in all allow, never past
    /// `replicas`.
    public static func newMachineSetReplicas(
        deployment: MachineDeployment, all: [MachineSet], new: MachineSet
    ) -> Int {
        let maxTotal = deployment.replicas + maxSurge(deployment)
        let current = replicaCount(all)
        if current >= maxTotal { return new.replicas }
        return new.replicas + min(maxTotal - current, deployment.replicas - new.replicas)
    }

    /// `calculateStatus`: counts summed from the MachineSets' statuses, updated ones from the new MachineSet's.
    public static func status(
        deployment: MachineDeployment, all: [MachineSet], new: MachineSet?
    ) -> MachineDeploymentStatus {
        var status = MachineDeploymentStatus()
        status.observedGeneration = deployment.metadata.generation
        status.replicas = all.reduce(0) { $0 + $1.status.replicas }
        status.updatedReplicas = new?.status.replicas ?? 0
        status.readyReplicas = all.reduce(0) { $0 + $1.status.readyReplicas }
        status.availableReplicas = all.reduce(0) { $0 + $1.status.availableReplicas }
        status.unavailableReplicas = max(replicaCount(all) - status.availableReplicas, 0)
        status.labelSelector = (try? LabelSelector(labelSelector: deployment.selector)).map(
            MachineSetSync.formatLabelSelector)
        return status
    }

    /// `DeploymentComplete`: every replica updated and available, and the generation observed.
    public static func isComplete(_ deployment: MachineDeployment, status: MachineDeploymentStatus) -> Bool {
        status.updatedReplicas == deployment.replicas && status.replicas == deployment.replicas
            && status.availableReplicas == deployment.replicas
            && status.observedGeneration >= deployment.metadata.generation
    }
}
