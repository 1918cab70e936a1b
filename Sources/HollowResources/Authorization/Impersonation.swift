import HollowModel

/// A request to act as another user (`kubectl --as`, `--as-group`, `--as-uid`), read from the `Impersonate-*`
/// headers as kube-apiserver's impersonation filter reads them.
///
/// The requester must be allowed verb `impersonate` on each thing asked for: `users` (or `serviceaccounts` in
/// the account's namespace, for `system:serviceaccount:NS:NAME`) and `groups` in the core group, and
/// `userextras/KEY` and `uids` in `authentication.k8s.io`, each named by the value asked for.
public struct Impersonation: Sendable, Hashable {
    /// What the requester must be allowed, in kube's order: the user, each group, each extra value, the UID.
    public var checks: [AuthorizationAttributes]
    /// Whom the request runs as once every check passes. Without `Impersonate-Group`, a service account gets its
    /// groups (`system:serviceaccounts`, `system:serviceaccounts:NS`); every user but `system:anonymous` gets
    /// `system:authenticated` unless the groups name it or `system:unauthenticated`; the anonymous user gets
    /// `system:unauthenticated`.
    public var user: UserInfo

    public static let userHeader = "Impersonate-User"
    public static let groupHeader = "Impersonate-Group"
    public static let uidHeader = "Impersonate-Uid"
    public static let extraHeaderPrefix = "Impersonate-Extra-"

    /// Reads the impersonation headers (names compared case-insensitively, values in order).
    /// - Returns: `nil` when there are none.
    /// - Throws: a 500 `requested [...] without impersonating a user` when groups, extras or a UID come without
    ///   `Impersonate-User`, as kube-apiserver answers.
    public static func requested(
        headers: [(name: String, value: String)], by requester: UserInfo
    ) throws(APIError) -> Impersonation? {
        func values(_ header: String) -> [String] {
            headers.filter { $0.name.lowercased() == header.lowercased() }.map(\.value)
        }
        let requestedUser = values(userHeader).first ?? ""
        let requestedGroups = values(groupHeader)
        let requestedUID = values(uidHeader).first ?? ""
        var extras: [(key: String, values: [String])] = []
        let prefix = extraHeaderPrefix.lowercased()
        for header in headers where header.name.lowercased().hasPrefix(prefix) {
            let key = percentDecoded(String(header.name.lowercased().dropFirst(prefix.count)))
            if let index = extras.firstIndex(where: { $0.key == key }) {
                extras[index].values.append(header.value)
            } else {
                extras.append((key, [header.value]))
            }
        }

        var references: [Reference] = []
        if !requestedUser.isEmpty {
            if let account = UserInfo.splitServiceAccountUsername(requestedUser) {
                references.append(Reference(kind: "ServiceAccount", namespace: account.namespace, name: account.name))
            } else {
                references.append(Reference(kind: "User", name: requestedUser))
            }
        }
        references += requestedGroups.map { Reference(kind: "Group", name: $0) }
        for extra in extras {
            references += extra.values.map {
                Reference(kind: "UserExtra", name: $0, apiVersion: "authentication.k8s.io/v1", fieldPath: extra.key)
            }
        }
        if !requestedUID.isEmpty {
            references.append(Reference(kind: "UID", name: requestedUID, apiVersion: "authentication.k8s.io/v1"))
        }
        if references.isEmpty { return nil }
        if requestedUser.isEmpty {
            let list = references.map(\.goSyntax).joined(separator: " ")
            throw .internalError("requested [\(list)] without impersonating a user")
        }

        var user = UserInfo(name: "", uid: requestedUID)
        var checks: [AuthorizationAttributes] = []
        for reference in references {
            switch reference.kind {
            case "ServiceAccount":
                user.name = UserInfo.serviceAccountUsername(namespace: reference.namespace, name: reference.name)
                if requestedGroups.isEmpty {
                    user.groups = UserInfo.serviceAccountGroups(namespace: reference.namespace)
                }
                checks.append(
                    AuthorizationAttributes(
                        user: requester, verb: "impersonate", apiVersion: "v1", resource: "serviceaccounts",
                        namespace: reference.namespace, name: reference.name))
            case "User":
                user.name = reference.name
                checks.append(
                    AuthorizationAttributes(
                        user: requester, verb: "impersonate", apiVersion: "v1", resource: "users", name: reference.name)
                )
            case "Group":
                user.groups.append(reference.name)
                checks.append(
                    AuthorizationAttributes(
                        user: requester, verb: "impersonate", apiVersion: "v1", resource: "groups", name: reference.name
                    ))
            case "UserExtra":
                user.extra[reference.fieldPath, default: []].append(reference.name)
                checks.append(
                    AuthorizationAttributes(
                        user: requester, verb: "impersonate", apiGroup: "authentication.k8s.io", apiVersion: "v1",
                        resource: "userextras", subresource: reference.fieldPath, name: reference.name))
            default:
                checks.append(
                    AuthorizationAttributes(
                        user: requester, verb: "impersonate", apiGroup: "authentication.k8s.io", apiVersion: "v1",
                        resource: "uids", name: reference.name))
            }
        }
        if user.name != UserInfo.anonymousName {
            if !user.groups.contains(where: { $0 == UserInfo.allAuthenticated || $0 == UserInfo.allUnauthenticated }) {
                user.groups.append(UserInfo.allAuthenticated)
            }
        } else if !user.groups.contains(UserInfo.allUnauthenticated) {
            user.groups.append(UserInfo.allUnauthenticated)
        }
        return Impersonation(checks: checks, user: user)
    }

    /// Authorizes every check in order.
    /// - Returns: the impersonated user.
    /// - Throws: the Forbidden for the first check not allowed, e.g. `users "x" is forbidden: User "y" cannot
    ///   impersonate resource "users" in API group "" at the cluster scope`.
    public func authorize(with authorizer: some Authorizer) throws(APIError) -> UserInfo {
        for check in checks {
            switch authorizer.authorize(check) {
            case .allow: continue
            case .deny(let reason): throw check.forbiddenError(reason: reason)
            case .noOpinion: throw check.forbiddenError(reason: "")
            }
        }
        return user
    }

    /// The `v1.ObjectReference` kube builds per impersonated thing; `goSyntax` is its `%v`, which the error shows.
    struct Reference {
        var kind: String
        var namespace = ""
        var name: String
        var apiVersion = ""
        var fieldPath = ""

        var goSyntax: String {
            "{" + [kind, namespace, name, "", apiVersion, "", fieldPath].joined(separator: " ") + "}"
        }
    }

    /// `url.PathUnescape`, or the text unchanged when it has a malformed escape.
    static func percentDecoded(_ text: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard input.count >= 2, let high = hexValue(input[input.startIndex]),
                let low = hexValue(input[input.startIndex + 1])
            else { return text }
            bytes.append(high << 4 | low)
            input = input.dropFirst(2)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
