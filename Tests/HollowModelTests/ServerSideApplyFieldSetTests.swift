import Testing

@testable import HollowModel

/// structured-merge-diff's `fieldpath` tests (`serialize_test.go`, `set_test.go`, `path_test.go`): the `fieldsV1`
/// encoding kubectl shows under `--show-managed-fields`, path rendering in conflict messages, and set algebra.
@Suite struct ServerSideApplyFieldSetTests {
    @Test(arguments: [
        #"{"f:data":{".":{},"f:a":{}}}"#,
        #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{}}}"#,
        #"{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}"#,
        #"{"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}"#,
        #"{"f:finalizers":{".":{},"v:\"example.com/a\"":{},"v:\"example.com/b\"":{}}}"#,
        #"{"f:list":{"i:0":{},"i:1":{}}}"#,
        #"{"f:A":{},"f:B":{},"f:a":{},"f:b":{}}"#,
        #"{"f:set":{"v:1":{},"v:2.5":{},"v:\"a\"":{},"v:true":{}}}"#,
        #"{}"#,
    ])
    func fieldsV1RoundTripsExactly(text: String) throws {
        let set = try FieldSet(fieldsV1: try JSON(parsing: text))
        #expect(set.fieldsV1.serializedString == text)
    }

    @Test func fieldsV1IsWrittenInCanonicalOrder() throws {
        let set = try FieldSet(
            fieldsV1: try JSON(
                parsing: #"{"i:0":{},"v:\"x\"":{},"k:{\"b\":1,\"a\":2}":{},"f:z":{},"f:a":{".":{},"f:c":{}}}"#))
        #expect(
            set.fieldsV1.serializedString
                == #"{"f:a":{".":{},"f:c":{}},"f:z":{},"k:{\"a\":2,\"b\":1}":{},"v:\"x\"":{},"i:0":{}}"#)
        #expect(set.paths.map(\.description) == [".a", ".z", "[a=2,b=1]", "[=\"x\"]", "[0]", ".a.c"])
    }

    @Test func unknownElementTypesAreSkippedAndEmptyNodesAreMembers() throws {
        let set = try FieldSet(fieldsV1: try JSON(parsing: #"{"f:a":{"x:unknown":{}},"f:b":{"f:c":{}},"x:skip":{}}"#))
        #expect(set == FieldSet([["a"], ["b", "c"]]))
        #expect(set.contains(["a"]) && !set.contains(["b"]) && set.contains(["b", "c"]))
    }

    @Test(arguments: [
        (#"{"f:a":1}"#, "f:a: expected an object, got integer"),
        (#"{"fa":{}}"#, "missing colon: fa"),
        (#"{"k:[1]":{}}"#, "k:[1]: expected a JSON object"),
        (#"{"i:x":{}}"#, "i:x: invalid index"),
        (#"[]"#, "expected an object, got array"),
    ])
    func malformedFieldsV1IsRejected(text: String, message: String) throws {
        #expect(throws: ServerSideApplyError.invalidFields(message)) { try FieldSet(fieldsV1: try JSON(parsing: text)) }
    }

    @Test(
        arguments: [
            (FieldPath(fields: "data", "a"), ".data.a"),
            (["spec", .keyed(["name": "web"]), "image"], #".spec[name="web"].image"#),
            (
                ["ports", .keyed(["protocol": "TCP", "containerPort": 80])], #".ports[containerPort=80,protocol="TCP"]"#
            ),
            (["finalizers", .value("a\"b")], #".finalizers[="a\"b"]"#),
            (["args", .index(3)], ".args[3]"),
        ] as [(FieldPath, String)])
    func pathsRenderAsInConflictMessages(path: FieldPath, text: String) {
        #expect(path.description == text)
    }

    @Test func setAlgebraFollowsStructuredMergeDiff() {
        let a = FieldSet([["a"], ["b", "c"], ["b", "d"], ["e"]])
        let b = FieldSet([["b", "c"], ["e"], ["f"]])
        #expect(a.union(b) == FieldSet([["a"], ["b", "c"], ["b", "d"], ["e"], ["f"]]))
        #expect(a.intersection(b) == FieldSet([["b", "c"], ["e"]]))
        #expect(a.subtracting(b) == FieldSet([["a"], ["b", "d"]]))
        // Difference keeps a member's descendants; recursive difference drops them.
        let parent = FieldSet([["b"]])
        #expect(a.subtracting(parent) == a)
        #expect(a.recursivelySubtracting(parent) == FieldSet([["a"], ["e"]]))
        #expect(a.subtracting(a).isEmpty && a.subtracting(a).fieldsV1 == .object([:]))
    }

    @Test func elementsCompareAsStructuredMergeDiff() {
        let ordered: [FieldPath.Element] = [
            "B", "a", .keyed(["a": 1]), .keyed(["a": 1, "b": 0]), .keyed(["a": 2]), .value(1), .value(1.5),
            .value("x"), .value(false), .value(true), .index(0), .index(2),
        ]
        for (i, lhs) in ordered.enumerated() {
            for (j, rhs) in ordered.enumerated() { #expect((lhs < rhs) == (i < j), "\(lhs) < \(rhs)") }
        }
        #expect(FieldPath.Element.value(1) == .value(1.0))
    }

    @Test func managedFieldsEntriesRoundTrip() throws {
        let text = #"""
            {"manager":"kubectl","operation":"Update","apiVersion":"apps/v1","time":"2026-11-21T05:12:00Z",\#
            "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}},"subresource":"scale"}
            """#
        let entry = try ManagedFieldsEntry(json: try JSON(parsing: text))
        #expect(
            entry.subresource == "scale" && entry.operation == .update && entry.fields.contains(["spec", "replicas"]))
        #expect(entry.json.serializedString == text)
    }

    @Test(arguments: [
        (#"{"operation":"Patch","apiVersion":"v1","fieldsType":"FieldsV1"}"#, "operation must be `Apply` or `Update`"),
        (#"{"operation":"Apply","fieldsType":"FieldsV1"}"#, "apiVersion must not be empty"),
        (#"{"operation":"Apply","apiVersion":"v1"}"#, "missing fieldsType in managed fields entry"),
        (
            #"{"operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV2"}"#,
            #"invalid fieldsType "FieldsV2" in managed fields entry"#
        ),
    ])
    func invalidEntriesAreRejected(text: String, message: String) throws {
        #expect(throws: ServerSideApplyError.invalidFields(message)) {
            try ManagedFieldsEntry(json: try JSON(parsing: text))
        }
    }
}
