import HollowModel

/// Core v1 Container and what it is made of: ports, environment, resources, mounts and security settings.
extension SchemaCatalog {
    mutating func addContainer() {
        let core = Self.core
        let container = OpenAPISchema.object(
            "A container in a pod.", required: ["name"],
            [
                "name": .string("Name, unique within the pod (a DNS label)."),
                "image": .string("Image to run."),
                "command": .array(.string(), "Entrypoint; the image's ENTRYPOINT by default.").atomic(),
                "args": .array(.string(), "Arguments to the entrypoint; the image's CMD by default.").atomic(),
                "workingDir": .string("Working directory; the image's by default."),
                "ports": .array(.ref(core("ContainerPort")), "Ports the container listens on (informational).")
                    .patchMerge(key: "containerPort").listMap("containerPort", "protocol"),
                "envFrom": .array(.ref(core("EnvFromSource")), "Sources of many environment variables at once.")
                    .atomic(),
                "env": .array(.ref(core("EnvVar")), "Environment variables; these win over envFrom.")
                    .mergeMap("name"),
                "resources": .ref(core("ResourceRequirements"), "Compute resources the container needs."),
                "resizePolicy": .array(.ref(core("ContainerResizePolicy")), "How to apply in-place resizes.")
                    .atomic(),
                "restartPolicy": .string("Always for a sidecar init container; otherwise unset."),
                "volumeMounts": .array(.ref(core("VolumeMount")), "Volumes mounted into the filesystem.")
                    .mergeMap("mountPath"),
                "volumeDevices": .array(.ref(core("VolumeDevice")), "Block devices exposed to the container.")
                    .mergeMap("devicePath"),
                "livenessProbe": .ref(core("Probe"), "Restart the container when this fails."),
                "readinessProbe": .ref(core("Probe"), "Take the pod out of service endpoints when this fails."),
                "startupProbe": .ref(core("Probe"), "Hold other probes back until this succeeds."),
                "lifecycle": .ref(core("Lifecycle"), "Hooks run after start and before stop."),
                "terminationMessagePath": .string("File whose content becomes the termination message."),
                "terminationMessagePolicy": .string("File, or FallbackToLogsOnError."),
                "imagePullPolicy": .string("Always, Never or IfNotPresent."),
                "securityContext": .ref(core("SecurityContext"), "Security settings of the container."),
                "stdin": .boolean("Allocate a stdin buffer."),
                "stdinOnce": .boolean("Close stdin after the first attach detaches."),
                "tty": .boolean("Allocate a TTY."),
            ])
        define(core("Container"), container)
        var ephemeral = container
        ephemeral.description = "A temporary container added to a running pod for debugging."
        ephemeral.properties.append(
            .init(name: "targetContainerName", schema: .string("Container whose namespaces this one joins.")))
        define(core("EphemeralContainer"), ephemeral)

        object(
            core("ContainerPort"), "A port a container listens on.", required: ["containerPort"],
            [
                "name": .string("Port name (an IANA service name), for reference by services and probes."),
                "hostPort": .int32("Port to expose on the node."),
                "containerPort": .int32("Port number in the pod's network namespace."),
                "protocol": .string("TCP, UDP or SCTP; TCP by default.").with("default", "TCP"),
                "hostIP": .string("Node IP to bind hostPort to."),
            ])
        object(
            core("EnvVar"), "An environment variable.", required: ["name"],
            [
                "name": .string("Variable name."),
                "value": .string("Value; `$(VAR)` expands earlier variables."),
                "valueFrom": .ref(core("EnvVarSource"), "Where to read the value from, instead of value."),
            ])
        object(
            core("EnvVarSource"), "Where an environment variable's value comes from; exactly one is set.",
            [
                "fieldRef": .ref(core("ObjectFieldSelector"), "A field of the pod."),
                "resourceFieldRef": .ref(core("ResourceFieldSelector"), "A resource limit or request."),
                "configMapKeyRef": .ref(core("ConfigMapKeySelector"), "A key of a ConfigMap."),
                "secretKeyRef": .ref(core("SecretKeySelector"), "A key of a Secret."),
            ])
        define(
            core("ObjectFieldSelector"),
            .object(
                "Selects a field of the pod.", required: ["fieldPath"],
                [
                    "apiVersion": .string("Version the path is written in; v1 by default."),
                    "fieldPath": .string("Path of the field, such as `metadata.name`."),
                ]
            ).atomicStruct())
        define(
            core("ResourceFieldSelector"),
            .object(
                "Selects a container's resource limit or request.", required: ["resource"],
                [
                    "containerName": .string("Container to read; required for volumes."),
                    "resource": .string("Such as `limits.cpu` or `requests.memory`."),
                    "divisor": .quantity("Unit the value is expressed in; 1 by default."),
                ]
            ).atomicStruct())
        for (kind, noun) in [("ConfigMap", "a ConfigMap"), ("Secret", "a Secret")] {
            define(
                core("\(kind)KeySelector"),
                .object(
                    "Selects a key of \(noun).", required: ["key"],
                    [
                        "name": .string("Name of the \(kind)."),
                        "key": .string("The key."),
                        "optional": .boolean("Whether the \(kind) or key may be missing."),
                    ]
                ).atomicStruct())
            object(
                core("\(kind)EnvSource"), "Makes every key of \(noun) an environment variable.",
                [
                    "name": .string("Name of the \(kind)."),
                    "optional": .boolean("Whether the \(kind) may be missing."),
                ])
        }
        object(
            core("EnvFromSource"), "A source of environment variables.",
            [
                "prefix": .string("Prefix added to every variable name."),
                "configMapRef": .ref(core("ConfigMapEnvSource"), "A ConfigMap to read."),
                "secretRef": .ref(core("SecretEnvSource"), "A Secret to read."),
            ])
        object(
            core("ResourceRequirements"), "Compute resources requested and their limits.",
            [
                "limits": .resourceList("Most the container may use."),
                "requests": .resourceList("What scheduling reserves; limits by default."),
                "claims": .array(.ref(core("ResourceClaim")), "Dynamic resource claims used.").listMap("name"),
            ])
        object(
            core("ResourceClaim"), "Refers to one of the pod's resource claims.", required: ["name"],
            [
                "name": .string("Name in the pod's spec.resourceClaims."),
                "request": .string("A request within the claim."),
            ])
        object(
            core("VolumeMount"), "Mounts a volume into a container.", required: ["name", "mountPath"],
            [
                "name": .string("Name of the pod volume."),
                "readOnly": .boolean("Mount read-only."),
                "recursiveReadOnly": .string("Disabled, IfPossible or Enabled."),
                "mountPath": .string("Path in the container; must not contain ':'."),
                "subPath": .string("Path inside the volume to mount instead of its root."),
                "mountPropagation": .string("None, HostToContainer or Bidirectional."),
                "subPathExpr": .string("Like subPath, expanding `$(VAR)` from the environment."),
            ])
        object(
            core("VolumeDevice"), "Exposes a raw block volume.", required: ["name", "devicePath"],
            [
                "name": .string("Name of the persistent volume claim in the pod."),
                "devicePath": .string("Path of the device in the container."),
            ])
        object(
            core("ContainerResizePolicy"), "How a resource is resized in place.",
            required: ["resourceName", "restartPolicy"],
            [
                "resourceName": .string("cpu or memory."),
                "restartPolicy": .string("NotRequired or RestartContainer."),
            ])
        addSecurityContext()
    }

    private mutating func addSecurityContext() {
        let core = Self.core
        object(
            core("SecurityContext"), "Security settings of a container; these win over the pod's.",
            [
                "capabilities": .ref(core("Capabilities"), "Capabilities to add and drop."),
                "privileged": .boolean("Run with host root privileges."),
                "seLinuxOptions": .ref(core("SELinuxOptions"), "SELinux context."),
                "windowsOptions": .ref(core("WindowsSecurityContextOptions"), "Windows settings."),
                "runAsUser": .int64("UID of the entrypoint process."),
                "runAsGroup": .int64("GID of the entrypoint process."),
                "runAsNonRoot": .boolean("Refuse to start as UID 0."),
                "readOnlyRootFilesystem": .boolean("Mount the root filesystem read-only."),
                "allowPrivilegeEscalation": .boolean("Allow gaining more privileges than the parent process."),
                "procMount": .string("Default or Unmasked."),
                "seccompProfile": .ref(core("SeccompProfile"), "Seccomp filter."),
                "appArmorProfile": .ref(core("AppArmorProfile"), "AppArmor profile."),
            ])
        object(
            core("PodSecurityContext"), "Security settings applied to every container of a pod.",
            [
                "seLinuxOptions": .ref(core("SELinuxOptions"), "SELinux context."),
                "windowsOptions": .ref(core("WindowsSecurityContextOptions"), "Windows settings."),
                "runAsUser": .int64("UID of entrypoint processes."),
                "runAsGroup": .int64("GID of entrypoint processes."),
                "runAsNonRoot": .boolean("Refuse to start containers as UID 0."),
                "supplementalGroups": .array(.int64(), "Extra groups of the first process.").atomic(),
                "supplementalGroupsPolicy": .string("Merge or Strict."),
                "fsGroup": .int64("Group that owns volumes and is added to every process."),
                "sysctls": .array(.ref(core("Sysctl")), "Namespaced kernel parameters.").atomic(),
                "fsGroupChangePolicy": .string("OnRootMismatch or Always."),
                "seccompProfile": .ref(core("SeccompProfile"), "Seccomp filter."),
                "appArmorProfile": .ref(core("AppArmorProfile"), "AppArmor profile."),
                "seLinuxChangePolicy": .string("MountOption or Recursive."),
            ])
        object(
            core("Capabilities"), "Linux capabilities to add and drop.",
            [
                "add": .array(.string(), "Capabilities to add.").atomic(),
                "drop": .array(.string(), "Capabilities to drop.").atomic(),
            ])
        object(
            core("SELinuxOptions"), "An SELinux context.",
            [
                "user": .string("SELinux user."),
                "role": .string("SELinux role."),
                "type": .string("SELinux type."),
                "level": .string("SELinux level."),
            ])
        object(
            core("SeccompProfile"), "A seccomp profile.", required: ["type"],
            [
                "type": .string("RuntimeDefault, Unconfined or Localhost."),
                "localhostProfile": .string("Profile file on the node, for Localhost."),
            ])
        object(
            core("AppArmorProfile"), "An AppArmor profile.", required: ["type"],
            [
                "type": .string("RuntimeDefault, Unconfined or Localhost."),
                "localhostProfile": .string("Profile loaded on the node, for Localhost."),
            ])
        object(
            core("WindowsSecurityContextOptions"), "Windows security settings.",
            [
                "gmsaCredentialSpecName": .string("GMSA credential spec resource."),
                "gmsaCredentialSpec": .string("Inlined GMSA credential spec."),
                "runAsUserName": .string("User to run as."),
                "hostProcess": .boolean("Run as a host process."),
            ])
        object(
            core("Sysctl"), "A kernel parameter.", required: ["name", "value"],
            [
                "name": .string("Parameter name."),
                "value": .string("Parameter value."),
            ])
    }
}
