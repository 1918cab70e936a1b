// Protobuf field tables for k8s.io/api `apps/v1` at v0.36.3: Deployment.
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
}
