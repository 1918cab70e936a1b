import HollowModel
import Testing

@testable import HollowResources

/// Value validation against a CRD schema, with kube-apiserver's messages (cases from apiextensions-apiserver's
/// `pkg/apiserver/validation/validation_test.go` and kube-openapi's validators).
@Suite struct CustomResourcesSchemaValidationTests {
    static func schema(_ text: String) throws -> StructuralSchema {
        try StructuralSchema(parsing: JSON(parsing: text))
    }

    static func messages(_ schemaText: String, _ valueText: String) throws -> [String] {
        try schema(schemaText).validate(JSON(parsing: valueText)).map(\.description)
    }

    static let objectField = #"{"type":"object","properties":{"field":{"type":"object"}}}"#

    @Test(arguments: [
        (#"{"field":"foo"}"#, "string"), (#"{"field":42}"#, "integer"), (#"{"field":true}"#, "boolean"),
        (#"{"field":1.2}"#, "number"), (#"{"field":[]}"#, "array"), (#"{"field":null}"#, "null"),
    ])
    func wrongTypesAreNamedByTheirJSONType(value: String, type: String) throws {
        #expect(
            try Self.messages(Self.objectField, value) == [
                #"field: Invalid value: "\#(type)": field in body must be of type object: "\#(type)""#
            ])
    }

    @Test func nullableAcceptsNull() throws {
        let schema = #"{"type":"object","properties":{"field":{"type":"object","nullable":true}}}"#
        #expect(try Self.messages(schema, #"{"field":null}"#).isEmpty)
    }

    @Test func intOrStringAcceptsIntegersAndStringsOnly() throws {
        let schema = #"{"type":"object","properties":{"field":{"x-kubernetes-int-or-string":true}}}"#
        #expect(try Self.messages(schema, #"{"field":42}"#).isEmpty)
        #expect(try Self.messages(schema, #"{"field":"foo"}"#).isEmpty)
        #expect(
            try Self.messages(schema, #"{"field":true}"#) == [
                #"field: Invalid value: "boolean": field in body must be of type integer,string: "boolean""#
            ])
        #expect(
            try Self.messages(schema, #"{"field":null}"#) == [
                #"field: Invalid value: "null": field in body must be of type integer,string: "null""#
            ])
    }

    @Test func anyOfFailureReportsTheCompositeAndTheBestAlternative() throws {
        let schema = #"""
            {"type":"object","properties":{"field":{"nullable":true,"x-kubernetes-int-or-string":true,
             "anyOf":[{"type":"integer"},{"type":"string"}]}}}
            """#
        #expect(
            try Set(Self.messages(schema, #"{"field":1.2}"#)) == [
                #"<nil>: Invalid value: "": "field" must validate at least one schema (anyOf)"#,
                #"field: Invalid value: "number": field in body must be of type integer,string: "number""#,
                #"field: Invalid value: "number": field in body must be of type integer: "number""#,
                #"<nil>: Invalid value: "": Checked value must be of type integer (default format) in field"#,
            ])
        #expect(try Self.messages(schema, #"{"field":null}"#).isEmpty)
    }

    @Test func requiredAndEnum() throws {
        let schema = #"""
            {"type":"object","properties":{"field":{"type":"object","required":["nestedint","nestedstring"],
             "properties":{"nestedint":{"type":"integer","enum":[1,2]},"nestedstring":{"type":"string","enum":["a","b"]}}}}}
            """#
        #expect(
            try Self.messages(schema, #"{"field":{}}"#) == [
                "field.nestedint: Required value", "field.nestedstring: Required value",
            ])
        #expect(
            try Self.messages(schema, #"{"field":{"nestedint":"x","nestedstring":true}}"#) == [
                #"field.nestedint: Invalid value: "string": field.nestedint in body must be of type integer: "string""#,
                #"field.nestedint: Unsupported value: "x": supported values: "1", "2""#,
                #"field.nestedstring: Invalid value: "boolean": field.nestedstring in body must be of type string: "boolean""#,
                #"field.nestedstring: Unsupported value: true: supported values: "a", "b""#,
            ])
    }

    @Test func requiredAtTheRoot() throws {
        #expect(try Self.messages(#"{"type":"object","required":["spec"]}"#, "{}") == ["spec: Required value"])
    }

    @Test func countsAndLengths() throws {
        #expect(
            try Self.messages(
                #"{"type":"object","properties":{"fieldX":{"type":"object","maxProperties":2}}}"#,
                #"{"fieldX":{"a":true,"b":true,"c":true}}"#) == ["fieldX: Too many: 3: must have at most 2 items"])
        #expect(
            try Self.messages(
                #"{"type":"object","properties":{"fieldX":{"type":"array","maxItems":2}}}"#,
                #"{"fieldX":["a","b","c"]}"#) == ["fieldX: Too many: 3: must have at most 2 items"])
        #expect(
            try Self.messages(
                #"{"type":"object","properties":{"items":{"type":"array","minItems":2}}}"#,
                #"{"items":["a"]}"#) == ["items: Invalid value: 1: items in body should have at least 2 items"])
        #expect(
            try Self.messages(
                #"{"type":"object","properties":{"fieldX":{"type":"string","maxLength":2}}}"#,
                #"{"fieldX":"abc"}"#) == ["fieldX: Too long: may not be more than 2 bytes"])
        #expect(
            try Self.messages(
                #"{"type":"object","properties":{"name":{"type":"string","minLength":3}}}"#,
                #"{"name":"ab"}"#) == [#"name: Invalid value: "ab": name in body should be at least 3 chars long"#])
    }

    @Test func numericBounds() throws {
        let schema = #"""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
             "size":{"type":"integer","minimum":1,"maximum":10},
             "ratio":{"type":"number","exclusiveMaximum":true,"maximum":1.5},
             "big":{"type":"number","maximum":1000000},
             "step":{"type":"integer","multipleOf":5}}}}}
            """#
        #expect(
            try Self.messages(schema, #"{"spec":{"size":0}}"#) == [
                "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1"
            ])
        #expect(
            try Self.messages(schema, #"{"spec":{"size":11}}"#) == [
                "spec.size: Invalid value: 11: spec.size in body should be less than or equal to 10"
            ])
        #expect(
            try Self.messages(schema, #"{"spec":{"ratio":1.5}}"#) == [
                "spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5"
            ])
        // Go prints float bounds with %v.
        #expect(
            try Self.messages(schema, #"{"spec":{"big":2000000.5}}"#) == [
                "spec.big: Invalid value: 2000000.5: spec.big in body should be less than or equal to 1e+06"
            ])
        #expect(
            try Self.messages(schema, #"{"spec":{"step":7}}"#) == [
                "spec.step: Invalid value: 7: spec.step in body should be a multiple of 5"
            ])
        #expect(try Self.messages(schema, #"{"spec":{"size":5,"ratio":0.5,"big":3,"step":10}}"#).isEmpty)
    }

    @Test func numericFormats() throws {
        let schema = #"""
            {"type":"object","properties":{"intThirtyTwo":{"type":"integer","format":"int32"},
             "intSixtyFour":{"type":"integer","format":"int64"},"floatThreeTwo":{"type":"number","format":"float"}}}
            """#
        #expect(try Self.messages(schema, #"{"intThirtyTwo":2147483647,"intSixtyFour":0,"floatThreeTwo":0}"#).isEmpty)
        #expect(
            try Self.messages(schema, #"{"intThirtyTwo":2147483648}"#) == [
                #"<nil>: Invalid value: "": Checked value must be of type integer with format int32 in intThirtyTwo"#
            ])
        #expect(
            try Self.messages(schema, #"{"intSixtyFour":1.5}"#) == [
                #"intSixtyFour: Invalid value: "float64": intSixtyFour in body must be of type int64: "float64""#,
                #"<nil>: Invalid value: "": Checked value must be of type integer with format int64 in intSixtyFour"#,
            ])
        #expect(
            try Self.messages(schema, #"{"floatThreeTwo":1e39}"#) == [
                #"<nil>: Invalid value: "": Checked value must be of type number with format float in floatThreeTwo"#
            ])
    }

    @Test func integralNumbersSatisfyIntegerFields() throws {
        #expect(try Self.messages(#"{"type":"object","properties":{"n":{"type":"integer"}}}"#, #"{"n":3.0}"#).isEmpty)
    }

    @Test func patternsMatchUnanchoredAndReportBadPatterns() throws {
        let schema =
            #"{"type":"object","properties":{"name":{"type":"string","pattern":"^[a-z]+$"},"tag":{"type":"string","pattern":"b"}}}"#
        #expect(try Self.messages(schema, #"{"name":"abc","tag":"abc"}"#).isEmpty)
        #expect(
            try Self.messages(schema, #"{"name":"ABC"}"#) == [
                #"name: Invalid value: "ABC": name in body should match '^[a-z]+$'"#
            ])
        #expect(
            try Self.messages(
                #"{"type":"object","properties":{"field":{"type":"string","pattern":"+"}}}"#, #"{"field":"foo"}"#) == [
                    "field: Invalid value: \"foo\": field in body should match '+, but pattern is invalid: error parsing regexp: missing argument to repetition operator: `+`'"
                ])
    }

    @Test func formats() throws {
        let schema = #"""
            {"type":"object","properties":{"at":{"type":"string","format":"date-time"},
             "day":{"type":"string","format":"date"},"data":{"type":"string","format":"byte"},
             "long":{"type":"string","format":"k8s-long-name"},"short":{"type":"string","format":"k8s-short-name"},
             "custom":{"type":"string","format":"something-unknown"},"id":{"type":"string","format":"uuid"}}}
            """#
        let valid = #"""
            {"at":"2024-01-02T03:04:05Z","day":"2024-02-29","data":"aGVsbG8=","long":"a.b","short":"a-b",
             "custom":"anything","id":"123e4567-e89b-12d3-a456-426614174000"}
            """#
        #expect(try Self.messages(schema, valid).isEmpty)
        #expect(
            try Self.messages(schema, #"{"at":"yesterday","day":"2023-02-29","data":"hello"}"#) == [
                #"at: Invalid value: "yesterday": at in body must be of type date-time: "yesterday""#,
                #"day: Invalid value: "2023-02-29": day in body must be of type date: "2023-02-29""#,
                #"data: Invalid value: "hello": data in body must be of type byte: "hello""#,
            ])
        #expect(
            try Self.messages(schema, #"{"long":"a.-","short":"a-"}"#) == [
                #"long: Invalid value: "a.-": long in body must be of type k8s-long-name: "a.-""#,
                #"short: Invalid value: "a-": short in body must be of type k8s-short-name: "a-""#,
            ])
    }

    @Test func additionalPropertiesSchemasValidateEachMember() throws {
        let schema =
            #"{"type":"object","properties":{"labels":{"type":"object","additionalProperties":{"type":"string"}}}}"#
        #expect(
            try Self.messages(schema, #"{"labels":{"a":"x","b":1}}"#) == [
                #"labels.b: Invalid value: "integer": labels.b in body must be of type string: "integer""#
            ])
    }

    @Test func errorsArePrefixedWithThePathTheValueLivesAt() throws {
        let status = try Self.schema(#"{"type":"object","properties":{"replicas":{"type":"integer"}}}"#)
        #expect(
            status.validate(["replicas": "x"], at: "status").map(\.description) == [
                #"status.replicas: Invalid value: "string": replicas in body must be of type integer: "string""#
            ])
    }

    @Test func updatesRatchetUnchangedInvalidValues() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{"spec":{"type":"object","properties":{
             "name":{"type":"string","maxLength":3},"size":{"type":"integer","minimum":1}}}}}
            """#)
        let old: JSON = ["spec": ["name": "toolong", "size": 1]]
        #expect(schema.validateUpdate(["spec": ["name": "toolong", "size": 2]], old: old).isEmpty)
        #expect(
            schema.validateUpdate(["spec": ["name": "toolong", "size": 0]], old: old).map(\.description) == [
                "spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1"
            ])
        #expect(
            schema.validateUpdate(["spec": ["name": "longer", "size": 2]], old: old).map(\.description) == [
                "spec.name: Too long: may not be more than 3 bytes"
            ])
    }

    @Test func listTypeSetAndMapReportDuplicatesOnce() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{
             "tags":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
             "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["port"],
              "items":{"type":"object","required":["port"],"properties":{"port":{"type":"integer"},"name":{"type":"string"}}}}}}
            """#)
        let object: JSON = [
            "tags": ["a", "b", "a", "a"],
            "ports": [["port": 80, "name": "http"], ["port": 443], ["port": 80, "name": "again"]],
        ]
        #expect(
            schema.validateListSetsAndMaps(object).map(\.description) == [
                #"tags[2]: Duplicate value: "a""#, #"ports[2]: Duplicate value: {"port":80}"#,
            ])
    }

    @Test func embeddedResourcesNeedTypeMetaAndValidMetadata() throws {
        let schema = try Self.schema(
            #"""
            {"type":"object","properties":{"template":{"type":"object","x-kubernetes-embedded-resource":true,
             "x-kubernetes-preserve-unknown-fields":true}}}
            """#)
        #expect(schema.validateEmbeddedResources(["template": ["apiVersion": "v1", "kind": "Pod"]]).isEmpty)
        #expect(
            schema.validateEmbeddedResources(["template": ["kind": "Pod_", "metadata": ["name": "a/b"]]])
                .map(\.description) == [
                    "template.apiVersion: Required value",
                    #"template.kind: Invalid value: "Pod_": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"#,
                    #"template.metadata.name: Invalid value: "a/b": may not contain '/'"#,
                ])
    }

    @Test func compositionMessages() throws {
        let schema = #"""
            {"type":"object","properties":{"one":{"type":"integer","oneOf":[{"minimum":1},{"maximum":5}]},
             "all":{"type":"integer","allOf":[{"minimum":1},{"maximum":5}]},"not":{"type":"string","not":{"enum":["x"]}}}}
            """#
        #expect(
            try Self.messages(schema, #"{"one":3}"#) == [
                #"<nil>: Invalid value: "": "one" must validate one and only one schema (oneOf). Found 2 valid alternatives"#
            ])
        #expect(
            try Self.messages(schema, #"{"all":9}"#) == [
                "all: Invalid value: 9: all in body should be less than or equal to 5",
                #"<nil>: Invalid value: "": "all" must validate all the schemas (allOf)"#,
            ])
        #expect(
            try Self.messages(schema, #"{"not":"x"}"#) == [
                #"<nil>: Invalid value: "": "not" must not validate the schema (not)"#
            ])
    }

    @Test func additionalPropertiesFalseForbidsMembers() throws {
        let schema = #"{"type":"object","properties":{"empty":{"type":"object","additionalProperties":false}}}"#
        #expect(
            try Self.messages(schema, #"{"empty":{"x":1}}"#) == [
                #"empty: Invalid value: "x": empty.x in body is a forbidden property"#
            ])
    }

    @Test(arguments: [
        ("ipv4", "10.0.0.1", true), ("ipv4", "010.0.0.1", true), ("ipv4", "10.0.0", false), ("ipv4", "::1", false),
        ("ipv6", "::1", true), ("ipv6", "fe80::1:2", true), ("ipv6", "::ffff:10.0.0.1", true),
        ("ipv6", "1::2::3", false),
        ("cidr", "10.0.0.0/8", true), ("cidr", "10.0.0.0/33", false), ("duration", "1h30m", true),
        ("duration", "3 days", true), ("duration", "soon", false), ("hostname", "example.com", true),
        ("hostname", "-bad-.com", false), ("email", "a@b.c", true), ("email", "nobody", false),
        ("mac", "00:1a:2b:3c:4d:5e", true), ("mac", "00:1a:2b", false), ("uri", "https://example.com/x", true),
        ("uri", "relative/path", false), ("datetime", "2024-01-02t03:04:05.123+01:00", true),
        ("datetime", "2024-01-02T24:00:00Z", false), ("uuid4", "123e4567-e89b-42d3-a456-426614174000", true),
        ("uuid4", "123e4567-e89b-12d3-a456-426614174000", false),
    ])
    func stringFormats(format: String, value: String, valid: Bool) {
        #expect(StringFormat.isValid(value, format: format) == valid)
    }
}
