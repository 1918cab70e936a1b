import HollowModel
import HollowResources
import Testing

/// Reads documents the way kubectl and kube-openapi do: properties through `$ref` and `allOf`.
enum OpenAPIReader {
    static let v3Prefix = "#/components/schemas/"

    static func schemas(_ document: JSON) -> JSONObject {
        (document[path: ["components", "schemas"]] ?? document["definitions"])?.objectValue ?? [:]
    }

    /// Follows `$ref` (directly or as the first `allOf`) to the named schema.
    static func dereference(_ schema: JSON, in document: JSON) -> JSON {
        var current = schema
        for _ in 0..<8 {
            let reference = current["$ref"]?.stringValue ?? current["allOf"]?.arrayValue?.first?["$ref"]?.stringValue
            guard let reference, let name = reference.split(separator: "/").last.map(String.init),
                let target = schemas(document)[name]
            else { return current }
            current = target
        }
        return current
    }

    /// The schema at `path` below the named schema; `[]` steps into array items.
    static func schema(_ name: String, _ path: [String], in document: JSON) -> JSON? {
        guard var current = schemas(document)[name] else { return nil }
        for step in path {
            current = dereference(current, in: document)
            if step == "[]" {
                guard let items = current["items"] else { return nil }
                current = items
            } else {
                guard let property = current[path: ["properties", step]] else { return nil }
                current = property
            }
        }
        return current
    }

    static func allReferences(_ json: JSON) -> [String] {
        switch json {
        case .object(let object):
            return object.flatMap { member -> [String] in
                if member.key == "$ref", let target = member.value.stringValue { return [target] }
                return allReferences(member.value)
            }
        case .array(let elements): return elements.flatMap(allReferences)
        default: return []
        }
    }

    static let methods = ["get", "put", "post", "delete", "patch"]
}

@Suite struct OpenAPIV3Tests {
    let openAPI = OpenAPIDocuments(registry: APIFixtures.registry(), serverVersion: "v1.33.1")

    @Test func indexListsEveryGroupVersionWithItsHash() throws {
        let paths = try #require(openAPI.v3Index().json["paths"]?.objectValue)
        for path in ["api/v1", "apis/coordination.k8s.io/v1", "api", "apis", "apis/coordination.k8s.io", "version"] {
            let url = try #require(paths[path]?["serverRelativeURL"]?.stringValue, "\(path) missing from index")
            let document = try #require(openAPI.v3Document(path: path))
            #expect(url == "/openapi/v3/\(path)?hash=\(document.hash)")
        }
        #expect(openAPI.v3Document(path: "apis/batch/v1") == nil)
    }

    @Test func groupVersionDocumentHasOpenAPI3Shape() throws {
        let document = try #require(openAPI.v3Document(path: "/api/v1")?.json)
        #expect(document["openapi"] == "3.0.0")
        #expect(document["info"] == ["title": "Kubernetes", "version": "v1.33.1"])
        #expect(document["paths"]?.objectValue?.isEmpty == false)
        #expect(document[path: ["components", "schemas", "io.k8s.api.core.v1.Pod"]] != nil)
        #expect(document[path: ["components", "schemas", "io.k8s.api.coordination.v1.Lease"]] == nil)
    }

    @Test func configMapPatchCarriesKindAndFieldValidation() throws {
        let document = try #require(openAPI.v3Document(path: "api/v1")?.json)
        let patch = try #require(
            document[path: ["paths", "/api/v1/namespaces/{namespace}/configmaps/{name}", "patch"]])
        #expect(patch["x-kubernetes-group-version-kind"] == ["group": "", "version": "v1", "kind": "ConfigMap"])
        #expect(patch["x-kubernetes-action"] == "patch")
        let parameters = try #require(patch["parameters"]?.arrayValue)
        #expect(parameters.contains { $0["name"] == "fieldValidation" && $0["in"] == "query" })
        let contentTypes = patch[path: ["requestBody", "content"]]?.objectValue?.keys ?? []
        #expect(contentTypes.contains("application/strategic-merge-patch+json"))
        #expect(contentTypes.contains("application/apply-patch+yaml"))
    }

    /// kubectl's `query_param_verifier_v3.go` takes the first PATCH operation carrying the kind's GVK, in map
    /// order, so every such operation must accept `fieldValidation`.
    @Test func everyKindHasPatchOperationsThatAcceptFieldValidation() throws {
        for definition in BuiltinResources.all {
            let path =
                definition.group.isEmpty
                ? "api/\(definition.version)" : "apis/\(definition.group)/\(definition.version)"
            let document = try #require(openAPI.v3Document(path: path)?.json)
            let gvk: JSON = [
                "group": .string(definition.group), "version": .string(definition.version),
                "kind": .string(definition.kind),
            ]
            let patches = (document["paths"]?.objectValue ?? [:]).compactMap { $0.value["patch"] }
                .filter { $0["x-kubernetes-group-version-kind"] == gvk }
            #expect(!patches.isEmpty, "\(definition.kind) has no PATCH operation")
            for patch in patches {
                #expect(
                    patch["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" && $0["in"] == "query" }
                        == true)
            }
        }
    }

    @Test func nodePathsCoverItemAndCollection() throws {
        let document = try #require(openAPI.v3Document(path: "api/v1")?.json)
        let item = try #require(document[path: ["paths", "/api/v1/nodes/{name}"]])
        for method in ["get", "put", "patch", "delete"] {
            #expect(item[path: [method, "x-kubernetes-group-version-kind", "kind"]] == "Node", "\(method)")
        }
        let collection = try #require(document[path: ["paths", "/api/v1/nodes"]])
        #expect(collection[path: ["get", "x-kubernetes-action"]] == "list")
        #expect(collection[path: ["get", "x-kubernetes-group-version-kind", "kind"]] == "Node")
        #expect(collection[path: ["post", "x-kubernetes-action"]] == "post")
        #expect(
            collection[path: ["get", "responses", "200", "content", "application/json", "schema", "$ref"]]
                == "#/components/schemas/io.k8s.api.core.v1.NodeList")
        #expect(document[path: ["paths", "/api/v1/nodes/{name}/status", "patch"]] != nil)
    }

    @Test func namespacedResourcesHaveNamespacedAndAllNamespacesPaths() throws {
        let document = try #require(openAPI.v3Document(path: "apis/coordination.k8s.io/v1")?.json)
        let paths = try #require(document["paths"]?.objectValue)
        #expect(paths["/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}"]?["patch"] != nil)
        #expect(paths["/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases"]?["post"] != nil)
        #expect(
            paths["/apis/coordination.k8s.io/v1/leases"]?["get"]?["operationId"]
                == "listCoordinationV1LeaseForAllNamespaces")
        #expect(
            paths["/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}"]?["patch"]?["operationId"]
                == "patchCoordinationV1NamespacedLease")
    }

    @Test func podSubresourcesUseTheirOwnKinds() throws {
        let document = try #require(openAPI.v3Document(path: "api/v1")?.json)
        let eviction = try #require(
            document[path: ["paths", "/api/v1/namespaces/{namespace}/pods/{name}/eviction", "post"]])
        #expect(
            eviction["x-kubernetes-group-version-kind"] == ["group": "policy", "version": "v1", "kind": "Eviction"])
        let binding = try #require(
            document[path: ["paths", "/api/v1/namespaces/{namespace}/pods/{name}/binding", "post"]])
        #expect(binding["x-kubernetes-group-version-kind"]?["kind"] == "Binding")
        #expect(document[path: ["components", "schemas", "io.k8s.api.policy.v1.Eviction"]] != nil)
    }

    @Test func everyReferenceResolvesInEveryDocument() throws {
        let registry = APIFixtures.registry([APIFixtures.widgets()])
        let openAPI = OpenAPIDocuments(registry: registry)
        let paths = try #require(openAPI.v3Index().json["paths"]?.objectValue)
        #expect(paths.count >= 8)
        for path in paths.keys {
            let document = try #require(openAPI.v3Document(path: path)?.json)
            let schemas = OpenAPIReader.schemas(document)
            for reference in OpenAPIReader.allReferences(document) {
                #expect(reference.hasPrefix(OpenAPIReader.v3Prefix), "\(path): \(reference)")
                #expect(
                    schemas[String(reference.dropFirst(OpenAPIReader.v3Prefix.count))] != nil, "\(path): \(reference)")
            }
        }
        let v2 = openAPI.v2().json
        let definitions = OpenAPIReader.schemas(v2)
        for reference in OpenAPIReader.allReferences(v2) {
            #expect(reference.hasPrefix("#/definitions/"), "\(reference)")
            #expect(definitions[String(reference.dropFirst("#/definitions/".count))] != nil, "\(reference)")
        }
    }

    @Test func registeringADefinitionChangesOnlyTheAffectedDocument() throws {
        let registry = APIFixtures.registry()
        let openAPI = OpenAPIDocuments(registry: registry)
        let core = try #require(openAPI.v3Document(path: "api/v1")?.hash)
        let coordination = try #require(openAPI.v3Document(path: "apis/coordination.k8s.io/v1")?.hash)
        #expect(openAPI.v3Document(path: "api/v1")?.hash == core)

        registry.register(
            ResourceDefinition(
                group: "coordination.k8s.io", version: "v1", kind: "Ballot", plural: "ballots", namespaced: true,
                openAPISchema: ["type": "object", "properties": ["spec": ["type": "object"]]]))
        #expect(openAPI.v3Document(path: "api/v1")?.hash == core)
        let changed = try #require(openAPI.v3Document(path: "apis/coordination.k8s.io/v1")?.hash)
        #expect(changed != coordination)
        #expect(
            openAPI.v3Index().json[path: ["paths", "apis/coordination.k8s.io/v1", "serverRelativeURL"]]
                == .string("/openapi/v3/apis/coordination.k8s.io/v1?hash=\(changed)"))

        registry.register(APIFixtures.widgets())
        #expect(openAPI.v3Document(path: "api/v1")?.hash == core)
        #expect(openAPI.v3Document(path: "apis/coordination.k8s.io/v1")?.hash == changed)
        #expect(openAPI.v3Index().json[path: ["paths", "apis/example.com/v1"]] != nil)
    }

    @Test func documentsAreStableAcrossBuilds() {
        let first = OpenAPIDocuments(registry: APIFixtures.registry()).v3Index()
        let second = OpenAPIDocuments(registry: APIFixtures.registry()).v3Index()
        #expect(first.bytes == second.bytes)
    }
}

@Suite struct OpenAPISchemaTests {
    let core = OpenAPIDocuments(registry: APIFixtures.registry()).v3Document(path: "api/v1")!.json

    @Test func nodeSchemaCoversTaintsAndNodeInfo() throws {
        let node = "io.k8s.api.core.v1.Node"
        #expect(OpenAPIReader.schema(node, ["spec", "taints"], in: core)?["type"] == "array")
        #expect(OpenAPIReader.schema(node, ["spec", "taints", "[]", "effect"], in: core)?["type"] == "string")
        #expect(OpenAPIReader.schema(node, ["status", "nodeInfo", "bootID"], in: core)?["type"] == "string")
        let nodeInfo = try #require(OpenAPIReader.schemas(core)["io.k8s.api.core.v1.NodeSystemInfo"])
        #expect(APIFixtures.strings(nodeInfo["required"]).count == 10)
        #expect(
            OpenAPIReader.schema(node, ["status", "capacity"], in: core)?[path: ["additionalProperties", "$ref"]]
                == "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity")
    }

    @Test func containerListsMergeByName() throws {
        let spec = "io.k8s.api.core.v1.PodSpec"
        for field in ["containers", "initContainers"] {
            let list = try #require(OpenAPIReader.schema(spec, [field], in: core))
            #expect(list["x-kubernetes-patch-strategy"] == "merge")
            #expect(list["x-kubernetes-patch-merge-key"] == "name")
            #expect(list["x-kubernetes-list-type"] == "map")
            #expect(list["x-kubernetes-list-map-keys"] == ["name"])
        }
        let volumes = try #require(OpenAPIReader.schema(spec, ["volumes"], in: core))
        #expect(volumes["x-kubernetes-patch-strategy"] == "merge,retainKeys")
        let ports = try #require(OpenAPIReader.schema(spec, ["containers", "[]", "ports"], in: core))
        #expect(ports["x-kubernetes-patch-merge-key"] == "containerPort")
        #expect(ports["x-kubernetes-list-map-keys"] == ["containerPort", "protocol"])
        let env = try #require(OpenAPIReader.schema(spec, ["containers", "[]", "env"], in: core))
        #expect(env["x-kubernetes-patch-merge-key"] == "name")
        #expect(
            OpenAPIReader.schema(spec, ["containers", "[]", "env", "[]", "valueFrom", "secretKeyRef", "key"], in: core)
                != nil)
        #expect(OpenAPIReader.schema(spec, ["tolerations"], in: core)?["x-kubernetes-list-type"] == "atomic")
        let finalizers = try #require(
            OpenAPIReader.schema("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", ["finalizers"], in: core))
        #expect(finalizers["x-kubernetes-patch-strategy"] == "merge")
        #expect(finalizers["x-kubernetes-list-type"] == "set")
    }

    @Test func kindsAndListsCarryTheirGroupVersionKind() throws {
        let schemas = OpenAPIReader.schemas(core)
        for kind in ["Pod", "Node", "Namespace", "ConfigMap", "Secret", "ServiceAccount", "Service", "Event"] {
            let schema = try #require(schemas["io.k8s.api.core.v1.\(kind)"])
            #expect(
                schema["x-kubernetes-group-version-kind"] == [["group": "", "version": "v1", "kind": .string(kind)]])
            let list = try #require(schemas["io.k8s.api.core.v1.\(kind)List"])
            #expect(
                list["x-kubernetes-group-version-kind"] == [
                    ["group": "", "version": "v1", "kind": .string(kind + "List")]
                ])
            #expect(list["required"] == ["items"])
            #expect(OpenAPIReader.schema("io.k8s.api.core.v1.\(kind)", ["metadata", "managedFields"], in: core) != nil)
        }
        #expect(
            schemas["io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"]?["x-kubernetes-group-version-kind"]
                == [["group": "", "version": "v1", "kind": "DeleteOptions"]])
        #expect(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent"] != nil)
    }

    @Test func valueTypesHaveKubernetesFormats() throws {
        let schemas = OpenAPIReader.schemas(core)
        #expect(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]?["format"] == "date-time")
        #expect(schemas["io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"]?["format"] == "date-time")
        #expect(schemas["io.k8s.apimachinery.pkg.api.resource.Quantity"]?["x-kubernetes-int-or-string"] == true)
        #expect(schemas["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]?["x-kubernetes-int-or-string"] == true)
        #expect(schemas["io.k8s.api.core.v1.Volume"]?["x-kubernetes-preserve-unknown-fields"] == true)
        #expect(
            schemas["io.k8s.api.core.v1.Secret"]?[path: ["properties", "data", "additionalProperties", "format"]]
                == "byte")
        let status = try #require(schemas["io.k8s.api.core.v1.ContainerStatus"])
        #expect(Set(APIFixtures.strings(status["required"])) == ["name", "ready", "restartCount", "image", "imageID"])
    }

    @Test func everySchemaHasADescription() {
        for (name, schema) in OpenAPIReader.schemas(core).map({ ($0.key, $0.value) }) {
            #expect(schema["description"]?.stringValue?.isEmpty == false, "\(name)")
        }
    }

    @Test func leaseUsesMicroTime() throws {
        let document = try #require(
            OpenAPIDocuments(registry: APIFixtures.registry()).v3Document(path: "apis/coordination.k8s.io/v1")?.json)
        #expect(
            OpenAPIReader.schema("io.k8s.api.coordination.v1.Lease", ["spec", "renewTime"], in: document)?["allOf"]
                == [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"]])
        #expect(
            OpenAPIReader.schemas(document)["io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"]?[
                "x-kubernetes-group-version-kind"]
                == [["group": "coordination.k8s.io", "version": "v1", "kind": "DeleteOptions"]])
    }
}

@Suite struct CustomResourceOpenAPITests {
    @Test func givenSchemaIsWrappedWithTypeMetaAndKind() throws {
        let schema: JSON = [
            "type": "object", "description": "A widget.",
            "properties": ["spec": ["type": "object", "properties": ["replicas": ["type": "integer"]]]],
        ]
        let openAPI = OpenAPIDocuments(registry: APIFixtures.registry([APIFixtures.widgets(schema: schema)]))
        let document = try #require(openAPI.v3Document(path: "apis/example.com/v1")?.json)
        let widget = try #require(OpenAPIReader.schemas(document)["com.example.v1.Widget"])
        #expect(widget["description"] == "A widget.")
        #expect(
            widget["x-kubernetes-group-version-kind"] == [["group": "example.com", "version": "v1", "kind": "Widget"]])
        #expect(widget[path: ["properties", "spec", "properties", "replicas", "type"]] == "integer")
        #expect(widget[path: ["properties", "apiVersion", "type"]] == "string")
        #expect(OpenAPIReader.schema("com.example.v1.Widget", ["metadata", "labels"], in: document) != nil)
        let list = try #require(OpenAPIReader.schemas(document)["com.example.v1.WidgetList"])
        #expect(
            list["x-kubernetes-group-version-kind"] == [
                ["group": "example.com", "version": "v1", "kind": "WidgetList"]
            ])

        let paths = try #require(document["paths"]?.objectValue)
        let patch = try #require(paths["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"]?["patch"])
        #expect(
            patch["x-kubernetes-group-version-kind"] == ["group": "example.com", "version": "v1", "kind": "Widget"])
        let contentTypes = patch[path: ["requestBody", "content"]]?.objectValue?.keys ?? []
        #expect(!contentTypes.contains("application/strategic-merge-patch+json"))
        #expect(paths["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}/scale"]?["put"] != nil)
        #expect(OpenAPIReader.schemas(document)["io.k8s.api.autoscaling.v1.Scale"] != nil)
    }

    @Test func missingSchemaPreservesUnknownFields() throws {
        let openAPI = OpenAPIDocuments(registry: APIFixtures.registry([APIFixtures.widgets()]))
        let document = try #require(openAPI.v3Document(path: "apis/example.com/v1")?.json)
        let widget = try #require(OpenAPIReader.schemas(document)["com.example.v1.Widget"])
        #expect(widget["type"] == "object")
        #expect(widget["x-kubernetes-preserve-unknown-fields"] == true)
    }
}

@Suite struct OpenAPIV2Tests {
    let document = OpenAPIDocuments(registry: APIFixtures.registry(), serverVersion: "v1.33.1").v2().json

    @Test func isSwagger2WithDefinitionsAndKindedPaths() throws {
        #expect(document["swagger"] == "2.0")
        let definitions = OpenAPIReader.schemas(document)
        #expect(definitions["io.k8s.api.core.v1.Pod"] != nil)
        #expect(definitions["io.k8s.api.coordination.v1.Lease"] != nil)
        let patch = try #require(
            document[path: ["paths", "/api/v1/namespaces/{namespace}/configmaps/{name}", "patch"]])
        #expect(patch["x-kubernetes-group-version-kind"] == ["group": "", "version": "v1", "kind": "ConfigMap"])
        #expect(patch["parameters"]?.arrayValue?.contains { $0["name"] == "body" && $0["in"] == "body" } == true)
        #expect(
            definitions["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]?[path: [
                "properties", "creationTimestamp", "$ref",
            ]]
                == "#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time")
        #expect(!OpenAPIReader.allReferences(document).contains { $0.hasPrefix("#/components/") })
        #expect(
            definitions["io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"]?["x-kubernetes-group-version-kind"]?
                .arrayValue?.count == 3)  // v1, apps/v1, coordination.k8s.io/v1
    }

    @Test func isCachedUntilTheRegistryChanges() {
        let registry = APIFixtures.registry()
        let openAPI = OpenAPIDocuments(registry: registry)
        let before = openAPI.v2().hash
        #expect(openAPI.v2().hash == before)
        registry.register(APIFixtures.widgets())
        #expect(openAPI.v2().hash != before)
    }
}
