import HollowModel

extension StructuralSchema {
    /// Checks the schema is structural (apiextensions' `ValidateStructural`): every specified node has a `type`
    /// (unless int-or-string or preserving unknown fields), `array`s have `items`, the root is an object without
    /// `additionalProperties` whose `metadata` may only restrict `name` and `generateName`, embedded resources
    /// are objects, and `allOf`/`anyOf`/`oneOf`/`not` only validate values: no types, defaults, descriptions
    /// or extensions, and no fields the skeleton lacks. Errors are sorted, as apiextensions sorts them.
    public func structuralErrors(at path: String) -> [FieldError] {
        var errors = invariantErrors(level: .root, path: path)
        errors += completenessErrors(of: self, against: self, schemaPath: path, validationPath: path)
        return errors.sorted { $0.description < $1.description }
    }

    enum Level { case root, item, field }

    private static func child(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
    private static func property(_ path: String, _ name: String) -> String { child(path, "properties") + "[\(name)]" }

    private func invariantErrors(level: Level, path: String) -> [FieldError] {
        var errors: [FieldError] = []
        let c = { (name: String) in Self.child(path, name) }
        if type == "array", items == nil { errors.append(.required(c("items"), "must be specified")) }
        if let items { errors += items.invariantErrors(level: .item, path: c("items")) }
        for (name, property) in sortedProperties {
            errors += property.invariantErrors(level: .field, path: Self.property(path, name))
        }
        if let additionalProperties {
            if level == .root { errors.append(.forbidden(c("additionalProperties"), "must not be used at the root")) }
            if let schema = additionalProperties.schema {
                errors += schema.invariantErrors(level: .field, path: c("additionalProperties"))
            }
        }
        if isIntOrString, preservesUnknownFields {
            errors.append(
                .invalid(
                    c("x-kubernetes-preserve-unknown-fields"), true,
                    "must be false if x-kubernetes-int-or-string is true"))
        }
        if isIntOrString, isEmbeddedResource {
            errors.append(
                .invalid(
                    c("x-kubernetes-embedded-resource"), true, "must be false if x-kubernetes-int-or-string is true"))
        }
        errors += valueValidationErrors(
            skipAnyOf: isIntOrStringAnyOf, skipFirstAllOfAnyOf: isIntOrStringAllOf, path: path)

        let checkMetadata = level == .root || isEmbeddedResource
        if isEmbeddedResource, type != "object" {
            let detail = "must be object if x-kubernetes-embedded-resource is true"
            errors.append(type.isEmpty ? .required(c("type"), detail) : .invalid(c("type"), .string(type), detail))
        } else if type.isEmpty, !isIntOrString, !preservesUnknownFields {
            switch level {
            case .root: errors.append(.required(c("type"), "must not be empty at the root"))
            case .item: errors.append(.required(c("type"), "must not be empty for specified array items"))
            case .field: errors.append(.required(c("type"), "must not be empty for specified object fields"))
            }
        }
        if isEmbeddedResource, additionalProperties != nil {
            errors.append(
                .forbidden(c("additionalProperties"), "must not be used if x-kubernetes-embedded-resource is set"))
        }
        if level == .root, !type.isEmpty, type != "object" {
            errors.append(.invalid(c("type"), .string(type), "must be object at the root"))
        }
        for name in ["kind", "apiVersion"] where checkMetadata {
            if let member = properties[name], member.type != "string" {
                errors.append(.invalid(Self.property(path, name) + ".type", .string(member.type), "must be string"))
            }
        }
        if let metadata = properties["metadata"] {
            let metadataPath = Self.property(path, "metadata")
            if checkMetadata, metadata.type != "object" {
                errors.append(.invalid(metadataPath + ".type", .string(metadata.type), "must be object"))
            }
            if level == .root, !metadata.onlyRestrictsNames {
                errors.append(
                    .forbidden(
                        metadataPath,
                        "must not specify anything other than name and generateName, but metadata is implicitly specified"
                    ))
            }
        }
        if isEmbeddedResource, !preservesUnknownFields, properties.isEmpty {
            errors.append(
                .required(
                    c("properties"),
                    "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"
                ))
        }
        return errors
    }

    /// Whether a root `metadata` schema says nothing beyond its type, a default, and `name`/`generateName`.
    private var onlyRestrictsNames: Bool {
        var rest = self
        rest.type = ""
        rest.defaultValue = nil
        let names = Set(properties.keys)
        if names == ["name", "generateName"] || names == ["name"] || names == ["generateName"] {
            rest.properties = [:]
        }
        return rest == StructuralSchema()
    }

    /// `anyOf: [{type: integer}, {type: string}]`: how int-or-string was spelled before the extension existed.
    private var isIntOrStringAnyOf: Bool {
        anyOf.count == 2 && anyOf[0] == Self.typeOnly("integer") && anyOf[1] == Self.typeOnly("string")
    }
    private var isIntOrStringAllOf: Bool { allOf.first?.isIntOrStringAnyOf ?? false }

    private static func typeOnly(_ type: String) -> StructuralSchema {
        var schema = StructuralSchema()
        schema.type = type
        return schema
    }

    private func valueValidationErrors(skipAnyOf: Bool, skipFirstAllOfAnyOf: Bool, path: String) -> [FieldError] {
        var errors: [FieldError] = []
        if !skipAnyOf {
            for (index, clause) in anyOf.enumerated() {
                errors += clause.nestedErrors(skipAnyOf: false, path: Self.child(path, "anyOf") + "[\(index)]")
            }
        }
        for (index, clause) in allOf.enumerated() {
            errors += clause.nestedErrors(
                skipAnyOf: skipFirstAllOfAnyOf && index == 0, path: Self.child(path, "allOf") + "[\(index)]")
        }
        for (index, clause) in oneOf.enumerated() {
            errors += clause.nestedErrors(skipAnyOf: false, path: Self.child(path, "oneOf") + "[\(index)]")
        }
        if let not { errors += not.nestedErrors(skipAnyOf: false, path: Self.child(path, "not")) }
        if !pattern.isEmpty, case .failure(let error) = SchemaPattern.compile(pattern) {
            errors.append(
                .invalid(
                    Self.child(path, "pattern"), .string(pattern),
                    "must be a valid regular expression, but isn't: \(error.message)"))
        }
        return errors
    }

    /// The rules for a schema inside `allOf`/`anyOf`/`oneOf`/`not`: value validations only.
    private func nestedErrors(skipAnyOf: Bool, path: String) -> [FieldError] {
        let c = { (name: String) in Self.child(path, name) }
        var errors = valueValidationErrors(skipAnyOf: skipAnyOf, skipFirstAllOfAnyOf: false, path: path)
        if let items { errors += items.nestedErrors(skipAnyOf: false, path: c("items")) }
        for (name, property) in sortedProperties {
            errors += property.nestedErrors(skipAnyOf: false, path: Self.property(path, name))
        }
        let undefined = "must be undefined to be structural"
        if !type.isEmpty { errors.append(.forbidden(c("type"), "must be empty to be structural")) }
        // apiextensions drops `additionalProperties: false` here; `true` and schemas are not allowed.
        if let additionalProperties, additionalProperties != .allowed(false) {
            errors.append(.forbidden(c("additionalProperties"), undefined))
        }
        if defaultValue != nil { errors.append(.forbidden(c("default"), undefined)) }
        if !title.isEmpty { errors.append(.forbidden(c("title"), "must be empty to be structural")) }
        if !description.isEmpty { errors.append(.forbidden(c("description"), "must be empty to be structural")) }
        if nullable { errors.append(.forbidden(c("nullable"), "must be false to be structural")) }
        if preservesUnknownFields {
            errors.append(.forbidden(c("x-kubernetes-preserve-unknown-fields"), "must be false to be structural"))
        }
        if isEmbeddedResource {
            errors.append(.forbidden(c("x-kubernetes-embedded-resource"), "must be false to be structural"))
        }
        if isIntOrString {
            errors.append(.forbidden(c("x-kubernetes-int-or-string"), "must be false to be structural"))
        }
        if !listMapKeys.isEmpty {
            errors.append(.forbidden(c("x-kubernetes-list-map-keys"), "must be empty to be structural"))
        }
        if listType != nil { errors.append(.forbidden(c("x-kubernetes-list-type"), undefined)) }
        if mapType != nil { errors.append(.forbidden(c("x-kubernetes-map-type"), undefined)) }
        if !validationRules.isEmpty {
            errors.append(.forbidden(c("x-kubernetes-validations"), "must be empty to be structural"))
        }
        if properties["metadata"] != nil {
            errors.append(.forbidden(Self.property(path, "metadata"), "must not be specified in a nested context"))
        }
        return errors
    }

    /// Fields named in the root's value validations must exist in the skeleton (apiextensions checks the root's
    /// clauses only, recursing through them).
    private func completenessErrors(
        of clauses: StructuralSchema, against skeleton: StructuralSchema?, schemaPath: String, validationPath: String
    ) -> [FieldError] {
        var errors: [FieldError] = []
        let nested: [(StructuralSchema, String)] =
            (clauses.not.map { [($0, Self.child(validationPath, "not"))] } ?? [])
            + clauses.allOf.enumerated().map { ($1, Self.child(validationPath, "allOf") + "[\($0)]") }
            + clauses.anyOf.enumerated().map { ($1, Self.child(validationPath, "anyOf") + "[\($0)]") }
            + clauses.oneOf.enumerated().map { ($1, Self.child(validationPath, "oneOf") + "[\($0)]") }
        for (clause, path) in nested {
            errors += nestedCompleteness(clause, skeleton, schemaPath: schemaPath, validationPath: path)
        }
        return errors
    }

    private func nestedCompleteness(
        _ clause: StructuralSchema, _ skeleton: StructuralSchema?, schemaPath: String, validationPath: String
    ) -> [FieldError] {
        guard let skeleton else { return [.required(schemaPath, "because it is defined in \(validationPath)")] }
        var errors = completenessErrors(
            of: clause, against: skeleton, schemaPath: schemaPath, validationPath: validationPath)
        if let items = clause.items {
            errors += nestedCompleteness(
                items, skeleton.items, schemaPath: Self.child(schemaPath, "items"),
                validationPath: Self.child(validationPath, "items"))
        }
        for (name, property) in clause.sortedProperties {
            let propertySchemaPath = Self.property(schemaPath, name)
            let propertyValidationPath = Self.property(validationPath, name)
            guard let skeletonProperty = skeleton.properties[name] else {
                errors.append(.required(propertySchemaPath, "because it is defined in \(propertyValidationPath)"))
                continue
            }
            errors += nestedCompleteness(
                property, skeletonProperty, schemaPath: propertySchemaPath, validationPath: propertyValidationPath)
        }
        return errors
    }
}
