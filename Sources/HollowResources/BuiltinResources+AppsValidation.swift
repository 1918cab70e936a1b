import HollowModel

/// apps/v1 validation (`pkg/apis/apps/validation`) with kube-apiserver's field paths and messages, including Go's
/// `%#v` rendering of the values it reports (`map[string]string{…}`, `v1.LabelSelector{…}`,
/// `intstr.IntOrString{…}`).
extension AppsStrategy {
    // MARK: Validation of specs

    /// `ValidateDeploymentSpec`.
    static func validateDeployment(_ deployment: JSON) -> [FieldError] {
        let spec = deployment["spec"]
        var errors = nonNegative(spec?["replicas"], "spec.replicas")
        errors += validateSelectorAndTemplate(spec, kind: "deployment")
        errors += validateDeploymentStrategy(spec?["strategy"])
        errors += nonNegative(spec?["minReadySeconds"], "spec.minReadySeconds")
        errors += nonNegative(spec?["revisionHistoryLimit"], "spec.revisionHistoryLimit")
        if let deadline = spec?["progressDeadlineSeconds"]?.intValue {
            errors += nonNegative(.int(deadline), "spec.progressDeadlineSeconds")
            if deadline <= spec?["minReadySeconds"]?.intValue ?? 0 {
                errors.append(
                    .invalid("spec.progressDeadlineSeconds", .int(deadline), "must be greater than minReadySeconds"))
            }
        }
        return errors
    }

    /// `ValidateReplicaSetSpec` (whose empty-selector message says "deployment", as kube's does).
    static func validateReplicaSet(_ replicaSet: JSON) -> [FieldError] {
        let spec = replicaSet["spec"]
        var errors = nonNegative(spec?["replicas"], "spec.replicas")
        errors += nonNegative(spec?["minReadySeconds"], "spec.minReadySeconds")
        errors += validateSelectorAndTemplate(spec, kind: "deployment")
        return errors
    }

    /// The selector and template checks deployments and replica sets share: a selector is required, must be valid
    /// and non-empty, and must match the template's labels; the template must be a valid pod template whose
    /// restart policy is `Always`.
    private static func validateSelectorAndTemplate(_ spec: JSON?, kind: String) -> [FieldError] {
        var errors: [FieldError] = []
        let selectorJSON = spec?["selector"]
        if selectorJSON == nil || selectorJSON?.isNull == true {
            errors.append(.required("spec.selector"))
        } else if let selectorJSON {
            errors += validateLabelSelector(selectorJSON, field: "spec.selector")
            if isEmptySelector(selectorJSON) {
                errors.append(
                    goSyntaxInvalid(
                        "spec.selector", GoSyntax.labelSelector(selectorJSON), "empty selector is invalid for \(kind)"))
            }
        }
        guard let selector = try? LabelSelector(labelSelector: selectorJSON) else {
            errors.append(
                goSyntaxInvalid("spec.selector", GoSyntax.labelSelector(selectorJSON), "invalid label selector"))
            return errors
        }
        // `ValidatePodTemplateSpecForReplicaSet`: an empty selector matches everything and is not compared.
        let template = spec?["template"]
        if !selector.isEmpty, !selector.matches(labels: template?[path: ["metadata", "labels"]]) {
            errors.append(templateLabelsMismatch(template))
        }
        errors += validatePodTemplate(template, field: "spec.template")
        errors += requireAlwaysRestart(template, field: "spec.template", kind: "ReplicaSet")
        return errors
    }

    /// `ValidateDaemonSetSpec`: unlike deployments, a missing selector is reported only as not matching the
    /// template's labels (a nil selector selects nothing).
    static func validateDaemonSet(_ daemonSet: JSON) -> [FieldError] {
        let spec = daemonSet["spec"]
        var errors: [FieldError] = []
        let selectorJSON = spec?["selector"]
        if let selectorJSON, !selectorJSON.isNull {
            errors += validateLabelSelector(selectorJSON, field: "spec.selector")
        }
        let template = spec?["template"]
        if let selector = try? LabelSelector(labelSelector: selectorJSON),
            !selector.matches(labels: template?[path: ["metadata", "labels"]])
        {
            errors.append(templateLabelsMismatch(template))
        }
        if let selectorJSON, !selectorJSON.isNull, isEmptySelector(selectorJSON) {
            errors.append(
                goSyntaxInvalid(
                    "spec.selector", GoSyntax.labelSelector(selectorJSON), "empty selector is invalid for daemonset"))
        }
        errors += validatePodTemplate(template, field: "spec.template")
        errors += requireAlwaysRestart(template, field: "spec.template", kind: "DaemonSet")
        errors += nonNegative(spec?["minReadySeconds"], "spec.minReadySeconds")
        errors += validateDaemonSetUpdateStrategy(spec?["updateStrategy"])
        errors += nonNegative(spec?["revisionHistoryLimit"], "spec.revisionHistoryLimit")
        return errors
    }

    /// `ValidateControllerRevision`: data is mandatory, the revision non-negative.
    static func validateControllerRevision(_ revision: JSON) -> [FieldError] {
        var errors: [FieldError] = []
        if revision["data"] == nil || revision["data"]?.isNull == true {
            errors.append(.required("data", "data is mandatory"))
        }
        errors += nonNegative(revision["revision"], "revision")
        return errors
    }

    /// apps/v1 refuses any change of `spec.selector` (`ValidateImmutableField`).
    static func immutableSelector(_ new: JSON, _ old: JSON) -> [FieldError] {
        let selector = new[path: ["spec", "selector"]]
        guard !normalizedSelector(selector).isEquivalent(to: normalizedSelector(old[path: ["spec", "selector"]])) else {
            return []
        }
        return [goSyntaxInvalid("spec.selector", GoSyntax.labelSelector(selector), "field is immutable")]
    }

    /// A selector as Go's semantic equality sees it: empty lists and maps are the same as absent ones.
    private static func normalizedSelector(_ selector: JSON?) -> JSON {
        guard let object = selector?.objectValue else { return selector ?? .null }
        var normalized = JSONObject()
        for member in object {
            switch member.value {
            case .null, .array([]), .object(JSONObject()): continue
            default: normalized[member.key] = member.value
            }
        }
        return .object(normalized)
    }

    private static func isEmptySelector(_ selector: JSON) -> Bool {
        (selector["matchLabels"]?.objectValue?.count ?? 0) + (selector["matchExpressions"]?.arrayValue?.count ?? 0) == 0
    }

    private static func templateLabelsMismatch(_ template: JSON?) -> FieldError {
        goSyntaxInvalid(
            "spec.template.metadata.labels", GoSyntax.stringMap(template?[path: ["metadata", "labels"]]),
            "`selector` does not match template `labels`")
    }

    /// `ValidatePodTemplateSpec`: the template's labels and annotations, and its pod spec (with the same checks
    /// pods get).
    static func validatePodTemplate(_ template: JSON?, field: String) -> [FieldError] {
        var errors = validateLabels(stringPairs(template?[path: ["metadata", "labels"]]), field: "\(field).labels")
        errors += validateAnnotations(
            stringPairs(template?[path: ["metadata", "annotations"]]), field: "\(field).annotations")
        errors += PodStrategy.validatePodSpec(template?["spec"], field: "\(field).spec")
        if let ephemeral = template?[path: ["spec", "ephemeralContainers"]]?.arrayValue, !ephemeral.isEmpty {
            errors.append(
                .forbidden("\(field).spec.ephemeralContainers", "ephemeral containers not allowed in pod template"))
        }
        return errors
    }

    /// Workload templates may only restart always, and may not set a deadline (`kind` names the validation that
    /// says so: deployments share the ReplicaSet's).
    private static func requireAlwaysRestart(_ template: JSON?, field: String, kind: String) -> [FieldError] {
        var errors: [FieldError] = []
        let policy = template?[path: ["spec", "restartPolicy"]] ?? .string("")
        if policy.stringValue != "Always" {
            errors.append(.notSupported("\(field).spec.restartPolicy", policy, supported: ["Always"]))
        }
        if let deadline = template?[path: ["spec", "activeDeadlineSeconds"]], !deadline.isNull {
            errors.append(
                .forbidden(
                    "\(field).spec.activeDeadlineSeconds", "activeDeadlineSeconds in \(kind) is not Supported"))
        }
        return errors
    }

    /// `ValidateLabelSelector` (strict: label values in expressions must be valid).
    static func validateLabelSelector(_ selector: JSON, field: String) -> [FieldError] {
        var errors = validateLabels(stringPairs(selector["matchLabels"]), field: "\(field).matchLabels")
        for (index, expression) in (selector["matchExpressions"]?.arrayValue ?? []).enumerated() {
            let path = "\(field).matchExpressions[\(index)]"
            let values = expression["values"]?.arrayValue ?? []
            let op = expression["operator"]?.stringValue ?? ""
            switch op {
            case "In", "NotIn":
                if values.isEmpty {
                    errors.append(.required("\(path).values", "must be specified when `operator` is 'In' or 'NotIn'"))
                }
            case "Exists", "DoesNotExist":
                if !values.isEmpty {
                    errors.append(
                        .forbidden(
                            "\(path).values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
                }
            default:
                errors.append(.invalid("\(path).operator", .string(op), "not a valid selector operator"))
            }
            let key = expression["key"]?.stringValue ?? ""
            for message in isQualifiedName(key) { errors.append(.invalid("\(path).key", .string(key), message)) }
            for (valueIndex, value) in values.enumerated() {
                let text = value.stringValue ?? ""
                for message in isValidLabelValue(text) {
                    errors.append(.invalid("\(path).values[\(valueIndex)]", .string(text), message))
                }
            }
        }
        return errors
    }

    // MARK: Update strategies

    /// `ValidateDeploymentStrategy`.
    static func validateDeploymentStrategy(_ strategy: JSON?) -> [FieldError] {
        let field = "spec.strategy"
        switch strategy?["type"]?.stringValue ?? "" {
        case "Recreate":
            if let rollingUpdate = strategy?["rollingUpdate"], !rollingUpdate.isNull {
                return [.forbidden("\(field).rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")]
            }
            return []
        case "RollingUpdate":
            guard let rollingUpdate = strategy?["rollingUpdate"], !rollingUpdate.isNull else {
                return [.required("\(field).rollingUpdate", "this should be defaulted and never be nil")]
            }
            let path = "\(field).rollingUpdate"
            let maxUnavailable = IntOrPercent(rollingUpdate["maxUnavailable"])
            let maxSurge = IntOrPercent(rollingUpdate["maxSurge"])
            var errors = maxUnavailable.validatePositive("\(path).maxUnavailable")
            errors += maxSurge.validatePositive("\(path).maxSurge")
            if maxUnavailable.value == 0, maxSurge.value == 0 {
                errors.append(
                    goSyntaxInvalid(
                        "\(path).maxUnavailable", maxUnavailable.goSyntax, "may not be 0 when `maxSurge` is 0"))
            }
            errors += maxUnavailable.validateNotMoreThan100Percent("\(path).maxUnavailable")
            return errors
        default:
            let rendered = GoSyntax.strategy(
                strategy, type: "apps.DeploymentStrategy", rollingUpdate: "apps.RollingUpdateDeployment")
            return [
                FieldError(
                    .notSupported, field: field,
                    detail: rendered + ": supported values: \"Recreate\", \"RollingUpdate\"")
            ]
        }
    }

    /// `ValidateDaemonSetUpdateStrategy`.
    static func validateDaemonSetUpdateStrategy(_ strategy: JSON?) -> [FieldError] {
        let field = "spec.updateStrategy"
        switch strategy?["type"]?.stringValue ?? "" {
        case "OnDelete":
            return []
        case "RollingUpdate":
            guard let rollingUpdate = strategy?["rollingUpdate"], !rollingUpdate.isNull else {
                return [.required("\(field).rollingUpdate")]
            }
            let path = "\(field).rollingUpdate"
            let maxUnavailable = IntOrPercent(rollingUpdate["maxUnavailable"])
            let maxSurge = IntOrPercent(rollingUpdate["maxSurge"])
            var errors = maxUnavailable.validatePositive("\(path).maxUnavailable")
            errors += maxSurge.validatePositive("\(path).maxSurge")
            errors += maxUnavailable.validateNotMoreThan100Percent("\(path).maxUnavailable")
            errors += maxSurge.validateNotMoreThan100Percent("\(path).maxSurge")
            switch (maxUnavailable.value != 0, maxSurge.value != 0) {
            case (true, true):
                errors.append(
                    goSyntaxInvalid(
                        "\(path).maxSurge", maxSurge.goSyntax, "may not be set when maxUnavailable is non-zero"))
            case (false, false):
                errors.append(.required("\(path).maxUnavailable", "cannot be 0 when maxSurge is 0"))
            default:
                break
            }
            return errors
        default:
            let rendered = GoSyntax.strategy(
                strategy, type: "apps.DaemonSetUpdateStrategy", rollingUpdate: "apps.RollingUpdateDaemonSet")
            return [
                FieldError(
                    .notSupported, field: field,
                    detail: rendered + ": supported values: \"RollingUpdate\", \"OnDelete\"")
            ]
        }
    }

    // MARK: Status

    /// `ValidateDeploymentStatus`.
    static func validateDeploymentStatus(_ status: JSON?) -> [FieldError] {
        let counts = ["observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas",
            "unavailableReplicas", "collisionCount"]
        var errors = counts.flatMap { nonNegative(status?[$0], "status.\($0)") }
        errors += notAbove(status, ["updatedReplicas", "readyReplicas", "availableReplicas"], "replicas")
        errors += notAbove(status, ["availableReplicas"], "readyReplicas", message: notAboveReady)
        return errors
    }

    /// `ValidateReplicaSetStatus`.
    static func validateReplicaSetStatus(_ status: JSON?) -> [FieldError] {
        let counts = ["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration"]
        var errors = counts.flatMap { nonNegative(status?[$0], "status.\($0)") }
        errors += notAbove(status, ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"], "replicas")
        errors += notAbove(status, ["availableReplicas"], "readyReplicas", message: notAboveReady)
        return errors
    }

    /// `validateDaemonSetStatus`.
    static func validateDaemonSetStatus(_ status: JSON?) -> [FieldError] {
        let counts = ["currentNumberScheduled", "numberMisscheduled", "desiredNumberScheduled", "numberReady",
            "observedGeneration", "updatedNumberScheduled", "numberAvailable", "numberUnavailable", "collisionCount"]
        return counts.flatMap { nonNegative(status?[$0], "status.\($0)") }
    }

    private static let notAboveReady = "cannot be greater than readyReplicas"

    /// Each of `fields` at most `limit` (`cannot be greater than status.replicas`).
    private static func notAbove(_ status: JSON?, _ fields: [String], _ limit: String, message: String? = nil)
        -> [FieldError]
    {
        let bound = status?[limit]?.intValue ?? 0
        return fields.compactMap { field in
            guard let value = status?[field]?.intValue, value > bound else { return nil }
            return .invalid("status.\(field)", .int(value), message ?? "cannot be greater than status.\(limit)")
        }
    }

    // MARK: Helpers

    /// `ValidateNonnegativeField`.
    static func nonNegative(_ value: JSON?, _ field: String) -> [FieldError] {
        guard let number = value?.intValue, number < 0 else { return [] }
        return [.invalid(field, .int(number), "must be greater than or equal to 0")]
    }

    private static func stringPairs(_ json: JSON?) -> [(key: String, value: String)] {
        (json?.objectValue ?? [:]).map { (key: $0.key, value: $0.value.stringValue ?? "") }
    }
}

/// An `intstr.IntOrString` read from JSON, as the rolling-update validation judges it.
struct IntOrPercent {
    let json: JSON?

    init(_ json: JSON?) { self.json = json }

    /// `getIntOrPercentValue`: the integer, or the number of a valid percentage; 0 for anything else.
    var value: Int64 {
        switch json {
        case .string(let text)?:
            if let percent = percentValue { return percent }
            return Int64(text) ?? 0
        case let other?: return other.intValue ?? 0
        case nil: return 0
        }
    }

    /// The number of a string matching `[0-9]+%`.
    var percentValue: Int64? {
        guard case .string(let text)? = json, text.hasSuffix("%") else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return Int64(digits) ?? Int64.max
    }

    /// Go's `%#v` of the value (`intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}`).
    var goSyntax: String {
        switch json {
        case .string(let text)?: "intstr.IntOrString{Type:1, IntVal:0, StrVal:\(quoted(text))}"
        default: "intstr.IntOrString{Type:0, IntVal:\(Int32(truncatingIfNeeded: json?.intValue ?? 0)), StrVal:\"\"}"
        }
    }

    /// `ValidatePositiveIntOrPercent`.
    func validatePositive(_ field: String) -> [FieldError] {
        switch json {
        case .string?:
            guard percentValue == nil else { return [] }
            return [
                goSyntaxInvalid(
                    field, goSyntax,
                    "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"
                )
            ]
        default:
            return AppsStrategy.nonNegative(json, field)
        }
    }

    /// `IsNotMoreThan100Percent`.
    func validateNotMoreThan100Percent(_ field: String) -> [FieldError] {
        guard let percent = percentValue, percent > 100 else { return [] }
        return [goSyntaxInvalid(field, goSyntax, "must not be greater than 100%")]
    }
}

/// Go's `%#v` of the apps types kube-apiserver puts in `Invalid value` messages.
enum GoSyntax {
    /// `map[string]string{"app":"web"}`, keys sorted; `map[string]string(nil)` when absent.
    static func stringMap(_ json: JSON?) -> String {
        guard let object = json?.objectValue else { return "map[string]string(nil)" }
        let entries = object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map {
            "\(quoted($0.key)):\(quoted($0.value.stringValue ?? ""))"
        }
        return "map[string]string{" + entries.joined(separator: ", ") + "}"
    }

    /// `[]string{"a", "b"}`; `[]string(nil)` when absent.
    static func stringSlice(_ json: JSON?) -> String {
        guard let array = json?.arrayValue else { return "[]string(nil)" }
        return "[]string{" + array.map { quoted($0.stringValue ?? "") }.joined(separator: ", ") + "}"
    }

    /// A `metav1.LabelSelector` as Go prints the value behind the pointer (`v1.LabelSelector{MatchLabels:…,
    /// MatchExpressions:…}`); `null` for a nil pointer.
    static func labelSelector(_ json: JSON?) -> String {
        guard let json, !json.isNull else { return "null" }
        let requirements: String
        if let expressions = json["matchExpressions"]?.arrayValue {
            let rendered = expressions.map { expression in
                "v1.LabelSelectorRequirement{Key:\(quoted(expression["key"]?.stringValue ?? "")), "
                    + "Operator:\(quoted(expression["operator"]?.stringValue ?? "")), "
                    + "Values:\(stringSlice(expression["values"]))}"
            }
            requirements = "[]v1.LabelSelectorRequirement{" + rendered.joined(separator: ", ") + "}"
        } else {
            requirements = "[]v1.LabelSelectorRequirement(nil)"
        }
        return "v1.LabelSelector{MatchLabels:\(stringMap(json["matchLabels"])), MatchExpressions:\(requirements)}"
    }

    /// An update strategy struct (`apps.DeploymentStrategy{Type:"Foo", RollingUpdate:(*apps.…)(nil)}`).
    static func strategy(_ json: JSON?, type: String, rollingUpdate: String) -> String {
        let rolling = json?["rollingUpdate"].map { $0.isNull ? "nil" : "0xc000000000" } ?? "nil"
        let typeName = quoted(json?["type"]?.stringValue ?? "")
        return "\(type){Type:\(typeName), RollingUpdate:(*\(rollingUpdate))(\(rolling))}"
    }
}
