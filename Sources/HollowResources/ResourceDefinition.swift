import HollowModel


/// Everything the server needs to serve one resource: its names for discovery, how it is stored and indexed, how
/// it is printed as a table, and its strategy (defaults, validation, server-owned fields).
///
/// Built-in resources are declared in `BuiltinResources`; custom resources get one per served version from their
/// CustomResourceDefinition.
public struct ResourceDefinition: Sendable {
    public var group: String
    public var version: String
    public var kind: String
    public var plural: String
    public var singular: String
    public var namespaced: Bool
    public var shortNames: [String]
    public var categories: [String]
    public var subresources: [Subresource]
    /// Table columns, NAME first where the printer has it; a column with `priority: 1` shows with `-o wide`.
    public var columns: [TableColumn]
    /// Field selectors this resource supports beyond `metadata.name` and `metadata.namespace`, each with how to
    /// read the field's value from an object.
    public var selectableFields: [SelectableField]
    public var strategy: ResourceStrategy
    /// The verbs served on the main resource.
    public var verbs: [String]
    /// Whether DELETE answers with the deleted object (pods, service accounts) rather than a success `Status`.
    public var deleteReturnsObject: Bool
    /// Whether `metadata.generation` is kept (1 on create, +1 on each spec change). kube-apiserver keeps it for
    /// workload and custom resources, not for core types such as ConfigMap or Node.
    public var tracksGeneration: Bool
    /// How names are validated (DNS subdomain for most; DNS label for namespaces, RFC 1035 label for services).
    public var nameValidator: NameValidator
    /// The OpenAPI v3 schema of the kind for a resource that is not built in (a custom resource's
    /// `openAPIV3Schema`): a top-level object schema without `apiVersion`, `kind` and `metadata`, which the OpenAPI
    /// documents add. `nil` for built-in resources, whose schemas are hand-authored, and for resources served
    /// without one (documented as an object that preserves unknown fields).
    public var openAPISchema: JSON?

    public init(
        group: String, version: String, kind: String, plural: String, singular: String? = nil, namespaced: Bool,
        shortNames: [String] = [], categories: [String] = [], subresources: [Subresource] = [],
        columns: [TableColumn] = [], selectableFields: [SelectableField] = [],
        strategy: ResourceStrategy = ResourceStrategy(),
        verbs: [String] = ResourceDefinition.allVerbs, deleteReturnsObject: Bool = false,
        openAPISchema: JSON? = nil, nameValidator: NameValidator = .dnsSubdomain, tracksGeneration: Bool = true
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.singular = singular ?? kind.lowercased()
        self.namespaced = namespaced
        self.shortNames = shortNames
        self.categories = categories
        self.subresources = subresources
        self.columns = columns
        self.selectableFields = selectableFields
        self.strategy = strategy
        self.verbs = verbs
        self.deleteReturnsObject = deleteReturnsObject
        self.openAPISchema = openAPISchema
        self.nameValidator = nameValidator
        self.tracksGeneration = tracksGeneration
    }

    public static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    /// `v1` for the core group, else `group/version`.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var groupResource: GroupResource { GroupResource(group: group, resource: plural) }
    public var listKind: String { kind + "List" }
    public var hasStatus: Bool { subresources.contains { if case .status = $0 { true } else { false } } }
    public var scale: ScaleSubresource? {
        for subresource in subresources { if case .scale(let scale) = subresource { return scale } }
        return nil
    }
}

/// A subresource served under `/RESOURCE/NAME/SUB`.
public enum Subresource: Sendable {
    /// `/status`: writes there change only `.status`; main writes keep the old status.
    case status
    /// `/scale` (autoscaling/v1 `Scale`), reading and writing replicas at the given JSON paths.
    case scale(ScaleSubresource)
    /// `pods/binding`: POST a `Binding` to set `spec.nodeName`.
    case binding
    /// `pods/eviction`: POST an `Eviction` (policy/v1).
    case eviction
    /// `serviceaccounts/token`: POST a `TokenRequest` (authentication.k8s.io/v1) for a service-account token.
    case token

    public var name: String {
        switch self {
        case .status: "status"
        case .scale: "scale"
        case .binding: "binding"
        case .eviction: "eviction"
        case .token: "token"
        }
    }
}

/// Where a resource keeps the numbers its scale subresource reads and writes (dotted JSON paths such as
/// `.spec.replicas`).
public struct ScaleSubresource: Sendable {
    public var specReplicasPath: String
    public var statusReplicasPath: String
    public var labelSelectorPath: String?
    public init(specReplicasPath: String, statusReplicasPath: String, labelSelectorPath: String?) {
        self.specReplicasPath = specReplicasPath
        self.statusReplicasPath = statusReplicasPath
        self.labelSelectorPath = labelSelectorPath
    }

    /// What `status.selector` of the `Scale` reports: the string at `labelSelectorPath` (a custom resource keeps
    /// the serialized selector in its status), or the query string of a `metav1.LabelSelector` object there
    /// (deployments and replica sets point at `spec.selector`). `nil` without a path or a value.
    public func selector(of object: JSON) -> String? {
        guard let labelSelectorPath else { return nil }
        let value = object[path: labelSelectorPath.split(separator: ".").map(String.init)]
        switch value {
        case .string(let selector)?: return selector
        case .object?: return (try? LabelSelector(labelSelector: value))?.description
        default: return nil
        }
    }
}

/// A field selector a resource supports, and how to read it.
public struct SelectableField: Sendable {
    public var path: String
    public var value: @Sendable (JSON) -> String?
    public init(_ path: String, value: @escaping @Sendable (JSON) -> String?) {
        self.path = path
        self.value = value
    }
    /// A field read from the object at its dotted path; missing values read as "".
    public init(_ path: String) {
        let components = path.split(separator: ".").map(String.init)
        self.path = path
        self.value = { object in
            switch object[path: components] {
            case .string(let s)?: s
            case .bool(let b)?: b ? "true" : "false"
            case .int(let i)?: String(i)
            default: ""
            }
        }
    }
}

/// What the server does to objects of a resource beyond generic metadata handling.
public struct ResourceStrategy: Sendable {
    /// Sets defaults and server-owned fields on create (e.g. a pod's status starts as Pending).
    public var prepareForCreate: @Sendable (inout JSON, StrategyContext) -> Void
    /// Adjusts an update before it is validated (e.g. keep fields that are immutable).
    public var prepareForUpdate: @Sendable (inout JSON, _ old: JSON, StrategyContext) -> Void
    /// Resource-specific validation on create, beyond object metadata.
    public var validate: @Sendable (JSON) -> [FieldError]
    /// Resource-specific validation on update.
    public var validateUpdate: @Sendable (_ new: JSON, _ old: JSON) -> [FieldError]
    /// Whether an update without `metadata.resourceVersion` is accepted (true for built-in types, as in
    /// kube-apiserver; false for custom resources).
    public var allowsUnconditionalUpdate: Bool
    /// The grace period a delete gets when the client gives none, and whether the object needs graceful deletion
    /// at all (pods on a node); `nil` deletes at once.
    public var gracefulDeletion: (@Sendable (JSON) -> Int64?)?
    /// Whether an update bumps `metadata.generation` of a resource that tracks it; `nil` means a change to anything
    /// outside `metadata` and `status`. Deployments count annotation changes too, as kube-apiserver's deployment
    /// strategy does (the controller copies annotations to replica sets).
    public var changesGeneration: (@Sendable (_ new: JSON, _ old: JSON) -> Bool)?
    /// The `metadata` members a `/status` write may change besides `status` (none by default). The deployment
    /// controller records `deployment.kubernetes.io/revision` through `/status`, which kube's deployment status
    /// strategy allows for annotations.
    public var statusWritableMetadata: [String]

    public init(
        prepareForCreate: @escaping @Sendable (inout JSON, StrategyContext) -> Void = { _, _ in },
        prepareForUpdate: @escaping @Sendable (inout JSON, JSON, StrategyContext) -> Void = { _, _, _ in },
        validate: @escaping @Sendable (JSON) -> [FieldError] = { _ in [] },
        validateUpdate: @escaping @Sendable (JSON, JSON) -> [FieldError] = { _, _ in [] },
        allowsUnconditionalUpdate: Bool = true,
        gracefulDeletion: (@Sendable (JSON) -> Int64?)? = nil,
        changesGeneration: (@Sendable (JSON, JSON) -> Bool)? = nil,
        statusWritableMetadata: [String] = []
    ) {
        self.prepareForCreate = prepareForCreate
        self.prepareForUpdate = prepareForUpdate
        self.validate = validate
        self.validateUpdate = validateUpdate
        self.allowsUnconditionalUpdate = allowsUnconditionalUpdate
        self.gracefulDeletion = gracefulDeletion
        self.changesGeneration = changesGeneration
        self.statusWritableMetadata = statusWritableMetadata
    }
}

/// What a strategy may consult: the time of the request.
public struct StrategyContext: Sendable {
    /// Seconds since the Unix epoch.
    public var now: Double
    public init(now: Double) { self.now = now }
}
