import HollowModel

/// kube-openapi's string and number validators, with its messages.
extension SchemaValidation {
    mutating func checkString(_ schema: StructuralSchema, _ string: String, name: String) {
        // kube-openapi stops at the first failing string check.
        let length = Int64(string.unicodeScalars.count)
        if let maximum = schema.maxLength, length > maximum {
            fail(
                FieldError(
                    .tooLong, field: field(name),
                    detail: "may not be more than \(maximum) \(maximum == 1 ? "byte" : "bytes")"))
            return
        }
        if let minimum = schema.minLength, length < minimum {
            fail(.invalid(field(name), .string(string), "\(name) in body should be at least \(minimum) chars long"))
            return
        }
        guard !schema.pattern.isEmpty else { return }
        switch SchemaPattern.compile(schema.pattern) {
        case .success(let pattern):
            if !pattern.matches(string) {
                fail(.invalid(field(name), .string(string), "\(name) in body should match '\(schema.pattern)'"))
            }
        case .failure(let error):
            fail(
                .invalid(
                    field(name), .string(string),
                    "\(name) in body should match '\(schema.pattern), but pattern is invalid: \(error.message)'"))
        }
    }

    mutating func checkFormat(_ schema: StructuralSchema, _ string: String, name: String) {
        let format = schema.effectiveFormat
        let normalized = format.replacing("-", with: "")
        guard StructuralSchema.stringFormats.contains(normalized) else { return }
        if !StringFormat.isValid(string, format: normalized) {
            fail(
                .typeInvalid(
                    field(name), .string(string), "\(name) in body must be of type \(format): \(GoFormat.quote(string))"
                ))
        }
    }

    mutating func checkNumber(_ schema: StructuralSchema, _ value: JSON, name: String) {
        var typeName = ""
        var format = ""
        if schema.allowedTypes.count == 1 {
            typeName = schema.type == "integer" || schema.type == "number" ? schema.type : ""
            format = schema.effectiveFormat
        }
        var rangeErrors: [String] = []
        if let message = Self.rangeError(value, typeName, format, "Checked", name) { rangeErrors.append(message) }
        let data = value.doubleValue ?? 0
        var multiple: [FieldError] = []
        var minimumErrors: [FieldError] = []
        var maximumErrors: [FieldError] = []
        var boundErrors: [String] = []

        if let factor = schema.multipleOf {
            let boundError = Self.rangeError(.double(factor), typeName, format, "MultipleOf", name)
            if let boundError { boundErrors.append(boundError) }
            if case .int(let integer) = value, boundError == nil {
                let intFactor = Self.goInt64(factor)
                if intFactor <= 0 {
                    multiple.append(
                        .invalid(
                            field(name), .int(intFactor),
                            "factor MultipleOf declared for \(name) must be positive: \(intFactor)"))
                } else if integer % intFactor != 0 {
                    multiple.append(
                        .invalid(field(name), value, "\(name) in body should be a multiple of \(intFactor)"))
                }
            } else if factor <= 0 {
                multiple.append(
                    .invalid(
                        field(name), .double(factor),
                        "factor MultipleOf declared for \(name) must be positive: \(GoFormat.float(factor))"))
            } else if !SchemaValidation.isJSONInteger(factor < 1 ? 1 / factor * data : data / factor) {
                let shown: JSON = boundError == nil ? value : .double(data)
                multiple.append(
                    .invalid(field(name), shown, "\(name) in body should be a multiple of \(GoFormat.float(factor))"))
            }
        }
        if let minimum = schema.minimum {
            minimumErrors = bound(
                value, minimum, exclusive: schema.exclusiveMinimum, isMaximum: false, name: name,
                typeName: typeName, format: format, boundErrors: &boundErrors)
        }
        if let maximum = schema.maximum {
            maximumErrors = bound(
                value, maximum, exclusive: schema.exclusiveMaximum, isMaximum: true, name: name,
                typeName: typeName, format: format, boundErrors: &boundErrors)
        }
        for message in rangeErrors + boundErrors { compositeError(message) }
        errors += multiple + minimumErrors + maximumErrors
    }

    /// `MinimumNativeType`/`MaximumNativeType`: integers compare with the bound truncated to an integer, floats
    /// as floats; a bound that does not fit the type falls back to a float comparison.
    private func bound(
        _ value: JSON, _ limit: Double, exclusive: Bool, isMaximum: Bool, name: String, typeName: String,
        format: String, boundErrors: inout [String]
    ) -> [FieldError] {
        let label = isMaximum ? "Maximum boundary" : "Minimum boundary"
        let boundError = Self.rangeError(.double(limit), typeName, format, label, name)
        if let boundError { boundErrors.append(boundError) }
        let relation: String
        switch (isMaximum, exclusive) {
        case (true, false): relation = "less than or equal to"
        case (true, true): relation = "less than"
        case (false, false): relation = "greater than or equal to"
        case (false, true): relation = "greater than"
        }
        if case .int(let integer) = value, boundError == nil {
            let intLimit = Self.goInt64(limit)
            let violates =
                isMaximum
                ? (exclusive ? integer >= intLimit : integer > intLimit)
                : (exclusive ? integer <= intLimit : integer < intLimit)
            return violates ? [.invalid(field(name), value, "\(name) in body should be \(relation) \(intLimit)")] : []
        }
        let data = value.doubleValue ?? 0
        let violates =
            isMaximum ? (exclusive ? data >= limit : data > limit) : (exclusive ? data <= limit : data < limit)
        let shown: JSON = boundError == nil ? value : .double(data)
        return violates
            ? [.invalid(field(name), shown, "\(name) in body should be \(relation) \(GoFormat.float(limit))")] : []
    }

    /// kube-openapi's `IsValueValidAgainstRange`: whether a number (the value or a bound) fits the schema's type
    /// and format; the message when it does not.
    static func rangeError(
        _ value: JSON, _ typeName: String, _ format: String, _ label: String, _ name: String
    ) -> String? {
        let text: String
        switch value {
        case .int(let i): text = String(i)
        case .double(let d): text = d.isFinite ? GoFormat.fixedDecimal(d) : String(d)
        default: return nil
        }
        var fits = true
        if typeName == "integer" {
            fits = format == "int32" ? Int32(text) != nil : Int64(text) != nil
        } else if format == "float" {
            fits = !Float(value.doubleValue ?? 0).isInfinite
        }
        if fits { return nil }
        if format.isEmpty { return "\(label) value must be of type \(typeName) (default format) in \(name)" }
        return "\(label) value must be of type \(typeName) with format \(format) in \(name)"
    }

    /// Go's `int64(f)` conversion, saturating where Go's is undefined.
    static func goInt64(_ value: Double) -> Int64 {
        guard value.isFinite else { return value < 0 ? .min : .max }
        if value >= 9.2e18 { return .max }
        if value <= -9.2e18 { return .min }
        return Int64(value.rounded(.towardZero))
    }
}

extension GoFormat {
    /// `strconv.FormatFloat(f, 'f', -1, 64)`: shortest digits, never an exponent.
    static func fixedDecimal(_ value: Double) -> String {
        if value == 0 { return "0" }
        let (digits, point) = shortestDigits(abs(value))
        let sign = value < 0 ? "-" : ""
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + String(digits) }
        if point >= digits.count { return sign + String(digits) + String(repeating: "0", count: point - digits.count) }
        return sign + String(digits[..<point]) + "." + String(digits[point...])
    }
}
