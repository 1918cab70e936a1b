import HollowClient
import HollowModel
import Logging

/// Installs the Machine API into a cluster: the `openshift-machine-api` namespace, the five CustomResourceDefinitions
/// (``MachineAPIDefinitions``) and the RBAC the Machine API controllers run with.
///
/// Idempotent, as `kubectl apply` is: each object is created when missing, updated when it differs from what Hollow
/// installs, and left alone otherwise; fields the server or others added are kept. Returns once every definition is
/// Established, so the Machine API can be used at once.
public enum MachineAPIInstaller {
    /// The ServiceAccount the controllers run as, in ``MachineAPI/namespace``.
    public static let serviceAccountName = "machine-api-controllers"
    /// The ClusterRole (and its ClusterRoleBinding) granting what the controllers need.
    public static let clusterRoleName = "hollow-machine-api-controllers"

    /// What installing did to one object, as `kubectl apply` reports it: `customresourcedefinition.apiextensions.k8s.io/machines.machine.openshift.io created`.
    public struct Applied: Sendable, Equatable, CustomStringConvertible {
        public enum Action: String, Sendable {
            case created, configured, unchanged
        }

        /// `resource.group/name`, kubectl's way of naming an object (`namespace/openshift-machine-api`).
        public var object: String
        public var action: Action

        public var description: String { "\(object) \(action.rawValue)" }
    }

    /// Installs or updates everything; `report` hears of each object as it is applied.
    ///
    /// - Throws: the server's ``APIError`` when a write is refused, or an ``MachineAPIInstallError`` when a
    ///   definition is not Established within `establishTimeout`.
    @discardableResult
    public static func install(
        _ client: KubernetesClient, logger: Logger, establishTimeout: Duration = .seconds(30),
        report: @Sendable (Applied) -> Void = { _ in }
    ) async throws -> [Applied] {
        var applied: [Applied] = []
        func apply(_ resource: APIResource, _ object: JSON) async throws {
            let result = try await applyObject(client.resource(resource), object, resource: resource)
            logger.info("machine-api: \(result)")
            report(result)
            applied.append(result)
        }
        try await apply(.namespaces, namespace)
        for definition in MachineAPIDefinitions.all {
            try await apply(.customResourceDefinitions, definition)
        }
        for definition in MachineAPIDefinitions.all {
            let name = definition[path: ["metadata", "name"]]?.stringValue ?? ""
            try await waitUntilEstablished(client, name: name, timeout: establishTimeout)
        }
        try await apply(.serviceAccounts, serviceAccount)
        try await apply(clusterRoles, clusterRole)
        try await apply(clusterRoleBindings, clusterRoleBinding)
        return applied
    }

    // MARK: Objects

    static let clusterRoles = APIResource(
        group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", kind: "ClusterRole",
        namespaced: false)
    static let clusterRoleBindings = APIResource(
        group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings",
        kind: "ClusterRoleBinding", namespaced: false)

    static var namespace: JSON {
        ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(MachineAPI.namespace)]]
    }

    static var serviceAccount: JSON {
        [
            "apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": ["name": .string(serviceAccountName), "namespace": .string(MachineAPI.namespace)],
        ]
    }

    /// What the machine, machineset, machinedeployment, nodelink and machinehealthcheck controllers and the
    /// kubemark provider read and write.
    static var clusterRole: JSON {
        let all: JSON = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"]
        let read: JSON = ["get", "list", "watch"]
        func rule(_ group: String, _ resources: [String], _ verbs: JSON) -> JSON {
            ["apiGroups": [.string(group)], "resources": .array(resources.map(JSON.string)), "verbs": verbs]
        }
        let kinds = ["machines", "machinesets", "machinedeployments", "machinehealthchecks", "clusters"]
        return [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
            "metadata": ["name": .string(clusterRoleName)],
            "rules": [
                rule(MachineAPI.group, kinds, all),
                rule(
                    MachineAPI.group,
                    kinds.map { "\($0)/status" } + ["machinesets/scale", "machinedeployments/scale"],
                    ["get", "update", "patch"]),
                rule("", ["nodes"], ["get", "list", "watch", "create", "update", "patch", "delete"]),
                rule("", ["nodes/status"], ["get", "update", "patch"]),
                rule("", ["pods"], ["get", "list", "watch", "delete"]),
                rule("", ["pods/eviction"], ["create"]),
                rule("", ["configmaps"], read),
                rule("", ["events"], ["create", "update", "patch"]),
                rule("events.k8s.io", ["events"], ["create", "update", "patch"]),
                rule("coordination.k8s.io", ["leases"], ["get", "list", "watch", "create", "update", "patch", "delete"]),
                rule("policy", ["poddisruptionbudgets"], read),
            ],
        ]
    }

    static var clusterRoleBinding: JSON {
        [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": ["name": .string(clusterRoleName)],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": .string(clusterRoleName)],
            "subjects": [
                [
                    "kind": "ServiceAccount", "name": .string(serviceAccountName),
                    "namespace": .string(MachineAPI.namespace),
                ]
            ],
        ]
    }

    // MARK: Applying

    /// Creates `desired`, or updates the object in place when some field of `desired` differs from it.
    private static func applyObject(
        _ objects: ResourceClient<Unstructured>, _ desired: JSON, resource: APIResource
    ) async throws -> Applied {
        let name = desired[path: ["metadata", "name"]]?.stringValue ?? ""
        let namespace = desired[path: ["metadata", "namespace"]]?.stringValue
        let label = "\(resource.group.isEmpty ? resource.kind.lowercased() : "\(resource.kind.lowercased()).\(resource.group)")/\(name)"
        // A create that loses a race, or an update that meets a concurrent writer, starts over from a fresh read.
        for _ in 0..<5 {
            let current: Unstructured
            do {
                current = try await objects.get(name, namespace: namespace)
            } catch let error as APIError where error.isNotFound {
                do {
                    _ = try await objects.create(Unstructured(desired), namespace: namespace)
                    return Applied(object: label, action: .created)
                } catch let error as APIError where error.isAlreadyExists {
                    continue
                }
            }
            guard let updated = merged(desired, into: current.object) else {
                return Applied(object: label, action: .unchanged)
            }
            do {
                _ = try await objects.update(Unstructured(updated), namespace: namespace)
                return Applied(object: label, action: .configured)
            } catch let error as APIError where error.isConflict || error.isNotFound {
                continue
            }
        }
        throw MachineAPIInstallError("\(label) kept changing under the installer; try again")
    }

    /// `current` with `desired`'s top-level fields (other than metadata) and its labels and annotations put in, or
    /// `nil` when `current` already holds all of `desired`.
    static func merged(_ desired: JSON, into current: JSON) -> JSON? {
        guard !contains(current, desired) else { return nil }
        var updated = current
        for member in desired.objectValue ?? [:] where member.key != "metadata" {
            updated[member.key] = member.value
        }
        for field in ["labels", "annotations"] {
            for member in desired[path: ["metadata", field]]?.objectValue ?? [:] {
                updated[path: ["metadata", field, member.key]] = member.value
            }
        }
        return updated
    }

    /// Whether every field of `part` is in `whole` with the same value; members the server defaulted into `whole`
    /// (objects' extra keys, also inside list items) do not count as differences.
    static func contains(_ whole: JSON, _ part: JSON) -> Bool {
        switch (whole, part) {
        case (.object(let whole), .object(let part)):
            return part.allSatisfy { member in whole[member.key].map { contains($0, member.value) } ?? false }
        case (.array(let whole), .array(let part)):
            return whole.count == part.count && zip(whole, part).allSatisfy { contains($0, $1) }
        default:
            return whole == part || (whole.doubleValue != nil && whole.doubleValue == part.doubleValue)
        }
    }

    /// Polls the definition `name` until its `Established` condition is True.
    private static func waitUntilEstablished(_ client: KubernetesClient, name: String, timeout: Duration) async throws {
        let definitions = client.resource(.customResourceDefinitions)
        let deadline = ContinuousClock.now + timeout
        while true {
            let definition = try await definitions.get(name)
            let conditions = definition.object[path: ["status", "conditions"]]?.arrayValue ?? []
            if conditions.contains(where: { $0["type"] == "Established" && $0["status"] == "True" }) { return }
            guard ContinuousClock.now < deadline else {
                throw MachineAPIInstallError("customresourcedefinition \(name) was not Established within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// The Machine API could not be installed, for a reason other than a refused write (which is an ``APIError``).
public struct MachineAPIInstallError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
