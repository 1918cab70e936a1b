// Protobuf field tables for k8s.io/api `authentication/v1` at v0.36.3: TokenRequest (`kubectl create token`).
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// authentication/v1 `TokenRequest`.
    static let tokenRequest = ProtoMessage("TokenRequest", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.tokenRequestSpec)),
        .value(3, "status", .message(.tokenRequestStatus)),
    ])

    /// authentication/v1 `TokenRequestSpec`.
    static let tokenRequestSpec = ProtoMessage("TokenRequestSpec", [
        .repeatedOrNull(1, "audiences", .string),
        .pointerOrNull(4, "expirationSeconds", .int64),
        .pointerOrNull(3, "boundObjectRef", .message(.boundObjectReference)),
    ])

    /// authentication/v1 `BoundObjectReference`.
    static let boundObjectReference = ProtoMessage("BoundObjectReference", [
        .omitEmpty(1, "kind", .string),
        .omitEmpty(2, "apiVersion", .string),
        .omitEmpty(3, "name", .string),
        .omitEmpty(4, "uid", .string),
    ])

    /// authentication/v1 `TokenRequestStatus`.
    static let tokenRequestStatus = ProtoMessage("TokenRequestStatus", [
        .value(1, "token", .string),
        .value(2, "expirationTimestamp", .time),
    ])
}
