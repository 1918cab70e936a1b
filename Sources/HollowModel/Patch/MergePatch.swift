// RFC 7386 JSON merge patch (`application/merge-patch+json`): a patch object says, member by member, what to set,
// with null meaning "remove"; anything but an object replaces the target whole.

extension JSON {
    /// This document with an RFC 7386 merge patch applied.
    ///
    /// Object members merge recursively; a null member removes the key (and nulls inside a new object are dropped);
    /// arrays and scalars replace what was there; a patch that is not an object replaces the whole document. New
    /// keys go after existing ones. Recursion follows the patch, so its depth is the patch's nesting depth.
    public func applyingMergePatch(_ patch: JSON) -> JSON {
        var result = self
        result.applyMergePatch(patch)
        return result
    }

    /// Applies an RFC 7386 merge patch in place (see `applyingMergePatch(_:)`).
    public mutating func applyMergePatch(_ patch: JSON) {
        guard case .object(let patchObject) = patch else {
            self = patch
            return
        }
        var target: JSONObject
        if case .object(let object) = self {
            target = object
            self = .null  // leave `target` as the only reference, so members update in place
        } else {
            target = JSONObject()
        }
        for member in patchObject {
            switch member.value {
            case .null:
                target.removeValue(forKey: member.key)
            case .object:
                var child = target[member.key] ?? .null
                if !child.isNull { target[member.key] = .null }
                child.applyMergePatch(member.value)
                target[member.key] = child
            default:
                target[member.key] = member.value
            }
        }
        self = .object(target)
    }

    /// The merge patch that turns `original` into `modified`, as evanphx/json-patch's `CreateMergePatch` builds it:
    /// changed and added members, removed members as null, nested objects diffed recursively, arrays and scalars
    /// compared whole (numbers by value). When either side is not an object the patch is `modified` itself.
    ///
    /// Merge patches cannot set a member to null, so a member that becomes null in `modified` is removed instead.
    public static func createMergePatch(from original: JSON, to modified: JSON) -> JSON {
        guard case .object(let originalObject) = original, case .object(let modifiedObject) = modified else {
            return modified
        }
        return .object(mergePatchDifference(originalObject, modifiedObject))
    }

    private static func mergePatchDifference(_ original: JSONObject, _ modified: JSONObject) -> JSONObject {
        // Hash the members once: objects look keys up linearly, which is quadratic for wide ones (big ConfigMaps).
        let originalValues = Dictionary(original.members.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
        let modifiedKeys = Set(modified.keys)
        var patch: [JSONObject.Member] = []
        for member in modified {
            guard let before = originalValues[member.key] else {
                patch.append(member)
                continue
            }
            if case .object(let beforeObject) = before, case .object(let afterObject) = member.value {
                let nested = mergePatchDifference(beforeObject, afterObject)
                if !nested.isEmpty { patch.append(JSONObject.Member(key: member.key, value: .object(nested))) }
            } else if !before.isEquivalent(to: member.value) {
                patch.append(member)
            }
        }
        for member in original where !modifiedKeys.contains(member.key) {
            patch.append(JSONObject.Member(key: member.key, value: .null))
        }
        return JSONObject(members: patch)
    }
}
