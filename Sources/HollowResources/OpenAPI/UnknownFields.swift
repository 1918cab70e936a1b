import HollowModel

/// Drops the fields a built-in kind's schema does not have, as kube-apiserver does when it decodes a body into its
/// Go type, and reports them so that `fieldValidation=Strict` can refuse them and `Warn` can warn.
///
/// Only objects whose schema lists `properties` and neither preserves unknown fields nor has
/// `additionalProperties` are pruned; maps are walked value by value, lists item by item.
public enum UnknownFields {
    /// Prunes `object` in place and returns the dotted paths of what was removed (`spec.containers[0].colour`).
    public static func prune(_ object: inout JSON, schema: CompiledSchema) -> [String] {
        var removed: [String] = []
        var path: [PathElement] = []
        prune(&object, node: schema.root, schema: schema, path: &path, depth: 0, removed: &removed)
        return removed
    }

    /// Where the walk is; rendered only for what is removed.
    private enum PathElement {
        case member(String)
        case index(Int)
    }

    private static func render(_ path: [PathElement]) -> String {
        var out = ""
        for element in path {
            switch element {
            case .member(let key): out = out.isEmpty ? key : "\(out).\(key)"
            case .index(let index): out = "\(out)[\(index)]"
            }
        }
        return out
    }

    private static func prune(
        _ value: inout JSON, node index: Int, schema: CompiledSchema, path: inout [PathElement], depth: Int,
        removed: inout [String]
    ) {
        guard depth < 64 else { return }
        let node = schema.nodes[index]
        if node.preservesUnknownFields { return }
        switch value {
        case .object:
            if !node.properties.isEmpty {
                guard !node.declaresAdditionalProperties else { return }
                value.withObject { object in
                    // In member order, so the paths come out as a walk of the object finds them.
                    var unknown: Set<String> = []
                    object.updateValues { key, child in
                        path.append(.member(key))
                        defer { path.removeLast() }
                        guard let property = node.properties[key] else {
                            removed.append(render(path))
                            unknown.insert(key)
                            return
                        }
                        prune(&child, node: property, schema: schema, path: &path, depth: depth + 1, removed: &removed)
                    }
                    if !unknown.isEmpty { object.removeMembers { unknown.contains($0.key) } }
                }
            } else if let values = node.additionalProperties {
                value.withObject { object in
                    object.updateValues { key, child in
                        path.append(.member(key))
                        prune(&child, node: values, schema: schema, path: &path, depth: depth + 1, removed: &removed)
                        path.removeLast()
                    }
                }
            }
        case .array:
            guard let items = node.items else { return }
            value.withArray { elements in
                for offset in elements.indices {
                    path.append(.index(offset))
                    prune(&elements[offset], node: items, schema: schema, path: &path, depth: depth + 1, removed: &removed)
                    path.removeLast()
                }
            }
        default:
            return
        }
    }
}
