/// What changed between two values (`typed.Comparison`). No path is in more than one set.
struct Comparison: Sendable, Equatable {
    /// Fields the right-hand side no longer has.
    var removed = FieldSet()
    /// Fields both have, with different values.
    var modified = FieldSet()
    /// Fields only the right-hand side has.
    var added = FieldSet()

    var isSame: Bool { removed.isEmpty && modified.isEmpty && added.isEmpty }

    /// The comparison without `ignored` and the fields below it (`Comparison.ExcludeFields`).
    func excluding(_ ignored: FieldSet) -> Comparison {
        guard !ignored.isEmpty else { return self }
        return Comparison(
            removed: removed.recursivelySubtracting(ignored), modified: modified.recursivelySubtracting(ignored),
            added: added.recursivelySubtracting(ignored))
    }
}

extension StructuredValue {
    /// Compares `lhs` with `rhs` (`TypedValue.Compare`). Containers that appear or disappear are reported
    /// themselves as well as their contents; atomic and empty containers are compared whole.
    /// - Throws: `StructuredValueError` for list items without a usable key.
    static func compare(_ lhs: JSON?, _ rhs: JSON?, schema: any ApplySchema) throws(StructuredValueError)
        -> Comparison
    {
        var comparison = Comparison()
        var path: [FieldPath.Element] = []
        try compare(lhs, rhs, schema, path: &path, into: &comparison)
        return comparison
    }

    /// `path` is where `lhs` and `rhs` are; it is extended and restored as the walk goes down, and copied only
    /// into the paths it reports.
    private static func compare(
        _ lhs: JSON?, _ rhs: JSON?, _ schema: any ApplySchema, path: inout [FieldPath.Element],
        into comparison: inout Comparison
    ) throws(StructuredValueError) {
        if let lhs, let rhs, lhs == rhs {
            // Equal values differ nowhere; what is left of the walk is the errors it would raise.
            try checkListKeys(lhs, schema, path: &path)
            return
        }
        let leftKind = lhs.map { NodeKind($0, schema) }
        let rightKind = rhs.map { NodeKind($0, schema) }
        var inLeaf = false
        if let leftKind, let rightKind, leftKind != rightKind {
            // structured-merge-diff walks the value as each side's shape; both walks record changes.
            var ignoredLeaf = false
            try compareNode(leftKind, lhs, rhs, schema, &path, &comparison, inLeaf: &ignoredLeaf)
        }
        if let kind = rightKind ?? leftKind {
            try compareNode(kind, lhs, rhs, schema, &path, &comparison, inLeaf: &inLeaf)
        }
        if !inLeaf {
            if lhs == nil {
                comparison.added.insert(FieldPath(path))
            } else if rhs == nil {
                comparison.removed.insert(FieldPath(path))
            }
        }
    }

    /// What comparing `value` with an equal value does besides finding no difference: it reads the key of every
    /// item of every associative list it walks into, and fails as that walk would on an item without a usable
    /// key. Lists are walked into as `compareItems` does: items whose key is repeated are compared whole.
    private static func checkListKeys(_ value: JSON, _ schema: any ApplySchema, path: inout [FieldPath.Element])
        throws(StructuredValueError)
    {
        switch NodeKind(value, schema) {
        case .leaf:
            return
        case .map(let mapType):
            guard mapType == .granular, case .object(let object) = value else { return }
            for member in object {
                path.append(.field(member.key))
                defer { path.removeLast() }
                try checkListKeys(member.value, schema.member(named: member.key).schema, path: &path)
            }
        case .list(let listType):
            guard listType != .atomic, case .array(let items) = value, !items.isEmpty else { return }
            let elements = try listElements(items, listType, schema, path: path)
            let itemSchema = schema.items
            guard elements.count > 1 else {
                path.append(elements[0])
                defer { path.removeLast() }
                return try checkListKeys(items[0], itemSchema, path: &path)
            }
            let keys = elements.map(\.serialized)
            var counts: [String: Int] = [:]
            for key in keys { counts[key, default: 0] += 1 }
            for index in items.indices where counts[keys[index]] == 1 {
                path.append(elements[index])
                defer { path.removeLast() }
                try checkListKeys(items[index], itemSchema, path: &path)
            }
        }
    }

    private static func compareNode(
        _ kind: NodeKind, _ lhs: JSON?, _ rhs: JSON?, _ schema: any ApplySchema, _ path: inout [FieldPath.Element],
        _ comparison: inout Comparison, inLeaf: inout Bool
    ) throws(StructuredValueError) {
        func leaf() {
            inLeaf = true
            if lhs == nil {
                comparison.added.insert(FieldPath(path))
            } else if rhs == nil {
                comparison.removed.insert(FieldPath(path))
            } else if !lhs!.isEquivalent(to: rhs!) {
                comparison.modified.insert(FieldPath(path))
            }
        }
        switch kind {
        case .leaf:
            leaf()
        case .map(let mapType):
            let left = lhs?.objectValue
            let right = rhs?.objectValue
            if mapType == .atomic || (left?.isEmpty ?? true) && (right?.isEmpty ?? true) { return leaf() }
            var keys = left?.keys ?? []
            for key in right?.keys ?? [] where left?[key] == nil { keys.append(key) }
            for key in keys {
                path.append(.field(key))
                defer { path.removeLast() }
                try compare(
                    left?[key], right?[key], schema.member(named: key).schema, path: &path, into: &comparison)
            }
        case .list(let listType):
            let left = lhs?.arrayValue
            let right = rhs?.arrayValue
            if listType == .atomic || (left?.isEmpty ?? true) && (right?.isEmpty ?? true) { return leaf() }
            try compareItems(left ?? [], right ?? [], listType, schema, &path, &comparison)
        }
    }

    /// Items are matched by path element. A key repeated on one side makes that item compare as a whole.
    private static func compareItems(
        _ left: [JSON], _ right: [JSON], _ listType: ApplyListType, _ schema: any ApplySchema,
        _ path: inout [FieldPath.Element], _ comparison: inout Comparison
    ) throws(StructuredValueError) {
        let leftElements = try listElements(left, listType, schema, path: path)
        let rightElements = try listElements(right, listType, schema, path: path)
        // Every distinct element, left's first, each with the items that have it on either side.
        var order: [FieldPath.Element] = []
        var groups: [(left: [JSON], right: [JSON])] = []
        var indices: [String: Int] = [:]
        for (item, element) in zip(left, leftElements) {
            let key = element.serialized
            if let index = indices[key] {
                groups[index].left.append(item)
            } else {
                indices[key] = order.count
                order.append(element)
                groups.append(([item], []))
            }
        }
        for (item, element) in zip(right, rightElements) {
            let key = element.serialized
            if let index = indices[key] {
                groups[index].right.append(item)
            } else {
                indices[key] = order.count
                order.append(element)
                groups.append(([], [item]))
            }
        }
        let items = schema.items
        for (element, group) in zip(order, groups) {
            path.append(element)
            defer { path.removeLast() }
            switch (group.left.count, group.right.count) {
            case (0...1, 0...1):
                try compare(group.left.first, group.right.first, items, path: &path, into: &comparison)
            case (2..., 2...):
                let same =
                    group.left.count == group.right.count
                    && zip(group.left, group.right).allSatisfy { $0.isEquivalent(to: $1) }
                if !same { comparison.modified.insert(FieldPath(path)) }
            case (2..., _):
                if let item = group.right.first {
                    try compare(nil, item, items, path: &path, into: &comparison)
                }
                comparison.removed.insert(FieldPath(path))
            default:
                if let item = group.left.first {
                    try compare(item, nil, items, path: &path, into: &comparison)
                }
                comparison.added.insert(FieldPath(path))
            }
        }
    }
}
