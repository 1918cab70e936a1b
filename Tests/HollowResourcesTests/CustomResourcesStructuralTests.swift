import HollowModel
import Testing

@testable import HollowResources

/// Structural-schema rules (cases from apiextensions-apiserver's `pkg/apiserver/schema/validation_test.go` and the
/// structural cases of the CRD validation tests), Go formatting helpers and pattern compatibility.
@Suite struct CustomResourcesStructuralTests {
    static func errors(_ text: String) throws -> [String] {
        try StructuralSchema(parsing: JSON(parsing: text)).structuralErrors(at: "schema").map(\.description)
    }

    @Test func everySpecifiedNodeNeedsAType() throws {
        #expect(
            try Self.errors(#"{"properties":{"a":{},"b":{"type":"array","items":{}},"c":{"type":"array"}}}"#) == [
                "schema.properties[a].type: Required value: must not be empty for specified object fields",
                "schema.properties[b].items.type: Required value: must not be empty for specified array items",
                "schema.properties[c].items: Required value: must be specified",
                "schema.type: Required value: must not be empty at the root",
            ])
    }

    @Test func intOrStringAndPreserveUnknownFieldsNeedNoType() throws {
        #expect(
            try Self.errors(
                #"""
                {"type":"object","properties":{"a":{"x-kubernetes-int-or-string":true},"b":{"x-kubernetes-preserve-unknown-fields":true},
                 "c":{"anyOf":[{"type":"integer"},{"type":"string"}],"x-kubernetes-int-or-string":true}}}
                """#) == [])
    }

    @Test func theRootIsAnObjectWithoutAdditionalProperties() throws {
        #expect(
            try Self.errors(#"{"type":"array","items":{"type":"string"},"additionalProperties":{"type":"string"}}"#)
                == [
                    "schema.additionalProperties: Forbidden: must not be used at the root",
                    #"schema.type: Invalid value: "array": must be object at the root"#,
                ])
    }

    @Test func rootMetadataMayOnlyConstrainNames() throws {
        #expect(
            try Self.errors(
                #"{"type":"object","properties":{"metadata":{"type":"object","properties":{"name":{"type":"string","maxLength":10}}}}}"#
            ) == [])
        #expect(
            try Self.errors(
                #"{"type":"object","properties":{"metadata":{"type":"object","properties":{"labels":{"type":"object"}}}}}"#
            ) == [
                "schema.properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified"
            ])
        #expect(
            try Self.errors(#"{"type":"object","properties":{"kind":{"type":"integer"},"metadata":{"type":"string"}}}"#)
                == [
                    #"schema.properties[kind].type: Invalid value: "integer": must be string"#,
                    #"schema.properties[metadata].type: Invalid value: "string": must be object"#,
                ])
    }

    @Test func valueValidationsMayNotDeclareStructure() throws {
        #expect(
            try Self.errors(
                #"""
                {"type":"object","properties":{"a":{"type":"string"}},
                 "anyOf":[{"type":"object","properties":{"a":{"default":"x","description":"d"}}},{"properties":{"metadata":{}}}]}
                """#) == [
                    "schema.anyOf[0].properties[a].default: Forbidden: must be undefined to be structural",
                    "schema.anyOf[0].properties[a].description: Forbidden: must be empty to be structural",
                    "schema.anyOf[0].type: Forbidden: must be empty to be structural",
                    "schema.anyOf[1].properties[metadata]: Forbidden: must not be specified in a nested context",
                    "schema.properties[metadata]: Required value: because it is defined in schema.anyOf[1].properties[metadata]",
                ])
    }

    @Test func embeddedResources() throws {
        #expect(
            try Self.errors(
                #"""
                {"type":"object","properties":{"a":{"x-kubernetes-embedded-resource":true},
                 "b":{"type":"object","x-kubernetes-embedded-resource":true}}}
                """#) == [
                    "schema.properties[a].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields",
                    "schema.properties[a].type: Required value: must be object if x-kubernetes-embedded-resource is true",
                    "schema.properties[b].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields",
                ])
    }

    @Test func badPatternsAreSchemaErrors() throws {
        #expect(
            try Self.errors(#"{"type":"object","properties":{"a":{"type":"string","pattern":"(?=x)y"}}}"#) == [
                "schema.properties[a].pattern: Invalid value: \"(?=x)y\": must be a valid regular expression, but isn't: error parsing regexp: invalid or unsupported Perl syntax: `(?=`"
            ])
        #expect(
            try Self.errors(#"{"type":"object","properties":{"a":{"type":"string","pattern":"[a"}}}"#) == [
                "schema.properties[a].pattern: Invalid value: \"[a\": must be a valid regular expression, but isn't: error parsing regexp: missing closing ]: `[a`"
            ])
    }

    @Test func unsupportedKeywordsDoNotParse() {
        #expect(
            throws: StructuralSchemaError(path: "properties[a]", message: "OpenAPIV3Schema '$ref' is not supported")
        ) {
            try StructuralSchema(parsing: ["type": "object", "properties": ["a": ["$ref": "#/x"]]])
        }
        #expect(
            throws: StructuralSchemaError(path: "maxLength", message: "must be of type integer", isTypeMismatch: true)
        ) {
            try StructuralSchema(parsing: ["type": "string", "maxLength": "ten"])
        }
    }

    @Test(arguments: [
        (1_000_000.0, "1e+06"), (123_456.0, "123456"), (1.5, "1.5"), (0.00001, "1e-05"), (0.0001, "0.0001"),
        (-2.5e20, "-2.5e+20"), (3.0, "3"),
    ])
    func goFormatsFloatsLikePercentV(value: Double, expected: String) {
        #expect(GoFormat.float(value) == expected)
    }

    @Test func goMarshalsJSONWithSortedKeysAndHTMLEscapes() {
        #expect(GoFormat.json(["b": 1, "a": ["<x>", 1.5, 1e21]]) == #"{"a":["\u003cx\u003e",1.5,1e+21],"b":1}"#)
    }
}
