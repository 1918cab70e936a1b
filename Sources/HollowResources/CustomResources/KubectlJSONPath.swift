import HollowModel

/// kubectl's JSONPath (client-go `util/jsonpath`), as custom resource printer columns and selectable fields use
/// it: one `{…}` action with fields (`.spec.replicas`, `['a.b']` splits like kubectl does), `*`, `..`, indexes
/// and slices (`[0]`, `[-1]`, `[1:3:2]`), unions (`[0,2]`, `['a','b']`) and filters
/// (`[?(@.type=="Ready")]`, `[?(@.ready)]`) with kubectl's comparison rules. Missing keys yield nothing;
/// an index out of range or a mistyped comparison is an error, as in kubectl. `range`/`end` are not supported.
struct KubectlJSONPath: Sendable {
    indirect enum Node: Sendable {
        case field(String)
        case wildcard
        case recursive
        case array(start: Int?, end: Int?, endDerived: Bool, step: Int?)
        case union([[Node]])
        case filter(left: [Node], op: String, right: [Node])
        case text(String)
        case int(Int)
        case float(Double)
        case bool(Bool)
    }

    let nodes: [Node]

    /// Parses a template such as `{.status.conditions[?(@.type=="Ready")].status}`; only its first action counts.
    init(template: String) throws(KubectlJSONPathError) {
        guard let open = template.firstIndex(of: "{") else { throw KubectlJSONPathError("no action in \(template)") }
        var parser = Parser(Array(template[template.index(after: open)...]))
        nodes = try parser.parseAction(until: "}")
    }

    /// The values the expression selects from `data`.
    func results(in data: JSON) throws(KubectlJSONPathError) -> [JSON] {
        try Self.evaluate(nodes, [data])
    }

    /// The first value selected, or `nil` when nothing is or evaluation fails (what a table cell shows as empty).
    func firstResult(in data: JSON) -> JSON? {
        (try? results(in: data))?.first
    }

    // MARK: Evaluation

    static func evaluate(_ nodes: [Node], _ input: [JSON]) throws(KubectlJSONPathError) -> [JSON] {
        var current = input
        for node in nodes { current = try step(node, current) }
        return current
    }

    private static func step(_ node: Node, _ input: [JSON]) throws(KubectlJSONPathError) -> [JSON] {
        switch node {
        case .field(let name):
            return input.compactMap { $0.objectValue?[name] }
        case .wildcard:
            return input.flatMap(children)
        case .recursive:
            return input.flatMap(descendants)
        case .array(let start, let end, let derived, let step):
            return try slice(input, start: start, end: end, derived: derived, step: step)
        case .union(let lists):
            var results: [JSON] = []
            for list in lists { results += try evaluate(list, input) }
            return results
        case .filter(let left, let op, let right):
            return try filter(input, left: left, op: op, right: right)
        case .text(let text): return input.map { _ in .string(text) }
        case .int(let value): return input.map { _ in .int(Int64(value)) }
        case .float(let value): return input.map { _ in .double(value) }
        case .bool(let value): return input.map { _ in .bool(value) }
        }
    }

    /// Members, elements, or (for strings) bytes, as kubectl's wildcard enumerates them.
    private static func children(_ value: JSON) -> [JSON] {
        switch value {
        case .object(let object): object.members.map(\.value)
        case .array(let elements): elements
        case .string(let string): string.utf8.map { .int(Int64($0)) }
        default: []
        }
    }

    /// Every container at or below `value` (kubectl's `..`), itself first.
    private static func descendants(_ value: JSON) -> [JSON] {
        let members = children(value)
        guard !members.isEmpty else { return [] }
        return [value] + members.flatMap(descendants)
    }

    private static func slice(
        _ input: [JSON], start: Int?, end: Int?, derived: Bool, step: Int?
    ) throws(KubectlJSONPathError) -> [JSON] {
        var results: [JSON] = []
        for value in input where !value.isNull {
            guard let elements = value.arrayValue else {
                throw KubectlJSONPathError("\(value.typeName) is not array or slice")
            }
            let count = elements.count
            var lower = start ?? 0
            if lower < 0 { lower += count }
            var upper = end ?? count
            if upper < 0 || (upper == 0 && derived) { upper += count }
            if upper == lower { return results }
            guard lower >= 0, lower < count else {
                throw KubectlJSONPathError("array index out of bounds: index \(lower), length \(count)")
            }
            guard upper >= 0, upper <= count else {
                throw KubectlJSONPathError("array index out of bounds: index \(upper - 1), length \(count)")
            }
            guard lower <= upper else {
                throw KubectlJSONPathError("starting index \(lower) is greater than ending index \(upper)")
            }
            let stride = step ?? 1
            guard stride > 0 else { throw KubectlJSONPathError("step must be > 0") }
            results += Swift.stride(from: lower, to: upper, by: stride).map { elements[$0] }
        }
        return results
    }

    private static func filter(
        _ input: [JSON], left: [Node], op: String, right: [Node]
    ) throws(KubectlJSONPathError) -> [JSON] {
        var results: [JSON] = []
        for value in input {
            guard let elements = value.arrayValue else {
                throw KubectlJSONPathError("\(value.typeName) is not array or slice and cannot be filtered")
            }
            for element in elements {
                if op == "exists" {
                    if let lefts = try? evaluate(left, [element]), !lefts.isEmpty { results.append(element) }
                    continue
                }
                let lefts = try evaluate(left, [element])
                guard !lefts.isEmpty else { continue }
                guard lefts.count == 1 else { throw KubectlJSONPathError("can only compare one element at a time") }
                let rights = try evaluate(right, [element])
                guard !rights.isEmpty else { continue }
                guard rights.count == 1 else { throw KubectlJSONPathError("can only compare one element at a time") }
                if try compare(lefts[0], op, rights[0]) { results.append(element) }
            }
        }
        return results
    }

    /// text/template's `eq`/`lt` family: both sides of one basic kind (bool, integer, float, string).
    private static func compare(_ left: JSON, _ op: String, _ right: JSON) throws(KubectlJSONPathError) -> Bool {
        func less() throws(KubectlJSONPathError) -> Bool {
            switch (left, right) {
            case (.int(let a), .int(let b)): return a < b
            case (.double(let a), .double(let b)): return a < b
            case (.string(let a), .string(let b)): return a < b
            case (.bool, .bool), (.null, _), (_, .null), (.array, _), (.object, _), (_, .array), (_, .object):
                throw KubectlJSONPathError("invalid type for comparison")
            default: throw KubectlJSONPathError("incompatible types for comparison")
            }
        }
        func equal() throws(KubectlJSONPathError) -> Bool {
            switch (left, right) {
            case (.int(let a), .int(let b)): return a == b
            case (.double(let a), .double(let b)): return a == b
            case (.string(let a), .string(let b)): return a == b
            case (.bool(let a), .bool(let b)): return a == b
            case (.null, _), (_, .null), (.array, _), (.object, _), (_, .array), (_, .object):
                throw KubectlJSONPathError("invalid type for comparison")
            default: throw KubectlJSONPathError("incompatible types for comparison")
            }
        }
        switch op {
        case "==": return try equal()
        case "!=": return try !equal()
        case "<": return try less()
        case ">":
            if try less() { return false }
            return try !equal()
        case "<=":
            if try less() { return true }
            return try equal()
        case ">=": return try !less()
        default: throw KubectlJSONPathError("unrecognized filter operator \(op)")
        }
    }
}

/// Why a JSONPath does not parse or evaluate.
struct KubectlJSONPathError: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
