/// structured-merge-diff's `merge.Updater` for one API version: who owns which fields after an update or an apply,
/// and what an apply does to the object. Keys identify owners; the apiserver uses `ManagerIdentity`, the tests of
/// the algorithm plain names.
struct FieldOwnership<Key: Hashable> {
    typealias Owners = [Key: VersionedFieldSet]
    /// The fields each other owner holds that a write would change.
    typealias Conflicts = [Key: FieldSet]

    /// A write's outcome: the new state, or the conflicts that stop it.
    enum Outcome<Value> {
        case success(Value)
        case conflicts(Conflicts)
    }

    var schema: any ApplySchema
    /// Fields nobody owns (the strategy resets them, as status on a main-resource write).
    var ignored = FieldSet()

    /// The owners' fields that `new` changes relative to `live` (`Updater.update`). Without `force`, a change to
    /// another owner's field is a conflict and nothing changes; with it, the changed fields are taken from their
    /// owners. Removed fields leave every other owner; owners left with nothing are dropped.
    /// - Returns: the owners afterwards and the comparison, or the conflicts per owner.
    func update(live: JSON, new: JSON, apiVersion: String, owners: Owners, workflow: Key, force: Bool)
        throws(StructuredValueError) -> (result: Outcome<Owners>, comparison: Comparison)
    {
        let comparison = try StructuredValue.compare(live, new, schema: schema).excluding(ignored)
        var owners = owners
        var conflicts: Conflicts = [:]
        var removed: [Key: FieldSet] = [:]
        let changed = comparison.modified.union(comparison.added)
        for (key, owned) in owners where key != workflow {
            let conflicting = owned.set.intersection(changed)
            if !conflicting.isEmpty { conflicts[key] = conflicting }
            if !comparison.removed.isEmpty { removed[key] = comparison.removed }
        }
        if !force && !conflicts.isEmpty { return (.conflicts(conflicts), comparison) }
        for (key, set) in conflicts { owners[key]?.set.subtract(set) }
        for (key, set) in removed { owners[key]?.set.subtract(set) }
        owners = owners.filter { !$0.value.set.isEmpty }
        return (.success(owners), comparison)
    }

    /// Records a non-apply write (`Updater.Update`): `manager` gains every field `new` adds or changes and loses the
    /// ones it removes; others lose what changed.
    func recordUpdate(live: JSON, new: JSON, apiVersion: String, owners: Owners, manager: Key)
        throws(StructuredValueError) -> Owners
    {
        let (result, comparison) = try update(
            live: live, new: new, apiVersion: apiVersion, owners: owners, workflow: manager, force: true)
        guard case .success(var owners) = result else { return owners }
        let previous = owners[manager]?.set ?? FieldSet()
        let set = previous.subtracting(comparison.removed).union(comparison.modified).union(comparison.added)
            .recursivelySubtracting(ignored)
        owners[manager] = set.isEmpty ? nil : VersionedFieldSet(set: set, apiVersion: apiVersion, applied: false)
        return owners
    }

    /// Applies `config` for `manager` (`Updater.Apply`): merges it into `live`, makes its field set the manager's,
    /// removes the fields the manager applied last time and no longer does unless someone else owns them, and
    /// checks the result against the other owners.
    /// - Returns: the new object (`nil` when it equals `live`) and owners, or the conflicts per owner.
    func apply(live: JSON, config: JSON, apiVersion: String, owners: Owners, manager: Key, force: Bool)
        throws(StructuredValueError) -> Outcome<(object: JSON?, owners: Owners)>
    {
        var merged = try StructuredValue.merge(live, config, schema: schema) ?? .null
        var owners = owners
        let lastSet = owners[manager]
        let set = try StructuredValue.fieldSet(of: config, schema: schema, allowDuplicates: false)
            .recursivelySubtracting(ignored)
        owners[manager] = VersionedFieldSet(set: set, apiVersion: apiVersion, applied: true)
        merged = try prune(merged, owners: owners, lastSet: lastSet?.set ?? FieldSet())
        let (result, _) = try update(
            live: live, new: merged, apiVersion: apiVersion, owners: owners, workflow: manager, force: force)
        switch result {
        case .conflicts(let conflicts):
            return .conflicts(conflicts)
        case .success(let owners):
            let changed: JSON? = merged.isEquivalent(to: live) ? Optional.none : merged
            return .success((changed, owners))
        }
    }

    /// Removes a field, list item or map entry iff the manager applied it last time, does not apply it now, and no
    /// other owner claims it (`Updater.prune` with `addBackOwnedItems` and `addBackDanglingItems`).
    private func prune(_ merged: JSON, owners: Owners, lastSet: FieldSet) throws(StructuredValueError) -> JSON {
        guard !lastSet.isEmpty else { return merged }
        func named(_ set: FieldSet) -> FieldSet { StructuredValue.ensuringNamedFieldsAreMembers(set, schema: schema) }
        func fields(_ value: JSON) throws(StructuredValueError) -> FieldSet {
            named(try StructuredValue.fieldSet(of: value, schema: schema, allowDuplicates: true))
        }
        let last = named(lastSet)
        var pruned = StructuredValue.removing(last, from: merged, schema: schema)
        // Add back what any owner (the applier's new configuration included) claims.
        let managed = named(owners.values.reduce(FieldSet()) { $0.union($1.set) })
        let mergedSet = try fields(merged)
        pruned = StructuredValue.removing(
            mergedSet.subtracting(try fields(pruned).union(managed)), from: merged, schema: schema)
        // Of what is gone, remove only what the applier owned last time.
        let removed = mergedSet.subtracting(try fields(pruned)).intersection(last)
        return StructuredValue.removing(removed, from: merged, schema: schema)
    }
}
