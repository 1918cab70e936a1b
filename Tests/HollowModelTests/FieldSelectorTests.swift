import Testing

@testable import HollowModel

/// Cases re-expressed from apimachinery's `pkg/fields/selector_test.go`.
@Suite struct FieldSelectorTests {
    @Test(arguments: [
        (#"a"#, [#"a"#]),
        (#"a=avalue"#, [#"a=avalue"#]),
        (#"a=avalue,b=bvalue"#, [#"a=avalue"#, #"b=bvalue"#]),
        (#"a=avalue,b==bvalue,c!=cvalue"#, [#"a=avalue"#, #"b==bvalue"#, #"c!=cvalue"#]),
        (#""#, []),
        (#"a=a,"#, [#"a=a"#, #""#]),
        (#",a=a"#, [#""#, #"a=a"#]),
        (#"k=\,,k2=v2"#, [#"k=\,"#, #"k2=v2"#]),
        (#"k=\\,k2=v2"#, [#"k=\\"#, #"k2=v2"#]),
        (#"k=\\\,,k2=v2"#, [#"k=\\\,"#, #"k2=v2"#]),
        (#"k=\a\b\"#, [#"k=\a\b\"#]),
        (#"k=\"#, [#"k=\"#]),
        (#"함=수,목=록"#, [#"함=수"#, #"목=록"#]),
    ])
    func termsSplitAtUnescapedCommas(text: String, terms: [String]) {
        #expect(FieldSelector.splitTerms(text) == terms)
    }

    @Test(arguments: [
        (#"a=value"#, #"a"#, "=", #"value"#),
        (#"b==value"#, #"b"#, "==", #"value"#),
        (#"c!=value"#, #"c"#, "!=", #"value"#),
        (#"k=\,"#, #"k"#, "=", #"\,"#),
        (#"k=\="#, #"k"#, "=", #"\="#),
        (#"k=\\\a\b\=\,\"#, #"k"#, "=", #"\\\a\b\=\,\"#),
        (#"함=수"#, #"함"#, "=", #"수"#),
    ])
    func termsSplitAtTheFirstOperator(term: String, field: String, op: String, value: String) throws {
        let (lhs, parsedOperator, rhs) = try #require(FieldSelector.splitTerm(term))
        #expect(lhs == field)
        #expect(parsedOperator == (op == "!=" ? .notEquals : .equals))
        #expect(rhs == value)
    }

    @Test func termsWithoutAnOperatorDoNotSplit() {
        #expect(FieldSelector.splitTerm("") == nil)
        #expect(FieldSelector.splitTerm("a") == nil)
    }

    @Test(arguments: [
        (#""#, #""#), (#"a"#, #"a"#), (#"="#, #"\="#), (#","#, #"\,"#), (#"\"#, #"\\"#), (#"\=\,\"#, #"\\\=\\\,\\"#),
    ])
    func valuesEscapeAndUnescape(value: String, escaped: String) throws {
        #expect(FieldSelector.escape(value) == escaped)
        #expect(try FieldSelector.unescape(escaped) == value)
    }

    @Test(arguments: [
        (#"\"#, #"invalid field selector: invalid escape sequence: \"#),
        (#"\\\"#, #"invalid field selector: invalid escape sequence: \"#),
        (#"\a"#, #"invalid field selector: invalid escape sequence: \a"#),
        (#"a=b"#, "invalid field selector: unescaped character in value: 61"),
        (#"a,b"#, "invalid field selector: unescaped character in value: 44"),
    ])
    func badEscapesAreRefused(escaped: String, message: String) {
        #expect(throws: SelectorError(message)) { try FieldSelector.unescape(escaped) }
    }

    @Test(arguments: ["x=a,y=b,z=c", "", "x!=a,y=b", #"x=a||y\=b"#, #"x=a\=\=b"#])
    func goodSelectorsPrintBack(text: String) throws {
        #expect(try FieldSelector(parsing: text).description == text)
    }

    @Test(arguments: [
        ("x=a||y=b", "invalid field selector: unescaped character in value: 61"),
        ("x==a==b", "invalid field selector: unescaped character in value: 61"),
        ("x=a,b", "invalid selector: 'x=a,b'; can't understand 'b'"),
        ("x in (a)", "invalid selector: 'x in (a)'; can't understand 'x in (a)'"),
        ("x in (a,b,c)", "invalid selector: 'x in (a,b,c)'; can't understand 'b'"),
        ("x", "invalid selector: 'x'; can't understand 'x'"),
        (#"x=a\"#, #"invalid field selector: invalid escape sequence: \"#),
    ])
    func badSelectorsAreRefused(text: String, message: String) {
        #expect(throws: SelectorError(message)) { try FieldSelector(parsing: text) }
    }

    @Test func parsingIsDeterministic() throws {
        #expect(try FieldSelector(parsing: "x=a,a=x").description == FieldSelector(parsing: "a=x,x=a").description)
        #expect(try FieldSelector(parsing: "x=a,a=x").description == "a=x,x=a")
    }

    @Test func doubleEqualsPrintsAsEquals() throws {
        #expect(try FieldSelector(parsing: "a==b").description == "a=b")
    }

    @Test func emptyTermsAreIgnored() throws {
        #expect(try FieldSelector(parsing: ",a=b,,").description == "a=b")
        #expect(try FieldSelector(parsing: ",").isEmpty)
    }

    static let fieldSet = ["foo": "bar", "baz": "blah", "complex": #"=value\,\"#]

    @Test(arguments: [
        ("", ["x": "y"], true),
        ("x=y", ["x": "y"], true),
        ("x=y,z=w", ["x": "y", "z": "w"], true),
        ("x!=y,z!=w", ["x": "z", "z": "a"], true),
        ("notin=in", ["notin": "in"], true),
        ("x=y", ["x": "z"], false),
        ("x=y,z=w", ["x": "w", "z": "w"], false),
        ("x!=y,z!=w", ["x": "z", "z": "w"], false),
        ("foo=bar", fieldSet, true),
        ("baz=blah", fieldSet, true),
        ("foo=bar,baz=blah", fieldSet, true),
        (#"foo=bar,baz=blah,complex=\=value\\\,\\"#, fieldSet, true),
        ("foo=blah", fieldSet, false),
        ("baz=bar", fieldSet, false),
        ("foo=bar,foobar=bar,baz=blah", fieldSet, false),
        ("spec.nodeName=", ["metadata.name": "p"], true),
        ("spec.nodeName!=", ["metadata.name": "p"], false),
    ])
    func selectorsMatchFieldSets(text: String, fields: [String: String], matches: Bool) throws {
        #expect(try FieldSelector(parsing: text).matches { fields[$0] } == matches)
    }

    @Test func requiredValueReportsEqualityTerms() throws {
        let selector = try FieldSelector(parsing: "metadata.name=p,spec.nodeName!=n")
        #expect(selector.requiredValue(forField: "metadata.name") == "p")
        #expect(selector.requiredValue(forField: "spec.nodeName") == nil)
        #expect(selector.requiredValue(forField: "status.phase") == nil)
        #expect(FieldSelector.everything.requiredValue(forField: "test") == nil)
    }

    @Test func fieldsListsEachNameOnceInTermOrder() throws {
        let selector = try FieldSelector(parsing: "status.phase!=Failed,metadata.name=a,status.phase!=Succeeded")
        #expect(selector.fields == ["metadata.name", "status.phase"])
    }

    @Test func unsupportedFieldsAreBadRequests() throws {
        let selector = try FieldSelector(parsing: "metadata.name=a,spec.foo=b")
        let supported: Set = ["metadata.name", "metadata.namespace"]
        #expect(throws: FieldSelector.unsupportedFieldLabel("spec.foo")) {
            try selector.requireSupportedFields { supported.contains($0) }
        }
        let error = FieldSelector.unsupportedFieldLabel("spec.foo")
        #expect(error.code == 400)
        #expect(error.reason == .badRequest)
        #expect(error.message == "field label not supported: spec.foo")
        #expect(
            FieldSelector.unknownFieldSelector("foo.bar").message
                == #""foo.bar" is not a known field selector: only "metadata.name", "metadata.namespace""#)
        try FieldSelector(parsing: "metadata.name=a").requireSupportedFields { supported.contains($0) }
    }

    @Test func builtSelectorsEscapeValues() {
        let selector = FieldSelector(requirements: [.init(field: "metadata.name", operator: .equals, value: "a,b=c")])
        #expect(selector.description == #"metadata.name=a\,b\=c"#)
        #expect(selector.matches { $0 == "metadata.name" ? "a,b=c" : nil })
    }
}
