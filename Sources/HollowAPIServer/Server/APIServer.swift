import Foundation
import HTTPTypes
import HollowModel
import HollowPKI
import HollowResources
import HollowStore
import Hummingbird
import Logging
import NIOCore

/// Settings of one API server.
public struct APIServerConfiguration: Sendable {
    /// The version `/version` reports (`gitVersion`), e.g. `v1.31.0`.
    public var kubernetesVersion: String
    /// `host:port` clients reach the server at, for legacy discovery's `serverAddressByClientCIDRs`.
    public var advertisedAddress: String
    /// How long a watch without `timeoutSeconds` stays open (kube-apiserver's `--min-request-timeout`; a random
    /// extra up to the same again is added so that watchers do not all reconnect at once).
    public var minRequestTimeout: Duration
    /// How often an idle watch that asked for bookmarks gets one.
    public var bookmarkInterval: Duration

    public init(
        kubernetesVersion: String = "v1.31.0", advertisedAddress: String = "127.0.0.1:6443",
        minRequestTimeout: Duration = .seconds(1800), bookmarkInterval: Duration = .seconds(60)
    ) {
        self.kubernetesVersion = kubernetesVersion
        self.advertisedAddress = advertisedAddress
        self.minRequestTimeout = minRequestTimeout
        self.bookmarkInterval = bookmarkInterval
    }
}

/// The Kubernetes API: routes each request to discovery, OpenAPI or a resource verb, and renders every failure as
/// a `Status`. Transport (TLS, HTTP/2) is `HTTPSServer`'s job; this type sees only requests.
public final class APIServer: HTTPResponder, Sendable {
    public typealias Context = APIRequestContext

    /// Request bodies above this size get 413, as on kube-apiserver.
    public static let maxRequestBodyBytes = 3 * 1024 * 1024

    let store: any ObjectStore
    let registry: ResourceRegistry
    let authenticator: any Authenticator
    let configuration: APIServerConfiguration
    let logger: Logger
    let documents: APIDocuments
    let policy: RBACPolicy
    let customResources = CustomResourceVersions()
    let openWatches = OpenWatches()
    let serviceAccountTokens: ServiceAccountTokens?
    let certificateVerdicts = CertificateVerdictCache()
    let peerCertificates = PeerCertificates()
    /// The current time in seconds since the epoch; injectable for tests.
    let now: @Sendable () -> Double

    public init(
        store: any ObjectStore, registry: ResourceRegistry, authenticator: any Authenticator,
        configuration: APIServerConfiguration, logger: Logger, policy: RBACPolicy = RBACPolicy(),
        serviceAccountTokens: ServiceAccountTokens? = nil,
        now: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }
    ) {
        self.policy = policy
        self.serviceAccountTokens = serviceAccountTokens
        self.store = store
        self.registry = registry
        self.authenticator = authenticator
        self.configuration = configuration
        self.logger = logger
        self.now = now
        self.documents = APIDocuments(
            registry: registry, advertisedAddress: configuration.advertisedAddress,
            kubernetesVersion: configuration.kubernetesVersion)
    }

    /// Watches being served now, over any transport.
    public var openWatchCount: Int { openWatches.count }

    public func respond(to request: Request, context: APIRequestContext) async throws -> Response {
        do {
            return try await route(request, context: context)
        } catch let error as APIError {
            return Self.statusResponse(error)
        } catch {
            logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return Self.statusResponse(.internalError(String(describing: error)))
        }
    }

    private func route(_ request: Request, context: APIRequestContext) async throws -> Response {
        let target = RequestInfo.parse(path: request.uri.path)
        switch target {
        case .health(let check):
            guard request.method == .get || request.method == .head else { throw APIError.methodNotAllowed }
            return Self.textResponse(check.contains("verbose") ? "[+]ping ok\n[+]etcd ok\n\(check) check passed\n" : "ok")
        case .version:
            return Self.jsonResponse(.ok, version.serialized())
        default:
            break
        }
        let user = try impersonate(try await authenticate(request, context: context), request)
        let query = QueryParameters(request.uri.query)
        if case .resource(let path) = target {
            try authorize(attributes(path, method: request.method, query: query, user: user))
        } else {
            let verb = request.method == .head ? "get" : request.method.rawValue.lowercased()
            try authorize(AuthorizationAttributes(user: user, verb: verb, path: request.uri.path))
        }
        switch target {
        case .health, .version:
            fatalError("handled above")
        case .discoveryRoot(let legacy):
            return try discoveryRoot(legacy: legacy, request)
        case .discoveryGroup(let group):
            guard let document = documents.apiGroup(group) else { throw notFoundPath(request) }
            return Self.jsonResponse(.ok, document)
        case .discoveryGroupVersion(let group, let version):
            guard let document = documents.apiResourceList(group: group, version: version) else {
                throw notFoundPath(request)
            }
            return Self.jsonResponse(.ok, document)
        case .openAPIV2:
            return openAPIV2(request)
        case .openAPIV3Index:
            return Self.jsonResponse(.ok, documents.openAPIV3Index())
        case .openAPIV3(let path):
            guard let document = documents.openAPIV3(path: path) else { throw notFoundPath(request) }
            var response = Self.jsonResponse(.ok, document)
            if query["hash"] != nil {
                response.headers[.cacheControl] = "public, immutable"
            }
            return response
        case .resource(let path):
            guard let definition = registry.lookup(group: path.group, version: path.version, plural: path.resource)
            else {
                if documents.apiResourceList(group: path.group, version: path.version) == nil {
                    throw notFoundPath(request)
                }
                throw APIError(
                    code: 404, reason: .notFound, message: "the server could not find the requested resource",
                    details: Details(causes: []))
            }
            let resourceRequest = ResourceRequest(
                definition: definition, path: path, query: query, request: request, user: user,
                now: now(), channel: context.channel)
            return try await handleResource(resourceRequest)
        case .unknown:
            throw notFoundPath(request)
        }
    }

    typealias Details = APIError.Details

    private func notFoundPath(_ request: Request) -> APIError {
        APIError(code: 404, reason: .notFound, message: "the server could not find the requested resource")
    }

    /// The user behind the request's credentials; anonymous requests get 401.
    private func authenticate(_ request: Request, context: APIRequestContext) async throws -> UserInfo {
        if let user = context.inProcessUser { return user }
        // As kube-apiserver: a valid client certificate wins over any bearer token sent with it.
        if let channel = context.channel, let der = await peerCertificates.certificate(of: channel) {
            if let user = certificateVerdicts.verdict(for: der, compute: { authenticator.authenticate(clientCertificate: der) }) {
                return user
            }
        }
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                let token = String(parts[1]).trimmingCharacters(in: " ")
                if let user = authenticator.authenticate(bearerToken: token) { return user }
                if let user = try await authenticateServiceAccount(token: token) { return user }
            }
        }
        throw APIError.unauthorized
    }

    /// A service-account token this cluster signed, for an account that still exists with the same uid.
    func authenticateServiceAccount(token: String) async throws -> UserInfo? {
        guard let tokens = serviceAccountTokens, let claims = tokens.verify(token, now: Int64(now())) else { return nil }
        let key = StorageKey(
            resource: GroupResource(group: "", resource: "serviceaccounts"), namespace: claims.namespace, name: claims.name)
        guard let stored = try await store.get(key),
            (try stored.decode())[path: ["metadata", "uid"]]?.stringValue == claims.uid
        else { return nil }
        var user = UserInfo.serviceAccount(namespace: claims.namespace, name: claims.name, uid: claims.uid)
        if !user.groups.contains("system:authenticated") { user.groups.append("system:authenticated") }
        return user
    }

    private var version: JSON {
        let version = configuration.kubernetesVersion
        let core = version.dropFirst(version.hasPrefix("v") ? 1 : 0).split(separator: "-")[0].split(separator: ".")
        return [
            "major": .string(core.count > 0 ? String(core[0]) : "1"),
            "minor": .string(core.count > 1 ? String(core[1]) : "0"),
            "gitVersion": .string(version),
            "gitCommit": "0000000000000000000000000000000000000000",
            "gitTreeState": "clean",
            "buildDate": "2026-01-01T00:00:00Z",
            "goVersion": "go1.23.0",
            "compiler": "gc",
            "platform": "linux/amd64",
        ]
    }

    private func discoveryRoot(legacy: Bool, _ request: Request) throws -> Response {
        let ranges = MediaRange.parseList(request.headers[.accept])
        for range in ranges {
            if range.as == "APIGroupDiscoveryList", range.group == "apidiscovery.k8s.io",
                let version = range.version, version == "v2" || version == "v2beta1"
            {
                let document = documents.aggregatedDiscovery(legacy: legacy, version: version)
                var response = Self.jsonResponse(.ok, document.bytes)
                response.headers[.contentType] =
                    "application/json;g=apidiscovery.k8s.io;v=\(version);as=APIGroupDiscoveryList"
                response.headers[.eTag] = "\"\(document.hash)\""
                response.headers[HTTPField.Name("Vary")!] = "Accept"
                return response
            }
            if range.as == nil, range.acceptsJSON { break }
        }
        let document = legacy ? documents.apiVersions() : documents.apiGroupList()
        var response = Self.jsonResponse(.ok, document)
        response.headers[HTTPField.Name("Vary")!] = "Accept"
        return response
    }

    private func openAPIV2(_ request: Request) -> Response {
        let accept = request.headers[.accept] ?? ""
        if accept.contains("protobuf"), !accept.contains("application/json") {
            // kubectl asks for protobuf; an empty document in the dotted media type satisfies every version.
            var response = Response(status: .ok, body: .init())
            response.headers[.contentType] = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
            return response
        }
        return Self.jsonResponse(.ok, documents.openAPIV2())
    }

    // MARK: Responses

    static func jsonResponse(_ status: HTTPResponse.Status, _ bytes: [UInt8]) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-cache, private"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func textResponse(_ text: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-cache, private"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func statusResponse(_ error: APIError) -> Response {
        var response = jsonResponse(HTTPResponse.Status(code: error.code), error.status.serialized())
        if error.code == 401 {
            response.headers[.wwwAuthenticate] = "Basic realm=\"kubernetes-master\""
        }
        if let retry = error.details?.retryAfterSeconds {
            response.headers[.retryAfter] = String(retry)
        }
        return response
    }
}
