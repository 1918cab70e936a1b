import HollowModel

/// The status kube-apiserver's CRD controllers converge a CustomResourceDefinition to, computed at once:
/// the naming controller's `acceptedNames` and `NamesAccepted` condition (`NoConflicts`, or a `…Conflict` when
/// a name is used by another CRD of the group), the establishing controller's `Established`
/// (`InitialNamesAccepted`; this server serves a CRD as soon as its names are accepted), the API-approval
/// controller's `KubernetesAPIApprovalPolicyConformant` for `*.k8s.io`/`*.kubernetes.io` groups, and
/// `storedVersions` with the storage version added.
///
/// Conditions keep their `lastTransitionTime` while their status stays the same; other conditions are kept.
/// - Parameters:
///   - crd: the CRD, with its current status.
///   - otherCRDs: the other CRDs (any group); those of the same group may hold names this one wants.
///   - now: seconds since the Unix epoch, for new transition times.
public func crdStatus(_ crd: JSON, otherCRDs: [JSON] = [], now: Double) -> JSON {
    var crd = crd
    applyCustomResourceDefinitionDefaults(&crd)
    let spec = CustomResourceDefinitionSpec(crd)
    var status = crd["status"]?.objectValue ?? [:]
    let accepted = status["acceptedNames"] ?? .object([:])

    // Names held by the group's CRDs, this one included, as the naming controller sees them.
    var resources: Set<String> = []
    var kinds: Set<String> = []
    let group =
        [crd]
        + otherCRDs.filter {
            $0[path: ["metadata", "name"]]?.stringValue != spec.name
                && $0[path: ["spec", "group"]]?.stringValue == spec.group
        }
    for member in group {
        let names = member[path: ["status", "acceptedNames"]] ?? .object([:])
        for key in ["plural", "singular"] { if let name = names[key]?.stringValue { resources.insert(name) } }
        for name in names["shortNames"]?.arrayValue ?? [] { if let name = name.stringValue { resources.insert(name) } }
        for key in ["kind", "listKind"] { if let name = names[key]?.stringValue { kinds.insert(name) } }
    }

    var conflict: (reason: String, message: String)?
    var newNames = accepted.objectValue ?? [:]
    func accept(_ key: String, _ requested: String, in used: Set<String>, reason: String) {
        let current = accepted[key]?.stringValue ?? ""
        if requested == current || !used.contains(requested) {
            newNames[key] = .string(requested)
        } else {
            conflict = (reason, "\(GoFormat.quote(requested)) is already in use")
        }
    }
    accept("plural", spec.plural, in: resources, reason: "PluralConflict")
    accept("singular", spec.singular, in: resources, reason: "SingularConflict")
    let acceptedShortNames = (accepted["shortNames"]?.arrayValue ?? []).compactMap(\.stringValue)
    if spec.shortNames != acceptedShortNames {
        let conflicts = spec.shortNames.filter { !acceptedShortNames.contains($0) && resources.contains($0) }
            .map { "\(GoFormat.quote($0)) is already in use" }
        if conflicts.isEmpty {
            newNames["shortNames"] = spec.shortNames.isEmpty ? nil : .array(spec.shortNames.map { .string($0) })
        } else {
            conflict = (
                "ShortNamesConflict",
                conflicts.count == 1 ? conflicts[0] : "[" + conflicts.joined(separator: ", ") + "]"
            )
        }
    }
    accept("kind", spec.kind, in: kinds, reason: "KindConflict")
    accept("listKind", spec.listKind, in: kinds, reason: "ListKindConflict")
    newNames["categories"] = spec.categories.isEmpty ? nil : .array(spec.categories.map { .string($0) })
    status["acceptedNames"] = .object(orderedNames(newNames))

    var conditions = status["conditions"]?.arrayValue ?? []
    let namesAccepted = conflict == nil
    setCondition(
        &conditions, type: "NamesAccepted", status: namesAccepted ? "True" : "False",
        reason: conflict?.reason ?? "NoConflicts", message: conflict?.message ?? "no conflicts found", now: now)
    let established = conditions.first { $0["type"] == "Established" }?["status"] == "True"
    if !established {
        if namesAccepted {
            setCondition(
                &conditions, type: "Established", status: "True", reason: "InitialNamesAccepted",
                message: "the initial names have been accepted", now: now)
        } else {
            setCondition(
                &conditions, type: "Established", status: "False", reason: "NotAccepted",
                message: "not all names are accepted", now: now)
        }
    }
    if let approval = approvalCondition(spec) {
        setCondition(
            &conditions, type: "KubernetesAPIApprovalPolicyConformant", status: approval.status,
            reason: approval.reason, message: approval.message, now: now)
    }
    status["conditions"] = .array(conditions)

    var stored = (status["storedVersions"]?.arrayValue ?? []).compactMap(\.stringValue)
    if let storage = spec.storageVersion, !stored.contains(storage) { stored.append(storage) }
    status["storedVersions"] = .array(stored.map { .string($0) })
    // `CustomResourceDefinitionStatus` field order, then anything else that was there.
    var ordered = JSONObject()
    for key in ["conditions", "acceptedNames", "storedVersions"] { ordered[key] = status[key] }
    for member in status where ordered[member.key] == nil { ordered[member.key] = member.value }
    return .object(ordered)
}

/// `CustomResourceDefinitionNames` in Go's field order.
private func orderedNames(_ names: JSONObject) -> JSONObject {
    var ordered = JSONObject()
    for key in ["plural", "singular", "shortNames", "kind", "listKind", "categories"] { ordered[key] = names[key] }
    return ordered
}

/// apiextensions' `SetCRDCondition`: a new condition is appended; an existing one gets a new transition time
/// only when its status changes.
private func setCondition(
    _ conditions: inout [JSON], type: String, status: String, reason: String, message: String, now: Double
) {
    let time = JSON.string(Timestamp(seconds: now).rfc3339)
    guard let index = conditions.firstIndex(where: { $0["type"]?.stringValue == type }) else {
        conditions.append([
            "type": .string(type), "status": .string(status), "lastTransitionTime": time,
            "reason": .string(reason), "message": .string(message),
        ])
        return
    }
    var condition = conditions[index]
    if condition["status"]?.stringValue != status || (condition["lastTransitionTime"]?.stringValue ?? "").isEmpty {
        condition["lastTransitionTime"] = time
    }
    condition["status"] = .string(status)
    condition["reason"] = .string(reason)
    condition["message"] = .string(message)
    conditions[index] = condition
}

/// The API-approval controller's condition, for protected groups only.
private func approvalCondition(
    _ spec: CustomResourceDefinitionSpec
) -> (status: String, reason: String, message: String)? {
    guard CRDValidation.isProtectedGroup(spec.group) else { return nil }
    let annotation = spec.annotations["api-approved.kubernetes.io"]?.stringValue ?? ""
    let state = CRDValidation.approvalState(annotation)
    switch state.state {
    case "approved": return ("True", "ApprovedAnnotation", state.reason)
    case "bypassed": return ("False", "UnapprovedAnnotation", state.reason)
    case "missing": return ("False", "MissingAnnotation", state.reason)
    default: return ("False", "InvalidAnnotation", state.reason)
    }
}
