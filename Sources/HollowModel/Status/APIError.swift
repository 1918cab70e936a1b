/// The error every API failure becomes: a `metav1.Status` with the code, reason, message and details kube-apiserver
/// gives. The server renders it; clients decode it, so both sides speak `Status`.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `metav1.StatusReason` values.
    public struct Reason: RawRepresentable, Sendable, Hashable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { rawValue = value }

        public static let notFound: Reason = "NotFound"
        public static let alreadyExists: Reason = "AlreadyExists"
        public static let conflict: Reason = "Conflict"
        public static let invalid: Reason = "Invalid"
        public static let badRequest: Reason = "BadRequest"
        public static let unauthorized: Reason = "Unauthorized"
        public static let forbidden: Reason = "Forbidden"
        public static let methodNotAllowed: Reason = "MethodNotAllowed"
        public static let notAcceptable: Reason = "NotAcceptable"
        public static let unsupportedMediaType: Reason = "UnsupportedMediaType"
        public static let requestEntityTooLarge: Reason = "RequestEntityTooLarge"
        public static let expired: Reason = "Expired"
        public static let gone: Reason = "Gone"
        public static let timeout: Reason = "Timeout"
        public static let tooManyRequests: Reason = "TooManyRequests"
        public static let internalError: Reason = "InternalError"
        public static let serviceUnavailable: Reason = "ServiceUnavailable"
    }

    /// `metav1.StatusCause`.
    public struct Cause: Sendable, Equatable {
        public var reason: String
        public var message: String
        public var field: String?
        public init(reason: String, message: String, field: String? = nil) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    /// `metav1.StatusDetails`.
    public struct Details: Sendable, Equatable {
        public var name: String?
        public var group: String?
        public var kind: String?
        public var uid: String?
        public var causes: [Cause]
        public var retryAfterSeconds: Int?
        public init(
            name: String? = nil, group: String? = nil, kind: String? = nil, uid: String? = nil,
            causes: [Cause] = [], retryAfterSeconds: Int? = nil
        ) {
            self.name = name
            self.group = group
            self.kind = kind
            self.uid = uid
            self.causes = causes
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    public var code: Int
    public var reason: Reason
    public var message: String
    public var details: Details?

    public init(code: Int, reason: Reason, message: String, details: Details? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public var description: String { message }

    public var isNotFound: Bool { reason == .notFound }
    public var isAlreadyExists: Bool { reason == .alreadyExists }
    public var isConflict: Bool { reason == .conflict }
    public var isInvalid: Bool { reason == .invalid }
    public var isGone: Bool { code == 410 }
}

// MARK: - Factories (apimachinery pkg/api/errors)

extension APIError {
    /// `pods "x"` or `machines.machine.openshift.io "x"`.
    static func qualified(_ group: String, _ resource: String) -> String {
        group.isEmpty ? resource : "\(resource).\(group)"
    }

    public static func notFound(group: String, resource: String, name: String) -> APIError {
        APIError(
            code: 404, reason: .notFound, message: "\(qualified(group, resource)) \"\(name)\" not found",
            details: Details(name: name, group: group, kind: resource))
    }

    public static func alreadyExists(group: String, resource: String, name: String) -> APIError {
        APIError(
            code: 409, reason: .alreadyExists, message: "\(qualified(group, resource)) \"\(name)\" already exists",
            details: Details(name: name, group: group, kind: resource))
    }

    public static func conflict(group: String, resource: String, name: String, _ detail: String) -> APIError {
        APIError(
            code: 409, reason: .conflict,
            message: "Operation cannot be fulfilled on \(qualified(group, resource)) \"\(name)\": \(detail)",
            details: Details(name: name, group: group, kind: resource))
    }

    public static func modified(group: String, resource: String, name: String) -> APIError {
        conflict(
            group: group, resource: resource, name: name,
            "the object has been modified; please apply your changes to the latest version and try again")
    }

    /// 422 with one cause per field error: `Pod "x" is invalid: [a, b]`.
    public static func invalid(group: String, kind: String, name: String, errors: [FieldError]) -> APIError {
        let summary: String
        switch errors.count {
        case 0: summary = "<nil>"
        case 1: summary = errors[0].description
        default: summary = "[" + errors.map(\.description).joined(separator: ", ") + "]"
        }
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        return APIError(
            code: 422, reason: .invalid, message: "\(qualifiedKind) \"\(name)\" is invalid: \(summary)",
            details: Details(
                name: name, group: group, kind: kind,
                causes: errors.map {
                    Cause(reason: $0.kind.rawValue, message: $0.messageWithoutField, field: $0.field)
                }))
    }

    public static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: .badRequest, message: message)
    }

    public static let unauthorized = APIError(code: 401, reason: .unauthorized, message: "Unauthorized")

    public static func forbidden(
        user: String, verb: String, resource: String, group: String, namespace: String?, name: String? = nil,
        subresource: String? = nil, reason: String = ""
    ) -> APIError {
        let resourceText = subresource.map { "\(resource)/\($0)" } ?? resource
        var message = "\(name.map { "\(qualified(group, resource)) \"\($0)\"" } ?? qualified(group, resource)) is forbidden: "
        message += "User \"\(user)\" cannot \(verb) resource \"\(resourceText)\" in API group \"\(group)\""
        if let namespace, !namespace.isEmpty {
            message += " in the namespace \"\(namespace)\""
        } else {
            message += " at the cluster scope"
        }
        if !reason.isEmpty { message += ": \(reason)" }
        return APIError(
            code: 403, reason: .forbidden, message: message,
            details: Details(name: name, group: group, kind: resource))
    }

    public static func forbidden(_ message: String) -> APIError {
        APIError(code: 403, reason: .forbidden, message: message)
    }

    public static let methodNotAllowed = APIError(
        code: 405, reason: .methodNotAllowed, message: "the server does not allow this method on the requested resource")

    public static func notAcceptable(_ accepted: [String]) -> APIError {
        APIError(
            code: 406, reason: .notAcceptable,
            message: "only the following media types are accepted: \(accepted.joined(separator: ", "))")
    }

    public static func unsupportedMediaType(_ contentType: String, supported: [String]) -> APIError {
        APIError(
            code: 415, reason: .unsupportedMediaType,
            message: "the body of the request was in an unknown format - accepted media types include: "
                + supported.joined(separator: ", "))
    }

    public static func requestEntityTooLarge(limit: Int) -> APIError {
        APIError(
            code: 413, reason: .requestEntityTooLarge, message: "Request entity too large: limit is \(limit)")
    }

    /// 410 for a resourceVersion older than the server still has events for.
    public static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: .expired, message: message)
    }

    public static func tooOldResourceVersion(requested: Int64, oldest: Int64) -> APIError {
        expired("too old resource version: \(requested) (\(oldest))")
    }

    public static func internalError(_ message: String) -> APIError {
        APIError(
            code: 500, reason: .internalError, message: "Internal error occurred: \(message)",
            details: Details(causes: [Cause(reason: "", message: message)]))
    }

    public static func timeout(_ message: String) -> APIError {
        APIError(code: 504, reason: .timeout, message: message)
    }

    public static func serviceUnavailable(_ message: String) -> APIError {
        APIError(code: 503, reason: .serviceUnavailable, message: message)
    }
}

// MARK: - Status objects

extension APIError {
    /// The `Status` object for this error.
    public var status: JSON {
        var object: JSONObject = [
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": .object([:]),
            "status": "Failure",
            "message": .string(message),
            "reason": .string(reason.rawValue),
        ]
        if let details {
            var d = JSONObject()
            if let name = details.name { d["name"] = .string(name) }
            if let group = details.group { d["group"] = .string(group) }
            if let kind = details.kind { d["kind"] = .string(kind) }
            if let uid = details.uid { d["uid"] = .string(uid) }
            if !details.causes.isEmpty {
                d["causes"] = .array(
                    details.causes.map { cause in
                        var c: JSONObject = ["reason": .string(cause.reason), "message": .string(cause.message)]
                        if let field = cause.field { c["field"] = .string(field) }
                        return .object(c)
                    })
            }
            if let retry = details.retryAfterSeconds { d["retryAfterSeconds"] = .int(Int64(retry)) }
            object["details"] = .object(d)
        }
        object["code"] = .int(Int64(code))
        return .object(object)
    }

    /// Reads a `Status` object back (the client side of the contract); `nil` if `json` is not a failure Status.
    public init?(status json: JSON) {
        guard json["kind"]?.stringValue == "Status", json["status"]?.stringValue == "Failure",
            let code = json["code"]?.intValue
        else { return nil }
        var details: Details?
        if let d = json["details"]?.objectValue {
            details = Details(
                name: d["name"]?.stringValue, group: d["group"]?.stringValue, kind: d["kind"]?.stringValue,
                uid: d["uid"]?.stringValue,
                causes: (d["causes"]?.arrayValue ?? []).map {
                    Cause(
                        reason: $0["reason"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "",
                        field: $0["field"]?.stringValue)
                },
                retryAfterSeconds: d["retryAfterSeconds"]?.intValue.map(Int.init))
        }
        self.init(
            code: Int(code), reason: Reason(rawValue: json["reason"]?.stringValue ?? ""),
            message: json["message"]?.stringValue ?? "", details: details)
    }

    /// A `Status` reporting success, as DELETE returns for most resources.
    public static func successStatus(name: String, group: String, kind: String, uid: String?) -> JSON {
        var details: JSONObject = ["name": .string(name), "group": .string(group), "kind": .string(kind)]
        if let uid { details["uid"] = .string(uid) }
        return [
            "kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success",
            "details": .object(details),
        ]
    }
}
