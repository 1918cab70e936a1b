import HollowAPIServer
import HollowClient
import HollowPKI
import Logging

extension TestCluster {
    /// How a test client authenticates.
    public enum ClientCredentials: Sendable {
        /// The admin client certificate (O=system:masters).
        case adminCertificate
        /// The admin bearer token from tokens.csv.
        case adminToken
    }

    /// A client configuration for this cluster that trusts its CA.
    public func clientConfiguration(_ credentials: ClientCredentials = .adminCertificate) -> ClientConfiguration {
        let pki = serving.credentials
        let clientCredentials: ClientConfiguration.Credentials =
            switch credentials {
            case .adminCertificate:
                .clientCertificate(
                    certificatePEM: pki.adminCertificate.certificatePEM, keyPEM: pki.adminCertificate.privateKeyPEM)
            case .adminToken:
                .bearerToken(serving.adminToken ?? "")
            }
        return ClientConfiguration(
            server: url, certificateAuthorityPEM: pki.certificateAuthority.certificatePEM,
            credentials: clientCredentials, qps: 0, maxRetries: 3)
    }

    /// Runs `body` with a ``KubernetesClient`` for this cluster, shut down afterwards.
    public func withKubernetesClient<T: Sendable>(
        _ credentials: ClientCredentials = .adminCertificate, _ body: (KubernetesClient) async throws -> T
    ) async throws -> T {
        try await KubernetesClient.withClient(clientConfiguration(credentials), body)
    }
}

extension TestCluster {
    /// Runs `body` with a client that reaches this cluster's API server in-process (`InProcessTransport`) as the
    /// admin, shut down afterwards.
    public func withInProcessClient<T: Sendable>(
        userAgent: String = "hollow-test", _ body: (KubernetesClient) async throws -> T
    ) async throws -> T {
        try await serving.inProcessClient(userAgent: userAgent, logger: Logger(label: "hollow.test")).shutDown(after: body)
    }
}
