import HollowModel
import Testing

@testable import HollowResources

/// Serving a CRD: definitions per served version, strategies, printer columns (cases from apiextensions-apiserver's
/// `tableconvertor_test.go`), kubectl's JSONPath, and the status the CRD controllers converge to.
@Suite struct CustomResourcesDefinitionTests {
    static let now = 1_700_000_000.0
    static func ago(_ seconds: Double) -> JSON { .string(Timestamp(seconds: now - seconds).rfc3339) }

    static func widget(_ spec: JSON = ["replicas": 3], status: JSON? = nil) -> JSON {
        var object: JSON = [
            "apiVersion": "example.com/v1", "kind": "Widget",
            "metadata": ["name": "w1", "namespace": "default", "creationTimestamp": ago(3600)], "spec": spec,
        ]
        if let status { object["status"] = status }
        return object
    }

    @Test func oneDefinitionPerServedVersion() throws {
        let crd = CRDFixtures.widgets { crd in
            var versions = crd[path: ["spec", "versions"]]!.arrayValue!
            versions.append([
                "name": "v2alpha1", "served": false, "storage": false,
                "schema": ["openAPIV3Schema": ["type": "object"]],
            ])
            crd[path: ["spec", "versions"]] = .array(versions)
        }
        let versions = try customResourceVersions(fromCRD: crd)
        #expect(versions.map(\.definition.version) == ["v1", "v1beta1"])
        #expect(versions.map(\.isStorageVersion) == [true, false])
        let v1 = versions[0].definition
        #expect(v1.group == "example.com" && v1.kind == "Widget" && v1.plural == "widgets" && v1.singular == "widget")
        #expect(v1.namespaced && v1.shortNames == ["wd"] && v1.categories == ["all"] && v1.listKind == "WidgetList")
        #expect(v1.hasStatus && v1.tracksGeneration && !v1.strategy.allowsUnconditionalUpdate)
        #expect(v1.scale?.specReplicasPath == ".spec.replicas" && v1.scale?.labelSelectorPath == ".status.selector")
        #expect(v1.openAPISchema == CRDFixtures.widgetSchema)
        #expect(v1.columns.map(\.name) == ["Name", "Replicas", "Ready", "Age"])
        #expect(versions[1].definition.columns.map(\.name) == ["Name", "Age"])
        #expect(versions[1].definition.columns[1].type == "date")
        #expect(versions[0].deprecationWarning == nil)
        #expect(versions[1].deprecationWarning == "example.com/v1beta1 Widget is deprecated; use example.com/v1 Widget")
        #expect(try resourceDefinitions(fromCRD: crd).count == 2)
    }

    @Test func malformedCRDsAreRefusedWithTheirErrors() {
        let crd = CRDFixtures.widgets { $0[path: ["spec", "scope"]] = "Galaxy" }
        #expect {
            try resourceDefinitions(fromCRD: crd)
        } throws: { error in
            guard let error = error as? CustomResourceDefinitionError else { return false }
            return error.isInvalid
                && error.message
                    == #"CustomResourceDefinition.apiextensions.k8s.io "widgets.example.com" is invalid: spec.scope: Unsupported value: "Galaxy": supported values: "Cluster", "Namespaced""#
        }
        let badColumn = CRDFixtures.widgets {
            var versions = $0[path: ["spec", "versions"]]!.arrayValue!
            versions[1]["additionalPrinterColumns"] = [["name": "X", "type": "string", "jsonPath": ".spec[0"]]
            $0[path: ["spec", "versions"]] = .array(versions)
        }
        #expect {
            try resourceDefinitions(fromCRD: badColumn)
        } throws: { error in
            (error as? CustomResourceDefinitionError)?.message
                == #"unrecognized column definition ".spec[0": unterminated array"#
        }
    }

    @Test func printerColumnCells() throws {
        let definition = try resourceDefinitions(fromCRD: CRDFixtures.widgets())[0]
        let ready: JSON = [
            "conditions": [["type": "Synced", "status": "False"], ["type": "Ready", "status": "True"]]
        ]
        let table = TableConvertor.table(
            [Self.widget(status: ready), Self.widget(["replicas": 2.7])], definition: definition, includeObject: "None",
            now: Self.now, resourceVersion: "5")
        let rows = table["rows"]?.arrayValue?.map { $0["cells"] } ?? []
        #expect(rows == [["w1", 3, "True", "60m"], ["w1", 2, nil, "60m"]])
        let definitions = table["columnDefinitions"]?.arrayValue ?? []
        #expect(definitions.map { $0["type"] } == ["string", "integer", "string", "date"])
        #expect(
            definitions[1]["description"] == "Custom resource definition column (in JSONPath format): .spec.replicas")
        #expect(definitions[0]["format"] == "name")
    }

    static let cells: [(String, JSON, JSON)] = [
        ("integer", 42, 42), ("integer", 3.14, 3), ("integer", true, nil), ("integer", "foo", nil),
        ("number", 42, 42.0), ("number", 3.14, 3.14), ("number", true, nil),
        ("boolean", 42, nil), ("boolean", true, true),
        ("string", 42, "42"), ("string", 3.14, "3.14"), ("string", true, "true"), ("string", "foo", "foo"),
        ("string", ["foo"], #"["foo"]"#), ("string", nil, "<no value>"),
        ("date", 42, nil), ("date", "", "<unknown>"), ("date", "not a time", "<invalid>"), ("unknown", "foo", nil),
    ]

    @Test(arguments: cells)
    func cellsAreTypedLikeKubeApiserver(type: String, value: JSON, expected: JSON) {
        #expect(CustomResourceColumns.cell(value, type: type, now: Self.now) == expected)
    }

    @Test func dateCellsShowAgeAndFutureTimesAreInvalid() {
        #expect(CustomResourceColumns.cell(Self.ago(12 * 3600 + 1800), type: "date", now: Self.now) == "12h")
        #expect(CustomResourceColumns.cell(Self.ago(-(12 * 3600 + 1800)), type: "date", now: Self.now) == "<invalid>")
    }

    @Test func kubectlJSONPath() throws {
        let data = try JSON(
            parsing: #"""
                {"spec":{"servers":[{"hosts":["foo"]},{"hosts":["bar","baz"]}],"ports":[80,443,8080],"a.b":"dotted"},
                 "status":{"conditions":[{"type":"A","n":1},{"type":"Ready","status":"True","n":2}]}}
                """#)
        func results(_ path: String) throws -> [JSON] { try KubectlJSONPath(template: "{\(path)}").results(in: data) }
        #expect(try results(".spec.servers[0].hosts[0]") == ["foo"])
        #expect(try results(".spec.servers[*].hosts") == [["foo"], ["bar", "baz"]])
        #expect(try results(".spec.ports[-1]") == [8080])
        #expect(try results(".spec.ports[0:2]") == [80, 443])
        #expect(try results(".spec.ports[::2]") == [80, 8080])
        #expect(try results(".spec.ports[0,2]") == [80, 8080])
        #expect(try results(#".status.conditions[?(@.type=="Ready")].status"#) == ["True"])
        #expect(try results(".status.conditions[?(@.n>1)].type") == ["Ready"])
        #expect(try results(".status.conditions[?(@.status)].type") == ["Ready"])
        #expect(try results("..hosts") == [["foo"], ["bar", "baz"]])
        #expect(try results(".spec.missing.deeper").isEmpty)
        // kubectl splits a bracketed key on dots; the escaped form reaches the member.
        #expect(try results(#".spec['a.b']"#).isEmpty)
        #expect(try results(#".spec.a\.b"#) == ["dotted"])
        #expect(throws: KubectlJSONPathError.self) { try results(".spec.ports[5]") }
        #expect(throws: KubectlJSONPathError.self) { try results(#".status.conditions[?(@.n=="1")]"#) }
    }

    @Test func strategyPrunesDefaultsAndDropsStatusOnCreate() throws {
        let definition = try resourceDefinitions(fromCRD: CRDFixtures.widgets())[0]
        var object = Self.widget(["size": "small", "bogus": true], status: ["replicas": 1])
        ObjectMetaRules.prepareForCreate(
            &object, definition: definition, namespace: "default", name: "w1", uid: "u", now: Self.now)
        #expect(object["spec"] == ["size": "small", "replicas": 1])
        #expect(object["status"] == nil)
        #expect(object[path: ["metadata", "generation"]] == 1)
        #expect(ObjectMetaRules.validate(object, definition: definition, old: nil).isEmpty)
    }

    @Test func strategyValidatesSchemaTypeMetaAndScale() throws {
        let definition = try resourceDefinitions(fromCRD: CRDFixtures.widgets())[0]
        let validate = definition.strategy.validate
        #expect(
            validate(Self.widget(["replicas": "three", "size": "medium"])).map(\.description) == [
                #"spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string""#,
                #"spec.size: Unsupported value: "medium": supported values: "small", "large""#,
                #".spec.replicas: Invalid value: 0: .spec.replicas accessor error: three is of the type string, expected int64"#,
            ])
        #expect(
            validate(Self.widget(status: ["replicas": -1])).map(\.description) == [
                ".status.replicas: Invalid value: -1: should be a non-negative integer"
            ])
        var wrongKind = Self.widget()
        wrongKind["kind"] = "Gadget"
        #expect(validate(wrongKind).map(\.description) == [#"kind: Invalid value: "Gadget": must be Widget"#])
    }

    @Test func updatesRatchetAndKeepStatus() throws {
        let definition = try resourceDefinitions(fromCRD: CRDFixtures.widgets())[0]
        let old = Self.widget(["replicas": 3, "size": "tiny"], status: ["replicas": 3])
        var new = Self.widget(["replicas": 4, "size": "tiny"], status: ["replicas": 9])
        ObjectMetaRules.prepareForUpdate(&new, old: old, definition: definition, statusOnly: false, now: Self.now)
        #expect(new["status"] == ["replicas": 3])
        #expect(definition.strategy.validateUpdate(new, old).isEmpty)
        #expect(definition.strategy.validate(new).map(\.field) == ["spec.size"])
    }

    @Test func selectableFieldsReadTheirJSONPath() throws {
        let crd = CRDFixtures.widgets {
            var versions = $0[path: ["spec", "versions"]]!.arrayValue!
            versions[0]["selectableFields"] = [["jsonPath": ".spec.size"], ["jsonPath": ".spec.replicas"]]
            $0[path: ["spec", "versions"]] = .array(versions)
        }
        let definition = try resourceDefinitions(fromCRD: crd)[0]
        #expect(definition.selectableFields.map(\.path) == ["spec.size", "spec.replicas"])
        #expect(
            definition.selectableFields.map { $0.value(Self.widget(["size": "large", "replicas": 2])) } == [
                "large", "2",
            ])
        let invalid = CRDFixtures.widgets {
            var versions = $0[path: ["spec", "versions"]]!.arrayValue!
            versions[0]["selectableFields"] = [["jsonPath": ".spec.nope"], ["jsonPath": ".status.conditions"]]
            $0[path: ["spec", "versions"]] = .array(versions)
        }
        #expect(
            CRDFixtures.errors(invalid) == [
                #"spec.versions[0].selectableFields[0].jsonPath: Invalid value: ".spec.nope": is an invalid path: does not refer to a valid field"#,
                #"spec.versions[0].selectableFields[1].jsonPath: Invalid value: ".status.conditions": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed."#,
            ])
    }

    @Test func statusAcceptsNamesAndEstablishes() {
        let status = crdStatus(CRDFixtures.widgets(), now: Self.now)
        #expect(
            status["acceptedNames"] == [
                "plural": "widgets", "singular": "widget", "shortNames": ["wd"], "kind": "Widget",
                "listKind": "WidgetList",
                "categories": ["all"],
            ])
        let time = Self.ago(0)
        #expect(
            status["conditions"] == [
                [
                    "type": "NamesAccepted", "status": "True", "lastTransitionTime": time, "reason": "NoConflicts",
                    "message": "no conflicts found",
                ],
                [
                    "type": "Established", "status": "True", "lastTransitionTime": time,
                    "reason": "InitialNamesAccepted",
                    "message": "the initial names have been accepted",
                ],
            ])
        #expect(status["storedVersions"] == ["v1"])

        // Recomputing later keeps the transition times.
        var established = CRDFixtures.widgets()
        established["status"] = status
        #expect(crdStatus(established, now: Self.now + 60)["conditions"] == status["conditions"])
    }

    @Test func conflictingNamesAreNotAccepted() {
        var other = CRDFixtures.widgets { $0[path: ["metadata", "name"]] = "gadgets.example.com" }
        other["status"] = [
            "acceptedNames": ["plural": "gadgets", "singular": "widget", "kind": "Gadget", "listKind": "GadgetList"]
        ]
        let status = crdStatus(CRDFixtures.widgets(), otherCRDs: [other], now: Self.now)
        #expect(status["acceptedNames"]?["singular"] == nil)
        let conditions = status["conditions"]?.arrayValue ?? []
        #expect(conditions.map { $0["reason"] } == ["SingularConflict", "NotAccepted"])
        #expect(conditions.first?["message"] == #""widget" is already in use"#)
    }
}
