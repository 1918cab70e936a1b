import HollowModel
import HollowResources
import Testing

/// The impersonation filter's behaviour (`impersonation_test.go`), against RBAC policy that grants `impersonate`.
@Suite struct ImpersonationTests {
    typealias F = RBACFixtures

    /// `dev` may impersonate any user and the `wheel`/`system:authenticated` groups, `sa-impersonater` service
    /// accounts in `foo`, `extra-setter` the `scopes` extra, `uid-setter` any UID; `limited` only user `tester`.
    static let authorizer = RBACAuthorizer(
        roles: [F.role("impersonate-sa", namespace: "foo", F.rule("impersonate", "", "serviceaccounts"))],
        clusterRoles: [
            F.clusterRole("impersonate-users", F.rule("impersonate", "", "users")),
            F.clusterRole("impersonate-wheel", F.rule("impersonate", "", "groups", names: ["wheel"])),
            F.clusterRole(
                "impersonate-authenticated", F.rule("impersonate", "", "groups", names: ["system:authenticated"])),
            F.clusterRole("impersonate-scopes", F.rule("impersonate", "authentication.k8s.io", "userextras/scopes")),
            F.clusterRole("impersonate-uids", F.rule("impersonate", "authentication.k8s.io", "uids")),
            F.clusterRole("impersonate-tester", F.rule("impersonate", "", "users", names: ["tester"])),
        ],
        roleBindings: [F.roleBinding(namespace: "foo", role: "impersonate-sa", kind: "Role", "User:sa-impersonater")],
        clusterRoleBindings: [
            F.clusterRoleBinding(
                role: "impersonate-users", "User:dev", "User:extra-setter", "User:uid-setter", "User:sa-impersonater"),
            F.clusterRoleBinding(role: "impersonate-wheel", "User:dev"),
            F.clusterRoleBinding(role: "impersonate-authenticated", "User:dev"),
            F.clusterRoleBinding(role: "impersonate-scopes", "User:extra-setter"),
            F.clusterRoleBinding(role: "impersonate-uids", "User:uid-setter"),
            F.clusterRoleBinding(role: "impersonate-tester", "User:limited"),
        ])

    static func impersonate(_ requester: String, _ headers: [(String, String)]) throws(APIError) -> UserInfo? {
        let requester = UserInfo(name: requester, groups: ["system:authenticated"])
        guard
            let request = try Impersonation.requested(headers: headers.map { (name: $0.0, value: $0.1) }, by: requester)
        else { return nil }
        return try request.authorize(with: authorizer)
    }

    @Test func requestsWithoutImpersonationHeadersAreLeftAlone() throws {
        #expect(try Self.impersonate("dev", [("Authorization", "Bearer x"), ("Impersonate", "x")]) == nil)
    }

    @Test func impersonatingAUserAddsSystemAuthenticated() throws {
        let user = try Self.impersonate("dev", [("Impersonate-User", "tester")])
        #expect(user == UserInfo(name: "tester", groups: ["system:authenticated"]))
        #expect(try Self.impersonate("limited", [("impersonate-user", "tester")])?.name == "tester")
    }

    @Test func impersonatingWithoutPermissionIsForbidden() {
        #expect(
            Self.failure("nobody", [("Impersonate-User", "tester")])?.message
                == #"users "tester" is forbidden: User "nobody" cannot impersonate resource "users" in API group "" at the cluster scope"#
        )
        let error = Self.failure("limited", [("Impersonate-User", "admin")])
        #expect(error?.code == 403)
        #expect(error?.reason == .forbidden)
        #expect(error?.details?.kind == "users")
        #expect(error?.details?.name == "admin")
    }

    @Test func groupsAreCheckedOneByOneAndAreTheAuthority() throws {
        #expect(
            try Self.impersonate("dev", [("Impersonate-User", "tester"), ("Impersonate-Group", "wheel")])
                == UserInfo(name: "tester", groups: ["wheel", "system:authenticated"]))
        #expect(
            try Self.impersonate(
                "dev",
                [
                    ("Impersonate-User", "tester"), ("Impersonate-Group", "wheel"),
                    ("Impersonate-Group", "system:authenticated"),
                ])
                == UserInfo(name: "tester", groups: ["wheel", "system:authenticated"]))
        #expect(
            Self.failure(
                "dev",
                [("Impersonate-User", "tester"), ("Impersonate-Group", "wheel"), ("Impersonate-Group", "admins")])?
                .message
                == #"groups "admins" is forbidden: User "dev" cannot impersonate resource "groups" in API group "" at the cluster scope"#
        )
    }

    @Test func impersonatingAServiceAccountChecksItsNamespaceAndGivesItsGroups() throws {
        #expect(
            try Self.impersonate("sa-impersonater", [("Impersonate-User", "system:serviceaccount:foo:default")])
                == UserInfo(
                    name: "system:serviceaccount:foo:default",
                    groups: ["system:serviceaccounts", "system:serviceaccounts:foo", "system:authenticated"]))
        #expect(
            Self.failure("sa-impersonater", [("Impersonate-User", "system:serviceaccount:bar:default")])?.message
                == #"serviceaccounts "default" is forbidden: User "sa-impersonater" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "bar""#
        )
        // Not a valid service account name (upper case namespace): an ordinary user, checked as `users`.
        #expect(
            try Self.impersonate("dev", [("Impersonate-User", "system:serviceaccount:Foo:default")])?.groups
                == ["system:authenticated"])
    }

    @Test func explicitGroupsReplaceAServiceAccountsGroups() throws {
        let request = try Impersonation.requested(
            headers: [
                (name: "Impersonate-User", value: "system:serviceaccount:foo:default"),
                (name: "Impersonate-Group", value: "wheel"),
            ],
            by: UserInfo(name: "dev"))
        #expect(request?.user.groups == ["wheel", "system:authenticated"])
        #expect(request?.checks.map(\.resource) == ["serviceaccounts", "groups"])
    }

    @Test func anonymousGetsSystemUnauthenticated() throws {
        #expect(
            try Self.impersonate("dev", [("Impersonate-User", "system:anonymous")])
                == UserInfo(name: "system:anonymous", groups: ["system:unauthenticated"]))
        #expect(
            try Self.impersonate(
                "dev", [("Impersonate-User", "tester"), ("Impersonate-Group", "system:authenticated")])?.groups
                == ["system:authenticated"])
    }

    @Test func extrasAreCheckedPerValueUnderUserextras() throws {
        let user = try Self.impersonate(
            "extra-setter",
            [
                ("Impersonate-User", "tester"), ("Impersonate-Extra-Scopes", "view"),
                ("impersonate-extra-scopes", "edit"),
            ])
        #expect(user?.extra == ["scopes": ["view", "edit"]])
        #expect(
            Self.failure(
                "extra-setter", [("Impersonate-User", "tester"), ("Impersonate-Extra-Example.org%2Fteam", "a")])?
                .message
                == #"userextras.authentication.k8s.io "a" is forbidden: User "extra-setter" cannot impersonate resource "userextras/example.org/team" in API group "authentication.k8s.io" at the cluster scope"#
        )
        let request = try Impersonation.requested(
            headers: [(name: "Impersonate-User", value: "u"), (name: "Impersonate-Extra-Bad%zzKey", value: "v")],
            by: UserInfo(name: "dev"))
        #expect(request?.user.extra == ["bad%zzkey": ["v"]])
    }

    @Test func uidsAreCheckedAndSet() throws {
        #expect(
            try Self.impersonate("uid-setter", [("Impersonate-User", "tester"), ("Impersonate-Uid", "1234")])
                == UserInfo(name: "tester", uid: "1234", groups: ["system:authenticated"]))
        #expect(
            Self.failure("dev", [("Impersonate-User", "tester"), ("Impersonate-Uid", "1234")])?.message
                == #"uids.authentication.k8s.io "1234" is forbidden: User "dev" cannot impersonate resource "uids" in API group "authentication.k8s.io" at the cluster scope"#
        )
    }

    @Test(arguments: [
        ([("Impersonate-Group", "some-group")], "[{Group  some-group    }]"),
        ([("Impersonate-Extra-scopes", "a")], "[{UserExtra  a  authentication.k8s.io/v1  scopes}]"),
        ([("Impersonate-Uid", "1")], "[{UID  1  authentication.k8s.io/v1  }]"),
    ])
    func impersonatingWithoutAUserIsAnInternalError(_ headers: [(String, String)], _ references: String) {
        let error = Self.failure("dev", headers)
        #expect(error?.code == 500)
        #expect(error?.message == "Internal error occurred: requested \(references) without impersonating a user")
    }

    @Test func checksAreInKubesOrder() throws {
        let request = try #require(
            try Impersonation.requested(
                headers: [
                    (name: "Impersonate-Uid", value: "1"), (name: "Impersonate-Extra-a", value: "x"),
                    (name: "Impersonate-Group", value: "g"), (name: "Impersonate-User", value: "u"),
                ],
                by: UserInfo(name: "dev")))
        #expect(request.checks.map(\.resource) == ["users", "groups", "userextras", "uids"])
        #expect(request.checks.allSatisfy { $0.verb == "impersonate" && $0.user == "dev" })
        #expect(request.checks[2].subresource == "a")
        #expect(request.checks[2].apiGroup == "authentication.k8s.io")
    }

    static func failure(_ requester: String, _ headers: [(String, String)]) -> APIError? {
        do {
            _ = try impersonate(requester, headers)
            return nil
        } catch {
            return error
        }
    }
}
