import HollowModel
import HollowResources
import HollowStore

extension APIServer {
    /// Creates what every cluster has from its first start: the `default`, `kube-system`, `kube-public` and
    /// `kube-node-lease` namespaces with their `default` service accounts, and the `kubernetes` service.
    /// Idempotent: on a later start it only fills in what is missing.
    public func bootstrap(servicePort: Int) async throws {
        for name in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let namespace: JSON = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
            try await createIfMissing(BuiltinResources.namespaces, namespace, name: name, namespace: nil)
            try await ensureDefaultServiceAccount(namespace: name)
        }
        let service: JSON = [
            "apiVersion": "v1", "kind": "Service",
            "metadata": [
                "name": "kubernetes", "namespace": "default",
                "labels": ["component": "apiserver", "provider": "kubernetes"],
            ],
            "spec": [
                "type": "ClusterIP",
                "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": .int(Int64(servicePort))]],
            ],
        ]
        try await createIfMissing(BuiltinResources.services, service, name: "kubernetes", namespace: "default")
        // The default RBAC policy every cluster has: cluster-admin for system:masters, discovery for everyone.
        for role in RBACBootstrapPolicy.clusterRoles {
            guard let name = role[path: ["metadata", "name"]]?.stringValue else { continue }
            try await createIfMissing(RBACResources.clusterRoles, role, name: name, namespace: nil)
        }
        for binding in RBACBootstrapPolicy.clusterRoleBindings {
            guard let name = binding[path: ["metadata", "name"]]?.stringValue else { continue }
            try await createIfMissing(RBACResources.clusterRoleBindings, binding, name: name, namespace: nil)
        }
    }

    /// Creates an object through the same metadata rules as a POST, unless one with its name exists.
    func createIfMissing(_ definition: ResourceDefinition, _ object: JSON, name: String, namespace: String?) async throws {
        let key = StorageKey(resource: definition.groupResource, namespace: namespace ?? "", name: name)
        if try await store.get(key) != nil { return }
        var object = object
        ObjectMetaRules.prepareForCreate(&object, definition: definition, namespace: namespace, name: name, uid: UID.random(), now: now())
        documents.zeroValues.fill(&object, definition: definition)
        do {
            _ = try await store.create(key, ObjectWrite(object: object, index: storeIndex(object, definition)))
        } catch {
            if case .alreadyExists = error.code { return }
            throw error
        }
    }
}
