import Foundation
import HollowPKI
import Testing
import Yams

@Suite struct KubeconfigTests {
    @Test(arguments: [
        ("127.0.0.1", 6443, "https://127.0.0.1:6443"),
        ("localhost", 1, "https://localhost:1"),
        ("::1", 6443, "https://[::1]:6443"),
        ("[::1]", 6443, "https://[::1]:6443"),
        ("fe80::1%eth0", 443, "https://[fe80::1%25eth0]:443"),
    ])
    func serverURLBracketsIPv6(host: String, port: Int, expected: String) {
        #expect(Kubeconfig.serverURL(host: host, port: port) == expected)
    }

    @Test func adminKubeconfigParsesBackWithYams() throws {
        try withCredentials { directory, credentials throws in
            let kubeconfig = Kubeconfig.admin(clusterName: "dev", host: "::1", port: 6443, credentials: credentials)
            try kubeconfig.write(to: directory.kubeconfigPath)
            #expect(try permissions(of: directory.kubeconfigPath) == 0o600)

            let text = try String(contentsOfFile: directory.kubeconfigPath, encoding: .utf8)
            let root = try #require(try Yams.load(yaml: text) as? [String: Any])
            #expect(root["apiVersion"] as? String == "v1")
            #expect(root["kind"] as? String == "Config")
            #expect(root["current-context"] as? String == "hollow-dev")

            let context = try #require((root["contexts"] as? [[String: Any]])?.first)
            #expect(context["name"] as? String == "hollow-dev")
            #expect(context["context"] as? [String: String] == ["cluster": "hollow-dev", "user": "hollow-dev-admin"])

            let cluster = try #require((root["clusters"] as? [[String: Any]])?.first?["cluster"] as? [String: String])
            #expect(cluster["server"] == "https://[::1]:6443")
            let caData = try #require(cluster["certificate-authority-data"].flatMap { Data(base64Encoded: $0) })
            #expect(String(decoding: caData, as: UTF8.self) == credentials.certificateAuthority.certificatePEM)

            let user = try #require((root["users"] as? [[String: Any]])?.first?["user"] as? [String: String])
            let keyData = try #require(user["client-key-data"].flatMap { Data(base64Encoded: $0) })
            #expect(String(decoding: keyData, as: UTF8.self) == credentials.adminCertificate.privateKeyPEM)
            #expect(user["client-certificate-data"] != nil)
        }
    }

    @Test func rewritingReplacesThePort() throws {
        try withCredentials { directory, credentials throws in
            try Kubeconfig.admin(clusterName: "dev", host: "127.0.0.1", port: 1111, credentials: credentials)
                .write(to: directory.kubeconfigPath)
            try Kubeconfig.admin(clusterName: "dev", host: "127.0.0.1", port: 2222, credentials: credentials)
                .write(to: directory.kubeconfigPath)
            let text = try String(contentsOfFile: directory.kubeconfigPath, encoding: .utf8)
            #expect(text.contains("server: https://127.0.0.1:2222"))
            #expect(!text.contains("1111"))
        }
    }

    @Test(.enabled(if: tool("/usr/bin/kubectl") != nil))
    func kubectlReadsTheAdminKubeconfig() throws {
        try withCredentials { directory, credentials throws in
            try Kubeconfig.admin(clusterName: "dev", host: "127.0.0.1", port: 6443, credentials: credentials)
                .write(to: directory.kubeconfigPath)
            let context = try run("/usr/bin/kubectl", [
                "config", "view", "--kubeconfig", directory.kubeconfigPath, "--raw",
                "-o", "jsonpath={.current-context}",
            ])
            #expect(context.status == 0, "\(context.error)")
            #expect(context.output == "hollow-dev")

            let key = try run("/usr/bin/kubectl", [
                "config", "view", "--kubeconfig", directory.kubeconfigPath, "--raw",
                "-o", "jsonpath={.users[0].user.client-key-data}",
            ])
            let pem = try #require(Data(base64Encoded: key.output))
            #expect(String(decoding: pem, as: UTF8.self) == credentials.adminCertificate.privateKeyPEM)
        }
    }

    @Test(.enabled(if: tool("/usr/bin/kubectl") != nil))
    func kubectlReadsABearerTokenKubeconfig() throws {
        try withCredentials { directory, credentials throws in
            let token = TokenFile.generateToken()
            let kubeconfig = Kubeconfig.bearerToken(
                token,
                user: "alice",
                clusterName: "dev",
                host: "127.0.0.1",
                port: 6443,
                certificateAuthorityPEM: credentials.certificateAuthority.certificatePEM
            )
            let path = "\(directory.path)/alice.kubeconfig"
            try kubeconfig.write(to: path)
            let result = try run("/usr/bin/kubectl", [
                "config", "view", "--kubeconfig", path, "--raw",
                "-o", "jsonpath={.current-context} {.users[0].name} {.users[0].user.token}",
            ])
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output == "hollow-dev hollow-dev-alice \(token)")
        }
    }
}
