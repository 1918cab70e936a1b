import Testing

@testable import HollowModel

private let t0 = Timestamp(secondsSinceEpoch: 1_795_000_000)
private let t1 = t0.adding(.seconds(60))

/// A write reuses the `fieldsV1` bytes of owners whose fields it does not change; these pin down that what comes
/// out is still exactly what encoding the field sets gives.
@Suite struct ServerSideApplyEncodingReuseTests {
    private func configMap(managedFields: JSON, data: JSON) throws -> JSON {
        var object = try JSON(
            parsing: #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"default","uid":"u1"}}"#)
        object[path: ["metadata", "managedFields"]] = managedFields
        object["data"] = data
        return object
    }

    private func entry(manager: String, fieldsV1: String) throws -> JSON {
        [
            "manager": .string(manager), "operation": "Update", "apiVersion": "v1", "time": .string(t0.rfc3339),
            "fieldsType": "FieldsV1", "fieldsV1": try JSON(parsing: fieldsV1),
        ]
    }

    @Test(arguments: [
        // Canonical: kept as it is.
        #"{"f:data":{".":{},"f:a":{},"f:b":{}}}"#,
        // Out of order, or with an unknown element kind: written again in canonical form.
        #"{"f:data":{"f:b":{},"f:a":{},".":{}}}"#,
        #"{"f:data":{".":{},"f:a":{},"f:b":{}},"x:unknown":{}}"#,
    ])
    func anUntouchedOwnerIsWrittenAsEncodingItsFieldsGives(fieldsV1: String) throws {
        let old = try configMap(
            managedFields: [try entry(manager: "first", fieldsV1: fieldsV1)], data: ["a": "1", "b": "2"])
        var new = old
        new[path: ["data", "c"]] = "3"
        for _ in 0..<2 {  // the same again: nothing carries over from one write to the next
            let entries = ServerSideApply.recordUpdate(
                old: old, new: new, manager: "second", schema: KubeSchemas.configMap, now: t1)
            #expect(entries.count == 2)
            #expect(entries[0]["manager"] == "first")
            #expect(entries[0]["fieldsV1"]?.serializedString == #"{"f:data":{".":{},"f:a":{},"f:b":{}}}"#)
            #expect(entries[1]["manager"] == "second")
            #expect(entries[1]["fieldsV1"]?.serializedString == #"{"f:data":{"f:c":{}}}"#)
        }
    }

    @Test(arguments: [
        (#"{}"#, true),
        (#"{"f:a":{}}"#, true),
        (#"{"f:data":{".":{},"f:a":{},"f:b":{}},"f:metadata":{"f:labels":{"f:x":{}}}}"#, true),
        (#"{"f:spec":{"f:ports":{"k:{\"port\":80,\"protocol\":\"TCP\"}":{".":{},"f:port":{}}}}}"#, true),
        (#"{"f:finalizers":{"v:\"a\"":{},"v:\"b\"":{}}}"#, true),
        (#"{"f:b":{},"f:a":{}}"#, false),  // out of order
        (#"{".":{},"f:a":{}}"#, false),  // "." at the root
        (#"{"f:a":{"f:b":{},".":{}}}"#, false),  // "." not first
        (#"{"f:a":{".":{}}}"#, false),  // a member without descendants is `{}`
        (#"{"f:a":{".":{"x":{}},"f:b":{}}}"#, false),  // "." holds `{}`
        (#"{"f:a":{"x:unknown":{}}}"#, false),  // unknown element kind
        (#"{"k:{\"port\":80,\"name\":\"x\"}":{}}"#, false),  // key fields out of order
        (#"{"v:1.0":{}}"#, false),  // a number not as Go writes it
        (#"{"i:01":{}}"#, false),
    ])
    func decodingTellsWhetherTheValueIsWhatEncodingGives(text: String, canonical: Bool) throws {
        let json = try JSON(parsing: text)
        let (set, isCanonical) = try FieldSet.decode(fieldsV1: json)
        #expect(isCanonical == canonical)
        #expect(isCanonical == set.fieldsV1.isIdentical(to: json))
    }

    @Test func entriesSentBackThatDifferOnlyInUnicodeFormAreTakenAsSent() throws {
        let decomposed = "cafe\u{301}"
        let precomposed = "caf\u{E9}"
        #expect(decomposed == precomposed)
        let old = try configMap(
            managedFields: [try entry(manager: decomposed, fieldsV1: #"{"f:data":{".":{},"f:a":{}}}"#)], data: ["a": "1"])
        var new = try configMap(
            managedFields: [try entry(manager: precomposed, fieldsV1: #"{"f:data":{".":{},"f:a":{}}}"#)], data: ["a": "1"])
        new[path: ["data", "b"]] = "2"
        let entries = ServerSideApply.recordUpdate(
            old: old, new: new, manager: "other", schema: KubeSchemas.configMap, now: t1)
        let kept = entries.first { $0["manager"]?.stringValue == precomposed }
        #expect(kept?["manager"]?.stringValue.map { Array($0.utf8) } == Array(precomposed.utf8))
    }

    @Test func theWritersOwnEntryIsEncodedAgainWhenItsFieldsGrow() throws {
        let old = try configMap(
            managedFields: [try entry(manager: "writer", fieldsV1: #"{"f:data":{".":{},"f:a":{}}}"#)], data: ["a": "1"])
        var new = old
        new[path: ["data", "b"]] = "2"
        let entries = ServerSideApply.recordUpdate(
            old: old, new: new, manager: "writer", schema: KubeSchemas.configMap, now: t1)
        #expect(entries.count == 1)
        #expect(entries[0]["fieldsV1"]?.serializedString == #"{"f:data":{".":{},"f:a":{},"f:b":{}}}"#)
        #expect(entries[0]["time"] == .string(t1.rfc3339))
    }
}
