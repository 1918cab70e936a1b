import Testing

@testable import HollowModel

/// Cases re-expressed from apimachinery's `pkg/labels/selector_test.go`.
@Suite struct LabelSelectorTests {
    static let labelValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
        + "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
        + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    static let keyNameRule =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
        + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

    @Test(arguments: ["x=a,y=b,z=c", "", "x!=a,y=b", "x=", "x= ", "x=,z= ", "x= ,z= ", "!x", "x>1", "x>1,z<5"])
    func goodSelectorsPrintBackWithoutSpaces(text: String) throws {
        let selector = try LabelSelector(parsing: text)
        #expect(selector.description == String(text.filter { $0 != " " }))
    }

    @Test(arguments: [
        ("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + labelValueRule),
        ("x==a==b", "found '==', expected: ',' or 'end of string'"),
        ("!x=a", "found '=', expected: ',' or 'end of string'"),
        ("x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("x,,y", "found ',', expected: identifier after ','"),
        (",x,y", "found ',', expected: !, identifier, or 'end of string'"),
        ("x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"),
        ("a in (xyz),", "found '', expected: identifier after ','"),
        ("a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"),
        ("a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"),
        ("a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"),
        ("a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"),
        ("(", "found '(', expected: !, identifier, or 'end of string'"),
        ("x=(", "unable to parse requirement: found '(', expected: identifier"),
        ("x in a", "unable to parse requirement: found 'a' expected: '('"),
        ("x in (a b", "unable to parse requirement: found 'b', expected: ',' or ')'"),
        ("x in (a,=)", "unable to parse requirement: found '=', expected: ',', or identifier"),
        ("!", "unable to parse requirement: found '', expected: identifier"),
        ("k@=v", "unable to parse requirement: <nil>: Invalid value: \"k@\": " + keyNameRule),
        ("x=a b", "found 'b', expected: ',' or 'end of string'"),
    ])
    func badSelectorsFailWithApimachinerysMessage(text: String, message: String) {
        #expect(throws: SelectorError(message)) { try LabelSelector(parsing: text) }
    }

    @Test func parsingIsDeterministic() throws {
        #expect(try LabelSelector(parsing: "x=a,a=x") == LabelSelector(parsing: "a=x,x=a"))
        #expect(try LabelSelector(parsing: "x=a,a=x").description == "a=x,x=a")
    }

    @Test(arguments: [
        ("", ["x": "y"], true),
        ("x=y", ["x": "y"], true),
        ("x=y,z=w", ["x": "y", "z": "w"], true),
        ("x!=y,z!=w", ["x": "z", "z": "a"], true),
        ("notin=in", ["notin": "in"], true),
        ("x", ["x": "z"], true),
        ("!x", ["y": "z"], true),
        ("x>1", ["x": "2"], true),
        ("x<1", ["x": "0"], true),
        ("x=z", [:], false),
        ("x=y", ["x": "z"], false),
        ("x=y,z=w", ["x": "w", "z": "w"], false),
        ("x!=y,z!=w", ["x": "z", "z": "w"], false),
        ("x", ["y": "z"], false),
        ("!x", ["x": "z"], false),
        ("x>1", ["x": "0"], false),
        ("x<1", ["x": "2"], false),
        ("x>1", ["x": "v2"], false),
        ("x>1", [:], false),
        ("foo=bar", ["foo": "bar", "baz": "blah"], true),
        ("baz=blah", ["foo": "bar", "baz": "blah"], true),
        ("foo=bar,baz=blah", ["foo": "bar", "baz": "blah"], true),
        ("foo=blah", ["foo": "bar", "baz": "blah"], false),
        ("baz=bar", ["foo": "bar", "baz": "blah"], false),
        ("foo=bar,foobar=bar,baz=blah", ["foo": "bar", "baz": "blah"], false),
        ("x in (foo),y notin (alpha)", ["x": "foo", "y": "baz"], true),
        ("x in (foo),y in (alpha)", ["x": "foo", "y": "baz"], false),
        ("x notin (),y", ["y": ""], true),
        ("!x,y", ["y": ""], true),
        ("x notin (),!y", ["y": ""], false),
        ("x in ()", ["y": "baz"], false),
        ("x in ()", ["x": ""], true),
        ("x notin (a,b)", [:], true),
    ])
    func selectorsMatchLabelSets(text: String, labels: [String: String], matches: Bool) throws {
        #expect(try LabelSelector(parsing: text).matches(labels) == matches)
    }

    @Test(arguments: [
        ("", ""),
        ("\rx", "x"),
        ("this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"),
        ("this-is-another-dns.domain.com/key-with-dash in (so,what)", "this-is-another-dns.domain.com/key-with-dash in (so,what)"),
        ("0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"),
        ("foo  in\t (abc)", "foo in (abc)"),
        ("x notin\n (abc)", "x notin (abc)"),
        ("x  notin\t\t\t(abc,def)", "x notin (abc,def)"),
        ("x in (abc,def)", "x in (abc,def)"),
        ("x in (abc,)", "x in (,abc)"),
        ("x in (abc,abc)", "x in (abc)"),
        ("x in ()", "x in ()"),
        ("x in (a,,)", "x in (,a)"),
        ("x in (a,,,)", "x in (,a)"),
        ("x in (a,,,,,,)", "x in (,a)"),
        ("x in (a,,a,,a,,a,,)", "x in (,a)"),
        ("x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"),
        ("x,y in (a)", "x,y in (a)"),
        ("x=a,y!=b,z in (h,i,j)", "x=a,y!=b,z in (h,i,j)"),
        ("x notin ( )", "x notin ()"),
        ("x notin (, a)", "x notin (,a)"),
        ("a ", "a"),
        ("a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"),
        ("x==a", "x==a"),
        ("x\u{0}y", "x"),
    ])
    func setBasedSyntaxParsesToCanonicalForm(text: String, canonical: String) throws {
        #expect(try LabelSelector(parsing: text).description == canonical)
    }

    @Test func parsedValuesAreSortedAndUnique() throws {
        let selector = try LabelSelector(parsing: "a in (x,y,notin, z,in,x)")
        #expect(selector.requirements.count == 1)
        #expect(selector.requirements[0].operator == .in)
        #expect(selector.requirements[0].values == ["in", "notin", "x", "y", "z"])
    }

    @Test func lexerSplitsTokensAsApimachineryDoes() {
        func kinds(_ text: String) -> [LabelSelectorToken] { LabelSelectorLexer.tokens(of: text).map(\.token) }
        #expect(kinds("key in ( value1, value2 )") == [.identifier, .in, .openParenthesis, .identifier, .comma, .identifier, .closedParenthesis, .endOfString])
        #expect(kinds("!key") == [.doesNotExist, .identifier, .endOfString])
        #expect(kinds("== != (), = notin") == [.doubleEquals, .notEquals, .openParenthesis, .closedParenthesis, .comma, .equals, .notIn, .endOfString])
        #expect(kinds("key>2") == [.identifier, .greaterThan, .identifier, .endOfString])
        #expect(kinds("key<1") == [.identifier, .lessThan, .identifier, .endOfString])
        #expect(kinds("~") == [.identifier, .endOfString])
        #expect(kinds("||") == [.identifier, .endOfString])
        #expect(kinds("=!=") == [.equals, .notEquals, .endOfString])
    }

    @Test(arguments: [
        ("x1", LabelSelector.Requirement.Operator.in, [String](), "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"),
        ("x2", .notIn, [], "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"),
        ("x5", .equals, ["bar", "foo"], #"values: Invalid value: ["bar","foo"]: exact-match compatibility requires one single value"#),
        ("x8", .exists, ["foo"], #"values: Invalid value: ["foo"]: values set must be empty for exists and does not exist"#),
        ("x13", .greaterThan, [], "values: Invalid value: null: for 'Gt', 'Lt' operators, exactly one value is required"),
        ("x14", .greaterThan, ["bar"], #"values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer"#),
        ("x15", .lessThan, ["bar"], #"values[0]: Invalid value: "bar": for 'Gt', 'Lt' operators, the value must be an integer"#),
        (String(repeating: "a", count: 254), .exists, [], "key: Invalid value: \"\(String(repeating: "a", count: 254))\": name part must be no more than 63 bytes"),
        ("x16", .equals, [String(repeating: "a", count: 254)], "values[0][x16]: Invalid value: \"\(String(repeating: "a", count: 254))\": must be no more than 63 bytes"),
        ("x17", .equals, ["a b"], "values[0][x17]: Invalid value: \"a b\": " + labelValueRule),
        ("", .exists, [], "key: Invalid value: \"\": name part must be non-empty; " + keyNameRule),
        ("x18", .greaterThan, ["a", "b"], "[values: Invalid value: [\"a\",\"b\"]: for 'Gt', 'Lt' operators, exactly one value is required, values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer, values[1]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer]"),
    ])
    func invalidRequirementsAreRefused(key: String, op: LabelSelector.Requirement.Operator, values: [String], message: String) {
        #expect(throws: SelectorError(message)) { try LabelSelector.Requirement(key: key, operator: op, values: values) }
    }

    @Test(arguments: [
        ("x3", LabelSelector.Requirement.Operator.in, ["foo"]),
        ("x4", .notIn, ["foo"]),
        ("x6", .exists, []),
        ("x7", .doesNotExist, []),
        ("x11", .greaterThan, ["1"]),
        ("x12", .lessThan, ["6"]),
        ("example.com/x", .equals, [""]),
    ])
    func validRequirementsAreBuilt(key: String, op: LabelSelector.Requirement.Operator, values: [String]) throws {
        let requirement = try LabelSelector.Requirement(key: key, operator: op, values: values)
        #expect(requirement.values == values)
    }

    @Test func requirementsPrintInApimachinerysForm() throws {
        typealias R = LabelSelector.Requirement
        func selector(_ requirements: [R]) -> String { LabelSelector(requirements: requirements).description }
        #expect(
            selector([
                try R(key: "x", operator: .in, values: ["def", "abc"]), try R(key: "y", operator: .notIn, values: ["jkl"]),
                try R(key: "z", operator: .exists),
            ]) == "x in (abc,def),y notin (jkl),z")
        #expect(
            selector([
                try R(key: "x", operator: .notIn, values: ["abc", "def"]),
                try R(key: "y", operator: .notEquals, values: ["jkl"]), try R(key: "z", operator: .doesNotExist),
            ]) == "x notin (abc,def),y!=jkl,!z")
        #expect(
            selector([
                try R(key: "x", operator: .notIn, values: ["abc"]), try R(key: "y", operator: .in, values: ["jkl", "mno"]),
                try R(key: "z", operator: .notIn, values: [""]),
            ]) == "x notin (abc),y in (jkl,mno),z notin ()")
        #expect(
            selector([
                try R(key: "x", operator: .equals, values: ["abc"]), try R(key: "y", operator: .doubleEquals, values: ["jkl"]),
                try R(key: "z", operator: .notEquals, values: ["a"]), try R(key: "z", operator: .exists),
            ]) == "x=abc,y==jkl,z!=a,z")
        #expect(
            selector([
                try R(key: "x", operator: .greaterThan, values: ["2"]), try R(key: "y", operator: .lessThan, values: ["8"]),
                try R(key: "z", operator: .exists),
            ]) == "x>2,y<8,z")
    }

    @Test func everythingAndNothing() {
        #expect(LabelSelector.everything.matches(["x": "y"]))
        #expect(LabelSelector.everything.isEmpty)
        #expect(!LabelSelector.nothing.matches(["x": "y"]))
        #expect(!LabelSelector.nothing.matches([:]))
        #expect(!LabelSelector.nothing.isEmpty)
        #expect(LabelSelector.nothing.matchesNothing)
        #expect(LabelSelector.nothing.description == "")
        #expect(LabelSelector(matchLabels: [:]).isEmpty)
    }

    @Test func matchLabelsSelectorMatchesSupersets() {
        let labels = ["foo": "bar", "baz": "blah"]
        #expect(LabelSelector(matchLabels: [:]).matches(labels))
        #expect(LabelSelector(matchLabels: ["foo": "bar"]).matches(labels))
        #expect(LabelSelector(matchLabels: ["foo": "bar", "baz": "blah"]).matches(labels))
        #expect(!LabelSelector(matchLabels: ["foo": "=blah"]).matches(labels))
        #expect(LabelSelector(matchLabels: ["b": "2", "a": "1"]).description == "a=1,b=2")
    }

    @Test func addingKeepsKeyOrder() throws {
        let selector = try LabelSelector(parsing: "key in (value)")
            .adding([try LabelSelector.Requirement(key: "a", operator: .equals, values: ["b"])])
        #expect(selector.description == "a=b,key in (value)")
    }

    @Test func requiredValueReportsExactMatches() throws {
        let selector = try LabelSelector(parsing: "a=1,b in (2),c in (3,4),d!=5,e")
        #expect(selector.requiredValue(forKey: "a") == "1")
        #expect(selector.requiredValue(forKey: "b") == "2")
        #expect(selector.requiredValue(forKey: "c") == nil)
        #expect(selector.requiredValue(forKey: "d") == nil)
        #expect(selector.requiredValue(forKey: "e") == nil)
        #expect(selector.requiredValue(forKey: "z") == nil)
    }

    @Test func matchesLabelsAsFoundInObjects() throws {
        let selector = try LabelSelector(parsing: "app=web,!canary")
        #expect(selector.matches(labels: ["app": "web", "tier": "front"]))
        #expect(!selector.matches(labels: ["app": "web", "canary": "true"]))
        #expect(!selector.matches(labels: nil))
        #expect(try LabelSelector(parsing: "!canary").matches(labels: nil))
        #expect(!selector.matches(labels: ["app": 1]))
    }

    @Test func parseErrorsBecomeBadRequests() {
        let error = SelectorError("found '(', expected: !, identifier, or 'end of string'")
        #expect(error.apiError.code == 400)
        #expect(error.apiError.reason == .badRequest)
        #expect(error.apiError.message == error.message)
    }
}

/// `metav1.LabelSelector` conversion, as in apimachinery's `LabelSelectorAsSelector` tests.
@Suite struct LabelSelectorJSONTests {
    @Test func nullMatchesNothingAndEmptyMatchesEverything() throws {
        #expect(try LabelSelector(labelSelector: nil) == .nothing)
        #expect(try LabelSelector(labelSelector: .null) == .nothing)
        #expect(try LabelSelector(labelSelector: [:]) == .everything)
        #expect(try LabelSelector(labelSelector: ["matchLabels": [:], "matchExpressions": []]) == .everything)
    }

    @Test func matchLabelsAndExpressionsCombine() throws {
        let json: JSON = [
            "matchLabels": ["foo": "bar", "abc": "xyz"],
            "matchExpressions": [
                ["key": "env", "operator": "In", "values": ["prod", "dev"]],
                ["key": "tier", "operator": "NotIn", "values": ["cache"]],
                ["key": "owner", "operator": "Exists"],
                ["key": "canary", "operator": "DoesNotExist", "values": []],
            ],
        ]
        let selector = try LabelSelector(labelSelector: json)
        #expect(selector.description == "abc=xyz,!canary,env in (dev,prod),foo=bar,owner,tier notin (cache)")
        #expect(selector.matches(["foo": "bar", "abc": "xyz", "env": "dev", "owner": "me"]))
        #expect(!selector.matches(["foo": "bar", "abc": "xyz", "env": "dev", "owner": "me", "canary": "1"]))
        #expect(!selector.matches(["foo": "bar", "abc": "xyz", "env": "test", "owner": "me"]))
    }

    @Test(arguments: [
        (#"{"matchExpressions":[{"key":"a","operator":"Gt","values":["1"]}]}"#, #""Gt" is not a valid label selector operator"#),
        (#"{"matchExpressions":[{"key":"a","values":["1"]}]}"#, #""" is not a valid label selector operator"#),
        (#"{"matchExpressions":[{"key":"a","operator":"In"}]}"#, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"),
        (#"{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}"#, #"values: Invalid value: ["x"]: values set must be empty for exists and does not exist"#),
        (#"{"matchLabels":{"a b":"c"}}"#, "key: Invalid value: \"a b\": " + LabelSelectorTests.keyNameRule),
        (#"{"matchLabels":{"a":"b c"}}"#, "values[0][a]: Invalid value: \"b c\": " + LabelSelectorTests.labelValueRule),
        (#"{"matchLabels":{"a":1}}"#, "matchLabels.a must be a string"),
        (#"{"matchLabels":[1]}"#, "matchLabels must be an object"),
        (#"{"matchExpressions":["x"]}"#, "matchExpressions[0] must be an object"),
        (#""app=web""#, "a label selector must be an object"),
    ])
    func invalidLabelSelectorsAreRefused(text: String, message: String) throws {
        let json = try JSON(parsing: text)
        #expect(throws: SelectorError(message)) { try LabelSelector(labelSelector: json) }
    }

    @Test func selectorsConvertBackToObjects() throws {
        let selector = try LabelSelector(parsing: "app=web,tier in (a,b),!canary,owner")
        let json = try #require(selector.labelSelectorJSON)
        #expect(
            json == [
                "matchLabels": ["app": "web"],
                "matchExpressions": [
                    ["key": "canary", "operator": "DoesNotExist"], ["key": "owner", "operator": "Exists"],
                    ["key": "tier", "operator": "In", "values": ["a", "b"]],
                ],
            ])
        #expect(try LabelSelector(labelSelector: json) == selector)
        #expect(try LabelSelector(parsing: "a!=b").labelSelectorJSON == nil)
        #expect(LabelSelector.nothing.labelSelectorJSON == nil)
        #expect(LabelSelector.everything.labelSelectorJSON == [:])
    }
}
