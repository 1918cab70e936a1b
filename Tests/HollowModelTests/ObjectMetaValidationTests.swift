import Testing

@testable import HollowModel

@Suite struct ObjectMetaValidationTests {
    func errors(_ metadata: String, namespaced: Bool = true, names: NameValidator = .dnsSubdomain) throws -> [String] {
        validateObjectMeta(try JSON(parsing: metadata), namespaced: namespaced, nameValidator: names).map(\.description)
    }

    @Test func validMetadataHasNoErrors() throws {
        let metadata = #"""
            {"name":"web-1","namespace":"default","generation":1,
             "labels":{"app":"web","example.com/tier":"front","empty":""},
             "annotations":{"Example.com/Note":"anything goes here: {}"},
             "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"u1","controller":true},
                                {"apiVersion":"v1","kind":"ConfigMap","name":"c","uid":"u2"}],
             "finalizers":["example.com/cleanup","foregroundDeletion"]}
            """#
        #expect(try errors(metadata) == [])
        #expect(try errors(#"{"name":"node-1"}"#, namespaced: false) == [])
    }

    @Test func nameIsRequired() throws {
        #expect(try errors(#"{"namespace":"default"}"#) == ["metadata.name: Required value: name or generateName is required"])
        #expect(try errors(#"{"name":"","namespace":"default"}"#) == ["metadata.name: Required value: name or generateName is required"])
        #expect(
            validateObjectMeta(nil, namespaced: false, nameValidator: .dnsSubdomain).map(\.description)
                == ["metadata.name: Required value: name or generateName is required"])
    }

    @Test func namesFollowTheValidator() throws {
        #expect(
            try errors(#"{"name":"Web","namespace":"default"}"#)
                == [#"metadata.name: Invalid value: "Web": "# + NameValidationTests.subdomainMessage])
        #expect(try errors(#"{"name":"a.b","namespace":"default"}"#, names: .dnsLabel) == [#"metadata.name: Invalid value: "a.b": must not contain dots"#])
    }

    @Test func generateNameIsValidatedAsAPrefix() throws {
        #expect(try errors(#"{"generateName":"web-","name":"web-x7k2p","namespace":"default"}"#) == [])
        #expect(
            try errors(#"{"generateName":"Web-","name":"web-x7k2p","namespace":"default"}"#)
                == [#"metadata.generateName: Invalid value: "Web-": "# + NameValidationTests.subdomainMessage])
        #expect(
            try errors(#"{"generateName":"web-","namespace":"default"}"#)
                == ["metadata.name: Required value: name or generateName is required"])
    }

    @Test func namespaceIsRequiredForNamespacedResourcesOnly() throws {
        #expect(try errors(#"{"name":"p"}"#) == ["metadata.namespace: Required value"])
        #expect(try errors(#"{"name":"p","namespace":"a.b"}"#) == [#"metadata.namespace: Invalid value: "a.b": must not contain dots"#])
        #expect(try errors(#"{"name":"n","namespace":"default"}"#, namespaced: false) == ["metadata.namespace: Forbidden: not allowed on this type"])
    }

    @Test func generationMustNotBeNegative() throws {
        #expect(try errors(#"{"name":"p","namespace":"d","generation":-1}"#) == ["metadata.generation: Invalid value: -1: must be greater than or equal to 0"])
    }

    @Test func labelKeysAndValuesAreChecked() throws {
        #expect(
            try errors(#"{"name":"p","namespace":"d","labels":{"a b":"ok","good":"-bad"}}"#) == [
                #"metadata.labels: Invalid value: "a b": "# + "name part " + Self.nameRule,
                #"metadata.labels: Invalid value: "-bad": "# + Self.labelValueRule,
            ])
        #expect(
            try errors(#"{"name":"p","namespace":"d","labels":{"Example.com/x":"y"}}"#)
                == [#"metadata.labels: Invalid value: "Example.com/x": prefix part "# + NameValidationTests.subdomainMessage])
    }

    @Test func annotationKeysIgnoreCaseAndTheirSizeIsLimited() throws {
        #expect(try errors(#"{"name":"p","namespace":"d","annotations":{"Example.COM/Key":"v"}}"#) == [])
        #expect(
            try errors(#"{"name":"p","namespace":"d","annotations":{"a b":"v"}}"#)
                == [#"metadata.annotations: Invalid value: "a b": "# + "name part " + Self.nameRule])
        let big = String(repeating: "x", count: totalAnnotationSizeLimit)
        let metadata: JSON = ["name": "p", "namespace": "d", "annotations": ["k": .string(big)]]
        let result = validateObjectMeta(metadata, namespaced: true, nameValidator: .dnsSubdomain)
        #expect(result.map(\.description) == ["metadata.annotations: Too long: may not be more than 262144 bytes"])
        #expect(result.first?.kind == .tooLong)
        let fits: JSON = ["name": "p", "namespace": "d", "annotations": ["k": .string(String(big.dropFirst()))]]
        #expect(validateObjectMeta(fits, namespaced: true, nameValidator: .dnsSubdomain).isEmpty)
    }

    @Test func ownerReferencesNeedTheirFields() throws {
        let metadata = #"""
            {"name":"p","namespace":"d","ownerReferences":[{"kind":"","apiVersion":"a/b/c"},{"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}]}
            """#
        #expect(
            try errors(metadata) == [
                #"metadata.ownerReferences[0].apiVersion: Invalid value: "a/b/c": must be <group>/<version> or <version>"#,
                "metadata.ownerReferences[0].kind: Required value: must not be empty",
                "metadata.ownerReferences[0].name: Required value: must not be empty",
                "metadata.ownerReferences[0].uid: Required value: must not be empty",
                #"metadata.ownerReferences[1]: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}: /v1, Kind=Event is disallowed from being an owner"#,
            ])
    }

    @Test func onlyOneOwnerReferenceMayBeTheController() throws {
        let metadata = #"""
            {"name":"p","namespace":"d","ownerReferences":[
              {"apiVersion":"v1","kind":"A","name":"a","uid":"1","controller":true},
              {"apiVersion":"v1","kind":"B","name":"b","uid":"2","controller":true}]}
            """#
        let result = try errors(metadata)
        #expect(result.count == 1)
        #expect(
            result.first?.hasSuffix(
                #"Only one reference can have Controller set to true. Found "true" in references for A/a and B/b"#) == true)
        #expect(result.first?.hasPrefix("metadata.ownerReferences: Invalid value: [") == true)
    }

    @Test func finalizersAreQualifiedNamesAndNotBothOrphanAndForeground() throws {
        #expect(
            try errors(#"{"name":"p","namespace":"d","finalizers":["a b"]}"#)
                == [#"metadata.finalizers: Invalid value: "a b": "# + "name part " + Self.nameRule])
        #expect(
            try errors(#"{"name":"p","namespace":"d","finalizers":["orphan","foregroundDeletion"]}"#)
                == [#"metadata.finalizers: Invalid value: ["orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set"#])
    }

    @Test func membersOfTheWrongTypeAreReported() throws {
        #expect(
            try errors(#"{"name":1,"namespace":"d"}"#) == [
                "metadata.name: Invalid value: 1: must be of type string",
                "metadata.name: Required value: name or generateName is required",
            ])
        #expect(try errors(#"{"name":"p","namespace":"d","labels":["a"]}"#) == [#"metadata.labels: Invalid value: ["a"]: must be of type object"#])
        #expect(try errors(#"{"name":"p","namespace":"d","labels":{"a":true}}"#) == ["metadata.labels[a]: Invalid value: true: must be of type string"])
        #expect(try errors(#"{"name":"p","namespace":"d","finalizers":"x"}"#) == [#"metadata.finalizers: Invalid value: "x": must be of type array"#])
        #expect(try errors(#""p""#) == [#"metadata: Invalid value: "p": must be of type object"#])
        #expect(try errors(#"{"name":"p","namespace":"d","labels":null,"annotations":null}"#) == [])
    }

    @Test func errorsBecomeAnInvalidStatus() throws {
        let metadata: JSON = ["name": "Web", "namespace": "default", "labels": ["a\"b": "c"]]
        let fieldErrors = validateObjectMeta(metadata, namespaced: true, nameValidator: .dnsSubdomain)
        let error = APIError.invalid(group: "", kind: "Pod", name: "Web", errors: fieldErrors)
        #expect(error.code == 422)
        #expect(error.message.hasPrefix(#"Pod "Web" is invalid: [metadata.name: Invalid value: "Web": a lowercase RFC 1123"#))
        #expect(error.message.contains(#"metadata.labels: Invalid value: "a\"b": name part must consist"#))
        #expect(error.details?.causes.map(\.field) == ["metadata.name", "metadata.labels"])
        #expect(error.details?.causes.first?.reason == "FieldValueInvalid")
    }

    static let nameRule =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
        + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    static let labelValueRule =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
        + "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
        + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
}
