import Testing

@testable import HollowModel

/// `OpenAPIPatchMeta`: reading Kubernetes' patch tags from OpenAPI v3 components.
@Suite struct StrategicMergePatchMetaTests {
    @Test func readsTagsThroughReferencesAndAllOfWrappers() throws {
        let pod = KubernetesPatchMeta.pod
        #expect(pod.patchStrategies.isEmpty)
        let containers = try #require(pod.child("spec")?.child("containers"))
        #expect(containers.patchStrategies == ["merge"])
        #expect(containers.patchMergeKey == "name")
        let ports = try #require(containers.items?.child("ports"))
        #expect(ports.patchMergeKey == "containerPort")
        let volumes = try #require(pod.child("spec")?.child("volumes"))
        #expect(volumes.patchStrategies == ["merge", "retainKeys"])
        let tolerations = try #require(pod.child("spec")?.child("tolerations"))
        #expect(tolerations.patchStrategies.isEmpty)
        #expect(tolerations.patchMergeKey == nil)
        #expect(pod.child("metadata")?.child("finalizers")?.patchStrategies == ["merge"])
    }

    @Test func mapsLeadToTheirValueType() throws {
        let capacity = try #require(KubernetesPatchMeta.node.child("status")?.child("capacity"))
        #expect(capacity.child("cpu") != nil)
        #expect(KubernetesPatchMeta.pod.child("metadata")?.child("labels")?.child("app") != nil)
    }

    @Test func unknownFieldsHaveNoMetadata() {
        #expect(KubernetesPatchMeta.pod.child("nope") == nil)
        #expect(KubernetesPatchMeta.pod.child("spec")?.child("containers")?.items?.child("name")?.child("x") == nil)
        #expect(KubernetesPatchMeta.pod.child("spec")?.child("nodeSelector")?.items == nil)
    }

    @Test func recursiveSchemasResolveLazily() throws {
        // JSONSchemaProps refers to itself; so does a reference cycle with no properties at all.
        let components = try JSON(parsing: #"""
            {"schemas":{
              "props":{"type":"object","properties":{
                "properties":{"type":"object","additionalProperties":{"default":{},"allOf":[{"$ref":"#/components/schemas/props"}]}},
                "allOf":{"type":"array","items":{"$ref":"#/components/schemas/props"},"x-kubernetes-patch-strategy":"merge"}}},
              "a":{"$ref":"#/components/schemas/b"},
              "b":{"$ref":"#/components/schemas/a"}}}
            """#).objectValue!
        let props = try #require(OpenAPIPatchMeta(componentNamed: "props", components: components))
        var node: (any PatchMeta)? = props
        for _ in 0..<50 { node = node?.child("properties")?.child("spec") }
        #expect(node?.child("allOf")?.patchStrategies == ["merge"])
        let cycle = OpenAPIPatchMeta(schema: ["$ref": "#/components/schemas/a"], components: components)
        #expect(cycle.child("x") == nil)
        #expect(cycle.items == nil)
    }

    @Test func acceptsComponentsOrTheirSchemas() throws {
        let schemas: JSONObject = [
            "t": ["properties": ["l": ["type": "array", "x-kubernetes-patch-strategy": "merge"]]]
        ]
        let fromComponents = OpenAPIPatchMeta(
            schema: ["$ref": "#/components/schemas/t"], components: ["schemas": .object(schemas)])
        let fromSchemas = OpenAPIPatchMeta(schema: ["$ref": "#/components/schemas/t"], components: schemas)
        #expect(fromComponents.child("l")?.patchStrategies == ["merge"])
        #expect(fromSchemas.child("l")?.patchStrategies == ["merge"])
        #expect(OpenAPIPatchMeta(componentNamed: "missing", components: schemas) == nil)
        #expect(OpenAPIPatchMeta(schema: ["$ref": "#/components/schemas/missing"], components: schemas).child("l") == nil)
    }
}
