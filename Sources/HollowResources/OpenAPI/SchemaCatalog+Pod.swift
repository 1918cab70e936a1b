import HollowModel

/// Core v1 Pod: the kind, its spec and its status. Containers, volumes and scheduling have their own files.
extension SchemaCatalog {
    mutating func addPod() {
        let core = Self.core
        kind(
            core("Pod"), Self.coreKind("Pod"), "A group of containers scheduled together onto one node.",
            [
                "spec": .ref(core("PodSpec"), "What the pod should run and how."),
                "status": .ref(core("PodStatus"), "What the pod is doing, as last reported."),
            ])
        object(
            core("PodSpec"), "Desired state of a pod.", required: ["containers"],
            [
                "volumes": .array(.ref(core("Volume")), "Volumes the containers can mount.")
                    .patchMerge(key: "name", retainKeys: true).listMap("name"),
                "initContainers": .array(.ref(core("Container")), "Containers run to completion, in order, first.")
                    .mergeMap("name"),
                "containers": .array(.ref(core("Container")), "The pod's containers; at least one.")
                    .mergeMap("name"),
                "ephemeralContainers": .array(
                    .ref(core("EphemeralContainer")), "Debugging containers added to a running pod."
                ).mergeMap("name"),
                "restartPolicy": .string("Always, OnFailure or Never."),
                "terminationGracePeriodSeconds": .int64("Seconds containers get to stop before they are killed."),
                "activeDeadlineSeconds": .int64("Seconds the pod may run before it is failed."),
                "dnsPolicy": .string("ClusterFirst, ClusterFirstWithHostNet, Default or None."),
                "nodeSelector": .stringMap("Labels a node must have for the pod to run there.").atomicStruct(),
                "serviceAccountName": .string("Service account the pod runs as."),
                "serviceAccount": .string("Deprecated alias of serviceAccountName."),
                "automountServiceAccountToken": .boolean("Whether to mount an API token."),
                "nodeName": .string("Node the pod is bound to; set by the scheduler."),
                "hostNetwork": .boolean("Use the node's network namespace."),
                "hostPID": .boolean("Use the node's process namespace."),
                "hostIPC": .boolean("Use the node's IPC namespace."),
                "shareProcessNamespace": .boolean("Share one process namespace between the containers."),
                "securityContext": .ref(core("PodSecurityContext"), "Security settings for all containers."),
                "imagePullSecrets": .array(.ref(core("LocalObjectReference")), "Secrets used to pull images.")
                    .mergeMap("name"),
                "hostname": .string("Hostname of the pod; the pod name by default."),
                "subdomain": .string("Subdomain, for a DNS name under a headless service."),
                "affinity": .ref(core("Affinity"), "Scheduling constraints relative to nodes and other pods."),
                "schedulerName": .string("Scheduler that places the pod; default-scheduler by default."),
                "tolerations": .array(.ref(core("Toleration")), "Taints the pod tolerates.").atomic(),
                "hostAliases": .array(.ref(core("HostAlias")), "Extra /etc/hosts entries.")
                    .patchMerge(key: "ip").listMap("ip"),
                "priorityClassName": .string("PriorityClass naming the pod's priority."),
                "priority": .int32("Priority resolved from priorityClassName."),
                "dnsConfig": .ref(core("PodDNSConfig"), "DNS settings merged with those of dnsPolicy."),
                "readinessGates": .array(.ref(core("PodReadinessGate")), "Extra conditions for readiness.")
                    .atomic(),
                "runtimeClassName": .string("RuntimeClass to run the pod with."),
                "enableServiceLinks": .boolean("Inject service environment variables; true by default."),
                "preemptionPolicy": .string("PreemptLowerPriority or Never."),
                "overhead": .resourceList("Resources the pod's sandbox uses beyond its containers."),
                "topologySpreadConstraints": .array(
                    .ref(core("TopologySpreadConstraint")), "How to spread matching pods across topology domains."
                ).patchMerge(key: "topologyKey").listMap("topologyKey", "whenUnsatisfiable"),
                "setHostnameAsFQDN": .boolean("Make the hostname the fully qualified domain name."),
                "os": .ref(core("PodOS"), "Operating system the pod needs."),
                "hostUsers": .boolean("Use the node's user namespace; true by default."),
                "schedulingGates": .array(.ref(core("PodSchedulingGate")), "Gates that hold back scheduling.")
                    .mergeMap("name"),
                "resourceClaims": .array(.ref(core("PodResourceClaim")), "Dynamic resources the pod claims.")
                    .patchMerge(key: "name", retainKeys: true).listMap("name"),
                "resources": .ref(core("ResourceRequirements"), "Resources for the pod as a whole."),
            ])
    }

    mutating func addPodStatus() {
        let core = Self.core
        object(
            core("PodStatus"), "Observed state of a pod.",
            [
                "observedGeneration": .int64("The metadata.generation this status reflects."),
                "phase": .string("Pending, Running, Succeeded, Failed or Unknown."),
                "conditions": .array(.ref(core("PodCondition")), "Latest observations, such as Ready.")
                    .mergeMap("type"),
                "message": .string("Why the pod is in its current state."),
                "reason": .string("Short machine-readable reason, such as Evicted."),
                "nominatedNodeName": .string("Node the pod may run on once preemption completes."),
                "hostIP": .string("Primary IP of the node the pod runs on."),
                "hostIPs": .array(.ref(core("HostIP")), "IPs of the node, one per family; the first is hostIP.")
                    .patchMerge(key: "ip").atomic(),
                "podIP": .string("Primary IP of the pod."),
                "podIPs": .array(.ref(core("PodIP")), "IPs of the pod, one per family; the first is podIP.")
                    .mergeMap("ip"),
                "startTime": .time("When the kubelet accepted the pod."),
                "initContainerStatuses": .array(.ref(core("ContainerStatus")), "Status of init containers.")
                    .atomic(),
                "containerStatuses": .array(.ref(core("ContainerStatus")), "Status of containers.").atomic(),
                "qosClass": .string("Guaranteed, Burstable or BestEffort."),
                "ephemeralContainerStatuses": .array(
                    .ref(core("ContainerStatus")), "Status of ephemeral containers."
                ).atomic(),
                "resize": .string("Deprecated state of an in-place resize."),
                "resourceClaimStatuses": .array(.ref(core("PodResourceClaimStatus")), "Claims generated for the pod.")
                    .patchMerge(key: "name", retainKeys: true).listMap("name"),
            ])
        object(
            core("PodCondition"), "One observation about a pod.", required: ["type", "status"],
            [
                "type": .string("PodScheduled, Initialized, ContainersReady, Ready or a readiness gate."),
                "observedGeneration": .int64("The metadata.generation the condition was computed from."),
                "status": .string("True, False or Unknown."),
                "lastProbeTime": .time("When the condition was last checked."),
                "lastTransitionTime": .time("When status last changed."),
                "reason": .string("Machine-readable reason for the last transition."),
                "message": .string("Human-readable details."),
            ])
        object(core("PodIP"), "An IP of a pod.", required: ["ip"], ["ip": .string("The address.")])
        object(core("HostIP"), "An IP of a pod's node.", required: ["ip"], ["ip": .string("The address.")])
        object(
            core("ContainerStatus"), "Observed state of one container.",
            required: ["name", "ready", "restartCount", "image", "imageID"],
            [
                "name": .string("Container name, as in the spec."),
                "state": .ref(core("ContainerState"), "What the container is doing now."),
                "lastState": .ref(core("ContainerState"), "How the previous run ended."),
                "ready": .boolean("Whether the readiness probe passes."),
                "restartCount": .int32("Times the container has restarted."),
                "image": .string("Image the container runs."),
                "imageID": .string("Resolved image ID or digest."),
                "containerID": .string("ID as `runtime://id`."),
                "started": .boolean("Whether the startup probe has passed."),
                "allocatedResources": .resourceList("Resources the node allocated to the container."),
                "resources": .ref(core("ResourceRequirements"), "Resources the container actually has."),
                "volumeMounts": .array(.ref(core("VolumeMountStatus")), "Status of the volume mounts.")
                    .mergeMap("mountPath"),
                "user": .ref(core("ContainerUser"), "Identity the first process runs as."),
                "allocatedResourcesStatus": .array(
                    .ref(core("ResourceStatus")), "Health of resources allocated to the container."
                ).mergeMap("name"),
                "stopSignal": .string("Signal sent to stop the container."),
            ])
        object(
            core("ContainerState"), "One of waiting, running or terminated; none means waiting.",
            [
                "waiting": .ref(core("ContainerStateWaiting"), "Details when waiting."),
                "running": .ref(core("ContainerStateRunning"), "Details when running."),
                "terminated": .ref(core("ContainerStateTerminated"), "Details when terminated."),
            ])
        object(
            core("ContainerStateWaiting"), "A container that has not started yet.",
            [
                "reason": .string("Why, such as ContainerCreating or CrashLoopBackOff."),
                "message": .string("Human-readable details."),
            ])
        object(
            core("ContainerStateRunning"), "A running container.", ["startedAt": .time("When it last started.")])
        object(
            core("ContainerStateTerminated"), "A container that has exited.", required: ["exitCode"],
            [
                "exitCode": .int32("Exit status of the last run."),
                "signal": .int32("Signal that ended the last run."),
                "reason": .string("Why, such as Completed or OOMKilled."),
                "message": .string("Human-readable details."),
                "startedAt": .time("When the last run started."),
                "finishedAt": .time("When the last run ended."),
                "containerID": .string("ID as `runtime://id`."),
            ])
        object(
            core("VolumeMountStatus"), "Observed state of a volume mount.", required: ["name", "mountPath"],
            [
                "name": .string("Name of the mount."),
                "mountPath": .string("Where it is mounted."),
                "readOnly": .boolean("Whether it is read-only."),
                "recursiveReadOnly": .string("Disabled or Enabled."),
            ])
        object(
            core("ContainerUser"), "The identity a container's first process runs as.",
            ["linux": .ref(core("LinuxContainerUser"), "Linux user and groups.")])
        object(
            core("LinuxContainerUser"), "A Linux identity.", required: ["uid", "gid"],
            [
                "uid": .int64("User ID."),
                "gid": .int64("Primary group ID."),
                "supplementalGroups": .array(.int64(), "Supplementary group IDs.").atomic(),
            ])
        object(
            core("ResourceStatus"), "Health of an allocated resource.", required: ["name"],
            [
                "name": .string("Resource name, such as a device class."),
                "resources": .array(.preserved(), "Health of individual devices.").listMap("resourceID"),
            ])
        object(
            core("PodResourceClaimStatus"), "The ResourceClaim generated for one of the pod's claims.",
            required: ["name"],
            [
                "name": .string("The claim in spec.resourceClaims."),
                "resourceClaimName": .string("The generated ResourceClaim."),
            ])
    }
}
