// Protobuf field tables for k8s.io/api `apps/v1` at v0.36.3: Deployment, ReplicaSet, DaemonSet and
// ControllerRevision.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// apps/v1 `Deployment`.
    static let deployment = ProtoMessage("Deployment", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.deploymentSpec)),
        .value(3, "status", .message(.deploymentStatus)),
    ])

    /// apps/v1 `DeploymentSpec`.
    static let deploymentSpec = ProtoMessage("DeploymentSpec", [
        .pointer(1, "replicas", .int32),
        .pointerOrNull(2, "selector", .message(.labelSelector)),
        .value(3, "template", .message(.podTemplateSpec)),
        .value(4, "strategy", .message(.deploymentStrategy)),
        .omitEmpty(5, "minReadySeconds", .int32),
        .pointer(6, "revisionHistoryLimit", .int32),
        .omitEmpty(7, "paused", .bool),
        .pointer(9, "progressDeadlineSeconds", .int32),
    ])

    /// apps/v1 `DeploymentStrategy`.
    static let deploymentStrategy = ProtoMessage("DeploymentStrategy", [
        .omitEmpty(1, "type", .string),
        .pointer(2, "rollingUpdate", .message(.rollingUpdateDeployment)),
    ])

    /// apps/v1 `RollingUpdateDeployment`.
    static let rollingUpdateDeployment = ProtoMessage("RollingUpdateDeployment", [
        .pointer(1, "maxUnavailable", .intOrString),
        .pointer(2, "maxSurge", .intOrString),
    ])

    /// apps/v1 `DeploymentStatus`.
    static let deploymentStatus = ProtoMessage("DeploymentStatus", [
        .omitEmpty(1, "observedGeneration", .int64),
        .omitEmpty(2, "replicas", .int32),
        .omitEmpty(3, "updatedReplicas", .int32),
        .omitEmpty(7, "readyReplicas", .int32),
        .omitEmpty(4, "availableReplicas", .int32),
        .omitEmpty(5, "unavailableReplicas", .int32),
        .pointer(9, "terminatingReplicas", .int32),
        .repeated(6, "conditions", .message(.deploymentCondition)),
        .pointer(8, "collisionCount", .int32),
    ])

    /// apps/v1 `DeploymentCondition`.
    static let deploymentCondition = ProtoMessage("DeploymentCondition", [
        .value(1, "type", .string),
        .value(2, "status", .string),
        .value(6, "lastUpdateTime", .time),
        .value(7, "lastTransitionTime", .time),
        .omitEmpty(4, "reason", .string),
        .omitEmpty(5, "message", .string),
    ])

    /// apps/v1 `ReplicaSet`.
    static let replicaSet = ProtoMessage("ReplicaSet", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.replicaSetSpec)),
        .value(3, "status", .message(.replicaSetStatus)),
    ])

    /// apps/v1 `ReplicaSetSpec`.
    static let replicaSetSpec = ProtoMessage("ReplicaSetSpec", [
        .pointer(1, "replicas", .int32),
        .omitEmpty(4, "minReadySeconds", .int32),
        .pointerOrNull(2, "selector", .message(.labelSelector)),
        .value(3, "template", .message(.podTemplateSpec)),
    ])

    /// apps/v1 `ReplicaSetStatus`.
    static let replicaSetStatus = ProtoMessage("ReplicaSetStatus", [
        .value(1, "replicas", .int32),
        .omitEmpty(2, "fullyLabeledReplicas", .int32),
        .omitEmpty(4, "readyReplicas", .int32),
        .omitEmpty(5, "availableReplicas", .int32),
        .pointer(7, "terminatingReplicas", .int32),
        .omitEmpty(3, "observedGeneration", .int64),
        .repeated(6, "conditions", .message(.replicaSetCondition)),
    ])

    /// apps/v1 `ReplicaSetCondition`.
    static let replicaSetCondition = ProtoMessage("ReplicaSetCondition", [
        .value(1, "type", .string),
        .value(2, "status", .string),
        .value(3, "lastTransitionTime", .time),
        .omitEmpty(4, "reason", .string),
        .omitEmpty(5, "message", .string),
    ])

    /// apps/v1 `DaemonSet`.
    static let daemonSet = ProtoMessage("DaemonSet", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.daemonSetSpec)),
        .value(3, "status", .message(.daemonSetStatus)),
    ])

    /// apps/v1 `DaemonSetSpec` (field 5 was `templateGeneration`, which apps/v1 keeps in an annotation).
    static let daemonSetSpec = ProtoMessage("DaemonSetSpec", [
        .pointerOrNull(1, "selector", .message(.labelSelector)),
        .value(2, "template", .message(.podTemplateSpec)),
        .value(3, "updateStrategy", .message(.daemonSetUpdateStrategy)),
        .omitEmpty(4, "minReadySeconds", .int32),
        .pointer(6, "revisionHistoryLimit", .int32),
    ])

    /// apps/v1 `DaemonSetUpdateStrategy`.
    static let daemonSetUpdateStrategy = ProtoMessage("DaemonSetUpdateStrategy", [
        .omitEmpty(1, "type", .string),
        .pointer(2, "rollingUpdate", .message(.rollingUpdateDaemonSet)),
    ])

    /// apps/v1 `RollingUpdateDaemonSet`.
    static let rollingUpdateDaemonSet = ProtoMessage("RollingUpdateDaemonSet", [
        .pointer(1, "maxUnavailable", .intOrString),
        .pointer(2, "maxSurge", .intOrString),
    ])

    /// apps/v1 `DaemonSetStatus`.
    static let daemonSetStatus = ProtoMessage("DaemonSetStatus", [
        .value(1, "currentNumberScheduled", .int32),
        .value(2, "numberMisscheduled", .int32),
        .value(3, "desiredNumberScheduled", .int32),
        .value(4, "numberReady", .int32),
        .omitEmpty(5, "observedGeneration", .int64),
        .omitEmpty(6, "updatedNumberScheduled", .int32),
        .omitEmpty(7, "numberAvailable", .int32),
        .omitEmpty(8, "numberUnavailable", .int32),
        .pointer(9, "collisionCount", .int32),
        .repeated(10, "conditions", .message(.daemonSetCondition)),
    ])

    /// apps/v1 `DaemonSetCondition`.
    static let daemonSetCondition = ProtoMessage("DaemonSetCondition", [
        .value(1, "type", .string),
        .value(2, "status", .string),
        .value(3, "lastTransitionTime", .time),
        .omitEmpty(4, "reason", .string),
        .omitEmpty(5, "message", .string),
    ])

    /// apps/v1 `ControllerRevision`: `data` is a `runtime.RawExtension` holding the state as JSON.
    static let controllerRevision = ProtoMessage("ControllerRevision", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "data", .rawJSON),
        .value(3, "revision", .int64),
    ])
}
