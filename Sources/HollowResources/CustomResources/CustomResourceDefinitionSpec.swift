import HollowModel

/// The parts of a CustomResourceDefinition (apiextensions.k8s.io/v1) the machinery reads, taken from its JSON.
/// Members of the wrong JSON type are recorded in `decodingErrors` (kube-apiserver refuses those while decoding)
/// and read as absent.
struct CustomResourceDefinitionSpec {
    struct Version {
        var index: Int
        var name: String
        var served: Bool
        var storage: Bool
        var deprecated: Bool
        var deprecationWarning: JSON?
        /// `schema` (a `CustomResourceValidation`), and its `openAPIV3Schema`.
        var validation: JSON?
        var openAPIV3Schema: JSON?
        var subresources: JSON?
        var columns: [JSON]
        var selectableFields: [JSON]

        var hasStatus: Bool { subresources?["status"].map { !$0.isNull } ?? false }
        var path: String { "spec.versions[\(index)]" }
    }

    var name = ""
    var annotations: JSONObject = [:]
    var group = ""
    var scope = ""
    var plural = ""
    var singular = ""
    var kind = ""
    var listKind = ""
    var shortNames: [String] = []
    var categories: [String] = []
    var names: JSON = .object([:])
    var versions: [Version] = []
    var conversion: JSON?
    var preserveUnknownFields = false
    var acceptedNames: JSON?
    var storedVersions: [String]?
    var decodingErrors: [FieldError] = []

    init(_ crd: JSON) {
        name = string(crd[path: ["metadata", "name"]], "metadata.name")
        annotations = crd[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        let spec = crd["spec"] ?? .object([:])
        group = string(spec["group"], "spec.group")
        scope = string(spec["scope"], "spec.scope")
        names = spec["names"] ?? .object([:])
        plural = string(names["plural"], "spec.names.plural")
        singular = string(names["singular"], "spec.names.singular")
        kind = string(names["kind"], "spec.names.kind")
        listKind = string(names["listKind"], "spec.names.listKind")
        shortNames = strings(names["shortNames"], "spec.names.shortNames")
        categories = strings(names["categories"], "spec.names.categories")
        conversion = spec["conversion"].flatMap { $0.isNull ? nil : $0 }
        preserveUnknownFields = bool(spec["preserveUnknownFields"], "spec.preserveUnknownFields")
        for (index, version) in array(spec["versions"], "spec.versions").enumerated() {
            let path = "spec.versions[\(index)]"
            let validation = version["schema"].flatMap { $0.isNull ? nil : $0 }
            versions.append(
                Version(
                    index: index, name: string(version["name"], path + ".name"),
                    served: bool(version["served"], path + ".served"),
                    storage: bool(version["storage"], path + ".storage"),
                    deprecated: bool(version["deprecated"], path + ".deprecated"),
                    deprecationWarning: version["deprecationWarning"].flatMap { $0.isNull ? nil : $0 },
                    validation: validation,
                    openAPIV3Schema: validation?["openAPIV3Schema"].flatMap { $0.isNull ? nil : $0 },
                    subresources: version["subresources"].flatMap { $0.isNull ? nil : $0 },
                    columns: array(version["additionalPrinterColumns"], path + ".additionalPrinterColumns"),
                    selectableFields: array(version["selectableFields"], path + ".selectableFields")))
        }
        acceptedNames = crd[path: ["status", "acceptedNames"]]
        if let stored = crd[path: ["status", "storedVersions"]], !stored.isNull {
            storedVersions = strings(stored, "status.storedVersions")
        }
    }

    /// The first version marked `storage: true`.
    var storageVersion: String? { versions.first { $0.storage }?.name }

    /// kube-apiserver converts v1 CRDs to its internal form before validating, moving per-version schemas,
    /// subresources and columns to the top level when every version has the same ones; errors about them are
    /// then reported under `spec.validation`, `spec.subresources`, `spec.additionalPrinterColumns`.
    var schemasIdentical: Bool { identical(\.validation) }
    var subresourcesIdentical: Bool { identical(\.subresources) }
    var columnsIdentical: Bool { versions.allSatisfy { $0.columns == versions.first?.columns } }
    var selectableFieldsIdentical: Bool {
        versions.allSatisfy { $0.selectableFields == versions.first?.selectableFields }
    }

    private func identical(_ member: KeyPath<Version, JSON?>) -> Bool {
        guard let first = versions.first else { return false }
        return versions.allSatisfy { $0[keyPath: member] == first[keyPath: member] }
    }

    private mutating func string(_ value: JSON?, _ path: String) -> String {
        switch value {
        case .string(let s)?: return s
        case nil, .null?: return ""
        case let other?:
            decodingErrors.append(.typeInvalid(path, other, "must be of type string"))
            return ""
        }
    }

    private mutating func bool(_ value: JSON?, _ path: String) -> Bool {
        switch value {
        case .bool(let b)?: return b
        case nil, .null?: return false
        case let other?:
            decodingErrors.append(.typeInvalid(path, other, "must be of type boolean"))
            return false
        }
    }

    private mutating func array(_ value: JSON?, _ path: String) -> [JSON] {
        switch value {
        case .array(let elements)?: return elements
        case nil, .null?: return []
        case let other?:
            decodingErrors.append(.typeInvalid(path, other, "must be of type array"))
            return []
        }
    }

    private mutating func strings(_ value: JSON?, _ path: String) -> [String] {
        array(value, path).enumerated().map { string($0.element, "\(path)[\($0.offset)]") }
    }
}

/// Sets what apiextensions.k8s.io/v1 defaults when a CRD is decoded: `names.singular` (the kind in lower case),
/// `names.listKind` (`<kind>List`), `conversion.strategy: None`, a webhook service's port 443, and
/// `status.storedVersions` (the storage version) when empty.
public func applyCustomResourceDefinitionDefaults(_ crd: inout JSON) {
    let kind = crd[path: ["spec", "names", "kind"]]?.stringValue ?? ""
    if (crd[path: ["spec", "names", "singular"]]?.stringValue ?? "").isEmpty {
        crd[path: ["spec", "names", "singular"]] = .string(kind.lowercased())
    }
    if (crd[path: ["spec", "names", "listKind"]]?.stringValue ?? "").isEmpty, !kind.isEmpty {
        crd[path: ["spec", "names", "listKind"]] = .string(kind + "List")
    }
    if crd[path: ["spec", "conversion"]] == nil || crd[path: ["spec", "conversion"]] == .null {
        crd[path: ["spec", "conversion"]] = ["strategy": "None"]
    }
    let servicePath = ["spec", "conversion", "webhook", "clientConfig", "service"]
    if crd[path: servicePath]?.objectValue != nil, crd[path: servicePath + ["port"]] == nil {
        crd[path: servicePath + ["port"]] = 443
    }
    if (crd[path: ["status", "storedVersions"]]?.arrayValue ?? []).isEmpty,
        let storage = crd[path: ["spec", "versions"]]?.arrayValue?.first(where: { $0["storage"] == true }),
        let name = storage["name"]
    {
        crd[path: ["status", "storedVersions"]] = [name]
    }
}
