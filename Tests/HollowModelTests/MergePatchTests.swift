import Testing

@testable import HollowModel

/// RFC 7386's Appendix A examples, and evanphx/json-patch's `CreateMergePatch` behaviour.
@Suite struct MergePatchTests {
    @Test(arguments: [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, #"null"#, #"null"#),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ])
    func rfc7386AppendixExamples(original: String, patch: String, result: String) throws {
        let patched = try JSON(parsing: original).applyingMergePatch(JSON(parsing: patch))
        #expect(patched.serializedString == result)
    }

    @Test func rfc7386SectionThreeExample() throws {
        let target = try JSON(parsing: #"""
            {"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],
             "content":"This will be unchanged"}
            """#)
        let patch = try JSON(parsing: #"""
            {"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}
            """#)
        let expected = try JSON(parsing: #"""
            {"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged",
             "phoneNumber":"+01-123-456-7890"}
            """#)
        let result = target.applyingMergePatch(patch)
        #expect(result == expected)
        #expect(result.objectValue?.keys == ["title", "author", "tags", "content", "phoneNumber"])
    }

    @Test func nullsInsideArraysAreKept() throws {
        let result = try JSON(parsing: #"{}"#).applyingMergePatch(JSON(parsing: #"{"a":[null,{"b":null}]}"#))
        #expect(result.serializedString == #"{"a":[null,{"b":null}]}"#)
    }

    @Test func labelsMergeLikeKubectlPatch() throws {
        var pod: JSON = ["metadata": ["name": "p", "labels": ["app": "web", "tier": "front"]], "spec": ["nodeName": "n1"]]
        pod.applyMergePatch(["metadata": ["labels": ["tier": nil, "canary": "true"]]])
        #expect(pod == ["metadata": ["name": "p", "labels": ["app": "web", "canary": "true"]], "spec": ["nodeName": "n1"]])
    }

    @Test(arguments: [
        (#"{"a":100,"b":200}"#, #"{"a":100,"b":200,"c":"hello"}"#, #"{"c":"hello"}"#),
        (#"{"a":100,"b":200}"#, #"{"a":100}"#, #"{"b":null}"#),
        (#"{"a":100,"b":{"c":1,"d":2}}"#, #"{"a":100,"b":{"c":2,"d":2}}"#, #"{"b":{"c":2}}"#),
        (#"{"a":{"b":1}}"#, #"{"a":{"b":1}}"#, #"{}"#),
        (#"{"a":[1,2]}"#, #"{"a":[1,3]}"#, #"{"a":[1,3]}"#),
        (#"{"a":[1,2]}"#, #"{"a":[1,2]}"#, #"{}"#),
        (#"{"a":1}"#, #"{"a":1.0}"#, #"{}"#),
        (#"{"a":{"b":1}}"#, #"{"a":"x"}"#, #"{"a":"x"}"#),
        (#"{"a":"x"}"#, #"{"a":{"b":1}}"#, #"{"a":{"b":1}}"#),
        (#"{"a":{"b":{"c":1}}}"#, #"{"a":{"b":{}}}"#, #"{"a":{"b":{"c":null}}}"#),
        (#"[1]"#, #"[2]"#, #"[2]"#),
        (#"{"a":1}"#, #"null"#, #"null"#),
    ])
    func createMergePatchDiffsDocuments(original: String, modified: String, patch: String) throws {
        let created = JSON.createMergePatch(from: try JSON(parsing: original), to: try JSON(parsing: modified))
        #expect(created.serializedString == patch)
    }

    @Test(arguments: [
        (#"{"kind":"Pod","metadata":{"name":"p","labels":{"a":"1","b":"2"}},"spec":{"containers":[{"name":"c"}]}}"#,
         #"{"kind":"Pod","metadata":{"name":"p","labels":{"b":"3","c":"4"}},"spec":{"containers":[{"name":"d"}],"x":true}}"#),
        (#"{"a":{"b":{"c":{"d":1}}},"e":[1,2,3]}"#, #"{"a":{"b":{"c":{}}},"f":"g"}"#),
        (#"{}"#, #"{"a":{"b":[{"c":"d"}]}}"#),
    ])
    func createdPatchesTurnOriginalIntoModified(original: String, modified: String) throws {
        let before = try JSON(parsing: original)
        let after = try JSON(parsing: modified)
        #expect(before.applyingMergePatch(JSON.createMergePatch(from: before, to: after)) == after)
    }
}
