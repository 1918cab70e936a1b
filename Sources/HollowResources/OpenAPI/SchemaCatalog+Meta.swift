import HollowModel

/// `meta.k8s.io/v1` and the apimachinery value types every kind uses.
extension SchemaCatalog {
    mutating func addMeta() {
        typealias S = OpenAPISchema
        let meta = Self.meta

        object(
            Self.objectMeta, "Metadata every persisted object carries: identity, labels, ownership and lifecycle.",
            [
                "name": .string("Unique name within the namespace (or the cluster for cluster-scoped kinds)."),
                "generateName": .string("Prefix from which the server generates a unique name when `name` is empty."),
                "namespace": .string("The namespace the object lives in; empty for cluster-scoped kinds."),
                "selfLink": .string("Deprecated and no longer set."),
                "uid": .string("Unique identifier the server assigns on create; never reused."),
                "resourceVersion": .string("Opaque version of the object, for optimistic concurrency and watches."),
                "generation": .int64("Sequence number of changes to the desired state, set by the server."),
                "creationTimestamp": .time("When the server created the object."),
                "deletionTimestamp": .time("When the object will be (or started being) deleted; set by the server."),
                "deletionGracePeriodSeconds": .int64("Seconds the object has to terminate gracefully."),
                "labels": .stringMap("Key/value pairs for organising and selecting objects."),
                "annotations": .stringMap("Key/value pairs for tools and controllers; not used for selection."),
                "ownerReferences": .array(.ref(meta("OwnerReference")), "Objects this one depends on.")
                    .mergeMap("uid"),
                "finalizers": .array(.string(), "Conditions that must be cleared before the object is deleted.")
                    .patchMerge().set(),
                "managedFields": .array(.ref(meta("ManagedFieldsEntry")), "Which field manager owns which fields.")
                    .atomic(),
            ])
        object(
            Self.listMeta, "Metadata of a list or a list-like response.",
            [
                "selfLink": .string("Deprecated and no longer set."),
                "resourceVersion": .string("Version of the collection the list was read at."),
                "continue": .string("Opaque token to fetch the next page; empty on the last page."),
                "remainingItemCount": .int64("Approximate number of items after this page, when known."),
            ])
        define(
            meta("OwnerReference"),
            .object(
                "Identifies an owning object; owned objects are garbage-collected with their owner.",
                required: ["apiVersion", "kind", "name", "uid"],
                [
                    "apiVersion": .string("API version of the owner."),
                    "kind": .string("Kind of the owner."),
                    "name": .string("Name of the owner."),
                    "uid": .string("UID of the owner."),
                    "controller": .boolean("Whether the owner is the managing controller; at most one is."),
                    "blockOwnerDeletion": .boolean("Whether foreground deletion of the owner waits for this object."),
                ]
            ).atomicStruct())
        object(
            meta("ManagedFieldsEntry"), "The fields one manager owns, as recorded by server-side apply.",
            [
                "manager": .string("Name of the field manager."),
                "operation": .string("Apply or Update."),
                "apiVersion": .string("API version the fields are expressed in."),
                "time": .time("When the entry last changed."),
                "fieldsType": .string("Format of fieldsV1; only FieldsV1."),
                "fieldsV1": .ref(meta("FieldsV1"), "The set of owned fields."),
                "subresource": .string("The subresource the fields were written through, if any."),
            ])
        define(
            meta("FieldsV1"), .preserved("A set of field paths in the structured-merge-diff trie format."))
        define(Self.time, .string("A timestamp in RFC 3339 form with second precision, in UTC.", format: "date-time"))
        define(
            Self.microTime, .string("A timestamp in RFC 3339 form with microsecond precision.", format: "date-time"))
        define(
            Self.quantity,
            S(
                shape: .quantity,
                description: "A fixed-point amount with an optional suffix, such as `500m`, `2Gi` or `1.5`."))
        define(Self.intOrString, S(shape: .intOrString, description: "Either an integer or a string."))
        define(Self.rawExtension, .preserved("An embedded object of any kind."))
        define(
            Self.labelSelector,
            .object(
                "Selects objects by label; all requirements must hold. Empty selects everything.",
                [
                    "matchLabels": .stringMap("Labels that must be present with exactly these values."),
                    "matchExpressions": .array(.ref(meta("LabelSelectorRequirement")), "Set-based requirements.")
                        .atomic(),
                ]
            ).atomicStruct())
        object(
            meta("LabelSelectorRequirement"), "One set-based label requirement.", required: ["key", "operator"],
            [
                "key": .string("The label key."),
                "operator": .string("In, NotIn, Exists or DoesNotExist."),
                "values": .array(.string(), "Values for In and NotIn; empty for Exists and DoesNotExist.").atomic(),
            ])

        var status = S.object(
            "The result of an operation that returns no object, and the body of every error.",
            [
                "status": .string("Success or Failure."),
                "message": .string("Human-readable explanation."),
                "reason": .string("Machine-readable reason, such as NotFound or Conflict."),
                "details": .ref(meta("StatusDetails"), "More about the object the status is about."),
                "code": .int32("The HTTP status code."),
            ])
        status.properties =
            Self.typeMetaProperties(metadata: .ref(Self.listMeta, "Standard list metadata."))
            + status.properties
        define(
            Self.status,
            status.with("x-kubernetes-group-version-kind", [["group": "", "kind": "Status", "version": "v1"]]))
        object(
            meta("StatusDetails"), "The object a Status is about, and the causes of a failure.",
            [
                "name": .string("Name of the object."),
                "group": .string("API group of the object."),
                "kind": .string("Kind (or resource) of the object."),
                "uid": .string("UID of the object."),
                "causes": .array(.ref(meta("StatusCause")), "Individual causes, such as invalid fields.").atomic(),
                "retryAfterSeconds": .int32("Seconds the client should wait before retrying."),
            ])
        object(
            meta("StatusCause"), "One reason an operation failed.",
            [
                "reason": .string("Machine-readable cause, such as FieldValueInvalid."),
                "message": .string("Human-readable explanation."),
                "field": .string("Path of the field at fault, such as `spec.containers[0].name`."),
            ])
        var deleteOptions = S.object(
            "Options of a delete request.",
            [
                "gracePeriodSeconds": .int64("Seconds to wait before deleting; 0 deletes at once."),
                "preconditions": .ref(meta("Preconditions"), "Must hold for the delete to proceed."),
                "orphanDependents": .boolean("Deprecated: use propagationPolicy Orphan."),
                "propagationPolicy": .string("Orphan, Background or Foreground: what happens to dependents."),
                "dryRun": .array(.string(), "`All` to validate without persisting.").atomic(),
                "ignoreStoreReadErrorWithClusterBreakingPotential": .boolean(
                    "Delete an object that cannot be read from storage; dangerous."),
            ])
        deleteOptions.properties = Self.typeMetaProperties() + deleteOptions.properties
        define(Self.deleteOptions, deleteOptions)
        object(
            meta("Preconditions"), "Conditions a delete requires.",
            [
                "uid": .string("The object must have this UID."),
                "resourceVersion": .string("The object must be at this resource version."),
            ])
        object(
            Self.watchEvent, "One event of a watch stream.", required: ["type", "object"],
            [
                "type": .string("ADDED, MODIFIED, DELETED, BOOKMARK or ERROR."),
                "object": .ref(Self.rawExtension, "The object after the event, or a Status for ERROR."),
            ])
        define(Self.patch, .object("A patch document; its format is given by the request's Content-Type.", [:]))
        object(
            Self.versionInfo, "The server's version.",
            required: [
                "major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler",
                "platform",
            ],
            [
                "major": .string("Major version."),
                "minor": .string("Minor version."),
                "emulationMajor": .string("Major version being emulated, if any."),
                "emulationMinor": .string("Minor version being emulated, if any."),
                "minCompatibilityMajor": .string("Oldest major version this server is compatible with."),
                "minCompatibilityMinor": .string("Oldest minor version this server is compatible with."),
                "gitVersion": .string("Semantic version, such as v1.33.1."),
                "gitCommit": .string("Source commit."),
                "gitTreeState": .string("clean or dirty."),
                "buildDate": .string("When the binary was built, RFC 3339."),
                "goVersion": .string("Toolchain the binary was built with."),
                "compiler": .string("Compiler the binary was built with."),
                "platform": .string("OS and architecture, such as linux/amd64."),
            ])
    }

    /// The documents discovery serves (`APIVersions`, `APIGroupList`, `APIGroup`, `APIResourceList`).
    mutating func addDiscovery() {
        typealias S = OpenAPISchema
        let meta = Self.meta
        func withTypeMeta(_ schema: S) -> S {
            var schema = schema
            schema.properties = Self.typeMetaProperties() + schema.properties
            return schema
        }
        define(
            meta("APIVersions"),
            withTypeMeta(
                .object(
                    "The versions of the core API group (`/api`).",
                    required: ["versions", "serverAddressByClientCIDRs"],
                    [
                        "versions": .array(.string(), "Served versions.").atomic(),
                        "serverAddressByClientCIDRs": .array(
                            .ref(meta("ServerAddressByClientCIDR")), "Addresses clients should use, by client network."
                        ).atomic(),
                    ])
            ).with("x-kubernetes-group-version-kind", [["group": "", "kind": "APIVersions", "version": "v1"]]))
        define(
            meta("APIGroupList"),
            withTypeMeta(
                .object(
                    "The named API groups (`/apis`).", required: ["groups"],
                    ["groups": .array(.ref(meta("APIGroup")), "Served groups.").atomic()])
            ).with("x-kubernetes-group-version-kind", [["group": "", "kind": "APIGroupList", "version": "v1"]]))
        define(
            meta("APIGroup"),
            withTypeMeta(
                .object(
                    "One API group and its versions (`/apis/GROUP`).", required: ["name", "versions"],
                    [
                        "name": .string("Name of the group."),
                        "versions": .array(.ref(meta("GroupVersionForDiscovery")), "Served versions.").atomic(),
                        "preferredVersion": .ref(meta("GroupVersionForDiscovery"), "The version clients should use."),
                        "serverAddressByClientCIDRs": .array(
                            .ref(meta("ServerAddressByClientCIDR")), "Addresses clients should use, by client network."
                        ).atomic(),
                    ])
            ).with("x-kubernetes-group-version-kind", [["group": "", "kind": "APIGroup", "version": "v1"]]))
        object(
            meta("GroupVersionForDiscovery"), "One version of a group.", required: ["groupVersion", "version"],
            [
                "groupVersion": .string("`group/version`."),
                "version": .string("The version alone."),
            ])
        object(
            meta("ServerAddressByClientCIDR"), "The address clients on a network should use.",
            required: ["clientCIDR", "serverAddress"],
            [
                "clientCIDR": .string("Client network this entry applies to."),
                "serverAddress": .string("`host:port` for those clients."),
            ])
        define(
            meta("APIResourceList"),
            withTypeMeta(
                .object(
                    "The resources of one group-version (`/api/v1`, `/apis/GROUP/VERSION`).",
                    required: ["groupVersion", "resources"],
                    [
                        "groupVersion": .string("`group/version`, or `v1` for the core group."),
                        "resources": .array(.ref(meta("APIResource")), "Resources and subresources.").atomic(),
                    ])
            ).with("x-kubernetes-group-version-kind", [["group": "", "kind": "APIResourceList", "version": "v1"]]))
        object(
            meta("APIResource"), "A resource or subresource and what can be done with it.",
            required: ["name", "singularName", "namespaced", "kind", "verbs"],
            [
                "name": .string("Plural name, or `resource/subresource`."),
                "singularName": .string("Singular name; empty for subresources."),
                "namespaced": .boolean("Whether objects live in namespaces."),
                "group": .string("Group of the kind, when it differs from the list's."),
                "version": .string("Version of the kind, when it differs from the list's."),
                "kind": .string("Kind read and written here."),
                "verbs": .array(.string(), "Supported verbs."),
                "shortNames": .array(.string(), "Abbreviations kubectl accepts.").atomic(),
                "categories": .array(.string(), "Groupings such as `all`.").atomic(),
                "storageVersionHash": .string("Fingerprint of the storage version."),
            ])
    }
}
