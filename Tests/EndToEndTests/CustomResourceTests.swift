import Foundation
import HollowModel
import HollowTesting
import Testing

/// A CustomResourceDefinition's life with the real kubectl: served within a second, printer columns, `explain`,
/// schema validation, defaults, strict field validation, the scale and status subresources, client-side and
/// server-side apply of a custom resource, and deletion taking the objects and the endpoints with it.
///
/// Each kubectl release gets its own `hollow up`: the tests define the same kind (`Widget`) as users would,
/// delete it and check that discovery no longer lists it, which would collide on a shared server.
struct CustomResourceTests {
    static let group = "e2e.hollow.dev"
    static let crdName = "widgets.e2e.hollow.dev"

    /// A structural schema with required, enum, minimum, default and pattern; printer columns including a date
    /// column; status and scale subresources.
    static let crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.e2e.hollow.dev
        spec:
          group: e2e.hollow.dev
          scope: Namespaced
          names:
            plural: widgets
            singular: widget
            kind: Widget
            listKind: WidgetList
            shortNames: [wd]
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    description: What the widget should be.
                    required: [image]
                    properties:
                      image:
                        type: string
                        description: The image the widget runs.
                        pattern: '^[a-z0-9./:-]+$'
                      replicas:
                        type: integer
                        description: How many copies.
                        minimum: 0
                        default: 1
                      size:
                        type: string
                        description: How big each copy is.
                        enum: [small, medium, large]
                        default: medium
                      tags:
                        type: array
                        description: Free-form tags.
                        items:
                          type: string
                  status:
                    type: object
                    properties:
                      replicas:
                        type: integer
                      selector:
                        type: string
            subresources:
              status: {}
              scale:
                specReplicasPath: .spec.replicas
                statusReplicasPath: .status.replicas
                labelSelectorPath: .status.selector
            additionalPrinterColumns:
            - name: Image
              type: string
              jsonPath: .spec.image
            - name: Desired
              type: integer
              jsonPath: .spec.replicas
            - name: Current
              type: integer
              jsonPath: .status.replicas
            - name: Size
              type: string
              jsonPath: .spec.size
              priority: 1
            - name: Age
              type: date
              jsonPath: .metadata.creationTimestamp

        """

    static func widget(_ name: String, spec: [String]) -> String {
        """
        apiVersion: e2e.hollow.dev/v1
        kind: Widget
        metadata:
          name: \(name)
        spec:
        \(spec.map { "  " + $0 }.joined(separator: "\n"))

        """
    }

    /// Starts a server for `release` with the Widget CRD applied and served.
    func withWidgets(_ release: KubectlRelease, _ body: (KubectlClient) async throws -> Void) async throws {
        try await HollowServer.with { server in
            let kubectl = server.client(release)
            let created = try await kubectl.line(["apply", "-f", kubectl.file("crd.yaml", Self.crd)])
            #expect(created == "customresourcedefinition.apiextensions.k8s.io/\(Self.crdName) created")
            // kube-apiserver establishes a CRD as soon as its names are accepted; a second is generous.
            let established = try await kubectl.run(
                ["wait", "--for=condition=Established", "--timeout=1s", "crd/\(Self.crdName)"])
            #expect(established.status == 0, "not Established within a second: \(established.stderr)")
            try await body(kubectl)
        }
    }

    @Test(arguments: KubectlRelease.spread)
    func definitionIsServedWithColumnsAndExplain(_ release: KubectlRelease) async throws {
        try await withWidgets(release) { kubectl in
            try await eventually(timeout: .seconds(5), "kubectl get widgets to work") {
                try await kubectl.run(["get", "widgets"]).status == 0
            }

            let resources = try await kubectl.ok(["api-resources", "--api-group=\(Self.group)"])
            #expect(Columns.row(resources, named: "widgets") == ["widgets", "wd", "\(Self.group)/v1", "true", "Widget"], "\(resources)")

            let empty = try await kubectl.run(["get", "widgets"])
            #expect(empty.stderr.contains("No resources found in default namespace."), "\(empty.stderr)")

            let explain = try await kubectl.run(["explain", "widget.spec"])
            #expect(explain.status == 0, "\(explain.stderr)")
            #expect(explain.stdout.range(of: #"KIND:\s+Widget"#, options: .regularExpression) != nil, "\(explain.stdout)")
            for field in ["image", "replicas", "size", "tags", "The image the widget runs."] {
                #expect(explain.stdout.contains(field), "\(field) missing from explain widget.spec: \(explain.stdout)")
            }
            #expect(explain.stdout.range(of: #"image\s+<string>\s+-required-"#, options: .regularExpression) != nil)

            try await kubectl.ok(
                ["apply", "-f", kubectl.file("shown.yaml", Self.widget("shown", spec: ["image: registry.example/app:1", "size: large"]))])
            try await kubectl.ok(
                ["patch", "widget", "shown", "--subresource=status", "--type=merge", "-p", #"{"status":{"replicas":1}}"#])
            let table = try await kubectl.ok(["get", "widgets"])
            #expect(Columns.lines(table).first.map(Columns.words) == ["NAME", "IMAGE", "DESIRED", "CURRENT", "AGE"], "\(table)")
            let row = try #require(Columns.row(table, named: "shown"), "\(table)")
            #expect(Array(row.prefix(4)) == ["shown", "registry.example/app:1", "1", "1"])
            // The date column is printed as an age (`5s`, `2m3s`), not a timestamp.
            #expect(row.last?.range(of: #"^[0-9]+(s|m[0-9]*s?)$"#, options: .regularExpression) != nil, "\(row)")

            let wide = try await kubectl.ok(["get", "widgets", "-o", "wide"])
            #expect(
                Columns.lines(wide).first.map(Columns.words) == ["NAME", "IMAGE", "DESIRED", "CURRENT", "SIZE", "AGE"], "\(wide)")
            #expect(Columns.row(wide, named: "shown")?.dropFirst(4).first == "large")

            let short = try await kubectl.ok(["get", "wd", "-o", "name"])
            #expect(Columns.lines(short) == ["widget.\(Self.group)/shown"])
        }
    }

    @Test(arguments: KubectlRelease.spread)
    func schemaValidationDefaultsAndStrictFields(_ release: KubectlRelease) async throws {
        try await withWidgets(release) { kubectl in
            let created = try await kubectl.line(
                ["apply", "-f", kubectl.file("plain.yaml", Self.widget("plain", spec: ["image: registry.example/app:1"]))])
            #expect(created == "widget.\(Self.group)/plain created")
            let plain = try await kubectl.json(["get", "widget", "plain"])
            #expect(plain["spec"] == ["image": "registry.example/app:1", "replicas": 1, "size": "medium"], "defaults applied")
            #expect(plain[path: ["metadata", "generation"]] == 1)

            let negative = try await kubectl.run(
                ["apply", "-f", kubectl.file("negative.yaml", Self.widget("negative", spec: ["image: app", "replicas: -1"]))])
            #expect(negative.status == 1)
            // The schema's minimum, then the scale subresource's own check of specReplicasPath
            // (apiextensions-apiserver's `customResourceValidator.ValidateScaleSpec`).
            let expected = [
                #"The Widget "negative" is invalid: "#,
                "* spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0",
                "* .spec.replicas: Invalid value: -1: should be a non-negative integer",
            ]
            #expect(
                negative.stderr.trimmingCharacters(in: .whitespacesAndNewlines) == expected.joined(separator: "\n"),
                "\(negative.stderr)")

            let many = try await kubectl.run(
                ["create", "-f", kubectl.file("many.yaml", Self.widget("many", spec: ["size: huge", "tags: [ok]"]))])
            #expect(many.status == 1)
            #expect(many.stderr.contains(#"The Widget "many" is invalid: "#), "\(many.stderr)")
            #expect(many.stderr.contains("* spec.image: Required value"), "\(many.stderr)")
            #expect(
                many.stderr.contains(#"* spec.size: Unsupported value: "huge": supported values: "small", "medium", "large""#),
                "\(many.stderr)")

            let pattern = try await kubectl.run(
                ["create", "-f", kubectl.file("pattern.yaml", Self.widget("pattern", spec: ["image: Not An Image"]))])
            #expect(pattern.status == 1)
            #expect(
                pattern.stderr.contains(
                    #"spec.image: Invalid value: "Not An Image": spec.image in body should match '^[a-z0-9./:-]+$'"#),
                "\(pattern.stderr)")

            // kubectl sends fieldValidation=Strict; the server refuses fields the schema does not know, wrapped as
            // every decoding error is (apiserver's `transformDecodeError`).
            let unknownFile = try kubectl.file("unknown.yaml", Self.widget("unknown", spec: ["image: app", "bogus: 1"]))
            let unknown = try await kubectl.run(["apply", "-f", unknownFile])
            #expect(unknown.status == 1)
            #expect(
                unknown.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
                    == #"Error from server (BadRequest): error when creating "\#(unknownFile)": Widget in version "v1" cannot be handled as a Widget: strict decoding error: unknown field "spec.bogus""#,
                "\(unknown.stderr)")
            for name in ["negative", "many", "pattern", "unknown"] {
                #expect(try await kubectl.isNotFound(["widget", name]), "\(name) was stored")
            }

            // A patch is validated too, and `--validate=false` drops unknown fields instead (pruning).
            let patched = try await kubectl.run(["patch", "widget", "plain", "--type=merge", "-p", #"{"spec":{"replicas":-3}}"#])
            #expect(patched.status == 1)
            #expect(
                patched.stderr.contains("spec.replicas: Invalid value: -3: spec.replicas in body should be greater than or equal to 0"),
                "\(patched.stderr)")
            try await kubectl.ok(
                ["create", "--validate=false", "-f", kubectl.file("pruned.yaml", Self.widget("pruned", spec: ["image: app", "bogus: 1"]))])
            let pruned = try await kubectl.json(["get", "widget", "pruned"])
            #expect(pruned["spec"] == ["image": "app", "replicas": 1, "size": "medium"])
        }
    }

    @Test(arguments: KubectlRelease.spread)
    func scaleAndStatusSubresources(_ release: KubectlRelease) async throws {
        try await withWidgets(release) { kubectl in
            try await kubectl.ok(["apply", "-f", kubectl.file("scaled.yaml", Self.widget("scaled", spec: ["image: app"]))])

            let status = try await kubectl.line(
                [
                    "patch", "widget", "scaled", "--subresource=status", "--type=merge", "-p",
                    #"{"spec":{"replicas":7},"status":{"replicas":2,"selector":"app=scaled"}}"#,
                ])
            #expect(status == "widget.\(Self.group)/scaled patched")
            var widget = try await kubectl.json(["get", "widget", "scaled"])
            #expect(widget["status"] == ["replicas": 2, "selector": "app=scaled"])
            #expect(widget[path: ["spec", "replicas"]] == 1, "a status write changes only the status")
            #expect(widget[path: ["metadata", "generation"]] == 1)

            // A write to the main resource keeps the old status.
            try await kubectl.ok(["patch", "widget", "scaled", "--type=merge", "-p", #"{"status":{"replicas":9}}"#])
            widget = try await kubectl.json(["get", "widget", "scaled"])
            #expect(widget[path: ["status", "replicas"]] == 2)

            let scaled = try await kubectl.line(["scale", "widget", "scaled", "--replicas", "3"])
            #expect(scaled == "widget.\(Self.group)/scaled scaled")
            widget = try await kubectl.json(["get", "widget", "scaled"])
            #expect(widget[path: ["spec", "replicas"]] == 3)
            #expect(widget[path: ["metadata", "generation"]] == 2)
            #expect(widget[path: ["status", "replicas"]] == 2)

            let scale = try await kubectl.json(["get", "widget", "scaled", "--subresource=scale"])
            #expect(scale["kind"] == "Scale")
            #expect(scale["apiVersion"] == "autoscaling/v1")
            #expect(scale[path: ["metadata", "name"]] == "scaled")
            #expect(scale[path: ["spec", "replicas"]] == 3)
            #expect(scale[path: ["status", "replicas"]] == 2)
            #expect(scale[path: ["status", "selector"]] == "app=scaled")

            // `--current-replicas` is a precondition checked against the scale subresource.
            let precondition = try await kubectl.run(["scale", "widget", "scaled", "--current-replicas=5", "--replicas=4"])
            #expect(precondition.status == 1)
            #expect(precondition.stderr.contains("Expected replicas to be 5, was 3"), "\(precondition.stderr)")

        }
    }

    @Test(arguments: KubectlRelease.spread)
    func applyTwiceReplacesListsOfACustomResource(_ release: KubectlRelease) async throws {
        try await withWidgets(release) { kubectl in
            // Client-side apply sends a JSON merge patch for custom resources: a list is replaced as a whole.
            let file = try kubectl.file("listed.yaml", Self.widget("listed", spec: ["image: app", "tags: [a, b, c]"]))
            #expect(try await kubectl.line(["apply", "-f", file]) == "widget.\(Self.group)/listed created")
            _ = try kubectl.file("listed.yaml", Self.widget("listed", spec: ["image: app", "tags: [c, d]", "replicas: 2"]))
            #expect(try await kubectl.line(["apply", "-f", file]) == "widget.\(Self.group)/listed configured")
            var widget = try await kubectl.json(["get", "widget", "listed"])
            #expect(widget[path: ["spec", "tags"]] == ["c", "d"])
            #expect(widget[path: ["spec", "replicas"]] == 2)
            #expect(try await kubectl.line(["apply", "-f", file]) == "widget.\(Self.group)/listed unchanged")

            // Dropping a defaulted field from the applied configuration removes it, and the default comes back.
            _ = try kubectl.file("listed.yaml", Self.widget("listed", spec: ["image: app", "tags: [d]"]))
            try await kubectl.ok(["apply", "-f", file])
            widget = try await kubectl.json(["get", "widget", "listed"])
            #expect(widget[path: ["spec", "tags"]] == ["d"])
            #expect(widget[path: ["spec", "replicas"]] == 1)

            // Server-side apply: an atomic list is the applier's as a whole.
            let serverSide = try kubectl.file("ssa.yaml", Self.widget("ssa", spec: ["image: app", "tags: [red, green]"]))
            #expect(try await kubectl.line(["apply", "--server-side", "-f", serverSide]) == "widget.\(Self.group)/ssa serverside-applied")
            _ = try kubectl.file("ssa.yaml", Self.widget("ssa", spec: ["image: app", "tags: [green]"]))
            try await kubectl.ok(["apply", "--server-side", "-f", serverSide])
            widget = try await kubectl.json(["get", "widget", "ssa"])
            #expect(widget[path: ["spec", "tags"]] == ["green"])
        }
    }

    @Test(arguments: KubectlRelease.spread)
    func deletingTheDefinitionRemovesItsObjectsAndEndpoints(_ release: KubectlRelease) async throws {
        try await withWidgets(release) { kubectl in
            for name in ["one", "two"] {
                try await kubectl.ok(["apply", "-f", kubectl.file("\(name).yaml", Self.widget(name, spec: ["image: app"]))])
            }
            try await kubectl.ok(["create", "namespace", "elsewhere"])
            try await kubectl.ok(
                ["apply", "-n", "elsewhere", "-f", kubectl.file("three.yaml", Self.widget("three", spec: ["image: app"]))])
            #expect(Columns.lines(try await kubectl.ok(["get", "widgets", "-A", "-o", "name"])).count == 3)

            let deleted = try await kubectl.line(["delete", "crd", Self.crdName])
            #expect(deleted == #"customresourcedefinition.apiextensions.k8s.io "\#(Self.crdName)" deleted"#)
            #expect(try await kubectl.isNotFound(["crd", Self.crdName]))

            try await eventually(timeout: .seconds(5), "api-resources to stop listing widgets") {
                let resources = try await kubectl.run(["api-resources", "--api-group=\(Self.group)"])
                return resources.status == 0 && Columns.row(resources.stdout, named: "widgets") == nil
            }
            let gone = try await kubectl.run(["get", "widgets"])
            #expect(gone.status == 1)
            #expect(gone.stderr.contains(#"error: the server doesn't have a resource type "widgets""#), "\(gone.stderr)")
            let raw = try await kubectl.run(["get", "--raw", "/apis/\(Self.group)/v1/namespaces/default/widgets"])
            #expect(raw.status == 1)
            #expect(raw.stderr.contains("(NotFound)"), "\(raw.stderr)")

            // Defining the kind again shows none of the old objects.
            try await kubectl.ok(["apply", "-f", kubectl.file("crd.yaml", Self.crd)])
            try await kubectl.ok(["wait", "--for=condition=Established", "--timeout=5s", "crd/\(Self.crdName)"])
            try await eventually(timeout: .seconds(5), "widgets to be served again") {
                try await kubectl.run(["get", "widgets", "-A"]).status == 0
            }
            let again = try await kubectl.run(["get", "widgets", "-A", "-o", "name"])
            #expect(again.status == 0)
            #expect(again.stdout.isEmpty, "the old objects are gone: \(again.stdout)")
        }
    }
}
