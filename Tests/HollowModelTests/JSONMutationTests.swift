import HollowModel
import Testing

/// Changing documents in place: members set through paths, equality whatever the member order.
@Suite struct JSONMutationTests {
    @Test func objectsCompareEqualWhateverTheirMemberOrder() throws {
        let a = try JSON(parsing: #"{"a":1,"b":{"c":[1,2],"d":null},"e":"f"}"#)
        let b = try JSON(parsing: #"{"e":"f","b":{"d":null,"c":[1,2]},"a":1}"#)
        let c = try JSON(parsing: #"{"e":"f","b":{"d":null,"c":[2,1]},"a":1}"#)
        #expect(a == b)
        #expect(a != c)
        #expect(try JSON(parsing: #"{"a":1,"b":2}"#) != JSON(parsing: #"{"a":1,"c":2}"#))
    }

    @Test func settingAPathCreatesMissingObjectsAndKeepsMemberOrder() {
        var object: JSON = ["kind": "Widget", "metadata": ["name": "w", "labels": ["a": "b"]], "spec": 1]
        object[path: ["metadata", "labels", "c"]] = "d"
        object[path: ["metadata", "resourceVersion"]] = "7"
        object[path: ["status", "phase"]] = nil
        object[path: ["spec", "size"]] = 3
        #expect(
            object
                == [
                    "kind": "Widget", "metadata": ["name": "w", "labels": ["a": "b", "c": "d"], "resourceVersion": "7"],
                    "spec": ["size": 3], "status": [:],
                ])
        #expect(object.objectValue?.keys == ["kind", "metadata", "spec", "status"])
        object[path: ["metadata", "labels"]] = nil
        #expect(object["metadata"]?.objectValue?.keys == ["name", "resourceVersion"])
    }

    @Test func updatingValuesInPlaceKeepsOrderAndRemovingKeepsTheRest() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object.updateValues { key, value in if key != "b" { value = .int((value.intValue ?? 0) * 10) } }
        object.removeMembers { $0.key == "b" }
        #expect(object.keys == ["a", "c"])
        #expect(object["a"] == 10 && object["c"] == 30)
        object.updateValue(forKey: "d", default: [:]) { $0["e"] = true }
        #expect(JSON.object(object) == ["a": 10, "c": 30, "d": ["e": true]])
    }
}
