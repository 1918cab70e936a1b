extension ServerSideApply {
    /// The `metadata.managedFields` after a write that is not an apply (POST, PUT, and every other PATCH), as
    /// kube-apiserver's `FieldManager.UpdateNoErrors` computes them: the fields `new` adds or changes relative to
    /// `old` go to `manager` (operation `Update`), and leave their other owners; fields it removes leave every
    /// owner.
    ///
    /// Managed fields come from `new` when it carries valid, non-empty ones (a client may rewrite ownership;
    /// `[]` or `[{}]` clears it), else from `old`; a subresource write always uses `old`'s. An existing object that
    /// has no managed fields stays untracked. Update managers beyond ten are merged into `ancient-changes`. If the
    /// fields cannot be computed, `old`'s entries are kept, as kube-apiserver keeps them.
    ///
    /// - Parameters:
    ///   - old: the stored object (`nil` on create), in the request's API version.
    ///   - new: the object about to be stored; its `apiVersion` (the request's) is recorded on the entry.
    ///   - manager: from `managerName(fieldManager:userAgent:)` (`kubectl-edit`, `kubectl-client-side-apply`, …).
    ///   - subresource: the subresource written (`status`, `scale`), recorded on the entry.
    ///   - resetFields: fields the write cannot set; nobody gains them.
    /// - Returns: the entries to store in `new`'s `metadata.managedFields` (omit the field when empty).
    public static func recordUpdate(
        old: JSON?, new: JSON, manager: String, subresource: String? = nil, schema: any ApplySchema,
        resetFields: FieldSet = FieldSet(), now: Timestamp
    ) -> [JSON] {
        let oldEntries = old?["metadata"]?["managedFields"]?.arrayValue ?? []
        let readOld = try? ManagedFields(entries: oldEntries)
        let decodedOld = readOld ?? ManagedFields()
        var managed: ManagedFields
        let newEntries = new["metadata"]?["managedFields"]
        if subresource != nil {
            managed = decodedOld
        } else if let newEntries, isReset(newEntries) {
            managed = ManagedFields()
        } else if let list = newEntries?.arrayValue,
            // A client usually sends back the entries it read, byte for byte: those are decoded already.
            let decoded = list.isIdentical(to: oldEntries) ? readOld : try? ManagedFields(entries: list),
            !decoded.fields.isEmpty
        {
            managed = decoded
        } else {
            managed = decodedOld
        }
        // skipNonAppliedManager: an existing object that is not tracked stays untracked.
        if managed.fields.isEmpty, let old, !(old["metadata"]?["uid"]?.stringValue ?? "").isEmpty { return [] }

        // An entry needs an API version; an object without one (which the server never stores) is left as it was.
        guard let apiVersion = new["apiVersion"]?.stringValue ?? old?["apiVersion"]?.stringValue, !apiVersion.isEmpty
        else { return oldEntries }
        let context = Context(
            apiVersion: apiVersion, subresource: subresource, schema: schema, resetFields: resetFields, now: now)
        do {
            managed = try context.update(
                old: old.map(withoutManagedFields) ?? .object([:]), new: withoutManagedFields(new), managed: managed,
                manager: manager)
        } catch {
            return oldEntries
        }
        return managed.json
    }

    /// `managedFields: []` or `[{}]`: the client asks for ownership to be forgotten.
    private static func isReset(_ entries: JSON) -> Bool {
        guard case .array(let list) = entries else { return false }
        if list.isEmpty { return true }
        guard list.count == 1, case .object(let entry) = list[0] else { return false }
        return entry.allSatisfy { member in
            switch member.value {
            case .null: true
            case .string(let s): s.isEmpty
            default: false
            }
        }
    }
}

extension ServerSideApply.Context {
    /// `capManagersManager` → `buildManagerInfoManager` → `managedFieldsUpdater` → `stripMetaManager` →
    /// `structuredMergeManager`, for a write that is not an apply.
    func update(old: JSON, new: JSON, managed: ManagedFields, manager: String)
        throws(ServerSideApplyError) -> ManagedFields
    {
        let identity = ManagerIdentity(
            manager: manager.isEmpty ? "unknown" : manager, operation: .update, apiVersion: apiVersion,
            subresource: subresource)
        // The write is recorded under a placeholder first, so the manager's own earlier entry loses what the write
        // removes like any other owner's would.
        let current = ManagerIdentity(
            manager: "current-operation", operation: .update, apiVersion: "", subresource: nil)
        var managed = managed
        do throws(StructuredValueError) {
            let ownership: FieldOwnership<ManagerIdentity> = ownership()
            managed.fields = try ownership.recordUpdate(
                live: old, new: new, apiVersion: apiVersion, owners: managed.fields, manager: current)
        } catch {
            throw .internalError("failed to update ManagedFields: \(error.message)")
        }
        Self.stripMeta(&managed.fields, current)
        if let recorded = managed.fields.removeValue(forKey: current) {
            let previous = managed.fields[identity]?.set ?? FieldSet()
            managed.fields[identity] = VersionedFieldSet(
                set: recorded.set.union(previous), apiVersion: recorded.apiVersion, applied: false)
            managed.times[identity] = now
        }
        capUpdateManagers(&managed)
        return managed
    }

    /// Merges the oldest update managers into one `ancient-changes` entry per API version until at most ten are
    /// left (`capManagersManager`).
    private func capUpdateManagers(_ managed: inout ManagedFields) {
        var updaters = managed.fields.filter { !$0.value.applied }.map(\.key)
        guard updaters.count > ServerSideApply.maxUpdateManagers else { return }
        updaters.sort { a, b in
            let aSeconds = managed.times[a]?.secondsSinceEpoch ?? 0
            let bSeconds = managed.times[b]?.secondsSinceEpoch ?? 0
            return aSeconds != bSeconds ? aSeconds < bSeconds : compareBytes(a.key, b.key) < 0
        }
        var firstOfVersion: [String: ManagerIdentity] = [:]
        var count = updaters.count
        for manager in updaters where count > ServerSideApply.maxUpdateManagers {
            guard let owned = managed.fields[manager] else { continue }
            let bucket = ManagerIdentity(
                manager: "ancient-changes", operation: .update, apiVersion: owned.apiVersion, subresource: nil)
            guard let first = firstOfVersion[owned.apiVersion] else {
                firstOfVersion[owned.apiVersion] = manager
                continue
            }
            if managed.fields[bucket] == nil {
                managed.fields[bucket] = managed.fields.removeValue(forKey: first)
            }
            let merged = owned.set.union(managed.fields[bucket]?.set ?? FieldSet())
            managed.fields[bucket] = VersionedFieldSet(set: merged, apiVersion: owned.apiVersion, applied: false)
            if manager != bucket { managed.fields[manager] = nil }
            count -= 1
            managed.times[bucket] = managed.times[manager]
        }
    }

    /// The fields of `live` whose values are still those of its client-side `last-applied-configuration`
    /// (`lastAppliedManager.allowedConflictsFromLastApplied`); `nil` when there is no usable annotation.
    func fieldsMatchingLastApplied(_ live: JSON) -> FieldSet? {
        guard let text = live["metadata"]?["annotations"]?[ServerSideApply.lastAppliedAnnotation]?.stringValue,
            !text.isEmpty, let lastApplied = try? JSON(parsing: text),
            lastApplied["apiVersion"]?.stringValue == apiVersion,
            let set = try? StructuredValue.fieldSet(of: lastApplied, schema: schema, allowDuplicates: false),
            let comparison = try? StructuredValue.compare(lastApplied, live, schema: schema)
        else { return nil }
        return set.subtracting(comparison.modified).subtracting(comparison.added).subtracting(comparison.removed)
    }
}

// MARK: - last-applied-configuration (lastAppliedUpdater)

extension ServerSideApply {
    static func hasLastApplied(_ object: JSON) -> Bool {
        !(object["metadata"]?["annotations"]?[lastAppliedAnnotation]?.stringValue ?? "").isEmpty
    }

    /// The configuration without the annotation, as `runtime.Encode` writes unstructured objects: keys sorted,
    /// newline-terminated.
    static func lastAppliedValue(of applied: JSON) -> String {
        var copy = applied
        if var annotations = copy["metadata"]?["annotations"]?.objectValue {
            annotations.removeValue(forKey: lastAppliedAnnotation)
            copy[path: ["metadata", "annotations"]] = .object(annotations)
        }
        return goJSONString(copy) + "\n"
    }

    /// Sets the annotation, or drops it when the annotations would pass kube's 256 KiB limit.
    static func settingLastApplied(_ value: String, on object: JSON) -> JSON {
        var annotations = object["metadata"]?["annotations"]?.objectValue ?? [:]
        annotations[lastAppliedAnnotation] = .string(value)
        let size = annotations.reduce(0) { $0 + $1.key.utf8.count + ($1.value.stringValue?.utf8.count ?? 0) }
        if size > 256 * 1024 { annotations.removeValue(forKey: lastAppliedAnnotation) }
        var copy = object
        copy[path: ["metadata", "annotations"]] = .object(annotations)
        return copy
    }
}
