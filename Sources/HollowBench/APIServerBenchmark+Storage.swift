import HollowPKI

// Memory with many objects stored, and the cold start that loads them back.

extension APIServerBenchmark {
    struct Memory: Sendable {
        /// VmRSS just before the fill began (after the earlier phases).
        var residentBefore: Int?
        /// VmRSS with the store filled.
        var residentAfter: Int?
        /// VmHWM at that point: the most this process has held resident so far.
        var peakResident: Int?
        /// ConfigMaps stored before the fill.
        var configMapsBefore: Int
        /// Creating the missing ConfigMaps (closed loop, `clients` clients).
        var fill: Throughput
        /// ConfigMaps and Nodes stored afterwards, counted by LIST.
        var configMaps: Int
        var nodes: Int
    }

    /// Creates ~1 KB ConfigMaps until `objects` are stored (the earlier phases' count), then reads VmRSS.
    func measureMemory(_ client: BenchClient) async throws -> Memory {
        let before = try await count(client, "/api/v1/configmaps")
        let residentBefore = ProcessMemory.residentBytes()
        let path = "/api/v1/namespaces/\(Namespace.fill)/configmaps"
        let (fill, _) = await LoadLoop.run(
            Array(repeating: (), count: configuration.clients), duration: .seconds(1_200),
            limit: max(0, configuration.objects - before)
        ) { _, sequence in
            let body = Fixtures.configMap(name: "fill-\(sequence)", namespace: Namespace.fill, revision: 0)
            do {
                return .expecting(201, try await client.send(.POST, path, body: body))
            } catch {
                return .failure("\(error)")
            }
        }
        let residentAfter = ProcessMemory.residentBytes()
        return Memory(
            residentBefore: residentBefore, residentAfter: residentAfter,
            peakResident: ProcessMemory.peakResidentBytes(), configMapsBefore: before, fill: fill,
            configMaps: try await count(client, "/api/v1/configmaps"), nodes: try await count(client, "/api/v1/nodes"))
    }

    struct ColdStart: Sendable {
        /// Reading every row of the stopped cluster's database directly: the floor.
        var scan: DatabaseScan
        /// From `LocalCluster.run` to `onServing`: lock, credentials, store load, listening, bootstrap.
        var startup: Duration
        /// What the restarted cluster serves, counted by LIST.
        var configMaps: Int
        var nodes: Int
        /// Cores used from the start until serving.
        var cpu: CPUShare
    }

    /// Times a new cluster on the data directory of the stopped one, after reading its database directly.
    func measureColdStart(_ directory: ClusterDirectory) async throws -> ColdStart {
        progress("cold start: reading state.db directly, then starting a new cluster on it")
        let scan = try await scanDatabase(path: directory.stateDatabasePath)
        let meter = CPUMeter()
        return try await withCluster(directory) { serving, startup in
            let cpu = meter.share()
            return try await BenchClient.with(serving, connections: 1) { client in
                ColdStart(
                    scan: scan, startup: startup, configMaps: try await count(client, "/api/v1/configmaps"),
                    nodes: try await count(client, "/api/v1/nodes"), cpu: cpu)
            }
        }
    }
}
