import HollowAPIServer
import HollowClient
import HollowModel
import HollowTesting
import Testing

/// The embedded cluster's own clients reach its API server in-process: they must get the answers an HTTPS client
/// gets, byte for byte, and their watches must stream and end like one.
@Suite("InProcessTransport against a real server")
struct InProcessTransportTests {
    @Test func answersAsOverHTTPS() async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { https in
                try await cluster.withInProcessClient(userAgent: "in-process-test") { local in
                    let configMaps = local.resource(ConfigMap.self)
                    let created = try await configMaps.create(
                        ResourceClientTests.configMap("one", data: ["a": "1"]), namespace: "default")
                    #expect(created.object[path: ["metadata", "managedFields"]]?.arrayValue?.first?["manager"] == "in-process-test")

                    // The same request over both transports: the same bytes.
                    let path = "/api/v1/namespaces/default/configmaps/one"
                    let overHTTPS = try await https.send(APIRequest(method: .GET, path: path))
                    let inProcess = try await local.send(APIRequest(method: .GET, path: path))
                    #expect(inProcess.status == 200)
                    #expect(Array(inProcess.body.readableBytesView) == Array(overHTTPS.body.readableBytesView))
                    #expect(inProcess.headers["Content-Type"] == overHTTPS.headers["Content-Type"])

                    // Error answers carry the server's Status.
                    let missing = await #expect(throws: APIError.self) {
                        try await configMaps.get("absent", namespace: "default")
                    }
                    #expect(missing?.code == 404 && missing?.reason == .notFound)
                    let duplicate = await #expect(throws: APIError.self) {
                        try await configMaps.create(ResourceClientTests.configMap("one"), namespace: "default")
                    }
                    #expect(duplicate?.code == 409 && duplicate?.reason == .alreadyExists)
                    var stale = created
                    stale.object["data"] = ["a": "2"]
                    _ = try await configMaps.update(stale)
                    let conflict = await #expect(throws: APIError.self) { try await configMaps.update(stale) }
                    #expect(conflict?.isConflict == true)
                    let invalid = await #expect(throws: APIError.self) {
                        try await configMaps.create(ResourceClientTests.configMap("Not_A_Name"), namespace: "default")
                    }
                    #expect(invalid?.code == 422 && invalid?.reason == .invalid)

                    // A request body the server cannot read gets 400, not a crash.
                    let garbage = await #expect(throws: APIError.self) {
                        try await local.send(
                            APIRequest(
                                method: .POST, path: "/api/v1/namespaces/default/configmaps",
                                body: Array("{not json".utf8)))
                    }
                    #expect(garbage?.code == 400)
                }
            }
        }
    }

    @Test func watchesStreamAndEndWhenTheReaderStops() async throws {
        try await TestCluster.run { cluster in
            try await cluster.withKubernetesClient { https in
                try await cluster.withInProcessClient { local in
                    let server = cluster.serving.server
                    let before = server.openWatchCount
                    let events = try await local.resource(ConfigMap.self).watch(namespace: "default")
                    var iterator = events.makeAsyncIterator()
                    for name in ["w1", "w2"] {
                        _ = try await https.resource(ConfigMap.self).create(
                            ResourceClientTests.configMap(name), namespace: "default")
                    }
                    let first = try await iterator.next()
                    let second = try await iterator.next()
                    #expect(first?.type == .added && first?.object.name == "w1")
                    #expect(second?.type == .added && second?.object.name == "w2")
                    #expect(server.openWatchCount == before + 1)

                    // The reader goes away: the server's side of the watch ends too.
                    _ = consume iterator
                    _ = consume events
                    let deadline = ContinuousClock.now + .seconds(10)
                    while server.openWatchCount > before && ContinuousClock.now < deadline {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    #expect(server.openWatchCount == before)
                }
            }
        }
    }

    @Test func aWatchThatCannotStartIsAnError() async throws {
        try await TestCluster.run { cluster in
            try await cluster.withInProcessClient { local in
                let error = await #expect(throws: APIError.self) {
                    _ = try await local.resource(ConfigMap.self).watch(
                        namespace: "default", options: ListOptions(labelSelector: "a in (b"))
                }
                #expect(error?.code == 400)
            }
        }
    }
}
