import Testing

@testable import HollowModel

/// Lists of objects merged by key, their order, and `$retainKeys`; cases re-expressed from apimachinery's
/// `strategicpatch/patch_test.go`.
@Suite struct StrategicMergePatchListTests {
    @Test(arguments: [
        StrategicMergeCase(
            "a patch element merges into the element with its merge key",
            #"{"mergingList":[{"name":1,"value":1,"other":"a"},{"name":2,"value":2,"other":"b"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"value":"a"}]}"#,
            #"{"mergingList":[{"name":1,"value":"a","other":"a"},{"name":2,"value":2,"other":"b"}]}"#),
        StrategicMergeCase(
            "null inside a patch element removes that member",
            #"{"mergingList":[{"name":1,"value":1,"other":"a"},{"name":2}]}"#,
            #"{"mergingList":[{"name":1,"value":null}]}"#,
            #"{"mergingList":[{"name":1,"other":"a"},{"name":2}]}"#),
        StrategicMergeCase(
            "new elements are placed by $setElementOrder",
            #"{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":4},{"name":1},{"name":2},{"name":3}],"mergingList":[{"name":4,"value":4},{"name":3,"value":3}]}"#,
            #"{"mergingList":[{"name":4,"value":4},{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"},{"name":3,"value":3}]}"#),
        StrategicMergeCase(
            "new elements interleave with existing ones per $setElementOrder",
            #"{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":1},{"name":4},{"name":2},{"name":3}],"mergingList":[{"name":4,"value":4},{"name":3,"value":3}]}"#,
            #"{"mergingList":[{"name":1,"other":"a"},{"name":4,"value":4},{"name":2,"value":2,"other":"b"},{"name":3,"value":3}]}"#),
        StrategicMergeCase(
            "without $setElementOrder the patch's elements take the patch's order",
            #"{"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]}"#,
            #"{"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"other":"x"}]}"#,
            #"{"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"},{"name":2,"value":"b","other":"x"}]}"#),
        StrategicMergeCase(
            "an element the patch leaves out keeps its place before the patch's",
            #"{"mergingList":[{"name":1},{"name":2,"value":"b"},{"name":3}]}"#,
            #"{"mergingList":[{"name":3,"value":"c"},{"name":1,"value":"a"}]}"#,
            #"{"mergingList":[{"name":2,"value":"b"},{"name":3,"value":"c"},{"name":1,"value":"a"}]}"#),
        StrategicMergeCase(
            "$patch delete removes the element with that merge key",
            #"{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2,"other":"b"},{"name":3,"value":3}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":2},{"name":1}],"mergingList":[{"name":3,"$patch":"delete"}]}"#,
            #"{"mergingList":[{"name":2,"value":2,"other":"b"},{"name":1,"other":"a"}]}"#),
        StrategicMergeCase(
            "$patch delete removes every duplicate",
            #"{"mergingList":[{"name":1},{"name":1},{"name":2,"value":"a"},{"name":3},{"name":3}]}"#,
            #"{"mergingList":[{"name":1,"$patch":"delete"},{"name":3,"$patch":"delete"}]}"#,
            #"{"mergingList":[{"name":2,"value":"a"}]}"#),
        StrategicMergeCase(
            "$patch delete of a missing element changes nothing",
            #"{"mergingList":[{"name":2,"other":"b"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":2}],"mergingList":[{"name":1,"$patch":"delete"}]}"#,
            #"{"mergingList":[{"name":2,"other":"b"}]}"#),
        StrategicMergeCase(
            "deleting every element leaves an empty list",
            #"{"mergingList":[{"name":1,"other":"a"},{"name":2,"other":"b"}]}"#,
            #"{"mergingList":[{"name":1,"$patch":"delete"},{"name":2,"$patch":"delete"}]}"#,
            #"{"mergingList":[]}"#),
        StrategicMergeCase(
            "adding and deleting in one patch, as Go orders it",
            #"{"mergingList":[{"name":1},{"name":2,"other":"b"},{"name":4,"other":"c"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":2},{"name":3}],"mergingList":[{"name":3},{"name":1,"$patch":"delete"}]}"#,
            #"{"mergingList":[{"name":2,"other":"b"},{"name":4,"other":"c"},{"name":3}]}"#),
        StrategicMergeCase(
            "adding and deleting in one patch, server-only element first",
            #"{"mergingList":[{"name":1,"other":"a"},{"name":4,"other":"c"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":2},{"name":3}],"mergingList":[{"name":2},{"name":3},{"name":1,"$patch":"delete"}]}"#,
            #"{"mergingList":[{"name":4,"other":"c"},{"name":2},{"name":3}]}"#),
        StrategicMergeCase(
            "$patch replace makes the list the patch's other elements",
            #"{"mergingList":[{"name":1},{"name":2}]}"#, #"{"mergingList":[{"$patch":"replace"}]}"#,
            #"{"mergingList":[]}"#),
        StrategicMergeCase(
            "directive elements are dropped from a list the original lacks",
            #"{"name":"hi"}"#, #"{"mergingList":[{"name":"hello"},{"$patch":"delete","name":"doesntexist"}]}"#,
            #"{"name":"hi","mergingList":[{"name":"hello"}]}"#),
        StrategicMergeCase(
            "$setElementOrder may name elements neither list has",
            #"{"name":"hi","mergingList":[{"name":"hello2"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":"hello"},{"name":"doesntexist"}],"mergingList":[{"name":"hello"}]}"#,
            #"{"name":"hi","mergingList":[{"name":"hello"},{"name":"hello2"}]}"#),
        StrategicMergeCase(
            "server-only elements stay after the ordered element they followed",
            #"{"mergingList":[{"name":1,"other":"a"},{"name":2,"value":2},{"name":7},{"name":9},{"name":8},{"name":3,"value":3},{"name":4,"value":4}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3}]}"#,
            #"{"mergingList":[{"name":2,"value":2},{"name":1,"other":"a"},{"name":7},{"name":9},{"name":8},{"name":4,"value":4},{"name":3,"value":3}]}"#),
        StrategicMergeCase(
            "a trailing server-only element stays last",
            #"{"mergingList":[{"name":1,"other":"a"},{"name":3,"value":3},{"name":4,"value":4},{"name":2,"value":2},{"name":9}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":4},{"name":2},{"name":3},{"name":1}]}"#,
            #"{"mergingList":[{"name":4,"value":4},{"name":2,"value":2},{"name":3,"value":3},{"name":1,"other":"a"},{"name":9}]}"#),
        StrategicMergeCase(
            "elements sharing a merge key move together",
            #"{"mergingList":[{"name":1},{"name":2,"value":"dup1"},{"name":3},{"name":2,"value":"dup2"},{"name":4}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":2},{"name":1},{"name":4},{"name":3},{"name":2}]}"#,
            #"{"mergingList":[{"name":2,"value":"dup1"},{"name":2,"value":"dup2"},{"name":1},{"name":4},{"name":3}]}"#),
        StrategicMergeCase(
            "a deletion in one list and a reordering in another",
            #"{"mergingList":[{"name":"a","value":"a"},{"name":"b","value":"b"}],"mergeItemPtr":[{"name":"c","value":"c"},{"name":"d","value":"d"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":"b"}],"$setElementOrder/mergeItemPtr":[{"name":"d"},{"name":"c"}],"mergingList":[{"$patch":"delete","name":"a"}]}"#,
            #"{"mergingList":[{"name":"b","value":"b"}],"mergeItemPtr":[{"name":"d","value":"d"},{"name":"c","value":"c"}]}"#),
        StrategicMergeCase(
            "a list without merge strategy nested in a merging list is replaced",
            #"{"mergingList":[{"name":1,"other":"a","nonMergingList":[{"name":1},{"name":2,"value":2}]},{"name":2,"other":"b"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"name":1,"nonMergingList":[{"name":1,"value":1}]}]}"#,
            #"{"mergingList":[{"name":1,"other":"a","nonMergingList":[{"name":1,"value":1}]},{"name":2,"other":"b"}]}"#),
        StrategicMergeCase(
            "a merging list nested in a merging list merges with its own $setElementOrder",
            #"{"mergingList":[{"name":1,"other":"a","mergingList":[{"name":1},{"name":2,"value":2}]},{"name":2,"other":"b"}]}"#,
            #"{"$setElementOrder/mergingList":[{"name":1},{"name":2}],"mergingList":[{"$setElementOrder/mergingList":[{"name":1},{"name":2}],"name":1,"mergingList":[{"name":1,"value":1}]}]}"#,
            #"{"mergingList":[{"name":1,"other":"a","mergingList":[{"name":1,"value":1},{"name":2,"value":2}]},{"name":2,"other":"b"}]}"#),
        StrategicMergeCase(
            "a field typed as one object merges as a list of them",
            #"{"mergeItemPtr":[{"name":1,"other":"a"},{"name":3}]}"#,
            #"{"$setElementOrder/mergeItemPtr":[{"name":1},{"name":2}],"mergeItemPtr":[{"name":2}]}"#,
            #"{"mergeItemPtr":[{"name":1,"other":"a"},{"name":2},{"name":3}]}"#),
    ])
    func listsOfObjects(_ example: StrategicMergeCase) throws {
        try example.check(meta: StrategicMergeFixtures.mergeItem)
    }

    @Test(arguments: [
        StrategicMergeCase(
            "$retainKeys clears members it does not list",
            #"{"retainKeysMap":{"value":"foo"}}"#, #"{"retainKeysMap":{"$retainKeys":["other"],"other":"bar"}}"#,
            #"{"retainKeysMap":{"other":"bar"}}"#),
        StrategicMergeCase(
            "$retainKeys switches a discriminated union",
            #"{"retainKeysMap":{"name":"type1","value":"foo"}}"#,
            #"{"retainKeysMap":{"$retainKeys":["name","other"],"name":"type2","other":"bar"}}"#,
            #"{"retainKeysMap":{"name":"type2","other":"bar"}}"#),
        StrategicMergeCase(
            "$retainKeys keeps listed members the patch does not touch",
            #"{"retainKeysMap":{"name":"foo","other":"a"}}"#,
            #"{"retainKeysMap":{"$retainKeys":["name","value"],"value":"bar"}}"#,
            #"{"retainKeysMap":{"name":"foo","value":"bar"}}"#),
        StrategicMergeCase(
            "$retainKeys with a null member",
            #"{"retainKeysMap":{"name":"foo","value":"bar","other":"a"}}"#,
            #"{"retainKeysMap":{"$retainKeys":["name"],"value":null}}"#,
            #"{"retainKeysMap":{"name":"foo"}}"#),
        StrategicMergeCase(
            "$retainKeys then a nested map merges",
            #"{"retainKeysMap":{"name":"foo","value":"bar","simpleMap":{"key1":"a","key2":"b"}}}"#,
            #"{"retainKeysMap":{"$retainKeys":["name","simpleMap","value"],"simpleMap":{"key1":"x"}}}"#,
            #"{"retainKeysMap":{"name":"foo","value":"bar","simpleMap":{"key1":"x","key2":"b"}}}"#),
        StrategicMergeCase(
            "$retainKeys with list directives inside",
            #"{"retainKeysMap":{"name":"foo","mergingIntList":[1,2,3,4]}}"#,
            #"{"retainKeysMap":{"$retainKeys":["mergingIntList","name"],"mergingIntList":[5],"$deleteFromPrimitiveList/mergingIntList":[2],"$setElementOrder/mergingIntList":[1,3,5]}}"#,
            #"{"retainKeysMap":{"name":"foo","mergingIntList":[1,3,5,4]}}"#),
        StrategicMergeCase(
            "$retainKeys and a nested merging list",
            #"{"retainKeysMap":{"name":"foo","mergingList":[{"name":"a"},{"name":"b"},{"name":"x"}]}}"#,
            #"{"retainKeysMap":{"$retainKeys":["mergingList","name"],"$setElementOrder/mergingList":[{"name":"a"},{"name":"b"},{"name":"c"}],"mergingList":[{"name":"c"}]}}"#,
            #"{"retainKeysMap":{"name":"foo","mergingList":[{"name":"a"},{"name":"b"},{"name":"c"},{"name":"x"}]}}"#),
        StrategicMergeCase(
            "without $retainKeys a retainKeys field merges",
            #"{"retainKeysMap":{"name":"foo","value":"a"}}"#, #"{"retainKeysMap":{"value":"b"}}"#,
            #"{"retainKeysMap":{"name":"foo","value":"b"}}"#),
        StrategicMergeCase(
            "$retainKeys in an element of a merge,retainKeys list",
            #"{"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"old","other":"x"}]}"#,
            #"{"$setElementOrder/retainKeysMergingList":[{"name":"bar"},{"name":"foo"}],"retainKeysMergingList":[{"$retainKeys":["name","value"],"name":"foo","value":"new"}]}"#,
            #"{"retainKeysMergingList":[{"name":"bar"},{"name":"foo","value":"new"}]}"#),
    ])
    func retainKeys(_ example: StrategicMergeCase) throws {
        try example.check(meta: StrategicMergeFixtures.mergeItem)
    }
}
