import HollowModel
import HollowResources
import HollowStore
import Hummingbird

extension APIServer {
    /// POST: create an object (201), honouring `generateName` and `dryRun=All`.
    func create(_ r: ResourceRequest) async throws -> Response {
        if AccessReviews.resources.contains(r.definition.plural) || r.definition.plural == "tokenreviews" {
            return try await createReview(r)
        }
        var object = try await decodeObject(r)
        let warnings = try pruneUnknownFields(&object, r)
        let definition = r.definition
        let bodyNamespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
        if definition.namespaced, !bodyNamespace.isEmpty, bodyNamespace != r.namespace {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        if let rv = object[path: ["metadata", "resourceVersion"]]?.stringValue, !rv.isEmpty {
            throw APIError.badRequest("resourceVersion should not be set on objects to be created")
        }
        if let namespace = r.namespace, definition.namespaced {
            try await requireNamespace(namespace, forCreate: true)
        }
        let givenName = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let generateName = object[path: ["metadata", "generateName"]]?.stringValue ?? ""
        // With generateName, a name collision is retried with a new suffix, as kube-apiserver does.
        let attempts = givenName.isEmpty && !generateName.isEmpty ? 8 : 1
        for attempt in 1...attempts {
            var candidate = object
            let name = givenName.isEmpty && !generateName.isEmpty ? NameGenerator.generateName(base: generateName) : givenName
            ObjectMetaRules.prepareForCreate(
                &candidate, definition: definition, namespace: r.namespace, name: name, uid: UID.random(), now: r.now)
            let errors = ObjectMetaRules.validate(candidate, definition: definition, old: nil)
            if !errors.isEmpty {
                throw APIError.invalid(group: definition.group, kind: definition.kind, name: name, errors: errors)
            }
            try checkNoEscalation(candidate, r)
            documents.zeroValues.fill(&candidate, definition: definition)
            recordFieldManager(&candidate, old: nil, manager: fieldManager(r), definition: definition, statusOnly: false, now: r.now)
            if r.isDryRun {
                if try await store.get(r.key(name)) != nil {
                    throw APIError.alreadyExists(group: definition.group, resource: definition.plural, name: name)
                }
                return Self.withWarnings(try objectResponse(.created, candidate, r), warnings)
            }
            do {
                let stored = try await store.create(r.key(name), ObjectWrite(object: storable(candidate, definition), index: storeIndex(candidate, definition)))
                try await afterCreate(definition, stored: stored)
                return Self.withWarnings(try objectResponse(.created, stored, r), warnings)
            } catch let error as StorageError {
                if case .alreadyExists = error.code, attempt < attempts { continue }
                throw apiError(error, r, name: name)
            }
        }
        throw APIError.internalError("could not generate a unique name")
    }

    /// Access reviews and token reviews are answered, never stored.
    func createReview(_ r: ResourceRequest) async throws -> Response {
        let body = try await decodeObject(r)
        let answer: JSON
        if r.definition.plural == "tokenreviews" {
            var review = body
            let token = body[path: ["spec", "token"]]?.stringValue ?? ""
            if let user = token.isEmpty ? nil : authenticator.authenticate(bearerToken: token) {
                review["status"] = [
                    "authenticated": true,
                    "user": ["username": .string(user.name), "uid": .string(user.uid), "groups": .array(user.groups.map { .string($0) })],
                    "audiences": body[path: ["spec", "audiences"]] ?? .array([]),
                ]
            } else {
                review["status"] = ["authenticated": false, "error": "invalid bearer token"]
            }
            answer = review
        } else {
            answer = try AccessReviews.create(
                resource: r.definition.plural, body: body, namespace: r.namespace, requester: r.user,
                authorizer: policy.authorizer, now: r.now)
        }
        return Self.jsonResponse(.created, answer.serialized())
    }

    /// What the control plane does right after some creations: a new namespace gets its `default` service
    /// account (kube-controller-manager's serviceaccount controller on a real cluster).
    func afterCreate(_ definition: ResourceDefinition, stored: StoredObject) async throws {
        guard definition.group.isEmpty, definition.plural == "namespaces" else { return }
        try await ensureDefaultServiceAccount(namespace: stored.key.name)
    }
}
