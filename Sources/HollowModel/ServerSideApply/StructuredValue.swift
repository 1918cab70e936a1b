/// structured-merge-diff's operations on typed values (`typed.TypedValue`), over `JSON` and an `ApplySchema`:
/// the field set of a value, the comparison of two values, the merge of an applied configuration into a live
/// object, and the removal of a field set from a value. Each mirrors the Go walker of the same job, including its
/// treatment of nulls, empty containers (which compare and merge as leaves) and duplicate list items in live
/// objects.
enum StructuredValue {
    /// The fields a value sets (`TypedValue.ToFieldSet`): scalars, atomic containers, list items, map keys, and
    /// struct fields that are null or an empty object. Struct fields holding an object or list are represented by
    /// their contents.
    /// - Parameter allowDuplicates: live objects may repeat a list key (the repeated item is then owned as a whole);
    ///   applied configurations may not.
    /// - Throws: `StructuredValueError` for list items without a usable key, or duplicates when not allowed.
    static func fieldSet(of value: JSON, schema: any ApplySchema, allowDuplicates: Bool)
        throws(StructuredValueError) -> FieldSet
    {
        var set = FieldSet()
        try collectFields(value, schema, path: [], allowDuplicates: allowDuplicates, into: &set)
        return set
    }

    private static func collectFields(
        _ value: JSON, _ schema: any ApplySchema, path: [FieldPath.Element], allowDuplicates: Bool,
        into set: inout FieldSet
    ) throws(StructuredValueError) {
        switch NodeKind(value, schema) {
        case .leaf:
            set.insert(FieldPath(path))
        case .map(let mapType):
            guard mapType == .granular, case .object(let object) = value else {
                if mapType == .atomic { set.insert(FieldPath(path)) }
                return
            }
            for member in object {
                let declared = schema.member(named: member.key)
                let childPath = path + [.field(member.key)]
                try collectFields(
                    member.value, declared.schema, path: childPath, allowDuplicates: allowDuplicates, into: &set)
                if member.value.isNull || member.value.objectValue?.isEmpty == true || !declared.isField {
                    set.insert(FieldPath(childPath))
                }
            }
        case .list(let listType):
            guard listType != .atomic, case .array(let items) = value else {
                if listType == .atomic { set.insert(FieldPath(path)) }
                return
            }
            let elements = try listElements(items, listType, schema, path: path)
            var seen = FieldSet()
            var duplicates = FieldSet()
            for element in elements {
                if seen.hasMember(element) {
                    guard allowDuplicates else {
                        throw StructuredValueError(
                            path: FieldPath(path), reason: "duplicate entries for key \(element)")
                    }
                    if !duplicates.hasMember(element) {
                        set.insert(FieldPath(path + [element]))
                        duplicates.insertMember(element)
                    }
                } else {
                    seen.insertMember(element)
                }
            }
            for (item, element) in zip(items, elements) where !duplicates.hasMember(element) {
                let childPath = path + [element]
                try collectFields(item, schema.items, path: childPath, allowDuplicates: allowDuplicates, into: &set)
                set.insert(FieldPath(childPath))
            }
        }
    }

    /// The path element of every item of an associative list (`element N: …` on failure).
    static func listElements(
        _ items: [JSON], _ listType: ApplyListType, _ schema: any ApplySchema, path: [FieldPath.Element]
    ) throws(StructuredValueError) -> [FieldPath.Element] {
        var elements: [FieldPath.Element] = []
        elements.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do {
                elements.append(try schema.pathElement(of: item, listType: listType))
            } catch {
                throw StructuredValueError(path: FieldPath(path), reason: "element \(index): \(error.reason)")
            }
        }
        return elements
    }

    // MARK: - Removing fields

    /// `value` without the fields of `set` (`TypedValue.RemoveItems`): a path in the set removes its whole
    /// subtree. As in structured-merge-diff, a container left empty by the removal becomes null.
    static func removing(_ set: FieldSet, from value: JSON, schema: any ApplySchema) -> JSON {
        guard !set.isEmpty else { return value }
        switch NodeKind(value, schema) {
        case .leaf:
            return value
        case .map(let mapType):
            guard mapType == .granular, case .object(let object) = value, !object.isEmpty else { return .null }
            var out = JSONObject()
            for member in object {
                let element = FieldPath.Element.field(member.key)
                if set.hasMember(element) { continue }
                if let subset = set.child(element) {
                    out[member.key] = removing(
                        subset, from: member.value, schema: schema.member(named: member.key).schema)
                } else {
                    out[member.key] = member.value
                }
            }
            return out.isEmpty ? .null : .object(out)
        case .list(let listType):
            guard listType != .atomic, case .array(let items) = value, !items.isEmpty else { return .null }
            var out: [JSON] = []
            for item in items {
                // Items were validated when the value was read; one without a key is kept as it is.
                guard let element = try? schema.pathElement(of: item, listType: listType) else {
                    out.append(item)
                    continue
                }
                if set.hasMember(element) { continue }
                if let subset = set.child(element) {
                    out.append(removing(subset, from: item, schema: schema.items))
                } else {
                    out.append(item)
                }
            }
            return out.isEmpty ? .null : .array(out)
        }
    }

    // MARK: - Named fields as members

    /// `set` with every struct field that has descendants in the set also made a member
    /// (`Set.EnsureNamedFieldsAreMembers`), so that removing the set removes such fields whole.
    static func ensuringNamedFieldsAreMembers(_ set: FieldSet, schema: (any ApplySchema)?) -> FieldSet {
        var out = FieldSet()
        for member in set.members { out.insertMember(member) }
        for child in set.children {
            var childSchema: (any ApplySchema)?
            if let schema {
                switch child.element {
                case .field(let name) where schema.mapType != nil:
                    let declared = schema.member(named: name)
                    if declared.isField { out.insertMember(child.element) }
                    childSchema = declared.schema
                case .key where schema.listType != nil:
                    childSchema = schema.items
                default:
                    childSchema = nil
                }
            }
            out.setChild(child.element, ensuringNamedFieldsAreMembers(child.set, schema: childSchema))
        }
        return out
    }
}
