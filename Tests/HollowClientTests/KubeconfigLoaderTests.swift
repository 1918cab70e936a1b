import Foundation
import HollowClient
import HollowTesting
import Testing

@Suite struct KubeconfigLoaderTests {
    static let first = """
        apiVersion: v1
        kind: Config
        current-context: first
        clusters:
        - name: shared
          cluster: {server: "https://first.example:6443", certificate-authority: ca.pem}
        - name: only-first
          cluster: {server: "https://only-first:6443", insecure-skip-tls-verify: true}
        users:
        - name: alice
          user: {token: alice-token}
        contexts:
        - name: first
          context: {cluster: shared, user: alice, namespace: team-a}
        - name: insecure
          context: {cluster: only-first, user: alice}
        """

    static let second = """
        apiVersion: v1
        kind: Config
        current-context: second
        clusters:
        - name: shared
          cluster: {server: "https://second.example:6443"}
        - name: only-second
          cluster: {server: "https://only-second:6443"}
        users:
        - name: bob
          user: {tokenFile: bob.token}
        contexts:
        - name: second
          context: {cluster: only-second, user: bob}
        """

    func write(_ files: [String: String]) throws -> String {
        let directory = try TemporaryDirectory.make(prefix: "kubeconfig")
        for (name, text) in files {
            try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func firstFileWinsWhenMerging() throws {
        let directory = try write(["a.yaml": Self.first, "b.yaml": Self.second, "ca.pem": "PEM", "bob.token": "bob\n"])
        let loader = KubeconfigLoader(environment: ["KUBECONFIG": "\(directory)/a.yaml:\(directory)/missing:\(directory)/b.yaml"])
        let configuration = try loader.load()
        #expect(configuration.server == "https://first.example:6443")
        #expect(configuration.certificateAuthorityPEM == "PEM")  // relative to a.yaml's directory
        #expect(configuration.credentials == .bearerToken("alice-token"))
        #expect(configuration.namespace == "team-a")

        let reordered = try KubeconfigLoader(environment: ["KUBECONFIG": "\(directory)/b.yaml:\(directory)/a.yaml"]).load()
        #expect(reordered.server == "https://only-second:6443")
        #expect(reordered.credentials == .bearerTokenFile(directory + "/bob.token"))
        #expect(reordered.namespace == "default")
    }

    @Test func contextOverrideAndInsecure() throws {
        let directory = try write(["a.yaml": Self.first, "ca.pem": "PEM"])
        let configuration = try KubeconfigLoader(explicitPath: directory + "/a.yaml", context: "insecure").load()
        #expect(configuration.insecureSkipTLSVerify)
        #expect(configuration.server == "https://only-first:6443")
    }

    @Test func explicitPathBeatsTheEnvironment() throws {
        let directory = try write(["a.yaml": Self.first, "b.yaml": Self.second, "ca.pem": "PEM"])
        let configuration = try KubeconfigLoader(
            explicitPath: directory + "/b.yaml", environment: ["KUBECONFIG": directory + "/a.yaml"]
        ).load()
        #expect(configuration.server == "https://only-second:6443")
    }

    @Test func homeConfigIsTheFallback() throws {
        let home = try TemporaryDirectory.make(prefix: "home")
        try FileManager.default.createDirectory(atPath: home + "/.kube", withIntermediateDirectories: true)
        try Self.second.write(toFile: home + "/.kube/config", atomically: true, encoding: .utf8)
        let configuration = try KubeconfigLoader(environment: ["HOME": home]).load()
        #expect(configuration.server == "https://only-second:6443")
    }

    @Test(arguments: [
        ("missing explicit", "stat"),
        ("unknown context", "context was not found for specified context: nope"),
        ("cert without key", "client-cert-data or client-cert is specified without client-key-data"),
    ])
    func badConfigurationsFailWithTheReason(name: String, expected: String) throws {
        let directory = try write([
            "a.yaml": Self.first, "ca.pem": "PEM",
            "certonly.yaml": """
                clusters: [{name: c, cluster: {server: "https://c:1"}}]
                users: [{name: u, user: {client-certificate-data: UEVN}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """,
        ])
        let loader: KubeconfigLoader =
            switch name {
            case "missing explicit": KubeconfigLoader(explicitPath: directory + "/none.yaml")
            case "unknown context": KubeconfigLoader(explicitPath: directory + "/a.yaml", context: "nope")
            default: KubeconfigLoader(explicitPath: directory + "/certonly.yaml")
            }
        let error = #expect(throws: ConfigurationError.self) { try loader.load() }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "")")
    }

    @Test func inClusterConfigurationFromTheServiceAccountMount() throws {
        let root = try write(["token": "sa-token\n", "ca.crt": "CA", "namespace": "kube-system"])
        let configuration = try ClientConfiguration.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"], root: root)
        #expect(configuration.server == "https://10.0.0.1:443")
        #expect(configuration.certificateAuthorityPEM == "CA")
        #expect(configuration.credentials == .bearerTokenFile(root + "/token"))
        #expect(configuration.namespace == "kube-system")
        // Without KUBERNETES_SERVICE_HOST/PORT there is no in-cluster configuration.
        #expect(throws: ConfigurationError.self) {
            try ClientConfiguration.inCluster(environment: [:], root: root)
        }
    }
}
