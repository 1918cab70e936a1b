import HollowModel

/// Core v1 probes, lifecycle hooks, and volumes with their common sources. Rarer volume sources (cloud disks, NFS,
/// CSI, ephemeral claims …) are admitted but not modelled: `Volume` preserves unknown fields.
extension SchemaCatalog {
    mutating func addProbeAndLifecycle() {
        let core = Self.core
        let handlers: KeyValuePairs<String, OpenAPISchema> = [
            "exec": .ref(core("ExecAction"), "Run a command in the container."),
            "httpGet": .ref(core("HTTPGetAction"), "Send an HTTP GET request."),
            "tcpSocket": .ref(core("TCPSocketAction"), "Open a TCP connection."),
            "grpc": .ref(core("GRPCAction"), "Call the gRPC health service."),
        ]
        var probe = OpenAPISchema.object("A health check the kubelet runs against a container.", handlers)
        probe.properties +=
            OpenAPISchema.object(
                nil,
                [
                    "initialDelaySeconds": .int32("Seconds after start before the first check."),
                    "timeoutSeconds": .int32("Seconds before a check times out; 1 by default."),
                    "periodSeconds": .int32("Seconds between checks; 10 by default."),
                    "successThreshold": .int32("Consecutive successes to count as passing after a failure."),
                    "failureThreshold": .int32("Consecutive failures to count as failing; 3 by default."),
                    "terminationGracePeriodSeconds": .int64("Grace period when a failing probe kills the container."),
                ]
            ).properties
        define(core("Probe"), probe)
        object(
            core("ExecAction"), "Runs a command; exit status 0 is success.",
            ["command": .array(.string(), "Command line, run without a shell.").atomic()])
        object(
            core("HTTPGetAction"), "An HTTP GET request; a 2xx or 3xx status is success.", required: ["port"],
            [
                "path": .string("Request path."),
                "port": .intOrString("Port number or name."),
                "host": .string("Host to connect to; the pod IP by default."),
                "scheme": .string("HTTP or HTTPS."),
                "httpHeaders": .array(.ref(core("HTTPHeader")), "Extra request headers.").atomic(),
            ])
        object(
            core("HTTPHeader"), "An HTTP header.", required: ["name", "value"],
            [
                "name": .string("Header name."),
                "value": .string("Header value."),
            ])
        object(
            core("TCPSocketAction"), "Opens a TCP connection; connecting is success.", required: ["port"],
            [
                "port": .intOrString("Port number or name."),
                "host": .string("Host to connect to; the pod IP by default."),
            ])
        object(
            core("GRPCAction"), "Calls the gRPC health checking service.", required: ["port"],
            [
                "port": .int32("Port number."),
                "service": .string("Service name passed in the health check request."),
            ])
        object(
            core("Lifecycle"), "Hooks around a container's life.",
            [
                "postStart": .ref(core("LifecycleHandler"), "Runs right after the container starts."),
                "preStop": .ref(core("LifecycleHandler"), "Runs before the container is stopped."),
                "stopSignal": .string("Signal used to stop the container."),
            ])
        object(
            core("LifecycleHandler"), "An action run by a lifecycle hook; exactly one is set.",
            [
                "exec": .ref(core("ExecAction"), "Run a command in the container."),
                "httpGet": .ref(core("HTTPGetAction"), "Send an HTTP GET request."),
                "tcpSocket": .ref(core("TCPSocketAction"), "Deprecated; not run."),
                "sleep": .ref(core("SleepAction"), "Wait."),
            ])
        object(core("SleepAction"), "Waits.", required: ["seconds"], ["seconds": .int64("How long.")])
    }

    mutating func addVolume() {
        let core = Self.core
        define(
            core("Volume"),
            .object(
                "A named volume containers can mount; exactly one source is set.", required: ["name"],
                [
                    "name": .string("Volume name, unique within the pod (a DNS label)."),
                    "configMap": .ref(core("ConfigMapVolumeSource"), "Files from a ConfigMap."),
                    "secret": .ref(core("SecretVolumeSource"), "Files from a Secret."),
                    "emptyDir": .ref(core("EmptyDirVolumeSource"), "A scratch directory that lives with the pod."),
                    "hostPath": .ref(core("HostPathVolumeSource"), "A path on the node."),
                    "persistentVolumeClaim": .ref(
                        core("PersistentVolumeClaimVolumeSource"), "A PersistentVolumeClaim in the namespace."),
                    "projected": .ref(core("ProjectedVolumeSource"), "Several sources in one directory."),
                    "downwardAPI": .ref(core("DownwardAPIVolumeSource"), "Files with pod fields and resources."),
                ]
            ).with("x-kubernetes-preserve-unknown-fields", true))
        let items = OpenAPISchema.array(.ref(core("KeyToPath")), "Keys to project, and where; all by default.").atomic()
        object(
            core("ConfigMapVolumeSource"), "Projects the keys of a ConfigMap as files.",
            [
                "name": .string("Name of the ConfigMap."),
                "items": items,
                "defaultMode": .int32("File mode bits, 0644 by default."),
                "optional": .boolean("Whether the ConfigMap or keys may be missing."),
            ])
        object(
            core("SecretVolumeSource"), "Projects the keys of a Secret as files.",
            [
                "secretName": .string("Name of the Secret."),
                "items": items,
                "defaultMode": .int32("File mode bits, 0644 by default."),
                "optional": .boolean("Whether the Secret or keys may be missing."),
            ])
        object(
            core("KeyToPath"), "Maps a key to a file.", required: ["key", "path"],
            [
                "key": .string("The key."),
                "path": .string("Relative file path; must not contain '..'."),
                "mode": .int32("File mode bits."),
            ])
        object(
            core("EmptyDirVolumeSource"), "A scratch directory.",
            [
                "medium": .string("Empty for the node's disk, or Memory for tmpfs."),
                "sizeLimit": .quantity("Largest size the volume may use."),
            ])
        object(
            core("HostPathVolumeSource"), "A file or directory on the node.", required: ["path"],
            [
                "path": .string("Path on the node."),
                "type": .string("What must be at the path, such as Directory or FileOrCreate."),
            ])
        object(
            core("PersistentVolumeClaimVolumeSource"), "Mounts a PersistentVolumeClaim.", required: ["claimName"],
            [
                "claimName": .string("Name of the claim."),
                "readOnly": .boolean("Mount read-only."),
            ])
        object(
            core("ProjectedVolumeSource"), "Several sources projected into one directory.",
            [
                "sources": .array(.ref(core("VolumeProjection")), "The sources.").atomic(),
                "defaultMode": .int32("File mode bits, 0644 by default."),
            ])
        object(
            core("VolumeProjection"), "One projected source; exactly one is set.",
            [
                "secret": .ref(core("SecretProjection"), "Keys of a Secret."),
                "downwardAPI": .ref(core("DownwardAPIProjection"), "Pod fields and resources."),
                "configMap": .ref(core("ConfigMapProjection"), "Keys of a ConfigMap."),
                "serviceAccountToken": .ref(core("ServiceAccountTokenProjection"), "A service account token."),
                "clusterTrustBundle": .preserved("Certificates from ClusterTrustBundle objects."),
            ])
        for (kind, noun) in [("ConfigMap", "a ConfigMap"), ("Secret", "a Secret")] {
            object(
                core("\(kind)Projection"), "Projects the keys of \(noun).",
                [
                    "name": .string("Name of the \(kind)."),
                    "items": items,
                    "optional": .boolean("Whether the \(kind) or keys may be missing."),
                ])
        }
        object(
            core("ServiceAccountTokenProjection"), "A token of the pod's service account.", required: ["path"],
            [
                "audience": .string("Intended audience; the API server by default."),
                "expirationSeconds": .int64("Requested validity; one hour by default."),
                "path": .string("Relative file path."),
            ])
        let downwardItems = OpenAPISchema.array(.ref(core("DownwardAPIVolumeFile")), "Files to create.").atomic()
        object(core("DownwardAPIProjection"), "Pod fields and resources as files.", ["items": downwardItems])
        object(
            core("DownwardAPIVolumeSource"), "Pod fields and resources as files.",
            [
                "items": downwardItems,
                "defaultMode": .int32("File mode bits, 0644 by default."),
            ])
        object(
            core("DownwardAPIVolumeFile"), "A file holding a pod field or resource.", required: ["path"],
            [
                "path": .string("Relative file path."),
                "fieldRef": .ref(core("ObjectFieldSelector"), "A field of the pod."),
                "resourceFieldRef": .ref(core("ResourceFieldSelector"), "A container's resource limit or request."),
                "mode": .int32("File mode bits."),
            ])
    }
}
