// Protobuf field tables for k8s.io/api `batch/v1` at v0.36.3: Job and CronJob.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// batch/v1 `Job`.
    static let job = ProtoMessage("Job", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.jobSpec)),
        .value(3, "status", .message(.jobStatus)),
    ])

    /// batch/v1 `JobSpec`.
    static let jobSpec = ProtoMessage("JobSpec", [
        .pointer(1, "parallelism", .int32),
        .pointer(2, "completions", .int32),
        .pointer(3, "activeDeadlineSeconds", .int64),
        .pointer(11, "podFailurePolicy", .message(.podFailurePolicy)),
        .pointer(16, "successPolicy", .message(.successPolicy)),
        .pointer(7, "backoffLimit", .int32),
        .pointer(12, "backoffLimitPerIndex", .int32),
        .pointer(13, "maxFailedIndexes", .int32),
        .pointer(4, "selector", .message(.labelSelector)),
        .pointer(5, "manualSelector", .bool),
        .value(6, "template", .message(.podTemplateSpec)),
        .pointer(8, "ttlSecondsAfterFinished", .int32),
        .pointer(9, "completionMode", .string),
        .pointer(10, "suspend", .bool),
        .pointer(14, "podReplacementPolicy", .string),
        .pointer(15, "managedBy", .string),
    ])

    /// batch/v1 `PodFailurePolicy`.
    static let podFailurePolicy = ProtoMessage("PodFailurePolicy", [
        .repeatedOrNull(1, "rules", .message(.podFailurePolicyRule)),
    ])

    /// batch/v1 `PodFailurePolicyRule`.
    static let podFailurePolicyRule = ProtoMessage("PodFailurePolicyRule", [
        .value(1, "action", .string),
        .pointer(2, "onExitCodes", .message(.podFailurePolicyOnExitCodesRequirement)),
        .repeated(3, "onPodConditions", .message(.podFailurePolicyOnPodConditionsPattern)),
    ])

    /// batch/v1 `PodFailurePolicyOnExitCodesRequirement`.
    static let podFailurePolicyOnExitCodesRequirement = ProtoMessage("PodFailurePolicyOnExitCodesRequirement", [
        .pointer(1, "containerName", .string),
        .value(2, "operator", .string),
        .repeatedOrNull(3, "values", .int32),
    ])

    /// batch/v1 `PodFailurePolicyOnPodConditionsPattern`.
    static let podFailurePolicyOnPodConditionsPattern = ProtoMessage("PodFailurePolicyOnPodConditionsPattern", [
        .value(1, "type", .string),
        .value(2, "status", .string),
    ])

    /// batch/v1 `SuccessPolicy`.
    static let successPolicy = ProtoMessage("SuccessPolicy", [
        .repeatedOrNull(1, "rules", .message(.successPolicyRule)),
    ])

    /// batch/v1 `SuccessPolicyRule`.
    static let successPolicyRule = ProtoMessage("SuccessPolicyRule", [
        .pointer(1, "succeededIndexes", .string),
        .pointer(2, "succeededCount", .int32),
    ])

    /// batch/v1 `JobStatus`.
    static let jobStatus = ProtoMessage("JobStatus", [
        .repeated(1, "conditions", .message(.jobCondition)),
        .pointer(2, "startTime", .time),
        .pointer(3, "completionTime", .time),
        .omitEmpty(4, "active", .int32),
        .omitEmpty(5, "succeeded", .int32),
        .omitEmpty(6, "failed", .int32),
        .pointer(11, "terminating", .int32),
        .omitEmpty(7, "completedIndexes", .string),
        .pointer(10, "failedIndexes", .string),
        .pointer(8, "uncountedTerminatedPods", .message(.uncountedTerminatedPods)),
        .pointer(9, "ready", .int32),
    ])

    /// batch/v1 `JobCondition`.
    static let jobCondition = ProtoMessage("JobCondition", [
        .value(1, "type", .string),
        .value(2, "status", .string),
        .value(3, "lastProbeTime", .time),
        .value(4, "lastTransitionTime", .time),
        .omitEmpty(5, "reason", .string),
        .omitEmpty(6, "message", .string),
    ])

    /// batch/v1 `UncountedTerminatedPods`.
    static let uncountedTerminatedPods = ProtoMessage("UncountedTerminatedPods", [
        .repeated(1, "succeeded", .string),
        .repeated(2, "failed", .string),
    ])

    /// batch/v1 `CronJob`.
    static let cronJob = ProtoMessage("CronJob", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.cronJobSpec)),
        .value(3, "status", .message(.cronJobStatus)),
    ])

    /// batch/v1 `CronJobSpec`.
    static let cronJobSpec = ProtoMessage("CronJobSpec", [
        .value(1, "schedule", .string),
        .pointer(8, "timeZone", .string),
        .pointer(2, "startingDeadlineSeconds", .int64),
        .omitEmpty(3, "concurrencyPolicy", .string),
        .pointer(4, "suspend", .bool),
        .value(5, "jobTemplate", .message(.jobTemplateSpec)),
        .pointer(6, "successfulJobsHistoryLimit", .int32),
        .pointer(7, "failedJobsHistoryLimit", .int32),
    ])

    /// batch/v1 `JobTemplateSpec`.
    static let jobTemplateSpec = ProtoMessage("JobTemplateSpec", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.jobSpec)),
    ])

    /// batch/v1 `CronJobStatus`.
    static let cronJobStatus = ProtoMessage("CronJobStatus", [
        .repeated(1, "active", .message(.objectReference)),
        .pointer(4, "lastScheduleTime", .time),
        .pointer(5, "lastSuccessfulTime", .time),
    ])
}
