import HollowModel

/// apps/v1: Deployment, ReplicaSet, DaemonSet and ControllerRevision, and core v1 PodTemplateSpec that their
/// templates are. Fields, required keys and patch strategies follow k8s.io/api `apps/v1` (`strategy` retains keys,
/// conditions merge by `type`); pruning and strategic merge read them, so every field of the Go types is here.
extension SchemaCatalog {
    static func apps(_ type: String) -> String { "io.k8s.api.apps.v1.\(type)" }
    static func appsKind(_ kind: String) -> KindReference { KindReference(group: "apps", version: "v1", kind: kind) }

    mutating func addApps() {
        addPodTemplateSpec()
        addDeployment()
        addReplicaSet()
        addDaemonSet()
        addControllerRevision()
    }

    private mutating func addPodTemplateSpec() {
        object(
            Self.core("PodTemplateSpec"), "The pods a workload creates: their metadata and spec.",
            [
                "metadata": .ref(Self.objectMeta, "Labels and annotations of the created pods."),
                "spec": .ref(Self.core("PodSpec"), "The spec of the created pods."),
            ])
    }

    private mutating func addDeployment() {
        let apps = Self.apps
        kind(
            apps("Deployment"), Self.appsKind("Deployment"), "Declarative updates for pods, through replica sets.",
            [
                "spec": .ref(apps("DeploymentSpec"), "The desired pods and how to roll them out."),
                "status": .ref(apps("DeploymentStatus"), "The rollout as last observed."),
            ])
        object(
            apps("DeploymentSpec"), "Desired state of a deployment.", required: ["selector", "template"],
            [
                "replicas": .int32("Number of desired pods; 1 by default."),
                "selector": .ref(Self.labelSelector, "The deployment's pods; must match the template's labels."),
                "template": .ref(Self.core("PodTemplateSpec"), "The pods to create; restartPolicy must be Always."),
                "strategy": .ref(apps("DeploymentStrategy"), "How new pods replace old ones.")
                    .with("x-kubernetes-patch-strategy", "retainKeys"),
                "minReadySeconds": .int32("Seconds a new pod must be ready before it counts as available."),
                "revisionHistoryLimit": .int32("Old replica sets kept for rollback; 10 by default."),
                "paused": .boolean("Whether the rollout is paused."),
                "progressDeadlineSeconds": .int32("Seconds without progress before the rollout fails; 600 by default."),
            ])
        object(
            apps("DeploymentStrategy"), "How a deployment replaces pods.",
            [
                "type": .string("Recreate or RollingUpdate (the default)."),
                "rollingUpdate": .ref(apps("RollingUpdateDeployment"), "Parameters of a rolling update."),
            ])
        object(
            apps("RollingUpdateDeployment"), "How fast a rolling update goes.",
            [
                "maxUnavailable": .intOrString("Pods that may be unavailable during the update; 25% by default."),
                "maxSurge": .intOrString("Pods that may be created above the desired count; 25% by default."),
            ])
        object(
            apps("DeploymentStatus"), "Observed state of a deployment.",
            [
                "observedGeneration": .int64("The generation the controller last acted on."),
                "replicas": .int32("Non-terminating pods targeted by the deployment."),
                "updatedReplicas": .int32("Non-terminating pods with the desired template."),
                "readyReplicas": .int32("Non-terminating pods with a Ready condition."),
                "availableReplicas": .int32("Pods ready for at least minReadySeconds."),
                "unavailableReplicas": .int32("Pods still needed for the deployment to be fully available."),
                "terminatingReplicas": .int32("Terminating pods targeted by the deployment."),
                "conditions": .array(.ref(apps("DeploymentCondition")), "Latest observations, such as Available.")
                    .mergeMap("type"),
                "collisionCount": .int32("Hash collisions met naming the newest replica set."),
            ])
        object(
            apps("DeploymentCondition"), "One observation about a deployment.", required: ["type", "status"],
            [
                "type": .string("Available, Progressing or ReplicaFailure."),
                "status": .string("True, False or Unknown."),
                "lastUpdateTime": .time("When the condition was last updated."),
                "lastTransitionTime": .time("When status last changed."),
                "reason": .string("Machine-readable reason for the last transition."),
                "message": .string("Human-readable details."),
            ])
    }

    private mutating func addReplicaSet() {
        let apps = Self.apps
        kind(
            apps("ReplicaSet"), Self.appsKind("ReplicaSet"), "Keeps a number of identical pods running.",
            [
                "spec": .ref(apps("ReplicaSetSpec"), "The desired pods."),
                "status": .ref(apps("ReplicaSetStatus"), "The pods as last observed."),
            ])
        object(
            apps("ReplicaSetSpec"), "Desired state of a replica set.", required: ["selector"],
            [
                "replicas": .int32("Number of desired pods; 1 by default."),
                "minReadySeconds": .int32("Seconds a new pod must be ready before it counts as available."),
                "selector": .ref(Self.labelSelector, "The replica set's pods; must match the template's labels."),
                "template": .ref(Self.core("PodTemplateSpec"), "The pods to create when there are too few."),
            ])
        object(
            apps("ReplicaSetStatus"), "Observed state of a replica set.", required: ["replicas"],
            [
                "replicas": .int32("Non-terminating pods, as last observed."),
                "fullyLabeledReplicas": .int32("Non-terminating pods with all of the template's labels."),
                "readyReplicas": .int32("Non-terminating pods with a Ready condition."),
                "availableReplicas": .int32("Pods ready for at least minReadySeconds."),
                "terminatingReplicas": .int32("Terminating pods of the replica set."),
                "observedGeneration": .int64("The generation the controller last acted on."),
                "conditions": .array(.ref(apps("ReplicaSetCondition")), "Latest observations, such as ReplicaFailure.")
                    .mergeMap("type"),
            ])
        object(
            apps("ReplicaSetCondition"), "One observation about a replica set.", required: ["type", "status"],
            [
                "type": .string("The kind of observation, such as ReplicaFailure."),
                "status": .string("True, False or Unknown."),
                "lastTransitionTime": .time("When status last changed."),
                "reason": .string("Machine-readable reason for the last transition."),
                "message": .string("Human-readable details."),
            ])
    }

    private mutating func addDaemonSet() {
        let apps = Self.apps
        kind(
            apps("DaemonSet"), Self.appsKind("DaemonSet"), "Runs one pod on each node that matches.",
            [
                "spec": .ref(apps("DaemonSetSpec"), "The pods to run and how to update them."),
                "status": .ref(apps("DaemonSetStatus"), "The pods as last observed."),
            ])
        object(
            apps("DaemonSetSpec"), "Desired state of a daemon set.", required: ["selector", "template"],
            [
                "selector": .ref(Self.labelSelector, "The daemon set's pods; must match the template's labels."),
                "template": .ref(Self.core("PodTemplateSpec"), "The pod for each node; restartPolicy must be Always."),
                "updateStrategy": .ref(apps("DaemonSetUpdateStrategy"), "How new pods replace old ones."),
                "minReadySeconds": .int32("Seconds a new pod must be ready before it counts as available."),
                "revisionHistoryLimit": .int32("Old revisions kept for rollback; 10 by default."),
            ])
        object(
            apps("DaemonSetUpdateStrategy"), "How a daemon set replaces pods.",
            [
                "type": .string("RollingUpdate (the default) or OnDelete."),
                "rollingUpdate": .ref(apps("RollingUpdateDaemonSet"), "Parameters of a rolling update."),
            ])
        object(
            apps("RollingUpdateDaemonSet"), "How fast a daemon set's rolling update goes.",
            [
                "maxUnavailable": .intOrString("Nodes whose pod may be unavailable during the update; 1 by default."),
                "maxSurge": .intOrString("Nodes that may run an updated pod next to the old one; 0 by default."),
            ])
        object(
            apps("DaemonSetStatus"), "Observed state of a daemon set.",
            required: ["currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady"],
            [
                "currentNumberScheduled": .int32("Nodes running the pod that should."),
                "numberMisscheduled": .int32("Nodes running the pod that should not."),
                "desiredNumberScheduled": .int32("Nodes that should run the pod."),
                "numberReady": .int32("Nodes whose pod has a Ready condition."),
                "observedGeneration": .int64("The generation the controller last acted on."),
                "updatedNumberScheduled": .int32("Nodes running the updated pod."),
                "numberAvailable": .int32("Nodes whose pod is available."),
                "numberUnavailable": .int32("Nodes that should run the pod and have none available."),
                "collisionCount": .int32("Hash collisions met naming the newest revision."),
                "conditions": .array(.ref(apps("DaemonSetCondition")), "Latest observations.").mergeMap("type"),
            ])
        object(
            apps("DaemonSetCondition"), "One observation about a daemon set.", required: ["type", "status"],
            [
                "type": .string("The kind of observation."),
                "status": .string("True, False or Unknown."),
                "lastTransitionTime": .time("When status last changed."),
                "reason": .string("Machine-readable reason for the last transition."),
                "message": .string("Human-readable details."),
            ])
    }

    private mutating func addControllerRevision() {
        kind(
            Self.apps("ControllerRevision"), Self.appsKind("ControllerRevision"),
            "An immutable snapshot of a controller's state, kept as its history.", required: ["revision"],
            [
                "data": .ref(Self.rawExtension, "The serialized state; cannot change."),
                "revision": .int64("Which revision of the state this is."),
            ])
    }
}
