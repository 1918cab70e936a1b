// Lists in a strategic merge patch: merging by key or as a union, list-element directives, and the order of the
// result (`$setElementOrder`, else the patch's order with the original's other elements kept in place).

extension StrategicMerge {
    /// Whether a list holds objects (merged by key) or scalars (merged as a set).
    enum ElementKind {
        case object
        case scalar
    }

    /// `mergeSlice`: a list whose field has strategy `merge` (or a `$deleteFromPrimitiveList`) patched.
    static func mergeList(
        _ original: [JSON], _ patch: [JSON], items: (any PatchMeta)?, mergeKey: String, isDeleteList: Bool
    ) throws(StrategicMergePatchError) -> [JSON] {
        try mergeListReportingAlias(
            original, patch, items: items, mergeKey: mergeKey, isDeleteList: isDeleteList
        ).merged
    }

    /// `mergeSlice`, also returning what the caller's `original` reads afterwards in Go.
    ///
    /// Go deletes elements of a list of objects by shifting the rest left within the caller's array, and appends
    /// new elements into the slots that frees, so the caller's slice (same array, same length) then reads
    /// differently. `$setElementOrder` orders server-only elements by that slice, so its results (which
    /// apimachinery's tests pin) depend on it. Lists of scalars alias only when they hold duplicates, and then only
    /// as the array's capacity allows, so those are left alone.
    private static func mergeListReportingAlias(
        _ original: [JSON], _ patch: [JSON], items: (any PatchMeta)?, mergeKey: String, isDeleteList: Bool
    ) throws(StrategicMergePatchError) -> (merged: [JSON], aliasedOriginal: [JSON]) {
        if original.isEmpty && patch.isEmpty { return (original, original) }
        let kind = try elementKind(original, patch)
        var current = original
        var patch = patch
        var aliased = original
        let merged: [JSON]
        switch kind {
        case .scalar:
            if isDeleteList {
                let doomed = Set(patch.map(scalarIdentity))
                return (original.filter { !doomed.contains(scalarIdentity($0)) }, original)
            }
            merged = uniqued(original + patch)
        case .object:
            guard !mergeKey.isEmpty else { throw .noMergeKeyDeclared }
            (current, patch) = try applyElementDirectives(&aliased, patch, mergeKey: mergeKey)
            merged = try mergeElements(current, patch, mergeKey: mergeKey, items: items, aliased: &aliased)
        }
        let (fromPatch, serverOnly) = try partition(merged, by: patch, mergeKey: mergeKey)
        let result = try ordered(
            fromPatch, serverOnly, patchOrder: patch, serverOrder: current, mergeKey: mergeKey, kind: kind)
        return (result, aliased)
    }

    /// `mergeSliceWithSpecialElements`: applies elements carrying `$patch` and returns the original and the patch
    /// without them. `delete` removes every element with that merge key; `replace` makes the list the patch's
    /// other elements. `aliased` (the caller's original) sees the deletions as Go's in-place shifts leave it.
    private static func applyElementDirectives(
        _ aliased: inout [JSON], _ patch: [JSON], mergeKey: String
    ) throws(StrategicMergePatchError) -> (original: [JSON], patch: [JSON]) {
        var length = aliased.count
        var rest: [JSON] = []
        var replace = false
        for element in patch {
            guard case .object(let object) = element, let directive = object[directiveMarker] else {
                rest.append(element)
                continue
            }
            switch directive {
            case .string("delete"):
                guard let value = object[mergeKey] else { throw .noMergeKey(object, mergeKey) }
                while let index = aliased[..<length].firstIndex(where: { $0.objectValue?[mergeKey] == value }) {
                    aliased[index..<(length - 1)] = aliased[(index + 1)..<length]
                    length -= 1
                }
            case .string("replace"):
                replace = true  // keep going: the other directives must still be valid
            case .string("merge"):
                throw .listMergeDirective
            default:
                throw .unknownPatchType(directive, in: object)
            }
        }
        if replace { return (rest.map(stripped), []) }
        return (Array(aliased[..<length]), rest)
    }

    /// `mergeSliceWithoutSpecialElements`: each patch element merges into the original element with its merge key,
    /// or is appended (into `aliased` too while it has freed slots).
    private static func mergeElements(
        _ original: [JSON], _ patch: [JSON], mergeKey: String, items: (any PatchMeta)?, aliased: inout [JSON]
    ) throws(StrategicMergePatchError) -> [JSON] {
        var result = original
        for element in patch {
            guard case .object(let object) = element else { throw .expectedMap(element) }
            guard let value = object[mergeKey] else { throw .noMergeKey(object, mergeKey) }
            if let index = try indexOfElement(in: result, mergeKey: mergeKey, value: value),
                case .object(let existing) = result[index]
            {
                result[index] = .object(try mergeObject(existing, object, meta: items))
            } else {
                let newElement = stripped(element)
                if result.count < aliased.count { aliased[result.count] = newElement }
                result.append(newElement)
            }
        }
        return result
    }

    /// `mergePatchIntoOriginal`: merges each list named by a `$setElementOrder/<field>` and orders it: elements in
    /// the order list first by it, the original's others kept in place relative to them. Removes both the directive
    /// and the list from `patch`.
    static func applySetElementOrder(
        to original: inout JSONObject, from patch: inout JSONObject, meta: (any PatchMeta)?
    ) throws(StrategicMergePatchError) {
        for member in patch.members where member.key.hasPrefix(setElementOrderPrefix) {
            patch.removeValue(forKey: member.key)
            guard case .array(let order) = member.value else { throw .expectedList(member.value) }
            let key = try directiveTarget(member.key, prefix: setElementOrderPrefix, error: .badSetElementOrderFormat)
            var originalList: [JSON]?
            switch original[key] {
            case nil, .null?: break  // Go fails on a stored null; typed objects never hold one
            case .array(let list)?: originalList = list
            case let other?: throw .expectedList(other)
            }
            var patchList: [JSON]?
            if let value = patch[key] {
                guard case .array(let list) = value else { throw .expectedList(value) }
                patchList = list
            }
            let field = meta?.child(key)
            let strategy = try patchStrategy(of: field)
            let mergeKey = field?.patchMergeKey ?? ""
            try validateOrder(of: patchList ?? [], against: order, mergeKey: mergeKey)

            var merged: [JSON]
            var serverOrder = originalList ?? []
            switch (originalList, patchList) {
            case (let list?, nil):
                merged = list
            case (nil, let list?):
                merged = list.compactMap(added)
            case (let list?, let patchList?):
                if strategy == "merge" {
                    (merged, serverOrder) = try mergeListReportingAlias(
                        list, patchList, items: field?.items, mergeKey: mergeKey, isDeleteList: false)
                } else {
                    merged = patchList.map(stripped)
                }
            case (nil, nil):
                continue
            }
            patch.removeValue(forKey: key)
            let (inOrder, serverOnly) = try partition(merged, by: order, mergeKey: mergeKey)
            guard !(originalList ?? []).isEmpty || !(patchList ?? []).isEmpty else {
                original[key] = .array(merged)  // Go fails on two empty lists ("no elements"); nothing to order
                continue
            }
            let kind = try elementKind(originalList ?? [], patchList ?? [])
            original[key] = .array(
                try ordered(
                    inOrder, serverOnly, patchOrder: order, serverOrder: serverOrder, mergeKey: mergeKey, kind: kind))
        }
    }

    /// `validatePatchWithSetOrderList`: the patch list's elements (deletions aside) must appear in the order list,
    /// in the same relative order.
    private static func validateOrder(
        of patchList: [JSON], against order: [JSON], mergeKey: String
    ) throws(StrategicMergePatchError) {
        if order.isEmpty || patchList.isEmpty { return }
        var candidates = patchList
        if !mergeKey.isEmpty {
            for element in patchList { guard case .object = element else { throw .expectedMap(element) } }
            candidates.removeAll(where: isDeleteDirective)
        }
        var patchIndex = 0
        var orderIndex = 0
        while patchIndex < candidates.count && orderIndex < order.count {
            if case .object(let object) = candidates[patchIndex], object[directiveMarker] != nil {
                patchIndex += 1
                continue
            }
            if try sameMergeKey(candidates[patchIndex], order[orderIndex], mergeKey: mergeKey) { patchIndex += 1 }
            orderIndex += 1
        }
        if patchIndex < candidates.count && orderIndex >= order.count {
            throw .orderMismatch(patchList: patchList, order: order)
        }
    }

    /// `mergeKeyValueEqual`.
    private static func sameMergeKey(
        _ left: JSON, _ right: JSON, mergeKey: String
    ) throws(StrategicMergePatchError) -> Bool {
        if mergeKey.isEmpty { return left == right }
        guard case .object(let leftObject) = left else { throw .expectedMap(left) }
        guard case .object(let rightObject) = right else { throw .expectedMap(right) }
        guard let leftValue = leftObject[mergeKey] else { throw .noMergeKey(leftObject, mergeKey) }
        guard let rightValue = rightObject[mergeKey] else { throw .noMergeKey(rightObject, mergeKey) }
        return leftValue == rightValue
    }

    // MARK: - Order

    /// `partitionMapsByPresentInList` / `partitionPrimitivesByPresentInList`: `merged` split into the elements
    /// `list` names and the rest.
    private static func partition(
        _ merged: [JSON], by list: [JSON], mergeKey: String
    ) throws(StrategicMergePatchError) -> (named: [JSON], rest: [JSON]) {
        var named: [JSON] = []
        var rest: [JSON] = []
        if mergeKey.isEmpty {
            let members = Set(list.map(scalarIdentity))
            for element in merged {
                if members.contains(scalarIdentity(element)) { named.append(element) } else { rest.append(element) }
            }
            return (named, rest)
        }
        for element in merged {
            guard case .object(let object) = element else { throw .expectedMap(element) }
            guard let value = object[mergeKey] else { throw .noMergeKey(object, mergeKey) }
            if try indexOfElement(in: list, mergeKey: mergeKey, value: value) != nil {
                named.append(element)
            } else {
                rest.append(element)
            }
        }
        return (named, rest)
    }

    /// `normalizeElementOrder`: the patch's elements sorted by `patchOrder`, the server-only ones by `serverOrder`,
    /// then interleaved so that each server-only element goes before the first patch element it preceded.
    private static func ordered(
        _ fromPatch: [JSON], _ serverOnly: [JSON], patchOrder: [JSON], serverOrder: [JSON], mergeKey: String,
        kind: ElementKind
    ) throws(StrategicMergePatchError) -> [JSON] {
        let right = try sorted(fromPatch, by: patchOrder, mergeKey: mergeKey, kind: kind)
        let left = try sorted(serverOnly, by: serverOrder, mergeKey: mergeKey, kind: kind)
        // `mergeSortedSlice`: take the server-only element only when both are in the server order and it comes
        // first there, so elements new to the server go before the server-only ones after them.
        let leftRanks = left.map { position(of: $0, in: serverOrder, mergeKey: mergeKey, kind: kind) }
        let rightRanks = right.map { position(of: $0, in: serverOrder, mergeKey: mergeKey, kind: kind) }
        var result: [JSON] = []
        result.reserveCapacity(left.count + right.count)
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            let takeLeft: Bool
            if i >= left.count {
                takeLeft = false
            } else if j >= right.count {
                takeLeft = true
            } else if let l = leftRanks[i], let r = rightRanks[j] {
                takeLeft = l < r
            } else {
                takeLeft = false
            }
            if takeLeft {
                result.append(left[i])
                i += 1
            } else {
                result.append(right[j])
                j += 1
            }
        }
        return result
    }

    /// `normalizeSliceOrder`: a stable sort by position in `order`; `$patch: delete` elements go last.
    private static func sorted(
        _ elements: [JSON], by order: [JSON], mergeKey: String, kind: ElementKind
    ) throws(StrategicMergePatchError) -> [JSON] {
        var elements = elements
        var deletions: [JSON] = []
        if kind == .object {
            for list in [elements, order] {
                for element in list {
                    guard case .object(let object) = element else { throw .expectedMap(element) }
                    guard object[mergeKey] != nil else { throw .noMergeKey(object, mergeKey) }
                }
            }
            deletions = elements.filter(isDeleteDirective)
            elements.removeAll(where: isDeleteDirective)
        }
        // Go's comparator puts an element missing from `order` anywhere; every caller passes elements it holds.
        let ranks = elements.map { position(of: $0, in: order, mergeKey: mergeKey, kind: kind) ?? Int.max }
        let indices = elements.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }
        return indices.map { elements[$0] } + deletions
    }

    /// Go's `index`: where `value` (by merge key for objects) first appears in `list`.
    private static func position(of value: JSON, in list: [JSON], mergeKey: String, kind: ElementKind) -> Int? {
        switch kind {
        case .object:
            let key = value.objectValue?[mergeKey]
            return list.firstIndex { $0.objectValue?[mergeKey] == key }
        case .scalar:
            return list.firstIndex(of: value)
        }
    }

    // MARK: - Elements

    /// `sliceElementType`: all elements of all lists must have one JSON type, and not be lists.
    private static func elementKind(_ lists: [JSON]...) throws(StrategicMergePatchError) -> ElementKind {
        var first: JSON?
        for list in lists {
            for element in list {
                guard let first else {
                    if case .array = element { throw .listOfLists }
                    first = element
                    continue
                }
                if element.typeName != first.typeName { throw .elementTypesDiffer(lists) }
            }
        }
        guard let first else { throw .noElements }
        if case .object = first { return .object }
        return .scalar
    }

    /// `findMapInSliceBasedOnKeyValue`: the first element whose merge key has `value`.
    private static func indexOfElement(
        in list: [JSON], mergeKey: String, value: JSON
    ) throws(StrategicMergePatchError) -> Int? {
        for (index, element) in list.enumerated() {
            guard case .object(let object) = element else { throw .notAMap(at: index) }
            if object[mergeKey] == value { return index }
        }
        return nil
    }

    private static func isDeleteDirective(_ element: JSON) -> Bool {
        element.objectValue?[directiveMarker] == .string("delete")
    }

    /// Scalars compare as Go compares decoded values: `1` (int64) and `1.0` (float64) differ.
    private static func scalarIdentity(_ value: JSON) -> String {
        value.typeName + ":" + value.serializedString
    }

    /// Duplicates dropped, first occurrences kept (Go's order here is rebuilt by `ordered` anyway).
    private static func uniqued(_ elements: [JSON]) -> [JSON] {
        var seen = Set<String>()
        return elements.filter { seen.insert(scalarIdentity($0)).inserted }
    }
}
