import HollowModel

/// The Machine API's CustomResourceDefinitions (`apiextensions.k8s.io/v1`), as the machine-api-operator installs
/// them: Machine, MachineSet, MachineDeployment, MachineHealthCheck and Cluster in `machine.openshift.io/v1beta1`.
///
/// Schemas, printer columns and subresources are the operator's (openshift/api's generated manifests). Where
/// Hollow adds to them it says so: short names as Cluster API has them (`ma`, `ms`, `md`; the operator ships only
/// `mhc`/`mhcs`), the MachineDeployment from the operator's last manifest for it, and a Cluster schema after the
/// `clusters.machine.openshift.io` kind the operator once served.
public enum MachineAPIDefinitions {
    /// Every definition, in the order the installer creates them.
    public static var all: [JSON] {
        [machines, machineSets, machineDeployments, machineHealthChecks, clusters]
    }

    /// `machines.machine.openshift.io`.
    public static var machines: JSON {
        definition(
            .machines, singular: "machine", shortNames: ["ma"], schema: parse(machineSchemaText),
            scale: false,
            columns: [
                column("Phase", "string", ".status.phase", "Phase of machine"),
                column("Type", "string", #".metadata.labels['machine\.openshift\.io/instance-type']"#, "Type of instance"),
                column(
                    "Region", "string", #".metadata.labels['machine\.openshift\.io/region']"#,
                    "Region associated with machine"),
                column("Zone", "string", #".metadata.labels['machine\.openshift\.io/zone']"#, "Zone associated with machine"),
                column("Age", "date", ".metadata.creationTimestamp", "Machine age"),
                column("Node", "string", ".status.nodeRef.name", "Node associated with machine", priority: 1),
                column(
                    "ProviderID", "string", ".spec.providerID", "Provider ID of machine created in cloud provider",
                    priority: 1),
                column(
                    "State", "string", #".metadata.annotations['machine\.openshift\.io/instance-state']"#,
                    "State of instance", priority: 1),
            ])
    }

    /// `machinesets.machine.openshift.io`, with the scale subresource.
    public static var machineSets: JSON {
        definition(
            .machineSets, singular: "machineset", shortNames: ["ms"], schema: machineSetSchema, scale: true,
            columns: [
                column("Desired", "integer", ".spec.replicas", "Desired Replicas"),
                column("Current", "integer", ".status.replicas", "Current Replicas"),
                column("Ready", "integer", ".status.readyReplicas", "Ready Replicas"),
                // The operator declares this column a string; kept so that tables read as on OpenShift.
                column("Available", "string", ".status.availableReplicas", "Observed number of available replicas"),
                column("Age", "date", ".metadata.creationTimestamp", "Machineset age"),
            ])
    }

    /// `machinedeployments.machine.openshift.io`, with the scale subresource.
    public static var machineDeployments: JSON {
        definition(
            .machineDeployments, singular: "machinedeployment", shortNames: ["md"], schema: machineDeploymentSchema,
            scale: true,
            columns: [
                column("Desired", "integer", ".spec.replicas", "Desired Replicas"),
                column("Current", "integer", ".status.replicas", "Current Replicas"),
                column("Ready", "integer", ".status.readyReplicas", "Ready Replicas"),
                column("Updated", "integer", ".status.updatedReplicas", "Replicas with the current template"),
                column("Available", "integer", ".status.availableReplicas", "Available Replicas"),
                column("Age", "date", ".metadata.creationTimestamp", "MachineDeployment age"),
            ])
    }

    /// `machinehealthchecks.machine.openshift.io`.
    public static var machineHealthChecks: JSON {
        definition(
            .machineHealthChecks, singular: "machinehealthcheck", shortNames: ["mhc", "mhcs"],
            schema: parse(machineHealthCheckSchemaText), scale: false,
            columns: [
                column("MaxUnhealthy", "string", ".spec.maxUnhealthy", "Maximum number of unhealthy machines allowed"),
                column("ExpectedMachines", "integer", ".status.expectedMachines", "Number of machines currently monitored"),
                column("CurrentHealthy", "integer", ".status.currentHealthy", "Current observed healthy machines"),
            ])
    }

    /// `clusters.machine.openshift.io` (kind Cluster).
    public static var clusters: JSON {
        definition(
            .machineClusters, singular: "cluster", shortNames: [], schema: clusterSchema, scale: false,
            columns: [column("Age", "date", ".metadata.creationTimestamp", "Cluster age")])
    }

    /// The CRD's name, `<plural>.machine.openshift.io`.
    public static func name(of resource: APIResource) -> String { "\(resource.resource).\(resource.group)" }

    // MARK: Building

    private static func definition(
        _ resource: APIResource, singular: String, shortNames: [String], schema: JSON, scale: Bool, columns: [JSON]
    ) -> JSON {
        var subresources: JSONObject = ["status": .object([:])]
        if scale {
            subresources["scale"] = [
                "specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas",
                "labelSelectorPath": ".status.labelSelector",
            ]
        }
        var names: JSONObject = [
            "kind": .string(resource.kind), "listKind": .string("\(resource.kind)List"),
            "plural": .string(resource.resource), "singular": .string(singular),
        ]
        if !shortNames.isEmpty { names["shortNames"] = .array(shortNames.map(JSON.string)) }
        let version: JSON = [
            "name": .string(resource.version), "served": true, "storage": true,
            "schema": ["openAPIV3Schema": schema],
            "subresources": .object(subresources),
            "additionalPrinterColumns": .array(columns),
        ]
        return [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": [
                "name": .string(name(of: resource)),
                "annotations": ["capability.openshift.io/name": "MachineAPI"],
            ],
            "spec": [
                "group": .string(resource.group), "scope": resource.namespaced ? "Namespaced" : "Cluster",
                "names": .object(names), "versions": [version],
            ],
        ]
    }

    private static func column(
        _ name: String, _ type: String, _ jsonPath: String, _ description: String, priority: Int64 = 0
    ) -> JSON {
        var column: JSONObject = [
            "name": .string(name), "type": .string(type), "jsonPath": .string(jsonPath),
            "description": .string(description),
        ]
        if priority != 0 { column["priority"] = .int(priority) }
        return .object(column)
    }

    /// A schema from its JSON text; the texts are constants, checked by the tests, so a failure is a bug here.
    static func parse(_ text: String) -> JSON {
        do { return try JSON(parsing: text) } catch { fatalError("Machine API schema text is not JSON: \(error)") }
    }

    // MARK: Composed schemas

    /// The MachineSet's schema, its `spec.template.spec` being the Machine's `spec` with the template's description.
    static var machineSetSchema: JSON {
        var schema = parse(machineSetSchemaText)
        let path = ["properties", "spec", "properties", "template", "properties", "spec"]
        var spec = parse(machineSchemaText)[path: ["properties", "spec"]] ?? [:]
        spec["description"] = schema[path: path + ["description"]]
        schema[path: path] = spec
        return schema
    }

    /// The MachineDeployment's own fields plus the MachineSet's `selector` and `template`, which a deployment
    /// stamps onto the sets it creates; both required, as the operator had them.
    static var machineDeploymentSchema: JSON {
        var schema = parse(machineDeploymentSchemaText)
        let machineSetSpec = machineSetSchema[path: ["properties", "spec", "properties"]]
        for field in ["selector", "template"] {
            schema[path: ["properties", "spec", "properties", field]] = machineSetSpec?[field]
        }
        schema[path: ["properties", "spec", "required"]] = ["selector", "template"]
        let common = parse(machineSchemaText)
        for field in ["apiVersion", "kind", "metadata"] {
            schema[path: ["properties", field]] = common[path: ["properties", field]]
        }
        return schema
    }

    /// The Cluster kind of the operator's early releases (Cluster API v1alpha1's, moved to `machine.openshift.io`):
    /// networking, the provider's spec and the API endpoints it reports.
    static var clusterSchema: JSON {
        let common = parse(machineSchemaText)
        let providerSpec = common[path: ["properties", "spec", "properties", "providerSpec"]] ?? [:]
        let cidrBlocks: JSON = [
            "type": "object", "required": ["cidrBlocks"],
            "properties": ["cidrBlocks": ["type": "array", "items": ["type": "string"]]],
        ]
        let preserved: JSON = ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
        return [
            "description": "Cluster is the Schema for the clusters API: the cluster the machines belong to.",
            "type": "object",
            "properties": [
                "apiVersion": common[path: ["properties", "apiVersion"]] ?? ["type": "string"],
                "kind": common[path: ["properties", "kind"]] ?? ["type": "string"],
                "metadata": ["type": "object"],
                "spec": [
                    "description": "ClusterSpec defines the desired state of Cluster.",
                    "type": "object",
                    "properties": [
                        "clusterNetwork": [
                            "description": "Cluster network configuration.",
                            "type": "object",
                            "required": ["services", "pods", "serviceDomain"],
                            "properties": [
                                "services": cidrBlocks, "pods": cidrBlocks, "serviceDomain": ["type": "string"],
                            ],
                        ],
                        "providerSpec": providerSpec,
                    ],
                ],
                "status": [
                    "description": "ClusterStatus defines the observed state of Cluster.",
                    "type": "object",
                    "properties": [
                        "apiEndpoints": [
                            "description": "The endpoints at which the cluster's API server can be reached.",
                            "type": "array",
                            "items": [
                                "type": "object", "required": ["host", "port"],
                                "properties": ["host": ["type": "string"], "port": ["type": "integer"]],
                            ],
                        ],
                        "providerStatus": preserved,
                        "errorReason": ["type": "string"],
                        "errorMessage": ["type": "string"],
                    ],
                ],
            ],
        ]
    }
}
