import HollowModel

/// The generic metadata rules every resource follows on create and update (kube-apiserver's
/// `rest.BeforeCreate`/`BeforeUpdate` and the registry store): server-owned fields, generation, status
/// preservation, validation of names, labels and annotations.
public enum ObjectMetaRules {
    /// Fields a client may not set on create.
    static let serverOwnedOnCreate = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
        "selfLink", "generation"]

    /// Prepares a new object: namespace from the URL, server-owned fields, generation 1, the strategy's defaults.
    /// `name` is final (generateName already resolved).
    public static func prepareForCreate(
        _ object: inout JSON, definition: ResourceDefinition, namespace: String?, name: String, uid: String,
        now: Double
    ) {
        var metadata = object["metadata"]?.objectValue ?? [:]
        for field in serverOwnedOnCreate { metadata[field] = nil }
        metadata["resourceVersion"] = nil
        metadata["name"] = .string(name)
        if definition.namespaced, let namespace { metadata["namespace"] = .string(namespace) } else { metadata["namespace"] = nil }
        metadata["uid"] = .string(uid)
        metadata["creationTimestamp"] = .string(Timestamp(seconds: now).rfc3339)
        if definition.tracksGeneration { metadata["generation"] = 1 }
        object["metadata"] = .object(metadata)
        definition.strategy.prepareForCreate(&object, StrategyContext(now: now))
    }

    /// Prepares an update of `old` to `new` on the main resource or (`statusOnly`) its status. Subresources that
    /// write fields the strategy guards (binding, finalize) pass `applyStrategy: false`.
    public static func prepareForUpdate(
        _ new: inout JSON, old: JSON, definition: ResourceDefinition, statusOnly: Bool, applyStrategy: Bool = true,
        now: Double
    ) {
        if statusOnly {
            // A status write changes only the status (and nothing of metadata but what the status strategy allows).
            var merged = old
            merged["status"] = new["status"]
            for field in definition.strategy.statusWritableMetadata {
                merged[path: ["metadata", field]] = new[path: ["metadata", field]]
            }
            new = merged
        } else {
            if applyStrategy {
                if definition.hasStatus { new["status"] = old["status"] }
                definition.strategy.prepareForUpdate(&new, old, StrategyContext(now: now))
            }
        }
        var metadata = new["metadata"]?.objectValue ?? [:]
        let oldMetadata = old["metadata"]?.objectValue ?? [:]
        for field in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "name",
            "namespace", "generation", "selfLink"]
        {
            metadata[field] = oldMetadata[field]
        }
        new["metadata"] = .object(metadata)
        // Only the main resource's strategy counts generations; a status write never does.
        if definition.tracksGeneration, !statusOnly,
            definition.strategy.changesGeneration?(new, old) ?? specChanged(new, old)
        {
            new[path: ["metadata", "generation"]] = .int((oldMetadata["generation"]?.intValue ?? 0) + 1)
        }
    }

    /// Whether anything outside metadata and status differs: what bumps `metadata.generation`.
    static func specChanged(_ new: JSON, _ old: JSON) -> Bool {
        let ignored: Set<String> = ["metadata", "status", "kind", "apiVersion"]
        let newMembers = (new.objectValue ?? [:]).members.filter { !ignored.contains($0.key) }
        let oldMembers = (old.objectValue ?? [:]).members.filter { !ignored.contains($0.key) }
        return JSONObject(members: newMembers) != JSONObject(members: oldMembers)
    }

    /// Validates metadata and the resource's own rules.
    public static func validate(_ object: JSON, definition: ResourceDefinition, old: JSON?) -> [FieldError] {
        var errors = validateObjectMeta(object["metadata"], namespaced: definition.namespaced, nameValidator: definition.nameValidator)
        if let old {
            errors += validateFinalizersOfDeletingObject(object, old: old)
            errors += definition.strategy.validateUpdate(object, old)
        } else {
            errors += definition.strategy.validate(object)
        }
        return errors
    }

    /// An object being deleted may lose finalizers but not gain them.
    static func validateFinalizersOfDeletingObject(_ object: JSON, old: JSON) -> [FieldError] {
        guard old[path: ["metadata", "deletionTimestamp"]] != nil else { return [] }
        let existing = Set((old[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue))
        let added = (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue).filter {
            !existing.contains($0)
        }
        guard !added.isEmpty else { return [] }
        let list = added.map { "\"\($0)\"" }.joined(separator: ", ")
        return [
            .forbidden(
                "metadata.finalizers",
                "no new finalizers can be added if the object is being deleted, found new finalizers []string{\(list)}")
        ]
    }

    /// The labels and selectable fields the store indexes an object by.
    public static func index(_ object: JSON, definition: ResourceDefinition) -> (labels: [String: String], fields: [String: String]) {
        var labels: [String: String] = [:]
        for member in object[path: ["metadata", "labels"]]?.objectValue ?? [:] {
            labels[member.key] = member.value.stringValue ?? ""
        }
        var fields: [String: String] = [:]
        for field in definition.selectableFields { fields[field.path] = field.value(object) ?? "" }
        return (labels, fields)
    }
}
