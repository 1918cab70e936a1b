import HollowModel

/// Kinds of the named groups: coordination.k8s.io/v1 Lease, and the subresource kinds autoscaling/v1 Scale and
/// policy/v1 Eviction.
extension SchemaCatalog {
    mutating func addNamedGroups() {
        let coordination = { (type: String) in "io.k8s.api.coordination.v1.\(type)" }
        kind(
            coordination("Lease"), KindReference(group: "coordination.k8s.io", version: "v1", kind: "Lease"),
            "A lock held by one holder for a while, used for leader election and node heartbeats.",
            ["spec": .ref(coordination("LeaseSpec"), "Who holds the lease and for how long.")])
        object(
            coordination("LeaseSpec"), "Holder and timing of a lease.",
            [
                "holderIdentity": .string("Who holds the lease."),
                "leaseDurationSeconds": .int32("How long candidates wait after renewTime before taking over."),
                "acquireTime": .microTime("When the current holder acquired the lease."),
                "renewTime": .microTime("When the holder last renewed the lease."),
                "leaseTransitions": .int32("How many times the lease changed holders."),
                "strategy": .string("Coordinated leader election strategy, such as OldestEmulationVersion."),
                "preferredHolder": .string("Holder the lease should pass to, in coordinated leader election."),
            ])

        let autoscaling = { (type: String) in "io.k8s.api.autoscaling.v1.\(type)" }
        subresourceKind(
            Self.scale, KindReference(group: "autoscaling", version: "v1", kind: "Scale"),
            "The replica count of a scalable resource (its `scale` subresource).",
            [
                "spec": .ref(autoscaling("ScaleSpec"), "The desired replica count."),
                "status": .ref(autoscaling("ScaleStatus"), "The current replica count."),
            ])
        object(autoscaling("ScaleSpec"), "Desired scale.", ["replicas": .int32("Desired number of replicas.")])
        object(
            autoscaling("ScaleStatus"), "Observed scale.", required: ["replicas"],
            [
                "replicas": .int32("Current number of replicas."),
                "selector": .string("Label selector of the replicas, in query-string form."),
            ])

        subresourceKind(
            Self.eviction, KindReference(group: "policy", version: "v1", kind: "Eviction"),
            "Asks to delete a pod while honouring disruption budgets (POST to `pods/NAME/eviction`).",
            ["deleteOptions": .ref(Self.deleteOptions, "Options for the deletion.")])

        subresourceKind(
            Self.tokenRequest, KindReference(group: "authentication.k8s.io", version: "v1", kind: "TokenRequest"),
            "Asks for a token of a service account (POST to `serviceaccounts/NAME/token`).",
            required: ["spec"],
            [
                "spec": .ref(Self.authentication("TokenRequestSpec"), "What the token is for."),
                "status": .ref(Self.authentication("TokenRequestStatus"), "The issued token."),
            ])
        object(
            Self.authentication("TokenRequestSpec"), "What a requested token is for.", required: ["audiences"],
            [
                "audiences": .array(.string("An audience."), "Who the token is meant for."),
                "expirationSeconds": .int64("How long the token is valid."),
                "boundObjectRef": .object("The object the token is bound to.", [:]),
            ])
        object(
            Self.authentication("TokenRequestStatus"), "An issued token.", required: ["token", "expirationTimestamp"],
            [
                "token": .string("The bearer token."),
                "expirationTimestamp": .ref(Self.time, "When the token expires."),
            ])
    }
}
