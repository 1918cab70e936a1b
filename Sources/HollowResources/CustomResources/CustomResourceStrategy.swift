import HollowModel

/// What apiextensions-apiserver's `customResourceStrategy` and its decoder do to objects of one version of a
/// custom resource, as a `ResourceStrategy`. Generic metadata (names, generation, status preservation) is left
/// to `ObjectMetaRules`.
struct CustomResourceStrategy: Sendable {
    let schema: StructuralSchema
    let kind: String
    let apiVersion: String
    let hasStatus: Bool
    let scale: ScaleSubresource?

    var strategy: ResourceStrategy {
        ResourceStrategy(
            prepareForCreate: { [self] object, _ in
                _ = Self.applySchema(schema, to: &object)
                // With a status subresource, status is written only through it.
                if hasStatus { object["status"] = nil }
            },
            prepareForUpdate: { [self] object, _, _ in
                _ = Self.applySchema(schema, to: &object)
            },
            validate: { [self] object in validate(object, old: nil) },
            validateUpdate: { [self] object, old in validate(object, old: old) },
            allowsUnconditionalUpdate: false)
    }

    /// Pruning, `null` removal and defaulting, in the order kube-apiserver's decoder applies them.
    static func applySchema(_ schema: StructuralSchema, to object: inout JSON) -> [String] {
        let pruned = schema.prune(&object)
        schema.removeNonNullableNulls(&object)
        schema.applyDefaults(&object)
        return pruned
    }

    /// `customResourceValidator` plus the embedded-resource and list-type checks: type meta first (nothing else
    /// is checked when it is wrong), then the schema (ratcheted on update), scale paths, embedded resources,
    /// list sets and maps (on update only when the old object passed them).
    func validate(_ object: JSON, old: JSON?) -> [FieldError] {
        var errors: [FieldError] = []
        let objectKind = object["kind"]?.stringValue ?? ""
        if objectKind != kind { errors.append(.invalid("kind", .string(objectKind), "must be \(kind)")) }
        let objectVersion = object["apiVersion"]?.stringValue ?? ""
        if objectVersion != apiVersion {
            errors.append(.invalid("apiVersion", .string(objectVersion), "must be \(apiVersion)"))
        }
        guard errors.isEmpty else { return errors }

        if let old {
            errors += schema.validateUpdate(object, old: old)
        } else {
            errors += schema.validate(object)
        }
        if let scale {
            errors += Self.replicasErrors(object, path: scale.specReplicasPath)
            errors += Self.replicasErrors(object, path: scale.statusReplicasPath)
            if let selectorPath = scale.labelSelectorPath,
                let message = Self.accessorError(object, path: selectorPath, expected: "string")
            {
                errors.append(.invalid(selectorPath, "", message))
            }
        }
        errors += schema.validateEmbeddedResources(object)
        if let old, !schema.validateListSetsAndMaps(old).isEmpty { return errors }
        return errors + schema.validateListSetsAndMaps(object)
    }

    /// `ValidateScaleSpec`/`ValidateScaleStatus`: the replicas at `path`, when present, are an `int64` between 0
    /// and 2³¹-1. Errors name the path as written (`.spec.replicas`).
    static func replicasErrors(_ object: JSON, path: String) -> [FieldError] {
        if let message = accessorError(object, path: path, expected: "int64") { return [.invalid(path, 0, message)] }
        guard case .int(let replicas)? = value(object, path: path) else { return [] }
        if replicas < 0 { return [.invalid(path, .int(replicas), "should be a non-negative integer")] }
        if replicas > Int64(Int32.max) {
            return [.invalid(path, .int(replicas), "should be less than or equal to \(Int32.max)")]
        }
        return []
    }

    private static func fields(_ path: String) -> [String] {
        (path.hasPrefix(".") ? String(path.dropFirst()) : path).split(separator: ".", omittingEmptySubsequences: false)
            .map(String.init)
    }

    private static func value(_ object: JSON, path: String) -> JSON? {
        var current: JSON? = object
        for field in fields(path) { current = current?.objectValue?[field] }
        return current
    }

    /// unstructured's `NestedInt64`/`NestedString` accessor error, when the value there has another type.
    static func accessorError(_ object: JSON, path: String, expected: String) -> String? {
        let names = fields(path)
        var current = object
        for (index, name) in names.enumerated() {
            if current.isNull { return nil }
            guard let object = current.objectValue else {
                let parent = "." + names[...index].joined(separator: ".")
                return
                    "\(parent) accessor error: \(GoFormat.value(current)) is of the type \(GoFormat.typeName(current)), expected map[string]interface{}"
            }
            guard let next = object[name] else { return nil }
            current = next
        }
        let matches: Bool
        switch current {
        case .int: matches = expected == "int64"
        case .string: matches = expected == "string"
        default: matches = false
        }
        if matches { return nil }
        return
            ".\(names.joined(separator: ".")) accessor error: \(GoFormat.value(current)) is of the type \(GoFormat.typeName(current)), expected \(expected)"
    }
}

extension GoFormat {
    /// `%v` of a value decoded from JSON (`map[a:1 b:[x y]]`, `<nil>`).
    static func value(_ value: JSON) -> String {
        switch value {
        case .array(let elements): "[" + elements.map(Self.value).joined(separator: " ") + "]"
        case .object(let object):
            "map["
                + object.members.sorted { $0.key < $1.key }.map { "\($0.key):\(Self.value($0.value))" }
                .joined(separator: " ") + "]"
        default: text(value)
        }
    }

    /// `%T` of a value decoded from JSON.
    static func typeName(_ value: JSON) -> String { value.goDecodedTypeName }
}
