import HollowModel

/// Validation of one `CustomResourceValidation` (`{openAPIV3Schema: …}`) of a CRD, as
/// `validateCustomResourceDefinitionValidation` does: root restrictions, structural rules and defaults, then
/// the OpenAPI keyword rules walked over the schema as written.
enum CRDSchemaValidation {
    static func errors(_ validation: JSON, path: String, statusEnabled: Bool) -> [FieldError] {
        guard let json = validation["openAPIV3Schema"], !json.isNull else { return [] }
        let schemaPath = path + ".openAPIV3Schema"
        var errors: [FieldError] = []
        if statusEnabled { errors += statusRootErrors(json, path: schemaPath) }
        if json["nullable"] == true {
            errors.append(.forbidden(schemaPath + ".nullable", "nullable cannot be true at the root"))
        }

        var parser = SchemaParser()
        let schema = parser.parse(json, at: "")
        var initErrors: [FieldError] = []
        for error in parser.errors {
            let field = error.path.isEmpty ? schemaPath : "\(schemaPath).\(error.path)"
            if error.isTypeMismatch {
                errors.append(
                    FieldError(.typeInvalid, field: field, value: json[schemaPath: error.path], detail: error.message))
            } else {
                initErrors.append(.invalid(schemaPath, "", error.message))
            }
        }
        if parser.errors.isEmpty {
            let structural = schema.structuralErrors(at: schemaPath)
            errors += structural.isEmpty ? defaultErrors(schema, path: schemaPath) : structural
        }
        var walk = KeywordWalk()
        walk.visit(json, path: schemaPath, rules: .init(), isRoot: true)
        errors += walk.errors
        if errors.isEmpty { errors = initErrors }
        return errors
    }

    /// Go field names of `JSONSchemaProps` by JSON key, in declaration order, and those a root schema may use
    /// when the status subresource is enabled.
    static let goFieldNames: [(key: String, name: String)] = [
        ("id", "ID"), ("$schema", "Schema"), ("$ref", "Ref"), ("description", "Description"), ("type", "Type"),
        ("format", "Format"), ("title", "Title"), ("default", "Default"), ("maximum", "Maximum"),
        ("exclusiveMaximum", "ExclusiveMaximum"), ("minimum", "Minimum"), ("exclusiveMinimum", "ExclusiveMinimum"),
        ("maxLength", "MaxLength"), ("minLength", "MinLength"), ("pattern", "Pattern"), ("maxItems", "MaxItems"),
        ("minItems", "MinItems"), ("uniqueItems", "UniqueItems"), ("multipleOf", "MultipleOf"), ("enum", "Enum"),
        ("maxProperties", "MaxProperties"), ("minProperties", "MinProperties"), ("required", "Required"),
        ("items", "Items"), ("allOf", "AllOf"), ("oneOf", "OneOf"), ("anyOf", "AnyOf"), ("not", "Not"),
        ("properties", "Properties"), ("additionalProperties", "AdditionalProperties"),
        ("patternProperties", "PatternProperties"), ("dependencies", "Dependencies"),
        ("additionalItems", "AdditionalItems"), ("definitions", "Definitions"), ("externalDocs", "ExternalDocs"),
        ("example", "Example"), ("nullable", "Nullable"),
        ("x-kubernetes-preserve-unknown-fields", "XPreserveUnknownFields"),
        ("x-kubernetes-embedded-resource", "XEmbeddedResource"), ("x-kubernetes-int-or-string", "XIntOrString"),
        ("x-kubernetes-list-map-keys", "XListMapKeys"), ("x-kubernetes-list-type", "XListType"),
        ("x-kubernetes-map-type", "XMapType"), ("x-kubernetes-validations", "XValidations"),
    ]
    static let allowedAtStatusRoot = [
        "Description", "Type", "Format", "Title", "Maximum", "ExclusiveMaximum", "Minimum", "ExclusiveMinimum",
        "MaxLength", "MinLength", "Pattern", "MaxItems", "MinItems", "UniqueItems", "MultipleOf", "Required", "Items",
        "Properties", "ExternalDocs", "Example", "XPreserveUnknownFields", "XValidations",
    ]

    /// With a status subresource, the root may only hold keywords that survive extracting `properties.status`.
    private static func statusRootErrors(_ json: JSON, path: String) -> [FieldError] {
        for (key, name) in goFieldNames {
            guard let value = json[key], !isZero(value) else { continue }
            if name == "Type" {
                if value != "object" {
                    return [
                        .invalid(
                            path + ".type", value,
                            #"only "object" is allowed as the type at the root of the schema if the status subresource is enabled"#
                        )
                    ]
                }
                continue
            }
            if !allowedAtStatusRoot.contains(name) {
                return [
                    .invalid(
                        path, json,
                        "only [\(allowedAtStatusRoot.joined(separator: " "))] fields are allowed at the root of the schema if the status subresource is enabled"
                    )
                ]
            }
        }
        return []
    }

    /// Go's zero value for the field as decoded (`false`, `""`, absent); empty lists and maps are not zero.
    private static func isZero(_ value: JSON) -> Bool {
        switch value {
        case .null, .bool(false): true
        case .string(let s): s.isEmpty
        default: false
        }
    }

    /// `structuraldefaulting.ValidateDefaults`: each default (outside `additionalProperties`) must hold no unknown
    /// fields, make a valid embedded resource where it is one, and validate against its own schema.
    private static func defaultErrors(_ schema: StructuralSchema, path: String) -> [FieldError] {
        var root = schema
        root.isEmbeddedResource = true
        return defaultErrors(root, path: path, insideMeta: false)
    }

    private static func defaultErrors(_ schema: StructuralSchema, path: String, insideMeta: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        let insideMeta = schema.isEmbeddedResource ? false : insideMeta
        if let value = schema.defaultValue {
            let defaultPath = path + ".default"
            if !insideMeta, schema.prunedValue(value, isResourceRoot: schema.isEmbeddedResource) != value {
                errors.append(.invalid(defaultPath, value, "must not have unknown fields"))
            }
            let embedded =
                schema.isEmbeddedResource ? schema.embeddedErrors(value, path: defaultPath, isRoot: false) : []
            if !embedded.isEmpty {
                errors += embedded
            } else {
                errors += schema.validate(value, at: defaultPath)
            }
        }
        if let items = schema.items { errors += defaultErrors(items, path: path + ".items", insideMeta: insideMeta) }
        for (name, property) in schema.sortedProperties {
            let meta = insideMeta || (schema.isEmbeddedResource && ["metadata", "apiVersion", "kind"].contains(name))
            errors += defaultErrors(property, path: path + ".properties[\(name)]", insideMeta: meta)
        }
        return errors
    }
}

extension JSON {
    /// The member of a schema at a parser path (`properties[spec].type`), for error values.
    fileprivate subscript(schemaPath path: String) -> JSON? {
        var current: JSON? = self
        var rest = Substring(path)
        while !rest.isEmpty, let value = current {
            if rest.hasPrefix(".") { rest = rest.dropFirst() }
            if rest.hasPrefix("[") {
                let key = rest.dropFirst().prefix { $0 != "]" }
                rest = rest.dropFirst(key.count + 2)
                current =
                    Int(key).flatMap { index in
                        value.arrayValue.flatMap { $0.indices.contains(index) ? $0[index] : nil }
                    }
                    ?? value[String(key)]
            } else {
                let key = rest.prefix { $0 != "." && $0 != "[" }
                rest = rest.dropFirst(key.count)
                current = value[String(key)]
            }
        }
        return current
    }
}
