/// A field selector with apimachinery's semantics (`pkg/fields/selector.go`): comma-separated `field=value`,
/// `field==value` or `field!=value` terms, all of which must hold.
///
/// Values may escape `\`, `,` and `=` with a backslash; field names take no escapes and end at the first operator.
/// Terms are kept sorted by their text, as apimachinery sorts them, so `description` is deterministic. Which fields
/// a resource supports is the server's business: it checks `fields` and answers an unsupported one with
/// `FieldSelector.unsupportedFieldLabel(_:)` (`field label not supported: spec.foo`).
public struct FieldSelector: Sendable, Hashable, CustomStringConvertible {
    /// One term.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        public enum Operator: String, Sendable, Hashable {
            /// `=` or `==`.
            case equals = "="
            case notEquals = "!="
        }

        public var field: String
        public var `operator`: Operator
        /// The unescaped value.
        public var value: String

        public init(field: String, operator: Operator, value: String) {
            self.field = field
            self.operator = `operator`
            self.value = value
        }

        /// Whether the object's fields satisfy the term. A missing field reads as the empty string, as Go's
        /// `fields.Set.Get` does, so `spec.nodeName=` selects unscheduled pods.
        public func matches(_ fields: (String) -> String?) -> Bool {
            let actual = fields(field) ?? ""
            return `operator` == .equals ? actual == value : actual != value
        }

        /// `field=value` with the value escaped (`==` prints as `=`).
        public var description: String { field + `operator`.rawValue + FieldSelector.escape(value) }
    }

    /// The terms in apimachinery's order (sorted by their source text).
    public var requirements: [Requirement]

    /// A selector of these terms, in the order given; the empty list selects everything.
    public init(requirements: [Requirement] = []) { self.requirements = requirements }

    /// Matches everything.
    public static let everything = FieldSelector()

    /// Parses a `fieldSelector` query parameter. Empty terms (`a=b,`) are ignored.
    /// - Throws: `SelectorError`: `invalid selector: 'x'; can't understand 'x'`,
    ///   `invalid field selector: invalid escape sequence: \a`, or
    ///   `invalid field selector: unescaped character in value: 61` (apimachinery prints the character's code).
    public init(parsing text: String) throws(SelectorError) {
        var requirements: [Requirement] = []
        for term in FieldSelector.splitTerms(text).sorted(by: utf8Precedes) where !term.isEmpty {
            guard let (field, op, rawValue) = FieldSelector.splitTerm(term) else {
                throw SelectorError("invalid selector: '\(text)'; can't understand '\(term)'")
            }
            requirements.append(Requirement(field: field, operator: op, value: try FieldSelector.unescape(rawValue)))
        }
        self.requirements = requirements
    }

    /// True when the selector selects everything.
    public var isEmpty: Bool { requirements.isEmpty }

    /// The field names the selector uses, each once, in term order; the server refuses the ones a resource does
    /// not support.
    public var fields: [String] {
        var names: [String] = []
        for requirement in requirements where !names.contains(requirement.field) { names.append(requirement.field) }
        return names
    }

    /// Whether the object's fields, looked up by name, satisfy every term.
    public func matches(_ fields: (String) -> String?) -> Bool { requirements.allSatisfy { $0.matches(fields) } }

    /// `RequiresExactMatch`: the value an `=` term pins a field to (`metadata.name=x` lets a store do a get).
    public func requiredValue(forField field: String) -> String? {
        requirements.first { $0.field == field && $0.operator == .equals }?.value
    }

    /// Throws `unsupportedFieldLabel` for the first field (in term order) `isSupported` refuses.
    public func requireSupportedFields(_ isSupported: (String) -> Bool) throws(APIError) {
        if let field = fields.first(where: { !isSupported($0) }) { throw FieldSelector.unsupportedFieldLabel(field) }
    }

    /// The canonical string: terms joined by `,`.
    public var description: String { requirements.map(\.description).joined(separator: ",") }

    // MARK: - Errors for unsupported fields

    /// 400 `field label not supported: X`, what kube-apiserver answers for a field a built-in resource does not
    /// index (pods, nodes, events…).
    public static func unsupportedFieldLabel(_ field: String) -> APIError {
        .badRequest("field label not supported: \(field)")
    }

    /// 400 `"X" is not a known field selector: only "metadata.name", "metadata.namespace"`, what kube-apiserver
    /// answers for resources with only the default field selectors (custom resources, most built-ins).
    public static func unknownFieldSelector(_ field: String) -> APIError {
        .badRequest("\(goQuoted(field)) is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
    }

    // MARK: - Escaping

    /// `fields.EscapeValue`: prefixes `\`, `,` and `=` with a backslash.
    public static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "=") })
        else { return value }
        var result = ""
        for character in value.unicodeScalars {
            if character == "\\" || character == "," || character == "=" { result += "\\" }
            result.unicodeScalars.append(character)
        }
        return result
    }

    /// `fields.UnescapeValue`: the literal value of an escaped one.
    public static func unescape(_ value: String) throws(SelectorError) -> String {
        var result = ""
        var afterBackslash = false
        for character in value.unicodeScalars {
            if afterBackslash {
                guard character == "\\" || character == "," || character == "=" else {
                    throw SelectorError("invalid field selector: invalid escape sequence: \\\(character)")
                }
                result.unicodeScalars.append(character)
                afterBackslash = false
                continue
            }
            switch character {
            case "\\": afterBackslash = true
            case ",", "=": throw SelectorError("invalid field selector: unescaped character in value: \(character.value)")
            default: result.unicodeScalars.append(character)
            }
        }
        if afterBackslash { throw SelectorError("invalid field selector: invalid escape sequence: \\") }
        return result
    }

    /// Splits at commas not escaped by a backslash; escapes stay in the terms.
    static func splitTerms(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var terms: [String] = []
        let bytes = Array(text.utf8)
        var start = 0
        var afterBackslash = false
        for (index, byte) in bytes.enumerated() {
            if afterBackslash {
                afterBackslash = false
            } else if byte == UInt8(ascii: "\\") {
                afterBackslash = true
            } else if byte == UInt8(ascii: ",") {
                terms.append(String(decoding: bytes[start..<index], as: UTF8.self))
                start = index + 1
            }
        }
        terms.append(String(decoding: bytes[start...], as: UTF8.self))
        return terms
    }

    /// Splits a term at its first operator, trying `!=`, then `==`, then `=` at each position.
    static func splitTerm(_ term: String) -> (String, Requirement.Operator, String)? {
        let bytes = Array(term.utf8)
        for index in bytes.indices {
            let rest = bytes[index...]
            var field: String { String(decoding: bytes[..<index], as: UTF8.self) }
            if rest.starts(with: [UInt8(ascii: "!"), UInt8(ascii: "=")]) {
                return (field, .notEquals, String(decoding: bytes[(index + 2)...], as: UTF8.self))
            }
            if rest.starts(with: [UInt8(ascii: "="), UInt8(ascii: "=")]) {
                return (field, .equals, String(decoding: bytes[(index + 2)...], as: UTF8.self))
            }
            if rest.first == UInt8(ascii: "=") {
                return (field, .equals, String(decoding: bytes[(index + 1)...], as: UTF8.self))
            }
        }
        return nil
    }
}
