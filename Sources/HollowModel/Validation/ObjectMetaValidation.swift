/// Validates an object's name, as apimachinery's `ValidateNameFunc` does: `prefix` is true when the value is a
/// `generateName`, which gets five characters appended, so a trailing `-` is allowed.
public struct NameValidator: Sendable {
    private let check: @Sendable (_ name: String, _ prefix: Bool) -> [String]

    public init(_ check: @escaping @Sendable (_ name: String, _ prefix: Bool) -> [String]) {
        self.check = check
    }

    /// The messages for an invalid name; empty when it is valid.
    public func callAsFunction(_ name: String, prefix: Bool) -> [String] { check(name, prefix) }

    /// `NameIsDNSSubdomain`: most resources (pods, configmaps, nodes, machines…).
    public static let dnsSubdomain = NameValidator { name, prefix in
        isDNS1123Subdomain(prefix ? maskTrailingDash(name) : name)
    }

    /// `NameIsDNSLabel`: namespaces and other names used as DNS labels.
    public static let dnsLabel = NameValidator { name, prefix in
        isDNS1123Label(prefix ? maskTrailingDash(name) : name)
    }

    /// `NameIsDNS1035Label`: services.
    public static let dns1035Label = NameValidator { name, prefix in
        isDNS1035Label(prefix ? maskTrailingDash(name) : name)
    }

    /// apimachinery's `maskTrailingDash`, including its quirk of dropping the character before the dash too
    /// (`"abc-"` is checked as `"aba"`).
    static func maskTrailingDash(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard bytes.count > 1, bytes.last == UInt8(ascii: "-") else { return name }
        return String(decoding: bytes[..<(bytes.count - 2)], as: UTF8.self) + "a"
    }
}

/// Largest total size of an object's annotations, keys plus values (`TotalAnnotationSizeLimitB`).
public let totalAnnotationSizeLimit = 256 * 1024

/// Validates `metadata` for a create, as apimachinery's `ValidateObjectMeta` does: name (after name generation has
/// run, so a missing name is an error even when `generateName` is set), generateName, namespace, generation, labels,
/// annotations, owner references and finalizers.
///
/// Field paths and messages are kube-apiserver's (`metadata.labels: Invalid value: "a b": name part must …`).
/// Members of the wrong JSON type, which Go would refuse while decoding, are reported as `typeInvalid` errors.
/// - Parameters:
///   - metadata: the object's `metadata` (or `nil` when absent).
///   - namespaced: whether the resource is namespaced: then a namespace is required, otherwise forbidden.
///   - nameValidator: the rule for names, usually `.dnsSubdomain`.
public func validateObjectMeta(_ metadata: JSON?, namespaced: Bool, nameValidator: NameValidator) -> [FieldError] {
    var errors: [FieldError] = []
    let meta: JSONObject
    switch metadata {
    case nil, .null?: meta = JSONObject()
    case .object(let object)?: meta = object
    case let other?: return [.typeInvalid("metadata", other, "must be of type object")]
    }

    let generateName = string(meta, "generateName", "metadata.generateName", &errors) ?? ""
    if !generateName.isEmpty {
        for message in nameValidator(generateName, prefix: true) {
            errors.append(.invalid("metadata.generateName", .string(generateName), message))
        }
    }
    let name = string(meta, "name", "metadata.name", &errors) ?? ""
    if name.isEmpty {
        errors.append(.required("metadata.name", "name or generateName is required"))
    } else {
        for message in nameValidator(name, prefix: false) {
            errors.append(.invalid("metadata.name", .string(name), message))
        }
    }

    let namespace = string(meta, "namespace", "metadata.namespace", &errors) ?? ""
    if namespaced {
        if namespace.isEmpty {
            errors.append(.required("metadata.namespace"))
        } else {
            for message in NameValidator.dnsLabel(namespace, prefix: false) {
                errors.append(.invalid("metadata.namespace", .string(namespace), message))
            }
        }
    } else if !namespace.isEmpty {
        errors.append(.forbidden("metadata.namespace", "not allowed on this type"))
    }

    if let generation = meta["generation"], !generation.isNull {
        if let value = generation.intValue {
            if value < 0 {
                errors.append(.invalid("metadata.generation", .int(value), "must be greater than or equal to 0"))
            }
        } else {
            errors.append(.typeInvalid("metadata.generation", generation, "must be of type integer"))
        }
    }

    if let labels = stringMap(meta, "labels", "metadata.labels", &errors) {
        errors += validateLabels(labels, field: "metadata.labels")
    }
    if let annotations = stringMap(meta, "annotations", "metadata.annotations", &errors) {
        errors += validateAnnotations(annotations, field: "metadata.annotations")
    }
    errors += validateOwnerReferences(meta["ownerReferences"], field: "metadata.ownerReferences")
    errors += validateFinalizers(meta["finalizers"], field: "metadata.finalizers")
    return errors
}

/// `ValidateLabels`: every key a qualified name, every value a label value; all reported at `field`.
public func validateLabels(_ labels: [(key: String, value: String)], field: String) -> [FieldError] {
    var errors: [FieldError] = []
    for (key, value) in labels {
        for message in isQualifiedName(key) { errors.append(.invalid(field, .string(key), message)) }
        for message in isValidLabelValue(value) { errors.append(.invalid(field, .string(value), message)) }
    }
    return errors
}

/// `ValidateAnnotations`: keys are qualified names ignoring case, and keys plus values total at most 256 KiB.
public func validateAnnotations(_ annotations: [(key: String, value: String)], field: String) -> [FieldError] {
    var errors: [FieldError] = []
    var totalSize = 0
    for (key, value) in annotations {
        for message in isQualifiedName(key.lowercased()) { errors.append(.invalid(field, .string(key), message)) }
        totalSize += key.utf8.count + value.utf8.count
    }
    if totalSize > totalAnnotationSizeLimit { errors.append(.tooLong(field, maximum: totalAnnotationSizeLimit)) }
    return errors
}

// MARK: - Owner references and finalizers

private func validateOwnerReferences(_ value: JSON?, field: String) -> [FieldError] {
    guard let value, !value.isNull else { return [] }
    guard let references = value.arrayValue else { return [.typeInvalid(field, value, "must be of type array")] }
    var errors: [FieldError] = []
    var firstController: String?
    for (index, reference) in references.enumerated() {
        let path = "\(field)[\(index)]"
        guard let object = reference.objectValue else {
            errors.append(.typeInvalid(path, reference, "must be of type object"))
            continue
        }
        let apiVersion = string(object, "apiVersion", path + ".apiVersion", &errors) ?? ""
        let kind = string(object, "kind", path + ".kind", &errors) ?? ""
        let name = string(object, "name", path + ".name", &errors) ?? ""
        let uid = string(object, "uid", path + ".uid", &errors) ?? ""
        let groupVersion = parseGroupVersion(apiVersion)
        if apiVersion.isEmpty {
            errors.append(.required(path + ".apiVersion", "must not be empty"))
        } else if groupVersion == nil || groupVersion?.version.isEmpty == true {
            errors.append(.invalid(path + ".apiVersion", .string(apiVersion), "must be <group>/<version> or <version>"))
        }
        if kind.isEmpty { errors.append(.required(path + ".kind", "must not be empty")) }
        if name.isEmpty { errors.append(.required(path + ".name", "must not be empty")) }
        if uid.isEmpty { errors.append(.required(path + ".uid", "must not be empty")) }
        if let groupVersion, groupVersion.group.isEmpty, groupVersion.version == "v1", kind == "Event" {
            errors.append(.invalid(path, reference, "/v1, Kind=Event is disallowed from being an owner"))
        }
        if object["controller"]?.boolValue == true {
            let current = kind + "/" + name
            if let firstController {
                errors.append(
                    .invalid(
                        field, value,
                        "Only one reference can have Controller set to true. Found \"true\" in references for "
                            + "\(firstController) and \(current)"))
            } else {
                firstController = current
            }
        }
    }
    return errors
}

/// `schema.ParseGroupVersion`: `v1`, `apps/v1`; `nil` for more than one `/`.
private func parseGroupVersion(_ text: String) -> (group: String, version: String)? {
    if text.isEmpty || text == "/" { return ("", "") }
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    switch parts.count {
    case 1: return ("", text)
    case 2: return (String(parts[0]), String(parts[1]))
    default: return nil
    }
}

private func validateFinalizers(_ value: JSON?, field: String) -> [FieldError] {
    guard let value, !value.isNull else { return [] }
    guard let finalizers = value.arrayValue else { return [.typeInvalid(field, value, "must be of type array")] }
    var errors: [FieldError] = []
    var hasOrphan = false
    var hasForeground = false
    for finalizer in finalizers {
        guard let name = finalizer.stringValue else {
            errors.append(.typeInvalid(field, finalizer, "must be of type string"))
            continue
        }
        for message in isQualifiedName(name) { errors.append(.invalid(field, finalizer, message)) }
        if name == "orphan" { hasOrphan = true }
        if name == "foregroundDeletion" { hasForeground = true }
    }
    if hasOrphan && hasForeground {
        errors.append(.invalid(field, value, "finalizer orphan and foregroundDeletion cannot be both set"))
    }
    return errors
}

// MARK: - Typed member access

/// A string member; `nil` when absent or null, with a `typeInvalid` error when it is something else.
private func string(_ object: JSONObject, _ key: String, _ path: String, _ errors: inout [FieldError]) -> String? {
    switch object[key] {
    case nil, .null?: return nil
    case .string(let value)?: return value
    case let other?:
        errors.append(.typeInvalid(path, other, "must be of type string"))
        return nil
    }
}

/// A `map[string]string` member in its JSON order; non-string values are reported and skipped.
private func stringMap(
    _ object: JSONObject, _ key: String, _ path: String, _ errors: inout [FieldError]
) -> [(key: String, value: String)]? {
    switch object[key] {
    case nil, .null?: return nil
    case .object(let map)?:
        var pairs: [(key: String, value: String)] = []
        for member in map {
            if let value = member.value.stringValue {
                pairs.append((member.key, value))
            } else {
                errors.append(.typeInvalid("\(path)[\(member.key)]", member.value, "must be of type string"))
            }
        }
        return pairs
    case let other?:
        errors.append(.typeInvalid(path, other, "must be of type object"))
        return nil
    }
}
