import HollowModel

extension APIServerBenchmark {
    /// Installs `customResourceDefinitions` CRDs (each with a structural schema, printer columns and status and
    /// scale subresources, as operators install them) and waits until each is served.
    func installCustomResourceDefinitions(_ client: BenchClient) async throws {
        for index in 0..<configuration.customResourceDefinitions {
            let plural = "benchwidgets\(index)"
            let reply = try await client.send(
                .POST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                body: Self.customResourceDefinition(plural: plural, kind: "BenchWidget\(index)").serialized())
            guard reply.status == 201 else {
                throw BenchmarkError("creating CRD \(plural) failed: HTTP \(reply.status) \(reply.text.prefix(200))")
            }
        }
        let deadline = ContinuousClock.now + .seconds(30)
        for index in 0..<configuration.customResourceDefinitions {
            while try await client.send(.GET, "/apis/bench.hollow.dev/v1/benchwidgets\(index)?limit=1").status != 200 {
                guard ContinuousClock.now < deadline else {
                    throw BenchmarkError("CRD benchwidgets\(index) was not served within 30 s")
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    static func customResourceDefinition(plural: String, kind: String) -> JSON {
        let schema: JSON = [
            "type": "object",
            "properties": [
                "spec": [
                    "type": "object",
                    "properties": [
                        "replicas": ["type": "integer", "minimum": 0, "default": 1],
                        "color": ["type": "string", "enum": ["red", "blue"]],
                    ],
                ],
                "status": ["type": "object", "properties": ["replicas": ["type": "integer"], "selector": ["type": "string"]]],
            ],
        ]
        return [
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": ["name": .string("\(plural).bench.hollow.dev")],
            "spec": [
                "group": "bench.hollow.dev", "scope": "Namespaced",
                "names": ["plural": .string(plural), "singular": .string(String(plural.dropLast())), "kind": .string(kind)],
                "versions": [
                    [
                        "name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": schema],
                        "subresources": [
                            "status": .object([:]),
                            "scale": [
                                "specReplicasPath": ".spec.replicas", "statusReplicasPath": ".status.replicas",
                                "labelSelectorPath": ".status.selector",
                            ],
                        ],
                        "additionalPrinterColumns": [
                            ["name": "Replicas", "type": "integer", "jsonPath": ".spec.replicas"],
                            ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
                        ],
                    ]
                ],
            ],
        ]
    }
}
