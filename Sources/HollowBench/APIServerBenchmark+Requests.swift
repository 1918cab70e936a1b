// Creates, updates and gets of ConfigMaps per second: closed-loop clients, each with its own share of the objects.

extension APIServerBenchmark {
    /// A ConfigMap the benchmark made, with the resourceVersion it last saw.
    struct TrackedObject: Sendable {
        var name: String
        var resourceVersion: String
    }

    /// POSTs ~1 KB ConfigMaps for `phaseDuration` (at most `objects` of them); returns the rate and what was made.
    func measureCreates(_ client: BenchClient) async -> (Throughput, [TrackedObject]) {
        let path = "/api/v1/namespaces/\(Namespace.requests)/configmaps"
        let (throughput, made) = await LoadLoop.run(
            Array(repeating: [TrackedObject](), count: configuration.clients), duration: configuration.phaseDuration,
            limit: configuration.objects
        ) { objects, sequence in
            let name = "cm-\(sequence)"
            do {
                let reply = try await client.send(
                    .POST, path, body: Fixtures.configMap(name: name, namespace: Namespace.requests, revision: 0))
                guard reply.status == 201 else { return .expecting(201, reply) }
                guard let resourceVersion = ResponseScan.resourceVersion(in: reply.body) else {
                    return .failure("the created object has no resourceVersion: \(reply.text.prefix(200))")
                }
                objects.append(TrackedObject(name: name, resourceVersion: resourceVersion))
                return .success
            } catch {
                return .failure("\(error)")
            }
        }
        return (throughput, made.flatMap { $0 })
    }

    /// Replaces ConfigMaps (PUT, conditional on the resourceVersion each client last saw) for `phaseDuration`.
    ///
    /// Each client updates only its own share of the objects, so a 409 Conflict means the server lost or reordered
    /// a write, and is counted as a failure.
    func measureUpdates(_ client: BenchClient, _ objects: [TrackedObject]) async -> Throughput {
        let path = "/api/v1/namespaces/\(Namespace.requests)/configmaps/"
        let (throughput, _) = await LoadLoop.run(
            deal(objects).map { Share(objects: $0) }, duration: configuration.phaseDuration, limit: Self.requestLimit
        ) { share, sequence in
            let index = share.take()
            let object = share.objects[index]
            let body = Fixtures.configMap(
                name: object.name, namespace: Namespace.requests, revision: sequence + 1,
                resourceVersion: object.resourceVersion)
            do {
                let reply = try await client.send(.PUT, path + object.name, body: body)
                guard reply.status == 200 else { return .expecting(200, reply) }
                guard let resourceVersion = ResponseScan.resourceVersion(in: reply.body) else {
                    return .failure("the updated object has no resourceVersion: \(reply.text.prefix(200))")
                }
                share.objects[index].resourceVersion = resourceVersion
                return .success
            } catch {
                return .failure("\(error)")
            }
        }
        return throughput
    }

    /// GETs ConfigMaps by name for `phaseDuration`, each client cycling through its share.
    func measureGets(_ client: BenchClient, _ objects: [TrackedObject]) async -> Throughput {
        let path = "/api/v1/namespaces/\(Namespace.requests)/configmaps/"
        let (throughput, _) = await LoadLoop.run(
            deal(objects).map { Share(objects: $0) }, duration: configuration.phaseDuration, limit: Self.requestLimit
        ) { share, _ in
            let name = share.objects[share.take()].name
            do {
                return .expecting(200, try await client.send(.GET, path + name))
            } catch {
                return .failure("\(error)")
            }
        }
        return throughput
    }

    /// Deals the objects round-robin into one non-empty share per client (fewer when there are fewer objects).
    private func deal(_ objects: [TrackedObject]) -> [[TrackedObject]] {
        var shares = Array(repeating: [TrackedObject](), count: min(configuration.clients, objects.count))
        for (index, object) in objects.enumerated() { shares[index % shares.count].append(object) }
        return shares
    }
}

/// One client's objects and where it is in them.
private struct Share: Sendable {
    var objects: [APIServerBenchmark.TrackedObject]
    var next = 0

    /// The index of the next object, cycling.
    mutating func take() -> Int {
        defer { next = (next + 1) % objects.count }
        return next
    }
}
