import Foundation

extension APIServerBenchmark {
    /// LIST of every Node, as JSON, timed from sending the request to holding the last byte.
    struct NodeList: Sendable {
        /// Creating the Nodes (closed loop, `clients` clients).
        var creates: Throughput
        /// Items in the last response.
        var items: Int
        /// Size of the last response.
        var bytes: Int
        var timings: [Duration]
        /// Cores used while listing.
        var cpu: CPUShare

        var median: Duration {
            let sorted = timings.sorted()
            return sorted.isEmpty ? .zero : sorted[(sorted.count - 1) / 2]
        }
        var max: Duration { timings.max() ?? .zero }
    }

    func measureNodeList(_ client: BenchClient) async throws -> NodeList {
        let (creates, _) = await LoadLoop.run(
            Array(repeating: (), count: configuration.clients), duration: .seconds(600), limit: configuration.nodes
        ) { _, sequence in
            do {
                return .expecting(201, try await client.send(.POST, "/api/v1/nodes", body: Fixtures.node(index: sequence)))
            } catch {
                return .failure("\(error)")
            }
        }
        guard creates.operations > 0 else {
            throw BenchmarkError("no Node could be created: \(creates.firstFailure ?? "no request was answered")")
        }
        let clock = ContinuousClock()
        var timings: [Duration] = []
        var items = 0
        var bytes = 0
        let meter = CPUMeter()
        for _ in 0..<configuration.listRepetitions {
            let started = clock.now
            let reply = try await client.send(.GET, "/api/v1/nodes", maximumBytes: 1 << 30, timeout: .seconds(120))
            let elapsed = clock.now - started
            guard reply.status == 200 else {
                throw BenchmarkError("LIST /api/v1/nodes failed: HTTP \(reply.status) \(reply.text.prefix(200))")
            }
            timings.append(elapsed)
            bytes = reply.body.readableBytes
            items = reply.body.withUnsafeReadableBytes { Self.occurrences(of: #""kind":"Node""#, in: $0) }
        }
        return NodeList(creates: creates, items: items, bytes: bytes, timings: timings, cpu: meter.share())
    }

    /// How often `needle` occurs in `haystack` (not overlapping).
    static func occurrences(of needle: String, in haystack: UnsafeRawBufferPointer) -> Int {
        let needle = Array(needle.utf8)
        var count = 0
        var offset = 0
        while let found = ResponseScan.offset(of: needle, in: haystack, from: offset) {
            count += 1
            offset = found + needle.count
        }
        return count
    }
}
