// Protobuf field tables for k8s.io/api `policy/v1` at v0.36.3: PodDisruptionBudget.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// policy/v1 `PodDisruptionBudget`.
    static let podDisruptionBudget = ProtoMessage("PodDisruptionBudget", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.podDisruptionBudgetSpec)),
        .value(3, "status", .message(.podDisruptionBudgetStatus)),
    ])

    /// policy/v1 `PodDisruptionBudgetSpec`.
    static let podDisruptionBudgetSpec = ProtoMessage("PodDisruptionBudgetSpec", [
        .pointer(1, "minAvailable", .intOrString),
        .pointer(2, "selector", .message(.labelSelector)),
        .pointer(3, "maxUnavailable", .intOrString),
        .pointer(4, "unhealthyPodEvictionPolicy", .string),
    ])

    /// policy/v1 `PodDisruptionBudgetStatus`.
    static let podDisruptionBudgetStatus = ProtoMessage("PodDisruptionBudgetStatus", [
        .omitEmpty(1, "observedGeneration", .int64),
        .map(2, "disruptedPods", .time),
        .value(3, "disruptionsAllowed", .int32),
        .value(4, "currentHealthy", .int32),
        .value(5, "desiredHealthy", .int32),
        .value(6, "expectedPods", .int32),
        .repeated(7, "conditions", .message(.condition)),
    ])
}
