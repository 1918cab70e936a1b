import HollowModel

/// Drops the fields a built-in kind's schema does not have, as kube-apiserver does when it decodes a body into its
/// Go type, and reports them so that `fieldValidation=Strict` can refuse them and `Warn` can warn.
///
/// Only objects whose schema lists `properties` and neither preserves unknown fields nor has
/// `additionalProperties` are pruned; maps are walked value by value, lists item by item.
public enum UnknownFields {
    /// Prunes `object` in place and returns the dotted paths of what was removed (`spec.containers[0].colour`).
    public static func prune(_ object: inout JSON, schema: JSON, components: JSONObject) -> [String] {
        var removed: [String] = []
        prune(&object, schema: schema, components: components, path: "", depth: 0, removed: &removed)
        return removed
    }

    private static func prune(
        _ value: inout JSON, schema: JSON, components: JSONObject, path: String, depth: Int, removed: inout [String]
    ) {
        guard depth < 64 else { return }
        let schema = GoZeroValues.resolve(schema, components: components)
        if schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true { return }
        switch value {
        case .object(var object):
            if let properties = schema["properties"]?.objectValue, !properties.isEmpty {
                guard schema["additionalProperties"] == nil else { return }
                var kept = JSONObject()
                for member in object {
                    let childPath = path.isEmpty ? member.key : "\(path).\(member.key)"
                    guard let property = properties[member.key] else {
                        removed.append(childPath)
                        continue
                    }
                    var child = member.value
                    prune(&child, schema: property, components: components, path: childPath, depth: depth + 1, removed: &removed)
                    kept[member.key] = child
                }
                value = .object(kept)
            } else if let values = schema["additionalProperties"], values.objectValue != nil {
                for member in object.members {
                    var child = member.value
                    let childPath = path.isEmpty ? member.key : "\(path).\(member.key)"
                    prune(&child, schema: values, components: components, path: childPath, depth: depth + 1, removed: &removed)
                    object[member.key] = child
                }
                value = .object(object)
            }
        case .array(var elements):
            guard let items = schema["items"] else { return }
            for index in elements.indices {
                prune(&elements[index], schema: items, components: components, path: "\(path)[\(index)]", depth: depth + 1, removed: &removed)
            }
            value = .array(elements)
        default:
            return
        }
    }
}
