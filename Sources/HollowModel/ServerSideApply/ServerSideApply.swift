// Server-side apply (sigs.k8s.io/structured-merge-diff and apimachinery's `managedfields`), as pure functions.
//
// - `FieldPath`, `FieldSet`      Paths and path sets, and their `fieldsV1` encoding (`{"f:data":{".":{},"f:a":{}}}`).
// - `ManagedFieldsEntry`         One `metadata.managedFields` entry; `ManagerIdentity` keys owners as kube does.
// - `ApplySchema`                The type facts apply needs (list and map types, struct fields, key defaults), read
//                                from OpenAPI by `OpenAPIApplySchema`, or deduced for schemaless data.
// - `StructuredValue`            structured-merge-diff's walkers over `JSON`: field set, compare, merge, remove.
// - `FieldOwnership`             structured-merge-diff's `Updater`: ownership after updates and applies, conflicts,
//                                pruning of fields an applier stopped applying.
// - `ServerSideApply`            The apiserver's field manager around it: `apply`, `recordUpdate`, manager names,
//                                `before-first-apply`, `ancient-changes`, the client-side-apply takeover.

/// Server-side apply and field ownership as kube-apiserver does them: structured-merge-diff's merge and ownership
/// rules, wrapped in apimachinery's field manager (`pkg/util/managedfields`), which decides who the manager is,
/// strips identity metadata, keeps times, caps update managers, credits pre-existing fields to
/// `before-first-apply`, and lets `kubectl` take over fields from its client-side apply.
///
/// Everything here is a pure function of its inputs; the API server calls `apply` for
/// `application/apply-patch+yaml` and `recordUpdate` for every other write.
public enum ServerSideApply {
    /// `kubectl.kubernetes.io/last-applied-configuration`, written by client-side apply.
    public static let lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration"
    /// The owner of fields an object had when it was first applied without managed fields.
    static let beforeFirstApplyManager = "before-first-apply"
    /// Update managers beyond this many are merged into `ancient-changes`, oldest first.
    static let maxUpdateManagers = 10
    /// Fields the apiserver never records as owned (`stripMetaManager`).
    static let strippedFields = FieldSet([
        ["apiVersion"], ["kind"], ["metadata"], FieldPath(fields: "metadata", "name"),
        FieldPath(fields: "metadata", "namespace"), FieldPath(fields: "metadata", "creationTimestamp"),
        FieldPath(fields: "metadata", "selfLink"), FieldPath(fields: "metadata", "uid"),
        FieldPath(fields: "metadata", "clusterName"), FieldPath(fields: "metadata", "generation"),
        FieldPath(fields: "metadata", "managedFields"), FieldPath(fields: "metadata", "resourceVersion"),
    ])

    /// The manager a write is recorded under: the `fieldManager` query parameter, else the user agent up to its
    /// first `/` (`kubectl/v1.30.1 (linux/amd64) …` → `kubectl`), without unprintable characters, cut to 128 bytes
    /// (apiserver `managerOrUserAgent`).
    public static func managerName(fieldManager: String?, userAgent: String?) -> String {
        if let fieldManager, !fieldManager.isEmpty { return fieldManager }
        let userAgent = userAgent ?? ""
        let prefix = userAgent[..<(userAgent.firstIndex(of: "/") ?? userAgent.endIndex)]
        // The usual case, on every write: printable ASCII that fits.
        if prefix.utf8.count <= 128, prefix.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(prefix) }
        var out = ""
        var bytes = 0
        for scalar in prefix.unicodeScalars where isGoPrintable(scalar) {
            let length = scalar.utf8.count
            guard bytes + length <= 128 else { break }
            bytes += length
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// Applies `applied` (an apply configuration, already decoded from YAML) for `manager`.
    ///
    /// The configuration is merged into `live` (`nil` when the apply creates the object); its fields become the
    /// manager's (operation `Apply`); fields the manager applied before and no longer does are removed unless
    /// another manager owns them; a field the configuration changes that another manager owns is a conflict,
    /// unless `force` takes it from its owners. When `live` has no managed fields, its fields are first credited
    /// to `before-first-apply`. For manager `kubectl`, conflicts on fields whose live value still matches the
    /// client-side `last-applied-configuration` are forced, and that annotation is kept up to date.
    ///
    /// - Parameters:
    ///   - live: the stored object in the request's API version, with its `metadata.managedFields`.
    ///   - subresource: the subresource written (`status`), recorded on the entry.
    ///   - schema: the type of the resource; `DeducedApplySchema` for schemaless data.
    ///   - resetFields: fields the write cannot set (status on the main resource, spec on `/status`); nobody
    ///     owns them.
    ///   - now: the time recorded on entries that change the object.
    /// - Returns: the new object with `metadata.managedFields` set (removed when empty), and those entries.
    ///   Defaulting, validation and server-set metadata are the caller's.
    /// - Throws: `ServerSideApplyError`: 409 conflicts; 400 for a configuration of another kind or version, or
    ///   one that sets `metadata.managedFields`; 500 for values structured-merge-diff cannot read (duplicate list
    ///   keys in the configuration, items without keys, unreadable managed fields).
    public static func apply(
        live: JSON?, applied: JSON, manager: String, force: Bool, subresource: String? = nil,
        schema: any ApplySchema, resetFields: FieldSet = FieldSet(), now: Timestamp
    ) throws(ServerSideApplyError) -> (object: JSON, managedFields: [JSON]) {
        guard case .object = applied else { throw .badRequest("apply configuration must be an object") }
        let apiVersion = applied["apiVersion"]?.stringValue ?? ""
        let kind = applied["kind"]?.stringValue ?? ""
        let expected = live.map { ($0["apiVersion"]?.stringValue ?? "", $0["kind"]?.stringValue ?? "") }
        if apiVersion.isEmpty || kind.isEmpty || expected.map({ $0 != (apiVersion, kind) }) == true {
            throw .badRequest("invalid object type: \(groupVersionKind(apiVersion, kind))")
        }
        if let managedFields = applied["metadata"]?["managedFields"], !managedFields.isNull {
            throw .badRequest("metadata.managedFields must be nil")
        }
        var managed = ManagedFields()
        if let live, let entries = live["metadata"]?["managedFields"], !entries.isNull {
            do throws(ServerSideApplyError) {
                guard case .array(let list) = entries else { throw .invalidFields("expected a list") }
                managed = try ManagedFields(entries: list)
            } catch {
                throw error.prefixed("failed to decode managed fields: ")
            }
        }
        let context = Context(
            apiVersion: apiVersion, subresource: subresource, schema: schema, resetFields: resetFields, now: now)
        let liveObject = live.map(withoutManagedFields) ?? .object([:])

        var result: (object: JSON, managed: ManagedFields)
        do {
            result = try context.apply(
                live: liveObject, applied: applied, managed: managed, manager: manager, force: force)
        } catch where manager == "kubectl" && error.isConflict {
            // lastAppliedManager: kubectl moving from client-side to server-side apply may take over the fields
            // whose live values are still the ones it last applied.
            guard let allowed = context.fieldsMatchingLastApplied(liveObject) else { throw error }
            let remaining = error.conflicts.filter { !allowed.contains($0.path) }
            guard remaining.isEmpty else { throw .conflicts(remaining) }
            result = try context.apply(
                live: liveObject, applied: applied, managed: managed, manager: manager, force: true)
        }
        if manager == "kubectl", hasLastApplied(result.object) {
            result.object = settingLastApplied(lastAppliedValue(of: applied), on: result.object)
        }
        let entries = result.managed.json
        return (withManagedFields(entries, result.object), entries)
    }

    /// The field-manager settings of one request.
    struct Context {
        var apiVersion: String
        var subresource: String?
        var schema: any ApplySchema
        var resetFields: FieldSet
        var now: Timestamp

        func ownership<Key: Hashable>() -> FieldOwnership<Key> { FieldOwnership(schema: schema, ignored: resetFields) }

        /// `skipNonAppliedManager` → `buildManagerInfoManager` → `managedFieldsUpdater` → `stripMetaManager` →
        /// `structuredMergeManager`, for an apply.
        func apply(live: JSON, applied: JSON, managed: ManagedFields, manager: String, force: Bool)
            throws(ServerSideApplyError) -> (object: JSON, managed: ManagedFields)
        {
            try validate(applied, allowDuplicates: false, "failed to create typed patch object")
            try validate(live, allowDuplicates: true, "failed to create typed live object")
            var managed = managed
            if managed.fields.isEmpty {
                do {
                    managed = try update(
                        old: .object([:]), new: live, managed: managed, manager: beforeFirstApplyManager)
                } catch {
                    throw .internalError("failed to create manager for existing fields: \(error.message)")
                }
            }
            let identity = ManagerIdentity(
                manager: manager.isEmpty ? "unknown" : manager, operation: .apply, apiVersion: apiVersion,
                subresource: subresource)
            let result:
                FieldOwnership<ManagerIdentity>.Outcome<(object: JSON?, owners: [ManagerIdentity: VersionedFieldSet])>
            do throws(StructuredValueError) {
                let ownership: FieldOwnership<ManagerIdentity> = ownership()
                result = try ownership.apply(
                    live: live, config: applied, apiVersion: apiVersion, owners: managed.fields, manager: identity,
                    force: force)
            } catch {
                throw .internalError(error.message)
            }
            switch result {
            case .conflicts(let conflicts):
                throw .conflicts(Self.conflicts(conflicts))
            case .success(let (object, owners)):
                managed.fields = owners
                Self.stripMeta(&managed.fields, identity)
                if object != nil { managed.times[identity] = now }
                return (object ?? live, managed)
            }
        }

        private func validate(_ object: JSON, allowDuplicates: Bool, _ what: String) throws(ServerSideApplyError) {
            do {
                _ = try StructuredValue.fieldSet(of: object, schema: schema, allowDuplicates: allowDuplicates)
            } catch {
                let meta = object["metadata"]
                let where_ = "\(meta?["namespace"]?.stringValue ?? "")/\(meta?["name"]?.stringValue ?? "")"
                let gvk = groupVersionKind(
                    object["apiVersion"]?.stringValue ?? "", object["kind"]?.stringValue ?? "")
                throw .internalError("\(what) (\(where_); \(gvk)): \(error.message)")
            }
        }

        /// The conflicts per owner, ordered as kube-apiserver orders them: by owner identity, then by path.
        static func conflicts(_ byOwner: [ManagerIdentity: FieldSet]) -> [ServerSideApplyError.Conflict] {
            byOwner.sorted { compareBytes($0.key.key, $1.key.key) < 0 }.flatMap { identity, set in
                set.paths.map {
                    ServerSideApplyError.Conflict(
                        manager: identity.manager, operation: identity.operation,
                        apiVersion: identity.operation == .update ? identity.apiVersion : nil,
                        subresource: identity.subresource, path: $0)
                }
            }
        }

        /// Drops identity metadata from `key`'s fields, and `key` when nothing is left.
        static func stripMeta<Key>(_ owners: inout [Key: VersionedFieldSet], _ key: Key) {
            guard let owned = owners[key] else { return }
            let set = owned.set.subtracting(strippedFields)
            owners[key] =
                set.isEmpty ? nil : VersionedFieldSet(set: set, apiVersion: owned.apiVersion, applied: owned.applied)
        }
    }

    // MARK: - Object helpers

    static func withoutManagedFields(_ object: JSON) -> JSON {
        guard var metadata = object["metadata"]?.objectValue, metadata["managedFields"] != nil else { return object }
        metadata.removeValue(forKey: "managedFields")
        var copy = object
        copy["metadata"] = .object(metadata)
        return copy
    }

    static func withManagedFields(_ entries: [JSON], _ object: JSON) -> JSON {
        var metadata = object["metadata"]?.objectValue ?? [:]
        if entries.isEmpty {
            metadata.removeValue(forKey: "managedFields")
        } else {
            metadata["managedFields"] = .array(entries)
        }
        var copy = object
        if metadata.isEmpty && object["metadata"] == nil { return copy }
        copy["metadata"] = .object(metadata)
        return copy
    }

    /// `group/version, Kind=kind`, as Go prints a `GroupVersionKind` (`/v1, Kind=ConfigMap` for core).
    static func groupVersionKind(_ apiVersion: String, _ kind: String) -> String {
        let parts = apiVersion.split(separator: "/", omittingEmptySubsequences: false)
        let (group, version) = parts.count == 2 ? (String(parts[0]), String(parts[1])) : ("", apiVersion)
        return "\(group)/\(version), Kind=\(kind)"
    }

    /// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
    static func isGoPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
