// Protobuf field tables for k8s.io/api `scheduling/v1` at v0.36.3: PriorityClass.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// scheduling/v1 `PriorityClass`.
    static let priorityClass = ProtoMessage("PriorityClass", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "value", .int32),
        .omitEmpty(3, "globalDefault", .bool),
        .omitEmpty(4, "description", .string),
        .pointer(5, "preemptionPolicy", .string),
    ])
}
