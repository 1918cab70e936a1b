import HollowModel

/// Why a CustomResourceDefinition cannot be served.
public struct CustomResourceDefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case invalid
        case unservableColumn
    }

    private let code: Code
    /// What is wrong, in kube-apiserver's words where it has them.
    public let message: String
    /// The validation errors of an invalid CRD, with their field paths.
    public let causes: [FieldError]

    private init(_ code: Code, _ message: String, causes: [FieldError] = []) {
        self.code = code
        self.message = message
        self.causes = causes
    }

    public var description: String { message }

    /// The CRD fails validation (`CustomResourceDefinition.apiextensions.k8s.io "x" is invalid: …`).
    public static func invalid(name: String, causes: [FieldError]) -> Self {
        let error = APIError.invalid(
            group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", name: name, errors: causes)
        return Self(.invalid, error.message, causes: causes)
    }

    /// A printer column's JSONPath does not parse (kube-apiserver: `unrecognized column definition`).
    static func unservableColumn(_ jsonPath: String, reason: String) -> Self {
        Self(.unservableColumn, "unrecognized column definition \(GoFormat.quote(jsonPath)): \(reason)")
    }

    public var isInvalid: Bool { code == .invalid }

    /// The `422 Invalid` API error a create or update of the CRD answers with.
    public func apiError(name: String) -> APIError {
        .invalid(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", name: name, errors: causes)
    }
}
