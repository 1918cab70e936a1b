import HollowModel
import Testing

@testable import HollowRuntime

/// The elector's decisions with no I/O: what it does given the lease it read and when it last saw it change.
@Suite struct LeaderElectionStateTests {
    static let key = ObjectKey(namespace: "kube-system", name: "lease")
    static let wall = Timestamp(secondsSinceEpoch: 1_800_000_000)

    static func lease(holder: String, transitions: Int64 = 3, resourceVersion: String = "7") -> Lease {
        var lease = Lease(
            key,
            record: LeaderElectionRecord(
                holderIdentity: holder, leaseDurationSeconds: 15, acquireTime: wall.adding(.seconds(-100)),
                renewTime: wall.adding(.seconds(-1)), leaseTransitions: transitions))
        lease.metadata.resourceVersion = resourceVersion
        return lease
    }

    @Test func aMissingLeaseIsCreated() throws {
        var state = LeaderElectionState(identity: "me", lease: Self.key, leaseDuration: .seconds(15))
        guard case .create(let lease) = state.decide(current: nil, now: .zero, wallTime: Self.wall) else {
            Issue.record("expected a create")
            return
        }
        #expect(lease.holderIdentity == "me")
        #expect(lease.leaseTransitions == 0)
        #expect(lease.acquireTime == Self.wall && lease.renewTime == Self.wall)
        #expect(lease.namespace == "kube-system" && lease.name == "lease")
        #expect(lease.apiVersion == "coordination.k8s.io/v1" && lease.kind == "Lease")
    }

    @Test(
        arguments: [
            // (holder, seconds since first seen, expected: nil = held by other, else transitions after)
            ("other", 0, nil), ("other", 14, nil), ("other", 15, 4 as Int64?), ("", 0, 4), ("me", 0, 3), ("me", 100, 3),
        ] as [(String, Int, Int64?)])
    func aReadLeaseIsTakenOnlyWhenFreeExpiredOrOurs(holder: String, elapsed: Int, transitions: Int64?) {
        var state = LeaderElectionState(identity: "me", lease: Self.key, leaseDuration: .seconds(15))
        let current = Self.lease(holder: holder)
        // First sighting at t = 0 starts the expiry clock, whatever renewTime says.
        _ = state.decide(current: current, now: .zero, wallTime: Self.wall)
        let decision = state.decide(current: current, now: .seconds(elapsed), wallTime: Self.wall)
        switch (decision, transitions) {
        case (.heldByOther(let other), nil):
            #expect(other == holder)
        case (.update(let lease), let transitions?):
            #expect(lease.holderIdentity == "me")
            #expect(lease.leaseTransitions == transitions)
            #expect(lease.resourceVersion == "7")
            #expect(lease.renewTime == Self.wall)
            // Keeping the lease keeps its acquireTime; taking it over starts a new one.
            #expect(lease.acquireTime == (holder == "me" ? Self.wall.adding(.seconds(-100)) : Self.wall))
        default:
            Issue.record("unexpected decision \(decision)")
        }
    }

    @Test func aChangeSeenRestartsTheExpiryClock() {
        var state = LeaderElectionState(identity: "me", lease: Self.key, leaseDuration: .seconds(15))
        _ = state.decide(current: Self.lease(holder: "other", resourceVersion: "1"), now: .zero, wallTime: Self.wall)
        var renewed = Self.lease(holder: "other", resourceVersion: "2")
        renewed.renewTime = Self.wall
        _ = state.decide(current: renewed, now: .seconds(10), wallTime: Self.wall)
        #expect(state.decide(current: renewed, now: .seconds(24), wallTime: Self.wall) == .heldByOther("other"))
        #expect(state.decide(current: renewed, now: .seconds(25), wallTime: Self.wall) != .heldByOther("other"))
    }

    @Test func releaseClearsTheHolderOnlyWhenLeading() {
        var state = LeaderElectionState(identity: "me", lease: Self.key, leaseDuration: .seconds(15))
        #expect(state.release(wallTime: Self.wall) == nil)
        state.observeWrite(Self.lease(holder: "me"), now: .zero)
        #expect(state.isLeader)
        let released = state.release(wallTime: Self.wall)
        #expect(released?.holderIdentity == "")
        #expect(released?.leaseDurationSeconds == 1)
        #expect(released?.leaseTransitions == 3)
        #expect(released?.resourceVersion == "7")
    }

    @Test func theOptimisticRenewalNeedsAValidLeaseOfOurOwn() {
        var state = LeaderElectionState(identity: "me", lease: Self.key, leaseDuration: .seconds(15))
        state.observeWrite(Self.lease(holder: "me"), now: .zero)
        #expect(state.optimisticRenewal(now: .seconds(14), wallTime: Self.wall)?.renewTime == Self.wall)
        #expect(state.optimisticRenewal(now: .seconds(15), wallTime: Self.wall) == nil)
    }
}
