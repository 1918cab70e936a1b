import HollowModel

/// The schemas available to the documents of one set of served definitions: the built-in catalog, plus a schema
/// per kind that is not built in (from `ResourceDefinition.openAPISchema`, or an open object when it has none).
struct OpenAPIComponents: Sendable {
    let catalog: SchemaCatalog
    private(set) var custom: [String: OpenAPISchema] = [:]
    private var names: [KindReference: String] = [:]

    init(definitions: [ResourceDefinition], catalog: SchemaCatalog = .builtin) {
        self.catalog = catalog
        for definition in definitions {
            let gvk = definition.kindReference
            if definition.openAPISchema == nil, let name = catalog.kinds[gvk] {
                names[gvk] = name
                continue
            }
            let name = SchemaCatalog.customName(
                group: definition.group, version: definition.version, kind: definition.kind)
            names[gvk] = name
            custom[name] = Self.customKindSchema(definition)
            let listKind = KindReference(group: gvk.group, version: gvk.version, kind: definition.listKind)
            custom[name + "List"] = SchemaCatalog.listSchema(of: name, kind: listKind)
        }
    }

    /// The schemas a definition's operations use.
    func pathSchemas(for definition: ResourceDefinition) -> OpenAPIPaths.Schemas {
        let name = names[definition.kindReference]!
        return OpenAPIPaths.Schemas(kind: name, list: name + "List", strategicMerge: custom[name] == nil)
    }

    /// The schema name of a served kind.
    func schemaName(for kind: KindReference) -> String? { names[kind] }

    /// The `components.schemas` (v3) or `definitions` (v2) object for a document: every schema `roots` refer to,
    /// transitively, sorted by name. Meta kinds served in every group-version (DeleteOptions, WatchEvent) list
    /// `groupVersions` in their `x-kubernetes-group-version-kind`.
    func resolve(
        referencedBy roots: [JSON], extraNames: [String] = [], dialect: OpenAPIDialect,
        groupVersions: [(group: String, version: String)]
    ) -> JSON {
        var resolved: [String: JSON] = [:]
        var pending = extraNames + roots.flatMap { $0.schemaReferences(prefix: dialect.referencePrefix) }
        while let name = pending.popLast() {
            guard resolved[name] == nil else { continue }
            // Built-in references always resolve (the tests walk every document); a custom schema could carry a
            // stray `$ref`, which is left dangling rather than taking the server down.
            guard var schema = custom[name] ?? catalog[name] else { continue }
            if let kind = SchemaCatalog.perGroupVersionKinds[name] {
                let kinds: [JSON] = groupVersions.map {
                    KindReference(group: $0.group, version: $0.version, kind: kind).json
                }
                schema = schema.with("x-kubernetes-group-version-kind", .array(kinds))
            }
            let rendered = schema.rendered(dialect)
            resolved[name] = rendered
            pending += rendered.schemaReferences(prefix: dialect.referencePrefix)
        }
        return .object(JSONObject(resolved.keys.sorted().map { ($0, resolved[$0]!) }))
    }

    /// A custom kind's schema: `apiVersion`, `kind` and `metadata` (ObjectMeta) added to the definition's
    /// top-level schema, which is passed through otherwise; an object preserving unknown fields when there is none.
    static func customKindSchema(_ definition: ResourceDefinition) -> OpenAPISchema {
        var schema = OpenAPISchema(type: "object")
        let given =
            definition.openAPISchema?.objectValue
            ?? ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
        var properties: [OpenAPISchema.Property] = []
        for member in given {
            switch member.key {
            case "type": schema.type = member.value.stringValue ?? "object"
            case "description": schema.description = member.value.stringValue
            case "required": schema.required = (member.value.arrayValue ?? []).compactMap(\.stringValue)
            case "properties":
                for property in member.value.objectValue ?? [:]
                where !["apiVersion", "kind", "metadata"].contains(property.key) {
                    properties.append(.init(name: property.key, schema: OpenAPISchema(shape: .raw(property.value))))
                }
            case "x-kubernetes-group-version-kind": break
            default: schema.extensions.append((member.key, member.value))
            }
        }
        schema.properties =
            SchemaCatalog.typeMetaProperties(
                metadata: .ref(SchemaCatalog.objectMeta, "Standard object metadata.")) + properties
        return schema.with("x-kubernetes-group-version-kind", [definition.kindReference.json])
    }
}
