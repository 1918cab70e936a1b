import Testing

@testable import HollowModel

/// The patches kubectl (client-side apply, `kubectl patch`) and kubelets send for pods and nodes, applied with
/// metadata that mirrors the real Kubernetes tags (`k8s.io/api/core/v1` as kube-apiserver publishes them in
/// `/openapi/v3/api/v1`: `allOf` wrappers, `$ref`s, `x-kubernetes-patch-*`).
@Suite struct StrategicMergePatchKubectlTests {
    static let pod = #"""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web","labels":{"app":"web","tier":"front"},"finalizers":["a.example/one","b.example/two"],
           "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"u1"}]},
         "spec":{
           "containers":[
             {"name":"app","image":"nginx:1.24","env":[{"name":"MODE","value":"prod"},{"name":"DEBUG","value":"1"}],
              "ports":[{"containerPort":80,"name":"http","protocol":"TCP"},{"containerPort":443,"name":"https","protocol":"TCP"}]},
             {"name":"sidecar","image":"envoy:1.30"}],
           "volumes":[{"name":"cache","emptyDir":{"sizeLimit":"1Gi"}},{"name":"config","configMap":{"name":"web"}}],
           "tolerations":[{"key":"a","operator":"Exists"},{"key":"b","operator":"Exists","effect":"NoSchedule"}],
           "nodeSelector":{"disk":"ssd","zone":"a"}},
         "status":{"phase":"Running","conditions":[
           {"type":"PodScheduled","status":"True"},{"type":"Ready","status":"False","reason":"ContainersNotReady"}]}}
        """#

    static let node = #"""
        {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1"},
         "spec":{"podCIDRs":["10.0.0.0/24"],"taints":[{"key":"maintenance","effect":"NoSchedule"}]},
         "status":{"capacity":{"cpu":"4","memory":"8Gi"},
           "addresses":[{"type":"InternalIP","address":"10.0.0.5"},{"type":"Hostname","address":"n1"}],
           "conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True","lastHeartbeatTime":"2024-01-01T00:00:00Z"}]}}
        """#

    @Test(arguments: [
        KubePatch(
            "kubectl apply changes a container image; containers merge by name",
            #"{"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],"containers":[{"image":"nginx:1.25","name":"app"}]}}"#,
            ["spec", "containers"],
            #"[{"name":"app","image":"nginx:1.25","env":[{"name":"MODE","value":"prod"},{"name":"DEBUG","value":"1"}],"ports":[{"containerPort":80,"name":"http","protocol":"TCP"},{"containerPort":443,"name":"https","protocol":"TCP"}]},{"name":"sidecar","image":"envoy:1.30"}]"#),
        KubePatch(
            "kubectl patch changes an image without $setElementOrder and keeps the order",
            #"{"spec":{"containers":[{"name":"sidecar","image":"envoy:1.31"}]}}"#,
            ["spec", "containers"],
            #"[{"name":"app","image":"nginx:1.24","env":[{"name":"MODE","value":"prod"},{"name":"DEBUG","value":"1"}],"ports":[{"containerPort":80,"name":"http","protocol":"TCP"},{"containerPort":443,"name":"https","protocol":"TCP"}]},{"name":"sidecar","image":"envoy:1.31"}]"#),
        KubePatch(
            "kubectl apply removes an env var with $patch delete",
            #"{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],"containers":[{"$setElementOrder/env":[{"name":"MODE"}],"env":[{"$patch":"delete","name":"DEBUG"}],"name":"app"}]}}"#,
            ["spec", "containers", "0", "env"],
            #"[{"name":"MODE","value":"prod"}]"#),
        KubePatch(
            "$setElementOrder/containers reorders containers",
            #"{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}]}}"#,
            ["spec", "containers", "*", "name"],
            #"["sidecar","app"]"#),
        KubePatch(
            "kubectl apply adds a container where the manifest has it",
            #"{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"},{"name":"debug"}],"containers":[{"image":"busybox","name":"debug"}]}}"#,
            ["spec", "containers", "*", "name"],
            #"["app","sidecar","debug"]"#),
        KubePatch(
            "kubectl patch adds a container first, as kube-apiserver does without $setElementOrder",
            #"{"spec":{"containers":[{"name":"debug","image":"busybox"}]}}"#,
            ["spec", "containers", "*", "name"],
            #"["debug","app","sidecar"]"#),
        KubePatch(
            "$patch replace on containers replaces the list",
            #"{"spec":{"containers":[{"name":"only","image":"pause"},{"$patch":"replace"}]}}"#,
            ["spec", "containers"],
            #"[{"name":"only","image":"pause"}]"#),
        KubePatch(
            "ports merge by containerPort; one is renamed, one deleted",
            #"{"spec":{"containers":[{"name":"app","ports":[{"containerPort":80,"name":"web"},{"containerPort":443,"$patch":"delete"}]}]}}"#,
            ["spec", "containers", "0", "ports"],
            #"[{"containerPort":80,"name":"web","protocol":"TCP"}]"#),
        KubePatch(
            "tolerations have no merge key in Kubernetes and are replaced",
            #"{"spec":{"tolerations":[{"key":"c","operator":"Exists"}]}}"#,
            ["spec", "tolerations"],
            #"[{"key":"c","operator":"Exists"}]"#),
        KubePatch(
            "kubectl apply switches a volume from emptyDir to hostPath: $retainKeys drops emptyDir",
            #"{"spec":{"$setElementOrder/volumes":[{"name":"cache"},{"name":"config"}],"volumes":[{"$retainKeys":["hostPath","name"],"hostPath":{"path":"/var/cache"},"name":"cache"}]}}"#,
            ["spec", "volumes"],
            #"[{"name":"cache","hostPath":{"path":"/var/cache"}},{"name":"config","configMap":{"name":"web"}}]"#),
        KubePatch(
            "without $retainKeys a volume source is merged, not switched",
            #"{"spec":{"volumes":[{"hostPath":{"path":"/var/cache"},"name":"cache"}]}}"#,
            ["spec", "volumes", "0"],
            #"{"name":"cache","emptyDir":{"sizeLimit":"1Gi"},"hostPath":{"path":"/var/cache"}}"#),
        KubePatch(
            "kubectl apply adds a finalizer to the union, placed by $setElementOrder",
            #"{"metadata":{"$setElementOrder/finalizers":["a.example/one","b.example/two","c.example/three"],"finalizers":["c.example/three"]}}"#,
            ["metadata", "finalizers"],
            #"["a.example/one","b.example/two","c.example/three"]"#),
        KubePatch(
            "a finalizer patched in without $setElementOrder goes first, as kube-apiserver puts it",
            #"{"metadata":{"finalizers":["c.example/three"]}}"#,
            ["metadata", "finalizers"],
            #"["c.example/three","a.example/one","b.example/two"]"#),
        KubePatch(
            "$deleteFromPrimitiveList/finalizers removes one finalizer",
            #"{"metadata":{"$deleteFromPrimitiveList/finalizers":["a.example/one"]}}"#,
            ["metadata", "finalizers"],
            #"["b.example/two"]"#),
        KubePatch(
            "labels merge as a map: null removes one",
            #"{"metadata":{"labels":{"tier":null,"canary":"true"}}}"#,
            ["metadata", "labels"],
            #"{"app":"web","canary":"true"}"#),
        KubePatch(
            "ownerReferences merge by uid",
            #"{"metadata":{"ownerReferences":[{"uid":"u1","controller":true},{"apiVersion":"v1","kind":"Node","name":"n1","uid":"u2"}]}}"#,
            ["metadata", "ownerReferences"],
            #"[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-1","uid":"u1","controller":true},{"apiVersion":"v1","kind":"Node","name":"n1","uid":"u2"}]"#),
        KubePatch(
            "a kubelet status patch updates a pod condition in place, by type",
            #"{"status":{"$setElementOrder/conditions":[{"type":"PodScheduled"},{"type":"Ready"}],"conditions":[{"reason":null,"status":"True","type":"Ready"}]}}"#,
            ["status", "conditions"],
            #"[{"type":"PodScheduled","status":"True"},{"type":"Ready","status":"True"}]"#),
        KubePatch(
            "nodeSelector merges as a map",
            #"{"spec":{"nodeSelector":{"zone":null,"gpu":"yes"}}}"#,
            ["spec", "nodeSelector"],
            #"{"disk":"ssd","gpu":"yes"}"#),
    ])
    func podPatches(_ example: KubePatch) throws {
        try example.check(original: Self.pod, meta: KubernetesPatchMeta.pod)
    }

    @Test(arguments: [
        KubePatch(
            "node taints have no merge key in Kubernetes and are replaced",
            #"{"spec":{"taints":[{"key":"gpu","value":"true","effect":"NoExecute"}]}}"#,
            ["spec", "taints"],
            #"[{"key":"gpu","value":"true","effect":"NoExecute"}]"#),
        KubePatch(
            "a kubelet heartbeat updates the Ready condition by type",
            #"{"status":{"$setElementOrder/conditions":[{"type":"MemoryPressure"},{"type":"Ready"}],"conditions":[{"lastHeartbeatTime":"2024-01-01T00:00:40Z","type":"Ready"}]}}"#,
            ["status", "conditions"],
            #"[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True","lastHeartbeatTime":"2024-01-01T00:00:40Z"}]"#),
        KubePatch(
            "a new node condition joins the list",
            #"{"status":{"$setElementOrder/conditions":[{"type":"MemoryPressure"},{"type":"DiskPressure"},{"type":"Ready"}],"conditions":[{"status":"False","type":"DiskPressure"}]}}"#,
            ["status", "conditions", "*", "type"],
            #"["MemoryPressure","DiskPressure","Ready"]"#),
        KubePatch(
            "node addresses merge by type",
            #"{"status":{"addresses":[{"type":"InternalIP","address":"10.0.0.6"}]}}"#,
            ["status", "addresses"],
            #"[{"type":"InternalIP","address":"10.0.0.6"},{"type":"Hostname","address":"n1"}]"#),
        KubePatch(
            "capacity merges as a map of quantities",
            #"{"status":{"capacity":{"pods":"110","memory":"16Gi"}}}"#,
            ["status", "capacity"],
            #"{"cpu":"4","memory":"16Gi","pods":"110"}"#),
        KubePatch(
            "podCIDRs merge as a union",
            #"{"spec":{"podCIDRs":["fd00::/64"]}}"#,
            ["spec", "podCIDRs"],
            #"["fd00::/64","10.0.0.0/24"]"#),
    ])
    func nodePatches(_ example: KubePatch) throws {
        try example.check(original: Self.node, meta: KubernetesPatchMeta.node)
    }

    @Test func removingTaintsWithNull() throws {
        let node = try JSON(parsing: Self.node)
        let result = try node.applyingStrategicMergePatch(
            JSON(parsing: #"{"spec":{"taints":null}}"#), meta: KubernetesPatchMeta.node)
        #expect(result["spec"] == ["podCIDRs": ["10.0.0.0/24"]])
    }

    @Test func untouchedFieldsSurviveAKubectlApply() throws {
        let pod = try JSON(parsing: Self.pod)
        let result = try pod.applyingStrategicMergePatch(
            JSON(parsing: #"{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"sidecar"}],"containers":[{"image":"nginx:1.25","name":"app"}]}}"#),
            meta: KubernetesPatchMeta.pod)
        var expected = pod
        expected[path: ["spec", "containers"]] = .array(
            (pod[path: ["spec", "containers"]]?.arrayValue ?? []).enumerated().map { index, container in
                var container = container
                if index == 0 { container["image"] = "nginx:1.25" }
                return container
            })
        #expect(result == expected)
        #expect(!result.serializedString.contains("$setElementOrder"))
    }
}

/// A patch for a pod or node and what it leaves at `path` (object keys, list indexes, or `*` for every element).
struct KubePatch: Sendable, CustomTestStringConvertible {
    let name: String
    let patch: String
    let path: [String]
    let expected: String

    init(_ name: String, _ patch: String, _ path: [String], _ expected: String) {
        self.name = name
        self.patch = patch
        self.path = path
        self.expected = expected
    }

    var testDescription: String { name }

    func check(original: String, meta: any PatchMeta) throws {
        let result = try JSON(parsing: original).applyingStrategicMergePatch(JSON(parsing: patch), meta: meta)
        let actual = Self.select(result, path[...])
        #expect(actual == (try JSON(parsing: expected)), "\(name): got \(actual.map(\.serializedString) ?? "nothing")")
    }

    private static func select(_ value: JSON, _ path: ArraySlice<String>) -> JSON? {
        guard let step = path.first else { return value }
        if step == "*" {
            return (value.arrayValue?.compactMap { select($0, path.dropFirst()) }).map(JSON.array)
        }
        if let index = Int(step), let elements = value.arrayValue {
            return elements.indices.contains(index) ? select(elements[index], path.dropFirst()) : nil
        }
        return value[step].flatMap { select($0, path.dropFirst()) }
    }
}

/// The parts of `/openapi/v3/api/v1` that strategic merge reads for pods and nodes, with Kubernetes' own tags.
enum KubernetesPatchMeta {
    static let pod = meta("io.k8s.api.core.v1.Pod")
    static let node = meta("io.k8s.api.core.v1.Node")

    private static func meta(_ name: String) -> OpenAPIPatchMeta {
        OpenAPIPatchMeta(componentNamed: name, components: try! JSON(parsing: components).objectValue!)!
    }

    /// `{"allOf":[{"$ref":…}],"default":{}}`, as kube-openapi wraps references to named types.
    private static func ref(_ name: String) -> String {
        ##"{"default":{},"allOf":[{"$ref":"#/components/schemas/io.k8s.api.core.v1.\##(name)"}]}"##
    }

    private static func list(_ element: String, _ extensions: String = "") -> String {
        #"{"type":"array","items":\#(ref(element))\#(extensions.isEmpty ? "" : ",")\#(extensions)}"#
    }

    private static let metaV1 = "io.k8s.apimachinery.pkg.apis.meta.v1"
    private static let stringMap = #"{"type":"object","additionalProperties":{"type":"string","default":""}}"#
    private static let merge = #""x-kubernetes-patch-strategy":"merge""#
    private static func mergeBy(_ key: String) -> String {
        #""x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["\#(key)"],"x-kubernetes-patch-merge-key":"\#(key)",\#(merge)"#
    }

    private static let components = """
        {"schemas":{
          "io.k8s.api.core.v1.Pod":{"type":"object","properties":{
            "apiVersion":{"type":"string"},"kind":{"type":"string"},
            "metadata":{"default":{},"allOf":[{"$ref":"#/components/schemas/\(metaV1).ObjectMeta"}]},
            "spec":\(ref("PodSpec")),"status":\(ref("PodStatus"))}},
          "\(metaV1).ObjectMeta":{"type":"object","properties":{
            "name":{"type":"string"},"labels":\(stringMap),"annotations":\(stringMap),
            "finalizers":{"type":"array","items":{"type":"string","default":""},"x-kubernetes-list-type":"set",\(merge)},
            "ownerReferences":{"type":"array",
              "items":{"default":{},"allOf":[{"$ref":"#/components/schemas/\(metaV1).OwnerReference"}]},\(mergeBy("uid"))}}},
          "\(metaV1).OwnerReference":{"type":"object","properties":{"apiVersion":{"type":"string"},
            "kind":{"type":"string"},"name":{"type":"string"},"uid":{"type":"string"},"controller":{"type":"boolean"}}},
          "io.k8s.api.core.v1.PodSpec":{"type":"object","properties":{
            "containers":\(list("Container", mergeBy("name"))),
            "initContainers":\(list("Container", mergeBy("name"))),
            "volumes":\(list("Volume", #""x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],"x-kubernetes-patch-merge-key":"name","x-kubernetes-patch-strategy":"merge,retainKeys""#)),
            "tolerations":\(list("Toleration", #""x-kubernetes-list-type":"atomic""#)),
            "nodeSelector":{"type":"object","additionalProperties":{"type":"string","default":""},"x-kubernetes-map-type":"atomic"}}},
          "io.k8s.api.core.v1.Container":{"type":"object","properties":{
            "name":{"type":"string"},"image":{"type":"string"},
            "args":{"type":"array","items":{"type":"string"},"x-kubernetes-list-type":"atomic"},
            "env":\(list("EnvVar", mergeBy("name"))),
            "ports":\(list("ContainerPort", #""x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["containerPort","protocol"],"x-kubernetes-patch-merge-key":"containerPort",\#(merge)"#)),
            "volumeMounts":\(list("VolumeMount", mergeBy("mountPath")))}},
          "io.k8s.api.core.v1.EnvVar":{"type":"object","properties":{"name":{"type":"string"},"value":{"type":"string"}}},
          "io.k8s.api.core.v1.ContainerPort":{"type":"object","properties":{"containerPort":{"type":"integer"},
            "name":{"type":"string"},"protocol":{"type":"string"}}},
          "io.k8s.api.core.v1.VolumeMount":{"type":"object","properties":{"name":{"type":"string"},"mountPath":{"type":"string"}}},
          "io.k8s.api.core.v1.Volume":{"type":"object","properties":{"name":{"type":"string"},
            "emptyDir":\(ref("EmptyDirVolumeSource")),"hostPath":\(ref("HostPathVolumeSource")),
            "configMap":\(ref("ConfigMapVolumeSource"))}},
          "io.k8s.api.core.v1.EmptyDirVolumeSource":{"type":"object","properties":{"medium":{"type":"string"},"sizeLimit":{"type":"string"}}},
          "io.k8s.api.core.v1.HostPathVolumeSource":{"type":"object","properties":{"path":{"type":"string"},"type":{"type":"string"}}},
          "io.k8s.api.core.v1.ConfigMapVolumeSource":{"type":"object","properties":{"name":{"type":"string"}}},
          "io.k8s.api.core.v1.Toleration":{"type":"object","properties":{"key":{"type":"string"},
            "operator":{"type":"string"},"value":{"type":"string"},"effect":{"type":"string"}}},
          "io.k8s.api.core.v1.PodStatus":{"type":"object","properties":{"phase":{"type":"string"},
            "conditions":\(list("PodCondition", mergeBy("type")))}},
          "io.k8s.api.core.v1.PodCondition":{"type":"object","properties":{"type":{"type":"string"},
            "status":{"type":"string"},"reason":{"type":"string"}}},
          "io.k8s.api.core.v1.Node":{"type":"object","properties":{
            "apiVersion":{"type":"string"},"kind":{"type":"string"},
            "metadata":{"default":{},"allOf":[{"$ref":"#/components/schemas/\(metaV1).ObjectMeta"}]},
            "spec":\(ref("NodeSpec")),"status":\(ref("NodeStatus"))}},
          "io.k8s.api.core.v1.NodeSpec":{"type":"object","properties":{
            "podCIDRs":{"type":"array","items":{"type":"string","default":""},"x-kubernetes-list-type":"set",\(merge)},
            "taints":\(list("Taint", #""x-kubernetes-list-type":"atomic""#)),"unschedulable":{"type":"boolean"}}},
          "io.k8s.api.core.v1.Taint":{"type":"object","properties":{"key":{"type":"string"},"value":{"type":"string"},
            "effect":{"type":"string"}}},
          "io.k8s.api.core.v1.NodeStatus":{"type":"object","properties":{
            "capacity":{"type":"object","additionalProperties":{"$ref":"#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity"}},
            "addresses":\(list("NodeAddress", mergeBy("type"))),
            "conditions":\(list("NodeCondition", mergeBy("type")))}},
          "io.k8s.api.core.v1.NodeAddress":{"type":"object","properties":{"type":{"type":"string"},"address":{"type":"string"}}},
          "io.k8s.api.core.v1.NodeCondition":{"type":"object","properties":{"type":{"type":"string"},
            "status":{"type":"string"},"lastHeartbeatTime":{"type":"string"}}},
          "io.k8s.apimachinery.pkg.api.resource.Quantity":{"type":"string"}
        }}
        """
}
