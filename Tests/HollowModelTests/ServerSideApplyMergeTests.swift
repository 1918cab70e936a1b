import Testing

@testable import HollowModel

private func name(_ value: String) -> FieldPath.Element { .keyed(["name": .string(value)]) }
private func v(_ value: JSON) -> FieldPath.Element { .value(value) }

/// structured-merge-diff's `merge/leaf_test.go`, `set_test.go`, `key_test.go` and `deduced_test.go`, at one API
/// version: scalars, sets, associative lists and schemaless data under several appliers and updaters.
@Suite struct ServerSideApplyMergeTests {
    @Test(arguments: [
        OwnershipCase(
            "apply_twice",
            [
                .apply("default", #"{"numeric":1,"string":"string"}"#),
                .apply("default", #"{"numeric":2,"string":"string","bool":false}"#),
            ],
            object: #"{"numeric":2,"string":"string","bool":false}"#,
            managed: ["default": [["numeric"], ["string"], ["bool"]]]),
        OwnershipCase(
            "apply_update_apply_no_conflict",
            [
                .apply("default", #"{"numeric":1,"string":"string"}"#),
                .update("controller", #"{"numeric":1,"string":"string","bool":true}"#),
                .apply("default", #"{"numeric":2,"string":"string"}"#),
            ],
            object: #"{"numeric":2,"string":"string","bool":true}"#,
            managed: ["default": [["numeric"], ["string"]], "controller": [["bool"]]]),
        OwnershipCase(
            "apply_update_apply_with_conflict",
            [
                .apply("default", #"{"numeric":1,"string":"string"}"#),
                .update("controller", #"{"numeric":1,"string":"controller string","bool":true}"#),
                .apply(
                    "default", #"{"numeric":2,"string":"user string"}"#, conflicts: [.init("controller", ["string"])]),
                .forceApply("default", #"{"numeric":2,"string":"user string"}"#),
            ],
            object: #"{"numeric":2,"string":"user string","bool":true}"#,
            managed: ["default": [["numeric"], ["string"]], "controller": [["bool"]]]),
        OwnershipCase(
            "apply_twice_remove",
            [
                .apply("default", #"{"numeric":1,"string":"string","bool":false}"#),
                .apply("default", #"{"string":"new string"}"#),
            ],
            object: #"{"string":"new string"}"#, managed: ["default": [["string"]]]),
        OwnershipCase(
            "update_apply_omits",
            [.apply("default", #"{"numeric":2}"#), .update("controller", #"{"numeric":1}"#), .apply("default", "{}")],
            object: #"{"numeric":1}"#, managed: ["controller": [["numeric"]]]),
        OwnershipCase(
            "update_remove_empty_set",
            [.apply("default", #"{"string":"string"}"#), .update("controller", #"{"string":"new string"}"#)],
            object: #"{"string":"new string"}"#, managed: ["controller": [["string"]]]),
        OwnershipCase(
            "apply_remove_empty_set",
            [.apply("default", #"{"string":"string"}"#), .apply("default", "{}")], object: "{}", managed: [:]),
    ])
    func leafFields(_ test: OwnershipCase) throws {
        try test.run(schema: OwnershipSchemas.leafFields)
    }

    @Test(arguments: [
        OwnershipCase(
            "apply_update_apply_with_overlap",
            [
                .apply("default", #"{"list":["a","c"]}"#), .update("controller", #"{"list":["a","b","c","d"]}"#),
                .apply("default", #"{"list":["a","b","c"]}"#),
            ],
            object: #"{"list":["a","b","c","d"]}"#,
            managed: [
                "default": [["list", v("a")], ["list", v("b")], ["list", v("c")]],
                "controller": [["list", v("b")], ["list", v("d")]],
            ]),
        OwnershipCase(
            "apply_twice_reorder",
            [.apply("default", #"{"list":["a","b","c","d"]}"#), .apply("default", #"{"list":["a","d","c","b"]}"#)],
            object: #"{"list":["a","d","c","b"]}"#,
            managed: ["default": [["list", v("a")], ["list", v("b")], ["list", v("c")], ["list", v("d")]]]),
        OwnershipCase(
            "apply_update_apply_reorder",
            [
                .apply("default", #"{"list":["a","b","c","d"]}"#),
                .update("controller", #"{"list":["a","d","c","b"]}"#),
                .apply("default", #"{"list":["a","b","c","d"]}"#),
            ],
            object: #"{"list":["a","b","c","d"]}"#,
            managed: ["default": [["list", v("a")], ["list", v("b")], ["list", v("c")], ["list", v("d")]]]),
        OwnershipCase(
            "apply_twice_remove",
            [.apply("default", #"{"list":["a","b","c","d"]}"#), .apply("default", #"{"list":["a","c"]}"#)],
            object: #"{"list":["a","c"]}"#, managed: ["default": [["list", v("a")], ["list", v("c")]]]),
    ])
    func sets(_ test: OwnershipCase) throws {
        try test.run(schema: OwnershipSchemas.sets)
    }

    @Test(arguments: [
        OwnershipCase(
            "removing_obsolete_applied_structs",
            [
                .apply("default", #"{"list":[{"name":"a","value":1}]}"#),
                .apply("default", #"{"list":[{"name":"b","value":2}]}"#),
            ],
            object: #"{"list":[{"name":"b","value":2}]}"#,
            managed: ["default": [["list", name("b")], ["list", name("b"), "name"], ["list", name("b"), "value"]]]),
        OwnershipCase(
            "remove_one",
            [
                .apply("apply-one", #"{"list":[{"name":"a"},{"name":"b"}]}"#),
                .apply("apply-two", #"{"list":[{"name":"c"}]}"#), .apply("apply-one", #"{"list":[{"name":"a"}]}"#),
            ],
            object: #"{"list":[{"name":"a"},{"name":"c"}]}"#,
            managed: [
                "apply-one": [["list", name("a")], ["list", name("a"), "name"]],
                "apply-two": [["list", name("c")], ["list", name("c"), "name"]],
            ]),
        OwnershipCase(
            "same_value_no_conflict",
            [
                .apply("apply-one", #"{"list":[{"name":"a","value":0}]}"#),
                .apply("apply-two", #"{"list":[{"name":"a","value":0}]}"#),
            ],
            object: #"{"list":[{"name":"a","value":0}]}"#,
            managed: [
                "apply-one": [["list", name("a")], ["list", name("a"), "name"], ["list", name("a"), "value"]],
                "apply-two": [["list", name("a")], ["list", name("a"), "name"], ["list", name("a"), "value"]],
            ]),
        OwnershipCase(
            "change_value_yes_conflict",
            [
                .apply("apply-one", #"{"list":[{"name":"a","value":0}]}"#),
                .apply(
                    "apply-two", #"{"list":[{"name":"a","value":1}]}"#,
                    conflicts: [.init("apply-one", ["list", name("a"), "value"])]),
            ],
            object: #"{"list":[{"name":"a","value":0}]}"#,
            managed: ["apply-one": [["list", name("a")], ["list", name("a"), "name"], ["list", name("a"), "value"]]]),
        OwnershipCase(
            "remove_one_keep_one",
            [
                .apply("apply-one", #"{"list":[{"name":"a"},{"name":"b"},{"name":"c"}]}"#),
                .apply("apply-two", #"{"list":[{"name":"c"},{"name":"d"}]}"#),
                .apply("apply-one", #"{"list":[{"name":"a"}]}"#),
            ],
            object: #"{"list":[{"name":"a"},{"name":"c"},{"name":"d"}]}"#,
            managed: [
                "apply-one": [["list", name("a")], ["list", name("a"), "name"]],
                "apply-two": [
                    ["list", name("c")], ["list", name("d")], ["list", name("c"), "name"], ["list", name("d"), "name"],
                ],
            ]),
    ])
    func associativeLists(_ test: OwnershipCase) throws {
        try test.run(schema: OwnershipSchemas.associativeList)
    }

    @Test(arguments: [
        OwnershipCase(
            "apply_twice_list_is_atomic",
            [.apply("default", #"{"list":["a","c"]}"#), .apply("default", #"{"list":["a","d","c","b"]}"#)],
            object: #"{"list":["a","d","c","b"]}"#, managed: ["default": [["list"]]]),
        OwnershipCase(
            "apply_update_apply_list",
            [
                .apply("default", #"{"list":["a","c"]}"#), .update("controller", #"{"list":["a","b","c","d"]}"#),
                .forceApply("default", #"{"list":["a","b","c"]}"#),
            ],
            object: #"{"list":["a","b","c"]}"#, managed: ["default": [["list"]]]),
        OwnershipCase(
            "apply_update_apply_nested",
            [
                .apply("default", #"{"a":1,"b":{"c":{"d":2,"e":[1,2,3],"f":[{"name":"n","value":1}]}}}"#),
                .update("controller", #"{"a":1,"b":{"c":{"d":3,"e":[1,2,3,4],"f":[{"name":"n","value":2}]}},"g":5}"#),
                .apply(
                    "default", #"{"a":2,"b":{"c":{"d":2,"e":[3,2,1],"f":[{"name":"n","value":1}]}}}"#,
                    conflicts: [
                        .init("controller", ["b", "c", "d"]), .init("controller", ["b", "c", "e"]),
                        .init("controller", ["b", "c", "f"]),
                    ]),
                .forceApply("default", #"{"a":2,"b":{"c":{"d":2,"e":[3,2,1],"f":[{"name":"n","value":1}]}}}"#),
            ],
            object: #"{"a":2,"b":{"c":{"d":2,"e":[3,2,1],"f":[{"name":"n","value":1}]}},"g":5}"#),
        OwnershipCase(
            "leaf_apply_update_apply_with_conflict",
            [
                .apply("default", #"{"numeric":1,"string":"string"}"#),
                .update("controller", #"{"numeric":1,"string":"controller string","bool":true}"#),
                .apply(
                    "default", #"{"numeric":2,"string":"user string"}"#, conflicts: [.init("controller", ["string"])]),
                .forceApply("default", #"{"numeric":2,"string":"user string"}"#),
            ],
            object: #"{"numeric":2,"string":"user string","bool":true}"#,
            managed: ["default": [["numeric"], ["string"]], "controller": [["bool"]]]),
    ])
    func deduced(_ test: OwnershipCase) throws {
        try test.run(schema: DeducedApplySchema())
    }

    @Test func forceTakesAnAtomicMapFromItsOwner() throws {
        try OwnershipCase(
            "force",
            [
                .apply("apply-one", #"{"atomicMap":{"field1":"a"}}"#),
                .apply("apply-two", #"{"atomicMap":{"field2":"b"}}"#, conflicts: [.init("apply-one", ["atomicMap"])]),
                .forceApply("apply-two", #"{"atomicMap":{"field2":"b"}}"#),
            ],
            object: #"{"atomicMap":{"field2":"b"}}"#, managed: ["apply-two": [["atomicMap"]]]
        ).run(schema: OwnershipSchemas.atomicMaps)
    }

    @Test func applyMergesSharedItemsInTheConfigurationsOrder() throws {
        let schema = OwnershipSchemas.associativeList
        let live = try JSON(parsing: #"{"list":[{"name":"a"},{"name":"x"},{"name":"b"},{"name":"c"}]}"#)
        let config = try JSON(parsing: #"{"list":[{"name":"c"},{"name":"new"},{"name":"a"}]}"#)
        let merged = try StructuredValue.merge(live, config, schema: schema)
        #expect(
            merged
                == (try JSON(parsing: #"{"list":[{"name":"x"},{"name":"b"},{"name":"c"},{"name":"new"},{"name":"a"}]}"#))
        )
    }
}
