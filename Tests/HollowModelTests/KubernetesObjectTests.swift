import HollowModel
import Testing

@Suite struct KubernetesObjectTests {
    @Test func emptyMapsAndListsRemoveTheirMembersInsteadOfWritingNull() {
        var pod = Pod([
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": "p", "labels": ["a": "1"], "annotations": ["b": "2"], "finalizers": ["f"]],
        ])
        pod.metadata.labels = [:]
        pod.metadata.annotations = [:]
        pod.metadata.finalizers = []
        pod.metadata.ownerReferences = []
        #expect(pod.object["metadata"] == ["name": "p"])
    }

    @Test func accessorsReadAndWriteThroughTheJSON() throws {
        var node = Node(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "n1"], "spec": ["unschedulable": true]])
        #expect(node.unschedulable)
        #expect(node.key == "n1")
        node.metadata.labels = ["zone": "a", "app": "x"]
        #expect(node.object[path: ["metadata", "labels"]] == ["app": "x", "zone": "a"])
        var pod = Pod(["metadata": ["name": "p", "namespace": "ns"]])
        #expect(pod.key == "ns/p")
        #expect(pod.phase == "Pending")
        pod.nodeName = "n1"
        #expect(pod.object[path: ["spec", "nodeName"]] == "n1")
        let owner = OwnerReference.controller(of: Deployment(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "uid": "u1"]]))
        #expect(owner.controller && owner.blockOwnerDeletion && owner.kind == "Deployment" && owner.uid == "u1")
        #expect(ObjectKey("ns/p") == ObjectKey(namespace: "ns", name: "p"))
        #expect(ObjectKey("n1").namespace == nil)
    }
}
