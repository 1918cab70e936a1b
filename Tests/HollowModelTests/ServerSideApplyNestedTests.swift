import Testing

@testable import HollowModel

private func name(_ value: String) -> FieldPath.Element { .keyed(["name": .string(value)]) }
private func v(_ value: JSON) -> FieldPath.Element { .value(value) }

/// structured-merge-diff's `merge/nested_test.go`, `multiple_appliers_test.go` (nested and recursive types) and
/// `duplicates_test.go`: removal of fields an applier stops applying, shared and dangling ownership, null, and
/// live lists that repeat a key.
@Suite struct ServerSideApplyNestedTests {
    @Test(arguments: [
        OwnershipCase(
            "remove_one_keep_one_with_two_sub_items",
            [
                .apply("apply-one", #"{"listOfLists":[{"name":"a"},{"name":"b","value":["c"]}]}"#),
                .apply("apply-two", #"{"listOfLists":[{"name":"b","value":["d"]}]}"#),
                .apply("apply-one", #"{"listOfLists":[{"name":"a"}]}"#),
            ],
            object: #"{"listOfLists":[{"name":"a"},{"name":"b","value":["d"]}]}"#,
            managed: [
                "apply-one": [["listOfLists", name("a")], ["listOfLists", name("a"), "name"]],
                "apply-two": [
                    ["listOfLists", name("b")], ["listOfLists", name("b"), "name"],
                    ["listOfLists", name("b"), "value", v("d")],
                ],
            ]),
        OwnershipCase(
            "remove_one_keep_one_with_dangling_subitem",
            [
                .apply("apply-one", #"{"listOfLists":[{"name":"a"},{"name":"b","value":["c"]}]}"#),
                .apply("apply-two", #"{"listOfLists":[{"name":"b","value":["d"]}]}"#),
                .update("controller", #"{"listOfLists":[{"name":"a"},{"name":"b","value":["c","d","e"]}]}"#),
                .apply("apply-one", #"{"listOfLists":[{"name":"a"}]}"#),
            ],
            object: #"{"listOfLists":[{"name":"a"},{"name":"b","value":["d","e"]}]}"#,
            managed: [
                "apply-one": [["listOfLists", name("a")], ["listOfLists", name("a"), "name"]],
                "apply-two": [
                    ["listOfLists", name("b")], ["listOfLists", name("b"), "name"],
                    ["listOfLists", name("b"), "value", v("d")],
                ],
                "controller": [["listOfLists", name("b"), "value", v("e")]],
            ]),
        OwnershipCase(
            "remove_one_with_dangling_subitem_keep_one",
            [
                .apply("apply-one", #"{"listOfLists":[{"name":"a"},{"name":"b","value":["c"]}]}"#),
                .apply("apply-two", #"{"listOfLists":[{"name":"a","value":["b"]}]}"#),
                .update("controller", #"{"listOfLists":[{"name":"a","value":["b"]},{"name":"b","value":["c","d"]}]}"#),
                .apply("apply-one", #"{"listOfLists":[{"name":"a"}]}"#),
            ],
            object: #"{"listOfLists":[{"name":"a","value":["b"]}]}"#,
            managed: [
                "apply-one": [["listOfLists", name("a")], ["listOfLists", name("a"), "name"]],
                "apply-two": [
                    ["listOfLists", name("a")], ["listOfLists", name("a"), "name"],
                    ["listOfLists", name("a"), "value", v("b")],
                ],
            ]),
        OwnershipCase(
            "listOfMaps_change_key_and_value",
            [
                .apply("default", #"{"listOfMaps":[{"name":"a","value":{"b":"x","c":"y"}}]}"#),
                .apply("default", #"{"listOfMaps":[{"name":"b","value":{"a":"x","c":"z"}}]}"#),
            ],
            object: #"{"listOfMaps":[{"name":"b","value":{"a":"x","c":"z"}}]}"#,
            managed: [
                "default": [
                    ["listOfMaps", name("b")], ["listOfMaps", name("b"), "name"],
                    ["listOfMaps", name("b"), "value", "a"], ["listOfMaps", name("b"), "value", "c"],
                ]
            ]),
        OwnershipCase(
            "multiple_appliers_recursive_map",
            [
                .apply("apply-one", #"{"mapOfMapsRecursive":{"a":{"b":null},"c":{"d":null}}}"#),
                .apply("apply-two", #"{"mapOfMapsRecursive":{"a":null,"c":{"d":null}}}"#),
                .update("controller-one", #"{"mapOfMapsRecursive":{"a":{"b":{"c":null}},"c":{"d":{"e":null}}}}"#),
                .update(
                    "controller-two", #"{"mapOfMapsRecursive":{"a":{"b":{"c":{"d":null}}},"c":{"d":{"e":{"f":null}}}}}"#
                ),
                .update(
                    "controller-one",
                    #"{"mapOfMapsRecursive":{"a":{"b":{"c":{"d":{"e":null}}}},"c":{"d":{"e":{"f":{"g":null}}}}}}"#),
                .apply("apply-one", #"{"mapOfMapsRecursive":null}"#),
            ],
            object: #"{"mapOfMapsRecursive":{"a":null,"c":{"d":{"e":{"f":{"g":null}}}}}}"#,
            managed: [
                "apply-one": [["mapOfMapsRecursive"]],
                "apply-two": [
                    ["mapOfMapsRecursive", "a"], ["mapOfMapsRecursive", "c"], ["mapOfMapsRecursive", "c", "d"],
                ],
                "controller-one": [
                    ["mapOfMapsRecursive", "c", "d", "e"], ["mapOfMapsRecursive", "c", "d", "e", "f", "g"],
                ],
                "controller-two": [["mapOfMapsRecursive", "c", "d", "e", "f"]],
            ]),
        OwnershipCase(
            "mapOfMapsRecursive_change_middle_key",
            [
                .apply("default", #"{"mapOfMapsRecursive":{"a":{"b":{"c":null}}}}"#),
                .apply("default", #"{"mapOfMapsRecursive":{"a":{"d":{"c":null}}}}"#),
            ],
            object: #"{"mapOfMapsRecursive":{"a":{"d":{"c":null}}}}"#,
            managed: [
                "default": [
                    ["mapOfMapsRecursive", "a"], ["mapOfMapsRecursive", "a", "d"],
                    ["mapOfMapsRecursive", "a", "d", "c"],
                ]
            ]),
        OwnershipCase(
            "struct_apply_remove_all",
            [.apply("default", #"{"struct":{"name":"a","value":1}}"#), .apply("default", "{}")],
            object: "{}", managed: [:]),
        OwnershipCase(
            "struct_apply_remove_dangling",
            [.apply("default", #"{"struct":{"name":"a"}}"#), .apply("default", #"{"struct":null}"#)],
            object: #"{"struct":null}"#, managed: ["default": [["struct"]]]),
        OwnershipCase(
            "struct_apply_update_remove_all",
            [
                .apply("default", #"{"struct":{"name":"a"}}"#),
                .update("controller", #"{"struct":{"name":"a","value":1}}"#), .apply("default", "{}"),
            ],
            object: #"{"struct":{"value":1}}"#),
        OwnershipCase(
            "struct_apply_update_dict_dangling",
            [
                .apply("default", #"{"struct":{"name":"a"}}"#),
                .update("controller", #"{"struct":{"name":"a","value":1}}"#), .apply("default", #"{"struct":{}}"#),
            ],
            object: #"{"struct":{"value":1}}"#),
        OwnershipCase(
            "struct_apply_update_dict_null",
            [
                .apply("default", #"{"struct":{"name":"a"}}"#),
                .update("controller", #"{"struct":{"name":"a","value":1}}"#), .apply("default", #"{"struct":null}"#),
            ],
            object: #"{"struct":{"value":1}}"#),
        OwnershipCase(
            "struct_apply_update_took_over",
            [
                .apply("default", #"{"struct":{"name":"a"}}"#),
                .update("controller", #"{"struct":{"name":"b","value":1}}"#), .apply("default", #"{"struct":null}"#),
            ],
            object: #"{"struct":{"name":"b","value":1}}"#),
    ])
    func nestedTypes(_ test: OwnershipCase) throws {
        try test.run(schema: OwnershipSchemas.nested)
    }

    @Test(arguments: [
        OwnershipCase(
            "sets/ownership/duplicates", [.update("updater-one", #"{"set":[1,1,3,4]}"#)],
            managed: ["updater-one": [["set"], ["set", v(1)], ["set", v(3)], ["set", v(4)]]]),
        OwnershipCase(
            "sets/ownership/add_duplicate",
            [.update("updater-one", #"{"set":[1,3,4]}"#), .update("updater-two", #"{"set":[1,1,3,4]}"#)],
            managed: ["updater-one": [["set"], ["set", v(3)], ["set", v(4)]], "updater-two": [["set", v(1)]]]),
        OwnershipCase(
            "sets/ownership/remove_duplicate",
            [.update("updater-one", #"{"set":[1,1,3,4]}"#), .update("updater-two", #"{"set":[1,3,4]}"#)],
            managed: ["updater-one": [["set"], ["set", v(3)], ["set", v(4)]], "updater-two": [["set", v(1)]]]),
        OwnershipCase(
            "sets/merging/remove_duplicate",
            [
                .update("updater", #"{"set":[1,1,3,4]}"#),
                .apply("applier", #"{"set":[1]}"#, conflicts: [.init("updater", ["set", v(1)])]),
                .forceApply("applier", #"{"set":[1]}"#),
            ],
            object: #"{"set":[1,3,4]}"#,
            managed: ["updater": [["set"], ["set", v(3)], ["set", v(4)]], "applier": [["set", v(1)]]]),
        OwnershipCase(
            "sets/merging/ignore_duplicate",
            [.update("updater", #"{"set":[1,1,3,4]}"#), .apply("applier", #"{"set":[5]}"#)],
            object: #"{"set":[1,1,3,4,5]}"#,
            managed: [
                "updater": [["set"], ["set", v(1)], ["set", v(3)], ["set", v(4)]], "applier": [["set", v(5)]],
            ]),
        OwnershipCase(
            "list/ownership/duplicated_items",
            [
                .update(
                    "updater", #"{"list":[{"name":"a","value1":1},{"name":"a","value1":2},{"name":"b","value1":3}]}"#)
            ],
            managed: [
                "updater": [
                    ["list"], ["list", name("a")], ["list", name("b")], ["list", name("b"), "name"],
                    ["list", name("b"), "value1"],
                ]
            ]),
        OwnershipCase(
            "list/merge/unrelated_with_duplicated_items",
            [
                .update(
                    "updater", #"{"list":[{"name":"a","value1":1},{"name":"a","value1":2},{"name":"b","value1":3}]}"#),
                .forceApply("applier", #"{"unrelated":5}"#),
            ],
            object:
                #"{"list":[{"name":"a","value1":1},{"name":"a","value1":2},{"name":"b","value1":3}],"unrelated":5}"#,
            managed: [
                "updater": [
                    ["list"], ["list", name("a")], ["list", name("b")], ["list", name("b"), "name"],
                    ["list", name("b"), "value1"],
                ],
                "applier": [["unrelated"]],
            ]),
        OwnershipCase(
            "list/merge/change_duplicated_item",
            [
                .update(
                    "updater", #"{"list":[{"name":"a","value1":1},{"name":"a","value1":2},{"name":"b","value1":3}]}"#),
                .apply(
                    "applier", #"{"list":[{"name":"a","value1":3}]}"#,
                    conflicts: [.init("updater", ["list", name("a")])]),
                .forceApply("applier", #"{"list":[{"name":"a","value1":3}]}"#),
            ],
            object: #"{"list":[{"name":"a","value1":3},{"name":"b","value1":3}]}"#,
            managed: [
                "updater": [
                    ["list"], ["list", name("b")], ["list", name("b"), "name"], ["list", name("b"), "value1"],
                ],
                "applier": [["list", name("a")], ["list", name("a"), "name"], ["list", name("a"), "value1"]],
            ]),
        OwnershipCase(
            "list/merge/apply_update_duplicates_apply_without",
            [
                .apply("applier", #"{"list":[{"name":"a","value1":1},{"name":"b","value1":3}]}"#),
                .update(
                    "updater", #"{"list":[{"name":"a","value1":1},{"name":"a","value1":2},{"name":"b","value1":3}]}"#),
                .apply("applier", #"{"list":[{"name":"b","value1":3}]}"#),
            ],
            object: #"{"list":[{"name":"a","value1":1},{"name":"a","value1":2},{"name":"b","value1":3}]}"#,
            managed: [
                "applier": [["list", name("b")], ["list", name("b"), "name"], ["list", name("b"), "value1"]],
                "updater": [["list", name("a")]],
            ]),
    ])
    func duplicates(_ test: OwnershipCase) throws {
        try test.run(schema: OwnershipSchemas.duplicates)
    }
}
