import HollowModel

/// kube-apiserver's defaulting and validation of RBAC objects (`pkg/apis/rbac/v1/defaults.go`,
/// `pkg/apis/rbac/validation/validation.go`), field paths and messages included. Object metadata is validated by
/// `ObjectMetaRules` with the definitions' path-segment name rule.
enum RBACValidation {
    /// `roleRef.apiGroup` defaults to rbac.authorization.k8s.io, and so does the `apiGroup` of user and group
    /// subjects (a service account's stays "", which Go leaves out).
    static func defaultBinding(_ binding: inout JSON) {
        // A missing roleRef decodes to Go's zero RoleRef, which is defaulted like any other.
        var roleRef = binding["roleRef"].flatMap { $0.isNull ? nil : $0 } ?? .object([:])
        if roleRef.objectValue != nil, (roleRef["apiGroup"]?.stringValue ?? "").isEmpty {
            roleRef["apiGroup"] = .string(RBACResources.group)
            binding["roleRef"] = roleRef
        }
        guard let subjects = binding["subjects"]?.arrayValue else { return }
        binding["subjects"] = .array(
            subjects.map { subject in
                guard subject.objectValue != nil, (subject["apiGroup"]?.stringValue ?? "").isEmpty else {
                    return subject
                }
                var subject = subject
                if subject["kind"] == .string(Subject.userKind) || subject["kind"] == .string(Subject.groupKind) {
                    subject["apiGroup"] = .string(RBACResources.group)
                }
                return subject
            })
    }

    /// `ValidateRole` / `ValidateClusterRole`: each rule, and a ClusterRole's aggregation selectors.
    static func role(_ role: JSON, namespaced: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        for (index, rule) in list(role["rules"], "rules", &errors).enumerated() {
            errors += policyRule(rule, namespaced: namespaced, field: "rules[\(index)]")
        }
        if !namespaced, let aggregation = role["aggregationRule"], !aggregation.isNull {
            let field = "aggregationRule.clusterRoleSelectors"
            let selectors = list(aggregation["clusterRoleSelectors"], field, &errors)
            if selectors.isEmpty {
                errors.append(
                    .required(field, "at least one clusterRoleSelector required if aggregationRule is non-nil"))
            }
            for (index, selector) in selectors.enumerated() {
                do throws(SelectorError) {
                    _ = try LabelSelector(labelSelector: selector)
                } catch {
                    errors.append(.invalid("\(field)[\(index)]", selector, error.message))
                }
            }
        }
        return errors
    }

    /// `validatePolicyRule`: verbs always; URLs alone (and only in ClusterRoles), or groups and resources.
    static func policyRule(_ json: JSON, namespaced: Bool, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        guard json.objectValue != nil else { return [.typeInvalid(field, json, "must be of type object")] }
        let verbs = stringList(json["verbs"], "\(field).verbs", &errors)
        let apiGroups = stringList(json["apiGroups"], "\(field).apiGroups", &errors)
        let resources = stringList(json["resources"], "\(field).resources", &errors)
        let resourceNames = stringList(json["resourceNames"], "\(field).resourceNames", &errors)
        let urls = stringList(json["nonResourceURLs"], "\(field).nonResourceURLs", &errors)
        if verbs.isEmpty { errors.append(.required("\(field).verbs", "verbs must contain at least one value")) }
        if !urls.isEmpty {
            let rendered = goStringSlice(urls)
            if namespaced {
                errors.append(
                    goSyntaxInvalid(
                        "\(field).nonResourceURLs", rendered, "namespaced rules cannot apply to non-resource URLs"))
            }
            if !apiGroups.isEmpty || !resources.isEmpty || !resourceNames.isEmpty {
                errors.append(
                    goSyntaxInvalid(
                        "\(field).nonResourceURLs", rendered,
                        "rules cannot apply to both regular resources and non-resource URLs"))
            }
            return errors
        }
        if apiGroups.isEmpty {
            errors.append(.required("\(field).apiGroups", "resource rules must supply at least one api group"))
        }
        if resources.isEmpty {
            errors.append(.required("\(field).resources", "resource rules must supply at least one resource"))
        }
        if !resourceNames.isEmpty, resources.count > 1 {
            errors.append(.required("\(field).resourceNames", "resource names cannot apply to multiple resources"))
        }
        return errors
    }

    /// `ValidateRoleBinding` / `ValidateClusterRoleBinding`: the role reference and each subject.
    static func binding(_ binding: JSON, namespaced: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        let roleRef = RoleRef(json: binding["roleRef"])
        if roleRef.apiGroup != RBACResources.group {
            errors.append(
                .notSupported("roleRef.apiGroup", .string(roleRef.apiGroup), supported: [RBACResources.group]))
        }
        let kinds = namespaced ? ["Role", "ClusterRole"] : ["ClusterRole"]
        if !kinds.contains(roleRef.kind) {
            errors.append(.notSupported("roleRef.kind", .string(roleRef.kind), supported: kinds))
        }
        if roleRef.name.isEmpty {
            errors.append(.required("roleRef.name"))
        } else {
            for message in RBACResources.pathSegmentNameErrors(roleRef.name) {
                errors.append(.invalid("roleRef.name", .string(roleRef.name), message))
            }
        }
        for (index, json) in list(binding["subjects"], "subjects", &errors).enumerated() {
            errors += subject(Subject(json: json), namespaced: namespaced, field: "subjects[\(index)]")
        }
        return errors
    }

    /// `validateRoleBindingSubject`.
    static func subject(_ subject: Subject, namespaced: Bool, field: String) -> [FieldError] {
        var errors: [FieldError] = []
        if subject.name.isEmpty { errors.append(.required("\(field).name")) }
        switch subject.kind {
        case Subject.serviceAccountKind:
            if !subject.name.isEmpty {
                for message in isDNS1123Subdomain(subject.name) {
                    errors.append(.invalid("\(field).name", .string(subject.name), message))
                }
            }
            if !subject.apiGroup.isEmpty {
                errors.append(.notSupported("\(field).apiGroup", .string(subject.apiGroup), supported: [""]))
            }
            if !namespaced, subject.namespace.isEmpty { errors.append(.required("\(field).namespace")) }
        case Subject.userKind, Subject.groupKind:
            if subject.name.isEmpty {
                let noun = subject.kind == Subject.userKind ? "user" : "group"
                errors.append(.invalid("\(field).name", .string(subject.name), "\(noun) name cannot be empty"))
            }
            if subject.apiGroup != RBACResources.group {
                errors.append(
                    .notSupported("\(field).apiGroup", .string(subject.apiGroup), supported: [RBACResources.group]))
            }
        default:
            errors.append(
                .notSupported(
                    "\(field).kind", .string(subject.kind),
                    supported: [Subject.serviceAccountKind, Subject.userKind, Subject.groupKind]))
        }
        return errors
    }

    /// The elements of an optional array; another type is reported (Go would refuse to decode it).
    private static func list(_ json: JSON?, _ field: String, _ errors: inout [FieldError]) -> [JSON] {
        switch json {
        case nil, .null?: return []
        case .array(let elements)?: return elements
        case let other?:
            errors.append(.typeInvalid(field, other, "must be of type array"))
            return []
        }
    }

    private static func stringList(_ json: JSON?, _ field: String, _ errors: inout [FieldError]) -> [String] {
        list(json, field, &errors).enumerated().compactMap { index, element in
            guard let string = element.stringValue else {
                errors.append(.typeInvalid("\(field)[\(index)]", element, "must be of type string"))
                return nil
            }
            return string
        }
    }

    /// Go's `%#v` of a `[]string`.
    private static func goStringSlice(_ values: [String]) -> String {
        "[]string{" + values.map(quoted).joined(separator: ", ") + "}"
    }
}
