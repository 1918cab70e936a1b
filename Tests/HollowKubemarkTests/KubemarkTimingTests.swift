import HollowKubemark
import HollowModel
import Testing

@Suite struct KubemarkTimingTests {
    static let t0 = Timestamp(secondsSinceEpoch: 1_767_225_600)

    struct ProvisioningCase: Sendable, CustomTestStringConvertible {
        let name: String
        let delay: Duration
        let probability: Double
        let elapsed: Duration
        let expected: KubemarkTiming.Provisioning
        var testDescription: String { name }
    }

    @Test(arguments: [
        ProvisioningCase(name: "no delay: create at once", delay: .zero, probability: 0, elapsed: .zero, expected: .create),
        ProvisioningCase(
            name: "just created: wait the whole delay", delay: .seconds(10), probability: 0, elapsed: .zero,
            expected: .wait(.seconds(10))),
        ProvisioningCase(
            name: "part way: wait the rest", delay: .seconds(10), probability: 0, elapsed: .seconds(4),
            expected: .wait(.seconds(6))),
        ProvisioningCase(
            name: "the delay has passed", delay: .seconds(10), probability: 0, elapsed: .seconds(10), expected: .create),
        ProvisioningCase(
            name: "long past", delay: .seconds(10), probability: 0, elapsed: .seconds(3600), expected: .create),
        ProvisioningCase(
            name: "certain failure still waits out the delay", delay: .seconds(10), probability: 1,
            elapsed: .seconds(9), expected: .wait(.seconds(1))),
        ProvisioningCase(
            name: "certain failure", delay: .seconds(10), probability: 1, elapsed: .seconds(10),
            expected: .fail("provisioning the instance failed (simulated: provisioningFailureProbability 1.0)")),
    ])
    func provisioningWaitsThenCreatesOrFails(_ testCase: ProvisioningCase) {
        var config = KubemarkMachineProviderConfig()
        config.provisioningDelay = testCase.delay
        config.provisioningFailureProbability = testCase.probability
        let decision = KubemarkTiming.provisioning(
            config, uid: "uid-1", created: Self.t0, now: Self.t0.adding(testCase.elapsed))
        #expect(decision == testCase.expected)
    }

    @Test func jitterIsFixedPerMachineWithinItsBoundAndSpread() {
        let uids = (0..<200).map { "0000-\($0)" }
        let jitters = uids.map { KubemarkTiming.jitter(.seconds(10), uid: $0) }
        #expect(jitters == uids.map { KubemarkTiming.jitter(.seconds(10), uid: $0) }, "the same every time")
        #expect(jitters.allSatisfy { $0 >= .zero && $0 < .seconds(10) })
        #expect(jitters.contains { $0 < .seconds(2) } && jitters.contains { $0 > .seconds(8) }, "spread over the range")
        #expect(KubemarkTiming.jitter(.zero, uid: "a") == .zero)

        var config = KubemarkMachineProviderConfig()
        config.provisioningDelay = .seconds(5)
        config.provisioningJitter = .seconds(10)
        let jitter = KubemarkTiming.jitter(.seconds(10), uid: "uid-7")
        let justBefore = Self.t0.adding(.seconds(5) + jitter - .milliseconds(1))
        #expect(KubemarkTiming.provisioning(config, uid: "uid-7", created: Self.t0, now: justBefore) == .wait(.milliseconds(1)))
        let at = Self.t0.adding(.seconds(5) + jitter)
        #expect(KubemarkTiming.provisioning(config, uid: "uid-7", created: Self.t0, now: at) == .create)
    }

    @Test func failureIsDecidedByUidAndMatchesTheProbability() {
        let uids = (0..<2000).map { "3f6c2a1e-\($0)" }
        #expect(!uids.contains { KubemarkTiming.provisioningFails(probability: 0, uid: $0) })
        #expect(uids.allSatisfy { KubemarkTiming.provisioningFails(probability: 1, uid: $0) })
        let failed = uids.filter { KubemarkTiming.provisioningFails(probability: 0.3, uid: $0) }
        #expect((500...700).contains(failed.count), "\(failed.count) of 2000 at 0.3")
        #expect(failed == uids.filter { KubemarkTiming.provisioningFails(probability: 0.3, uid: $0) }, "the same answer")
        // A lower probability fails a subset of the Machines a higher one fails.
        let fewer = Set(uids.filter { KubemarkTiming.provisioningFails(probability: 0.1, uid: $0) })
        #expect(fewer.isSubset(of: Set(failed)))
    }

    @Test(arguments: [
        (nil, Duration.zero, Duration.zero),
        (.seconds(2), .zero, .seconds(2)),
        (.seconds(2), .milliseconds(1500), .milliseconds(500)),
        (.seconds(2), .seconds(2), .zero),
        (.seconds(2), .seconds(60), .zero),
    ] as [(Duration?, Duration, Duration)])
    func deletionTakesTheTimeoutFromItsStart(timeout: Duration?, elapsed: Duration, remaining: Duration) {
        #expect(
            KubemarkTiming.deletionRemaining(timeout: timeout, started: Self.t0, now: Self.t0.adding(elapsed))
                == remaining)
    }
}
