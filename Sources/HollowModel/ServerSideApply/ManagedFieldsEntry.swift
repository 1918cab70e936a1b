/// One `metadata.managedFields` entry (`metav1.ManagedFieldsEntry`): the fields one manager owns through one
/// kind of operation.
public struct ManagedFieldsEntry: Sendable, Equatable {
    public enum Operation: String, Sendable, Equatable {
        case apply = "Apply"
        case update = "Update"
    }

    public var manager: String
    public var operation: Operation
    public var apiVersion: String
    /// When the entry last changed the object; RFC 3339 to the second on the wire.
    public var time: Timestamp?
    public var fields: FieldSet
    /// `status`, `scale`…; `nil` for the main resource.
    public var subresource: String?

    public init(
        manager: String, operation: Operation, apiVersion: String, time: Timestamp? = nil, fields: FieldSet,
        subresource: String? = nil
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fields = fields
        self.subresource = subresource
    }

    /// Reads an entry as `DecodeManagedFields` does.
    /// - Throws: `ServerSideApplyError` for an operation other than `Apply`/`Update`, an empty `apiVersion`, a
    ///   `fieldsType` other than `FieldsV1`, or unreadable `time`/`fieldsV1`.
    public init(json: JSON) throws(ServerSideApplyError) {
        guard case .object(let object) = json else { throw .invalidFields("expected an object, got \(json.typeName)") }
        guard let operation = object["operation"]?.stringValue.flatMap(Operation.init(rawValue:)) else {
            throw .invalidFields("operation must be `Apply` or `Update`")
        }
        guard let apiVersion = object["apiVersion"]?.stringValue, !apiVersion.isEmpty else {
            throw .invalidFields("apiVersion must not be empty")
        }
        switch object["fieldsType"]?.stringValue ?? "" {
        case "FieldsV1": break
        case "": throw .invalidFields("missing fieldsType in managed fields entry")
        case let other: throw .invalidFields("invalid fieldsType \(goQuoted(other)) in managed fields entry")
        }
        var time: Timestamp?
        var readFrom: JSON?
        if let text = object["time"]?.stringValue {
            do { time = try Timestamp(parsing: text) } catch { throw .invalidFields(error.message) }
        }
        let fieldsV1 = object["fieldsV1"] ?? .null
        var fields = FieldSet()
        if !fieldsV1.isNull {
            let decoded = try FieldSet.decode(fieldsV1: fieldsV1)
            fields = decoded.set
            if decoded.isCanonical { readFrom = fieldsV1 }
        }
        self.init(
            manager: object["manager"]?.stringValue ?? "", operation: operation, apiVersion: apiVersion, time: time,
            fields: fields, subresource: object["subresource"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 })
        self.readFrom = readFrom
    }

    /// The `fieldsV1` this entry was read from, when it is exactly the encoding of the fields read.
    private var readFrom: JSON?

    public static func == (lhs: ManagedFieldsEntry, rhs: ManagedFieldsEntry) -> Bool {
        lhs.manager == rhs.manager && lhs.operation == rhs.operation && lhs.apiVersion == rhs.apiVersion
            && lhs.time == rhs.time && lhs.fields == rhs.fields && lhs.subresource == rhs.subresource
    }

    /// The wire form, members in `metav1.ManagedFieldsEntry` order: `manager, operation, apiVersion, time,
    /// fieldsType, fieldsV1, subresource`.
    public var json: JSON { json(reusing: nil) }

    /// `json`, with `fieldsV1` taken from `entry` rather than encoded again when `entry` was read from an encoding
    /// of exactly these fields.
    func json(reusing entry: ManagedFieldsEntry?) -> JSON {
        var object = JSONObject()
        if !manager.isEmpty { object["manager"] = .string(manager) }
        object["operation"] = .string(operation.rawValue)
        object["apiVersion"] = .string(apiVersion)
        if let time { object["time"] = .string(time.rfc3339) }
        object["fieldsType"] = "FieldsV1"
        if let entry, let readFrom = entry.readFrom, entry.fields.isIdentical(to: fields) {
            object["fieldsV1"] = readFrom
        } else {
            object["fieldsV1"] = fields.fieldsV1
        }
        if let subresource { object["subresource"] = .string(subresource) }
        return .object(object)
    }
}

// MARK: - Manager identities (apiserver `BuildManagerIdentifier`)

/// Who owns a field set, as the apiserver keys it: the JSON of the entry without its fields, time and — for
/// appliers — API version. Update entries of one manager at two API versions are two owners; an applier is one
/// owner whatever version it applies at. Ordering by `key` is the apiserver's ordering of conflicts.
struct ManagerIdentity: Sendable, Hashable {
    var manager: String
    var operation: ManagedFieldsEntry.Operation
    /// Empty for appliers.
    var apiVersion: String
    var subresource: String?

    init(manager: String, operation: ManagedFieldsEntry.Operation, apiVersion: String, subresource: String?) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = operation == .apply ? "" : apiVersion
        self.subresource = subresource
    }

    /// `{"manager":"m","operation":"Update","apiVersion":"v1"}`, as Go marshals it (empty fields omitted).
    var key: String {
        var object = JSONObject()
        if !manager.isEmpty { object["manager"] = .string(manager) }
        object["operation"] = .string(operation.rawValue)
        if !apiVersion.isEmpty { object["apiVersion"] = .string(apiVersion) }
        if let subresource { object["subresource"] = .string(subresource) }
        return goJSONString(.object(object), sortKeys: false)
    }
}

/// The fields one owner holds, at the API version it last wrote them in (`fieldpath.VersionedSet`).
struct VersionedFieldSet: Sendable, Equatable {
    var set: FieldSet
    var apiVersion: String
    var applied: Bool
}

/// Decoded `managedFields`: owners' field sets and their times (apiserver `Managed`).
struct ManagedFields: Sendable {
    var fields: [ManagerIdentity: VersionedFieldSet] = [:]
    var times: [ManagerIdentity: Timestamp] = [:]
    /// The entries as read, whose encodings are reused for owners whose fields did not change.
    private var read: [ManagerIdentity: ManagedFieldsEntry] = [:]

    init() {}

    init(entries: [JSON]) throws(ServerSideApplyError) {
        for json in entries {
            let entry = try ManagedFieldsEntry(json: json)
            let identity = ManagerIdentity(
                manager: entry.manager, operation: entry.operation, apiVersion: entry.apiVersion,
                subresource: entry.subresource)
            fields[identity] = VersionedFieldSet(
                set: entry.fields, apiVersion: entry.apiVersion, applied: entry.operation == .apply)
            times[identity] = entry.time
            read[identity] = entry
        }
    }

    /// The entries, sorted as the apiserver sorts them: by operation (`Apply` first), time (to the second; none
    /// first), manager, API version and subresource.
    var entries: [ManagedFieldsEntry] { identifiedEntries.map(\.entry) }

    /// The wire form of `entries`.
    var json: [JSON] { identifiedEntries.map { $0.entry.json(reusing: read[$0.identity]) } }

    private var identifiedEntries: [(identity: ManagerIdentity, entry: ManagedFieldsEntry)] {
        fields.map { identity, versioned in
            (identity, ManagedFieldsEntry(
                manager: identity.manager, operation: versioned.applied ? .apply : identity.operation,
                apiVersion: versioned.apiVersion, time: times[identity]?.truncatedToSeconds, fields: versioned.set,
                subresource: identity.subresource))
        }.sorted { a, b in
            let p = a.entry
            let q = b.entry
            if p.operation != q.operation { return p.operation.rawValue < q.operation.rawValue }
            let pSeconds = p.time?.secondsSinceEpoch ?? 0
            let qSeconds = q.time?.secondsSinceEpoch ?? 0
            if pSeconds != qSeconds { return pSeconds < qSeconds }
            if p.manager != q.manager { return compareBytes(p.manager, q.manager) < 0 }
            if p.apiVersion != q.apiVersion { return compareBytes(p.apiVersion, q.apiVersion) < 0 }
            return compareBytes(p.subresource ?? "", q.subresource ?? "") < 0
        }
    }
}
