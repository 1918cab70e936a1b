import HollowModel

/// Core v1 cluster-scoped kinds: Namespace and Node.
extension SchemaCatalog {
    static func coreKind(_ kind: String) -> KindReference { KindReference(group: "", version: "v1", kind: kind) }

    mutating func addNamespace() {
        let core = Self.core
        kind(
            core("Namespace"), Self.coreKind("Namespace"), "A scope for names; most objects live in one.",
            [
                "spec": .ref(core("NamespaceSpec"), "What the namespace should be."),
                "status": .ref(core("NamespaceStatus"), "What the namespace is, as the server last saw it."),
            ])
        object(
            core("NamespaceSpec"), "Desired state of a namespace.",
            ["finalizers": .array(.string(), "Must be empty before the namespace is removed from storage.").atomic()])
        object(
            core("NamespaceStatus"), "Observed state of a namespace.",
            [
                "phase": .string("Active, or Terminating once deletion has begun."),
                "conditions": .array(.ref(core("NamespaceCondition")), "Latest observations.").mergeMap("type"),
            ])
        object(
            core("NamespaceCondition"), "One observation about a namespace.", required: ["type", "status"],
            [
                "type": .string("Kind of condition."),
                "status": .string("True, False or Unknown."),
                "lastTransitionTime": .time("When status last changed."),
                "reason": .string("Machine-readable reason for the last transition."),
                "message": .string("Human-readable details."),
            ])
    }

    mutating func addNode() {
        let core = Self.core
        kind(
            core("Node"), Self.coreKind("Node"), "A machine that runs pods, registered by its kubelet.",
            [
                "spec": .ref(core("NodeSpec"), "How the node should be used."),
                "status": .ref(core("NodeStatus"), "What the kubelet last reported."),
            ])
        object(
            core("NodeSpec"), "Desired use of a node.",
            [
                "podCIDR": .string("IP range for pods on this node."),
                "podCIDRs": .array(.string(), "IP ranges for pods, at most one per IP family; the first is podCIDR.")
                    .patchMerge().set(),
                "providerID": .string("The machine's ID at its infrastructure provider."),
                "unschedulable": .boolean("Keep new pods off the node (cordon)."),
                "taints": .array(.ref(core("Taint")), "Repel pods that do not tolerate them.").atomic(),
                "configSource": .preserved("Deprecated dynamic kubelet configuration source."),
                "externalID": .string("Deprecated."),
            ])
        object(
            core("Taint"), "Marks a node so that pods not tolerating it stay away.", required: ["key", "effect"],
            [
                "key": .string("Taint key."),
                "value": .string("Taint value."),
                "effect": .string("NoSchedule, PreferNoSchedule or NoExecute."),
                "timeAdded": .time("When a NoExecute taint was added."),
            ])
        object(
            core("NodeStatus"), "Observed state of a node.",
            [
                "capacity": .resourceList("Total resources of the node."),
                "allocatable": .resourceList("Resources available to pods."),
                "phase": .string("Deprecated lifecycle phase."),
                "conditions": .array(.ref(core("NodeCondition")), "Latest observations, such as Ready.")
                    .mergeMap("type"),
                "addresses": .array(.ref(core("NodeAddress")), "Addresses the node is reachable at.")
                    .mergeMap("type"),
                "daemonEndpoints": .ref(core("NodeDaemonEndpoints"), "Ports of daemons on the node."),
                "nodeInfo": .ref(core("NodeSystemInfo"), "Identity and versions of the node's software."),
                "images": .array(.ref(core("ContainerImage")), "Images present on the node.").atomic(),
                "volumesInUse": .array(.string(), "Volumes attached and mounted.").atomic(),
                "volumesAttached": .array(.ref(core("AttachedVolume")), "Volumes attached to the node.").atomic(),
                "config": .preserved("Status of dynamic kubelet configuration (deprecated)."),
                "runtimeHandlers": .array(.ref(core("NodeRuntimeHandler")), "Runtime handlers available.").atomic(),
                "features": .ref(core("NodeFeatures"), "Features the node supports."),
            ])
        object(
            core("NodeCondition"), "One observation about a node.", required: ["type", "status"],
            [
                "type": .string("Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable."),
                "status": .string("True, False or Unknown."),
                "lastHeartbeatTime": .time("When the condition was last confirmed."),
                "lastTransitionTime": .time("When status last changed."),
                "reason": .string("Machine-readable reason for the last transition."),
                "message": .string("Human-readable details."),
            ])
        object(
            core("NodeAddress"), "An address of a node.", required: ["type", "address"],
            [
                "type": .string("Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS."),
                "address": .string("The address."),
            ])
        object(
            core("NodeDaemonEndpoints"), "Ports of daemons on the node.",
            ["kubeletEndpoint": .ref(core("DaemonEndpoint"), "The kubelet's port.")])
        object(core("DaemonEndpoint"), "A daemon's port.", required: ["Port"], ["Port": .int32("Port number.")])
        object(
            core("NodeSystemInfo"), "Identity and versions of a node's software.",
            required: [
                "machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion",
                "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture",
            ],
            [
                "machineID": .string("Machine ID from /etc/machine-id."),
                "systemUUID": .string("Hardware UUID."),
                "bootID": .string("Changes on every reboot."),
                "kernelVersion": .string("Kernel release (`uname -r`)."),
                "osImage": .string("OS name and version, such as `Debian GNU/Linux 12`."),
                "containerRuntimeVersion": .string("Runtime and version, such as `containerd://1.7.0`."),
                "kubeletVersion": .string("Kubelet version."),
                "kubeProxyVersion": .string("Deprecated kube-proxy version."),
                "operatingSystem": .string("linux or windows."),
                "architecture": .string("CPU architecture, such as amd64."),
                "swap": .ref(core("NodeSwapStatus"), "Swap memory of the node."),
            ])
        object(core("NodeSwapStatus"), "Swap memory of a node.", ["capacity": .int64("Swap size in bytes.")])
        object(
            core("ContainerImage"), "An image present on a node.",
            [
                "names": .array(.string(), "Names and digests the image is known by.").atomic(),
                "sizeBytes": .int64("Size of the image."),
            ])
        object(
            core("AttachedVolume"), "A volume attached to a node.", required: ["name", "devicePath"],
            [
                "name": .string("Unique name of the volume."),
                "devicePath": .string("Where the volume is available on the node."),
            ])
        object(
            core("NodeRuntimeHandler"), "A container runtime handler and what it supports.",
            [
                "name": .string("Handler name; empty for the default."),
                "features": .ref(core("NodeRuntimeHandlerFeatures"), "Features of the handler."),
            ])
        object(
            core("NodeRuntimeHandlerFeatures"), "Features of a runtime handler.",
            [
                "recursiveReadOnlyMounts": .boolean("Supports recursive read-only mounts."),
                "userNamespaces": .boolean("Supports user namespaces."),
            ])
        object(
            core("NodeFeatures"), "Features a node supports.",
            ["supplementalGroupsPolicy": .boolean("Supports a pod's supplementalGroupsPolicy.")])
    }
}
