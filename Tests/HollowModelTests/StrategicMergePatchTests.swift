import Testing

@testable import HollowModel

/// Strategic merge patch on objects and lists of scalars, with cases re-expressed from apimachinery's
/// `strategicpatch/patch_test.go` (its `MergeItem` test type, described here by an equivalent OpenAPI v3 schema).
@Suite struct StrategicMergePatchTests {
    @Test(arguments: [
        StrategicMergeCase(
            "a new member is added",
            #"{"name":1,"other":"a"}"#, #"{"value":1}"#, #"{"name":1,"value":1,"other":"a"}"#),
        StrategicMergeCase(
            "null removes a member while another is set",
            #"{"name":1,"other":"a"}"#, #"{"name":null,"value":1}"#, #"{"value":1,"other":"a"}"#),
        StrategicMergeCase(
            "null removes a member of a nested map",
            #"{"simpleMap":{"key1":1,"key2":1,"other":"a"}}"#, #"{"simpleMap":{"key2":null}}"#,
            #"{"simpleMap":{"key1":1,"other":"a"}}"#),
        StrategicMergeCase(
            "null for a missing member changes nothing",
            #"{"name":"original-name","value":"original-value"}"#, #"{"name":"modified-name","value":null,"other":null}"#,
            #"{"name":"modified-name"}"#),
        StrategicMergeCase(
            "$patch delete empties a nested map but keeps it",
            #"{"simpleMap":{"key1":1,"key2":1}}"#, #"{"simpleMap":{"$patch":"delete"}}"#, #"{"simpleMap":{}}"#),
        StrategicMergeCase(
            "$patch replace replaces the whole object",
            #"{"name":1,"value":1}"#, #"{"$patch":"replace"}"#, #"{}"#),
        StrategicMergeCase(
            "$patch replace keeps the patch's own members",
            #"{"name":1,"value":1}"#, #"{"other":"a","$patch":"replace"}"#, #"{"other":"a"}"#),
        StrategicMergeCase(
            "a map whose value would only carry $patch is not added",
            #"{"name":1}"#, #"{"simpleMap":{"$patch":"replace","key1":"a"}}"#, #"{"name":1}"#),
        StrategicMergeCase(
            "nulls inside an added object are dropped",
            #"{}"#, #"{"complex":{"nested":null,"nested2":"foo"}}"#, #"{"complex":{"nested2":"foo"}}"#),
        StrategicMergeCase(
            "nulls inside added list elements are dropped, null elements kept",
            #"{}"#, #"{"a":[{"inner":{"one":"foo","two":null}}],"b":["key1",null,"key2"]}"#,
            #"{"a":[{"inner":{"one":"foo"}}],"b":["key1",null,"key2"]}"#),
        StrategicMergeCase(
            "nulls already in the original stay",
            #"{"complex":{"key":null},"thing":null}"#, #"{"nested":{"value":5}}"#,
            #"{"complex":{"key":null},"nested":{"value":5},"thing":null}"#),
        StrategicMergeCase(
            "members of unknown fields merge like a JSON merge patch",
            #"{"jsonItem":{"nested":{"nested2":{"nested3":{}}}},"name":"foo"}"#,
            #"{"jsonItem":{"nested":{"nested2":{"nested3":{"a":"b"}}}}}"#,
            #"{"jsonItem":{"nested":{"nested2":{"nested3":{"a":"b"}}}},"name":"foo"}"#),
        StrategicMergeCase(
            "a field with strategy replace is replaced, not merged",
            #"{"name":"my-object","replacingItem":{"Some":"Generic","Yaml":"Inside","The":"RawExtension","Field":"Period"}}"#,
            #"{"replacingItem":{"Newly":"Modified","Yaml":"Inside","The":"RawExtension"}}"#,
            #"{"name":"my-object","replacingItem":{"Newly":"Modified","Yaml":"Inside","The":"RawExtension"}}"#),
        StrategicMergeCase(
            "a value of another type replaces the original",
            #"{"name":{"a":1},"value":[1]}"#, #"{"name":"x","value":{"b":null,"c":2}}"#, #"{"name":"x","value":{"c":2}}"#),
        StrategicMergeCase(
            "an empty patch changes nothing",
            #"{"name":1,"retainKeysMap":{"name":"foo"}}"#, #"{}"#, #"{"name":1,"retainKeysMap":{"name":"foo"}}"#),
    ])
    func objects(_ example: StrategicMergeCase) throws {
        try example.check(meta: StrategicMergeFixtures.mergeItem)
    }

    @Test(arguments: [
        StrategicMergeCase(
            "a merging list of scalars becomes the union",
            #"{"mergingIntList":[1,2]}"#, #"{"mergingIntList":[2,3]}"#, #"{"mergingIntList":[1,2,3]}"#),
        StrategicMergeCase(
            "the patch's scalars take the patch's order",
            #"{"mergingIntList":[1,2,3]}"#, #"{"mergingIntList":[3,1,2]}"#, #"{"mergingIntList":[3,1,2]}"#),
        StrategicMergeCase(
            "scalars not in the patch keep their place before the patch's",
            #"{"mergingIntList":[1,2,3]}"#, #"{"mergingIntList":[3,1]}"#, #"{"mergingIntList":[2,3,1]}"#),
        StrategicMergeCase(
            "an empty patch list does not clear a merging list",
            #"{"mergingIntList":[1,2]}"#, #"{"mergingIntList":[]}"#, #"{"mergingIntList":[1,2]}"#),
        StrategicMergeCase(
            "a list without merge strategy is replaced",
            #"{"nonMergingIntList":[1,4]}"#, #"{"nonMergingIntList":[2,3]}"#, #"{"nonMergingIntList":[2,3]}"#),
        StrategicMergeCase(
            "$deleteFromPrimitiveList removes values",
            #"{"mergingIntList":[1,2,3]}"#, #"{"$deleteFromPrimitiveList/mergingIntList":[2]}"#,
            #"{"mergingIntList":[1,3]}"#),
        StrategicMergeCase(
            "$deleteFromPrimitiveList works on lists without merge strategy too",
            #"{"nonMergingIntList":[1,2,3]}"#, #"{"$deleteFromPrimitiveList/nonMergingIntList":[2]}"#,
            #"{"nonMergingIntList":[1,3]}"#),
        StrategicMergeCase(
            "$deleteFromPrimitiveList of a missing value changes nothing",
            #"{"mergingIntList":[1,2]}"#, #"{"$deleteFromPrimitiveList/mergingIntList":[3]}"#,
            #"{"mergingIntList":[1,2]}"#),
        StrategicMergeCase(
            "$deleteFromPrimitiveList leaves a null list alone",
            #"{"mergingIntList":null}"#, #"{"$deleteFromPrimitiveList/mergingIntList":[3]}"#,
            #"{"mergingIntList":null}"#),
        StrategicMergeCase(
            "$deleteFromPrimitiveList does not create a missing list",
            #"{"foo":["bar"]}"#, #"{"$deleteFromPrimitiveList/mergingIntList":[3]}"#, #"{"foo":["bar"]}"#),
        StrategicMergeCase(
            "$deleteFromPrimitiveList removes every copy, $setElementOrder orders the rest",
            #"{"mergingIntList":[1,2,3,3,4]}"#,
            #"{"$setElementOrder/mergingIntList":[1,2],"$deleteFromPrimitiveList/mergingIntList":[3]}"#,
            #"{"mergingIntList":[1,2,4]}"#),
        StrategicMergeCase(
            "adding and deleting scalars in one patch",
            #"{"mergingIntList":[1,2,3]}"#,
            #"{"$setElementOrder/mergingIntList":[1,2,4],"$deleteFromPrimitiveList/mergingIntList":[3],"mergingIntList":[4]}"#,
            #"{"mergingIntList":[1,2,4]}"#),
        StrategicMergeCase(
            "$setElementOrder places a new scalar, server-only ones stay beside their neighbours",
            #"{"mergingIntList":[1,4,2]}"#, #"{"$setElementOrder/mergingIntList":[3,1,2],"mergingIntList":[3]}"#,
            #"{"mergingIntList":[3,1,4,2]}"#),
        StrategicMergeCase(
            "$setElementOrder alone reorders scalars",
            #"{"mergingIntList":[1,3,4,2]}"#, #"{"$setElementOrder/mergingIntList":[4,2,3,1]}"#,
            #"{"mergingIntList":[4,2,3,1]}"#),
        StrategicMergeCase(
            "a server-only scalar keeps its place between ordered ones",
            #"{"mergingIntList":[1,2,9,3,4]}"#, #"{"$setElementOrder/mergingIntList":[2,1,4,3]}"#,
            #"{"mergingIntList":[2,1,9,4,3]}"#),
        StrategicMergeCase(
            "$setElementOrder naming a value the list lacks does not add it",
            #"{"mergingIntList":[1,3]}"#, #"{"$setElementOrder/mergingIntList":[3,2,1]}"#,
            #"{"mergingIntList":[3,1]}"#),
        StrategicMergeCase(
            "duplicates ordered by $setElementOrder stay together",
            #"{"mergingIntList":[1,2,3,2,4]}"#, #"{"$setElementOrder/mergingIntList":[2,1,4,3,2]}"#,
            #"{"mergingIntList":[2,2,1,4,3]}"#),
    ])
    func listsOfScalars(_ example: StrategicMergeCase) throws {
        try example.check(meta: StrategicMergeFixtures.mergeItem)
    }

    @Test func newMembersGoAfterExistingOnes() throws {
        let original = try JSON(parsing: #"{"name":1,"simpleMap":{"b":"1","a":"2"}}"#)
        let patch = try JSON(parsing: #"{"other":"x","simpleMap":{"c":"3","a":"4"}}"#)
        let result = try original.applyingStrategicMergePatch(patch, meta: StrategicMergeFixtures.mergeItem)
        #expect(result.serializedString == #"{"name":1,"simpleMap":{"b":"1","a":"4","c":"3"},"other":"x"}"#)
    }

    @Test func nullPatchChangesNothing() throws {
        let original = try JSON(parsing: #"{"name":1}"#)
        #expect(try original.applyingStrategicMergePatch(.null, meta: StrategicMergeFixtures.mergeItem) == original)
    }
}

/// One application: `original` patched with `patch` gives `expected` (JSON text). Objects compare without regard
/// to member order, lists in order.
struct StrategicMergeCase: Sendable, CustomTestStringConvertible {
    let name: String
    let original: String
    let patch: String
    let expected: String

    init(_ name: String, _ original: String, _ patch: String, _ expected: String) {
        self.name = name
        self.original = original
        self.patch = patch
        self.expected = expected
    }

    var testDescription: String { name }

    func check(meta: any PatchMeta) throws {
        let result = try JSON(parsing: original).applyingStrategicMergePatch(JSON(parsing: patch), meta: meta)
        #expect(result == (try JSON(parsing: expected)), "\(name): got \(result)")
    }
}

/// Patch metadata for the tests, written as the OpenAPI v3 components kube-apiserver publishes.
enum StrategicMergeFixtures {
    /// apimachinery's `MergeItem` test type: merging and non-merging lists of objects and integers, a map, a
    /// `replace` field, `retainKeys` fields.
    static let mergeItem: OpenAPIPatchMeta = {
        let components = try! JSON(parsing: mergeItemComponents).objectValue!
        return OpenAPIPatchMeta(componentNamed: "mergeItem", components: components)!
    }()

    private static let mergeItemComponents = #"""
        {"schemas": {
          "mergeItem": {"type": "object", "properties": {
            "name": {"type": "string"}, "value": {"type": "string"}, "other": {"type": "string"},
            "mergingList": {"type": "array",
              "items": {"default": {}, "allOf": [{"$ref": "#/components/schemas/mergeItem"}]},
              "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
            "nonMergingList": {"type": "array", "items": {"$ref": "#/components/schemas/mergeItem"}},
            "mergingIntList": {"type": "array", "items": {"type": "integer"}, "x-kubernetes-patch-strategy": "merge"},
            "nonMergingIntList": {"type": "array", "items": {"type": "integer"}},
            "mergeItemPtr": {"allOf": [{"$ref": "#/components/schemas/mergeItem"}],
              "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
            "simpleMap": {"type": "object", "additionalProperties": {"type": "string"}},
            "replacingItem": {"allOf": [{"$ref": "#/components/schemas/io.k8s.apimachinery.pkg.runtime.RawExtension"}],
              "x-kubernetes-patch-strategy": "replace"},
            "retainKeysMap": {"allOf": [{"$ref": "#/components/schemas/retainKeysMergeItem"}],
              "x-kubernetes-patch-strategy": "retainKeys"},
            "retainKeysMergingList": {"type": "array", "items": {"$ref": "#/components/schemas/mergeItem"},
              "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge,retainKeys"},
            "jsonItem": {"description": "arbitrary JSON"}
          }},
          "retainKeysMergeItem": {"type": "object", "properties": {
            "name": {"type": "string"}, "value": {"type": "string"}, "other": {"type": "string"},
            "simpleMap": {"type": "object", "additionalProperties": {"type": "string"}},
            "mergingList": {"type": "array", "items": {"$ref": "#/components/schemas/mergeItem"},
              "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"},
            "nonMergingList": {"type": "array", "items": {"$ref": "#/components/schemas/mergeItem"}},
            "mergingIntList": {"type": "array", "items": {"type": "integer"}, "x-kubernetes-patch-strategy": "merge"}
          }},
          "io.k8s.apimachinery.pkg.runtime.RawExtension": {"type": "object"}
        }}
        """#
}
