import HollowModel
import HollowResources
import HollowStore
import Logging
import ServiceLifecycle
import Synchronization

/// The `customresourcedefinitions` resource itself (apiextensions.k8s.io/v1).
public enum CustomResourceDefinitionResource {
    /// Added to every CRD so that its custom resources are deleted before it goes (apiextensions-apiserver's
    /// finalizer).
    static let cleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io"

    public static let definition = ResourceDefinition(
        group: "apiextensions.k8s.io", version: "v1", kind: "CustomResourceDefinition",
        plural: "customresourcedefinitions", namespaced: false, shortNames: ["crd", "crds"],
        categories: ["api-extensions"], subresources: [.status],
        columns: [
            .name,
            TableColumn("Created At", type: "date", description: "When the definition was created.") { crd, _ in
                .string(crd[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "")
            },
        ],
        strategy: ResourceStrategy(
            prepareForCreate: { crd, context in
                applyCustomResourceDefinitionDefaults(&crd)
                var finalizers = crd[path: ["metadata", "finalizers"]]?.arrayValue ?? []
                if !finalizers.contains(.string(cleanupFinalizer)) { finalizers.append(.string(cleanupFinalizer)) }
                crd[path: ["metadata", "finalizers"]] = .array(finalizers)
                crd["status"] = crdStatus(crd, now: context.now)
            },
            prepareForUpdate: { crd, _, _ in applyCustomResourceDefinitionDefaults(&crd) },
            validate: { crd in
                var errors = validateCustomResourceDefinition(crd, includeObjectMeta: false)
                if errors.isEmpty {
                    do throws(CustomResourceDefinitionError) { _ = try customResourceVersions(fromCRD: crd) } catch {
                        errors += error.causes.isEmpty ? [.invalid("spec", .null, error.message)] : error.causes
                    }
                }
                return errors
            },
            validateUpdate: { crd, old in validateCustomResourceDefinitionUpdate(crd, old: old, includeObjectMeta: false) }
        ),
        tracksGeneration: true
    )
}

/// Serves what CustomResourceDefinitions define: registers each served version's resource as its CRD appears or
/// changes (discovery and OpenAPI follow the registry), writes the CRD's status conditions, and on deletion
/// removes every custom resource of the CRD before letting it go.
public struct CustomResourceController: Service {
    let server: APIServer

    public init(server: APIServer) {
        self.server = server
    }

    static let resource = CustomResourceDefinitionResource.definition.groupResource

    public func run() async throws {
        let stream = try server.store.watch(ObjectFilter(resource: Self.resource), after: nil)
        for try await item in stream.cancelOnGracefulShutdown() {
            guard case .event(let type, let object) = item else { continue }
            do {
                try await reconcile(type, object)
            } catch {
                server.logger.warning("custom resource definition not reconciled", metadata: ["crd": "\(object.key.name)", "error": "\(error)"])
            }
        }
    }

    /// Registers the stored CRDs' resources, for a server that is about to serve.
    public func load() async throws {
        let page = try await server.store.list(ObjectFilter(resource: Self.resource), limit: nil, continueAfter: nil)
        for item in page.items { try await reconcile(.added, item) }
    }

    func reconcile(_ type: WatchEventType, _ object: StoredObject) async throws {
        let crd = try object.decode()
        if type == .deleted {
            server.customResources.unregister(crd: object.key.name, registry: server.registry)
            return
        }
        if crd[path: ["metadata", "deletionTimestamp"]] != nil {
            try await cleanUp(crd, key: object.key)
            return
        }
        let versions: [CustomResourceVersion]
        do { versions = try customResourceVersions(fromCRD: crd) } catch {
            server.logger.warning("custom resource definition cannot be served", metadata: ["crd": "\(object.key.name)", "error": "\(error)"])
            return
        }
        server.customResources.register(crd: object.key.name, versions: versions, registry: server.registry)
        let others = try await server.store.list(ObjectFilter(resource: Self.resource), limit: nil, continueAfter: nil).items
            .filter { $0.key != object.key }.compactMap { try? $0.decode() }
        let status = crdStatus(crd, otherCRDs: others, now: server.now())
        if !Self.sameStatus(status, crd["status"]) {
            _ = try await server.guaranteedUpdate(
                CustomResourceDefinitionResource.definition, key: object.key, now: server.now(), statusOnly: true
            ) { current in
                var updated = current
                updated["status"] = crdStatus(current, otherCRDs: others, now: server.now())
                return updated
            }
        }
    }

    /// Conditions compared without their transition times, so a status is rewritten only when it changes.
    static func sameStatus(_ a: JSON, _ b: JSON?) -> Bool {
        func normalized(_ status: JSON?) -> JSON? {
            guard var status else { return nil }
            if let conditions = status["conditions"]?.arrayValue {
                status["conditions"] = .array(conditions.map { condition in
                    var condition = condition
                    condition["lastTransitionTime"] = nil
                    return condition
                })
            }
            return status
        }
        return normalized(a) == normalized(b)
    }

    private func cleanUp(_ crd: JSON, key: StorageKey) async throws {
        let group = crd[path: ["spec", "group"]]?.stringValue ?? ""
        let plural = crd[path: ["spec", "names", "plural"]]?.stringValue ?? ""
        let resource = GroupResource(group: group, resource: plural)
        if let definition = server.registry.all.first(where: { $0.groupResource == resource }) {
            let page = try await server.store.list(ObjectFilter(resource: resource), limit: nil, continueAfter: nil)
            for item in page.items {
                _ = try? await server.performDelete(definition, key: item.key, options: DeleteOptions(), now: server.now())
            }
            if try await !server.store.list(ObjectFilter(resource: resource), limit: 1, continueAfter: nil).items.isEmpty {
                return  // objects with finalizers of their own: try again on the next event
            }
        }
        server.customResources.unregister(crd: key.name, registry: server.registry)
        _ = try await server.guaranteedUpdate(
            CustomResourceDefinitionResource.definition, key: key, now: server.now(), applyStrategy: false
        ) { current in
            var updated = current
            let finalizers = (current[path: ["metadata", "finalizers"]]?.arrayValue ?? []).filter {
                $0.stringValue != CustomResourceDefinitionResource.cleanupFinalizer
            }
            updated[path: ["metadata", "finalizers"]] = finalizers.isEmpty ? nil : .array(finalizers)
            return updated
        }
    }
}

/// The custom resource versions being served, by CRD, with their structural schemas.
public final class CustomResourceVersions: Sendable {
    private let versionsByCRD = Mutex<[String: [CustomResourceVersion]]>([:])

    public init() {}

    func register(crd: String, versions: [CustomResourceVersion], registry: ResourceRegistry) {
        let previous = versionsByCRD.withLock { state in
            defer { state[crd] = versions }
            return state[crd] ?? []
        }
        for old in previous where !versions.contains(where: { $0.definition.version == old.definition.version && $0.definition.plural == old.definition.plural && $0.definition.group == old.definition.group }) {
            registry.unregister(group: old.definition.group, version: old.definition.version, plural: old.definition.plural)
        }
        for version in versions { registry.register(version.definition) }
    }

    func unregister(crd: String, registry: ResourceRegistry) {
        let previous = versionsByCRD.withLock { $0.removeValue(forKey: crd) } ?? []
        for old in previous {
            registry.unregister(group: old.definition.group, version: old.definition.version, plural: old.definition.plural)
        }
    }

    /// The `apiVersion` objects of a custom resource are stored in (its storage version), when the CRD serves more
    /// than one version; `nil` otherwise (nothing to convert).
    func storageAPIVersion(for definition: ResourceDefinition) -> String? {
        versionsByCRD.withLock { state in
            for versions in state.values where versions.count > 1 {
                guard versions.contains(where: { $0.definition.group == definition.group && $0.definition.plural == definition.plural })
                else { continue }
                return versions.first(where: \.isStorageVersion)?.definition.apiVersion
            }
            return nil
        }
    }

    /// The served version behind a definition, if it is a custom resource.
    func version(for definition: ResourceDefinition) -> CustomResourceVersion? {
        versionsByCRD.withLock { state in
            for versions in state.values {
                for version in versions
                where version.definition.group == definition.group && version.definition.version == definition.version
                    && version.definition.plural == definition.plural
                {
                    return version
                }
            }
            return nil
        }
    }
}
