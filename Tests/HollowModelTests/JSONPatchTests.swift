import Testing

@testable import HollowModel

/// Cases re-expressed from evanphx/json-patch's `patch_test.go` (the v4 kube-apiserver uses), plus kube's limits.
@Suite struct JSONPatchTests {
    func apply(_ document: String, _ patch: String, copySizeLimit: Int = JSONPatch.defaultCopySizeLimit) throws -> JSON {
        try JSONPatch(parsing: JSON(parsing: patch)).apply(to: JSON(parsing: document), copySizeLimit: copySizeLimit)
    }

    @Test(arguments: [
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"foo":"bar","baz":"qux"}"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/-1","value":"qux"}]"#, #"{"foo":["bar","baz","qux"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        (#"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#, #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
         #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, #"{"foo":["all","cows","eat","grass"]}"#),
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/2"}]"#, #"{"foo":["all","cows","grass","eat"]}"#),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, #"{"foo":"bar","child":{"grandchild":{}}}"#),
        (#"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
        (#"{"foo":"bar","qux":{"baz":1,"bar":null}}"#, #"[{"op":"remove","path":"/qux/bar"}]"#, #"{"foo":"bar","qux":{"baz":1}}"#),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":null}]"#, #"{"foo":"bar","baz":null}"#),
        (#"{"foo":["bar"]}"#, #"[{"op":"replace","path":"/foo/0","value":"baz"}]"#, #"{"foo":["baz"]}"#),
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"replace","path":"/foo/1","value":"bum"}]"#, #"{"foo":["bar","bum","baz"]}"#),
        (#"[{"foo":["bar","qux","baz"]}]"#, #"[{"op":"replace","path":"/0/foo/0","value":"bum"}]"#, #"[{"foo":["bum","qux","baz"]}]"#),
        (#"[{"foo":["bar","qux","baz"],"bar":["qux","baz"]}]"#, #"[{"op":"copy","from":"/0/foo/0","path":"/0/bar/0"}]"#,
         #"[{"foo":["bar","qux","baz"],"bar":["bar","qux","baz"]}]"#),
        (#"[{"foo":["bar","qux","baz"],"bar":["qux","baz"]}]"#, #"[{"op":"copy","from":"/0/foo/0","path":"/0/bar"}]"#,
         #"[{"foo":["bar","qux","baz"],"bar":"bar"}]"#),
        (#"[{"foo":{"bar":["qux","baz"]},"baz":{"qux":"bum"}}]"#, #"[{"op":"copy","from":"/0/foo/bar","path":"/0/baz/bar"}]"#,
         #"[{"foo":{"bar":["qux","baz"]},"baz":{"qux":"bum","bar":["qux","baz"]}}]"#),
        (#"{"foo":["bar"]}"#, #"[{"op":"copy","path":"/foo/0","from":"/foo"}]"#, #"{"foo":[["bar"],"bar"]}"#),
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/-2"}]"#, #"{"foo":["bar","baz"]}"#),
        (#"{"foo":[]}"#, #"[{"op":"add","path":"/foo/-1","value":"qux"}]"#, #"{"foo":["qux"]}"#),
        (#"{"bar":[{"baz":null}]}"#, #"[{"op":"replace","path":"/bar/0/baz","value":1}]"#, #"{"bar":[{"baz":1}]}"#),
        (#"{"bar":[{"baz":1}]}"#, #"[{"op":"replace","path":"/bar/0/baz","value":null}]"#, #"{"bar":[{"baz":null}]}"#),
        (#"{"bar":[null]}"#, #"[{"op":"replace","path":"/bar/0","value":1}]"#, #"{"bar":[1]}"#),
        (#"{"bar":[1]}"#, #"[{"op":"replace","path":"/bar/0","value":null}]"#, #"{"bar":[null]}"#),
        (#"{"id":"0","parentID":"0"}"#,
         #"[{"op":"test","path":"","value":{"id":"0","parentID":"0"}},{"op":"replace","path":"","value":{"id":"7","originalID":"bar","parentID":"0"}}]"#,
         #"{"id":"7","originalID":"bar","parentID":"0"}"#),
        (#"{"a/b":{"m~n":1}}"#, #"[{"op":"replace","path":"/a~1b/m~0n","value":2}]"#, #"{"a/b":{"m~n":2}}"#),
        (#"{"":{"":1}}"#, #"[{"op":"add","path":"//x","value":2}]"#, #"{"":{"":1,"x":2}}"#),
        // v4 extensions kube-apiserver inherits: negative indices, and replace adding a missing member.
        (#"{"a":[1,2,3]}"#, #"[{"op":"replace","path":"/a/-1","value":9}]"#, #"{"a":[1,2,9]}"#),
        (#"{"metadata":{"labels":{}}}"#, #"[{"op":"replace","path":"/metadata/labels/x","value":"y"}]"#, #"{"metadata":{"labels":{"x":"y"}}}"#),
        (#"{"a":1}"#, #"[{"op":"add","path":"/b"}]"#, #"{"a":1,"b":null}"#),
        (#"{"a":[1,2]}"#, #"[{"op":"add","path":"/a/01","value":3}]"#, #"{"a":[1,3,2]}"#),
    ])
    func patchesApply(document: String, patch: String, result: String) throws {
        #expect(try apply(document, patch).serializedString == result)
    }

    @Test(arguments: [
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, #"add operation does not apply: doc is missing path: "/baz/bat": missing value"#),
        (#"{"a":{"b":{"d":1}}}"#, #"[{"op":"remove","path":"/a/b/c"}]"#, "error in remove for path: '/a/b/c': Unable to remove nonexistent key: c: missing value"),
        (#"{"a":{"b":{"d":1}}}"#, #"[{"op":"move","from":"/a/b/c","path":"/a/b/e"}]"#, "error in move for path: 'c': Unable to remove nonexistent key: c: missing value"),
        (#"{"a":{"b":[1]}}"#, #"[{"op":"remove","path":"/a/b/1"}]"#, "error in remove for path: '/a/b/1': Unable to access invalid index: 1: invalid index referenced"),
        (#"{"a":{"b":[1]}}"#, #"[{"op":"move","from":"/a/b/1","path":"/a/b/2"}]"#, "error in move for path: '1': Unable to access invalid index: 1: invalid index referenced"),
        (#"{"foo":"bar"}"#, #"[{"op":"add","pathz":"/baz","value":"qux"}]"#, "add operation failed to decode path: missing value"),
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"","value":"qux"}]"#, #"add operation does not apply: doc is missing path: "": missing value"#),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"replace","path":"/foo/2","value":"bum"}]"#, "replace operation does not apply: doc is missing key: /foo/2: missing value"),
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/-4","value":"bum"}]"#, "error in add for path: '/foo/-4': Unable to access invalid index: -4: invalid index referenced"),
        (#"{"name":{"foo":"bat","qux":"bum"}}"#, #"[{"op":"replace","path":"/foo/bar","value":"baz"}]"#, "replace operation does not apply: doc is missing path: /foo/bar: missing value"),
        (#"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/2","value":"bum"}]"#, "error in add for path: '/foo/2': Unable to access invalid index: 2: invalid index referenced"),
        (#"{"foo":[]}"#, #"[{"op":"remove","path":"/foo/-"}]"#, #"error in remove for path: '/foo/-': strconv.Atoi: parsing "-": invalid syntax"#),
        (#"{"foo":[]}"#, #"[{"op":"remove","path":"/foo/-1"}]"#, "error in remove for path: '/foo/-1': Unable to access invalid index: -1: invalid index referenced"),
        (#"{"foo":["bar"]}"#, #"[{"op":"remove","path":"/foo/-2"}]"#, "error in remove for path: '/foo/-2': Unable to access invalid index: -2: invalid index referenced"),
        (#"{}"#, #"[{"op":null,"path":""}]"#, "Unexpected kind: unknown"),
        (#"{}"#, #"[{"op":"add","path":null}]"#, "add operation failed to decode path: missing value"),
        (#"{}"#, #"[{"op":"copy","from":null}]"#, "copy operation failed to decode from: operation, missing from field: missing value"),
        (#"{"foo":["bar"]}"#, #"[{"op":"copy","path":"/foo/6666666666","from":"/foo/0"}]"#, "error while adding value during copy: Unable to access invalid index: 6666666666: invalid index referenced"),
        (#"{"foo":["bar"]}"#, #"[{"op":"copy","path":"/foo/2","from":"/foo/0"}]"#, "error while adding value during copy: Unable to access invalid index: 2: invalid index referenced"),
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/4"}]"#, "error in move for path: '/foo/4': Unable to access invalid index: 4: invalid index referenced"),
        (#"{"foo":["x"]}"#, #"[{"op":"add","path":"/foo/x","value":1}]"#, #"error in add for path: '/foo/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax"#),
        (#"{"foo":["x"]}"#, #"[{"op":"remove","path":"/foo/99999999999999999999"}]"#, #"error in remove for path: '/foo/99999999999999999999': strconv.Atoi: parsing "99999999999999999999": value out of range"#),
        (#"{"metadata":{}}"#, #"[{"op":"replace","path":"/metadata/labels/x","value":"y"}]"#, "replace operation does not apply: doc is missing path: /metadata/labels/x: missing value"),
        (#"{"a":1}"#, #"[{"op":"move","path":"/b"}]"#, "move operation failed to decode from: operation, missing from field: missing value"),
        (#"{"a":{"b":1}}"#, #"[{"op":"move","from":"/a","path":"/a/c"}]"#, "move operation does not apply: doc is missing destination path: /a/c: missing value"),
        (#"{"a":1}"#, #"[{"op":"copy","from":"/missing","path":"/b"}]"#, "copy operation does not apply: doc is missing from path: /missing: missing value"),
        (#"{"a":1}"#, #"[{"op":"copy","from":"/a","path":"/x/y"}]"#, "copy operation does not apply: doc is missing destination path: /x/y: missing value"),
        (#"{"a":1}"#, #"[{"op":"test","path":"/x/y","value":1}]"#, "test operation does not apply: is missing path: /x/y: missing value"),
        (#"{"a":1}"#, #"[{"op":"replace","path":"","value":1}]"#, "replace operation value must be object or array"),
        (#"{"a":1}"#, #"[{"op":"remove"}]"#, "remove operation failed to decode path: missing value"),
        (#"{"a":1}"#, #"[{"op":"replace"}]"#, "replace operation failed to decode path: operation missing path field: missing value"),
        (#"{"a":1}"#, #"[{"op":"test"}]"#, "test operation failed to decode path: operation missing path field: missing value"),
        (#"{"a":1}"#, #"[{"op":"delete","path":"/a"}]"#, "Unexpected kind: delete"),
        (#"{"a":1}"#, #"[{"op":"add","path":"a","value":2}]"#, #"add operation does not apply: doc is missing path: "a": missing value"#),
        (#"{"a":"s"}"#, #"[{"op":"add","path":"/a/b","value":2}]"#, #"add operation does not apply: doc is missing path: "/a/b": missing value"#),
        (#""text""#, #"[{"op":"add","path":"/a","value":2}]"#, "json: cannot unmarshal string into Go value of type jsonpatch.partialDoc"),
    ])
    func patchesThatDoNotApplyFailWithV4Messages(document: String, patch: String, message: String) throws {
        let json = try JSON(parsing: document)
        let parsed = try JSONPatch(parsing: JSON(parsing: patch))
        #expect(throws: JSONPatchError(.doesNotApply, message)) { try parsed.apply(to: json) }
    }

    @Test(arguments: [
        (#"{"baz":"qux","foo":["a",2,"c"]}"#, #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#, nil),
        (#"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#, "/baz"),
        (#"{"baz":"qux","foo":["a",2,"c"]}"#, #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":"c"}]"#, "/foo/1"),
        (#"{"baz":"qux"}"#, #"[{"op":"test","path":"/foo","value":42}]"#, "/foo"),
        (#"{"baz":"qux"}"#, #"[{"op":"test","path":"/foo","value":null}]"#, nil),
        (#"{"foo":null}"#, #"[{"op":"test","path":"/foo","value":null}]"#, nil),
        (#"{"foo":{}}"#, #"[{"op":"test","path":"/foo","value":null}]"#, "/foo"),
        (#"{"foo":[]}"#, #"[{"op":"test","path":"/foo","value":null}]"#, "/foo"),
        (#"{"baz/foo":"qux"}"#, #"[{"op":"test","path":"/baz~1foo","value":"qux"}]"#, nil),
        (#"{"foo":[]}"#, #"[{"op":"test","path":"/foo"}]"#, "/foo"),
        (#"{"n":1}"#, #"[{"op":"test","path":"/n","value":1.0}]"#, nil),
        (#"{"o":{"a":1,"b":[1,{"c":2}]}}"#, #"[{"op":"test","path":"/o","value":{"b":[1,{"c":2}],"a":1}}]"#, nil),
        (#"{"o":1}"#, #"[{"op":"test","path":"","value":{"o":2}}]"#, ""),
    ])
    func testOperationsCompareValues(document: String, patch: String, failedPath: String?) throws {
        if let failedPath {
            #expect(throws: JSONPatchError(.doesNotApply, "testing value \(failedPath) failed: test failed")) {
                try apply(document, patch)
            }
        } else {
            #expect(try apply(document, patch) == JSON(parsing: document))
        }
    }

    @Test func aFailedPatchLeavesTheDocumentUntouched() throws {
        let document = try JSON(parsing: #"{"a":{"b":[1,2]},"c":3}"#)
        let patch = try JSONPatch(parsing: JSON(parsing: #"[{"op":"remove","path":"/a/b/0"},{"op":"test","path":"/c","value":4}]"#))
        #expect(throws: JSONPatchError.self) { try patch.apply(to: document) }
        #expect(document == (try JSON(parsing: #"{"a":{"b":[1,2]},"c":3}"#)))
    }

    @Test func copiesAreLimitedInTotalSize() throws {
        let forty8 = String(repeating: "A", count: 48)
        let fortyNine = String(repeating: "A", count: 49)
        let twoCopies = #"[{"op":"copy","path":"/foo/-","from":"/foo/1"},{"op":"copy","path":"/foo/-","from":"/foo/1"}]"#
        let result = try apply(#"{"foo":["A","\#(forty8)"]}"#, twoCopies, copySizeLimit: 100)
        #expect(result == ["foo": ["A", .string(forty8), .string(forty8), .string(forty8)]])
        #expect(
            throws: JSONPatchError(
                .doesNotApply,
                "Unable to complete the copy, the accumulated size increase of copy is 102, exceeding the limit 100")
        ) { try apply(#"{"foo":["A","\#(fortyNine)"]}"#, twoCopies, copySizeLimit: 100) }
    }

    @Test func doublingCopiesStopAtTheDefaultLimit() throws {
        let operations = (0..<40).map { _ in JSONPatch.Operation.copy(from: "/a", to: "/a/-") }
        let error = #expect(throws: JSONPatchError.self) {
            try JSONPatch(operations: operations).apply(to: ["a": [.string(String(repeating: "x", count: 1000))]])
        }
        #expect(error?.message.hasPrefix("Unable to complete the copy") == true)
    }

    @Test func patchesCannotNestPastTheParserLimit() throws {
        var deep: JSON = 1
        for _ in 0..<JSON.maximumDepth { deep = ["a": deep] }
        #expect(throws: JSONPatchError.self) { try JSONPatch(operations: [.add("/x", deep)]).apply(to: [:]) }
        #expect(try JSONPatch(operations: [.add("/x", deep["a"]!)]).apply(to: [:])["x"] != nil)
        // Moving a subtree deeper is checked too.
        let document: JSON = ["b": deep["a"]!, "c": ["d": [:]]]
        #expect(throws: JSONPatchError.self) {
            try JSONPatch(operations: [.move(from: "/b", to: "/c/d/e")]).apply(to: document)
        }
        let tooLong = "/" + Array(repeating: "a", count: JSON.maximumDepth + 1).joined(separator: "/")
        #expect(throws: JSONPatchError.self) { try JSONPatch(operations: [.add(tooLong, 1)]).apply(to: [:]) }
    }

    @Test func moreThanTenThousandOperationsAreRefused() throws {
        let operation: JSON = ["op": "test", "path": "/a", "value": 1]
        let operations = Array(repeating: operation, count: JSONPatch.maximumOperations + 1)
        let error = #expect(throws: JSONPatchError.self) { try JSONPatch(parsing: .array(operations)) }
        #expect(error?.isTooManyOperations == true)
        #expect(error?.apiError.code == 413)
        #expect(error?.apiError.reason == .requestEntityTooLarge)
        #expect(error?.apiError.message == "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001")
        let exactly = try JSONPatch(parsing: .array(Array(operations.dropLast())))
        #expect(try exactly.apply(to: ["a": 1]) == ["a": 1])
        let built = JSONPatch(operations: Array(repeating: .test("/a", 1), count: 10_001))
        #expect(throws: JSONPatchError.self) { try built.apply(to: ["a": 1]) }
    }

    @Test func malformedPatchDocumentsAreBadRequests() throws {
        let error = #expect(throws: JSONPatchError.self) { try JSONPatch(parsing: ["op": "add"]) }
        #expect(error?.message == "json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        #expect(error?.isMalformed == true)
        #expect(error?.apiError.code == 400)
        #expect(throws: JSONPatchError(.malformed, "json: cannot unmarshal string into Go value of type jsonpatch.Operation")) {
            try JSONPatch(parsing: ["add"])
        }
        #expect(throws: JSONPatchError.self) { try JSONPatch(parsing: Array("[{".utf8)) }
        #expect(try JSONPatch(parsing: .null).operations.isEmpty)
        let applyError = JSONPatchError(.doesNotApply, "Unexpected kind: x")
        #expect(applyError.apiError.code == 422)
        #expect(applyError.apiError.reason == .invalid)
    }

    @Test func operationsBuildPatchDocuments() throws {
        let patch = JSONPatch(operations: [
            .add("/metadata/labels/a", "1"), .remove("/spec/x"), .replace("/spec/replicas", 3),
            .move(from: "/a", to: "/b"), .copy(from: "/c", to: "/d"), .test("/e", nil),
        ])
        #expect(
            patch.json.serializedString
                == #"[{"op":"add","path":"/metadata/labels/a","value":"1"},{"op":"remove","path":"/spec/x"},{"op":"replace","path":"/spec/replicas","value":3},{"op":"move","path":"/b","from":"/a"},{"op":"copy","path":"/d","from":"/c"},{"op":"test","path":"/e","value":null}]"#)
        #expect(try JSONPatch(parsing: patch.json) == patch)
    }

    @Test func applyingJSONPatchParsesAndApplies() throws {
        let pod: JSON = ["metadata": ["name": "p", "labels": ["app": "web"]]]
        let patched = try pod.applyingJSONPatch([["op": "add", "path": "/metadata/labels/tier", "value": "front"]])
        #expect(patched == ["metadata": ["name": "p", "labels": ["app": "web", "tier": "front"]]])
    }

    @Test(arguments: [
        ("", [String]()), ("/", [""]), ("/a~1b", ["a/b"]), ("/m~0n", ["m~n"]), ("/~01", ["~1"]), ("/a/b/0", ["a", "b", "0"]),
        ("/~2", ["~2"]), ("//", ["", ""]),
    ])
    func pointersDecodeEscapes(text: String, tokens: [String]) throws {
        let pointer = try #require(JSONPointer(text))
        #expect(pointer.tokens == tokens)
        #expect(JSONPointer(tokens: tokens).description == text.replacingTildeTwo())
    }

    @Test func pointersMustStartWithASlash() {
        #expect(JSONPointer("a/b") == nil)
        #expect(JSONPointer.escape("a/b~c") == "a~1b~0c")
    }
}

extension String {
    /// `~2` is not an escape; it prints back escaped as `~02`.
    fileprivate func replacingTildeTwo() -> String { self == "/~2" ? "/~02" : self }
}

@Suite struct JSONPatchTextTests {
    @Test func patchTextParsesAsAPatch() throws {
        let patch = try JSONPatch(parsing: #"[{"op":"add","path":"/a","value":1}]"#)
        #expect(patch.operations == [.add("/a", 1)])
        #expect(throws: JSONPatchError.self) { try JSONPatch(parsing: "[{") }
    }
}
