import HollowModel

extension StructuralSchema {
    /// Checks `x-kubernetes-list-type: set` items are unique and `map` items unique by their
    /// `x-kubernetes-list-map-keys` (apiextensions' `listtype.ValidateListSetsAndMaps`), from the object root.
    /// Each repeated value is reported once, at its second occurrence: `spec.ports[2]: Duplicate value: {"port":80}`.
    public func validateListSetsAndMaps(_ object: JSON) -> [FieldError] {
        guard case .object(let members) = object else { return [] }
        return listErrors(members, path: "")
    }

    private func listErrors(_ object: JSONObject, path: String) -> [FieldError] {
        var errors: [FieldError] = []
        if let additional = additionalProperties?.schema {
            for member in object { errors += additional.listErrors(member.value, path: "\(path)[\(member.key)]") }
        }
        for member in object {
            if let property = properties[member.key] {
                errors += property.listErrors(member.value, path: path.isEmpty ? member.key : "\(path).\(member.key)")
            }
        }
        return errors
    }

    private func listErrors(_ value: JSON, path: String) -> [FieldError] {
        switch value {
        case .object(let object): return listErrors(object, path: path)
        case .array(let elements):
            var errors: [FieldError] = []
            switch listType {
            case "set"?:
                for index in Self.repeatedIndices(elements.map(Optional.some)) {
                    errors.append(.duplicate("\(path)[\(index)]", elements[index]))
                }
            case "map"?: errors += mapListErrors(elements, path: path)
            default: break
            }
            if let items {
                for (index, element) in elements.enumerated() {
                    errors += items.listErrors(element, path: "\(path)[\(index)]")
                }
            }
            return errors
        default: return []
        }
    }

    private func mapListErrors(_ elements: [JSON], path: String) -> [FieldError] {
        for (index, element) in elements.enumerated() where element.objectValue == nil && !element.isNull {
            return [.invalid("\(path)[\(index)]", element, "must be an object for an array of list-type map")]
        }
        guard elements.count > 1 else { return [] }
        if listMapKeys.count == 1, let key = listMapKeys.first {
            // A missing key (or a null item) is one more "unspecified" key, equal to every other missing one.
            let keys = elements.map { $0[key] }
            return Self.repeatedIndices(keys).map { index in
                .duplicate(
                    "\(path)[\(index)]",
                    keys[index].map { JSON.object(JSONObject([(key, $0)])) } ?? .object(JSONObject()))
            }
        }
        let keys: [JSON?] = elements.map { element in
            var key = JSONObject()
            for name in listMapKeys { if let value = element[name] { key[name] = value } }
            return .object(key)
        }
        return Self.repeatedIndices(keys).map { .duplicate("\(path)[\($0)]", keys[$0] ?? .null) }
    }

    /// The index of each value's second occurrence (later repeats are not reported again).
    private static func repeatedIndices(_ values: [JSON?]) -> [Int] {
        var seen: [(value: JSON?, count: Int)] = []
        var indices: [Int] = []
        for (index, value) in values.enumerated() {
            if let position = seen.firstIndex(where: { $0.value == value }) {
                seen[position].count += 1
                if seen[position].count == 2 { indices.append(index) }
            } else {
                seen.append((value, 1))
            }
        }
        return indices
    }
}

extension StructuralSchema {
    /// Checks the objects under `x-kubernetes-embedded-resource` look like Kubernetes objects (apiextensions'
    /// `objectmeta.Validate`): `apiVersion` and `kind` required and well-formed, `metadata` valid object metadata
    /// whose name may be anything usable as a path segment. The resource root itself is not checked here.
    public func validateEmbeddedResources(_ object: JSON) -> [FieldError] {
        embeddedErrors(object, path: "", isRoot: true)
    }

    func embeddedErrors(_ value: JSON, path: String, isRoot: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        switch value {
        case .object(let object):
            if isEmbeddedResource, !isRoot { errors += Self.embeddedResourceErrors(object, path: path) }
            for member in object {
                if let property = properties[member.key] {
                    errors += property.embeddedErrors(
                        member.value, path: path.isEmpty ? member.key : "\(path).\(member.key)", isRoot: false)
                } else if let additional = additionalProperties?.schema {
                    errors += additional.embeddedErrors(member.value, path: "\(path)[\(member.key)]", isRoot: false)
                }
            }
        case .array(let elements):
            guard let items else { return [] }
            for (index, element) in elements.enumerated() {
                errors += items.embeddedErrors(element, path: "\(path)[\(index)]", isRoot: false)
            }
        default: break
        }
        return errors
    }

    private static func embeddedResourceErrors(_ object: JSONObject, path: String) -> [FieldError] {
        func child(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
        var errors: [FieldError] = []
        if object["apiVersion"] == nil { errors.append(.required(child("apiVersion"))) }
        if object["kind"] == nil { errors.append(.required(child("kind"))) }
        for member in object {
            switch member.key {
            case "apiVersion":
                guard let apiVersion = member.value.stringValue else {
                    errors.append(.invalid(child("apiVersion"), member.value, "must be a string"))
                    continue
                }
                if apiVersion.isEmpty {
                    errors.append(.invalid(child("apiVersion"), "", "must not be empty"))
                } else if apiVersion != "/", apiVersion.filter({ $0 == "/" }).count > 1 {
                    errors.append(
                        .invalid(child("apiVersion"), member.value, "unexpected GroupVersion string: \(apiVersion)"))
                }
            case "kind":
                guard let kind = member.value.stringValue else {
                    errors.append(.invalid(child("kind"), member.value, "must be a string"))
                    continue
                }
                if kind.isEmpty {
                    errors.append(.invalid(child("kind"), "", "must not be empty"))
                } else if case let messages = isDNS1035Label(kind.lowercased()), !messages.isEmpty {
                    errors.append(
                        .invalid(
                            child("kind"), member.value,
                            "may have mixed case, but should otherwise match: " + messages.joined(separator: ",")))
                }
            case "metadata":
                var metadata = member.value
                if metadata.objectValue != nil, (metadata["name"]?.stringValue ?? "").isEmpty {
                    // apiextensions fills in a name so only the rest of the metadata is judged.
                    metadata["name"] = "fakename"
                }
                let namespaced = !(metadata["namespace"]?.stringValue ?? "").isEmpty
                for var error in validateObjectMeta(metadata, namespaced: namespaced, nameValidator: pathSegmentName) {
                    error.field = child(error.field)
                    errors.append(error)
                }
            default: break
            }
        }
        return errors
    }

    /// apimachinery's `IsPathSegmentName`/`IsPathSegmentPrefix`: the names an embedded resource may have.
    static let pathSegmentName = NameValidator { name, prefix in
        var messages: [String] = []
        if !prefix {
            for illegal in [".", ".."] where name == illegal { messages.append("may not be '\(illegal)'") }
        }
        for illegal in ["/", "%"] where name.contains(illegal) { messages.append("may not contain '\(illegal)'") }
        return messages
    }
}
