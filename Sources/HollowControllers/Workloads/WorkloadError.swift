import HollowModel

/// Why a workload controller cannot decide anything for an object: its spec holds a value kube's validation would have
/// refused (a malformed selector, a `maxSurge` that is neither a number nor a percentage) or a strategy it does not know.
///
/// The reconciler logs it and does not retry until the object changes; nothing half-done is returned.
public struct WorkloadError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case invalidSelector
        case invalidIntOrPercent
        case unsupportedStrategy
    }

    private let code: Code
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    /// `spec.selector` does not parse, e.g. `error converting pod selector to selector for rs default/web: …`.
    static func invalidSelector(_ kind: String, _ key: String, _ error: SelectorError) -> WorkloadError {
        WorkloadError(.invalidSelector, "invalid label selector of \(kind) \(key): \(error.message)")
    }

    /// apimachinery's `intstr` message, e.g. `invalid value for IntOrString: invalid type: string is not a percentage`.
    static func invalidIntOrPercent(_ reason: String) -> WorkloadError {
        WorkloadError(.invalidIntOrPercent, "invalid value for IntOrString: \(reason)")
    }

    /// `unexpected deployment strategy type: Canary`, as the deployment controller reports it.
    static func unsupportedStrategy(_ message: String) -> WorkloadError {
        WorkloadError(.unsupportedStrategy, message)
    }
}
