import HollowModel
import HollowRuntime

/// What a provider implements so that the machine controller can back Machines with instances (the
/// machine-api-operator's `Actuator`: create, exists, update, delete — the kubemark actuator proposal's four calls).
///
/// Calls are idempotent and level-based: `create` for a Machine whose instance already exists returns it, `delete`
/// of a gone instance reports ``MachineDeletionProgress/deleted``. An outcome that is not ready yet throws
/// ``MachineActuatorError/requeue(after:_:)``; one that will never succeed throws an error with a
/// ``MachineErrorReason``, and the machine controller then moves the Machine to `Failed` with that reason and message.
public protocol MachineActuator: Sendable {
    /// Whether the Machine's instance exists.
    func exists(_ machine: Machine) async throws -> Bool
    /// Creates the Machine's instance (or returns the one that exists).
    func create(_ machine: Machine) async throws -> MachineInstance
    /// Brings the instance in line with the Machine and reports what the Machine's status should show.
    func update(_ machine: Machine) async throws -> MachineInstance
    /// Deletes the Machine's instance; ``MachineDeletionProgress/inProgress(retryAfter:)`` while it goes away.
    func delete(_ machine: Machine) async throws -> MachineDeletionProgress
    /// The actuator the machine controller uses, given the controllers' shared informers: a provider whose instances
    /// are API objects can read them from the informers' caches, as controller-runtime's cached client does, rather
    /// than with a request per call. The default is the actuator itself.
    func reading(through informers: SharedInformerFactory) -> any MachineActuator
}

extension MachineActuator {
    public func reading(through informers: SharedInformerFactory) -> any MachineActuator { self }
}

/// What an instance reports back to its Machine.
public struct MachineInstance: Sendable, Equatable {
    /// `spec.providerID`.
    public var providerID: String
    /// `status.addresses`: `[{type, address}]`.
    public var addresses: [JSON]
    /// The Node the instance registers (or will register) as, when the provider knows it.
    public var nodeName: String?
    /// Labels the Machine should carry for its instance: ``MachineAPI/instanceTypeLabel``, ``MachineAPI/regionLabel``,
    /// ``MachineAPI/zoneLabel`` (what the operator's providers set and `kubectl get machines` shows).
    public var labels: [String: String]

    public init(providerID: String, addresses: [JSON] = [], nodeName: String? = nil, labels: [String: String] = [:]) {
        self.providerID = providerID
        self.addresses = addresses
        self.nodeName = nodeName
        self.labels = labels
    }
}

/// Where a deletion stands.
public enum MachineDeletionProgress: Sendable, Equatable {
    case deleted
    case inProgress(retryAfter: Duration)
}

/// `status.errorReason` values (`machine.openshift.io/v1beta1` `MachineStatusError`).
public struct MachineErrorReason: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let invalidConfiguration = MachineErrorReason(rawValue: "InvalidConfiguration")
    public static let unsupported = MachineErrorReason(rawValue: "Unsupported")
    public static let insufficientResources = MachineErrorReason(rawValue: "InsufficientResources")
    public static let createError = MachineErrorReason(rawValue: "CreateError")
    public static let updateError = MachineErrorReason(rawValue: "UpdateError")
    public static let deleteError = MachineErrorReason(rawValue: "DeleteError")
    public static let joinClusterTimeout = MachineErrorReason(rawValue: "JoinClusterTimeoutError")

    public var description: String { rawValue }
}

/// An actuator outcome other than success: not yet (retry after a while), or never (the Machine fails with a reason).
public struct MachineActuatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Set for terminal failures: the Machine goes `Failed` with this reason and ``message``.
    public let reason: MachineErrorReason?
    /// Set when the call should simply be made again after this long.
    public let retryAfter: Duration?
    public let message: String

    private init(reason: MachineErrorReason?, retryAfter: Duration?, message: String) {
        self.reason = reason
        self.retryAfter = retryAfter
        self.message = message
    }

    /// Not done yet: call again after `delay`.
    public static func requeue(after delay: Duration, _ message: String) -> MachineActuatorError {
        MachineActuatorError(reason: nil, retryAfter: delay, message: message)
    }

    /// Will never succeed: the Machine fails with `reason` and `message`.
    public static func failed(_ reason: MachineErrorReason, _ message: String) -> MachineActuatorError {
        MachineActuatorError(reason: reason, retryAfter: nil, message: message)
    }

    public var description: String { reason.map { "\($0): \(message)" } ?? message }
}
