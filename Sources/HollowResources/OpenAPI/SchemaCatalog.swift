import HollowModel

/// Named OpenAPI schemas, keyed as Kubernetes keys them (`io.k8s.api.core.v1.Pod`,
/// `io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta`), and which kinds they describe.
///
/// `SchemaCatalog.builtin` holds every hand-authored schema; the `SchemaCatalog+…` files add them by family.
struct SchemaCatalog: Sendable {
    private(set) var schemas: [String: OpenAPISchema] = [:]
    /// Top-level kinds (and their lists) to their schema names.
    private(set) var kinds: [KindReference: String] = [:]

    /// Every built-in schema.
    static let builtin: SchemaCatalog = {
        var catalog = SchemaCatalog()
        catalog.addMeta()
        catalog.addDiscovery()
        catalog.addNamespace()
        catalog.addNode()
        catalog.addConfigAndIdentity()
        catalog.addService()
        catalog.addEvent()
        catalog.addPod()
        catalog.addPodStatus()
        catalog.addScheduling()
        catalog.addContainer()
        catalog.addProbeAndLifecycle()
        catalog.addVolume()
        catalog.addNamedGroups()
        catalog.addApps()
        return catalog
    }()

    subscript(name: String) -> OpenAPISchema? { schemas[name] }

    mutating func define(_ name: String, _ schema: OpenAPISchema) {
        precondition(schemas[name] == nil, "schema \(name) defined twice")
        schemas[name] = schema
    }

    mutating func object(
        _ name: String, _ description: String, required: [String] = [],
        _ properties: KeyValuePairs<String, OpenAPISchema>
    ) {
        define(name, .object(description, required: required, properties))
    }

    /// A top-level kind: `apiVersion`, `kind` and `metadata` come first, then `properties`; its list kind
    /// (`<name>List`) is defined alongside. Both carry `x-kubernetes-group-version-kind`.
    mutating func kind(
        _ name: String, _ kind: KindReference, _ description: String, required: [String] = [],
        _ properties: KeyValuePairs<String, OpenAPISchema>
    ) {
        var schema = OpenAPISchema.object(description, required: required, properties)
        schema.properties =
            Self.typeMetaProperties(metadata: .ref(Self.objectMeta, "Standard object metadata."))
            + schema.properties
        define(name, schema.with("x-kubernetes-group-version-kind", [kind.json]))
        kinds[kind] = name
        let listKind = KindReference(group: kind.group, version: kind.version, kind: kind.kind + "List")
        define(name + "List", Self.listSchema(of: name, kind: listKind))
        kinds[listKind] = name + "List"
    }

    /// A kind that lives in another group but is served by our resources (Scale, Eviction, Binding): no list.
    mutating func subresourceKind(
        _ name: String, _ kind: KindReference, _ description: String, required: [String] = [],
        _ properties: KeyValuePairs<String, OpenAPISchema>
    ) {
        var schema = OpenAPISchema.object(description, required: required, properties)
        schema.properties =
            Self.typeMetaProperties(metadata: .ref(Self.objectMeta, "Standard object metadata."))
            + schema.properties
        define(name, schema.with("x-kubernetes-group-version-kind", [kind.json]))
        kinds[kind] = name
    }

    /// `apiVersion` and `kind`, then `metadata` when given.
    static func typeMetaProperties(metadata: OpenAPISchema? = nil) -> [OpenAPISchema.Property] {
        [
            .init(name: "apiVersion", schema: .string("The versioned schema of this object, as `group/version`.")),
            .init(name: "kind", schema: .string("The kind of this object, in CamelCase.")),
        ] + (metadata.map { [.init(name: "metadata", schema: $0)] } ?? [])
    }

    /// `<Kind>List`: `items` of the kind, with list metadata.
    static func listSchema(of itemName: String, kind: KindReference) -> OpenAPISchema {
        var schema = OpenAPISchema.object(
            "A list of \(kind.kind.dropLast(4)) objects.", required: ["items"],
            ["items": .array(.ref(itemName), "The objects in the list.")])
        schema.properties = typeMetaProperties(metadata: .ref(listMeta, "Standard list metadata.")) + schema.properties
        return schema.with("x-kubernetes-group-version-kind", [kind.json])
    }

    // MARK: Names

    static func core(_ type: String) -> String { "io.k8s.api.core.v1.\(type)" }
    static func meta(_ type: String) -> String { "io.k8s.apimachinery.pkg.apis.meta.v1.\(type)" }

    static let objectMeta = meta("ObjectMeta")
    static let listMeta = meta("ListMeta")
    static let time = meta("Time")
    static let microTime = meta("MicroTime")
    static let labelSelector = meta("LabelSelector")
    static let status = meta("Status")
    static let deleteOptions = meta("DeleteOptions")
    static let watchEvent = meta("WatchEvent")
    static let patch = meta("Patch")
    static let quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity"
    static let intOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
    static let rawExtension = "io.k8s.apimachinery.pkg.runtime.RawExtension"
    static let versionInfo = "io.k8s.apimachinery.pkg.version.Info"
    static let scale = "io.k8s.api.autoscaling.v1.Scale"
    static let eviction = "io.k8s.api.policy.v1.Eviction"
    static let binding = core("Binding")
    static let tokenRequest = "io.k8s.api.authentication.v1.TokenRequest"
    static func authentication(_ type: String) -> String { "io.k8s.api.authentication.v1.\(type)" }

    /// Meta kinds registered in every group-version (kube lists each group-version in their
    /// `x-kubernetes-group-version-kind`); documents fill the list in for the group-versions they cover.
    static let perGroupVersionKinds = [deleteOptions: "DeleteOptions", watchEvent: "WatchEvent"]

    /// The schema name Kubernetes gives a kind it did not build in: the group reversed, then version and kind
    /// (`cluster.x-k8s.io/v1beta1` `Machine` → `io.x-k8s.cluster.v1beta1.Machine`).
    static func customName(group: String, version: String, kind: String) -> String {
        let reversed = group.split(separator: ".").reversed().joined(separator: ".")
        return reversed.isEmpty ? "\(version).\(kind)" : "\(reversed).\(version).\(kind)"
    }
}
