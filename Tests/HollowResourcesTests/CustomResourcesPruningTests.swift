import HollowModel
import Testing

@testable import HollowResources

/// Pruning, null removal and defaulting as apiextensions-apiserver applies them while decoding (cases from
/// `schema/pruning/algorithm_test.go`, `schema/defaulting/algorithm_test.go` and `prunenulls_test.go`).
@Suite struct CustomResourcesPruningTests {
    static func schema(_ text: String) throws -> StructuralSchema {
        try StructuralSchema(parsing: JSON(parsing: text))
    }

    @Test func unknownFieldsArePrunedAndReportedSorted() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
             "array":{"type":"array","items":{"type":"object","properties":{"a":{"type":"integer"},"c":{"type":"integer"}}}},
             "specified":{"type":"object","properties":{"a":{"type":"integer"},"c":{"type":"integer"}}}}}}}
            """#)
        var object = try JSON(
            parsing: #"""
                {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},
                 "spec":{"array":[{"a":1},{"b":1},{"a":1,"b":2,"c":3}],"unspecified":{"a":1},"specified":{"a":1,"b":2,"c":3}},
                 "extra":true}
                """#)
        let pruned = schema.prune(&object)
        #expect(pruned == ["extra", "spec.array[1].b", "spec.array[2].b", "spec.specified.b", "spec.unspecified"])
        #expect(
            object
                == (try JSON(
                    parsing: #"""
                        {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"},
                         "spec":{"array":[{"a":1},{},{"a":1,"c":3}],"specified":{"a":1,"c":3}}}
                        """#)))
        #expect(StructuralSchema.unknownFieldMessage(pruned[0]) == #"unknown field "extra""#)
    }

    @Test func preserveUnknownFieldsKeepsUnknownMembersButPrunesDeclaredOnes() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{"spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{
             "alpha":{"type":"string"},
             "pruning":{"type":"object","properties":{"preserving":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
               "pruning":{"type":"object"}}},
             "byKey":{"type":"object","x-kubernetes-preserve-unknown-fields":true,
               "additionalProperties":{"type":"object","properties":{"specified":{"type":"object"}}}}}}}}
            """#)
        var object = try JSON(
            parsing: #"""
                {"spec":{"unspecified":"bar","alpha":"abc","unspecifiedObject":{"unspecified":"bar"},
                 "pruning":{"unspecified":"bar","pruning":{"unspecified":"bar"},"apiVersion":"unknown","preserving":{"unspecified":"bar"}},
                 "byKey":{"foo":{"specified":{"unspecified":"bar"},"unspecified":"bar"}}}}
                """#)
        #expect(
            schema.prune(&object) == [
                "spec.byKey.foo.specified.unspecified", "spec.byKey.foo.unspecified", "spec.pruning.apiVersion",
                "spec.pruning.pruning.unspecified", "spec.pruning.unspecified",
            ])
        #expect(
            object
                == (try JSON(
                    parsing: #"""
                        {"spec":{"unspecified":"bar","alpha":"abc","unspecifiedObject":{"unspecified":"bar"},
                         "pruning":{"pruning":{},"preserving":{"unspecified":"bar"}},"byKey":{"foo":{"specified":{}}}}}
                        """#)))
    }

    @Test func additionalPropertiesPruneTheirValues() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{"a":{"type":"integer"},
             "c":{"type":"object","additionalProperties":{"type":"integer"}},
             "d":{"type":"object","additionalProperties":false}}}
            """#)
        var object = try JSON(
            parsing: #"{"a":1,"b":1,"c":{"a":1,"b":2,"c":{"a":1}},"d":{"x":{"a":1,"apiVersion":"v"}}}"#)
        #expect(schema.prune(&object) == ["b", "c.c.a", "d.x.a", "d.x.apiVersion"])
        #expect(object == (try JSON(parsing: #"{"a":1,"c":{"a":1,"b":2,"c":{}},"d":{"x":{}}}"#)))
    }

    @Test func typeMetaAndMetadataSurviveAtTheRootAndInEmbeddedResources() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{
             "pruned":{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object"}}},
             "preserving":{"type":"object","x-kubernetes-embedded-resource":true,"x-kubernetes-preserve-unknown-fields":true}}}
            """#)
        var object = try JSON(
            parsing: #"""
                {"apiVersion":"foo/v1","kind":"Foo","metadata":{"name":"instance","unspecified":"bar"},"unspecified":"bar",
                 "pruned":{"apiVersion":"foo/v1","kind":"Foo","unspecified":"bar","metadata":{"name":"i","unspecified":"bar"},
                   "spec":{"unspecified":"bar"}},
                 "preserving":{"apiVersion":"foo/v1","kind":"Foo","unspecified":"bar","metadata":{"name":"i"}}}
                """#)
        // Unknown metadata fields come first (dropped by ObjectMeta decoding), embedded ones last.
        #expect(
            schema.prune(&object) == [
                "metadata.unspecified", "pruned.spec.unspecified", "pruned.unspecified", "unspecified",
                "pruned.metadata.unspecified",
            ])
        #expect(
            object
                == (try JSON(
                    parsing: #"""
                        {"apiVersion":"foo/v1","kind":"Foo","metadata":{"name":"instance"},
                         "pruned":{"apiVersion":"foo/v1","kind":"Foo","metadata":{"name":"i"},"spec":{}},
                         "preserving":{"apiVersion":"foo/v1","kind":"Foo","unspecified":"bar","metadata":{"name":"i"}}}
                        """#)))
    }

    @Test func nonNullableNullsWithoutDefaultsAreRemoved() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
             "plain":{"type":"string"},"nullable":{"type":"string","nullable":true},"defaulted":{"type":"string","default":"x"},
             "map":{"type":"object","additionalProperties":{"type":"string"}}}}}}
            """#)
        var object: JSON = [
            "spec": ["plain": nil, "nullable": nil, "defaulted": nil, "unknown": nil, "map": ["a": nil]]
        ]
        schema.removeNonNullableNulls(&object)
        #expect(object == ["spec": ["nullable": nil, "defaulted": nil, "unknown": nil, "map": [:]]])
    }

    @Test func defaultsFillMissingPropertiesRecursively() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{
             "array":{"type":"array","items":{"type":"object","properties":{"a":{"type":"string","default":"A"},"b":{"type":"string","default":"B"}}}},
             "object":{"type":"object","properties":{"a":{"type":"string","default":"N"},"b":{"type":"string","default":"O"}}},
             "byKey":{"type":"object","additionalProperties":{"type":"object","properties":{"a":{"type":"string","default":"alpha"},"b":{"type":"string","default":"beta"}}}},
             "foo":{"type":"string","default":"bar"}}}
            """#)
        var object = try JSON(
            parsing: #"{"array":[{"a":1},{"b":2}],"object":{"a":1},"byKey":{"x":{"a":1},"y":{"b":2}}}"#)
        schema.applyDefaults(&object)
        #expect(
            object
                == (try JSON(
                    parsing: #"""
                        {"array":[{"a":1,"b":"B"},{"a":"A","b":2}],"object":{"a":1,"b":"O"},
                         "byKey":{"x":{"a":1,"b":"beta"},"y":{"a":"alpha","b":2}},"foo":"bar"}
                        """#)))
    }

    @Test func defaultsReplaceNullsOnlyWhereNotNullable() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{"list":{"type":"array","items":{"type":"object","properties":{"a":{"type":"string","default":"A"}}}},
             "keep":{"type":"string","nullable":true,"default":"K"}}}
            """#)
        var object = try JSON(
            parsing: #"{"list":[{},{"a":1},{"a":0},{"a":""},{"a":null},{"a":[]},{"a":{}}],"keep":null}"#)
        schema.applyDefaults(&object)
        #expect(
            object
                == (try JSON(
                    parsing: #"{"list":[{"a":"A"},{"a":1},{"a":0},{"a":""},{"a":"A"},{"a":[]},{"a":{}}],"keep":null}"#))
        )
    }

    @Test func defaultedObjectsGetTheirOwnDefaults() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{"spec":{"type":"object","default":{},"properties":{
             "replicas":{"type":"integer","default":1},"items":{"type":"array","items":{"type":"string","default":"x"}}}}}}
            """#)
        var object: JSON = ["apiVersion": "example.com/v1"]
        schema.applyDefaults(&object)
        #expect(object == ["apiVersion": "example.com/v1", "spec": ["replicas": 1]])
        var withNullItem: JSON = ["spec": ["replicas": 2, "items": [nil, "y"]]]
        schema.applyDefaults(&withNullItem)
        #expect(withNullItem == ["spec": ["replicas": 2, "items": ["x", "y"]]])
    }
}
