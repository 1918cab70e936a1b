import HollowModel
import HollowPKI
import HollowResources
import HollowStore
import Hummingbird

extension APIServer {
    // MARK: scale

    /// GET `/scale`: an autoscaling/v1 `Scale` read from the resource's replica paths.
    func getScale(_ r: ResourceRequest, name: String) async throws -> Response {
        guard let stored = try await store.get(r.key(name)) else { throw r.notFound(name) }
        return Self.jsonResponse(.ok, scaleObject(try stored.decode(), r.definition, revision: stored.revision).serialized())
    }

    /// PUT or PATCH `/scale`: changes only the spec replicas.
    func updateScale(_ r: ResourceRequest, name: String) async throws -> Response {
        guard let scale = r.definition.scale else { throw APIError.methodNotAllowed }
        let body = try await readBody(r)
        let input: JSON
        do { input = try JSON(parsing: body) } catch {
            throw APIError.badRequest("the request body could not be decoded: \(error)")
        }
        let specPath = Self.jsonPath(scale.specReplicasPath)
        let stored = try await guaranteedUpdate(r, name: name, expectedRevision: nil, statusOnly: false) { current in
            let currentScale = scaleObject(current, r.definition, revision: nil)
            var desired: JSON
            if r.request.method == .patch {
                let mediaType = r.request.headers[.contentType].flatMap { MediaRange.parse($0)?.mediaType } ?? ""
                switch mediaType {
                case "application/json-patch+json":
                    do throws(JSONPatchError) { desired = try currentScale.applyingJSONPatch(input) } catch { throw error.apiError }
                case "application/merge-patch+json", "application/strategic-merge-patch+json":
                    desired = currentScale.applyingMergePatch(input)
                default: throw APIError.unsupportedMediaType(mediaType, supported: Self.patchTypes)
                }
            } else {
                desired = input
            }
            guard let replicas = desired[path: ["spec", "replicas"]]?.intValue else {
                throw APIError.invalid(group: "autoscaling", kind: "Scale", name: name, errors: [.required("spec.replicas")])
            }
            guard replicas >= 0 else {
                throw APIError.invalid(group: "autoscaling", kind: "Scale", name: name,
                    errors: [.invalid("spec.replicas", .int(replicas), "must be greater than or equal to 0")])
            }
            var updated = current
            updated[path: specPath] = .int(replicas)
            return updated
        }
        return Self.jsonResponse(.ok, scaleObject(try stored.decode(), r.definition, revision: stored.revision).serialized())
    }

    func scaleObject(_ object: JSON, _ definition: ResourceDefinition, revision: Int64?) -> JSON {
        guard let scale = definition.scale else { return .null }
        var metadata = JSONObject()
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            if let value = object[path: ["metadata", key]] { metadata[key] = value }
        }
        if let revision { metadata["resourceVersion"] = .string(String(revision)) }
        var status: JSONObject = ["replicas": .int(object[path: Self.jsonPath(scale.statusReplicasPath)]?.intValue ?? 0)]
        if let selector = scale.selector(of: object) {
            status["selector"] = .string(selector)
        }
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": .object(metadata),
            "spec": ["replicas": .int(object[path: Self.jsonPath(scale.specReplicasPath)]?.intValue ?? 0)],
            "status": .object(status),
        ]
    }

    /// `.spec.replicas` → `["spec", "replicas"]`.
    static func jsonPath(_ path: String) -> [String] {
        path.split(separator: ".").map(String.init)
    }

    // MARK: pods/binding and pods/eviction

    /// POST `pods/NAME/binding`: assigns an unassigned pod to a node, as kube's `BindingREST`: a storage-level
    /// update (no `managedFields` entry for the binder), checked against the Binding's `metadata.uid` and
    /// `metadata.resourceVersion` when it carries them, that sets `spec.nodeName`, merges the Binding's annotations
    /// into the pod's and sets `PodScheduled=True`.
    func bind(_ r: ResourceRequest, name: String) async throws -> Response {
        let binding = try await decodeObject(r, expectedKind: "Binding", expectedAPIVersion: "v1")
        if let bindingName = binding[path: ["metadata", "name"]]?.stringValue, !bindingName.isEmpty, bindingName != name {
            throw APIError.badRequest("the name of the object (\(bindingName)) does not match the name on the URL (\(name))")
        }
        guard let node = binding[path: ["target", "name"]]?.stringValue, !node.isEmpty else {
            throw APIError.invalid(group: "", kind: "Binding", name: name, errors: [.required("target.name")])
        }
        let preconditionUID = binding[path: ["metadata", "uid"]]?.stringValue ?? ""
        let preconditionRevision = binding[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        let annotations = binding[path: ["metadata", "annotations"]]?.objectValue
        func conflict(_ message: String) -> APIError {
            APIError.conflict(group: "", resource: "pods/binding", name: name, message)
        }
        _ = try await guaranteedUpdate(r.definition, key: r.key(name), now: r.now, dryRun: r.isDryRun, applyStrategy: false) {
            pod in
            let uid = pod[path: ["metadata", "uid"]]?.stringValue ?? ""
            if !preconditionUID.isEmpty, preconditionUID != uid {
                throw conflict("Precondition failed: UID in precondition: \(preconditionUID), UID in object meta: \(uid)")
            }
            let revision = pod[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
            if !preconditionRevision.isEmpty, preconditionRevision != revision {
                throw conflict(
                    "Precondition failed: ResourceVersion in precondition: \(preconditionRevision), "
                        + "ResourceVersion in object meta: \(revision)")
            }
            if let assigned = pod[path: ["spec", "nodeName"]]?.stringValue, !assigned.isEmpty {
                throw conflict("pod \(name) is already assigned to node \"\(assigned)\"")
            }
            if pod[path: ["metadata", "deletionTimestamp"]] != nil {
                throw conflict("pod \(name) is being deleted, cannot be assigned to a host")
            }
            var bound = pod
            bound[path: ["spec", "nodeName"]] = .string(node)
            if let annotations, !annotations.isEmpty {
                var merged = bound[path: ["metadata", "annotations"]]?.objectValue ?? [:]
                for member in annotations { merged[member.key] = member.value }
                bound[path: ["metadata", "annotations"]] = .object(merged)
            }
            Self.setCondition(&bound, type: "PodScheduled", status: "True", now: r.now)
            return bound
        }
        return Self.jsonResponse(.created, successStatus().serialized())
    }

    /// Sets the pod's condition `type` to `status` alone, as kube's binding does with `podutil.UpdatePodCondition`
    /// (``Pod/updatingCondition(_:in:now:)``).
    static func setCondition(_ pod: inout JSON, type: String, status: String, now: Double) {
        let condition: JSON = ["type": .string(type), "status": .string(status), "lastProbeTime": nil]
        let conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        if let updated = Pod.updatingCondition(condition, in: conditions, now: Timestamp(seconds: now)) {
            pod[path: ["status", "conditions"]] = .array(updated)
        }
    }

    /// POST `pods/NAME/eviction`: deletes the pod as an eviction would (no disruption budgets are served yet).
    func evict(_ r: ResourceRequest, name: String) async throws -> Response {
        let eviction = try await decodeEviction(r)
        var options = DeleteOptions()
        options.gracePeriodSeconds = eviction[path: ["deleteOptions", "gracePeriodSeconds"]]?.intValue
        options.preconditionUID = eviction[path: ["deleteOptions", "preconditions", "uid"]]?.stringValue
        options.dryRun = r.isDryRun
        _ = try await performDelete(r.definition, key: r.key(name), options: options, now: r.now)
        return Self.jsonResponse(.created, successStatus().serialized())
    }

    private func decodeEviction(_ r: ResourceRequest) async throws -> JSON {
        let body = try await readBody(r)
        let json: JSON
        do { json = try JSON(parsing: body) } catch {
            throw APIError.badRequest("the request body could not be decoded: \(error)")
        }
        guard json["kind"]?.stringValue == "Eviction",
            ["policy/v1", "policy/v1beta1"].contains(json["apiVersion"]?.stringValue ?? "")
        else {
            throw APIError.badRequest("expected an Eviction in policy/v1")
        }
        return json
    }

    private func successStatus() -> JSON {
        ["kind": "Status", "apiVersion": "v1", "metadata": .object([:]), "status": "Success", "code": 201]
    }

    // MARK: serviceaccounts/token

    /// POST `serviceaccounts/NAME/token`: a TokenRequest answered with a signed token for the account.
    func requestToken(_ r: ResourceRequest, name: String) async throws -> Response {
        var request = try await decodeObject(r, expectedKind: "TokenRequest", expectedAPIVersion: "authentication.k8s.io/v1")
        guard let tokens = serviceAccountTokens else {
            throw APIError.serviceUnavailable("this server issues no service account tokens")
        }
        guard let account = try await store.get(r.key(name)) else { throw r.notFound(name) }
        let uid = (try account.decode())[path: ["metadata", "uid"]]?.stringValue ?? ""
        let lifetime = request[path: ["spec", "expirationSeconds"]]?.intValue ?? 3600
        guard lifetime >= 600 else {
            throw APIError.invalid(
                group: "authentication.k8s.io", kind: "TokenRequest", name: name,
                errors: [.invalid("spec.expirationSeconds", .int(lifetime), "may not specify a duration less than 10 minutes")])
        }
        var audiences = (request[path: ["spec", "audiences"]]?.arrayValue ?? []).compactMap(\.stringValue)
        if audiences.isEmpty { audiences = [ServiceAccountTokens.issuer] }
        let issuedAt = Int64(r.now)
        let token = tokens.issue(
            namespace: r.namespace ?? "", name: name, uid: uid, audiences: audiences, now: issuedAt, lifetime: lifetime)
        request[path: ["metadata", "name"]] = .string(name)
        request[path: ["metadata", "namespace"]] = .string(r.namespace ?? "")
        request[path: ["metadata", "creationTimestamp"]] = .string(Timestamp(seconds: r.now).rfc3339)
        request[path: ["spec", "audiences"]] = .array(audiences.map { .string($0) })
        request[path: ["spec", "expirationSeconds"]] = .int(lifetime)
        request["status"] = [
            "token": .string(token),
            "expirationTimestamp": .string(Timestamp(seconds: Double(issuedAt + lifetime)).rfc3339),
        ]
        return Self.jsonResponse(.created, request.serialized())
    }

    // MARK: namespaces/finalize

    /// PUT `namespaces/NAME/finalize`: sets `spec.finalizers`; a terminating namespace with none left is deleted.
    func finalizeNamespace(_ r: ResourceRequest, name: String) async throws -> Response {
        let body = try await decodeObject(r)
        let finalizers = body[path: ["spec", "finalizers"]] ?? .array([])
        let stored = try await guaranteedUpdate(r, name: name, expectedRevision: nil, statusOnly: false, applyStrategy: false) { namespace in
            var updated = namespace
            updated[path: ["spec", "finalizers"]] = finalizers
            return updated
        }
        let object = try stored.decode()
        if object[path: ["metadata", "deletionTimestamp"]] != nil,
            (object[path: ["spec", "finalizers"]]?.arrayValue ?? []).isEmpty,
            (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty
        {
            _ = try? await store.delete(stored.key, expectedRevision: stored.revision)
        }
        return try objectResponse(.ok, stored, r)
    }

    // MARK: service accounts

    /// Creates the `default` service account of a namespace if it is missing.
    func ensureDefaultServiceAccount(namespace: String) async throws {
        let key = StorageKey(resource: GroupResource(group: "", resource: "serviceaccounts"), namespace: namespace, name: "default")
        if try await store.get(key) != nil { return }
        var account: JSON = ["kind": "ServiceAccount", "apiVersion": "v1", "metadata": ["name": "default", "namespace": .string(namespace)]]
        let definition = BuiltinResources.serviceAccounts
        ObjectMetaRules.prepareForCreate(&account, definition: definition, namespace: namespace, name: "default", uid: UID.random(), now: now())
        do {
            _ = try await store.create(key, ObjectWrite(object: account, index: storeIndex(account, definition)))
        } catch {
            if case .alreadyExists = error.code { return }
            throw error
        }
    }
}
