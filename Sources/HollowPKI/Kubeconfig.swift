import Foundation
import Yams

/// A kubectl config file with one cluster, one user and one context, all named after the Hollow cluster.
///
/// The cluster and context are `hollow-<name>`; the user is `hollow-<name>-<user>` (`hollow-<name>-admin` for the
/// admin). `current-context` selects the context, so `kubectl --kubeconfig <file>` works with no other flag.
public struct Kubeconfig: Sendable, Hashable {
    /// How the user proves who it is.
    public enum Credentials: Sendable, Hashable {
        /// A client certificate and its key, both PEM (`client-certificate-data`, `client-key-data`).
        case clientCertificate(certificatePEM: String, privateKeyPEM: String)
        /// A bearer token (`token`).
        case bearerToken(String)
    }

    /// The Hollow cluster's name (the `<name>` in `hollow-<name>`).
    public var clusterName: String
    /// The API server URL, e.g. `https://127.0.0.1:6443`.
    public var server: String
    /// The cluster CA certificate, PEM (`certificate-authority-data`).
    public var certificateAuthorityPEM: String
    /// The user entry's name.
    public var userName: String
    /// The user's credentials.
    public var credentials: Credentials

    /// The name of the cluster entry and of the context: `hollow-<clusterName>`.
    public var contextName: String { "hollow-\(clusterName)" }

    public init(
        clusterName: String,
        server: String,
        certificateAuthorityPEM: String,
        userName: String,
        credentials: Credentials
    ) {
        self.clusterName = clusterName
        self.server = server
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.userName = userName
        self.credentials = credentials
    }

    /// The admin kubeconfig: the cluster CA and the admin client certificate, user `hollow-<name>-admin`.
    public static func admin(
        clusterName: String,
        host: String,
        port: Int,
        credentials: ClusterCredentials
    ) -> Kubeconfig {
        Kubeconfig(
            clusterName: clusterName,
            server: serverURL(host: host, port: port),
            certificateAuthorityPEM: credentials.certificateAuthority.certificatePEM,
            userName: "hollow-\(clusterName)-admin",
            credentials: .clientCertificate(
                certificatePEM: credentials.adminCertificate.certificatePEM,
                privateKeyPEM: credentials.adminCertificate.privateKeyPEM
            )
        )
    }

    /// A kubeconfig that authenticates with a bearer token, user `hollow-<name>-<user>`.
    public static func bearerToken(
        _ token: String,
        user: String,
        clusterName: String,
        host: String,
        port: Int,
        certificateAuthorityPEM: String
    ) -> Kubeconfig {
        Kubeconfig(
            clusterName: clusterName,
            server: serverURL(host: host, port: port),
            certificateAuthorityPEM: certificateAuthorityPEM,
            userName: "hollow-\(clusterName)-\(user)",
            credentials: .bearerToken(token)
        )
    }

    /// `https://host:port`, with an IPv6 literal bracketed (`https://[::1]:6443`) and a zone's `%` escaped.
    public static func serverURL(host: String, port: Int) -> String {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard bare.contains(":") else { return "https://\(bare):\(port)" }
        return "https://[\(bare.replacingOccurrences(of: "%", with: "%25"))]:\(port)"
    }

    /// The file's YAML text, in kubectl's `apiVersion: v1`, `kind: Config` format.
    public func render() throws -> String {
        let user: File.User
        switch credentials {
        case .clientCertificate(let certificatePEM, let privateKeyPEM):
            user = File.User(
                clientCertificateData: Self.base64(certificatePEM),
                clientKeyData: Self.base64(privateKeyPEM),
                token: nil
            )
        case .bearerToken(let token):
            user = File.User(clientCertificateData: nil, clientKeyData: nil, token: token)
        }
        let file = File(
            apiVersion: "v1",
            kind: "Config",
            clusters: [
                .init(
                    name: contextName,
                    cluster: .init(server: server, certificateAuthorityData: Self.base64(certificateAuthorityPEM))
                )
            ],
            users: [.init(name: userName, user: user)],
            contexts: [.init(name: contextName, context: .init(cluster: contextName, user: userName))],
            currentContext: contextName,
            preferences: .init()
        )
        let encoder = YAMLEncoder()
        encoder.options.width = -1  // never fold the long base64 lines
        do {
            return try encoder.encode(file)
        } catch {
            throw PKIError.invalidArgument("cannot encode the kubeconfig for \(contextName): \(error)")
        }
    }

    /// Writes the file atomically with mode 0600 (it holds a private key or a token).
    public func write(to path: String) throws {
        try SecureFile.write(try render(), to: path, mode: SecureFile.privateMode)
    }

    private static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    /// kubectl's on-disk layout; field order follows what `kubectl config view` prints.
    private struct File: Encodable {
        struct NamedCluster: Encodable {
            var name: String
            var cluster: Cluster
        }
        struct Cluster: Encodable {
            var server: String
            var certificateAuthorityData: String
            enum CodingKeys: String, CodingKey {
                case server
                case certificateAuthorityData = "certificate-authority-data"
            }
        }
        struct NamedUser: Encodable {
            var name: String
            var user: User
        }
        struct User: Encodable {
            var clientCertificateData: String?
            var clientKeyData: String?
            var token: String?
            enum CodingKeys: String, CodingKey {
                case clientCertificateData = "client-certificate-data"
                case clientKeyData = "client-key-data"
                case token
            }
        }
        struct NamedContext: Encodable {
            var name: String
            var context: Context
        }
        struct Context: Encodable {
            var cluster: String
            var user: String
        }
        struct Preferences: Encodable {}

        var apiVersion: String
        var kind: String
        var clusters: [NamedCluster]
        var users: [NamedUser]
        var contexts: [NamedContext]
        var currentContext: String
        var preferences: Preferences

        enum CodingKeys: String, CodingKey {
            case apiVersion, kind, clusters, users, contexts
            case currentContext = "current-context"
            case preferences
        }
    }
}
