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
        try compare(lhs, rhs, schema, path: [], into: &comparison)
        return comparison
    }

    private static func compare(
        _ lhs: JSON?, _ rhs: JSON?, _ schema: any ApplySchema, path: [FieldPath.Element],
        into comparison: inout Comparison
    ) throws(StructuredValueError) {
        let leftKind = lhs.map { NodeKind($0, schema) }
        let rightKind = rhs.map { NodeKind($0, schema) }
        var inLeaf = false
        if let leftKind, let rightKind, leftKind != rightKind {
            // structured-merge-diff walks the value as each side's shape; both walks record changes.
            var ignoredLeaf = false
            try compareNode(leftKind, lhs, rhs, schema, path, &comparison, inLeaf: &ignoredLeaf)
        }
        if let kind = rightKind ?? leftKind {
            try compareNode(kind, lhs, rhs, schema, path, &comparison, inLeaf: &inLeaf)
        }
        if !inLeaf {
            if lhs == nil {
                comparison.added.insert(FieldPath(path))
            } else if rhs == nil {
                comparison.removed.insert(FieldPath(path))
            }
        }
    }

    private static func compareNode(
        _ kind: NodeKind, _ lhs: JSON?, _ rhs: JSON?, _ schema: any ApplySchema, _ path: [FieldPath.Element],
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
                try compare(
                    left?[key], right?[key], schema.member(named: key).schema, path: path + [.field(key)],
                    into: &comparison)
            }
        case .list(let listType):
            let left = lhs?.arrayValue
            let right = rhs?.arrayValue
            if listType == .atomic || (left?.isEmpty ?? true) && (right?.isEmpty ?? true) { return leaf() }
            try compareItems(left ?? [], right ?? [], listType, schema, path, &comparison)
        }
    }

    /// Items are matched by path element. A key repeated on one side makes that item compare as a whole.
    private static func compareItems(
        _ left: [JSON], _ right: [JSON], _ listType: ApplyListType, _ schema: any ApplySchema,
        _ path: [FieldPath.Element], _ comparison: inout Comparison
    ) throws(StructuredValueError) {
        let leftElements = try listElements(left, listType, schema, path: path)
        let rightElements = try listElements(right, listType, schema, path: path)
        // Every distinct element, left's first, each with the items that have it on either side.
        var order: [FieldPath.Element] = []
        var groups: [(left: [JSON], right: [JSON])] = []
        var indices: [String: Int] = [:]
        func group(of element: FieldPath.Element) -> Int? { indices[element.serialized] }
        for (item, element) in zip(left, leftElements) {
            if let index = group(of: element) {
                groups[index].left.append(item)
            } else {
                indices[element.serialized] = order.count
                order.append(element)
                groups.append(([item], []))
            }
        }
        for (item, element) in zip(right, rightElements) {
            if let index = group(of: element) {
                groups[index].right.append(item)
            } else {
                indices[element.serialized] = order.count
                order.append(element)
                groups.append(([], [item]))
            }
        }
        let items = schema.items
        for (element, group) in zip(order, groups) {
            let itemPath = path + [element]
            switch (group.left.count, group.right.count) {
            case (0...1, 0...1):
                try compare(group.left.first, group.right.first, items, path: itemPath, into: &comparison)
            case (2..., 2...):
                let same =
                    group.left.count == group.right.count
                    && zip(group.left, group.right).allSatisfy { $0.isEquivalent(to: $1) }
                if !same { comparison.modified.insert(FieldPath(itemPath)) }
            case (2..., _):
                if let item = group.right.first {
                    try compare(nil, item, items, path: itemPath, into: &comparison)
                }
                comparison.removed.insert(FieldPath(itemPath))
            default:
                if let item = group.left.first {
                    try compare(item, nil, items, path: itemPath, into: &comparison)
                }
                comparison.added.insert(FieldPath(itemPath))
            }
        }
    }
}
