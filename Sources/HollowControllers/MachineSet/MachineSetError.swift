import HollowModel

/// Why the MachineSet controller cannot manage a MachineSet: its spec holds something the operator's validation
/// refuses. The controller reports it in `status.errorReason`/`errorMessage` and an Event, and does not retry until
/// the MachineSet changes.
public struct MachineSetError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case invalidSelector
        case emptySelector
        case selectorDoesNotMatchTemplate
        case unsupportedDeletePolicy
    }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// The `errorReason` the status carries: `InvalidConfiguration`, as the operator's `MachineStatusError` names a
    /// spec it cannot act on.
    public var reason: String { "InvalidConfiguration" }

    static func invalidSelector(_ error: SelectorError) -> MachineSetError {
        MachineSetError(.invalidSelector, "spec.selector: Invalid value: invalid label selector: \(error.message)")
    }

    static let emptySelector = MachineSetError(
        .emptySelector, "spec.selector: Invalid value: empty selector is not valid for MachineSet")

    static let selectorDoesNotMatchTemplate = MachineSetError(
        .selectorDoesNotMatchTemplate, "spec.template.metadata.labels: Invalid value: `selector` does not match template `labels`")

    static func unsupportedDeletePolicy(_ value: String) -> MachineSetError {
        MachineSetError(
            .unsupportedDeletePolicy,
            "unsupported delete policy \(value), must be one of 'Random', 'Newest', or 'Oldest'")
    }
}
