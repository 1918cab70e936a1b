/// Why server-side apply or field tracking refused a request, with the `Status` kube-apiserver answers.
///
/// Conflicts (409, reason `Conflict`, one `FieldManagerConflict` cause per field) are the expected outcome callers
/// inspect through `conflicts`; the other failures map to 400 (a malformed apply configuration) or 500 (a live
/// object or managed-fields list structured-merge-diff cannot read), as in kube-apiserver.
public struct ServerSideApplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One field the applier would change that another manager owns.
    public struct Conflict: Sendable, Equatable {
        /// The owner's `manager` name.
        public var manager: String
        public var operation: ManagedFieldsEntry.Operation
        /// The owner's API version; `nil` for appliers (their identity ignores the version).
        public var apiVersion: String?
        public var subresource: String?
        public var path: FieldPath

        /// The owner as kube-apiserver prints it: `"kubectl"`, `"kubectl-client-side-apply" using v1`,
        /// `"kubectl" with subresource "scale" using apps/v1`.
        public var managerDescription: String {
            var text = goQuoted(manager)
            if let subresource { text += " with subresource \(goQuoted(subresource))" }
            if operation == .update { text += " using \(apiVersion ?? "")" }
            return text
        }
    }

    private enum Code: Sendable, Equatable {
        case conflicts([Conflict])
        case badRequest
        case internalError
        case invalidFields
    }

    private let code: Code
    /// The `Status` message.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Every conflicting field, grouped by manager in the order kube-apiserver lists them; empty for other errors.
    public var conflicts: [Conflict] {
        if case .conflicts(let conflicts) = code { return conflicts }
        return []
    }

    public var isConflict: Bool { !conflicts.isEmpty }

    public var description: String { message }

    /// The `Status` to answer with.
    public var apiError: APIError {
        switch code {
        case .conflicts(let conflicts):
            return APIError(
                code: 409, reason: .conflict, message: message,
                details: .init(
                    causes: conflicts.map {
                        .init(
                            reason: "FieldManagerConflict", message: "conflict with \($0.managerDescription)",
                            field: $0.path.description)
                    }))
        case .badRequest:
            return .badRequest(message)
        case .internalError, .invalidFields:
            // A plain Go error becomes a 500 with an empty reason (`StatusReasonUnknown`).
            return APIError(code: 500, reason: APIError.Reason(rawValue: ""), message: message)
        }
    }

    // MARK: - Factories

    /// `Apply failed with 1 conflict: conflict with "m" using v1: .data.a`, or one block per manager
    /// (`conflicts with "m":\n- .a\n- .b`) when there are several.
    static func conflicts(_ conflicts: [Conflict]) -> Self {
        if conflicts.count == 1 {
            let conflict = conflicts[0]
            return Self(
                .conflicts(conflicts),
                "Apply failed with 1 conflict: conflict with \(conflict.managerDescription): \(conflict.path)")
        }
        var lines: [String] = []
        var lastManager: String?
        for conflict in conflicts {
            let manager = conflict.managerDescription
            if manager != lastManager { lines.append("conflicts with \(manager):") }
            lastManager = manager
            lines.append("- \(conflict.path)")
        }
        return Self(
            .conflicts(conflicts),
            "Apply failed with \(conflicts.count) conflicts: " + lines.joined(separator: "\n"))
    }

    static func badRequest(_ message: String) -> Self { Self(.badRequest, message) }

    static func internalError(_ message: String) -> Self { Self(.internalError, message) }

    /// A `fieldsV1` document or managed-fields entry that cannot be read.
    static func invalidFields(_ message: String) -> Self { Self(.invalidFields, message) }

    /// The same failure with `prefix` put before its message (`failed to decode managed fields: …`).
    func prefixed(_ prefix: String) -> Self { Self(code, prefix + message) }
}

/// A value that does not fit its schema the way structured-merge-diff requires (an associative-list item without
/// keys, duplicate keys in an applied configuration): `.spec.containers: duplicate entries for key [name="a"]`.
struct StructuredValueError: Error, Sendable {
    var path: FieldPath
    var reason: String

    var message: String { path.elements.isEmpty ? reason : "\(path): \(reason)" }
}
