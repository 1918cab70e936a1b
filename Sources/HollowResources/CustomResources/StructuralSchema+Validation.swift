import HollowModel

extension StructuralSchema {
    /// Validates `value` as kube-apiserver validates a custom resource against its schema (kube-openapi's
    /// `SchemaValidator`, errors converted by apiextensions' `kubeOpenAPIResultToFieldErrors`).
    ///
    /// Messages name fields relative to the validated value (`spec.replicas in body must be of type integer:
    /// "string"`); `path` prefixes the error's field (`status` when validating a status on its own), and errors
    /// about the value as a whole carry `<nil>` as their field when `path` is empty, as kube-apiserver's do.
    public func validate(_ value: JSON, at path: String = "") -> [FieldError] {
        var validation = SchemaValidation(prefix: path)
        validation.validate(self, value, name: "", old: nil)
        return validation.errors
    }

    /// Validates an update with apiextensions' ratcheting: a value equal to the one it replaces (reached through
    /// object members and list-type `map`/`set` items) is not re-validated, so objects stored under an older,
    /// looser schema can still be updated as long as the invalid parts do not change.
    public func validateUpdate(_ value: JSON, old: JSON, at path: String = "") -> [FieldError] {
        var validation = SchemaValidation(prefix: path)
        validation.validate(self, value, name: "", old: old)
        return validation.errors
    }

    /// The `format` kube-apiserver enforces: unknown formats, and formats that do not fit the type, are dropped
    /// (`StripUnsupportedFormatsPostProcessor`) and validate nothing.
    var effectiveFormat: String {
        guard !format.isEmpty else { return "" }
        switch isIntOrString ? "" : type {
        case "", "string": return Self.stringFormats.contains(format.replacing("-", with: "")) ? format : ""
        case "integer": return format == "int32" || format == "int64" ? format : ""
        case "number": return format == "float" || format == "double" ? format : ""
        default: return ""
        }
    }

    /// String formats known to kube-openapi's registry, with dashes removed as its lookups remove them.
    static let stringFormats: Set<String> = [
        "bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6", "cidr", "mac", "uuid", "uuid3", "uuid4", "uuid5",
        "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor", "byte", "password", "date",
        "duration", "datetime", "k8sshortname", "k8slongname",
    ]

    /// The types a value may have: `integer,string` for int-or-string, as apiextensions converts it.
    var allowedTypes: [String] { isIntOrString ? ["integer", "string"] : type.isEmpty ? [] : [type] }
}

/// One run of kube-openapi's validator. `name` is the value's path as the validator names it in messages.
struct SchemaValidation {
    let prefix: String
    var errors: [FieldError] = []
    /// kube-openapi's `MatchCount`: how `anyOf`/`oneOf` pick the failed alternative whose errors to report
    /// (the one with the most checks applied; the first on a tie).
    var matches = 0

    init(prefix: String) { self.prefix = prefix }

    /// The error's field: the prefix joined with the name, leading dot dropped; `<nil>` for a nameless root.
    func field(_ name: String) -> String {
        let trimmed = name.hasPrefix(".") ? String(name.dropFirst()) : name
        if trimmed.isEmpty { return prefix.isEmpty ? "<nil>" : prefix }
        return prefix.isEmpty ? trimmed : "\(prefix).\(trimmed)"
    }

    mutating func fail(_ error: FieldError) { errors.append(error) }

    /// kube-openapi's `InvalidType` with a string value, which is all it is ever given here.
    mutating func typeError(_ name: String, _ typeName: String, _ value: String) {
        fail(
            .typeInvalid(
                field(name), .string(value), "\(name) in body must be of type \(typeName): \(GoFormat.quote(value))"))
    }

    /// An error that is not a kube-openapi `Validation` (composition messages, range checks): reported at the
    /// prefix with an empty value.
    mutating func compositeError(_ message: String) {
        fail(.invalid(prefix.isEmpty ? "<nil>" : prefix, "", message))
    }

    mutating func validate(_ schema: StructuralSchema, _ value: JSON, name: String, old: JSON?) {
        // Ratcheting: an unchanged value keeps whatever errors it had.
        if let old, old == value { return }
        if value.isNull {
            if checkType(schema, value, name: name) { matches += 1 }
            checkEnum(schema, value, name: name)
            return
        }
        // `matches` counts as kube-openapi's MatchCount does: one per validator that applies, one per
        // validation, plus what the type, composition, number and array validators count themselves.
        var applied = 2
        if !schema.allowedTypes.isEmpty || !schema.effectiveFormat.isEmpty {
            applied += 1
            if checkType(schema, value, name: name) { matches += 1 }
        }
        checkComposition(schema, value, name: name, old: old)
        matches += 1
        if case .string(let string) = value {
            applied += 1
            checkString(schema, string, name: name)
            if StructuralSchema.stringFormats.contains(schema.effectiveFormat.replacing("-", with: "")) {
                applied += 1
                checkFormat(schema, string, name: name)
            }
        }
        if value.doubleValue != nil {
            applied += 1
            checkNumber(schema, value, name: name)
            matches += 1
        }
        if case .array(let elements) = value {
            applied += 1
            checkArray(schema, elements, name: name, old: old?.arrayValue)
            matches += 1
        }
        checkEnum(schema, value, name: name)
        if case .object(let object) = value {
            applied += 1
            checkObject(schema, object, name: name, old: old?.objectValue)
        }
        matches += applied + 1
    }

    /// kube-openapi's type validator; whether the value passed it.
    private mutating func checkType(_ schema: StructuralSchema, _ value: JSON, name: String) -> Bool {
        let types = schema.allowedTypes
        let format = schema.effectiveFormat
        guard !types.isEmpty || !format.isEmpty else { return true }
        if value.isNull {
            if !types.isEmpty, !schema.nullable {
                typeError(name, types.joined(separator: ","), "null")
                return false
            }
            return true
        }
        let (valueType, valueFormat) = Self.typeInfo(value)
        let isFloatInt =
            valueType == "number" && Self.isJSONInteger(value.doubleValue ?? 0) && types.contains("integer")
        let isIntFloat = valueType == "integer" && types.contains("number")
        let isStringOrArray = valueType == "string" || valueType == "array"
        if !isStringOrArray, !format.isEmpty,
            !(types.contains(valueType) || valueFormat == format || isFloatInt || isIntFloat)
        {
            typeError(name, format, valueFormat)
            return false
        }
        if !(types.contains("number") || types.contains("integer")), !format.isEmpty, isStringOrArray { return true }
        if !(types.contains(valueType) || isFloatInt || isIntFloat) {
            typeError(name, types.joined(separator: ","), valueType)
            return false
        }
        return true
    }

    /// The JSON type and Go format kube-openapi infers from a decoded value.
    static func typeInfo(_ value: JSON) -> (type: String, format: String) {
        switch value {
        case .null: ("null", "")
        case .bool: ("boolean", "")
        case .int: ("integer", "int64")
        case .double: ("number", "float64")
        case .string: ("string", "")
        case .array: ("array", "")
        case .object: ("object", "")
        }
    }

    /// go-openapi's `IsFloat64AJSONInteger`: integral, within ±2⁵³, allowing a relative error of 1e-9.
    static func isJSONInteger(_ value: Double) -> Bool {
        guard value.isFinite, abs(value) <= 9_007_199_254_740_992 else { return false }
        let truncated = value.rounded(.towardZero)
        if truncated == value { return true }
        return abs(value - truncated) / (abs(value) + abs(truncated)) < 1e-9
    }

    private mutating func checkComposition(_ schema: StructuralSchema, _ value: JSON, name: String, old: JSON?) {
        if !schema.anyOf.isEmpty {
            var best: SchemaValidation?
            var succeeded = false
            for alternative in schema.anyOf {
                let run = trial(alternative, value, name: name, old: old)
                if run.errors.isEmpty {
                    succeeded = true
                    matches += run.matches
                    best = nil
                    break
                }
                if best == nil || run.matches > best!.matches { best = run }
            }
            if !succeeded { compositeError("\(GoFormat.quote(name)) must validate at least one schema (anyOf)") }
            if let best { absorb(best) }
        }
        if !schema.oneOf.isEmpty {
            var best: SchemaValidation?
            var valid = 0
            for alternative in schema.oneOf {
                let run = trial(alternative, value, name: name, old: old)
                if run.errors.isEmpty {
                    valid += 1
                    best = nil
                } else if valid == 0, best == nil || run.matches > best!.matches {
                    best = run
                }
            }
            if valid != 1 {
                let detail = valid == 0 ? "Found none valid" : "Found \(valid) valid alternatives"
                compositeError("\(GoFormat.quote(name)) must validate one and only one schema (oneOf). \(detail)")
                if let best { absorb(best) }
            }
        }
        if !schema.allOf.isEmpty {
            var valid = 0
            for clause in schema.allOf {
                let run = trial(clause, value, name: name, old: old)
                if run.errors.isEmpty { valid += 1 }
                absorb(run)
            }
            if valid != schema.allOf.count {
                let detail = valid == 0 ? ". None validated" : ""
                compositeError("\(GoFormat.quote(name)) must validate all the schemas (allOf)\(detail)")
            }
        }
        if let not = schema.not, trial(not, value, name: name, old: old).errors.isEmpty {
            compositeError("\(GoFormat.quote(name)) must not validate the schema (not)")
        }
    }

    private func trial(_ schema: StructuralSchema, _ value: JSON, name: String, old: JSON?) -> SchemaValidation {
        var run = SchemaValidation(prefix: prefix)
        run.validate(schema, value, name: name, old: old)
        return run
    }

    private mutating func absorb(_ run: SchemaValidation) {
        errors += run.errors
        matches += run.matches
    }

    private mutating func checkEnum(_ schema: StructuralSchema, _ value: JSON, name: String) {
        guard let allowed = schema.enumValues, !allowed.isEmpty else { return }
        if allowed.contains(where: { Self.enumMatches(value, $0) }) { return }
        let supported = allowed.map { member in member.stringValue ?? GoFormat.json(member) }
        fail(
            FieldError(
                .notSupported, field: field(name), value: value,
                detail: "supported values: " + supported.map(GoFormat.quote).joined(separator: ", ")))
    }

    /// kube-openapi's enum check: the value converted to the enum member's Go type, then compared, so `1.5`
    /// matches `1` and a `null` matches nothing.
    static func enumMatches(_ value: JSON, _ member: JSON) -> Bool {
        switch (value, member) {
        case (.null, _), (_, .null): return false
        case (.int(let v), .double(let m)): return Double(v) == m
        case (.double(let v), .int(let m)):
            return v.isFinite && abs(v) < 9.2e18 && Int64(v.rounded(.towardZero)) == m
        case (.int(let v), .string(let m)):
            // Go converts an integer to the string of that code point.
            let scalar = UInt32(exactly: v).flatMap(Unicode.Scalar.init) ?? "\u{FFFD}"
            return String(Character(scalar)) == m
        default: return value == member
        }
    }

    private mutating func checkObject(_ schema: StructuralSchema, _ object: JSONObject, name: String, old: JSONObject?)
    {
        let count = Int64(object.count)
        if let minimum = schema.minProperties, count < minimum {
            fail(.invalid(field(name), .int(count), "\(name) in body should have at least \(minimum) properties"))
        }
        if let maximum = schema.maxProperties, count > maximum {
            fail(Self.tooMany(field(name), actual: count, maximum: maximum))
        }
        switch schema.additionalProperties {
        case .allowed(false)?:
            for member in object where schema.properties[member.key] == nil {
                fail(
                    .invalid(field(name), .string(member.key), "\(name).\(member.key) in body is a forbidden property"))
            }
        case .schema(let additional)?:
            for member in object where schema.properties[member.key] == nil {
                validate(additional, member.value, name: "\(name).\(member.key)", old: old?[member.key])
            }
        default: break
        }
        for member in object {
            guard let property = schema.properties[member.key] else { continue }
            let childName = name.isEmpty ? member.key : "\(name).\(member.key)"
            // apiVersion and kind at the root are never ratcheted.
            let oldValue = name.isEmpty && (member.key == "apiVersion" || member.key == "kind") ? nil : old?[member.key]
            validate(property, member.value, name: childName, old: oldValue)
        }
        for key in schema.required where object[key] == nil {
            fail(.required(field("\(name).\(key)")))
        }
    }

    private mutating func checkArray(_ schema: StructuralSchema, _ elements: [JSON], name: String, old: [JSON]?) {
        if let items = schema.items {
            for (index, element) in elements.enumerated() {
                let oldElement = old.flatMap { Self.correlatedItem(element, in: $0, schema: schema) }
                validate(items, element, name: "\(name)[\(index)]", old: oldElement)
            }
        }
        let count = Int64(elements.count)
        if let minimum = schema.minItems, count < minimum {
            fail(.invalid(field(name), .int(count), "\(name) in body should have at least \(minimum) items"))
        }
        if let maximum = schema.maxItems, count > maximum {
            fail(Self.tooMany(field(name), actual: count, maximum: maximum))
        }
        if schema.uniqueItems {
            for (index, element) in elements.enumerated() where elements[..<index].contains(element) {
                fail(.invalid(field(name), "", "\(name) in body shouldn't contain duplicates"))
                break
            }
        }
    }

    /// The item of the old list an item corresponds to for ratcheting: by key for list-type `map`, by equality
    /// for `set`; atomic lists do not correlate.
    static func correlatedItem(_ item: JSON, in old: [JSON], schema: StructuralSchema) -> JSON? {
        switch schema.listType {
        case "map"?:
            guard let object = item.objectValue else { return nil }
            return old.first { candidate in
                schema.listMapKeys.allSatisfy { candidate[$0] == object[$0] }
            }
        case "set"?: return old.contains(item) ? item : nil
        default: return nil
        }
    }

    /// apimachinery's `field.TooMany`: `Too many: 4: must have at most 3 items`.
    static func tooMany(_ field: String, actual: Int64, maximum: Int64) -> FieldError {
        // FieldError does not render a value for this kind, so the count goes in front of the detail.
        FieldError(
            .tooMany, field: field, detail: "\(actual): must have at most \(maximum) \(maximum == 1 ? "item" : "items")"
        )
    }
}
