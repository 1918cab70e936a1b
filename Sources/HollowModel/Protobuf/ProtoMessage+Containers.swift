// Protobuf field tables for k8s.io/api `core/v1` at v0.36.3: Container and EphemeralContainer with ports, env,
// resources, probes, lifecycle and security context.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// core/v1 `LocalObjectReference`.
    static let localObjectReference = ProtoMessage("LocalObjectReference", [
        .omitEmpty(1, "name", .string),
    ])

    /// core/v1 `Container`.
    static let container = ProtoMessage("Container", [
        .value(1, "name", .string),
        .omitEmpty(2, "image", .string),
        .repeated(3, "command", .string),
        .repeated(4, "args", .string),
        .omitEmpty(5, "workingDir", .string),
        .repeated(6, "ports", .message(.containerPort)),
        .repeated(19, "envFrom", .message(.envFromSource)),
        .repeated(7, "env", .message(.envVar)),
        .value(8, "resources", .message(.resourceRequirements)),
        .repeated(23, "resizePolicy", .message(.containerResizePolicy)),
        .pointer(24, "restartPolicy", .string),
        .repeated(25, "restartPolicyRules", .message(.containerRestartRule)),
        .repeated(9, "volumeMounts", .message(.volumeMount)),
        .repeated(21, "volumeDevices", .message(.volumeDevice)),
        .pointer(10, "livenessProbe", .message(.probe)),
        .pointer(11, "readinessProbe", .message(.probe)),
        .pointer(22, "startupProbe", .message(.probe)),
        .pointer(12, "lifecycle", .message(.lifecycle)),
        .omitEmpty(13, "terminationMessagePath", .string),
        .omitEmpty(20, "terminationMessagePolicy", .string),
        .omitEmpty(14, "imagePullPolicy", .string),
        .pointer(15, "securityContext", .message(.securityContext)),
        .omitEmpty(16, "stdin", .bool),
        .omitEmpty(17, "stdinOnce", .bool),
        .omitEmpty(18, "tty", .bool),
    ])

    /// core/v1 `ContainerPort`.
    static let containerPort = ProtoMessage("ContainerPort", [
        .omitEmpty(1, "name", .string),
        .omitEmpty(2, "hostPort", .int32),
        .value(3, "containerPort", .int32),
        .omitEmpty(4, "protocol", .string),
        .omitEmpty(5, "hostIP", .string),
    ])

    /// core/v1 `EnvFromSource`.
    static let envFromSource = ProtoMessage("EnvFromSource", [
        .omitEmpty(1, "prefix", .string),
        .pointer(2, "configMapRef", .message(.configMapEnvSource)),
        .pointer(3, "secretRef", .message(.secretEnvSource)),
    ])

    /// core/v1 `ConfigMapEnvSource`.
    static let configMapEnvSource = ProtoMessage("ConfigMapEnvSource", [
        .inline(1, .localObjectReference),
        .pointer(2, "optional", .bool),
    ])

    /// core/v1 `SecretEnvSource`.
    static let secretEnvSource = ProtoMessage("SecretEnvSource", [
        .inline(1, .localObjectReference),
        .pointer(2, "optional", .bool),
    ])

    /// core/v1 `EnvVar`.
    static let envVar = ProtoMessage("EnvVar", [
        .value(1, "name", .string),
        .omitEmpty(2, "value", .string),
        .pointer(3, "valueFrom", .message(.envVarSource)),
    ])

    /// core/v1 `EnvVarSource`.
    static let envVarSource = ProtoMessage("EnvVarSource", [
        .pointer(1, "fieldRef", .message(.objectFieldSelector)),
        .pointer(2, "resourceFieldRef", .message(.resourceFieldSelector)),
        .pointer(3, "configMapKeyRef", .message(.configMapKeySelector)),
        .pointer(4, "secretKeyRef", .message(.secretKeySelector)),
        .pointer(5, "fileKeyRef", .message(.fileKeySelector)),
    ])

    /// core/v1 `ConfigMapKeySelector`.
    static let configMapKeySelector = ProtoMessage("ConfigMapKeySelector", [
        .inline(1, .localObjectReference),
        .value(2, "key", .string),
        .pointer(3, "optional", .bool),
    ])

    /// core/v1 `SecretKeySelector`.
    static let secretKeySelector = ProtoMessage("SecretKeySelector", [
        .inline(1, .localObjectReference),
        .value(2, "key", .string),
        .pointer(3, "optional", .bool),
    ])

    /// core/v1 `FileKeySelector`.
    static let fileKeySelector = ProtoMessage("FileKeySelector", [
        .value(1, "volumeName", .string),
        .value(2, "path", .string),
        .value(3, "key", .string),
        .pointer(4, "optional", .bool),
    ])

    /// core/v1 `ResourceRequirements`.
    static let resourceRequirements = ProtoMessage("ResourceRequirements", [
        .map(1, "limits", .quantity),
        .map(2, "requests", .quantity),
        .repeated(3, "claims", .message(.resourceClaim)),
    ])

    /// core/v1 `ResourceClaim`.
    static let resourceClaim = ProtoMessage("ResourceClaim", [
        .value(1, "name", .string),
        .omitEmpty(2, "request", .string),
    ])

    /// core/v1 `ContainerResizePolicy`.
    static let containerResizePolicy = ProtoMessage("ContainerResizePolicy", [
        .value(1, "resourceName", .string),
        .value(2, "restartPolicy", .string),
    ])

    /// core/v1 `ContainerRestartRule`.
    static let containerRestartRule = ProtoMessage("ContainerRestartRule", [
        .omitEmpty(1, "action", .string),
        .pointer(2, "exitCodes", .message(.containerRestartRuleOnExitCodes)),
    ])

    /// core/v1 `ContainerRestartRuleOnExitCodes`.
    static let containerRestartRuleOnExitCodes = ProtoMessage("ContainerRestartRuleOnExitCodes", [
        .omitEmpty(1, "operator", .string),
        .repeated(2, "values", .int32),
    ])

    /// core/v1 `VolumeMount`.
    static let volumeMount = ProtoMessage("VolumeMount", [
        .value(1, "name", .string),
        .omitEmpty(2, "readOnly", .bool),
        .pointer(7, "recursiveReadOnly", .string),
        .value(3, "mountPath", .string),
        .omitEmpty(4, "subPath", .string),
        .pointer(5, "mountPropagation", .string),
        .omitEmpty(6, "subPathExpr", .string),
    ])

    /// core/v1 `VolumeDevice`.
    static let volumeDevice = ProtoMessage("VolumeDevice", [
        .value(1, "name", .string),
        .value(2, "devicePath", .string),
    ])

    /// core/v1 `Probe`.
    static let probe = ProtoMessage("Probe", [
        .inline(1, .probeHandler),
        .omitEmpty(2, "initialDelaySeconds", .int32),
        .omitEmpty(3, "timeoutSeconds", .int32),
        .omitEmpty(4, "periodSeconds", .int32),
        .omitEmpty(5, "successThreshold", .int32),
        .omitEmpty(6, "failureThreshold", .int32),
        .pointer(7, "terminationGracePeriodSeconds", .int64),
    ])

    /// core/v1 `ProbeHandler`.
    static let probeHandler = ProtoMessage("ProbeHandler", [
        .pointer(1, "exec", .message(.execAction)),
        .pointer(2, "httpGet", .message(.httpGetAction)),
        .pointer(3, "tcpSocket", .message(.tcpSocketAction)),
        .pointer(4, "grpc", .message(.grpcAction)),
    ])

    /// core/v1 `ExecAction`.
    static let execAction = ProtoMessage("ExecAction", [
        .repeated(1, "command", .string),
    ])

    /// core/v1 `HTTPGetAction`.
    static let httpGetAction = ProtoMessage("HTTPGetAction", [
        .omitEmpty(1, "path", .string),
        .value(2, "port", .intOrString),
        .omitEmpty(3, "host", .string),
        .omitEmpty(4, "scheme", .string),
        .repeated(5, "httpHeaders", .message(.httpHeader)),
    ])

    /// core/v1 `HTTPHeader`.
    static let httpHeader = ProtoMessage("HTTPHeader", [
        .value(1, "name", .string),
        .value(2, "value", .string),
    ])

    /// core/v1 `TCPSocketAction`.
    static let tcpSocketAction = ProtoMessage("TCPSocketAction", [
        .value(1, "port", .intOrString),
        .omitEmpty(2, "host", .string),
    ])

    /// core/v1 `GRPCAction`.
    static let grpcAction = ProtoMessage("GRPCAction", [
        .value(1, "port", .int32),
        .pointerOrNull(2, "service", .string),
    ])

    /// core/v1 `Lifecycle`.
    static let lifecycle = ProtoMessage("Lifecycle", [
        .pointer(1, "postStart", .message(.lifecycleHandler)),
        .pointer(2, "preStop", .message(.lifecycleHandler)),
        .pointer(3, "stopSignal", .string),
    ])

    /// core/v1 `LifecycleHandler`.
    static let lifecycleHandler = ProtoMessage("LifecycleHandler", [
        .pointer(1, "exec", .message(.execAction)),
        .pointer(2, "httpGet", .message(.httpGetAction)),
        .pointer(3, "tcpSocket", .message(.tcpSocketAction)),
        .pointer(4, "sleep", .message(.sleepAction)),
    ])

    /// core/v1 `SleepAction`.
    static let sleepAction = ProtoMessage("SleepAction", [
        .value(1, "seconds", .int64),
    ])

    /// core/v1 `SecurityContext`.
    static let securityContext = ProtoMessage("SecurityContext", [
        .pointer(1, "capabilities", .message(.capabilities)),
        .pointer(2, "privileged", .bool),
        .pointer(3, "seLinuxOptions", .message(.seLinuxOptions)),
        .pointer(10, "windowsOptions", .message(.windowsSecurityContextOptions)),
        .pointer(4, "runAsUser", .int64),
        .pointer(8, "runAsGroup", .int64),
        .pointer(5, "runAsNonRoot", .bool),
        .pointer(6, "readOnlyRootFilesystem", .bool),
        .pointer(7, "allowPrivilegeEscalation", .bool),
        .pointer(9, "procMount", .string),
        .pointer(11, "seccompProfile", .message(.seccompProfile)),
        .pointer(12, "appArmorProfile", .message(.appArmorProfile)),
    ])

    /// core/v1 `Capabilities`.
    static let capabilities = ProtoMessage("Capabilities", [
        .repeated(1, "add", .string),
        .repeated(2, "drop", .string),
    ])

    /// core/v1 `SELinuxOptions`.
    static let seLinuxOptions = ProtoMessage("SELinuxOptions", [
        .omitEmpty(1, "user", .string),
        .omitEmpty(2, "role", .string),
        .omitEmpty(3, "type", .string),
        .omitEmpty(4, "level", .string),
    ])

    /// core/v1 `WindowsSecurityContextOptions`.
    static let windowsSecurityContextOptions = ProtoMessage("WindowsSecurityContextOptions", [
        .pointer(1, "gmsaCredentialSpecName", .string),
        .pointer(2, "gmsaCredentialSpec", .string),
        .pointer(3, "runAsUserName", .string),
        .pointer(4, "hostProcess", .bool),
    ])

    /// core/v1 `SeccompProfile`.
    static let seccompProfile = ProtoMessage("SeccompProfile", [
        .value(1, "type", .string),
        .pointer(2, "localhostProfile", .string),
    ])

    /// core/v1 `AppArmorProfile`.
    static let appArmorProfile = ProtoMessage("AppArmorProfile", [
        .value(1, "type", .string),
        .pointer(2, "localhostProfile", .string),
    ])

    /// core/v1 `EphemeralContainer`.
    static let ephemeralContainer = ProtoMessage("EphemeralContainer", [
        .inline(1, .ephemeralContainerCommon),
        .omitEmpty(2, "targetContainerName", .string),
    ])

    /// core/v1 `EphemeralContainerCommon`: the same fields, with the same numbers, as `Container`.
    static let ephemeralContainerCommon = ProtoMessage("EphemeralContainerCommon", container.fields)
}
