// Strategic merge patch (`application/strategic-merge-patch+json`) as kube-apiserver applies it to built-in types:
// apimachinery's `strategicpatch.StrategicMergeMapPatch`. A JSON merge patch whose lists can merge by key, with
// directives (`$patch`, `$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`) for what a merge cannot
// say. This file holds objects and directives; StrategicMergePatch+Lists.swift holds lists and their order.

extension JSON {
    /// This object with a strategic merge patch applied, as kube-apiserver applies one to a built-in type.
    ///
    /// Objects merge recursively and `null` removes a member. A list merges when its field's strategy is `merge`:
    /// lists of objects by the field's merge key (patch elements update matching elements in place, others are
    /// added), lists of scalars as a union; elements named in the patch take the patch's order, and the rest keep
    /// their place relative to them. Other lists, and fields with strategy `replace`, are replaced. The directives:
    /// - `$patch: replace` (an object is replaced by the rest of the patch object; a list element makes the list the
    ///   patch's other elements), `$patch: delete` (an object becomes `{}`; a list element removes every element with
    ///   its merge key); `$patch: merge` and other values are errors, as they are in Kubernetes;
    /// - `$retainKeys: [keys]` drops the object's other members (kubectl sends it for `retainKeys` fields such as
    ///   volumes, so switching `emptyDir` to `hostPath` drops `emptyDir`);
    /// - `$deleteFromPrimitiveList/<field>: [values]` removes those values from a list of scalars;
    /// - `$setElementOrder/<field>: [elements or merge keys]` orders the merged list.
    ///
    /// Directives never reach the result, nor do nulls inside values the patch adds or replaces (kube-apiserver drops
    /// both when it decodes the result into its Go type). Recursion follows the patch, so its depth is the patch's.
    /// A `null` patch changes nothing; a value that is not an object is patched as `{}`.
    ///
    /// - Parameters:
    ///   - patch: the patch, a JSON object.
    ///   - meta: the patch metadata of this object's type, e.g. `OpenAPIPatchMeta` for a component schema.
    /// - Throws: `StrategicMergePatchError` with apimachinery's message; its `apiError` is the Status kube-apiserver
    ///   answers with.
    public func applyingStrategicMergePatch(
        _ patch: JSON, meta: any PatchMeta
    ) throws(StrategicMergePatchError) -> JSON {
        let patchObject: JSONObject
        switch patch {
        case .object(let object): patchObject = object
        case .null: return self
        default: throw .notAnObject(patch)
        }
        return .object(try StrategicMerge.mergeObject(objectValue ?? JSONObject(), patchObject, meta: meta))
    }
}

/// The strategic merge algorithm, step for step as apimachinery's `strategicpatch/patch.go` applies a patch.
enum StrategicMerge {
    static let directiveMarker = "$patch"
    static let retainKeysDirective = "$retainKeys"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList"
    static let setElementOrderPrefix = "$setElementOrder"

    /// `mergeMap`: `patch` merged into `original`, where `meta` describes the object's type.
    static func mergeObject(
        _ original: JSONObject, _ patch: JSONObject, meta: (any PatchMeta)?
    ) throws(StrategicMergePatchError) -> JSONObject {
        if let directive = patch[directiveMarker] { return try objectDirective(directive, in: patch) }
        var original = original
        var patch = patch
        try applyRetainKeys(to: &original, from: &patch)
        // Lists with a `$setElementOrder` are merged and ordered first, and leave the patch.
        try applySetElementOrder(to: &original, from: &patch, meta: meta)

        for member in patch {
            var key = member.key
            var isDeleteList = false
            if key.hasPrefix(deleteFromPrimitiveListPrefix) {
                let target = try directiveTarget(
                    key, prefix: deleteFromPrimitiveListPrefix, error: .badPrimitiveListFormat)
                if !target.isEmpty { key = target }
                isDeleteList = true
            }
            // A null deletes, even through `$deleteFromPrimitiveList/x: null` (which deletes `x`), as in Go.
            if member.value.isNull {
                original.removeValue(forKey: key)
                continue
            }
            guard let current = original[key] else {
                if !isDeleteList { original[key] = added(member.value) }
                continue
            }
            switch (current, member.value) {
            case (.object(let object), .object(let patchObject)):
                let field = meta?.child(key)
                if try patchStrategy(of: field) == "replace" {
                    original[key] = .object(stripped(patchObject))
                } else {
                    original[key] = .object(try mergeObject(object, patchObject, meta: field))
                }
            case (.array(let list), .array(let patchList)):
                let field = meta?.child(key)
                if try patchStrategy(of: field) == "merge" || isDeleteList {
                    original[key] = .array(
                        try mergeList(
                            list, patchList, items: field?.items, mergeKey: field?.patchMergeKey ?? "",
                            isDeleteList: isDeleteList))
                } else {
                    original[key] = stripped(member.value)
                }
            default:
                // Scalars, and values whose type changed, are replaced.
                if !isDeleteList { original[key] = added(member.value) }
            }
        }
        return original
    }

    /// `handleDirectiveInMergeMap`: an object patch carrying `$patch`.
    private static func objectDirective(
        _ directive: JSON, in patch: JSONObject
    ) throws(StrategicMergePatchError) -> JSONObject {
        switch directive {
        case .string("replace"):
            var replacement = patch
            replacement.removeValue(forKey: directiveMarker)
            return stripped(replacement)
        case .string("delete"):
            return JSONObject()
        default:
            throw .unknownPatchType(directive, in: patch)
        }
    }

    /// `applyRetainKeysDirective`: with `$retainKeys`, every non-null patch member must be listed, and the original
    /// keeps only the listed members.
    private static func applyRetainKeys(
        to original: inout JSONObject, from patch: inout JSONObject
    ) throws(StrategicMergePatchError) {
        guard let directive = patch.removeValue(forKey: retainKeysDirective) else { return }
        guard case .array(let keys) = directive else { throw .badRetainKeysFormat }
        let retained = Set(keys.compactMap(\.stringValue))
        for member in patch where !member.value.isNull && !retained.contains(member.key) {
            if member.key.hasPrefix(deleteFromPrimitiveListPrefix) || member.key.hasPrefix(setElementOrderPrefix) {
                continue
            }
            throw .badRetainKeysFormat
        }
        original = JSONObject(members: original.members.filter { retained.contains($0.key) })
    }

    /// `extractRetainKeysPatchStrategy`: the field's strategy other than `retainKeys` (which only tells clients to
    /// send `$retainKeys`), or "" for none.
    static func patchStrategy(of field: (any PatchMeta)?) throws(StrategicMergePatchError) -> String {
        let strategies = field?.patchStrategies ?? []
        switch strategies.count {
        case 0:
            return ""
        case 1:
            return strategies[0] == "retainKeys" ? "" : strategies[0]
        case 2 where strategies[0] == "retainKeys":
            return strategies[1]
        case 2 where strategies[1] == "retainKeys":
            return strategies[0]
        default:
            throw .unexpectedStrategy(strategies)
        }
    }

    /// `extractKey`: the field a `prefix/field` directive names.
    static func directiveTarget(
        _ key: String, prefix: String, error: StrategicMergePatchError
    ) throws(StrategicMergePatchError) -> String {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == prefix else { throw error }
        return String(parts[1])
    }

    static func isDirectiveKey(_ key: String) -> Bool {
        key == directiveMarker || key == retainKeysDirective || key.hasPrefix(setElementOrderPrefix)
            || key.hasPrefix(deleteFromPrimitiveListPrefix)
    }

    // MARK: - Patch values taken whole

    /// A patch value stored where there is nothing to merge it with (Go's `discardNullValuesFromPatch` then
    /// `removeDirectives`): null members go, an object carrying `$patch` goes with its member or element, other
    /// directive keys go. `nil` when the value itself goes.
    static func added(_ value: JSON) -> JSON? {
        switch value {
        case .object(let object):
            if let directive = object[directiveMarker], !directive.isNull { return nil }
            var kept: [JSONObject.Member] = []
            kept.reserveCapacity(object.count)
            for member in object where !member.value.isNull && !isDirectiveKey(member.key) {
                if let child = added(member.value) { kept.append(JSONObject.Member(key: member.key, value: child)) }
            }
            return .object(JSONObject(members: kept))
        case .array(let elements):
            return .array(elements.compactMap(added))
        default:
            return value
        }
    }

    /// A patch value that replaces the original's: Go stores it as sent, and decoding into the Go type then drops
    /// its directive keys and null members, so those go here.
    static func stripped(_ value: JSON) -> JSON {
        switch value {
        case .object(let object): .object(stripped(object))
        case .array(let elements): .array(elements.map(stripped))
        default: value
        }
    }

    static func stripped(_ object: JSONObject) -> JSONObject {
        var kept: [JSONObject.Member] = []
        kept.reserveCapacity(object.count)
        for member in object where !member.value.isNull && !isDirectiveKey(member.key) {
            kept.append(JSONObject.Member(key: member.key, value: stripped(member.value)))
        }
        return JSONObject(members: kept)
    }
}
