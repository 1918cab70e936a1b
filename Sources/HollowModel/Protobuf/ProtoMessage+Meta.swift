// Protobuf field tables for k8s.io/apimachinery `pkg/apis/meta/v1` at v0.36.3: ObjectMeta and what it holds
// (OwnerReference, ManagedFieldsEntry), LabelSelector, Condition.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// meta/v1 `ObjectMeta`.
    static let objectMeta = ProtoMessage("ObjectMeta", [
        .omitEmpty(1, "name", .string),
        .omitEmpty(2, "generateName", .string),
        .omitEmpty(3, "namespace", .string),
        .omitEmpty(4, "selfLink", .string),
        .omitEmpty(5, "uid", .string),
        .omitEmpty(6, "resourceVersion", .string),
        .omitEmpty(7, "generation", .int64),
        .omitEmpty(8, "creationTimestamp", .time),
        .pointer(9, "deletionTimestamp", .time),
        .pointer(10, "deletionGracePeriodSeconds", .int64),
        .map(11, "labels", .string),
        .map(12, "annotations", .string),
        .repeated(13, "ownerReferences", .message(.ownerReference)),
        .repeated(14, "finalizers", .string),
        .repeated(17, "managedFields", .message(.managedFieldsEntry)),
    ])

    /// meta/v1 `OwnerReference`.
    static let ownerReference = ProtoMessage("OwnerReference", [
        .value(5, "apiVersion", .string),
        .value(1, "kind", .string),
        .value(3, "name", .string),
        .value(4, "uid", .string),
        .pointer(6, "controller", .bool),
        .pointer(7, "blockOwnerDeletion", .bool),
    ])

    /// meta/v1 `ManagedFieldsEntry`.
    static let managedFieldsEntry = ProtoMessage("ManagedFieldsEntry", [
        .omitEmpty(1, "manager", .string),
        .omitEmpty(2, "operation", .string),
        .omitEmpty(3, "apiVersion", .string),
        .pointer(4, "time", .time),
        .omitEmpty(6, "fieldsType", .string),
        .pointer(7, "fieldsV1", .rawJSON),
        .omitEmpty(8, "subresource", .string),
    ])

    /// meta/v1 `Condition`.
    static let condition = ProtoMessage("Condition", [
        .value(1, "type", .string),
        .value(2, "status", .string),
        .omitEmpty(3, "observedGeneration", .int64),
        .value(4, "lastTransitionTime", .time),
        .value(5, "reason", .string),
        .value(6, "message", .string),
    ])

    /// meta/v1 `LabelSelector`.
    static let labelSelector = ProtoMessage("LabelSelector", [
        .map(1, "matchLabels", .string),
        .repeated(2, "matchExpressions", .message(.labelSelectorRequirement)),
    ])

    /// meta/v1 `LabelSelectorRequirement`.
    static let labelSelectorRequirement = ProtoMessage("LabelSelectorRequirement", [
        .value(1, "key", .string),
        .value(2, "operator", .string),
        .repeated(3, "values", .string),
    ])
}
