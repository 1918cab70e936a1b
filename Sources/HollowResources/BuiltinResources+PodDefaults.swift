import HollowModel

/// The defaults of a pod spec's nested types (`pkg/apis/core/v1/defaults.go`): probes and their HTTP actions,
/// lifecycle handlers, volume sources and field references. Pods and pod templates share them.
extension PodStrategy {
    /// `SetDefaults_Probe` and `SetDefaults_HTTPGetAction` for the container's probes, `SetDefaults_HTTPGetAction`
    /// for its lifecycle handlers, and `SetDefaults_ObjectFieldSelector` for its environment.
    static func defaultNestedFields(ofContainer container: inout JSON) {
        for key in ["livenessProbe", "readinessProbe", "startupProbe"] {
            guard var probe = container[key], probe.objectValue != nil else { continue }
            if (probe["timeoutSeconds"]?.intValue ?? 0) == 0 { probe["timeoutSeconds"] = 1 }
            if (probe["periodSeconds"]?.intValue ?? 0) == 0 { probe["periodSeconds"] = 10 }
            if (probe["successThreshold"]?.intValue ?? 0) == 0 { probe["successThreshold"] = 1 }
            if (probe["failureThreshold"]?.intValue ?? 0) == 0 { probe["failureThreshold"] = 3 }
            defaultHTTPGet(in: &probe)
            container[key] = probe
        }
        for key in ["postStart", "preStop"] {
            guard var handler = container[path: ["lifecycle", key]], handler.objectValue != nil else { continue }
            defaultHTTPGet(in: &handler)
            container[path: ["lifecycle", key]] = handler
        }
        if var env = container["env"]?.arrayValue {
            for index in env.indices { defaultFieldRef(in: &env[index], path: ["valueFrom", "fieldRef"]) }
            container["env"] = .array(env)
        }
    }

    /// `SetDefaults_Volume` (a volume without a source is an emptyDir) and the defaults of its source: file modes
    /// 0644 for secret, configMap, downwardAPI and projected volumes, an unset hostPath type, one-hour service
    /// account token projections, `v1` field references.
    static func defaultVolume(_ volume: JSON) -> JSON {
        var volume = volume
        let sources = ["hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs",
            "iscsi", "glusterfs", "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker",
            "downwardAPI", "fc", "azureFile", "configMap", "vsphereVolume", "quobyte", "azureDisk",
            "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral", "image"]
        if !sources.contains(where: { volume[$0] != nil && volume[$0]?.isNull == false }) {
            volume["emptyDir"] = .object([:])
        }
        for source in ["secret", "configMap", "downwardAPI", "projected"] {
            guard volume[source]?.objectValue != nil, volume[path: [source, "defaultMode"]] == nil else { continue }
            volume[path: [source, "defaultMode"]] = 420
        }
        if volume["hostPath"]?.objectValue != nil, volume[path: ["hostPath", "type"]] == nil {
            volume[path: ["hostPath", "type"]] = ""
        }
        if var items = volume[path: ["downwardAPI", "items"]]?.arrayValue {
            for index in items.indices { defaultFieldRef(in: &items[index], path: ["fieldRef"]) }
            volume[path: ["downwardAPI", "items"]] = .array(items)
        }
        if var projections = volume[path: ["projected", "sources"]]?.arrayValue {
            for index in projections.indices {
                if projections[index]["serviceAccountToken"]?.objectValue != nil,
                    projections[index][path: ["serviceAccountToken", "expirationSeconds"]] == nil
                {
                    projections[index][path: ["serviceAccountToken", "expirationSeconds"]] = 3600
                }
                if var items = projections[index][path: ["downwardAPI", "items"]]?.arrayValue {
                    for item in items.indices { defaultFieldRef(in: &items[item], path: ["fieldRef"]) }
                    projections[index][path: ["downwardAPI", "items"]] = .array(items)
                }
            }
            volume[path: ["projected", "sources"]] = .array(projections)
        }
        return volume
    }

    /// `SetDefaults_HTTPGetAction`: path `/`, scheme HTTP.
    private static func defaultHTTPGet(in handler: inout JSON) {
        guard handler["httpGet"]?.objectValue != nil else { return }
        if isUnset(handler[path: ["httpGet", "path"]]) { handler[path: ["httpGet", "path"]] = "/" }
        if isUnset(handler[path: ["httpGet", "scheme"]]) { handler[path: ["httpGet", "scheme"]] = "HTTP" }
    }

    /// `SetDefaults_ObjectFieldSelector`: apiVersion `v1`.
    private static func defaultFieldRef(in object: inout JSON, path: [String]) {
        guard object[path: path]?.objectValue != nil else { return }
        if isUnset(object[path: path + ["apiVersion"]]) { object[path: path + ["apiVersion"]] = "v1" }
    }
}
