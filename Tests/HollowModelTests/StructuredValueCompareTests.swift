import Testing

@testable import HollowModel

/// `StructuredValue.compare` skips subtrees that are equal on both sides; these pin down that the skip changes
/// nothing it reports, including the errors of associative lists whose items have no usable key.
@Suite struct StructuredValueCompareTests {
    private let schema = OpenAPIApplySchema(root: [
        "type": "object",
        "properties": [
            "spec": [
                "type": "object",
                "properties": [
                    "items": [
                        "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                        "items": [
                            "type": "object",
                            "properties": [
                                "name": ["type": "string"], "value": ["type": "string"],
                                "tags": ["type": "array", "x-kubernetes-list-type": "set", "items": ["type": "string"]],
                            ],
                        ],
                    ],
                    "size": ["type": "integer"],
                ],
            ],
            "status": ["type": "object", "properties": ["phase": ["type": "string"]]],
        ],
    ])

    @Test func equalSubtreesReportNothingAndChangesAreFound() throws {
        let old: JSON = [
            "spec": ["items": [["name": "a", "tags": ["x"]], ["name": "b", "value": "1"]], "size": 1],
            "status": ["phase": "Pending"],
        ]
        var new = old
        new[path: ["status", "phase"]] = "Running"
        new[path: ["spec", "size"]] = 2
        let comparison = try StructuredValue.compare(old, new, schema: schema)
        #expect(comparison.modified == FieldSet([["spec", "size"], ["status", "phase"]]))
        #expect(comparison.added.isEmpty)
        #expect(comparison.removed.isEmpty)
        #expect(try StructuredValue.compare(old, old, schema: schema).isSame)
    }

    @Test func anItemWithoutItsKeyFailsEvenWhereBothSidesAreEqual() throws {
        let old: JSON = ["spec": ["items": [["value": "no name"]]], "status": ["phase": "Pending"]]
        var new = old
        new[path: ["status", "phase"]] = "Running"
        #expect(throws: StructuredValueError.self) { try StructuredValue.compare(old, new, schema: schema) }
        #expect(throws: StructuredValueError.self) { try StructuredValue.compare(old, old, schema: schema) }
    }

    @Test func aSetItemThatIsAnObjectFailsInsideAnEqualItem() throws {
        let old: JSON = ["spec": ["items": [["name": "a", "tags": [["bad": true]]]]], "status": ["phase": "A"]]
        var new = old
        new[path: ["status", "phase"]] = "B"
        #expect(throws: StructuredValueError.self) { try StructuredValue.compare(old, new, schema: schema) }
    }

    @Test func itemsWithARepeatedKeyAreComparedWholeAndNotWalkedInto() throws {
        // Both items named "a" hold an invalid set item; compare never walks into repeated items.
        let items: JSON = [["name": "a", "tags": [["bad": true]]], ["name": "a"]]
        let old: JSON = ["spec": ["items": items], "status": ["phase": "A"]]
        var new = old
        new[path: ["status", "phase"]] = "B"
        let comparison = try StructuredValue.compare(old, new, schema: schema)
        #expect(comparison.modified == FieldSet([["status", "phase"]]))
    }
}
