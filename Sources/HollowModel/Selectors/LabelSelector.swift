/// A label selector with apimachinery's semantics (`pkg/labels/selector.go`): a conjunction of requirements, kept
/// sorted by key so that equal selectors print equally.
///
/// Build one by parsing the query syntax (`LabelSelector(parsing: "app=web,tier in (a,b),!canary")`), from a
/// `metav1.LabelSelector` (`LabelSelector(labelSelector: json)`) or from a set of labels
/// (`LabelSelector(matchLabels:)`). `description` renders the canonical string kube-apiserver prints, e.g. for a
/// scale subresource's `status.selector`.
public struct LabelSelector: Sendable, Hashable, CustomStringConvertible {
    /// One `key operator values` term.
    public struct Requirement: Sendable, Hashable, CustomStringConvertible {
        /// `selection.Operator`; the raw values are apimachinery's.
        public enum Operator: String, Sendable, Hashable, CaseIterable {
            case equals = "="
            case doubleEquals = "=="
            case notEquals = "!="
            case `in` = "in"
            case notIn = "notin"
            case exists = "exists"
            case doesNotExist = "!"
            case greaterThan = "gt"
            case lessThan = "lt"
        }

        public let key: String
        public let `operator`: Operator
        /// The values as given (parsing yields them sorted and without duplicates).
        public let values: [String]

        /// Builds a requirement, validating it as `labels.NewRequirement` does: the key must be a qualified name,
        /// the number of values must suit the operator, `gt`/`lt` values must be integers and every value must be
        /// a valid label value.
        /// - Throws: `SelectorError` with apimachinery's aggregated message, e.g.
        ///   `values[0][app]: Invalid value: "a b": a valid label must be …`.
        public init(key: String, operator: Operator, values: [String] = []) throws(SelectorError) {
            let errors = Requirement.validate(key: key, operator: `operator`, values: values)
            if !errors.isEmpty { throw SelectorError(aggregateMessage(errors)) }
            self.init(unchecked: key, operator: `operator`, values: values)
        }

        init(unchecked key: String, operator: Operator, values: [String]) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }

        static func validate(key: String, operator: Operator, values: [String]) -> [FieldError] {
            var errors: [FieldError] = []
            let keyErrors = isQualifiedName(key)
            if !keyErrors.isEmpty { errors.append(.invalid("key", .string(key), keyErrors.joined(separator: "; "))) }
            let badValues: JSON = values.isEmpty ? .null : .array(values.map { .string($0) })
            switch `operator` {
            case .in, .notIn:
                if values.isEmpty {
                    errors.append(.invalid("values", badValues, "for 'in', 'notin' operators, values set can't be empty"))
                }
            case .equals, .doubleEquals, .notEquals:
                if values.count != 1 {
                    errors.append(.invalid("values", badValues, "exact-match compatibility requires one single value"))
                }
            case .exists, .doesNotExist:
                if !values.isEmpty {
                    errors.append(
                        .invalid("values", badValues, "values set must be empty for exists and does not exist"))
                }
            case .greaterThan, .lessThan:
                if values.count != 1 {
                    errors.append(
                        .invalid("values", badValues, "for 'Gt', 'Lt' operators, exactly one value is required"))
                }
                for (index, value) in values.enumerated() where Int64(value) == nil {
                    errors.append(
                        .invalid(
                            "values[\(index)]", .string(value), "for 'Gt', 'Lt' operators, the value must be an integer"))
                }
            }
            for (index, value) in values.enumerated() {
                let valueErrors = isValidLabelValue(value)
                if !valueErrors.isEmpty {
                    errors.append(
                        .invalid("values[\(index)][\(key)]", .string(value), valueErrors.joined(separator: "; ")))
                }
            }
            return errors
        }

        /// Whether labels (looked up by key) satisfy this requirement. A missing key satisfies `!=`, `notin` and
        /// `!`; `gt`/`lt` need both sides to be integers.
        public func matches(_ lookup: (String) -> String?) -> Bool {
            switch `operator` {
            case .in, .equals, .doubleEquals:
                guard let value = lookup(key) else { return false }
                return values.contains(value)
            case .notIn, .notEquals:
                guard let value = lookup(key) else { return true }
                return !values.contains(value)
            case .exists:
                return lookup(key) != nil
            case .doesNotExist:
                return lookup(key) == nil
            case .greaterThan, .lessThan:
                guard let text = lookup(key), let labelValue = Int64(text), values.count == 1,
                    let bound = Int64(values[0])
                else { return false }
                return `operator` == .greaterThan ? labelValue > bound : labelValue < bound
            }
        }

        public func matches(_ labels: [String: String]) -> Bool { matches { labels[$0] } }

        /// `x in (a,b)`, `x!=a`, `!x`… with several values sorted, as apimachinery prints them.
        public var description: String {
            switch `operator` {
            case .exists: return key
            case .doesNotExist: return "!" + key
            case .equals: return key + "=" + renderedValues
            case .doubleEquals: return key + "==" + renderedValues
            case .notEquals: return key + "!=" + renderedValues
            case .greaterThan: return key + ">" + renderedValues
            case .lessThan: return key + "<" + renderedValues
            case .in: return key + " in (" + renderedValues + ")"
            case .notIn: return key + " notin (" + renderedValues + ")"
            }
        }

        private var renderedValues: String {
            values.count == 1 ? values[0] : values.sorted(by: utf8Precedes).joined(separator: ",")
        }
    }

    /// The requirements, sorted by key; all must match.
    public private(set) var requirements: [Requirement]
    /// `labels.Nothing()`: what a null `metav1.LabelSelector` means.
    var selectsNothing = false

    /// The selector that matches everything (an empty query string).
    public init() { requirements = [] }

    /// Matches everything.
    public static let everything = LabelSelector()

    /// Matches nothing; prints as the empty string, as apimachinery's `Nothing()` does.
    public static let nothing: LabelSelector = {
        var selector = LabelSelector()
        selector.selectsNothing = true
        return selector
    }()

    /// A selector of these requirements, sorted by key.
    public init(requirements: [Requirement]) {
        self.requirements = requirements.sorted { utf8Precedes($0.key, $1.key) }
    }

    /// `labels.SelectorFromSet`: `key=value` for each label, without validation.
    public init(matchLabels: [String: String]) {
        self.init(requirements: matchLabels.map { Requirement(unchecked: $0.key, operator: .equals, values: [$0.value]) })
    }

    /// True when the selector does not restrict anything (not true for `nothing`).
    public var isEmpty: Bool { !selectsNothing && requirements.isEmpty }

    /// True for `LabelSelector.nothing`.
    public var matchesNothing: Bool { selectsNothing }

    /// This selector with more requirements, re-sorted.
    public func adding(_ more: [Requirement]) -> LabelSelector {
        guard !selectsNothing else { return self }
        return LabelSelector(requirements: requirements + more)
    }

    public func matches(_ labels: [String: String]) -> Bool { matches { labels[$0] } }

    /// Matches `metadata.labels` as found in an object; non-string values count as absent.
    public func matches(labels: JSON?) -> Bool {
        let object = labels?.objectValue
        return matches { object?[$0]?.stringValue }
    }

    /// Whether labels, looked up by key, satisfy every requirement.
    public func matches(_ lookup: (String) -> String?) -> Bool {
        if selectsNothing { return false }
        return requirements.allSatisfy { $0.matches(lookup) }
    }

    /// `RequiresExactMatch`: the single value a key must have (`=`, `==`, or `in` with one value), if any.
    public func requiredValue(forKey key: String) -> String? {
        guard let requirement = requirements.first(where: { $0.key == key }) else { return nil }
        switch requirement.operator {
        case .equals, .doubleEquals, .in: return requirement.values.count == 1 ? requirement.values[0] : nil
        default: return nil
        }
    }

    /// The canonical string: requirements joined by `,` in key order (`a=b,c in (d,e),!f`).
    public var description: String { requirements.map(\.description).joined(separator: ",") }
}

/// Go's string order: bytewise.
func utf8Precedes(_ lhs: String, _ rhs: String) -> Bool { lhs.utf8.lexicographicallyPrecedes(rhs.utf8) }

/// `utilerrors.NewAggregate(...).Error()`: one message alone, several as `[a, b]` without duplicates.
func aggregateMessage(_ errors: [FieldError]) -> String {
    var seen: [String] = []
    for message in errors.map(\.description) where !seen.contains(message) { seen.append(message) }
    return seen.count == 1 ? seen[0] : "[" + seen.joined(separator: ", ") + "]"
}
