import HollowModel

/// Validates a new CustomResourceDefinition (apiextensions.k8s.io/v1) as kube-apiserver does
/// (`ValidateCustomResourceDefinition`), after v1 defaulting and create preparation: the name must be
/// `<plural>.<group>`, the group a DNS subdomain with a dot, names valid DNS labels (kinds in any case), exactly
/// one storage version, every version with a structural `openAPIV3Schema`, valid defaults, printer columns,
/// subresources and selectable fields, `conversion.strategy: None`.
///
/// Field paths are kube-apiserver's, including its quirk of reporting a schema, subresources or columns shared
/// by every version under `spec.validation`, `spec.subresources`, `spec.additionalPrinterColumns`.
/// Differences: `Webhook` conversion is refused (this server cannot call conversion webhooks), and
/// `x-kubernetes-validations` rules are checked for shape but not compiled (there is no CEL here).
/// - Parameters:
///   - crd: the CRD as received.
///   - includeObjectMeta: whether to run generic metadata validation too; pass `false` when `ObjectMetaRules`
///     already does, and only the CRD's own name rule is checked.
public func validateCustomResourceDefinition(_ crd: JSON, includeObjectMeta: Bool = true) -> [FieldError] {
    var prepared = crd
    applyCustomResourceDefinitionDefaults(&prepared)
    // Create resets the status; the stored versions become the storage version.
    let spec = CustomResourceDefinitionSpec(prepared)
    prepared["status"] = ["storedVersions": .array(spec.storageVersion.map { [.string($0)] } ?? [])]
    return CRDValidation(prepared, old: nil, includeObjectMeta: includeObjectMeta).errors
}

/// Validates an update of a CustomResourceDefinition (`ValidateCustomResourceDefinitionUpdate`): everything
/// `validateCustomResourceDefinition` checks, plus `spec.group` and `spec.names.plural` are immutable, and
/// `spec.scope` and `spec.names.kind` too once the CRD is Established; `status.storedVersions` (the old ones
/// plus the new storage version) must all remain in `spec.versions`.
public func validateCustomResourceDefinitionUpdate(
    _ crd: JSON, old: JSON, includeObjectMeta: Bool = true
) -> [FieldError] {
    var prepared = crd
    applyCustomResourceDefinitionDefaults(&prepared)
    var status = old["status"] ?? .object([:])
    var stored = (status["storedVersions"]?.arrayValue ?? []).compactMap(\.stringValue)
    if let storage = CustomResourceDefinitionSpec(prepared).storageVersion, !stored.contains(storage) {
        stored.append(storage)
    }
    status["storedVersions"] = .array(stored.map { .string($0) })
    prepared["status"] = status
    return CRDValidation(prepared, old: old, includeObjectMeta: includeObjectMeta).errors
}

/// One validation of a CRD; `errors` in kube-apiserver's order.
struct CRDValidation {
    var errors: [FieldError] = []
    let spec: CustomResourceDefinitionSpec

    init(_ crd: JSON, old: JSON?, includeObjectMeta: Bool) {
        spec = CustomResourceDefinitionSpec(crd)
        errors = spec.decodingErrors
        validateMetadata(crd, old: old, includeObjectMeta: includeObjectMeta)
        validateSpec()
        if let old { validateImmutableFields(old) }
        errors += Self.namesErrors(spec.acceptedNames ?? .object([:]), path: "status.acceptedNames")
        validateStoredVersions()
        validateAPIApproval(old: old)
        if spec.preserveUnknownFields, old?[path: ["spec", "preserveUnknownFields"]] != true {
            errors.append(
                .invalid(
                    "spec.preserveUnknownFields", true,
                    "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead"
                ))
        }
    }

    private mutating func validateMetadata(_ crd: JSON, old: JSON?, includeObjectMeta: Bool) {
        let required = spec.plural + "." + spec.group
        let mismatch = #"must be spec.names.plural+"."+spec.group"#
        guard includeObjectMeta, old == nil else {
            if old == nil, spec.name != required {
                errors.append(.invalid("metadata.name", .string(spec.name), mismatch))
            }
            return
        }
        let validator = NameValidator { name, prefix in
            NameValidator.dnsSubdomain(name, prefix: prefix) + (name == required ? [] : [mismatch])
        }
        errors += validateObjectMeta(crd["metadata"], namespaced: false, nameValidator: validator)
    }

    private mutating func validateSpec() {
        if spec.group.isEmpty {
            errors.append(.required("spec.group"))
        } else if case let messages = isDNS1123Subdomain(spec.group), !messages.isEmpty {
            errors.append(.invalid("spec.group", .string(spec.group), messages.joined(separator: ",")))
        } else if !spec.group.contains(".") {
            errors.append(.invalid("spec.group", .string(spec.group), "should be a domain with at least one dot"))
        }
        errors += Self.enumErrors("spec.scope", spec.scope, ["Cluster", "Namespaced"])

        // Every version needs a schema unless all share one (then there is a top-level schema).
        if !(spec.schemasIdentical && spec.versions.first?.openAPIV3Schema != nil) {
            for version in spec.versions where version.openAPIV3Schema == nil {
                errors.append(.required(version.path + ".schema.openAPIV3Schema"))
            }
        }
        if spec.preserveUnknownFields,
            spec.versions.contains(where: { $0.openAPIV3Schema.map(Self.hasDefaults) ?? false })
        {
            errors.append(
                .invalid("spec.preserveUnknownFields", true, "must be false in order to use defaults in the schema"))
        }

        var storageCount = 0
        var seen: Set<String> = []
        var unique = true
        for version in spec.versions {
            if version.storage { storageCount += 1 }
            if !seen.insert(version.name).inserted { unique = false }
            if case let messages = isDNS1035Label(version.name), !messages.isEmpty {
                errors.append(.invalid(version.path + ".name", .string(version.name), messages.joined(separator: ",")))
            }
            validateVersion(version)
        }
        let versionsValue = JSON.array(spec.versions.map { .string($0.name) })
        if !unique { errors.append(.invalid("spec.versions", versionsValue, "must contain unique version names")) }
        if storageCount != 1 {
            errors.append(
                .invalid("spec.versions", versionsValue, "must have exactly one version marked as storage version"))
        }
        // The internal form's `spec.version` is the first version's name, validated again under that path.
        if let first = spec.versions.first, !first.name.isEmpty, case let messages = isDNS1035Label(first.name),
            !messages.isEmpty
        {
            errors.append(.invalid("spec.version", .string(first.name), messages.joined(separator: ",")))
        }

        for (name, value) in [
            ("plural", spec.plural), ("singular", spec.singular), ("kind", spec.kind), ("listKind", spec.listKind),
        ]
        where value.isEmpty {
            errors.append(.required("spec.names.\(name)"))
        }
        errors += Self.namesErrors(spec.names, path: "spec.names")

        // What every version shares is validated once, at the top level.
        if let first = spec.versions.first {
            if spec.schemasIdentical, let validation = first.validation {
                errors += CRDSchemaValidation.errors(
                    validation, path: "spec.validation", statusEnabled: spec.versions.contains(where: \.hasStatus))
            }
            if spec.subresourcesIdentical, let subresources = first.subresources {
                errors += Self.subresourcesErrors(subresources, path: "spec.subresources")
            }
            if spec.columnsIdentical {
                for (index, column) in first.columns.enumerated() {
                    errors += Self.columnErrors(column, path: "spec.additionalPrinterColumns[\(index)]")
                }
            }
            if spec.selectableFieldsIdentical, !first.selectableFields.isEmpty {
                if spec.schemasIdentical, let schema = first.openAPIV3Schema {
                    errors += Self.selectableFieldErrors(
                        first.selectableFields, schema: schema, path: "spec.selectableFields")
                } else {
                    errors.append(
                        .invalid("spec.selectableFields", "", "may only be set when validations.schema is included"))
                }
            }
        }
        validateConversion()
    }

    private mutating func validateVersion(_ version: CustomResourceDefinitionSpec.Version) {
        let path = version.path
        for message in Self.deprecationWarningErrors(version) {
            errors.append(.invalid(path + ".deprecationWarning", version.deprecationWarning ?? .null, message))
        }
        if !spec.schemasIdentical, let validation = version.validation {
            errors += CRDSchemaValidation.errors(validation, path: path + ".schema", statusEnabled: version.hasStatus)
        }
        if !spec.subresourcesIdentical, let subresources = version.subresources {
            errors += Self.subresourcesErrors(subresources, path: path + ".subresources")
        }
        if !spec.columnsIdentical {
            for (index, column) in version.columns.enumerated() {
                errors += Self.columnErrors(column, path: path + ".additionalPrinterColumns[\(index)]")
            }
        }
        if !spec.selectableFieldsIdentical, !version.selectableFields.isEmpty {
            if let schema = version.openAPIV3Schema {
                errors += Self.selectableFieldErrors(
                    version.selectableFields, schema: schema, path: path + ".selectableFields")
            } else {
                errors.append(
                    .invalid(
                        path + ".selectableFields", "",
                        "may only be set when `version.schema.openAPIV3Schema` is not included"))
            }
        }
    }

    private static func deprecationWarningErrors(_ version: CustomResourceDefinitionSpec.Version) -> [String] {
        guard let warning = version.deprecationWarning else { return [] }
        if !version.deprecated { return ["can only be set for deprecated versions"] }
        guard let text = warning.stringValue else { return [] }
        var messages: [String] = []
        if text.utf8.count > 256 { messages.append("must be <= 256 characters long") }
        if text.isEmpty { messages.append("must not be an empty string") }
        var offset = 0
        for scalar in text.unicodeScalars {
            // Go checks `unicode.IsPrint` first, so control characters are reported as non-printable.
            if !Self.isGoPrintable(scalar) {
                messages.append(
                    "must only contain printable UTF-8 characters; non-printable character found at index \(offset)")
                break
            }
            offset += String(scalar).utf8.count
        }
        return messages
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isGoPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation,
            .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation,
            .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// apiextensions' `validateEnumStrings`.
    static func enumErrors(_ path: String, _ value: String, _ accepted: [String]) -> [FieldError] {
        if value.isEmpty { return [.required(path)] }
        return accepted.contains(value) ? [] : [.notSupported(path, .string(value), supported: accepted)]
    }

    /// `ValidateCustomResourceDefinitionNames`, for `spec.names` and `status.acceptedNames`.
    static func namesErrors(_ names: JSON, path: String) -> [FieldError] {
        var errors: [FieldError] = []
        for key in ["plural", "singular"] {
            if let value = names[key]?.stringValue, !value.isEmpty, case let messages = isDNS1035Label(value),
                !messages.isEmpty
            {
                errors.append(.invalid("\(path).\(key)", .string(value), messages.joined(separator: ",")))
            }
        }
        for key in ["kind", "listKind"] {
            if let value = names[key]?.stringValue, !value.isEmpty,
                case let messages = isDNS1035Label(value.lowercased()),
                !messages.isEmpty
            {
                errors.append(
                    .invalid(
                        "\(path).\(key)", .string(value),
                        "may have mixed case, but should otherwise match: " + messages.joined(separator: ",")))
            }
        }
        for (index, shortName) in (names["shortNames"]?.arrayValue ?? []).enumerated() {
            let value = shortName.stringValue ?? ""
            if case let messages = isDNS1035Label(value), !messages.isEmpty {
                errors.append(.invalid("\(path).shortNames[\(index)]", shortName, messages.joined(separator: ",")))
            }
        }
        if let kind = names["kind"]?.stringValue, !kind.isEmpty, kind == names["listKind"]?.stringValue {
            errors.append(.invalid("\(path).listKind", .string(kind), "kind and listKind may not be the same"))
        }
        for (index, category) in (names["categories"]?.arrayValue ?? []).enumerated() {
            if case let messages = isDNS1035Label(category.stringValue ?? ""), !messages.isEmpty {
                errors.append(.invalid("\(path).categories[\(index)]", category, messages.joined(separator: ",")))
            }
        }
        return errors
    }

    private mutating func validateConversion() {
        guard let conversion = spec.conversion else { return }
        let strategy = conversion["strategy"]?.stringValue ?? ""
        if strategy != "None", !strategy.isEmpty, spec.preserveUnknownFields {
            errors.append(
                .invalid(
                    "spec.conversion.strategy", .string(strategy), "must be None if spec.preserveUnknownFields is true")
            )
        }
        let enumErrors = Self.enumErrors("spec.conversion.strategy", strategy, ["None", "Webhook"])
        errors += enumErrors
        if strategy == "Webhook" {
            errors.append(
                .forbidden(
                    "spec.conversion.strategy",
                    "Webhook conversion is not supported by this server; versions must be convertible with strategy None"
                ))
        } else {
            if let webhook = conversion["webhook"] ?? conversion["webhookClientConfig"], !webhook.isNull {
                errors.append(
                    .forbidden(
                        "spec.conversion.webhookClientConfig", "should not be set when strategy is not set to Webhook"))
            }
            if let versions = conversion["conversionReviewVersions"]?.arrayValue, !versions.isEmpty {
                errors.append(
                    .forbidden(
                        "spec.conversion.conversionReviewVersions",
                        "should not be set when strategy is not set to Webhook"))
            }
        }
    }

    private mutating func validateImmutableFields(_ old: JSON) {
        let before = CustomResourceDefinitionSpec(old)
        let established = (old[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"] == "Established" && $0["status"] == "True"
        }
        var changed: [(String, String, String)] = []
        if established {
            changed += [("spec.scope", spec.scope, before.scope), ("spec.names.kind", spec.kind, before.kind)]
        }
        changed += [("spec.group", spec.group, before.group), ("spec.names.plural", spec.plural, before.plural)]
        for (path, new, old) in changed where new != old {
            errors.append(.invalid(path, .string(new), "field is immutable"))
        }
    }

    private mutating func validateStoredVersions() {
        let stored = spec.storedVersions ?? []
        let path = "status.storedVersions"
        let value: JSON = spec.storedVersions.map { .array($0.map { .string($0) }) } ?? .null
        guard !stored.isEmpty else {
            errors.append(.invalid(path, value, "must have at least one stored version"))
            return
        }
        var remaining = Dictionary(stored.enumerated().map { ($1, $0) }, uniquingKeysWith: { _, last in last })
        for version in spec.versions {
            if version.storage, remaining[version.name] == nil {
                errors.append(.invalid(path, value, "must have the storage version " + version.name))
            }
            remaining[version.name] = nil
        }
        for (name, index) in remaining.sorted(by: { $0.value < $1.value }) {
            errors.append(
                .invalid(
                    "\(path)[\(index)]", .string(name),
                    "missing from spec.versions; \(name) was previously a storage version, and must remain in spec.versions "
                        + "until a storage migration ensures no data remains persisted in \(name) and removes \(name) from "
                        + "status.storedVersions"))
        }
    }

    /// Groups under `k8s.io` and `kubernetes.io` need the `api-approved.kubernetes.io` annotation.
    private mutating func validateAPIApproval(old: JSON?) {
        guard Self.isProtectedGroup(spec.group) else { return }
        let key = "api-approved.kubernetes.io"
        let annotation = spec.annotations[key]?.stringValue ?? ""
        let state = Self.approvalState(annotation)
        if let old {
            let oldAnnotation = old[path: ["metadata", "annotations", key]]?.stringValue ?? ""
            if Self.approvalState(oldAnnotation).state == state.state { return }
        }
        let path = "metadata.annotations[\(key)]"
        switch state.state {
        case "missing": errors.append(.required(path, state.reason))
        case "invalid": errors.append(.invalid(path, .string(annotation), state.reason))
        default: break
        }
    }

    static func isProtectedGroup(_ group: String) -> Bool {
        group == "k8s.io" || group.hasSuffix(".k8s.io") || group == "kubernetes.io" || group.hasSuffix(".kubernetes.io")
    }

    /// `GetAPIApprovalState`: `missing`, `bypassed`, `approved` or `invalid`, with kube-apiserver's reason.
    static func approvalState(_ annotation: String) -> (state: String, reason: String) {
        let key = "api-approved.kubernetes.io"
        if annotation.isEmpty {
            return (
                "missing",
                "protected groups must have approval annotation \(GoFormat.quote(key)), see https://github.com/kubernetes/enhancements/pull/1111"
            )
        }
        if annotation.hasPrefix("unapproved") { return ("bypassed", "not approved: \(GoFormat.quote(annotation))") }
        if let schemeEnd = annotation.firstRange(of: "://"), !annotation[..<schemeEnd.lowerBound].isEmpty,
            !annotation[schemeEnd.upperBound...].prefix(while: { $0 != "/" }).isEmpty
        {
            return ("approved", "approved in \(annotation)")
        }
        return (
            "invalid",
            "protected groups must have approval annotation \(GoFormat.quote(key)) with either a URL or a reason starting with \"unapproved\", see https://github.com/kubernetes/enhancements/pull/1111"
        )
    }

    /// Whether a schema sets a `default` anywhere.
    static func hasDefaults(_ schema: JSON) -> Bool {
        guard let object = schema.objectValue else { return false }
        if let value = object["default"], !value.isNull { return true }
        let nested: [JSON] =
            (object["properties"]?.objectValue.map { $0.members.map(\.value) } ?? [])
            + [object["items"], object["additionalProperties"], object["not"]].compactMap { $0 }
            + ["allOf", "anyOf", "oneOf"].flatMap { object[$0]?.arrayValue ?? [] }
        return nested.contains(where: hasDefaults)
    }
}
