import Testing

@testable import HollowModel

/// An OpenAPI v3 document with the parts of the built-in types the kubectl scenarios touch, written as
/// kube-apiserver publishes them (patch strategies, list types, atomic structs, defaults).
enum KubeSchemas {
    static func ref(_ name: String) -> JSON { ["$ref": .string("#/components/schemas/\(name)")] }
    static func described(_ name: String) -> JSON { ["allOf": [ref(name)], "description": "d"] }
    static let string: JSON = ["type": "string"]
    static let int: JSON = ["type": "integer", "format": "int32"]
    static func gvk(_ group: String, _ version: String, _ kind: String) -> JSON {
        [["group": .string(group), "version": .string(version), "kind": .string(kind)]]
    }

    static let meta = "io.k8s.apimachinery.pkg.apis.meta.v1."
    static let core = "io.k8s.api.core.v1."
    static let apps = "io.k8s.api.apps.v1."

    static let document: JSON = [
        "openapi": "3.0.0",
        "components": [
            "schemas": .object(
                JSONObject([
                    (
                        meta + "ObjectMeta",
                        [
                            "type": "object",
                            "properties": [
                                "name": string, "namespace": string, "uid": string, "resourceVersion": string,
                                "generation": ["type": "integer", "format": "int64"],
                                "creationTimestamp": described(meta + "Time"),
                                "labels": [
                                    "type": "object", "additionalProperties": ["type": "string", "default": ""],
                                ],
                                "annotations": [
                                    "type": "object", "additionalProperties": ["type": "string", "default": ""],
                                ],
                                "finalizers": [
                                    "type": "array", "items": ["type": "string", "default": ""],
                                    "x-kubernetes-list-type": "set", "x-kubernetes-patch-strategy": "merge",
                                ],
                                "ownerReferences": [
                                    "type": "array", "items": described(meta + "OwnerReference"),
                                    "x-kubernetes-list-map-keys": ["uid"], "x-kubernetes-list-type": "map",
                                    "x-kubernetes-patch-merge-key": "uid", "x-kubernetes-patch-strategy": "merge",
                                ],
                                "managedFields": ["type": "array", "items": described(meta + "ManagedFieldsEntry")],
                            ],
                        ]
                    ),
                    (
                        meta + "OwnerReference",
                        [
                            "type": "object", "x-kubernetes-map-type": "atomic",
                            "properties": ["apiVersion": string, "kind": string, "name": string, "uid": string],
                        ]
                    ),
                    (meta + "ManagedFieldsEntry", ["type": "object", "properties": ["manager": string]]),
                    (meta + "Time", ["type": "string", "format": "date-time"]),
                    (
                        meta + "LabelSelector",
                        [
                            "type": "object", "x-kubernetes-map-type": "atomic",
                            "properties": [
                                "matchLabels": ["type": "object", "additionalProperties": string],
                                "matchExpressions": ["type": "array", "items": ["type": "object"]],
                            ],
                        ]
                    ),
                    (
                        core + "ConfigMap",
                        [
                            "type": "object",
                            "properties": [
                                "apiVersion": string, "kind": string, "metadata": described(meta + "ObjectMeta"),
                                "data": ["type": "object", "additionalProperties": ["type": "string", "default": ""]],
                                "immutable": ["type": "boolean"],
                            ],
                            "x-kubernetes-group-version-kind": gvk("", "v1", "ConfigMap"),
                        ]
                    ),
                    (
                        core + "Container",
                        [
                            "type": "object", "required": ["name"],
                            "properties": [
                                "name": string, "image": string,
                                "args": ["type": "array", "items": string, "x-kubernetes-list-type": "atomic"],
                                "env": [
                                    "type": "array", "items": described(core + "EnvVar"),
                                    "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map",
                                    "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge",
                                ],
                                "ports": [
                                    "type": "array", "items": described(core + "ContainerPort"),
                                    "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
                                    "x-kubernetes-list-type": "map",
                                    "x-kubernetes-patch-merge-key": "containerPort",
                                    "x-kubernetes-patch-strategy": "merge",
                                ],
                                "resources": described(core + "ResourceRequirements"),
                            ],
                        ]
                    ),
                    (core + "EnvVar", ["type": "object", "properties": ["name": string, "value": string]]),
                    (
                        core + "ContainerPort",
                        [
                            "type": "object",
                            "properties": [
                                "name": string, "containerPort": int, "protocol": ["type": "string", "default": "TCP"],
                            ],
                        ]
                    ),
                    (
                        core + "ResourceRequirements",
                        [
                            "type": "object",
                            "properties": [
                                "limits": [
                                    "type": "object",
                                    "additionalProperties": ref("io.k8s.apimachinery.pkg.api.resource.Quantity"),
                                ]
                            ],
                        ]
                    ),
                    (
                        "io.k8s.apimachinery.pkg.api.resource.Quantity",
                        [
                            "oneOf": [["type": "string"], ["type": "number"]], "x-kubernetes-int-or-string": true,
                        ]
                    ),
                    (
                        core + "PodSpec",
                        [
                            "type": "object",
                            "properties": [
                                "containers": [
                                    "type": "array", "items": described(core + "Container"),
                                    "x-kubernetes-list-map-keys": ["name"], "x-kubernetes-list-type": "map",
                                    "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge",
                                ],
                                "nodeSelector": [
                                    "type": "object", "additionalProperties": string, "x-kubernetes-map-type": "atomic",
                                ],
                            ],
                        ]
                    ),
                    (
                        core + "PodTemplateSpec",
                        [
                            "type": "object",
                            "properties": [
                                "metadata": described(meta + "ObjectMeta"), "spec": described(core + "PodSpec"),
                            ],
                        ]
                    ),
                    (
                        apps + "Deployment",
                        [
                            "type": "object",
                            "properties": [
                                "apiVersion": string, "kind": string, "metadata": described(meta + "ObjectMeta"),
                                "spec": described(apps + "DeploymentSpec"), "status": ["type": "object"],
                            ],
                            "x-kubernetes-group-version-kind": gvk("apps", "v1", "Deployment"),
                        ]
                    ),
                    (
                        apps + "DeploymentSpec",
                        [
                            "type": "object",
                            "properties": [
                                "replicas": int, "selector": described(meta + "LabelSelector"),
                                "template": described(core + "PodTemplateSpec"),
                            ],
                        ]
                    ),
                ]))
        ],
    ]

    static let configMap = OpenAPIApplySchema(document: document, group: "", version: "v1", kind: "ConfigMap")!
    static let deployment = OpenAPIApplySchema(document: document, group: "apps", version: "v1", kind: "Deployment")!
}

@Suite struct ServerSideApplySchemaTests {
    @Test func listAndMapTypesFollowKubeOpenAPI() throws {
        let spec = KubeSchemas.deployment.member(named: "spec")
        #expect(spec.isField)
        #expect(spec.schema.member(named: "selector").schema.mapType == .atomic)
        let podSpec = spec.schema.member(named: "template").schema.member(named: "spec").schema
        let containers = podSpec.member(named: "containers").schema
        #expect(containers.listType == .map(keys: ["name"]))
        #expect(containers.mapType == nil)
        #expect(podSpec.member(named: "nodeSelector").schema.mapType == .atomic)
        let container = containers.items
        #expect(container.member(named: "args").schema.listType == .atomic)
        #expect(container.member(named: "ports").schema.listType == .map(keys: ["containerPort", "protocol"]))
        #expect(container.member(named: "ports").schema.items.member(named: "protocol").defaultValue == "TCP")
        let meta = KubeSchemas.configMap.member(named: "metadata").schema
        #expect(meta.member(named: "finalizers").schema.listType == .set)
        #expect(meta.member(named: "ownerReferences").schema.listType == .map(keys: ["uid"]))
        #expect(meta.member(named: "managedFields").schema.listType == .atomic)
        let labels = meta.member(named: "labels")
        #expect(labels.isField && labels.schema.mapType == .granular)
        #expect(!labels.schema.member(named: "app").isField)
    }

    @Test(
        arguments: [
            (["x-kubernetes-list-type": "set"], .set),
            (["x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["a", "b"]], .map(keys: ["a", "b"])),
            (["x-kubernetes-list-type": "atomic", "x-kubernetes-patch-strategy": "merge"], .atomic),
            (["x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name"], .map(keys: ["name"])),
            (
                ["x-kubernetes-patch-strategy": "merge,retainKeys", "x-kubernetes-patch-merge-key": "k"],
                .map(keys: ["k"])
            ),
            (["x-kubernetes-patch-strategy": "merge"], .set),
            (["x-kubernetes-patch-strategy": "retainKeys"], .atomic),
            ([:], .atomic),
        ] as [(JSON, ApplyListType)])
    func listTypeComesFromListTypeThenPatchStrategy(extensions: JSON, expected: ApplyListType) {
        var node = extensions.objectValue!
        node["type"] = "array"
        node["items"] = ["type": "string"]
        #expect(OpenAPIApplySchema(root: .object(node)).listType == expected)
    }

    @Test func mapTypeOverrideOnAReferenceWins() {
        let schema = OpenAPIApplySchema(
            root: [
                "type": "object",
                "properties": [
                    "atomic": ["allOf": [KubeSchemas.ref("S")], "x-kubernetes-map-type": "atomic"],
                    "plain": KubeSchemas.ref("S"),
                ],
            ],
            components: ["S": ["type": "object", "properties": ["a": ["type": "string"]]]])
        #expect(schema.member(named: "atomic").schema.mapType == .atomic)
        #expect(schema.member(named: "plain").schema.mapType == .granular)
    }

    @Test func recursiveSchemasResolveLazily() {
        let schema = OpenAPIApplySchema(
            root: KubeSchemas.ref("Props"),
            components: [
                "Props": [
                    "type": "object",
                    "properties": [
                        "properties": ["type": "object", "additionalProperties": KubeSchemas.ref("Props")],
                        "items": KubeSchemas.ref("Props"),
                    ],
                ]
            ])
        var node: any ApplySchema = schema
        for _ in 0..<50 { node = node.member(named: "properties").schema.member(named: "x").schema }
        #expect(node.member(named: "items").isField)
    }

    @Test func untypedAndMissingSchemasAreDeduced() {
        let schema = OpenAPIApplySchema(
            root: [
                "type": "object",
                "properties": [
                    "free": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                    "intOrString": [
                        "x-kubernetes-int-or-string": true, "anyOf": [["type": "integer"], ["type": "string"]],
                    ],
                    "missing": KubeSchemas.ref("Nowhere"),
                ],
            ])
        let free = schema.member(named: "free").schema
        #expect(
            free.mapType == .granular && free.member(named: "x").schema.member(named: "y").schema.mapType == .granular)
        let intOrString = schema.member(named: "intOrString").schema
        #expect(intOrString.allowsScalar && intOrString.mapType == .granular && intOrString.listType == .atomic)
        #expect(schema.member(named: "missing").schema.mapType == .granular)
        #expect(!schema.member(named: "undeclared").isField)
        #expect(DeducedApplySchema().items.mapType == .atomic)
    }

    @Test func fieldSetOfAnAppliedConfigurationOwnsContentsNotContainers() throws {
        let config = try JSON(
            parsing: #"""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
                 "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"spec":{"containers":[{"name":"web","image":"nginx","ports":[{"containerPort":80}]}]}}}}
                """#)
        let set = try StructuredValue.fieldSet(of: config, schema: KubeSchemas.deployment, allowDuplicates: false)
        #expect(
            set.fieldsV1.serializedString == #"""
                {"f:apiVersion":{},"f:kind":{},"f:metadata":{"f:labels":{"f:app":{}},"f:name":{}},"f:spec":{"f:replicas":{},\#
                "f:selector":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},\#
                "f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}
                """#)
    }

    @Test func deducedDataOwnsEveryKey() throws {
        let set = try StructuredValue.fieldSet(
            of: try JSON(parsing: #"{"spec":{"a":{"b":1},"list":[1,2]}}"#), schema: DeducedApplySchema(),
            allowDuplicates: false)
        #expect(set.fieldsV1.serializedString == #"{"f:spec":{".":{},"f:a":{".":{},"f:b":{}},"f:list":{}}}"#)
    }

    @Test func listItemsWithoutKeysAreRejected() throws {
        let config = try JSON(parsing: #"{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#)
        #expect {
            try StructuredValue.fieldSet(of: config, schema: KubeSchemas.deployment, allowDuplicates: false)
        } throws: { error in
            (error as? StructuredValueError)?.message == #"""
                .spec.template.spec.containers: element 0: associative list with keys has an element that omits all \#
                key fields ["name"] (and doesn't have default values for any key fields)
                """#
        }
    }
}
