import HollowModel

// CustomResources: the pure machinery of CustomResourceDefinitions (apiextensions.k8s.io/v1), no I/O.
//
// - `validateCustomResourceDefinition` (CRDValidation*.swift): CRD rules, with kube-apiserver's field paths.
// - `StructuralSchema` (StructuralSchema*.swift): a version's `openAPIV3Schema` parsed, and what
//   apiextensions-apiserver does with it: `validate` (kube-openapi's messages, ratcheting on update), `prune`,
//   `removeNonNullableNulls`, `applyDefaults`, list-type and embedded-resource checks, structural rules.
// - `customResourceVersions(fromCRD:)` (this file): a `ResourceDefinition` per served version, with a strategy,
//   printer columns (CustomResourceColumns.swift, KubectlJSONPath*.swift) and selectable fields.
// - `crdStatus` (CustomResourceDefinitions+Status.swift): the status the CRD controllers converge to.
// Go's renderings (`%q`, `%v`, `encoding/json`) live in GoFormatting.swift; RE2-compatible patterns in
// SchemaPattern.swift; string formats in StringFormat.swift.

/// One served version of a custom resource: its `ResourceDefinition` and what a definition does not carry.
public struct CustomResourceVersion: Sendable {
    public var definition: ResourceDefinition
    /// The version's `openAPIV3Schema`, parsed.
    public var schema: StructuralSchema
    /// Whether objects of the resource are stored in this version (`storage: true`).
    public var isStorageVersion: Bool
    /// The `Warning` header text every request to this version gets when it is deprecated, else `nil`.
    public var deprecationWarning: String?

    /// What kube-apiserver does to a custom resource while decoding a request body: prune what the schema does
    /// not declare, drop `null`s the schema does not allow, apply defaults. Returns the pruned paths, which
    /// `fieldValidation=Strict` turns into errors and `Warn` into warnings (`StructuralSchema.unknownFieldMessage`).
    /// The strategy's `prepareForCreate`/`prepareForUpdate` do the same, so calling this first is only needed
    /// for the paths (and for status writes, which bypass the strategy).
    public func applySchema(to object: inout JSON) -> [String] {
        CustomResourceStrategy.applySchema(schema, to: &object)
    }
}

/// The resources a CustomResourceDefinition serves, one per served version (`spec.versions[*].served`), in the
/// CRD's order. See `customResourceVersions(fromCRD:)`.
public func resourceDefinitions(fromCRD crd: JSON) throws(CustomResourceDefinitionError) -> [ResourceDefinition] {
    try customResourceVersions(fromCRD: crd).map(\.definition)
}

/// The served versions of a CustomResourceDefinition with their definitions, schemas and storage flag.
///
/// Each definition carries the CRD's names and scope, the version's subresources (`status`; `scale` with its
/// paths), its schema as `openAPISchema`, its selectable fields, table columns as kube-apiserver serves them
/// (Name, then `additionalPrinterColumns`, or Name and Age when there are none), and a strategy that prunes,
/// defaults and validates like apiextensions-apiserver; generation is tracked and updates need a
/// `resourceVersion`.
/// - Throws: `CustomResourceDefinitionError` when the CRD does not validate (`validateCustomResourceDefinition`,
///   without generic metadata checks) or a printer column's JSONPath cannot be parsed.
public func customResourceVersions(fromCRD crd: JSON) throws(CustomResourceDefinitionError) -> [CustomResourceVersion] {
    var crd = crd
    applyCustomResourceDefinitionDefaults(&crd)
    let spec = CustomResourceDefinitionSpec(crd)
    let errors = validateCustomResourceDefinition(crd, includeObjectMeta: false)
    guard errors.isEmpty else { throw .invalid(name: spec.name, causes: errors) }

    var result: [CustomResourceVersion] = []
    for version in spec.versions where version.served {
        let schemaJSON = version.openAPIV3Schema ?? ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
        let schema: StructuralSchema
        do {
            schema = try StructuralSchema(parsing: schemaJSON)
        } catch {
            throw .invalid(
                name: spec.name, causes: [.invalid(version.path + ".schema.openAPIV3Schema", "", error.message)])
        }
        var subresources: [Subresource] = []
        if version.hasStatus { subresources.append(.status) }
        if let scale = version.subresources?["scale"], !scale.isNull {
            subresources.append(
                .scale(
                    ScaleSubresource(
                        specReplicasPath: scale["specReplicasPath"]?.stringValue ?? "",
                        statusReplicasPath: scale["statusReplicasPath"]?.stringValue ?? "",
                        labelSelectorPath: scale["labelSelectorPath"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })))
        }
        let context = CustomResourceStrategy(
            schema: schema, kind: spec.kind, apiVersion: "\(spec.group)/\(version.name)", hasStatus: version.hasStatus,
            scale: subresources.lazy.compactMap { if case .scale(let s) = $0 { s } else { nil } }.first)
        let definition = ResourceDefinition(
            group: spec.group, version: version.name, kind: spec.kind, plural: spec.plural, singular: spec.singular,
            namespaced: spec.scope == "Namespaced", shortNames: spec.shortNames, categories: spec.categories,
            subresources: subresources, columns: try CustomResourceColumns.columns(version.columns),
            selectableFields: try selectableFields(version.selectableFields), strategy: context.strategy,
            openAPISchema: version.openAPIV3Schema, tracksGeneration: true)
        result.append(
            CustomResourceVersion(
                definition: definition, schema: schema, isStorageVersion: version.storage,
                deprecationWarning: deprecationWarning(version, spec: spec)))
    }
    return result
}

private func selectableFields(_ fields: [JSON]) throws(CustomResourceDefinitionError) -> [SelectableField] {
    var result: [SelectableField] = []
    for field in fields {
        let jsonPath = field["jsonPath"]?.stringValue ?? ""
        let path: KubectlJSONPath
        do {
            path = try KubectlJSONPath(template: "{\(jsonPath)}")
        } catch {
            throw .unservableColumn(jsonPath, reason: error.description)
        }
        let name = jsonPath.hasPrefix(".") ? String(jsonPath.dropFirst()) : jsonPath
        result.append(
            SelectableField(name) { object in
                guard let value = path.firstResult(in: object), !value.isNull else { return "" }
                return GoFormat.text(value)
            })
    }
    return result
}

/// The version's warning, or kube-apiserver's default one, which points at the newest served, non-deprecated
/// version that sorts after it (`<group>/v1beta1 Widget is deprecated; use <group>/v1 Widget`).
private func deprecationWarning(
    _ version: CustomResourceDefinitionSpec.Version, spec: CustomResourceDefinitionSpec
) -> String? {
    guard version.deprecated else { return nil }
    if let warning = version.deprecationWarning?.stringValue { return warning }
    var message = "\(spec.group)/\(version.name) \(spec.kind) is deprecated"
    let newer = spec.versions.filter {
        $0.served && !$0.deprecated && KubeVersionOrder.compare(version.name, $0.name) < 0
    }
    if let newest = newer.max(by: { KubeVersionOrder.compare($0.name, $1.name) < 0 }) {
        message += "; use \(spec.group)/\(newest.name) \(spec.kind)"
    }
    return message
}

/// apimachinery's `CompareKubeAwareVersionStrings`: GA before beta before alpha, then by major and minor
/// number; versions that do not look like `v1beta2` sort after those that do, in reverse lexical order.
enum KubeVersionOrder {
    /// Positive when `a` ranks higher than `b`.
    static func compare(_ a: String, _ b: String) -> Int {
        if a == b { return 0 }
        switch (parse(a), parse(b)) {
        case (nil, nil): return a < b ? 1 : -1
        case (nil, _): return -1
        case (_, nil): return 1
        case (let x?, let y?):
            if x.stage != y.stage { return x.stage - y.stage }
            if x.major != y.major { return x.major - y.major }
            return x.minor - y.minor
        }
    }

    private static func parse(_ version: String) -> (major: Int, stage: Int, minor: Int)? {
        guard version.hasPrefix("v") else { return nil }
        let rest = version.dropFirst()
        let majorDigits = rest.prefix { $0.isASCII && $0.isNumber }
        guard let major = Int(majorDigits) else { return nil }
        let tail = rest.dropFirst(majorDigits.count)
        if tail.isEmpty { return (major, 2, 0) }
        for (stage, label) in [(0, "alpha"), (1, "beta")] where tail.hasPrefix(label) {
            let minorDigits = tail.dropFirst(label.count)
            guard let minor = Int(minorDigits), minorDigits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return nil
            }
            return (major, stage, minor)
        }
        return nil
    }
}
