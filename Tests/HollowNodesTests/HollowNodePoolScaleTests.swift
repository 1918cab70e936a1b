import HollowClient
import HollowModel
import HollowNodes
import HollowRuntime
import HollowTesting
import Testing

/// A quick smoke test at some scale on the real clock: 500 nodes all Ready, and their Lease renewals spread evenly
/// over the renew interval rather than in bursts. It prints the registration time and the renewal lag it saw.
/// (In the integration suite, so it never runs alongside the other API-server tests.)
extension HollowNodePoolTests {
    @Test func fiveHundredNodesRegisterAndRenewEvenly() async throws {
        try await ExclusiveTestLock.run {
            let count = 500
            let interval = Duration.seconds(2)
            try await TestCluster.run { cluster in
                try await cluster.withKubernetesClient { client in
                    let nodes = client.resource(Node.self)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for worker in 0..<16 {
                            group.addTask {
                                for index in stride(from: worker, to: count, by: 16) {
                                    var template = HollowNodeTemplate(name: "hollow-\(index)", pool: "scale")
                                    template.configuration.behavior.leaseRenewInterval = interval
                                    _ = try await nodes.create(template.node)
                                }
                            }
                        }
                        try await group.waitForAll()
                    }
                    let pool = HollowNodePool(
                        client: client, configuration: .init(pool: "scale"), clock: SystemClock(),
                        logger: HollowPoolHarness.quiet)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await pool.run() }
                        defer { group.cancelAll() }
                        let start = ContinuousClock.now
                        try await eventually(timeout: .seconds(30), interval: .milliseconds(100), "all nodes Ready") {
                            pool.statistics().readyNodes == count
                        }
                        let registration = ContinuousClock.now - start
                        print("[hollow-nodes] \(count) nodes Ready in \(registration)")
                        let ready = try await nodes.list(options: ListOptions(labelSelector: "hollow.dev/pool=scale")).items
                            .filter { node in
                                HollowNodeCondition.conditions(of: node.object).contains { $0.type == "Ready" && $0.status == "True" }
                            }
                        #expect(ready.count == count)

                        // Steady state (after an interval to work off what registration delayed): two intervals' worth
                        // of renewals, on time.
                        try await Task.sleep(for: interval)
                        pool.resetLeaseRenewalLag()
                        let before = pool.statistics().leaseRenewals
                        try await Task.sleep(for: interval * 2)
                        let statistics = pool.statistics()
                        let renewals = statistics.leaseRenewals - before
                        print(
                            "[hollow-nodes] \(renewals) renewals in \(interval * 2); lag p50 \(statistics.leaseRenewalLag.quantile(0.5)), p99 \(statistics.leaseRenewalLag.quantile(0.99)), max \(statistics.leaseRenewalLag.maximum); writes \(statistics.writes), failed \(statistics.failedWrites)"
                        )
                        // Timing depends on the machine's load; what must hold is that every node kept renewing.
                        #expect(renewals >= count, "at least one renewal per node in two intervals")
                        #expect(statistics.failedWrites == 0)

                        // Spread: the renew times' positions within the interval fill ten buckets evenly.
                        let leases = try await client.resource(Lease.self).list(namespace: "kube-node-lease").items
                        var buckets = [Int](repeating: 0, count: 10)
                        let intervalNanos = interval.components.seconds * 1_000_000_000
                        for lease in leases {
                            guard let renew = lease.renewTime else { continue }
                            let nanos = (renew.secondsSinceEpoch * 1_000_000_000 + Int64(renew.nanoseconds)) % intervalNanos
                            buckets[Int(nanos * 10 / intervalNanos)] += 1
                        }
                        print("[hollow-nodes] renew-time phases: \(buckets)")
                        // Renew times are when the writes happened: on a machine too busy to write on time they drift off
                        // the grid (whose evenness `renewalsOfManyNodesAreSpreadOverTheInterval` checks without I/O).
                        if statistics.leaseRenewalLag.quantile(0.99) <= interval / 10 {
                            #expect(buckets.allSatisfy { $0 >= count / 10 / 2 && $0 <= count / 10 * 2 }, "\(buckets)")
                        }
                        group.cancelAll()
                    }
                }
            }
        }
    }
}
