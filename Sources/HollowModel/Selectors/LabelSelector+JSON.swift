// `metav1.LabelSelector` (`{"matchLabels": {…}, "matchExpressions": [{"key", "operator", "values"}]}`), the form
// selectors take inside objects (MachineSet `spec.selector`, Deployment `spec.selector`).

extension LabelSelector {
    /// `metav1.LabelSelectorAsSelector`: a missing or null selector matches nothing, an empty one everything.
    ///
    /// `matchLabels` become `key=value` requirements; `matchExpressions` operators are `In`, `NotIn`, `Exists` and
    /// `DoesNotExist`. Requirements are validated as `labels.NewRequirement` validates them.
    /// - Throws: `SelectorError`, e.g. `"Gt" is not a valid label selector operator` or apimachinery's
    ///   requirement message (`values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty`).
    public init(labelSelector json: JSON?) throws(SelectorError) {
        guard let json, !json.isNull else {
            self = .nothing
            return
        }
        guard let object = json.objectValue else { throw SelectorError("a label selector must be an object") }
        var requirements: [Requirement] = []

        switch object["matchLabels"] {
        case nil, .null?:
            break
        case .object(let matchLabels)?:
            for member in matchLabels.members.sorted(by: { utf8Precedes($0.key, $1.key) }) {
                guard let value = member.value.stringValue else {
                    throw SelectorError("matchLabels.\(member.key) must be a string")
                }
                requirements.append(try Requirement(key: member.key, operator: .equals, values: [value]))
            }
        default:
            throw SelectorError("matchLabels must be an object")
        }

        switch object["matchExpressions"] {
        case nil, .null?:
            break
        case .array(let expressions)?:
            for (index, expression) in expressions.enumerated() {
                requirements.append(try Requirement(matchExpression: expression, index: index))
            }
        default:
            throw SelectorError("matchExpressions must be an array")
        }

        if requirements.isEmpty {
            self = .everything
        } else {
            self.init(requirements: requirements)
        }
    }

    /// This selector as a `metav1.LabelSelector` (`metav1.ParseToLabelSelector`'s mapping): `=`/`==` become
    /// `matchLabels`, the set operators `matchExpressions`. `nil` for `nothing`, and for `!=`, `gt` and `lt`, which
    /// the object form cannot express.
    public var labelSelectorJSON: JSON? {
        guard !selectsNothing else { return nil }
        var matchLabels = JSONObject()
        var expressions: [JSON] = []
        for requirement in requirements {
            let op: String
            switch requirement.operator {
            case .equals, .doubleEquals:
                matchLabels[requirement.key] = .string(requirement.values.first ?? "")
                continue
            case .in: op = "In"
            case .notIn: op = "NotIn"
            case .exists: op = "Exists"
            case .doesNotExist: op = "DoesNotExist"
            case .notEquals, .greaterThan, .lessThan: return nil
            }
            var expression: JSONObject = ["key": .string(requirement.key), "operator": .string(op)]
            if !requirement.values.isEmpty { expression["values"] = .array(requirement.values.map { .string($0) }) }
            expressions.append(.object(expression))
        }
        var result = JSONObject()
        if !matchLabels.isEmpty { result["matchLabels"] = .object(matchLabels) }
        if !expressions.isEmpty { result["matchExpressions"] = .array(expressions) }
        return .object(result)
    }
}

extension LabelSelector.Requirement {
    /// One `metav1.LabelSelectorRequirement`.
    init(matchExpression json: JSON, index: Int) throws(SelectorError) {
        guard let object = json.objectValue else { throw SelectorError("matchExpressions[\(index)] must be an object") }
        guard let key = object["key"]?.stringValue ?? (object["key"] == nil ? "" : nil) else {
            throw SelectorError("matchExpressions[\(index)].key must be a string")
        }
        let opName = object["operator"]?.stringValue ?? ""
        let op: Operator
        switch opName {
        case "In": op = .in
        case "NotIn": op = .notIn
        case "Exists": op = .exists
        case "DoesNotExist": op = .doesNotExist
        default: throw SelectorError("\(goQuoted(opName)) is not a valid label selector operator")
        }
        var values: [String] = []
        switch object["values"] {
        case nil, .null?:
            break
        case .array(let elements)?:
            for element in elements {
                guard let value = element.stringValue else {
                    throw SelectorError("matchExpressions[\(index)].values must be strings")
                }
                values.append(value)
            }
        default:
            throw SelectorError("matchExpressions[\(index)].values must be an array")
        }
        try self.init(key: key, operator: op, values: values)
    }
}
