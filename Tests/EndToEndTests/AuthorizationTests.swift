import Foundation
import HollowModel
import HollowTesting
import Testing

/// RBAC set up and used with kubectl: a service account bound to a Role, acting through impersonation
/// (`--as`) and through its own token (`kubectl create token`), `kubectl auth can-i`, and impersonation refused to
/// a user without the `impersonate` verb. One shared server; each release works in a namespace of its own.
@Suite(.sharedHollowServer)
struct AuthorizationTests {
    /// A namespace with service account `bot` that may get and list configmaps there (Role `reader`), and one
    /// ConfigMap `visible`. Returns the bot's user name.
    static func setUpBot(_ kubectl: KubectlClient, namespace: String) async throws -> String {
        #expect(try await kubectl.line(["create", "namespace", namespace]) == "namespace/\(namespace) created")
        #expect(try await kubectl.line(["create", "sa", "bot", "-n", namespace]) == "serviceaccount/bot created")
        #expect(
            try await kubectl.line(["create", "role", "reader", "--verb=get,list", "--resource=configmaps", "-n", namespace])
                == "role.rbac.authorization.k8s.io/reader created")
        #expect(
            try await kubectl.line(
                ["create", "rolebinding", "bot-reader", "--role=reader", "--serviceaccount=\(namespace):bot", "-n", namespace])
                == "rolebinding.rbac.authorization.k8s.io/bot-reader created")
        try await kubectl.ok(["create", "configmap", "visible", "--from-literal=k=v", "-n", namespace])

        let role = try await kubectl.json(["get", "role", "reader", "-n", namespace])
        #expect(role["rules"] == [["apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list"]]])
        let binding = try await kubectl.json(["get", "rolebinding", "bot-reader", "-n", namespace])
        #expect(binding["roleRef"] == ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"])
        #expect(binding["subjects"] == [["kind": "ServiceAccount", "name": "bot", "namespace": .string(namespace)]])
        return "system:serviceaccount:\(namespace):bot"
    }

    static func forbidden(_ user: String, _ verb: String, _ resource: String, namespace: String) -> String {
        #"\#(resource) is forbidden: User "\#(user)" cannot \#(verb) resource "\#(resource)" in API group "" in the namespace "\#(namespace)""#
    }

    @Test(arguments: KubectlRelease.spread)
    func impersonatedServiceAccountHasItsRolesPermissions(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "rbac-as-\(release.suffix)"
        let bot = try await Self.setUpBot(kubectl, namespace: namespace)

        try await eventually(timeout: .seconds(5), "the binding to take effect") {
            try await kubectl.run(["get", "cm", "-n", namespace, "--as=\(bot)"]).status == 0
        }
        let listed = try await kubectl.ok(["get", "cm", "-n", namespace, "--as=\(bot)", "-o", "name"])
        #expect(Columns.lines(listed).contains("configmap/visible"))
        let got = try await kubectl.json(["get", "cm", "visible", "-n", namespace, "--as=\(bot)"])
        #expect(got["data"] == ["k": "v"])

        let pods = try await kubectl.run(["get", "pods", "-n", namespace, "--as=\(bot)"])
        #expect(pods.status == 1)
        #expect(
            pods.stderr.contains("Error from server (Forbidden): " + Self.forbidden(bot, "list", "pods", namespace: namespace)),
            "\(pods.stderr)")

        let create = try await kubectl.run(["create", "configmap", "new", "--from-literal=a=b", "-n", namespace, "--as=\(bot)"])
        #expect(create.status == 1)
        #expect(create.stderr.contains(Self.forbidden(bot, "create", "configmaps", namespace: namespace)), "\(create.stderr)")
        #expect(try await kubectl.isNotFound(["cm", "new", "-n", namespace]))

        // The Role is namespaced: the same verb elsewhere is forbidden.
        let elsewhere = try await kubectl.run(["get", "cm", "-n", "default", "--as=\(bot)"])
        #expect(elsewhere.status == 1)
        #expect(elsewhere.stderr.contains(Self.forbidden(bot, "list", "configmaps", namespace: "default")), "\(elsewhere.stderr)")
    }

    @Test(arguments: KubectlRelease.spread)
    func authCanIAnswersForTheServiceAccount(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "rbac-can-i-\(release.suffix)"
        let bot = try await Self.setUpBot(kubectl, namespace: namespace)

        /// kubectl's answer and exit status: `yes 0` or `no 1`.
        @Sendable func canI(_ arguments: [String]) async throws -> String {
            let output = try await kubectl.run(["auth", "can-i"] + arguments + ["-n", namespace, "--as=\(bot)"])
            return "\(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) \(output.status)"
        }
        try await eventually(timeout: .seconds(5), "the binding to take effect") {
            try await canI(["list", "configmaps"]) == "yes 0"
        }
        #expect(try await canI(["get", "configmaps/visible"]) == "yes 0")
        #expect(try await canI(["create", "configmaps"]) == "no 1")
        #expect(try await canI(["list", "pods"]) == "no 1")
        #expect(try await kubectl.line(["auth", "can-i", "create", "configmaps", "-n", namespace]) == "yes", "the admin may")

        let list = try await kubectl.ok(["auth", "can-i", "--list", "-n", namespace, "--as=\(bot)"])
        #expect(
            Columns.lines(list).first.map(Columns.words) == ["Resources", "Non-Resource", "URLs", "Resource", "Names", "Verbs"],
            "\(list)")
        #expect(Columns.row(list, named: "configmaps") == ["configmaps", "[]", "[]", "[get", "list]"], "\(list)")
        #expect(Columns.row(list, named: "selfsubjectaccessreviews.authorization.k8s.io") != nil, "system:basic-user's rules")
        #expect(Columns.row(list, named: "pods") == nil)
    }

    @Test(arguments: KubectlRelease.spread)
    func serviceAccountTokenAuthenticatesAsTheServiceAccount(_ release: KubectlRelease) async throws {
        let server = try HollowServer.shared
        let kubectl = server.client(release)
        let namespace = "rbac-token-\(release.suffix)"
        let bot = try await Self.setUpBot(kubectl, namespace: namespace)

        let token = try await kubectl.line(["create", "token", "bot", "-n", namespace])
        #expect(token.split(separator: ".").count == 3, "a JWT: \(token)")
        let asBot = kubectl.with(
            kubeconfig: try kubectl.file("\(namespace).kubeconfig", try Manifests.tokenKubeconfig(server, token: token)))

        try await eventually(timeout: .seconds(5), "the binding to take effect") {
            try await asBot.run(["get", "cm", "-n", namespace]).status == 0
        }
        let listed = try await asBot.ok(["get", "cm", "-n", namespace, "-o", "name"])
        #expect(Columns.lines(listed).contains("configmap/visible"))
        let pods = try await asBot.run(["get", "pods", "-n", namespace])
        #expect(pods.status == 1)
        #expect(pods.stderr.contains(Self.forbidden(bot, "list", "pods", namespace: namespace)), "\(pods.stderr)")
        #expect(try await asBot.run(["auth", "can-i", "list", "configmaps", "-n", namespace]).stdout.hasPrefix("yes"))
        #expect(try await asBot.run(["auth", "can-i", "delete", "configmaps", "-n", namespace]).stdout.hasPrefix("no"))

        // The bot may not impersonate anyone.
        let impersonating = try await asBot.run(["get", "cm", "-n", namespace, "--as=someone-else"])
        #expect(impersonating.status == 1)
        #expect(
            impersonating.stderr.contains(
                #"Error from server (Forbidden): users "someone-else" is forbidden: User "\#(bot)" cannot impersonate resource "users" in API group "" at the cluster scope"#),
            "\(impersonating.stderr)")
        let impersonatingAccount = try await asBot.run(["get", "cm", "-n", namespace, "--as=system:serviceaccount:\(namespace):default"])
        #expect(impersonatingAccount.status == 1)
        #expect(
            impersonatingAccount.stderr.contains(
                #"serviceaccounts "default" is forbidden: User "\#(bot)" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "\#(namespace)""#),
            "\(impersonatingAccount.stderr)")

        // Deleting the account invalidates its tokens.
        try await kubectl.ok(["delete", "sa", "bot", "-n", namespace])
        try await eventually(timeout: .seconds(5), "the token to stop working") {
            try await asBot.run(["get", "cm", "-n", namespace]).stderr.contains("You must be logged in to the server")
        }
    }

    /// kubectl `--token` with a kubeconfig that also holds a client certificate sends both. kube-apiserver tries
    /// the x509 authenticator before the bearer-token ones (`pkg/kubeapiserver/authenticator/config.go`, `New`),
    /// so the certificate's user (here the admin) is who acts.
    @Test(arguments: KubectlRelease.spread)
    func tokenFlagWithAClientCertificateActsAsTheCertificateUser(_ release: KubectlRelease) async throws {
        let kubectl = try HollowServer.shared.client(release)
        let namespace = "rbac-both-\(release.suffix)"
        _ = try await Self.setUpBot(kubectl, namespace: namespace)
        let token = try await kubectl.line(["create", "token", "bot", "-n", namespace])

        let pods = try await kubectl.run(["get", "pods", "-n", namespace, "--token=\(token)"])
        #expect(pods.status == 0, "the admin certificate authenticates first: \(pods.stderr)")
        let canI = try await kubectl.run(["auth", "can-i", "delete", "configmaps", "-n", namespace, "--token=\(token)"])
        #expect(canI.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "yes", "\(canI.stdout)\(canI.stderr)")
    }
}
