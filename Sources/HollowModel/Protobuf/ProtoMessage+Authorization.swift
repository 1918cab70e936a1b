// Protobuf field tables for k8s.io/api `authorization/v1` (access and rules reviews, `kubectl auth can-i`) and the
// review kinds of `authentication/v1`. Field numbers from the types' `generated.proto`; JSON names and `omitempty`
// from their `json:` tags. `extra` maps (user extras) are not decoded. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// authorization/v1 `SelfSubjectAccessReview`.
    static let selfSubjectAccessReview = ProtoMessage("SelfSubjectAccessReview", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.selfSubjectAccessReviewSpec)),
        .value(3, "status", .message(.subjectAccessReviewStatus)),
    ])

    /// authorization/v1 `SubjectAccessReview` and `LocalSubjectAccessReview`.
    static let subjectAccessReview = ProtoMessage("SubjectAccessReview", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.subjectAccessReviewSpec)),
        .value(3, "status", .message(.subjectAccessReviewStatus)),
    ])

    /// authorization/v1 `SelfSubjectRulesReview`.
    static let selfSubjectRulesReview = ProtoMessage("SelfSubjectRulesReview", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.selfSubjectRulesReviewSpec)),
        .value(3, "status", .message(.subjectRulesReviewStatus)),
    ])

    static let selfSubjectAccessReviewSpec = ProtoMessage("SelfSubjectAccessReviewSpec", [
        .pointer(1, "resourceAttributes", .message(.resourceAttributes)),
        .pointer(2, "nonResourceAttributes", .message(.nonResourceAttributes)),
    ])

    static let subjectAccessReviewSpec = ProtoMessage("SubjectAccessReviewSpec", [
        .pointer(1, "resourceAttributes", .message(.resourceAttributes)),
        .pointer(2, "nonResourceAttributes", .message(.nonResourceAttributes)),
        .omitEmpty(3, "user", .string),
        .repeated(4, "groups", .string),
        .omitEmpty(6, "uid", .string),
    ])

    static let resourceAttributes = ProtoMessage("ResourceAttributes", [
        .omitEmpty(1, "namespace", .string),
        .omitEmpty(2, "verb", .string),
        .omitEmpty(3, "group", .string),
        .omitEmpty(4, "version", .string),
        .omitEmpty(5, "resource", .string),
        .omitEmpty(6, "subresource", .string),
        .omitEmpty(7, "name", .string),
    ])

    static let nonResourceAttributes = ProtoMessage("NonResourceAttributes", [
        .omitEmpty(1, "path", .string),
        .omitEmpty(2, "verb", .string),
    ])

    static let subjectAccessReviewStatus = ProtoMessage("SubjectAccessReviewStatus", [
        .value(1, "allowed", .bool),
        .omitEmpty(4, "denied", .bool),
        .omitEmpty(2, "reason", .string),
        .omitEmpty(3, "evaluationError", .string),
    ])

    static let selfSubjectRulesReviewSpec = ProtoMessage("SelfSubjectRulesReviewSpec", [
        .omitEmpty(1, "namespace", .string),
    ])

    static let subjectRulesReviewStatus = ProtoMessage("SubjectRulesReviewStatus", [
        .repeatedOrNull(1, "resourceRules", .message(.reviewResourceRule)),
        .repeatedOrNull(2, "nonResourceRules", .message(.reviewNonResourceRule)),
        .value(3, "incomplete", .bool),
        .omitEmpty(4, "evaluationError", .string),
    ])

    static let reviewResourceRule = ProtoMessage("ResourceRule", [
        .repeatedOrNull(1, "verbs", .string),
        .repeated(2, "apiGroups", .string),
        .repeated(3, "resources", .string),
        .repeated(4, "resourceNames", .string),
    ])

    static let reviewNonResourceRule = ProtoMessage("NonResourceRule", [
        .repeatedOrNull(1, "verbs", .string),
        .repeated(2, "nonResourceURLs", .string),
    ])

    /// authentication/v1 `TokenReview`.
    static let tokenReview = ProtoMessage("TokenReview", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.tokenReviewSpec)),
        .value(3, "status", .message(.tokenReviewStatus)),
    ])

    static let tokenReviewSpec = ProtoMessage("TokenReviewSpec", [
        .omitEmpty(1, "token", .string),
        .repeated(2, "audiences", .string),
    ])

    static let tokenReviewStatus = ProtoMessage("TokenReviewStatus", [
        .omitEmpty(1, "authenticated", .bool),
        .omitEmpty(2, "user", .message(.authenticationUserInfo)),
        .repeated(4, "audiences", .string),
        .omitEmpty(3, "error", .string),
    ])

    /// authentication/v1 `SelfSubjectReview` (`kubectl auth whoami`).
    static let selfSubjectReview = ProtoMessage("SelfSubjectReview", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "status", .message(.selfSubjectReviewStatus)),
    ])

    static let selfSubjectReviewStatus = ProtoMessage("SelfSubjectReviewStatus", [
        .omitEmpty(1, "userInfo", .message(.authenticationUserInfo)),
    ])

    static let authenticationUserInfo = ProtoMessage("UserInfo", [
        .omitEmpty(1, "username", .string),
        .omitEmpty(2, "uid", .string),
        .repeated(3, "groups", .string),
    ])
}
