import HollowModel
import HollowResources
import Testing

/// The schema walks the server makes on every write, over a compiled schema: unknown-field pruning.
struct CompiledSchemaTests {
    /// A small document in the shape of kube's: a kind with a `$ref`'d metadata, an `allOf`-wrapped spec, a list of
    /// items, a map of strings, a preserve-unknown-fields blob and a recursive type.
    static let components: JSONObject = [
        "Widget": [
            "type": "object",
            "required": ["spec"],
            "properties": [
                "apiVersion": ["type": "string"],
                "kind": ["type": "string"],
                "metadata": ["$ref": "#/components/schemas/ObjectMeta"],
                "spec": ["allOf": [["$ref": "#/components/schemas/WidgetSpec"]]],
            ],
        ],
        "ObjectMeta": [
            "type": "object",
            "properties": [
                "name": ["type": "string"],
                "labels": ["type": "object", "additionalProperties": ["type": "string"]],
            ],
        ],
        "WidgetSpec": [
            "type": "object",
            "required": ["size", "parts"],
            "properties": [
                "size": ["type": "integer"],
                "parts": ["type": "array", "items": ["$ref": "#/components/schemas/Part"]],
                "blob": ["type": "object", "x-kubernetes-preserve-unknown-fields": true],
                "tree": ["$ref": "#/components/schemas/Tree"],
            ],
        ],
        "Part": [
            "type": "object",
            "required": ["name", "count"],
            "properties": ["name": ["type": "string"], "count": ["type": "integer"]],
        ],
        "Tree": [
            "type": "object",
            "properties": [
                "value": ["type": "string"],
                "children": ["type": "array", "items": ["$ref": "#/components/schemas/Tree"]],
            ],
        ],
    ]

    static let schema = CompiledSchema(schema: ["$ref": "#/components/schemas/Widget"], components: components)

    @Test func pruningRemovesUndeclaredMembersAndReportsThemInWalkOrder() throws {
        var object = try JSON(
            parsing: """
                {"apiVersion":"v1","colour":"red","metadata":{"name":"w","labels":{"any":"thing"},"extra":1},
                 "spec":{"size":1,"parts":[{"name":"a","count":1,"shade":2}],"blob":{"free":{"form":true}},
                 "tree":{"value":"x","children":[{"value":"y","leaf":true}]}}}
                """)
        let removed = UnknownFields.prune(&object, schema: Self.schema)
        #expect(removed == ["colour", "metadata.extra", "spec.parts[0].shade", "spec.tree.children[0].leaf"])
        #expect(
            object
                == (try JSON(
                    parsing: """
                        {"apiVersion":"v1","metadata":{"name":"w","labels":{"any":"thing"}},
                         "spec":{"size":1,"parts":[{"name":"a","count":1}],"blob":{"free":{"form":true}},
                         "tree":{"value":"x","children":[{"value":"y"}]}}}
                        """)))
        #expect(object["metadata"]?.objectValue?.keys == ["name", "labels"])
    }

    @Test func pruningAKnownObjectChangesNothing() throws {
        let original = try JSON(parsing: #"{"kind":"Widget","spec":{"size":2,"parts":[]},"metadata":{"name":"w"}}"#)
        var object = original
        #expect(UnknownFields.prune(&object, schema: Self.schema).isEmpty)
        #expect(object == original)
        #expect(object.objectValue?.keys == ["kind", "spec", "metadata"])
    }
}
