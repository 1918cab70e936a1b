import HollowModel

/// A custom resource version's `openAPIV3Schema`, parsed: the shape of the objects (types, properties, items,
/// additional properties), their value validations, defaults and the `x-kubernetes-*` extensions.
///
/// apiextensions-apiserver splits this into a "structural" skeleton and value validations; here one value type
/// holds both, and the `allOf`/`anyOf`/`oneOf`/`not` clauses are schemas of the same type that only validate.
/// Facets: `validate` (kube-openapi's validator), `prune`, `applyDefaults`, list-type and embedded-resource checks.
/// Parsing does not check structural rules; CRD validation does (`validateCustomResourceDefinition`).
public struct StructuralSchema: Sendable, Equatable {
    /// `object`, `array`, `string`, `integer`, `number`, `boolean`, or "" when unset.
    public var type = ""
    public var format = ""
    public var title = ""
    public var description = ""
    public var nullable = false
    /// The value set for a missing property (a `null` default counts as none, as in apiextensions).
    public var defaultValue: JSON?

    public var properties: [String: StructuralSchema] = [:]
    /// The schema of array items.
    public var items: StructuralSchema? {
        get { itemsStorage.first }
        set { itemsStorage = newValue.map { [$0] } ?? [] }
    }
    public var additionalProperties: AdditionalProperties?

    public var required: [String] = []
    /// `enum`; `nil` when unset.
    public var enumValues: [JSON]?
    public var pattern = ""
    public var minimum: Double?
    public var exclusiveMinimum = false
    public var maximum: Double?
    public var exclusiveMaximum = false
    public var multipleOf: Double?
    public var minLength: Int64?
    public var maxLength: Int64?
    public var minItems: Int64?
    public var maxItems: Int64?
    public var uniqueItems = false
    public var minProperties: Int64?
    public var maxProperties: Int64?
    public var allOf: [StructuralSchema] = []
    public var anyOf: [StructuralSchema] = []
    public var oneOf: [StructuralSchema] = []
    public var not: StructuralSchema? {
        get { notStorage.first }
        set { notStorage = newValue.map { [$0] } ?? [] }
    }

    /// `x-kubernetes-preserve-unknown-fields: true`.
    public var preservesUnknownFields = false
    /// `x-kubernetes-embedded-resource`: the value is an object with its own `apiVersion`, `kind`, `metadata`.
    public var isEmbeddedResource = false
    /// `x-kubernetes-int-or-string`: an integer or a string.
    public var isIntOrString = false
    /// `x-kubernetes-list-type`: `atomic`, `set` or `map`.
    public var listType: String?
    public var listMapKeys: [String] = []
    /// `x-kubernetes-map-type`: `atomic` or `granular`.
    public var mapType: String?
    /// `x-kubernetes-validations` rules as written. They are kept but not evaluated: this server has no CEL.
    public var validationRules: [JSON] = []

    // Arrays give the recursive members the indirection a struct needs.
    private var itemsStorage: [StructuralSchema] = []
    private var notStorage: [StructuralSchema] = []

    public init() {}

    /// `additionalProperties`: a boolean, or the schema of every member not listed in `properties`.
    public indirect enum AdditionalProperties: Sendable, Equatable {
        case allowed(Bool)
        case schema(StructuralSchema)

        /// The schema members are pruned, defaulted and validated with (`nil` for `true`/`false`).
        public var schema: StructuralSchema? { if case .schema(let s) = self { s } else { nil } }
    }

    /// Parses an `openAPIV3Schema`. Throws for what apiextensions cannot turn into a structural schema (`$ref`,
    /// `patternProperties`, an `items` array, …) and for members of the wrong JSON type.
    public init(parsing json: JSON) throws(StructuralSchemaError) {
        var parser = SchemaParser()
        let schema = parser.parse(json, at: "")
        if let error = parser.errors.first { throw error }
        self = schema
    }

    /// The properties' schemas in a deterministic order (by name).
    var sortedProperties: [(key: String, value: StructuralSchema)] {
        properties.sorted { $0.key < $1.key }
    }
}

/// Why a schema could not be parsed; `path` is relative to the schema's root (`properties[spec].type`).
public struct StructuralSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    /// Whether the member had the wrong JSON type (rather than being an unsupported keyword).
    public var isTypeMismatch: Bool

    public init(path: String, message: String, isTypeMismatch: Bool = false) {
        self.path = path
        self.message = message
        self.isTypeMismatch = isTypeMismatch
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Reads `JSONSchemaProps` members, collecting every problem with its path rather than stopping at the first.
struct SchemaParser {
    var errors: [StructuralSchemaError] = []

    /// apiextensions' `NewStructural` refuses these (their messages name the Go field, not the JSON key).
    static let unsupported: [(key: String, name: String)] = [
        ("id", "id"), ("$schema", "schema"), ("$ref", "$ref"), ("patternProperties", "patternProperties"),
        ("dependencies", "dependencies"), ("additionalItems", "additionalItems"), ("definitions", "definitions"),
    ]

    mutating func parse(_ json: JSON, at path: String) -> StructuralSchema {
        var schema = StructuralSchema()
        guard let object = json.objectValue else {
            mismatch(path, "object")
            return schema
        }
        for (key, name) in Self.unsupported where object[key] != nil && !isEmpty(object[key]!) {
            errors.append(StructuralSchemaError(path: path, message: "OpenAPIV3Schema '\(name)' is not supported"))
        }
        for member in object {
            let field = child(path, member.key)
            let value = member.value
            switch member.key {
            case "type": schema.type = string(value, field)
            case "format": schema.format = string(value, field)
            case "title": schema.title = string(value, field)
            case "description": schema.description = string(value, field)
            case "nullable": schema.nullable = bool(value, field)
            case "default": schema.defaultValue = value.isNull ? nil : value
            case "pattern": schema.pattern = string(value, field)
            case "minimum": schema.minimum = number(value, field)
            case "maximum": schema.maximum = number(value, field)
            case "multipleOf": schema.multipleOf = number(value, field)
            case "exclusiveMinimum": schema.exclusiveMinimum = bool(value, field)
            case "exclusiveMaximum": schema.exclusiveMaximum = bool(value, field)
            case "minLength": schema.minLength = integer(value, field)
            case "maxLength": schema.maxLength = integer(value, field)
            case "minItems": schema.minItems = integer(value, field)
            case "maxItems": schema.maxItems = integer(value, field)
            case "minProperties": schema.minProperties = integer(value, field)
            case "maxProperties": schema.maxProperties = integer(value, field)
            case "uniqueItems": schema.uniqueItems = bool(value, field)
            case "required": schema.required = strings(value, field)
            case "enum":
                if value.isNull { break }
                if let values = value.arrayValue { schema.enumValues = values } else { mismatch(field, "array") }
            case "properties":
                guard let members = value.objectValue else {
                    if !value.isNull { mismatch(field, "object") }
                    break
                }
                for property in members {
                    schema.properties[property.key] = parse(property.value, at: "\(field)[\(property.key)]")
                }
            case "items":
                if value.arrayValue != nil {
                    errors.append(
                        StructuralSchemaError(
                            path: path, message: "OpenAPIV3Schema 'items' must be a schema, but is an array"))
                } else if !value.isNull {
                    schema.items = parse(value, at: field)
                }
            case "additionalProperties":
                switch value {
                case .bool(let allowed): schema.additionalProperties = .allowed(allowed)
                case .object: schema.additionalProperties = .schema(parse(value, at: field))
                case .null: break
                default: mismatch(field, "boolean or object")
                }
            case "allOf": schema.allOf = list(value, field)
            case "anyOf": schema.anyOf = list(value, field)
            case "oneOf": schema.oneOf = list(value, field)
            case "not": if !value.isNull { schema.not = parse(value, at: field) }
            case "x-kubernetes-preserve-unknown-fields":
                if value.isNull { break }
                if bool(value, field) {
                    schema.preservesUnknownFields = true
                } else if value.boolValue == false {
                    errors.append(
                        StructuralSchemaError(
                            path: path,
                            message: "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined")
                    )
                }
            case "x-kubernetes-embedded-resource": schema.isEmbeddedResource = bool(value, field)
            case "x-kubernetes-int-or-string": schema.isIntOrString = bool(value, field)
            case "x-kubernetes-list-type": if !value.isNull { schema.listType = string(value, field) }
            case "x-kubernetes-list-map-keys": schema.listMapKeys = strings(value, field)
            case "x-kubernetes-map-type": if !value.isNull { schema.mapType = string(value, field) }
            case "x-kubernetes-validations":
                if value.isNull { break }
                if let rules = value.arrayValue { schema.validationRules = rules } else { mismatch(field, "array") }
            default:
                // `example`, `externalDocs` and unknown keys carry no behaviour.
                break
            }
        }
        return schema
    }

    private mutating func list(_ value: JSON, _ path: String) -> [StructuralSchema] {
        guard let elements = value.arrayValue else {
            if !value.isNull { mismatch(path, "array") }
            return []
        }
        return elements.enumerated().map { parse($0.element, at: "\(path)[\($0.offset)]") }
    }

    private mutating func string(_ value: JSON, _ path: String) -> String {
        if let s = value.stringValue { return s }
        if !value.isNull { mismatch(path, "string") }
        return ""
    }

    private mutating func bool(_ value: JSON, _ path: String) -> Bool {
        if let b = value.boolValue { return b }
        if !value.isNull { mismatch(path, "boolean") }
        return false
    }

    private mutating func number(_ value: JSON, _ path: String) -> Double? {
        if let d = value.doubleValue { return d }
        if !value.isNull { mismatch(path, "number") }
        return nil
    }

    private mutating func integer(_ value: JSON, _ path: String) -> Int64? {
        if let i = value.intValue { return i }
        if !value.isNull { mismatch(path, "integer") }
        return nil
    }

    private mutating func strings(_ value: JSON, _ path: String) -> [String] {
        guard let elements = value.arrayValue else {
            if !value.isNull { mismatch(path, "array") }
            return []
        }
        var result: [String] = []
        for (index, element) in elements.enumerated() {
            if let s = element.stringValue { result.append(s) } else { mismatch("\(path)[\(index)]", "string") }
        }
        return result
    }

    private mutating func mismatch(_ path: String, _ type: String) {
        errors.append(StructuralSchemaError(path: path, message: "must be of type \(type)", isTypeMismatch: true))
    }

    private func isEmpty(_ value: JSON) -> Bool {
        switch value {
        case .null: true
        case .string(let s): s.isEmpty
        case .object(let o): o.isEmpty
        case .array(let a): a.isEmpty
        default: false
        }
    }

    private func child(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
