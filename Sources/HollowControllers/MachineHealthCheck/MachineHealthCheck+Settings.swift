import HollowModel

/// A node condition that makes a Machine unhealthy once the node has held it for `timeout`
/// (`spec.unhealthyConditions[]` of a MachineHealthCheck, or one `items[]` entry of the older ConfigMap).
public struct UnhealthyCondition: Sendable, Hashable, CustomStringConvertible {
    /// The node condition's `type`, e.g. `Ready`.
    public var type: String
    /// The `status` that counts as unhealthy: `True`, `False` or `Unknown`.
    public var status: String
    /// How long the condition may hold that status, counted from its `lastTransitionTime`.
    public var timeout: Duration

    public init(type: String, status: String, timeout: Duration) {
        self.type = type
        self.status = status
        self.timeout = timeout
    }

    public var description: String { "\(type)=\(status) for \(GoDuration(timeout))" }

    /// The older machine-api-operator's conditions when neither the spec nor the `node-unhealthy-conditions`
    /// ConfigMap gives any: Ready `Unknown` or `False` for 5 minutes (`CreateDummyUnhealthyConditionsConfigMap`).
    public static let olderDefaults = [
        UnhealthyCondition(type: "Ready", status: "Unknown", timeout: .seconds(300)),
        UnhealthyCondition(type: "Ready", status: "False", timeout: .seconds(300)),
    ]
}

/// A MachineHealthCheck's spec, parsed and checked once per reconcile.
public struct MachineHealthCheckSettings: Sendable, Equatable {
    /// `machine.openshift.io`'s MachineHealthCheck honours Cluster API's pause annotation (any value): a paused check
    /// is not reconciled at all, its status left as it is.
    public static let pausedAnnotation = "cluster.x-k8s.io/paused"
    /// The older opt-in to external remediation through an annotation (`external-baremetal`), which Hollow does not
    /// implement.
    public static let remediationStrategyAnnotation = "machine.openshift.io/remediation-strategy"
    /// The machine-api-operator's default `nodeStartupTimeout`.
    public static let defaultNodeStartupTimeout: Duration = .seconds(600)

    /// `spec.selector`; an empty or missing selector selects every Machine in the namespace (as the operator does).
    public var selector: LabelSelector
    /// `spec.unhealthyConditions`, or `nil` when the spec gives none: then the `node-unhealthy-conditions`
    /// ConfigMap, else ``UnhealthyCondition/olderDefaults``, apply (``effectiveConditions(override:)``).
    public var unhealthyConditions: [UnhealthyCondition]?
    /// `spec.maxUnhealthy` as written (`100%` when unset).
    public var maxUnhealthy: MaxUnhealthy
    /// `spec.nodeStartupTimeout`; zero disables the check.
    public var nodeStartupTimeout: Duration

    /// Parses `healthCheck`'s spec.
    /// - Throws: ``MachineHealthCheckError`` naming the field: a selector that does not parse, a condition without
    ///   type or status or with a bad timeout, a bad `maxUnhealthy` or `nodeStartupTimeout`, and remediation this
    ///   controller does not implement (`spec.remediationTemplate`, the `external-baremetal` strategy), which must
    ///   not quietly become a deletion.
    public init(_ healthCheck: MachineHealthCheck) throws(MachineHealthCheckError) {
        if healthCheck.object[path: ["spec", "remediationTemplate"]].map({ !$0.isNull }) ?? false {
            throw .unsupported("spec.remediationTemplate: external remediation is not supported")
        }
        if let strategy = healthCheck.metadata.annotations[Self.remediationStrategyAnnotation] {
            throw .unsupported(
                "annotation \(Self.remediationStrategyAnnotation)=\(strategy): external remediation is not supported")
        }
        let selectorJSON = healthCheck.selector.flatMap { $0.isNull ? nil : $0 } ?? .object([:])
        do { selector = try LabelSelector(labelSelector: selectorJSON) } catch {
            throw .invalid("spec.selector", "\(error)")
        }
        if let list = healthCheck.object[path: ["spec", "unhealthyConditions"]], !list.isNull {
            guard let entries = list.arrayValue else {
                throw .invalid("spec.unhealthyConditions", "must be a list")
            }
            var conditions: [UnhealthyCondition] = []
            for (index, entry) in entries.enumerated() {
                let field = "spec.unhealthyConditions[\(index)]"
                guard let type = entry["type"]?.stringValue, !type.isEmpty else {
                    throw .invalid("\(field).type", "required")
                }
                guard let status = entry["status"]?.stringValue, !status.isEmpty else {
                    throw .invalid("\(field).status", "required")
                }
                let timeout = try Self.duration(entry["timeout"]?.stringValue ?? "", field: "\(field).timeout")
                conditions.append(UnhealthyCondition(type: type, status: status, timeout: timeout))
            }
            unhealthyConditions = conditions.isEmpty ? nil : conditions
        } else {
            unhealthyConditions = nil
        }
        maxUnhealthy = try MaxUnhealthy(healthCheck.maxUnhealthy)
        nodeStartupTimeout = try Self.duration(healthCheck.nodeStartupTimeout, field: "spec.nodeStartupTimeout")
    }

    /// Whether the check carries ``pausedAnnotation``.
    public static func isPaused(_ healthCheck: MachineHealthCheck) -> Bool {
        healthCheck.metadata.annotations[pausedAnnotation] != nil
    }

    /// The conditions to judge nodes by: the spec's; else the override ConfigMap's when there is one; else the older
    /// defaults.
    /// - Throws: ``MachineHealthCheckError`` when the spec gives none and the ConfigMap is malformed.
    public func effectiveConditions(override: ConfigMap?) throws(MachineHealthCheckError) -> [UnhealthyCondition] {
        if let unhealthyConditions { return unhealthyConditions }
        if let override { return try UnhealthyConditionsConfigMap.conditions(of: override) }
        return UnhealthyCondition.olderDefaults
    }

    /// A `metav1.Duration`: Go duration syntax, not negative.
    static func duration(_ text: String, field: String) throws(MachineHealthCheckError) -> Duration {
        let parsed: GoDuration
        do { parsed = try GoDuration(parsing: text) } catch { throw .invalid(field, error.description) }
        guard parsed.nanoseconds >= 0 else { throw .invalid(field, "must not be negative: \(text)") }
        return parsed.duration
    }
}

/// `spec.maxUnhealthy`: how many selected Machines may be unhealthy before remediation stops (the short-circuit).
///
/// An integer, or a string holding an integer (`"2"`) or a percentage (`"40%"`): the operator's fixed
/// `getIntOrPercentValue`, which unlike apimachinery's does not take every string for a percentage
/// (kubernetes/kubernetes#89082). Negative numbers are allowed and mean zero.
public enum MaxUnhealthy: Sendable, Hashable, CustomStringConvertible {
    case count(Int)
    case percent(Int)

    /// - Throws: ``MachineHealthCheckError`` for anything else (`"foo%50"`, `"1%0"`, a bool).
    public init(_ json: JSON) throws(MachineHealthCheckError) {
        if let number = json.intValue, json.stringValue == nil {
            self = .count(Int(number))
            return
        }
        guard let text = json.stringValue else {
            throw .invalid("spec.maxUnhealthy", "must be an integer or a percentage, not \(json.typeName)")
        }
        let isPercent = text.hasSuffix("%")
        guard let number = Int(isPercent ? String(text.dropLast()) : text) else {
            throw .invalid("spec.maxUnhealthy", "invalid value \"\(text)\": not an integer or a percentage")
        }
        self = isPercent ? .percent(number) : .count(number)
    }

    /// The number for `expectedMachines` targets: a percentage is rounded down (the operator passes
    /// `roundUp: false`: 40% of 5 is 2, 60% of 7 is 4), and a negative result is 0.
    public func value(expectedMachines: Int) -> Int {
        switch self {
        case .count(let count):
            return max(0, count)
        case .percent(let percent):
            return max(0, Int((Double(percent) * Double(expectedMachines) / 100).rounded(.down)))
        }
    }

    /// As written: `2` or `40%`.
    public var description: String {
        switch self {
        case .count(let count): "\(count)"
        case .percent(let percent): "\(percent)%"
        }
    }
}

/// A MachineHealthCheck (or the ConfigMap it falls back to) that cannot be acted on.
public struct MachineHealthCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Sendable, Equatable {
        case invalid
        case unsupported
    }
    private let code: Code
    public let description: String

    /// A field with a bad value.
    static func invalid(_ field: String, _ reason: String) -> MachineHealthCheckError {
        MachineHealthCheckError(code: .invalid, description: "\(field): \(reason)")
    }

    /// Something this controller deliberately does not do.
    static func unsupported(_ what: String) -> MachineHealthCheckError {
        MachineHealthCheckError(code: .unsupported, description: what)
    }

    /// Whether the check asks for something this controller does not implement (rather than being malformed).
    public var isUnsupported: Bool { code == .unsupported }
}
