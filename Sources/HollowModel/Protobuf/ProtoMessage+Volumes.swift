// Protobuf field tables for k8s.io/api `core/v1` at v0.36.3: Volume and every VolumeSource, including the ephemeral
// PersistentVolumeClaim template.
// Field numbers and names from the types' `protobuf:` tags and `generated.proto`; JSON names, `omitempty` and
// member order from their `json:` tags. See `ProtoMessage` for the vocabulary.

extension ProtoMessage {
    /// core/v1 `Volume`.
    static let volume = ProtoMessage("Volume", [
        .value(1, "name", .string),
        .inline(2, .volumeSource),
    ])

    /// core/v1 `VolumeSource`.
    static let volumeSource = ProtoMessage("VolumeSource", [
        .pointer(1, "hostPath", .message(.hostPathVolumeSource)),
        .pointer(2, "emptyDir", .message(.emptyDirVolumeSource)),
        .pointer(3, "gcePersistentDisk", .message(.gcePersistentDiskVolumeSource)),
        .pointer(4, "awsElasticBlockStore", .message(.awsElasticBlockStoreVolumeSource)),
        .pointer(5, "gitRepo", .message(.gitRepoVolumeSource)),
        .pointer(6, "secret", .message(.secretVolumeSource)),
        .pointer(7, "nfs", .message(.nfsVolumeSource)),
        .pointer(8, "iscsi", .message(.iscsiVolumeSource)),
        .pointer(9, "glusterfs", .message(.glusterfsVolumeSource)),
        .pointer(10, "persistentVolumeClaim", .message(.persistentVolumeClaimVolumeSource)),
        .pointer(11, "rbd", .message(.rbdVolumeSource)),
        .pointer(12, "flexVolume", .message(.flexVolumeSource)),
        .pointer(13, "cinder", .message(.cinderVolumeSource)),
        .pointer(14, "cephfs", .message(.cephFSVolumeSource)),
        .pointer(15, "flocker", .message(.flockerVolumeSource)),
        .pointer(16, "downwardAPI", .message(.downwardAPIVolumeSource)),
        .pointer(17, "fc", .message(.fcVolumeSource)),
        .pointer(18, "azureFile", .message(.azureFileVolumeSource)),
        .pointer(19, "configMap", .message(.configMapVolumeSource)),
        .pointer(20, "vsphereVolume", .message(.vsphereVirtualDiskVolumeSource)),
        .pointer(21, "quobyte", .message(.quobyteVolumeSource)),
        .pointer(22, "azureDisk", .message(.azureDiskVolumeSource)),
        .pointer(23, "photonPersistentDisk", .message(.photonPersistentDiskVolumeSource)),
        .pointer(26, "projected", .message(.projectedVolumeSource)),
        .pointer(24, "portworxVolume", .message(.portworxVolumeSource)),
        .pointer(25, "scaleIO", .message(.scaleIOVolumeSource)),
        .pointer(27, "storageos", .message(.storageOSVolumeSource)),
        .pointer(28, "csi", .message(.csiVolumeSource)),
        .pointer(29, "ephemeral", .message(.ephemeralVolumeSource)),
        .pointer(30, "image", .message(.imageVolumeSource)),
    ])

    /// core/v1 `HostPathVolumeSource`.
    static let hostPathVolumeSource = ProtoMessage("HostPathVolumeSource", [
        .value(1, "path", .string),
        .pointer(2, "type", .string),
    ])

    /// core/v1 `EmptyDirVolumeSource`.
    static let emptyDirVolumeSource = ProtoMessage("EmptyDirVolumeSource", [
        .omitEmpty(1, "medium", .string),
        .pointer(2, "sizeLimit", .quantity),
    ])

    /// core/v1 `GCEPersistentDiskVolumeSource`.
    static let gcePersistentDiskVolumeSource = ProtoMessage("GCEPersistentDiskVolumeSource", [
        .value(1, "pdName", .string),
        .omitEmpty(2, "fsType", .string),
        .omitEmpty(3, "partition", .int32),
        .omitEmpty(4, "readOnly", .bool),
    ])

    /// core/v1 `AWSElasticBlockStoreVolumeSource`.
    static let awsElasticBlockStoreVolumeSource = ProtoMessage("AWSElasticBlockStoreVolumeSource", [
        .value(1, "volumeID", .string),
        .omitEmpty(2, "fsType", .string),
        .omitEmpty(3, "partition", .int32),
        .omitEmpty(4, "readOnly", .bool),
    ])

    /// core/v1 `GitRepoVolumeSource`.
    static let gitRepoVolumeSource = ProtoMessage("GitRepoVolumeSource", [
        .value(1, "repository", .string),
        .omitEmpty(2, "revision", .string),
        .omitEmpty(3, "directory", .string),
    ])

    /// core/v1 `SecretVolumeSource`.
    static let secretVolumeSource = ProtoMessage("SecretVolumeSource", [
        .omitEmpty(1, "secretName", .string),
        .repeated(2, "items", .message(.keyToPath)),
        .pointer(3, "defaultMode", .int32),
        .pointer(4, "optional", .bool),
    ])

    /// core/v1 `KeyToPath`.
    static let keyToPath = ProtoMessage("KeyToPath", [
        .value(1, "key", .string),
        .value(2, "path", .string),
        .pointer(3, "mode", .int32),
    ])

    /// core/v1 `NFSVolumeSource`.
    static let nfsVolumeSource = ProtoMessage("NFSVolumeSource", [
        .value(1, "server", .string),
        .value(2, "path", .string),
        .omitEmpty(3, "readOnly", .bool),
    ])

    /// core/v1 `ISCSIVolumeSource`.
    static let iscsiVolumeSource = ProtoMessage("ISCSIVolumeSource", [
        .value(1, "targetPortal", .string),
        .value(2, "iqn", .string),
        .value(3, "lun", .int32),
        .omitEmpty(4, "iscsiInterface", .string),
        .omitEmpty(5, "fsType", .string),
        .omitEmpty(6, "readOnly", .bool),
        .repeated(7, "portals", .string),
        .omitEmpty(8, "chapAuthDiscovery", .bool),
        .omitEmpty(11, "chapAuthSession", .bool),
        .pointer(10, "secretRef", .message(.localObjectReference)),
        .pointer(12, "initiatorName", .string),
    ])

    /// core/v1 `GlusterfsVolumeSource`.
    static let glusterfsVolumeSource = ProtoMessage("GlusterfsVolumeSource", [
        .value(1, "endpoints", .string),
        .value(2, "path", .string),
        .omitEmpty(3, "readOnly", .bool),
    ])

    /// core/v1 `PersistentVolumeClaimVolumeSource`.
    static let persistentVolumeClaimVolumeSource = ProtoMessage("PersistentVolumeClaimVolumeSource", [
        .value(1, "claimName", .string),
        .omitEmpty(2, "readOnly", .bool),
    ])

    /// core/v1 `RBDVolumeSource`.
    static let rbdVolumeSource = ProtoMessage("RBDVolumeSource", [
        .repeatedOrNull(1, "monitors", .string),
        .value(2, "image", .string),
        .omitEmpty(3, "fsType", .string),
        .omitEmpty(4, "pool", .string),
        .omitEmpty(5, "user", .string),
        .omitEmpty(6, "keyring", .string),
        .pointer(7, "secretRef", .message(.localObjectReference)),
        .omitEmpty(8, "readOnly", .bool),
    ])

    /// core/v1 `FlexVolumeSource`.
    static let flexVolumeSource = ProtoMessage("FlexVolumeSource", [
        .value(1, "driver", .string),
        .omitEmpty(2, "fsType", .string),
        .pointer(3, "secretRef", .message(.localObjectReference)),
        .omitEmpty(4, "readOnly", .bool),
        .map(5, "options", .string),
    ])

    /// core/v1 `CinderVolumeSource`.
    static let cinderVolumeSource = ProtoMessage("CinderVolumeSource", [
        .value(1, "volumeID", .string),
        .omitEmpty(2, "fsType", .string),
        .omitEmpty(3, "readOnly", .bool),
        .pointer(4, "secretRef", .message(.localObjectReference)),
    ])

    /// core/v1 `CephFSVolumeSource`.
    static let cephFSVolumeSource = ProtoMessage("CephFSVolumeSource", [
        .repeatedOrNull(1, "monitors", .string),
        .omitEmpty(2, "path", .string),
        .omitEmpty(3, "user", .string),
        .omitEmpty(4, "secretFile", .string),
        .pointer(5, "secretRef", .message(.localObjectReference)),
        .omitEmpty(6, "readOnly", .bool),
    ])

    /// core/v1 `FlockerVolumeSource`.
    static let flockerVolumeSource = ProtoMessage("FlockerVolumeSource", [
        .omitEmpty(1, "datasetName", .string),
        .omitEmpty(2, "datasetUUID", .string),
    ])

    /// core/v1 `DownwardAPIVolumeSource`.
    static let downwardAPIVolumeSource = ProtoMessage("DownwardAPIVolumeSource", [
        .repeated(1, "items", .message(.downwardAPIVolumeFile)),
        .pointer(2, "defaultMode", .int32),
    ])

    /// core/v1 `DownwardAPIVolumeFile`.
    static let downwardAPIVolumeFile = ProtoMessage("DownwardAPIVolumeFile", [
        .value(1, "path", .string),
        .pointer(2, "fieldRef", .message(.objectFieldSelector)),
        .pointer(3, "resourceFieldRef", .message(.resourceFieldSelector)),
        .pointer(4, "mode", .int32),
    ])

    /// core/v1 `ObjectFieldSelector`.
    static let objectFieldSelector = ProtoMessage("ObjectFieldSelector", [
        .omitEmpty(1, "apiVersion", .string),
        .value(2, "fieldPath", .string),
    ])

    /// core/v1 `ResourceFieldSelector`.
    static let resourceFieldSelector = ProtoMessage("ResourceFieldSelector", [
        .omitEmpty(1, "containerName", .string),
        .value(2, "resource", .string),
        .value(3, "divisor", .quantity),
    ])

    /// core/v1 `FCVolumeSource`.
    static let fcVolumeSource = ProtoMessage("FCVolumeSource", [
        .repeated(1, "targetWWNs", .string),
        .pointer(2, "lun", .int32),
        .omitEmpty(3, "fsType", .string),
        .omitEmpty(4, "readOnly", .bool),
        .repeated(5, "wwids", .string),
    ])

    /// core/v1 `AzureFileVolumeSource`.
    static let azureFileVolumeSource = ProtoMessage("AzureFileVolumeSource", [
        .value(1, "secretName", .string),
        .value(2, "shareName", .string),
        .omitEmpty(3, "readOnly", .bool),
    ])

    /// core/v1 `ConfigMapVolumeSource`.
    static let configMapVolumeSource = ProtoMessage("ConfigMapVolumeSource", [
        .inline(1, .localObjectReference),
        .repeated(2, "items", .message(.keyToPath)),
        .pointer(3, "defaultMode", .int32),
        .pointer(4, "optional", .bool),
    ])

    /// core/v1 `VsphereVirtualDiskVolumeSource`.
    static let vsphereVirtualDiskVolumeSource = ProtoMessage("VsphereVirtualDiskVolumeSource", [
        .value(1, "volumePath", .string),
        .omitEmpty(2, "fsType", .string),
        .omitEmpty(3, "storagePolicyName", .string),
        .omitEmpty(4, "storagePolicyID", .string),
    ])

    /// core/v1 `QuobyteVolumeSource`.
    static let quobyteVolumeSource = ProtoMessage("QuobyteVolumeSource", [
        .value(1, "registry", .string),
        .value(2, "volume", .string),
        .omitEmpty(3, "readOnly", .bool),
        .omitEmpty(4, "user", .string),
        .omitEmpty(5, "group", .string),
        .omitEmpty(6, "tenant", .string),
    ])

    /// core/v1 `AzureDiskVolumeSource`.
    static let azureDiskVolumeSource = ProtoMessage("AzureDiskVolumeSource", [
        .value(1, "diskName", .string),
        .value(2, "diskURI", .string),
        .pointer(3, "cachingMode", .string),
        .pointer(4, "fsType", .string),
        .pointer(5, "readOnly", .bool),
        .pointer(6, "kind", .string),
    ])

    /// core/v1 `PhotonPersistentDiskVolumeSource`.
    static let photonPersistentDiskVolumeSource = ProtoMessage("PhotonPersistentDiskVolumeSource", [
        .value(1, "pdID", .string),
        .omitEmpty(2, "fsType", .string),
    ])

    /// core/v1 `ProjectedVolumeSource`.
    static let projectedVolumeSource = ProtoMessage("ProjectedVolumeSource", [
        .repeatedOrNull(1, "sources", .message(.volumeProjection)),
        .pointer(2, "defaultMode", .int32),
    ])

    /// core/v1 `VolumeProjection`.
    static let volumeProjection = ProtoMessage("VolumeProjection", [
        .pointer(1, "secret", .message(.secretProjection)),
        .pointer(2, "downwardAPI", .message(.downwardAPIProjection)),
        .pointer(3, "configMap", .message(.configMapProjection)),
        .pointer(4, "serviceAccountToken", .message(.serviceAccountTokenProjection)),
        .pointer(5, "clusterTrustBundle", .message(.clusterTrustBundleProjection)),
        .pointer(6, "podCertificate", .message(.podCertificateProjection)),
    ])

    /// core/v1 `SecretProjection`.
    static let secretProjection = ProtoMessage("SecretProjection", [
        .inline(1, .localObjectReference),
        .repeated(2, "items", .message(.keyToPath)),
        .pointer(4, "optional", .bool),
    ])

    /// core/v1 `DownwardAPIProjection`.
    static let downwardAPIProjection = ProtoMessage("DownwardAPIProjection", [
        .repeated(1, "items", .message(.downwardAPIVolumeFile)),
    ])

    /// core/v1 `ConfigMapProjection`.
    static let configMapProjection = ProtoMessage("ConfigMapProjection", [
        .inline(1, .localObjectReference),
        .repeated(2, "items", .message(.keyToPath)),
        .pointer(4, "optional", .bool),
    ])

    /// core/v1 `ServiceAccountTokenProjection`.
    static let serviceAccountTokenProjection = ProtoMessage("ServiceAccountTokenProjection", [
        .omitEmpty(1, "audience", .string),
        .pointer(2, "expirationSeconds", .int64),
        .value(3, "path", .string),
    ])

    /// core/v1 `ClusterTrustBundleProjection`.
    static let clusterTrustBundleProjection = ProtoMessage("ClusterTrustBundleProjection", [
        .pointer(1, "name", .string),
        .pointer(2, "signerName", .string),
        .pointer(3, "labelSelector", .message(.labelSelector)),
        .pointer(5, "optional", .bool),
        .value(4, "path", .string),
    ])

    /// core/v1 `PodCertificateProjection`.
    static let podCertificateProjection = ProtoMessage("PodCertificateProjection", [
        .omitEmpty(1, "signerName", .string),
        .omitEmpty(2, "keyType", .string),
        .pointer(3, "maxExpirationSeconds", .int32),
        .omitEmpty(4, "credentialBundlePath", .string),
        .omitEmpty(5, "keyPath", .string),
        .omitEmpty(6, "certificateChainPath", .string),
        .map(7, "userAnnotations", .string),
    ])

    /// core/v1 `PortworxVolumeSource`.
    static let portworxVolumeSource = ProtoMessage("PortworxVolumeSource", [
        .value(1, "volumeID", .string),
        .omitEmpty(2, "fsType", .string),
        .omitEmpty(3, "readOnly", .bool),
    ])

    /// core/v1 `ScaleIOVolumeSource`.
    static let scaleIOVolumeSource = ProtoMessage("ScaleIOVolumeSource", [
        .value(1, "gateway", .string),
        .value(2, "system", .string),
        .pointerOrNull(3, "secretRef", .message(.localObjectReference)),
        .omitEmpty(4, "sslEnabled", .bool),
        .omitEmpty(5, "protectionDomain", .string),
        .omitEmpty(6, "storagePool", .string),
        .omitEmpty(7, "storageMode", .string),
        .omitEmpty(8, "volumeName", .string),
        .omitEmpty(9, "fsType", .string),
        .omitEmpty(10, "readOnly", .bool),
    ])

    /// core/v1 `StorageOSVolumeSource`.
    static let storageOSVolumeSource = ProtoMessage("StorageOSVolumeSource", [
        .omitEmpty(1, "volumeName", .string),
        .omitEmpty(2, "volumeNamespace", .string),
        .omitEmpty(3, "fsType", .string),
        .omitEmpty(4, "readOnly", .bool),
        .pointer(5, "secretRef", .message(.localObjectReference)),
    ])

    /// core/v1 `CSIVolumeSource`.
    static let csiVolumeSource = ProtoMessage("CSIVolumeSource", [
        .value(1, "driver", .string),
        .pointer(2, "readOnly", .bool),
        .pointer(3, "fsType", .string),
        .map(4, "volumeAttributes", .string),
        .pointer(5, "nodePublishSecretRef", .message(.localObjectReference)),
    ])

    /// core/v1 `EphemeralVolumeSource`.
    static let ephemeralVolumeSource = ProtoMessage("EphemeralVolumeSource", [
        .pointer(1, "volumeClaimTemplate", .message(.persistentVolumeClaimTemplate)),
    ])

    /// core/v1 `PersistentVolumeClaimTemplate`.
    static let persistentVolumeClaimTemplate = ProtoMessage("PersistentVolumeClaimTemplate", [
        .value(1, "metadata", .message(.objectMeta)),
        .value(2, "spec", .message(.persistentVolumeClaimSpec)),
    ])

    /// core/v1 `PersistentVolumeClaimSpec`.
    static let persistentVolumeClaimSpec = ProtoMessage("PersistentVolumeClaimSpec", [
        .repeated(1, "accessModes", .string),
        .pointer(4, "selector", .message(.labelSelector)),
        .value(2, "resources", .message(.volumeResourceRequirements)),
        .omitEmpty(3, "volumeName", .string),
        .pointer(5, "storageClassName", .string),
        .pointer(6, "volumeMode", .string),
        .pointer(7, "dataSource", .message(.typedLocalObjectReference)),
        .pointer(8, "dataSourceRef", .message(.typedObjectReference)),
        .pointer(9, "volumeAttributesClassName", .string),
    ])

    /// core/v1 `VolumeResourceRequirements`.
    static let volumeResourceRequirements = ProtoMessage("VolumeResourceRequirements", [
        .map(1, "limits", .quantity),
        .map(2, "requests", .quantity),
    ])

    /// core/v1 `TypedLocalObjectReference`.
    static let typedLocalObjectReference = ProtoMessage("TypedLocalObjectReference", [
        .pointerOrNull(1, "apiGroup", .string),
        .value(2, "kind", .string),
        .value(3, "name", .string),
    ])

    /// core/v1 `TypedObjectReference`.
    static let typedObjectReference = ProtoMessage("TypedObjectReference", [
        .pointerOrNull(1, "apiGroup", .string),
        .value(2, "kind", .string),
        .value(3, "name", .string),
        .pointer(4, "namespace", .string),
    ])

    /// core/v1 `ImageVolumeSource`.
    static let imageVolumeSource = ProtoMessage("ImageVolumeSource", [
        .omitEmpty(1, "reference", .string),
        .omitEmpty(2, "pullPolicy", .string),
    ])
}
