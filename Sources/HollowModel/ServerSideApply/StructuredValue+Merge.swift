extension StructuredValue {
    /// Merges `rhs` (an applied configuration) into `lhs` (the live object) (`TypedValue.Merge`): granular maps
    /// member by member, associative lists item by item (items matched by key or value, in the configuration's
    /// order where both have them), and everything else — scalars, atomic and empty containers — replaced by the
    /// right-hand side when it has the field. Returns `nil` only when both sides are `nil`.
    /// - Throws: `StructuredValueError` when the configuration repeats a list key or an item lacks its keys.
    static func merge(_ lhs: JSON?, _ rhs: JSON?, schema: any ApplySchema) throws(StructuredValueError) -> JSON? {
        try merge(lhs, rhs, schema, path: [])
    }

    private static func merge(_ lhs: JSON?, _ rhs: JSON?, _ schema: any ApplySchema, path: [FieldPath.Element])
        throws(StructuredValueError) -> JSON?
    {
        // The output comes from walking the value as the right-hand side's shape (the left's when it is absent).
        guard let kind = rhs.map({ NodeKind($0, schema) }) ?? lhs.map({ NodeKind($0, schema) }) else { return nil }
        switch kind {
        case .leaf:
            return rhs ?? lhs
        case .map(let mapType):
            let left = lhs?.objectValue
            let right = rhs?.objectValue
            if mapType == .atomic || (left?.isEmpty ?? true) && (right?.isEmpty ?? true) { return rhs ?? lhs }
            var out = JSONObject()
            for member in left ?? [:] {
                let merged = try merge(
                    member.value, right?[member.key], schema.member(named: member.key).schema,
                    path: path + [.field(member.key)])
                if let merged { out[member.key] = merged }
            }
            for member in right ?? [:] where left?[member.key] == nil {
                let merged = try merge(
                    nil, member.value, schema.member(named: member.key).schema, path: path + [.field(member.key)])
                if let merged { out[member.key] = merged }
            }
            if out.isEmpty { return Optional.none }
            return .object(out)
        case .list(let listType):
            let left = lhs?.arrayValue
            let right = rhs?.arrayValue
            if listType == .atomic || (left?.isEmpty ?? true) && (right?.isEmpty ?? true) { return rhs ?? lhs }
            return try mergeItems(left ?? [], right ?? [], listType, schema, path)
        }
    }

    /// `mergingWalker.visitListItems`: the live object's items keep their places; the configuration's items come
    /// in its order, shared items where the configuration puts them, new ones after the live item before them.
    private static func mergeItems(
        _ left: [JSON], _ right: [JSON], _ listType: ApplyListType, _ schema: any ApplySchema,
        _ path: [FieldPath.Element]
    ) throws(StructuredValueError) -> JSON? {
        let rightElements = try listElements(right, listType, schema, path: path)
        var observedRight: [String: JSON] = [:]
        for (item, element) in zip(right, rightElements) {
            guard observedRight[element.serialized] == nil else {
                throw StructuredValueError(path: FieldPath(path), reason: "duplicate entries for key \(element)")
            }
            observedRight[element.serialized] = item
        }
        let leftElements = try listElements(left, listType, schema, path: path)
        var observedLeft: [String: JSON] = [:]
        for (item, element) in zip(left, leftElements) {
            // A repeated live item is not merged with the configuration: it is replaced.
            observedLeft[element.serialized] = observedLeft[element.serialized] == nil ? item : .null
        }
        let shared = rightElements.filter { observedLeft[$0.serialized] != nil }
        var nextShared = 0
        var mergedRight: Set<String> = []
        var out: [JSON] = []
        let items = schema.items

        func mergeItem(_ l: JSON?, _ r: JSON?, _ element: FieldPath.Element) throws(StructuredValueError) {
            if let merged = try merge(l, r, items, path: path + [element]) { out.append(merged) }
        }
        func isNextShared(_ element: FieldPath.Element) -> Bool {
            nextShared < shared.count && FieldPath.Element.compare(shared[nextShared], element) == 0
        }

        var l = 0
        var r = 0
        while l < left.count || r < right.count {
            if l < left.count, r < right.count {
                let element = leftElements[l]
                if FieldPath.Element.compare(element, rightElements[r]) == 0 {
                    mergedRight.insert(element.serialized)
                    try mergeItem(observedLeft[element.serialized], observedRight[element.serialized], element)
                    l += 1
                    r += 1
                    nextShared += 1
                    continue
                }
                if observedRight[element.serialized] != nil, nextShared < shared.count, !isNextShared(element) {
                    // A shared item, but not the one due next: it is placed when the configuration reaches it.
                    l += 1
                    continue
                }
            }
            if l < left.count {
                let element = leftElements[l]
                if observedRight[element.serialized] == nil {
                    try mergeItem(left[l], nil, element)
                    l += 1
                    continue
                } else if mergedRight.contains(element.serialized) {
                    l += 1
                }
            }
            if r < right.count {
                let element = rightElements[r]
                mergedRight.insert(element.serialized)
                try mergeItem(observedLeft[element.serialized], observedRight[element.serialized], element)
                r += 1
                if isNextShared(element) { nextShared += 1 }
            }
        }
        if out.isEmpty { return Optional.none }
        return .array(out)
    }
}
