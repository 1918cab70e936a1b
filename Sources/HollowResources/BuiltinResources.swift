import HollowModel

/// The built-in resources Hollow serves, with the table columns a real cluster prints and the field selectors
/// kubectl and controllers use.
public enum BuiltinResources {
    public static var all: [ResourceDefinition] {
        [namespaces, nodes, pods, configMaps, secrets, serviceAccounts, services, events, leases] + apps
    }

    public static let namespaces = ResourceDefinition(
        group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false, shortNames: ["ns"],
        subresources: [.status],
        columns: [
            .name,
            TableColumn("Status", description: "The phase of the namespace.") { object, _ in
                .string(object[path: ["status", "phase"]]?.stringValue ?? "")
            },
            .age,
        ],
        selectableFields: [SelectableField("status.phase")],
        strategy: ResourceStrategy(
            prepareForCreate: { object, _ in
                object[path: ["status"]] = ["phase": "Active"]
                labelWithName(&object)
                if object[path: ["spec", "finalizers"]] == nil {
                    object[path: ["spec", "finalizers"]] = ["kubernetes"]
                }
            },
            prepareForUpdate: { object, old, _ in
                // spec.finalizers changes only through /finalize.
                object[path: ["spec"]] = old[path: ["spec"]]
                labelWithName(&object)
            }),
        nameValidator: .dnsLabel,
        tracksGeneration: false
    )

    public static let nodes = ResourceDefinition(
        group: "", version: "v1", kind: "Node", plural: "nodes", namespaced: false, shortNames: ["no"],
        subresources: [.status],
        columns: [.name] + NodeColumns.all,
        selectableFields: [SelectableField("spec.unschedulable")],
        strategy: ResourceStrategy(
            prepareForCreate: { object, _ in
                // Nodes may carry status on create (the kubelet registers with it).
                if object["spec"] == nil { object["spec"] = .object([:]) }
            }),
        tracksGeneration: false
    )

    public static let pods = ResourceDefinition(
        group: "", version: "v1", kind: "Pod", plural: "pods", namespaced: true, shortNames: ["po"],
        categories: ["all"], subresources: [.status, .binding, .eviction],
        columns: [.name] + PodColumns.all,
        selectableFields: [
            SelectableField("spec.nodeName"), SelectableField("spec.restartPolicy"),
            SelectableField("spec.schedulerName"), SelectableField("spec.serviceAccountName"),
            SelectableField("spec.hostNetwork") { object in
                object[path: ["spec", "hostNetwork"]]?.boolValue == true ? "true" : "false"
            },
            SelectableField("status.phase"), SelectableField("status.podIP"), SelectableField("status.nominatedNodeName"),
        ],
        strategy: PodStrategy.strategy,
        deleteReturnsObject: true,
        tracksGeneration: false
    )

    public static let configMaps = ResourceDefinition(
        group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", namespaced: true, shortNames: ["cm"],
        columns: [
            .name,
            TableColumn("Data", type: "integer", description: "Number of entries in data and binaryData.") { object, _ in
                .int(Int64((object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0)))
            },
            .age,
        ],
        strategy: ResourceStrategy(validate: { object in
            DataKeys.validate(object, fields: ["data", "binaryData"])
        }),
        tracksGeneration: false
    )

    public static let secrets = ResourceDefinition(
        group: "", version: "v1", kind: "Secret", plural: "secrets", namespaced: true,
        columns: [
            .name,
            TableColumn("Type", description: "The type of the secret.") { object, _ in
                .string(object["type"]?.stringValue ?? "Opaque")
            },
            TableColumn("Data", type: "integer", description: "Number of entries in data.") { object, _ in
                .int(Int64(object["data"]?.objectValue?.count ?? 0))
            },
            .age,
        ],
        selectableFields: [SelectableField("type")],
        strategy: ResourceStrategy(
            prepareForCreate: { object, _ in
                if object["type"] == nil { object["type"] = "Opaque" }
                foldStringData(&object)
            },
            prepareForUpdate: { object, _, _ in foldStringData(&object) },
            validate: { object in
                var errors = DataKeys.validate(object, fields: ["data"])
                for member in object["data"]?.objectValue ?? [:] {
                    guard let text = member.value.stringValue, Base64.decode(text) != nil else {
                        errors.append(.invalid("data[\(member.key)]", member.value, "must be base64-encoded"))
                        continue
                    }
                }
                return errors
            }),
        tracksGeneration: false
    )

    public static let serviceAccounts = ResourceDefinition(
        group: "", version: "v1", kind: "ServiceAccount", plural: "serviceaccounts", namespaced: true,
        shortNames: ["sa"], subresources: [.token],
        columns: [
            .name,
            TableColumn("Secrets", type: "integer", description: "Number of secrets.") { object, _ in
                .int(Int64(object["secrets"]?.arrayValue?.count ?? 0))
            },
            .age,
        ],
        deleteReturnsObject: true,
        tracksGeneration: false
    )

    public static let services = ResourceDefinition(
        group: "", version: "v1", kind: "Service", plural: "services", namespaced: true, shortNames: ["svc"],
        categories: ["all"], subresources: [.status],
        columns: [.name] + ServiceColumns.all,
        selectableFields: [SelectableField("spec.clusterIP"), SelectableField("spec.type")],
        strategy: ServiceStrategy.strategy,
        nameValidator: .dns1035Label,
        tracksGeneration: false
    )

    public static let events = ResourceDefinition(
        group: "", version: "v1", kind: "Event", plural: "events", namespaced: true, shortNames: ["ev"],
        columns: EventColumns.all,
        selectableFields: [
            SelectableField("involvedObject.kind"), SelectableField("involvedObject.namespace"),
            SelectableField("involvedObject.name"), SelectableField("involvedObject.uid"),
            SelectableField("involvedObject.apiVersion"), SelectableField("involvedObject.resourceVersion"),
            SelectableField("involvedObject.fieldPath"), SelectableField("reason"), SelectableField("reportingComponent"),
            SelectableField("source"), SelectableField("type"),
        ],
        tracksGeneration: false
    )

    public static let leases = ResourceDefinition(
        group: "coordination.k8s.io", version: "v1", kind: "Lease", plural: "leases", namespaced: true,
        columns: [
            .name,
            TableColumn("Holder", description: "The holder of the lease.") { object, _ in
                .string(object[path: ["spec", "holderIdentity"]]?.stringValue ?? "")
            },
            .age,
        ],
        tracksGeneration: false
    )
}

/// Every namespace carries `kubernetes.io/metadata.name` with its own name, for namespace selectors.
private func labelWithName(_ namespace: inout JSON) {
    guard let name = namespace[path: ["metadata", "name"]] else { return }
    namespace[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = name
}

/// `stringData` is write-only: it is folded into `data`, base64-encoded, as kube-apiserver does.
private func foldStringData(_ secret: inout JSON) {
    guard let stringData = secret["stringData"]?.objectValue else { return }
    var data = secret["data"]?.objectValue ?? [:]
    for member in stringData {
        data[member.key] = .string(Base64.encode(Array((member.value.stringValue ?? "").utf8)))
    }
    secret["data"] = .object(data)
    secret["stringData"] = nil
}

/// Keys of ConfigMap and Secret data: `[-._a-zA-Z0-9]+`, unique across `data` and `binaryData`.
enum DataKeys {
    static func validate(_ object: JSON, fields: [String]) -> [FieldError] {
        var errors: [FieldError] = []
        var seen: Set<String> = []
        for field in fields {
            for member in object[field]?.objectValue ?? [:] {
                let key = member.key
                let valid = !key.isEmpty && key.count <= 253 && key != "." && key != ".."
                    && !key.hasPrefix("..")
                    && key.utf8.allSatisfy { byte in
                        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                    }
                if !valid {
                    errors.append(
                        .invalid(
                            "\(field)", .string(key),
                            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
                        ))
                }
                if !seen.insert(key).inserted {
                    errors.append(.duplicate("\(field)[\(key)]", .string(key)))
                }
            }
        }
        return errors
    }
}
