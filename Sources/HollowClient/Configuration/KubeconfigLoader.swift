import Foundation
import Yams

/// Loads client configuration from kubeconfig files the way kubectl does (client-go's `clientcmd` loading rules).
///
/// Precedence: an explicit `--kubeconfig` path (which must exist); else the `KUBECONFIG` list (`:`-separated,
/// missing files skipped), merged so that the first file to define a cluster, user or context by name wins and the
/// first file to set `current-context` wins; else `~/.kube/config`; else in-cluster configuration. Relative file
/// paths inside a kubeconfig resolve against that file's directory.
public struct KubeconfigLoader: Sendable {
    public var explicitPath: String?
    public var environment: [String: String]
    /// Overrides `current-context`.
    public var context: String?

    public init(
        explicitPath: String? = nil, context: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.explicitPath = explicitPath
        self.context = context
        self.environment = environment
    }

    /// The resolved configuration of the selected context.
    public func load() throws(ConfigurationError) -> ClientConfiguration {
        let paths: [String]
        if let explicitPath, !explicitPath.isEmpty {
            guard FileManager.default.fileExists(atPath: explicitPath) else {
                throw ConfigurationError("stat \(explicitPath): no such file or directory")
            }
            paths = [explicitPath]
        } else if let list = environment["KUBECONFIG"], !list.isEmpty {
            paths = list.split(separator: ":").map(String.init).filter { FileManager.default.fileExists(atPath: $0) }
        } else if let home = environment["HOME"], FileManager.default.fileExists(atPath: home + "/.kube/config") {
            paths = [home + "/.kube/config"]
        } else {
            paths = []
        }
        if paths.isEmpty {
            if let inCluster = try? ClientConfiguration.inCluster(environment: environment) { return inCluster }
            throw ConfigurationError(
                "invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable")
        }
        var merged = KubeconfigDocument()
        for path in paths { merged.merge(try KubeconfigDocument(path: path)) }
        return try merged.configuration(context: context)
    }
}

/// One kubeconfig file, or several merged: named clusters, users and contexts, and the current context.
public struct KubeconfigDocument: Sendable {
    public struct Cluster: Sendable {
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool
    }
    public struct User: Sendable {
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var token: String?
        public var tokenFile: String?
    }
    public struct Context: Sendable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }

    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    public var currentContext: String?

    public init() {}

    /// Reads the file at `path`; relative paths inside it are made absolute against its directory.
    public init(path: String) throws(ConfigurationError) {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigurationError("error loading config file \"\(path)\": \(error.localizedDescription)")
        }
        let directory = (path as NSString).deletingLastPathComponent
        try self.init(yaml: text, directory: directory, source: path)
    }

    public init(yaml: String, directory: String, source: String = "kubeconfig") throws(ConfigurationError) {
        let root: Any?
        do { root = try Yams.load(yaml: yaml) } catch {
            throw ConfigurationError("error loading config file \"\(source)\": \(error)")
        }
        guard let root = root as? [String: Any] else {
            if root == nil { return }  // an empty file is an empty config, as for kubectl
            throw ConfigurationError("error loading config file \"\(source)\": not a kubeconfig mapping")
        }
        func absolute(_ path: String?) -> String? {
            guard let path, !path.isEmpty else { return nil }
            return path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
        }
        func string(_ value: Any?) -> String? {
            switch value {
            case let s as String: s
            case let i as Int: String(i)
            default: nil
            }
        }
        for entry in root["clusters"] as? [[String: Any]] ?? [] {
            guard let name = string(entry["name"]), let cluster = entry["cluster"] as? [String: Any] else { continue }
            clusters[name] = clusters[name] ?? Cluster(
                server: string(cluster["server"]) ?? "",
                certificateAuthority: absolute(string(cluster["certificate-authority"])),
                certificateAuthorityData: string(cluster["certificate-authority-data"]),
                insecureSkipTLSVerify: cluster["insecure-skip-tls-verify"] as? Bool ?? false)
        }
        for entry in root["users"] as? [[String: Any]] ?? [] {
            guard let name = string(entry["name"]) else { continue }
            let user = entry["user"] as? [String: Any] ?? [:]
            users[name] = users[name] ?? User(
                clientCertificate: absolute(string(user["client-certificate"])),
                clientCertificateData: string(user["client-certificate-data"]),
                clientKey: absolute(string(user["client-key"])),
                clientKeyData: string(user["client-key-data"]),
                token: string(user["token"]),
                tokenFile: absolute(string(user["tokenFile"])))
        }
        for entry in root["contexts"] as? [[String: Any]] ?? [] {
            guard let name = string(entry["name"]), let context = entry["context"] as? [String: Any] else { continue }
            contexts[name] = contexts[name] ?? Context(
                cluster: string(context["cluster"]) ?? "", user: string(context["user"]) ?? "",
                namespace: string(context["namespace"]))
        }
        if let current = string(root["current-context"]), !current.isEmpty { currentContext = current }
    }

    /// Adds `other`'s entries under names not yet defined here; keeps this document's current context if set.
    public mutating func merge(_ other: KubeconfigDocument) {
        clusters.merge(other.clusters) { mine, _ in mine }
        users.merge(other.users) { mine, _ in mine }
        contexts.merge(other.contexts) { mine, _ in mine }
        if currentContext == nil { currentContext = other.currentContext }
    }

    /// The configuration for `context` (or the current context), with files read and base64 data decoded.
    public func configuration(context override: String? = nil) throws(ConfigurationError) -> ClientConfiguration {
        guard let contextName = override ?? currentContext, !contextName.isEmpty else {
            throw ConfigurationError("invalid configuration: no configuration has been provided")
        }
        guard let context = contexts[contextName] else {
            throw ConfigurationError("context was not found for specified context: \(contextName)")
        }
        guard let cluster = clusters[context.cluster] else {
            throw ConfigurationError("cluster has no server defined: context \"\(contextName)\" names cluster \"\(context.cluster)\", which does not exist")
        }
        guard !cluster.server.isEmpty else {
            throw ConfigurationError("invalid configuration: no server found for cluster \"\(context.cluster)\"")
        }
        let user = users[context.user] ?? User()
        let ca = try Self.pem(data: cluster.certificateAuthorityData, file: cluster.certificateAuthority, what: "certificate-authority")
        let credentials: ClientConfiguration.Credentials
        if let certificate = try Self.pem(data: user.clientCertificateData, file: user.clientCertificate, what: "client-certificate") {
            guard let key = try Self.pem(data: user.clientKeyData, file: user.clientKey, what: "client-key") else {
                throw ConfigurationError("invalid configuration: client-cert-data or client-cert is specified without client-key-data or client-key for user \"\(context.user)\"")
            }
            credentials = .clientCertificate(certificatePEM: certificate, keyPEM: key)
        } else if let token = user.token, !token.isEmpty {
            credentials = .bearerToken(token)
        } else if let tokenFile = user.tokenFile {
            credentials = .bearerTokenFile(tokenFile)
        } else {
            credentials = .none
        }
        return ClientConfiguration(
            server: cluster.server, certificateAuthorityPEM: ca, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            credentials: credentials, namespace: context.namespace ?? "default")
    }

    private static func pem(data: String?, file: String?, what: String) throws(ConfigurationError) -> String? {
        if let data, !data.isEmpty {
            guard let decoded = Data(base64Encoded: data, options: .ignoreUnknownCharacters) else {
                throw ConfigurationError("illegal base64 data in \(what)-data")
            }
            return String(decoding: decoded, as: UTF8.self)
        }
        if let file {
            do { return try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw ConfigurationError("unable to read \(what) \(file): \(error.localizedDescription)")
            }
        }
        return nil
    }
}
