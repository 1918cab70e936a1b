import HollowModel

// A Deployment's status and conditions (`sync.go` calculateStatus, `progress.go`).

extension DeploymentSync {
    /// Condition reasons, as `deployment_util.go` names them.
    public enum Reason {
        public static let replicaSetUpdated = "ReplicaSetUpdated"
        public static let failedReplicaSetCreate = "ReplicaSetCreateError"
        public static let newReplicaSetCreated = "NewReplicaSetCreated"
        public static let foundNewReplicaSet = "FoundNewReplicaSet"
        public static let newReplicaSetAvailable = "NewReplicaSetAvailable"
        public static let timedOut = "ProgressDeadlineExceeded"
        public static let paused = "DeploymentPaused"
        public static let resumed = "DeploymentResumed"
        public static let minimumReplicasAvailable = "MinimumReplicasAvailable"
        public static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"
    }

    /// `calculateStatus`: counts summed over the ReplicaSets' statuses (`updatedReplicas` over the new one's), the
    /// conditions carried over, and `Available` set by whether `replicas - maxUnavailable` pods are available.
    public static func calculateStatus(
        allReplicaSets: [ReplicaSet], newReplicaSet: ReplicaSet?, deployment: Deployment, now: Timestamp
    ) -> DeploymentStatus {
        let available = allReplicaSets.reduce(0) { $0 + $1.status.availableReplicas }
        let total = replicaCount(allReplicaSets)
        var status = DeploymentStatus()
        status.observedGeneration = deployment.metadata.generation
        status.replicas = allReplicaSets.reduce(0) { $0 + $1.status.replicas }
        status.updatedReplicas = newReplicaSet?.status.replicas ?? 0
        status.readyReplicas = allReplicaSets.reduce(0) { $0 + $1.status.readyReplicas }
        status.availableReplicas = available
        status.unavailableReplicas = max(total - available, 0)
        status.collisionCount = deployment.status.collisionCount
        status.conditions = deployment.status.conditions
        if available >= deployment.replicas - maxUnavailable(deployment) {
            status.conditions.setCondition(
                condition("Available", "True", Reason.minimumReplicasAvailable, "Deployment has minimum availability.", now))
        } else {
            status.conditions.setCondition(
                condition(
                    "Available", "False", Reason.minimumReplicasUnavailable,
                    "Deployment does not have minimum availability.", now))
        }
        return status
    }

    /// `NewDeploymentCondition`: both times `now`, to the second as `metav1.Time` stores them.
    static func condition(
        _ type: String, _ status: String, _ reason: String, _ message: String, _ now: Timestamp
    ) -> WorkloadCondition {
        WorkloadCondition(
            type: type, status: status, reason: reason, message: message, lastUpdateTime: now.truncatedToSeconds,
            lastTransitionTime: now.truncatedToSeconds)
    }

    /// `DeploymentComplete`: every desired replica updated and available, no old ones left, the generation observed.
    public static func deploymentComplete(_ deployment: Deployment, status: DeploymentStatus) -> Bool {
        status.updatedReplicas == deployment.replicas && status.replicas == deployment.replicas
            && status.availableReplicas == deployment.replicas
            && status.observedGeneration >= deployment.metadata.generation
    }

    /// `DeploymentProgressing`: compared with the stored status, more updated, ready or available pods, or fewer old
    /// ones.
    public static func deploymentProgressing(_ deployment: Deployment, status: DeploymentStatus) -> Bool {
        let old = deployment.status
        return status.updatedReplicas > old.updatedReplicas
            || (status.replicas - status.updatedReplicas) < (old.replicas - old.updatedReplicas)
            || status.readyReplicas > old.readyReplicas || status.availableReplicas > old.availableReplicas
    }

    /// `DeploymentTimedOut`: the Progressing condition of `status` last moved more than `progressDeadlineSeconds`
    /// before `now` (never after `NewReplicaSetAvailable`; always once `ProgressDeadlineExceeded`).
    public static func deploymentTimedOut(_ deployment: Deployment, status: DeploymentStatus, now: Timestamp) -> Bool {
        guard let deadline = deployment.progressDeadlineSeconds,
            let condition = status.conditions.condition(ofType: "Progressing")
        else { return false }
        if condition.reason == Reason.newReplicaSetAvailable { return false }
        if condition.reason == Reason.timedOut { return true }
        let from = condition.lastUpdateTime ?? Timestamp(secondsSinceEpoch: -62_135_596_800)  // Go's zero time
        return from.adding(.seconds(deadline)) < now
    }

    /// `getReplicaFailures`: `ReplicaFailure` conditions of the new ReplicaSet, or else of any ReplicaSet.
    static func replicaFailures(allReplicaSets: [ReplicaSet], newReplicaSet: ReplicaSet?) -> [WorkloadCondition] {
        func failures(_ replicaSet: ReplicaSet) -> [WorkloadCondition] {
            replicaSet.status.conditions.filter { $0.type == "ReplicaFailure" }.map {
                var condition = $0
                condition.lastUpdateTime = $0.lastTransitionTime  // ReplicaSetToDeploymentCondition
                return condition
            }
        }
        if let newReplicaSet, case let found = failures(newReplicaSet), !found.isEmpty { return found }
        return allReplicaSets.flatMap(failures)
    }

    /// `requeueStuckDeployment`: when a rollout with a deadline is neither complete nor timed out, how long until the
    /// deadline should be checked (zero: now); `nil` when no check is needed.
    static func progressCheckDelay(_ deployment: Deployment, status: DeploymentStatus, now: Timestamp) -> Duration? {
        guard let deadline = deployment.progressDeadlineSeconds,
            let current = deployment.status.conditions.condition(ofType: "Progressing")
        else { return nil }
        if deploymentComplete(deployment, status: status) || current.reason == Reason.timedOut { return nil }
        let from = current.lastUpdateTime ?? Timestamp(secondsSinceEpoch: -62_135_596_800)
        let after = from.adding(.seconds(deadline)).duration(since: now)
        if after < .seconds(1) { return .zero }
        return after + .seconds(1)  // kube adds a second against clock skew
    }
}
