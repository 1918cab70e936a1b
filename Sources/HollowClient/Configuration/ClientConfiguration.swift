import Foundation

/// Everything needed to talk to one API server: where it is, how to trust it, who we are, and how hard to push it
/// (client-go's `rest.Config`). Made by ``KubeconfigLoader`` or ``ClientConfiguration/inCluster(environment:root:)``.
public struct ClientConfiguration: Sendable {
    /// How the client proves who it is.
    public enum Credentials: Sendable, Equatable {
        case none
        /// A client certificate chain and its private key, both PEM.
        case clientCertificate(certificatePEM: String, keyPEM: String)
        /// A bearer token.
        case bearerToken(String)
        /// A bearer token read from a file, re-read when it is older than a minute (service-account tokens
        /// rotate), as client-go's `cachingTokenSource` does.
        case bearerTokenFile(String)
    }

    /// `https://host:port`, without a trailing slash; it may carry a path prefix.
    public var server: String
    /// PEM certificates to trust; `nil` trusts the system roots.
    public var certificateAuthorityPEM: String?
    /// `insecure-skip-tls-verify`: no server certificate verification at all.
    public var insecureSkipTLSVerify: Bool
    public var credentials: Credentials
    /// The namespace the context names (`default` when it names none).
    public var namespace: String
    /// Sustained requests per second allowed (client-go's default is 5; Hollow's controllers use more).
    public var qps: Double
    /// Requests allowed at once above the sustained rate.
    public var burst: Int
    /// Attempts after the first for a request that failed with 429, a retryable 5xx or a lost connection.
    public var maxRetries: Int
    /// The deadline of one ordinary request (watches have their own).
    public var requestTimeout: Duration
    public var userAgent: String
    /// Offer HTTP/2 by ALPN. Off by default: swift-nio-http2 1.46 crashes a Hummingbird server that receives a new
    /// stream while it shuts down (a dropped stream channel trips NIOAsyncWriter's deinit precondition), which a
    /// reconnecting watch does; over HTTP/1.1 each watch holds its own connection instead.
    public var http2: Bool

    public init(
        server: String, certificateAuthorityPEM: String? = nil, insecureSkipTLSVerify: Bool = false,
        credentials: Credentials = .none, namespace: String = "default", qps: Double = 50, burst: Int = 100,
        maxRetries: Int = 5, requestTimeout: Duration = .seconds(60), userAgent: String = "hollow/0.1", http2: Bool = false
    ) {
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.credentials = credentials
        self.namespace = namespace
        self.qps = qps
        self.burst = burst
        self.maxRetries = maxRetries
        self.requestTimeout = requestTimeout
        self.userAgent = userAgent
        self.http2 = http2
    }
}

/// A configuration that cannot be used, with the reason (a missing file, a context that does not exist …).
public struct ConfigurationError: Error, Sendable, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension ClientConfiguration {
    /// The service-account mount a pod sees.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The configuration of a process running in a pod (client-go's `rest.InClusterConfig`): the server from
    /// `KUBERNETES_SERVICE_HOST`/`KUBERNETES_SERVICE_PORT`, the CA, token and namespace from the service-account
    /// mount under `root`.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        root: String = serviceAccountDirectory
    ) throws(ConfigurationError) -> ClientConfiguration {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw ConfigurationError(
                "unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined")
        }
        let tokenPath = root + "/token"
        guard FileManager.default.fileExists(atPath: tokenPath) else {
            throw ConfigurationError("open \(tokenPath): no such file or directory")
        }
        let ca = try? String(contentsOfFile: root + "/ca.crt", encoding: .utf8)
        let namespace = (try? String(contentsOfFile: root + "/namespace", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return ClientConfiguration(
            server: "https://\(bracketed):\(port)", certificateAuthorityPEM: ca,
            credentials: .bearerTokenFile(tokenPath), namespace: namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default")
    }
}
