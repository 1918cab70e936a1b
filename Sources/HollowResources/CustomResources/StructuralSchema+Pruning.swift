import HollowModel

extension StructuralSchema {
    /// Drops what the schema does not declare from a custom resource, as apiextensions-apiserver does when it
    /// decodes one, and returns the dropped fields' paths: the unknown `metadata` members first, then the pruned
    /// fields sorted (`spec.foo`, `spec.list[0].bar`), then unknown `metadata` members of embedded resources.
    ///
    /// `apiVersion`, `kind` and `metadata` at the root (and in `x-kubernetes-embedded-resource` objects) are kept;
    /// subtrees under `x-kubernetes-preserve-unknown-fields` are kept except where they declare properties.
    /// With `fieldValidation=Strict` each path becomes `unknown field "spec.foo"` (see `unknownFieldMessage`).
    public func prune(_ object: inout JSON) -> [String] {
        var unknown = Self.pruneMetadata(&object, path: "metadata")
        var root = self
        root.isEmbeddedResource = true
        var pruned: [String] = []
        Self.prune(&object, root, path: "", into: &pruned)
        unknown += pruned.sorted()
        var embedded: [String] = []
        pruneEmbeddedMetadata(&object, path: "", into: &embedded, isRoot: true)
        return unknown + embedded.sorted()
    }

    /// kube-apiserver's strict-decoding message for a pruned path (`unknown field "spec.foo"`), the text of
    /// `fieldValidation=Strict` errors and `Warn` warnings.
    public static func unknownFieldMessage(_ path: String) -> String { "unknown field \"\(path)\"" }

    /// Removes `null`s the schema neither allows (`nullable`) nor defaults, as apiextensions does after pruning
    /// (`PruneNonNullableNullsWithoutDefaults`).
    public func removeNonNullableNulls(_ value: inout JSON) {
        Self.removeNulls(&value, self)
    }

    /// `value` pruned by this schema, as apiextensions checks defaults; as a resource root, `apiVersion`, `kind`
    /// and `metadata` stay.
    func prunedValue(_ value: JSON, isResourceRoot: Bool) -> JSON {
        var copy = value
        var schema = self
        if isResourceRoot { schema.isEmbeddedResource = true }
        var ignored: [String] = []
        Self.prune(&copy, schema, path: "", into: &ignored)
        return copy
    }

    /// `ObjectMeta`'s JSON fields; anything else under `metadata` is dropped on decode.
    static let objectMetaFields: Set<String> = [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers",
        "managedFields",
    ]
    private static let metaFields: Set<String> = ["apiVersion", "kind", "metadata"]

    private static func pruneMetadata(_ object: inout JSON, path: String) -> [String] {
        guard var metadata = object["metadata"]?.objectValue else { return [] }
        let unknown = metadata.keys.filter { !objectMetaFields.contains($0) }
        guard !unknown.isEmpty else { return [] }
        for key in unknown { metadata.removeValue(forKey: key) }
        object["metadata"] = .object(metadata)
        return unknown.map { "\(path).\($0)" }
    }

    private static func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private static func prune(
        _ value: inout JSON, _ schema: StructuralSchema?, path: String, into unknown: inout [String]
    ) {
        if let schema, schema.preservesUnknownFields {
            skipPrune(&value, schema, path: path, into: &unknown)
            return
        }
        switch value {
        case .object(var object):
            guard let schema else {
                for key in object.keys { unknown.append(join(path, key)) }
                value = .object(JSONObject())
                return
            }
            for key in object.keys {
                if schema.isEmbeddedResource, metaFields.contains(key) { continue }
                if let property = schema.properties[key] {
                    prune(&object[key]!, property, path: join(path, key), into: &unknown)
                } else if let additional = schema.additionalProperties {
                    prune(&object[key]!, additional.schema, path: join(path, key), into: &unknown)
                } else {
                    if !metaFields.contains(key) || !path.isEmpty { unknown.append(join(path, key)) }
                    object.removeValue(forKey: key)
                }
            }
            value = .object(object)
        case .array(var elements):
            for index in elements.indices {
                prune(&elements[index], schema?.items, path: "\(path)[\(index)]", into: &unknown)
            }
            value = .array(elements)
        default: break
        }
    }

    /// Below `x-kubernetes-preserve-unknown-fields`: unknown members stay, declared ones are pruned as usual.
    private static func skipPrune(
        _ value: inout JSON, _ schema: StructuralSchema?, path: String, into unknown: inout [String]
    ) {
        guard let schema else { return }
        switch value {
        case .object(var object):
            for key in object.keys {
                if schema.isEmbeddedResource, metaFields.contains(key) { continue }
                if let property = schema.properties[key] {
                    prune(&object[key]!, property, path: join(path, key), into: &unknown)
                } else if let additional = schema.additionalProperties {
                    prune(&object[key]!, additional.schema, path: join(path, key), into: &unknown)
                }
            }
            value = .object(object)
        case .array(var elements):
            for index in elements.indices {
                skipPrune(&elements[index], schema.items, path: "\(path)[\(index)]", into: &unknown)
            }
            value = .array(elements)
        default: break
        }
    }

    /// Unknown `metadata` members of embedded resources (apiextensions' `objectmeta.Coerce`), with field-path
    /// rendering (`spec.templates[name].metadata.foo`).
    private func pruneEmbeddedMetadata(_ value: inout JSON, path: String, into unknown: inout [String], isRoot: Bool) {
        switch value {
        case .object(var object):
            if isEmbeddedResource, !isRoot {
                var wrapper = JSON.object(object)
                unknown += Self.pruneMetadata(&wrapper, path: Self.join(path, "metadata"))
                object = wrapper.objectValue ?? object
            }
            for key in object.keys {
                if let property = properties[key] {
                    property.pruneEmbeddedMetadata(
                        &object[key]!, path: Self.join(path, key), into: &unknown, isRoot: false)
                } else if let additional = additionalProperties?.schema {
                    additional.pruneEmbeddedMetadata(
                        &object[key]!, path: "\(path)[\(key)]", into: &unknown, isRoot: false)
                }
            }
            value = .object(object)
        case .array(var elements):
            guard let items else { return }
            for index in elements.indices {
                items.pruneEmbeddedMetadata(&elements[index], path: "\(path)[\(index)]", into: &unknown, isRoot: false)
            }
            value = .array(elements)
        default: break
        }
    }

    private static func removeNulls(_ value: inout JSON, _ schema: StructuralSchema?) {
        switch value {
        case .object(var object):
            for key in object.keys {
                let child = schema?.properties[key] ?? schema?.additionalProperties?.schema
                if object[key] == .null, let child, !child.nullable, child.defaultValue == nil {
                    object.removeValue(forKey: key)
                } else {
                    removeNulls(&object[key]!, child)
                }
            }
            value = .object(object)
        case .array(var elements):
            for index in elements.indices { removeNulls(&elements[index], schema?.items) }
            value = .array(elements)
        default: break
        }
    }
}

extension StructuralSchema {
    /// Sets defaults as apiextensions-apiserver does on every decode (`structuraldefaulting.Default`): a property
    /// that is missing, or `null` where the schema is not `nullable`, gets its `default`; `null` array items and
    /// additional-property values get their schema's default the same way; then the walk goes on into the value,
    /// so defaults nest. Apply after `prune` and `removeNonNullableNulls`, as kube-apiserver does.
    public func applyDefaults(_ value: inout JSON) {
        switch value {
        case .object(var object):
            // Properties are visited by name so defaulted members are appended in a stable order.
            for (key, property) in sortedProperties {
                guard let defaultValue = property.defaultValue else { continue }
                if object[key] == nil || (object[key] == .null && !property.nullable) { object[key] = defaultValue }
            }
            for key in object.keys {
                if let property = properties[key] {
                    property.applyDefaults(&object[key]!)
                } else if let additional = additionalProperties?.schema {
                    if object[key] == .null, !additional.nullable { object[key] = additional.defaultValue ?? .null }
                    additional.applyDefaults(&object[key]!)
                }
            }
            value = .object(object)
        case .array(var elements):
            guard let items else { return }
            for index in elements.indices {
                if elements[index] == .null, !items.nullable { elements[index] = items.defaultValue ?? .null }
                items.applyDefaults(&elements[index])
            }
            value = .array(elements)
        default: break
        }
    }
}
