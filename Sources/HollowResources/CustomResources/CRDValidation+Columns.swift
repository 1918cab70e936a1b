import HollowModel

/// Subresources, printer columns and selectable fields of a CRD version.
extension CRDValidation {
    static let columnTypes = ["boolean", "date", "integer", "number", "string"]
    static let columnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "password"]

    /// `ValidateCustomResourceDefinitionSubresources`: scale paths are simple JSON paths under `.spec` (desired
    /// replicas), `.status` (actual replicas) and either (label selector).
    static func subresourcesErrors(_ subresources: JSON, path: String) -> [FieldError] {
        guard let scale = subresources["scale"], !scale.isNull else { return [] }
        var errors: [FieldError] = []
        let rules: [(key: String, prefixes: [String], detail: String, required: Bool)] = [
            ("specReplicasPath", [".spec."], "should be a json path under .spec", true),
            ("statusReplicasPath", [".status."], "should be a json path under .status", true),
            (
                "labelSelectorPath", [".spec.", ".status."], "should be a json path under either .spec or .status",
                false
            ),
        ]
        for rule in rules {
            let field = "\(path).scale.\(rule.key)"
            let value = scale[rule.key]?.stringValue ?? ""
            if value.isEmpty {
                if rule.required { errors.append(.required(field)) }
                continue
            }
            let pathErrors = simpleJSONPathErrors(value, path: field)
            if !pathErrors.isEmpty {
                errors += pathErrors
            } else if !rule.prefixes.contains(where: value.hasPrefix) {
                errors.append(.invalid(field, .string(value), rule.detail))
            }
        }
        return errors
    }

    /// `validateSimpleJSONPath`: a JSON path starting with a dot.
    static func simpleJSONPathErrors(_ value: String, path: String) -> [FieldError] {
        if value.isEmpty { return [.invalid(path, "", "must not be empty")] }
        if !value.hasPrefix(".") {
            return [.invalid(path, .string(value), "must be a simple json path starting with .")]
        }
        return []
    }

    /// `ValidateCustomResourceColumnDefinition` (its `JSONPath` field path is capitalized, as in kube-apiserver).
    static func columnErrors(_ column: JSON, path: String) -> [FieldError] {
        var errors: [FieldError] = []
        if (column["name"]?.stringValue ?? "").isEmpty { errors.append(.required(path + ".name")) }
        let type = column["type"]?.stringValue ?? ""
        let typeDetail = "must be one of " + columnTypes.joined(separator: ",")
        if type.isEmpty {
            errors.append(.required(path + ".type", typeDetail))
        } else if !columnTypes.contains(type) {
            errors.append(.invalid(path + ".type", .string(type), typeDetail))
        }
        if let format = column["format"]?.stringValue, !format.isEmpty, !columnFormats.contains(format) {
            errors.append(
                .invalid(path + ".format", .string(format), "must be one of " + columnFormats.joined(separator: ",")))
        }
        let jsonPath = column["jsonPath"]?.stringValue ?? ""
        if jsonPath.isEmpty {
            errors.append(.required(path + ".JSONPath"))
        } else {
            errors += simpleJSONPathErrors(jsonPath, path: path + ".JSONPath")
        }
        return errors
    }

    /// At most this many selectable fields per version.
    static let maximumSelectableFields = 8

    /// `ValidateCustomResourceSelectableFields`: each `jsonPath` names a string, boolean or integer field of the
    /// schema outside `metadata`, once.
    static func selectableFieldErrors(_ fields: [JSON], schema json: JSON, path: String) -> [FieldError] {
        guard let schema = try? StructuralSchema(parsing: json) else {
            return [.invalid(path.replacing("selectableFields", with: "schema.openAPIV3Schema"), "", "invalid schema")]
        }
        var errors: [FieldError] = []
        var unique: [String] = []
        for (index, field) in fields.enumerated() {
            let fieldPath = "\(path)[\(index)].jsonPath"
            let jsonPath = field["jsonPath"]?.stringValue ?? ""
            if jsonPath.isEmpty {
                errors.append(.required(fieldPath))
                continue
            }
            let resolved: (path: String, root: String, schema: StructuralSchema)
            switch schema.resolveFieldPath(jsonPath, allowArrayNotation: false) {
            case .success(let found): resolved = found
            case .failure(let error):
                errors.append(.invalid(fieldPath, .string(jsonPath), "is an invalid path: \(error.message)"))
                continue
            }
            if resolved.root == "metadata" {
                errors.append(.invalid(fieldPath, .string(jsonPath), "must not point to fields in metadata"))
            }
            if !["string", "boolean", "integer"].contains(resolved.schema.type) {
                errors.append(
                    .invalid(
                        fieldPath, .string(jsonPath),
                        "must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed."
                    ))
            }
            if unique.contains(resolved.path) {
                errors.append(.duplicate(fieldPath, .string(jsonPath)))
            } else {
                unique.append(resolved.path)
            }
        }
        if unique.count > maximumSelectableFields {
            errors.append(
                SchemaValidation.tooMany(path, actual: Int64(unique.count), maximum: Int64(maximumSelectableFields)))
        }
        return errors
    }
}

/// Why a field path does not resolve in a schema.
struct FieldPathError: Error, Sendable {
    var message: String
}

extension StructuralSchema {
    /// apiextensions' `ValidFieldPath`: follows `.name` and `['name']` steps through properties (or
    /// additional properties) and returns the canonical path, its first segment and the schema reached.
    func resolveFieldPath(
        _ jsonPath: String, allowArrayNotation: Bool = true
    ) -> Result<(path: String, root: String, schema: StructuralSchema), FieldPathError> {
        var tokens: [String] = []
        var current = ""
        var inQuote = false
        for character in jsonPath {
            if inQuote {
                current.append(character)
                if character == "'", current.count > 1, !current.dropLast().hasSuffix("\\") {
                    tokens.append(current)
                    current = ""
                    inQuote = false
                }
                continue
            }
            if character == "'", current.isEmpty {
                inQuote = true
                current.append(character)
            } else if ".[]".contains(character) {
                if !current.isEmpty { tokens.append(current) }
                tokens.append(String(character))
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }

        var schema = self
        var path = ""
        var root = ""
        var index = 0
        func step(_ name: String) -> FieldPathError? {
            if !schema.properties.isEmpty {
                guard let next = schema.properties[name] else {
                    return FieldPathError(message: "does not refer to a valid field")
                }
                path += path.isEmpty ? name : ".\(name)"
                schema = next
            } else if let additional = schema.additionalProperties {
                path += "[\(name)]"
                schema = additional.schema ?? StructuralSchema()
            } else {
                return FieldPathError(message: "does not refer to a valid field")
            }
            if root.isEmpty { root = name }
            return nil
        }
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case ".":
                guard index < tokens.count else {
                    return .failure(FieldPathError(message: "unexpected end of JSON path"))
                }
                if let error = step(tokens[index]) { return .failure(error) }
                index += 1
            case "[":
                guard allowArrayNotation else {
                    return .failure(FieldPathError(message: "array notation is not allowed"))
                }
                guard index < tokens.count else {
                    return .failure(FieldPathError(message: "unexpected end of JSON path"))
                }
                let quoted = tokens[index]
                guard quoted.count >= 2, quoted.hasPrefix("'"), quoted.hasSuffix("'") else {
                    return .failure(FieldPathError(message: "expected single quoted string but got \(quoted)"))
                }
                if let error = step(String(quoted.dropFirst().dropLast()).replacing("\\'", with: "'")) {
                    return .failure(error)
                }
                index += 1
                guard index < tokens.count else {
                    return .failure(FieldPathError(message: "unexpected end of JSON path"))
                }
                guard tokens[index] == "]" else {
                    return .failure(FieldPathError(message: "expected ] but got \(tokens[index])"))
                }
                index += 1
            default:
                return .failure(FieldPathError(message: "expected [ or . but got: \(token)"))
            }
        }
        return .success((path, root, schema))
    }
}
