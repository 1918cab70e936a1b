import HollowModel

/// The create-only review resources, answered without storing anything: authorization.k8s.io/v1
/// `selfsubjectaccessreviews` (`kubectl auth can-i`), `subjectaccessreviews` (`--as` from a webhook or controller),
/// `localsubjectaccessreviews`, `selfsubjectrulesreviews` (`kubectl auth can-i --list`), and authentication.k8s.io/v1
/// `selfsubjectreviews` (`kubectl auth whoami`).
public enum AccessReviews {
    /// The resources `create` answers (`tokenreviews` needs an authenticator and is the HTTP layer's).
    public static let resources: Set<String> = [
        "selfsubjectaccessreviews", "subjectaccessreviews", "localsubjectaccessreviews", "selfsubjectrulesreviews",
        "selfsubjectreviews",
    ]

    /// Answers a create of one of `resources` with the review and its `status` filled in (the server replies 201).
    /// - Parameters:
    ///   - body: the decoded request body.
    ///   - namespace: the namespace in the URL (localsubjectaccessreviews only).
    ///   - requester: who asks, after impersonation; self reviews are about this user.
    ///   - now: seconds since the epoch, for a SelfSubjectReview's `creationTimestamp`.
    /// - Throws: 422 with kube's validation messages (`spec.user: Invalid value: "": at least one of user or group
    ///   must be specified`), 400 for a missing namespace, 404 for another resource.
    public static func create(
        resource: String, body: JSON, namespace: String?, requester: UserInfo, authorizer: RBACAuthorizer, now: Double
    ) throws(APIError) -> JSON {
        let spec = body["spec"] ?? .object([:])
        switch resource {
        case "selfsubjectaccessreviews":
            let errors = validateAttributes(spec) + validateEmptyMetadata(body["metadata"], exceptNamespace: false)
            try check(errors, kind: "SelfSubjectAccessReview")
            let status = authorizer.review(attributes(spec, user: requester))
            return respond(body, kind: "SelfSubjectAccessReview", status: status.json)

        case "subjectaccessreviews":
            let errors = validateSubjectSpec(spec) + validateEmptyMetadata(body["metadata"], exceptNamespace: false)
            try check(errors, kind: "SubjectAccessReview")
            let status = authorizer.review(attributes(spec, user: subject(spec)))
            return respond(body, kind: "SubjectAccessReview", status: status.json)

        case "localsubjectaccessreviews":
            guard let namespace, !namespace.isEmpty else {
                throw .badRequest("namespace is required on this type: ")
            }
            var body = body
            let bodyNamespace = body[path: ["metadata", "namespace"]]?.stringValue ?? ""
            if bodyNamespace.isEmpty {
                body[path: ["metadata", "namespace"]] = .string(namespace)
            } else if bodyNamespace != namespace {
                throw .badRequest(
                    "the namespace of the provided object does not match the namespace sent on the request")
            }
            var errors = validateSubjectSpec(spec) + validateEmptyMetadata(body["metadata"], exceptNamespace: true)
            if let resourceAttributes = present(spec["resourceAttributes"]) {
                let requested = resourceAttributes["namespace"]?.stringValue ?? ""
                if requested != namespace {
                    errors.append(
                        .invalid(
                            "spec.resourceAttributes.namespace", .string(requested), "must match metadata.namespace"))
                }
            }
            if let nonResource = present(spec["nonResourceAttributes"]) {
                errors.append(
                    goSyntaxInvalid(
                        "spec.nonResourceAttributes", nonResourceGoSyntax(nonResource),
                        "disallowed on this kind of request"))
            }
            try check(errors, kind: "LocalSubjectAccessReview")
            let status = authorizer.review(attributes(spec, user: subject(spec)))
            return respond(body, kind: "LocalSubjectAccessReview", status: status.json)

        case "selfsubjectrulesreviews":
            guard let reviewNamespace = spec["namespace"]?.stringValue, !reviewNamespace.isEmpty else {
                throw .badRequest("no namespace on request")
            }
            return respond(
                body, kind: "SelfSubjectRulesReview",
                status: authorizer.rules(for: requester, namespace: reviewNamespace).json)

        case "selfsubjectreviews":
            return [
                "kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
                "metadata": ["creationTimestamp": .string(Timestamp(seconds: now).rfc3339)],
                "status": ["userInfo": requester.json],
            ]

        default:
            throw .notFound(group: "", resource: resource, name: "")
        }
    }

    /// The request the review's `spec` asks about, made by `user`.
    static func attributes(_ spec: JSON, user: UserInfo) -> AuthorizationAttributes {
        if let resource = present(spec["resourceAttributes"]) {
            func field(_ key: String) -> String { resource[key]?.stringValue ?? "" }
            let version = field("version")
            return AuthorizationAttributes(
                user: user, verb: field("verb"), apiGroup: field("group"), apiVersion: version.isEmpty ? "*" : version,
                resource: field("resource"), subresource: field("subresource"), namespace: field("namespace"),
                name: field("name"))
        }
        let nonResource = spec["nonResourceAttributes"]
        return AuthorizationAttributes(
            user: user, verb: nonResource?["verb"]?.stringValue ?? "", path: nonResource?["path"]?.stringValue ?? "")
    }

    /// The user a SubjectAccessReview asks about: `spec.user`, `groups`, `uid`, `extra`.
    static func subject(_ spec: JSON) -> UserInfo {
        var extra: [String: [String]] = [:]
        for member in spec["extra"]?.objectValue ?? [:] { extra[member.key] = stringValues(member.value) }
        return UserInfo(
            name: spec["user"]?.stringValue ?? "", uid: spec["uid"]?.stringValue ?? "",
            groups: stringValues(spec["groups"]),
            extra: extra)
    }

    /// `ValidateSelfSubjectAccessReviewSpec`: exactly one of resourceAttributes and nonResourceAttributes.
    static func validateAttributes(_ spec: JSON) -> [FieldError] {
        let resource = present(spec["resourceAttributes"])
        let nonResource = present(spec["nonResourceAttributes"])
        if resource != nil, let nonResource {
            return [
                goSyntaxInvalid(
                    "spec.nonResourceAttributes", nonResourceGoSyntax(nonResource),
                    "cannot be specified in combination with resourceAttributes")
            ]
        }
        if resource == nil, nonResource == nil {
            // kube reports the (nil) nonResourceAttributes, which Go renders as the string "null".
            return [
                .invalid(
                    "spec.resourceAttributes", .string("null"),
                    "exactly one of nonResourceAttributes or resourceAttributes must be specified")
            ]
        }
        return []
    }

    /// `ValidateSubjectAccessReviewSpec`: the attributes rule, and a user or a group to ask about.
    static func validateSubjectSpec(_ spec: JSON) -> [FieldError] {
        var errors = validateAttributes(spec)
        let user = spec["user"]?.stringValue ?? ""
        if user.isEmpty, stringValues(spec["groups"]).isEmpty {
            errors.append(.invalid("spec.user", .string(user), "at least one of user or group must be specified"))
        }
        return errors
    }

    /// Reviews carry no metadata (a LocalSubjectAccessReview its namespace); kubectl's `creationTimestamp: null` and
    /// other zero values count as absent, as they decode to Go's zero `ObjectMeta`.
    static func validateEmptyMetadata(_ metadata: JSON?, exceptNamespace: Bool) -> [FieldError] {
        guard let members = metadata?.objectValue else { return [] }
        let ignored: Set<String> = exceptNamespace ? ["managedFields", "namespace"] : ["managedFields"]
        let empty = members.allSatisfy { member in
            if ignored.contains(member.key) { return true }
            switch member.value {
            case .null, .string(""), .int(0), .bool(false): return true
            case .array(let elements): return elements.isEmpty
            case .object(let object): return object.isEmpty
            default: return false
            }
        }
        if empty { return [] }
        return [
            .invalid(
                "metadata", metadata ?? .null, exceptNamespace ? "must be empty except for namespace" : "must be empty")
        ]
    }

    private static func check(_ errors: [FieldError], kind: String) throws(APIError) {
        if !errors.isEmpty { throw .invalid(group: "authorization.k8s.io", kind: kind, name: "", errors: errors) }
    }

    private static func respond(_ body: JSON, kind: String, status: JSON) -> JSON {
        var response = body
        response["kind"] = .string(kind)
        response["apiVersion"] = "authorization.k8s.io/v1"
        if response["metadata"] == nil { response["metadata"] = .object([:]) }
        response["status"] = status
        return response
    }

    /// A member that Go would decode to a non-nil pointer.
    private static func present(_ json: JSON?) -> JSON? {
        guard let json, !json.isNull else { return nil }
        return json
    }

    private static func nonResourceGoSyntax(_ json: JSON) -> String {
        "authorization.NonResourceAttributes{Path:\(quoted(json["path"]?.stringValue ?? "")), Verb:\(quoted(json["verb"]?.stringValue ?? ""))}"
    }
}

/// An `Invalid value` error whose value Go prints with `%#v` (a struct or slice), which FieldError cannot render
/// from JSON: the rendering goes ahead of the detail.
func goSyntaxInvalid(_ field: String, _ rendered: String, _ detail: String) -> FieldError {
    FieldError(.invalid, field: field, detail: rendered + ": " + detail)
}
