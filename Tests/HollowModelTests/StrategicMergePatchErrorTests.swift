import Testing

@testable import HollowModel

/// Patches Kubernetes refuses, with apimachinery's messages and the status kube-apiserver answers with.
@Suite struct StrategicMergePatchErrorTests {
    struct Refusal: Sendable, CustomTestStringConvertible {
        let name: String
        let original: String
        let patch: String
        let message: String
        let code: Int

        init(_ name: String, _ original: String, _ patch: String, _ message: String, _ code: Int) {
            self.name = name
            self.original = original
            self.patch = patch
            self.message = message
            self.code = code
        }

        var testDescription: String { name }
    }

    @Test(arguments: [
        Refusal(
            "a merging-list element without its merge key",
            #"{"mergingList":[{"name":1,"value":"a"}]}"#, #"{"mergingList":[{"value":"b"}]}"#,
            "map: map[value:b] does not contain declared merge key: name", 500),
        Refusal(
            "a $patch delete element without the merge key",
            #"{"mergingList":[{"name":1}]}"#, #"{"mergingList":[{"$patch":"delete","value":"x"}]}"#,
            "map: map[$patch:delete value:x] does not contain declared merge key: name", 500),
        Refusal(
            "a stored element without the merge key",
            #"{"mergingList":[{"value":"x"}]}"#, #"{"mergingList":[{"name":1}]}"#,
            "map: map[value:x] does not contain declared merge key: name", 500),
        Refusal(
            "scalars where a list of objects is stored",
            #"{"mergingList":[{"name":1}]}"#, #"{"mergingList":["a"]}"#,
            "list element types are not identical: [[map[name:1]] [a]]", 500),
        Refusal(
            "integers and fractions in one merging list",
            #"{"mergingIntList":[1,2]}"#, #"{"mergingIntList":[2.5]}"#,
            "list element types are not identical: [[1 2] [2.5]]", 500),
        Refusal(
            "a list of lists",
            #"{"mergingIntList":[[1]]}"#, #"{"mergingIntList":[[2]]}"#, "lists of lists are not supported", 422),
        Refusal(
            "an unknown $patch in an object",
            #"{"simpleMap":{"a":"b"}}"#, #"{"simpleMap":{"$patch":"bogus"}}"#,
            "unknown patch type: bogus in map: map[$patch:bogus]", 500),
        Refusal(
            "$patch merge in an object, which Kubernetes does not accept either",
            #"{"simpleMap":{"a":"b"}}"#, #"{"simpleMap":{"$patch":"merge","c":"d"}}"#,
            "unknown patch type: merge in map: map[$patch:merge c:d]", 500),
        Refusal(
            "a $patch that is not a string",
            #"{"name":1}"#, #"{"$patch":1}"#, "unknown patch type: %!s(int64=1) in map: map[$patch:1]", 500),
        Refusal(
            "an unknown $patch in a list element",
            #"{"mergingList":[{"name":1}]}"#, #"{"mergingList":[{"name":1,"$patch":"bogus"}]}"#,
            "unknown patch type: bogus in map: map[$patch:bogus name:1]", 500),
        Refusal(
            "$patch merge in a list element",
            #"{"mergingList":[{"name":1}]}"#, #"{"mergingList":[{"name":1,"$patch":"merge"}]}"#,
            "merging lists cannot yet be specified in the patch", 500),
        Refusal(
            "a patch list out of $setElementOrder's order",
            #"{"mergingList":[{"name":1},{"name":3},{"name":2}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":3,"value":3},{"name":1,"value":1}]}"#,
            "The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn't match $setElementOrder list:\n"
                + "[map[name:1] map[name:2] map[name:3]]\n", 500),
        Refusal(
            "a scalar patch list out of $setElementOrder's order",
            #"{"mergingIntList":[1,3,2]}"#, #"{"$setElementOrder/mergingIntList":[1,2,3],"mergingIntList":[3,1]}"#,
            "The order in patch list:\n[3 1]\n doesn't match $setElementOrder list:\n[1 2 3]\n", 500),
        Refusal(
            "$setElementOrder that is not a list",
            #"{"mergingIntList":[1]}"#, #"{"$setElementOrder/mergingIntList":"1"}"#,
            "expected a []interface {}, but received a string", 500),
        Refusal(
            "$setElementOrder without a field",
            #"{"mergingIntList":[1]}"#, #"{"$setElementOrder":[1]}"#, "invalid patch format of setElementOrder list", 400),
        Refusal(
            "$deleteFromPrimitiveList without a field",
            #"{"mergingIntList":[1]}"#, #"{"$deleteFromPrimitiveList":[1]}"#, "invalid patch format of primitive list", 400),
        Refusal(
            "$retainKeys that is not a list",
            #"{"retainKeysMap":{"name":"a"}}"#, #"{"retainKeysMap":{"$retainKeys":"name"}}"#,
            "invalid patch format of retainKeys", 400),
        Refusal(
            "a patched member $retainKeys does not list",
            #"{"retainKeysMap":{"name":"a"}}"#, #"{"retainKeysMap":{"$retainKeys":["name"],"value":"b"}}"#,
            "invalid patch format of retainKeys", 400),
        Refusal(
            "a patch that is not an object",
            #"{"name":1}"#, #"[{"op":"remove","path":"/name"}]"#,
            "json: cannot unmarshal array into Go value of type map[string]interface {}", 400),
    ])
    func refused(_ refusal: Refusal) throws {
        let original = try JSON(parsing: refusal.original)
        let patch = try JSON(parsing: refusal.patch)
        let error = #expect(throws: StrategicMergePatchError.self, "\(refusal.name)") {
            try original.applyingStrategicMergePatch(patch, meta: StrategicMergeFixtures.mergeItem)
        }
        #expect(error?.message == refusal.message)
        #expect(error?.apiError.code == refusal.code)
    }

    @Test func statusesMatchKubeAPIServer() throws {
        let unknown = try #require(throws: StrategicMergePatchError.self) {
            try JSON(parsing: #"{"mergingList":[{"name":1}]}"#).applyingStrategicMergePatch(
                JSON(parsing: #"{"mergingList":[{"image":"nginx"}]}"#), meta: StrategicMergeFixtures.mergeItem)
        }
        // A plain Go error: kube-apiserver answers 500 with an empty reason, and kubectl prints
        // "Error from server: map: map[image:nginx] does not contain declared merge key: name".
        #expect(unknown.apiError.code == 500)
        #expect(unknown.apiError.reason.rawValue == "")
        #expect(unknown.apiError.message == "map: map[image:nginx] does not contain declared merge key: name")
        #expect(unknown.description == unknown.message)

        let badRequest = try #require(throws: StrategicMergePatchError.self) {
            try JSON(parsing: "{}").applyingStrategicMergePatch(
                JSON(parsing: #"{"$deleteFromPrimitiveList":[1]}"#), meta: StrategicMergeFixtures.mergeItem)
        }
        #expect(badRequest.apiError == .badRequest("invalid patch format of primitive list"))

        let invalid = try #require(throws: StrategicMergePatchError.self) {
            try JSON(parsing: #"{"mergingIntList":[[1]]}"#).applyingStrategicMergePatch(
                JSON(parsing: #"{"mergingIntList":[[2]]}"#), meta: StrategicMergeFixtures.mergeItem)
        }
        #expect(invalid.apiError.code == 422)
        #expect(invalid.apiError.reason == .invalid)
    }

    @Test(arguments: [
        (#"{"x-kubernetes-patch-strategy":"merge"}"#, "cannot merge lists without merge key for struct"),
        (#"{"x-kubernetes-patch-strategy":"merge,replace"}"#, "unexpected patch strategy: [merge replace]"),
    ])
    func badFieldMetadata(field: String, message: String) throws {
        let components = try JSON(parsing: #"{"schemas":{"t":{"properties":{"items":\#(field)}}}}"#).objectValue!
        let meta = try #require(OpenAPIPatchMeta(componentNamed: "t", components: components))
        let error = #expect(throws: StrategicMergePatchError.self) {
            try JSON(parsing: #"{"items":[{"a":1}]}"#).applyingStrategicMergePatch(
                JSON(parsing: #"{"items":[{"a":2}]}"#), meta: meta)
        }
        #expect(error?.message == message)
    }
}
