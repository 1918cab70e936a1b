import HollowModel

/// `ValidateCustomResourceDefinitionOpenAPISchema`: the OpenAPI keyword rules, walked over the schema as written
/// (so keywords a structural schema cannot hold are reported where they are).
struct KeywordWalk {
    /// What the walk carries down (`specStandardValidatorV3`).
    struct Rules {
        var allowsDefaults = true
        var defaultsReason = ""
        var insideResourceMeta = false

        func forbiddingDefaults(_ reason: String) -> Rules {
            var rules = self
            rules.allowsDefaults = false
            rules.defaultsReason = reason
            return rules
        }
    }

    var errors: [FieldError] = []

    static let types = ["array", "boolean", "integer", "number", "object", "string"]
    static let ruleReasons = ["FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"]
    private static let metaFields: Set<String> = ["metadata", "kind", "apiVersion"]

    mutating func visit(_ json: JSON, path: String, rules: Rules, isRoot: Bool) {
        guard let schema = json.objectValue else { return }
        let type = schema["type"]?.stringValue ?? ""
        checkKeywords(schema, type: type, path: path, rules: rules)
        if schema["uniqueItems"] == true {
            errors.append(
                .forbidden(
                    path + ".uniqueItems",
                    "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"))
        }
        if let additional = schema["additionalProperties"], !additional.isNull {
            if !(schema["properties"]?.objectValue?.isEmpty ?? true), additional != true {
                errors.append(
                    .forbidden(
                        path + ".additionalProperties", "additionalProperties and properties are mutual exclusive"))
            }
            let subRules =
                rules.insideResourceMeta
                ? rules.forbiddingDefaults("inside additionalProperties applying to object metadata") : rules
            visit(additional, path: path + ".additionalProperties", rules: subRules, isRoot: false)
        }
        let embedded = schema["x-kubernetes-embedded-resource"] == true
        for property in schema["properties"]?.objectValue ?? [:] {
            var subRules = rules
            if isRoot || embedded, Self.metaFields.contains(property.key) {
                subRules.insideResourceMeta = true
                if isRoot { subRules = subRules.forbiddingDefaults("in top-level \(property.key)") }
            }
            visit(property.value, path: path + ".properties[\(property.key)]", rules: subRules, isRoot: false)
        }
        if let not = schema["not"] { visit(not, path: path + ".not", rules: rules, isRoot: false) }
        for keyword in ["allOf", "oneOf", "anyOf"] {
            for (index, clause) in (schema[keyword]?.arrayValue ?? []).enumerated() {
                visit(clause, path: path + ".\(keyword)[\(index)]", rules: rules, isRoot: false)
            }
        }
        switch schema["items"] {
        case .array(let elements)?:
            for (index, element) in elements.enumerated() {
                visit(element, path: path + ".items[\(index)]", rules: rules, isRoot: false)
            }
        case let items?: visit(items, path: path + ".items", rules: rules, isRoot: false)
        case nil: break
        }
        if schema["x-kubernetes-preserve-unknown-fields"] == false {
            errors.append(.invalid(path + ".x-kubernetes-preserve-unknown-fields", false, "must be true or undefined"))
        }
        checkMapAndListTypes(schema, type: type, path: path)
        checkValidationRules(schema, path: path)
    }

    /// `specStandardValidatorV3.validate`: keywords apiextensions does not support.
    private mutating func checkKeywords(_ schema: JSONObject, type: String, path: String, rules: Rules) {
        if !type.isEmpty, !Self.types.contains(type) {
            errors.append(.notSupported(path + ".type", .string(type), supported: Self.types))
        }
        if let value = schema["default"], !value.isNull, !rules.allowsDefaults {
            let detail = rules.defaultsReason.isEmpty ? "must not be set" : "must not be set " + rules.defaultsReason
            errors.append(.forbidden(path + ".default", detail))
        }
        if !(schema["id"]?.stringValue ?? "").isEmpty { errors.append(.forbidden(path + ".id", "id is not supported")) }
        if let value = schema["additionalItems"], !value.isNull {
            errors.append(.forbidden(path + ".additionalItems", "additionalItems is not supported"))
        }
        if !(schema["patternProperties"]?.objectValue?.isEmpty ?? true) {
            errors.append(.forbidden(path + ".patternProperties", "patternProperties is not supported"))
        }
        if !(schema["definitions"]?.objectValue?.isEmpty ?? true) {
            errors.append(.forbidden(path + ".definitions", "definitions is not supported"))
        }
        if let value = schema["dependencies"], !value.isNull {
            errors.append(.forbidden(path + ".dependencies", "dependencies is not supported"))
        }
        if let value = schema["$ref"], !value.isNull {
            errors.append(.forbidden(path + ".$ref", "$ref is not supported"))
        }
        if type == "null" {
            errors.append(.forbidden(path + ".type", "type cannot be set to null, use nullable as an alternative"))
        }
        if !(schema["items"]?.arrayValue?.isEmpty ?? true) {
            errors.append(.forbidden(path + ".items", "items must be a schema object and not an array"))
        }
        if rules.insideResourceMeta, schema["x-kubernetes-embedded-resource"] == true {
            errors.append(
                .forbidden(path + ".x-kubernetes-embedded-resource", "must not be used inside of resource meta"))
        }
    }

    private mutating func checkMapAndListTypes(_ schema: JSONObject, type: String, path: String) {
        if let mapType = schema["x-kubernetes-map-type"]?.stringValue {
            if type != "object" {
                let detail = "must be object if x-kubernetes-map-type is specified"
                errors.append(
                    type.isEmpty ? .required(path + ".type", detail) : .invalid(path + ".type", .string(type), detail))
            }
            if mapType != "atomic", mapType != "granular" {
                errors.append(
                    .notSupported(path + ".x-kubernetes-map-type", .string(mapType), supported: ["atomic", "granular"]))
            }
        }
        let listType = schema["x-kubernetes-list-type"]?.stringValue
        let items = schema["items"]?.objectValue
        if listType != nil, type != "array" {
            let detail = "must be array if x-kubernetes-list-type is specified"
            errors.append(
                type.isEmpty ? .required(path + ".type", detail) : .invalid(path + ".type", .string(type), detail))
        } else if listType == "set", let items {
            let detail = "must be atomic as item of a list with x-kubernetes-list-type=set"
            let itemListType = items["x-kubernetes-list-type"]?.stringValue
            switch items["type"]?.stringValue {
            case "array"?:
                if let itemListType, itemListType != "atomic" {
                    errors.append(.invalid(path + ".items.x-kubernetes-list-type", .string(itemListType), detail))
                }
            case "object"?:
                if items["x-kubernetes-map-type"]?.stringValue != "atomic" {
                    // kube-apiserver shows the items' list type here, usually null.
                    errors.append(
                        .invalid(
                            path + ".items.x-kubernetes-map-type", itemListType.map { .string($0) } ?? .null, detail))
                }
            default: break
            }
        }
        if let listType, !["atomic", "set", "map"].contains(listType) {
            errors.append(
                .notSupported(path + ".x-kubernetes-list-type", .string(listType), supported: ["atomic", "set", "map"]))
        }
        let keys = (schema["x-kubernetes-list-map-keys"]?.arrayValue ?? []).compactMap(\.stringValue)
        let keysValue = schema["x-kubernetes-list-map-keys"] ?? .null
        if !keys.isEmpty {
            let detail = "must be map if x-kubernetes-list-map-keys is non-empty"
            if let listType {
                if listType != "map" {
                    errors.append(.invalid(path + ".x-kubernetes-list-type", .string(listType), detail))
                }
            } else {
                errors.append(.required(path + ".x-kubernetes-list-type", detail))
            }
        }
        if listType == "map" {
            if keys.isEmpty {
                errors.append(
                    .required(
                        path + ".x-kubernetes-list-map-keys", "must not be empty if x-kubernetes-list-type is map"))
            }
            switch schema["items"] {
            case nil, .null?:
                errors.append(.required(path + ".items", "must have a schema if x-kubernetes-list-type is map"))
            case .array(let elements)?:
                errors.append(
                    .invalid(
                        path + ".items", .array(elements),
                        "must only have a single schema if x-kubernetes-list-type is map"))
            default:
                let itemType = items?["type"]?.stringValue ?? ""
                if itemType != "object" {
                    errors.append(
                        .invalid(
                            path + ".items.type", .string(itemType),
                            "must be object if parent array's x-kubernetes-list-type is map"))
                } else {
                    var seen: Set<String> = []
                    for key in keys {
                        if let property = items?["properties"]?[key] {
                            if ["array", "object"].contains(property["type"]?.stringValue ?? "") {
                                errors.append(
                                    .invalid(
                                        path + ".items.properties[\(key)].type", .string(itemType),
                                        "must be a scalar type if parent array's x-kubernetes-list-type is map"))
                            }
                        } else {
                            errors.append(
                                .invalid(
                                    path + ".x-kubernetes-list-map-keys", keysValue,
                                    "entries must all be names of item properties"))
                        }
                        if !seen.insert(key).inserted {
                            errors.append(
                                .invalid(
                                    path + ".x-kubernetes-list-map-keys", keysValue,
                                    "must not contain duplicate entries"))
                        }
                    }
                }
            }
        }
        // Set and map items may not be null, and map keys must always be present.
        guard let items, let listType, listType == "set" || listType == "map" else { return }
        if items["nullable"] == true {
            errors.append(
                .forbidden(path + ".items.nullable", "cannot be nullable when x-kubernetes-list-type is \(listType)"))
        }
        guard listType == "map" else { return }
        let required = Set((items["required"]?.arrayValue ?? []).compactMap(\.stringValue))
        for key in keys {
            guard let property = items["properties"]?[key] else { continue }
            if !required.contains(key), property["default"] == nil || property["default"] == .null {
                errors.append(
                    .required(
                        path + ".items.properties[\(key)].default",
                        "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"
                    ))
            }
            if property["nullable"] == true {
                errors.append(
                    .forbidden(
                        path + ".items.properties[\(key)].nullable",
                        "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"))
            }
        }
    }

    /// The static checks of `x-kubernetes-validations`; the rules themselves are not compiled (no CEL here).
    private mutating func checkValidationRules(_ schema: JSONObject, path: String) {
        for (index, rule) in (schema["x-kubernetes-validations"]?.arrayValue ?? []).enumerated() {
            let rulePath = path + ".x-kubernetes-validations[\(index)]"
            let text = rule["rule"]?.stringValue ?? ""
            let message = rule["message"]?.stringValue ?? ""
            let trimmedRule = text.trimmingWhitespace
            let trimmedMessage = message.trimmingWhitespace
            if trimmedRule.isEmpty {
                errors.append(.required(rulePath + ".rule", "rule is not specified"))
            } else if !message.isEmpty, trimmedMessage.isEmpty {
                errors.append(.invalid(rulePath + ".message", .string(message), "must be non-empty if specified"))
            } else if trimmedMessage.contains(where: \.isNewline) {
                errors.append(.invalid(rulePath + ".message", .string(message), "must not contain line breaks"))
            } else if trimmedRule.contains(where: \.isNewline), trimmedMessage.isEmpty {
                errors.append(
                    .required(rulePath + ".message", "message must be specified if rule contains line breaks"))
            }
            if let expression = rule["messageExpression"]?.stringValue, !expression.isEmpty,
                expression.trimmingWhitespace.isEmpty
            {
                errors.append(
                    .required(rulePath + ".messageExpression", "messageExpression must be non-empty if specified"))
            }
            if let reason = rule["reason"]?.stringValue, !Self.ruleReasons.contains(reason) {
                errors.append(.notSupported(rulePath + ".reason", .string(reason), supported: Self.ruleReasons))
            }
            if let fieldPath = rule["fieldPath"]?.stringValue, !fieldPath.isEmpty {
                if fieldPath.trimmingWhitespace.isEmpty {
                    errors.append(
                        .invalid(rulePath + ".fieldPath", .string(fieldPath), "must be non-empty if specified"))
                }
                if fieldPath.contains(where: \.isNewline) {
                    errors.append(.invalid(rulePath + ".fieldPath", .string(fieldPath), "must not contain line breaks"))
                }
                let schemaValue = try? StructuralSchema(parsing: .object(schema))
                if case .success = schemaValue?.resolveFieldPath(fieldPath) {
                } else {
                    errors.append(.invalid(rulePath + ".fieldPath", .string(fieldPath), "must be a valid path"))
                }
            }
        }
    }
}

extension String {
    /// Go's `strings.TrimSpace`.
    fileprivate var trimmingWhitespace: Substring {
        guard let start = firstIndex(where: { !$0.isWhitespace }), let end = lastIndex(where: { !$0.isWhitespace })
        else {
            return ""
        }
        return self[start...end]
    }
}
