import HollowModel

/// apps/v1 columns as kube-apiserver's printers (`pkg/printers/internalversion/printers.go`) make them.
enum AppsColumns {
    /// Deployments: NAME READY UP-TO-DATE AVAILABLE AGE, and CONTAINERS IMAGES SELECTOR with `-o wide`.
    static let deployment: [TableColumn] = [
        .name,
        TableColumn("Ready", description: "Number of the pod with ready state") { deployment, _ in
            let ready = deployment[path: ["status", "readyReplicas"]]?.intValue ?? 0
            let desired = deployment[path: ["spec", "replicas"]]?.intValue ?? 0
            return .string("\(ready)/\(desired)")
        },
        TableColumn("Up-to-date", description: "Pods targeted by this deployment that have the desired template.") {
            deployment, _ in .int(deployment[path: ["status", "updatedReplicas"]]?.intValue ?? 0)
        },
        TableColumn("Available", description: "Pods targeted by this deployment ready for minReadySeconds.") {
            deployment, _ in .int(deployment[path: ["status", "availableReplicas"]]?.intValue ?? 0)
        },
        .age,
    ] + templateColumns(selectorDescription: "Label selector for the deployment's pods.", emptySelector: "")

    /// ReplicaSets: NAME DESIRED CURRENT READY AGE, and CONTAINERS IMAGES SELECTOR with `-o wide`.
    static let replicaSet: [TableColumn] = [
        .name,
        TableColumn("Desired", type: "integer", description: "The number of desired replicas.") { replicaSet, _ in
            .int(replicaSet[path: ["spec", "replicas"]]?.intValue ?? 0)
        },
        TableColumn("Current", type: "integer", description: "The most recently observed number of replicas.") {
            replicaSet, _ in .int(replicaSet[path: ["status", "replicas"]]?.intValue ?? 0)
        },
        TableColumn("Ready", type: "integer", description: "Pods targeted by this ReplicaSet with a Ready condition.") {
            replicaSet, _ in .int(replicaSet[path: ["status", "readyReplicas"]]?.intValue ?? 0)
        },
        .age,
    ] + templateColumns(selectorDescription: "Label selector for the replica set's pods.", emptySelector: "<none>")

    /// DaemonSets: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE, and CONTAINERS IMAGES
    /// SELECTOR with `-o wide`.
    static let daemonSet: [TableColumn] = [
        .name,
        count("Desired", "desiredNumberScheduled", "Nodes that should run the daemon pod."),
        count("Current", "currentNumberScheduled", "Nodes running the daemon pod that should."),
        count("Ready", "numberReady", "Nodes whose daemon pod has a Ready condition."),
        count("Up-to-date", "updatedNumberScheduled", "Nodes running the updated daemon pod."),
        count("Available", "numberAvailable", "Nodes whose daemon pod is available."),
        TableColumn("Node Selector", description: "Labels a node must have for the pod to run there.") { daemonSet, _ in
            .string(formatLabels(daemonSet[path: ["spec", "template", "spec", "nodeSelector"]]))
        },
        .age,
    ] + templateColumns(selectorDescription: "Label selector for the daemon set's pods.", emptySelector: "<none>")

    /// ControllerRevisions: NAME CONTROLLER REVISION AGE.
    static let controllerRevision: [TableColumn] = [
        .name,
        TableColumn("Controller", description: "Controller of the object") { revision, _ in
            .string(controllerName(revision))
        },
        TableColumn("Revision", description: "Revision indicates the revision of the state represented by Data.") {
            revision, _ in .int(revision["revision"]?.intValue ?? 0)
        },
        .age,
    ]

    private static func count(_ name: String, _ field: String, _ description: String) -> TableColumn {
        TableColumn(name, type: "integer", description: description) { daemonSet, _ in
            .int(daemonSet[path: ["status", field]]?.intValue ?? 0)
        }
    }

    /// CONTAINERS, IMAGES and SELECTOR (`layoutContainerCells`): a deployment prints an empty selector as "",
    /// the others (`metav1.FormatLabelSelector`) as `<none>`.
    private static func templateColumns(selectorDescription: String, emptySelector: String) -> [TableColumn] {
        [
            TableColumn("Containers", description: "Names of each container in the template.", priority: 1) {
                object, _ in .string(containers(object).map { $0["name"]?.stringValue ?? "" }.joined(separator: ","))
            },
            TableColumn("Images", description: "Images referenced by each container in the template.", priority: 1) {
                object, _ in .string(containers(object).map { $0["image"]?.stringValue ?? "" }.joined(separator: ","))
            },
            TableColumn("Selector", description: selectorDescription, priority: 1) { object, _ in
                guard let selector = try? LabelSelector(labelSelector: object[path: ["spec", "selector"]]) else {
                    return "<error>"
                }
                let text = selector.description
                return .string(text.isEmpty ? emptySelector : text)
            },
        ]
    }

    private static func containers(_ object: JSON) -> [JSON] {
        object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
    }

    /// `labels.FormatLabels`: `k=v` pairs sorted by key, `<none>` when there are none.
    static func formatLabels(_ json: JSON?) -> String {
        let pairs = (json?.objectValue ?? [:]).members
            .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { "\($0.key)=\($0.value.stringValue ?? "")" }
        return pairs.isEmpty ? "<none>" : pairs.joined(separator: ",")
    }

    /// The controlling owner as `kind.group/name` (`daemonset.apps/web`), `<none>` without one.
    static func controllerName(_ object: JSON) -> String {
        let owners = object[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
        guard let owner = owners.first(where: { $0["controller"]?.boolValue == true }) else { return "<none>" }
        let apiVersion = owner["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let kind = owner["kind"]?.stringValue ?? ""
        let groupKind = group.isEmpty ? kind : "\(kind).\(group)"
        return "\(groupKind.lowercased())/\(owner["name"]?.stringValue ?? "")"
    }
}
