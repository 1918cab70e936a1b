import HollowModel
import Testing

@testable import HollowResources

/// Shared CustomResourceDefinition fixtures.
enum CRDFixtures {
    static let widgetSchema: JSON = [
        "type": "object",
        "properties": [
            "spec": [
                "type": "object",
                "properties": [
                    "replicas": ["type": "integer", "minimum": 0, "default": 1],
                    "size": ["type": "string", "enum": ["small", "large"]],
                    "selector": ["type": "string"],
                ],
            ],
            "status": [
                "type": "object",
                "properties": [
                    "replicas": ["type": "integer"],
                    "selector": ["type": "string"],
                    "conditions": [
                        "type": "array",
                        "items": [
                            "type": "object",
                            "properties": ["type": ["type": "string"], "status": ["type": "string"]],
                        ],
                    ],
                ],
            ],
        ],
    ]

    /// A valid namespaced CRD `widgets.example.com`, served at v1 (storage) and v1beta1 (deprecated).
    static func widgets(_ edit: (inout JSON) -> Void = { _ in }) -> JSON {
        var crd: JSON = [
            "apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition",
            "metadata": ["name": "widgets.example.com"],
            "spec": [
                "group": "example.com",
                "scope": "Namespaced",
                "names": [
                    "plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"],
                    "categories": ["all"],
                ],
                "versions": [
                    [
                        "name": "v1", "served": true, "storage": true,
                        "schema": ["openAPIV3Schema": widgetSchema],
                        "subresources": [
                            "status": [:],
                            "scale": [
                                "specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas",
                                "labelSelectorPath": ".status.selector",
                            ],
                        ],
                        "additionalPrinterColumns": [
                            ["name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"],
                            [
                                "name": "Ready", "type": "string",
                                "jsonPath": #".status.conditions[?(@.type=="Ready")].status"#,
                            ],
                            ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
                        ],
                    ],
                    [
                        "name": "v1beta1", "served": true, "storage": false, "deprecated": true,
                        "schema": [
                            "openAPIV3Schema": ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
                        ],
                    ],
                ],
            ],
        ]
        edit(&crd)
        return crd
    }

    static func errors(_ crd: JSON) -> [String] { validateCustomResourceDefinition(crd).map(\.description) }
    static func fields(_ crd: JSON) -> [String] { validateCustomResourceDefinition(crd).map(\.field) }
}

/// CRD validation as kube-apiserver does it on create and update (cases re-expressed from apiextensions-apiserver's
/// `pkg/apis/apiextensions/validation/validation_test.go` and `pkg/apiserver/schema/validation_test.go`).
@Suite struct CustomResourcesCRDValidationTests {
    @Test func aWellFormedCRDIsValid() {
        #expect(CRDFixtures.errors(CRDFixtures.widgets()) == [])
    }

    @Test func nameMustBePluralDotGroup() {
        let crd = CRDFixtures.widgets { $0[path: ["metadata", "name"]] = "widgets.other.com" }
        #expect(
            CRDFixtures.errors(crd) == [
                #"metadata.name: Invalid value: "widgets.other.com": must be spec.names.plural+"."+spec.group"#
            ])
    }

    @Test func missingValuesAreEachReported() {
        let fields = CRDFixtures.fields(["metadata": ["name": "plural.group.com"]])
        #expect(
            fields == [
                "metadata.name", "spec.group", "spec.scope", "spec.versions", "spec.names.plural",
                "spec.names.singular",
                "spec.names.kind", "spec.names.listKind", "status.storedVersions",
            ])
    }

    @Test func badNames() {
        let crd = CRDFixtures.widgets {
            $0[path: ["metadata", "name"]] = "pl()*ural.group"
            $0[path: ["spec", "group"]] = "group"
            $0[path: ["spec", "scope"]] = "foo"
            $0[path: ["spec", "names"]] = [
                "plural": "pl()*ural", "singular": "value()*a", "kind": "value()*a", "listKind": "value()*a",
            ]
        }
        let errors = validateCustomResourceDefinition(crd)
        #expect(
            errors.map(\.field) == [
                "metadata.name", "spec.group", "spec.scope", "spec.names.plural", "spec.names.singular",
                "spec.names.kind",
                "spec.names.listKind", "spec.names.listKind",
            ])
        #expect(
            errors[1].description == #"spec.group: Invalid value: "group": should be a domain with at least one dot"#)
        #expect(
            errors[2].description == #"spec.scope: Unsupported value: "foo": supported values: "Cluster", "Namespaced""#
        )
        #expect(
            errors[7].description
                == #"spec.names.listKind: Invalid value: "value()*a": kind and listKind may not be the same"#)
    }

    @Test func exactlyOneStorageVersion() {
        let none = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                ["name": "v1", "served": true, "storage": false, "schema": ["openAPIV3Schema": ["type": "object"]]]
            ]
        }
        #expect(
            CRDFixtures.errors(none) == [
                #"spec.versions: Invalid value: ["v1"]: must have exactly one version marked as storage version"#,
                "status.storedVersions: Invalid value: []: must have at least one stored version",
            ])
        let two = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                ["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]]],
                ["name": "v2", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]]],
            ]
        }
        #expect(CRDFixtures.fields(two) == ["spec.versions", "status.storedVersions"])
    }

    @Test func versionNamesAreUniqueDNSLabels() {
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                ["name": "V1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]]],
                ["name": "V1", "served": true, "storage": false, "schema": ["openAPIV3Schema": ["type": "object"]]],
            ]
        }
        // The first version's name is checked again as the internal `spec.version`.
        #expect(
            CRDFixtures.fields(crd) == [
                "spec.versions[0].name", "spec.versions[1].name", "spec.versions", "spec.version",
            ])
    }

    @Test func everyVersionNeedsASchema() {
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [["name": "v1", "served": true, "storage": true]]
        }
        #expect(CRDFixtures.errors(crd) == ["spec.versions[0].schema.openAPIV3Schema: Required value"])
    }

    @Test func webhookConversionIsRefusedClearly() {
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "conversion"]] = ["strategy": "Webhook", "webhook": ["conversionReviewVersions": ["v1"]]]
        }
        #expect(
            CRDFixtures.errors(crd) == [
                "spec.conversion.strategy: Forbidden: Webhook conversion is not supported by this server; versions must be convertible with strategy None"
            ])
        let bogus = CRDFixtures.widgets { $0[path: ["spec", "conversion"]] = ["strategy": "Magic"] }
        #expect(
            CRDFixtures.errors(bogus) == [
                #"spec.conversion.strategy: Unsupported value: "Magic": supported values: "None", "Webhook""#
            ])
    }

    @Test func preserveUnknownFieldsTrueIsRefused() {
        let crd = CRDFixtures.widgets { $0[path: ["spec", "preserveUnknownFields"]] = true }
        #expect(
            CRDFixtures.errors(crd).contains(
                "spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead"
            ))
    }

    @Test func printerColumns() {
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                [
                    "name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]],
                    "additionalPrinterColumns": [
                        ["name": "A", "type": "bogus", "jsonPath": ".spec.a"],
                        ["name": "", "type": "string", "jsonPath": "spec.b", "format": "weird"],
                        ["name": "C", "type": "integer"],
                    ],
                ]
            ]
        }
        // A single version's columns are reported where kube-apiserver's internal form keeps them: at the top.
        #expect(
            CRDFixtures.errors(crd) == [
                #"spec.additionalPrinterColumns[0].type: Invalid value: "bogus": must be one of boolean,date,integer,number,string"#,
                "spec.additionalPrinterColumns[1].name: Required value",
                #"spec.additionalPrinterColumns[1].format: Invalid value: "weird": must be one of byte,date,date-time,double,float,int32,int64,password"#,
                #"spec.additionalPrinterColumns[1].JSONPath: Invalid value: "spec.b": must be a simple json path starting with ."#,
                "spec.additionalPrinterColumns[2].JSONPath: Required value",
            ])
    }

    @Test func scalePaths() {
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                [
                    "name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]],
                    "subresources": [
                        "scale": ["specReplicasPath": ".status.replicas", "labelSelectorPath": ".metadata.labels"]
                    ],
                ]
            ]
        }
        #expect(
            CRDFixtures.errors(crd) == [
                #"spec.subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec"#,
                "spec.subresources.scale.statusReplicasPath: Required value",
                #"spec.subresources.scale.labelSelectorPath: Invalid value: ".metadata.labels": should be a json path under either .spec or .status"#,
            ])
    }

    @Test func perVersionSchemasAreReportedPerVersion() {
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                [
                    "name": "v1", "served": true, "storage": true,
                    "schema": ["openAPIV3Schema": ["type": "object", "properties": ["spec": [:]]]],
                ],
                ["name": "v2", "served": true, "storage": false, "schema": ["openAPIV3Schema": ["type": "object"]]],
            ]
        }
        #expect(
            CRDFixtures.errors(crd) == [
                "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields"
            ])
    }

    @Test func schemaKeywordsApiextensionsRefuses() {
        let schema: JSON = [
            "type": "object",
            "properties": [
                "foo": ["type": "bogus"],
                "ref": ["$ref": "#/definitions/x"],
                "list": ["type": "array", "uniqueItems": true, "items": ["type": "string"]],
                "map": [
                    "type": "object", "properties": ["a": ["type": "string"]],
                    "additionalProperties": ["type": "string"],
                ],
            ],
        ]
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                ["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": schema]]
            ]
        }
        let errors = CRDFixtures.errors(crd)
        #expect(
            errors.contains(
                #"spec.validation.openAPIV3Schema.properties[foo].type: Unsupported value: "bogus": supported values: "array", "boolean", "integer", "number", "object", "string""#
            ))
        #expect(
            errors.contains("spec.validation.openAPIV3Schema.properties[ref].$ref: Forbidden: $ref is not supported"))
        #expect(
            errors.contains(
                "spec.validation.openAPIV3Schema.properties[list].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic"
            ))
        #expect(
            errors.contains(
                "spec.validation.openAPIV3Schema.properties[map].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive"
            ))
    }

    @Test func defaultsMustBePrunedValidAndOutsideMetadata() {
        let schema: JSON = [
            "type": "object",
            "properties": [
                "metadata": ["type": "object", "default": ["name": "x"]],
                "spec": [
                    "type": "object",
                    "properties": [
                        "replicas": ["type": "integer", "default": "one"],
                        "template": [
                            "type": "object", "properties": ["a": ["type": "string"]], "default": ["a": "x", "b": "y"],
                        ],
                    ],
                ],
            ],
        ]
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                ["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": schema]]
            ]
        }
        let path = "spec.validation.openAPIV3Schema"
        #expect(
            CRDFixtures.errors(crd) == [
                #"\#(path).properties[spec].properties[replicas].default: Invalid value: "string":  in body must be of type integer: "string""#,
                #"\#(path).properties[spec].properties[template].default: Invalid value: {"a":"x","b":"y"}: must not have unknown fields"#,
                "\(path).properties[metadata].default: Forbidden: must not be set in top-level metadata",
            ])
    }

    @Test func statusSubresourceRestrictsTheRootSchema() {
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                [
                    "name": "v1", "served": true, "storage": true, "subresources": ["status": [:]],
                    "schema": [
                        "openAPIV3Schema": [
                            "type": "object", "anyOf": [["required": ["spec"]]],
                            "properties": ["spec": ["type": "object"]],
                        ]
                    ],
                ]
            ]
        }
        #expect(
            CRDFixtures.errors(crd).first?.hasSuffix(
                "only [Description Type Format Title Maximum ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations] fields are allowed at the root of the schema if the status subresource is enabled"
            ) == true)
    }

    @Test func listTypeRules() {
        let schema: JSON = [
            "type": "object",
            "properties": [
                "noKeys": ["type": "array", "x-kubernetes-list-type": "map", "items": ["type": "object"]],
                "notArray": ["type": "object", "x-kubernetes-list-type": "set"],
                "optionalKey": [
                    "type": "array", "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
                    "items": ["type": "object", "properties": ["name": ["type": "string"]]],
                ],
            ],
        ]
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                ["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": schema]]
            ]
        }
        let path = "spec.validation.openAPIV3Schema.properties"
        #expect(
            CRDFixtures.errors(crd) == [
                "\(path)[noKeys].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map",
                #"\#(path)[notArray].type: Invalid value: "object": must be array if x-kubernetes-list-type is specified"#,
                "\(path)[optionalKey].items.properties[name].default: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property",
            ])
    }

    @Test func protectedGroupsNeedAPIApproval() {
        let crd = CRDFixtures.widgets {
            $0[path: ["metadata", "name"]] = "widgets.x.k8s.io"
            $0[path: ["spec", "group"]] = "x.k8s.io"
        }
        #expect(
            CRDFixtures.errors(crd) == [
                #"metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", see https://github.com/kubernetes/enhancements/pull/1111"#
            ])
        var approved = crd
        approved[path: ["metadata", "annotations"]] = [
            "api-approved.kubernetes.io": "https://github.com/kubernetes/kubernetes/pull/1"
        ]
        #expect(CRDFixtures.errors(approved) == [])
    }

    @Test func updatesKeepGroupAndPluralAndStoredVersions() {
        var old = CRDFixtures.widgets()
        old["status"] = [
            "storedVersions": ["v1alpha1", "v1"], "conditions": [["type": "Established", "status": "True"]],
        ]
        let renamed = CRDFixtures.widgets {
            $0[path: ["spec", "group"]] = "example.org"
            $0[path: ["spec", "names", "kind"]] = "Gadget"
        }
        #expect(
            validateCustomResourceDefinitionUpdate(renamed, old: old, includeObjectMeta: false).map(\.description) == [
                #"spec.names.kind: Invalid value: "Gadget": field is immutable"#,
                #"spec.group: Invalid value: "example.org": field is immutable"#,
                #"status.storedVersions[0]: Invalid value: "v1alpha1": missing from spec.versions; v1alpha1 was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in v1alpha1 and removes v1alpha1 from status.storedVersions"#,
            ])
    }

    @Test func validationRulesAreCheckedForShapeOnly() {
        let schema: JSON = [
            "type": "object",
            "x-kubernetes-validations": [
                ["rule": "self.a == self.b"], ["rule": " "], ["rule": "true", "reason": "Nope"],
                ["rule": "true", "fieldPath": ".nope"],
            ],
            "properties": ["a": ["type": "string"], "b": ["type": "string"]],
        ]
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                ["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": schema]]
            ]
        }
        let path = "spec.validation.openAPIV3Schema.x-kubernetes-validations"
        #expect(
            CRDFixtures.errors(crd) == [
                "\(path)[1].rule: Required value: rule is not specified",
                #"\#(path)[2].reason: Unsupported value: "Nope": supported values: "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired""#,
                #"\#(path)[3].fieldPath: Invalid value: ".nope": must be a valid path"#,
            ])
    }

    @Test func keywordsTheStructuralFormCannotHoldAreReportedOnce() {
        let crd = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                [
                    "name": "v1", "served": true, "storage": true,
                    "schema": ["openAPIV3Schema": ["type": "object", "$schema": "http://json-schema.org/schema#"]],
                ]
            ]
        }
        #expect(
            CRDFixtures.errors(crd) == [
                #"spec.validation.openAPIV3Schema: Invalid value: "": OpenAPIV3Schema 'schema' is not supported"#
            ])
        let mistyped = CRDFixtures.widgets {
            $0[path: ["spec", "versions"]] = [
                [
                    "name": "v1", "served": true, "storage": true,
                    "schema": [
                        "openAPIV3Schema": [
                            "type": "object", "properties": ["a": ["type": "string", "maxLength": "ten"]],
                        ]
                    ],
                ]
            ]
        }
        #expect(
            CRDFixtures.errors(mistyped) == [
                #"spec.validation.openAPIV3Schema.properties[a].maxLength: Invalid value: "ten": must be of type integer"#
            ])
    }
}
