import HollowModel
import Logging
import ServiceLifecycle
import Synchronization

/// Leader election on a `coordination.k8s.io/v1` Lease, with client-go's `leaderelection` semantics.
///
/// ``run(_:)`` campaigns until it holds the lease: it takes it when it does not exist, when nobody holds it, or when
/// the holder has not renewed it for `leaseDuration` as measured on this elector's own clock since it last saw the
/// lease change. Once leading it runs the body as a child task and renews every `retryPeriod`. A renewal that keeps
/// failing for `renewDeadline` ends the term: the body is cancelled, and `run` throws
/// ``LeaderElectionError/leadershipLost`` once it has returned (controller-runtime exits then; let the service group
/// stop and restart the process). Because `renewDeadline` < `leaseDuration`, a deposed leader stops acting before
/// anyone else can take over.
///
/// On graceful shutdown the body is expected to wind down by itself (controllers drain); the lease is renewed until
/// it has, then released (holder cleared, duration one second) so another elector takes over at once. Cancellation
/// cancels the body and releases too, unless `releaseOnCancel` is off.
public final class LeaderElector: Sendable {
    public struct Configuration: Sendable {
        /// The Lease's namespace and name.
        public var lease: ObjectKey
        /// This elector's identity, unique among the candidates (usually hostname plus a random suffix).
        public var identity: String
        /// How long others wait after last seeing the lease change before taking it.
        public var leaseDuration: Duration
        /// How long the leader keeps retrying a renewal before it gives up leading.
        public var renewDeadline: Duration
        /// How often to try to acquire or renew.
        public var retryPeriod: Duration
        /// Acquire attempts wait `retryPeriod × (1 + random(0..<jitterFactor))` (client-go's `JitterFactor`).
        public var jitterFactor: Double
        /// Whether to release the lease when the body ends or the elector is cancelled (client-go's
        /// `ReleaseOnCancel`).
        public var releaseOnCancel: Bool

        public init(
            lease: ObjectKey, identity: String, leaseDuration: Duration = .seconds(15),
            renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2), jitterFactor: Double = 1.2,
            releaseOnCancel: Bool = true
        ) {
            self.lease = lease
            self.identity = identity
            self.leaseDuration = leaseDuration
            self.renewDeadline = renewDeadline
            self.retryPeriod = retryPeriod
            self.jitterFactor = jitterFactor
            self.releaseOnCancel = releaseOnCancel
        }
    }

    public let configuration: Configuration
    private let store: any LeaseStore
    private let clock: ElapsedClock
    private let wallTime: @Sendable () -> Timestamp
    private let logger: Logger
    private let state: Mutex<LeaderElectionState>
    private let leading = Atomic<Bool>(false)

    /// - Precondition: `leaseDuration > renewDeadline > retryPeriod × jitterFactor`, `retryPeriod > 0`, a non-empty
    ///   identity (client-go's `NewLeaderElector` checks).
    public init(
        configuration: Configuration, store: any LeaseStore, clock: some ControllerClock = SystemClock(),
        logger: Logger
    ) {
        precondition(!configuration.identity.isEmpty, "leader election needs an identity")
        precondition(
            configuration.leaseDuration > configuration.renewDeadline, "leaseDuration must exceed renewDeadline")
        precondition(configuration.retryPeriod > .zero, "retryPeriod must be positive")
        precondition(
            configuration.renewDeadline > configuration.retryPeriod * max(1, configuration.jitterFactor),
            "renewDeadline must exceed retryPeriod × jitterFactor")
        self.configuration = configuration
        self.store = store
        self.clock = ElapsedClock(clock)
        self.wallTime = { clock.wallTime }
        var logger = logger
        logger[metadataKey: "lease"] = "\(configuration.lease)"
        logger[metadataKey: "identity"] = "\(configuration.identity)"
        self.logger = logger
        state = Mutex(
            LeaderElectionState(
                identity: configuration.identity, lease: configuration.lease,
                leaseDuration: configuration.leaseDuration))
    }

    /// Whether this elector is leading now (its body is running under a held lease).
    public var isLeader: Bool { leading.load(ordering: .relaxed) }

    /// The holder this elector last saw, if any.
    public var leader: String? { state.withLock { $0.leader } }

    /// Campaigns, runs `body` while leading, and releases the lease afterwards.
    ///
    /// Returns when the body returns (rethrowing its error), or when cancelled or shut down gracefully before or
    /// while leading. - Throws: ``LeaderElectionError/leadershipLost`` when renewal failed past the deadline.
    public func run(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let acquired = await cancelWhenGracefulShutdown { await self.acquire() }
        guard acquired else { return }
        leading.store(true, ordering: .relaxed)
        let outcome = await lead(body)
        leading.store(false, ordering: .relaxed)
        switch outcome {
        case .lost:
            logger.error("leader election lost")
            throw LeaderElectionError.leadershipLost
        case .finished(let result):
            if configuration.releaseOnCancel {
                // Release even when cancelled: the store calls must not see the cancellation.
                await Task { await self.release() }.value
            }
            switch result {
            case .success: return
            case .failure(let error) where error is CancellationError: return
            case .failure(let error): throw error
            }
        }
    }

    // MARK: - Campaigning

    /// Tries until the lease is ours; `false` when cancelled first.
    private func acquire() async -> Bool {
        logger.info("attempting to acquire leader lease")
        while !Task.isCancelled {
            if await tryAcquireOrRenew() {
                logger.info("acquired leader lease")
                return true
            }
            let jitter = configuration.jitterFactor > 0 ? Double.random(in: 0..<configuration.jitterFactor) : 0
            do {
                try await clock.sleep(for: configuration.retryPeriod * (1 + jitter))
            } catch {
                return false
            }
        }
        return false
    }

    /// client-go's `tryAcquireOrRenew`: the optimistic renewal when leading, else read, decide, write.
    private func tryAcquireOrRenew() async -> Bool {
        let wall = wallTime()
        if let renewal = state.withLock({ $0.optimisticRenewal(now: clock.now(), wallTime: wall) }) {
            do {
                let stored = try await store.update(renewal)
                observeWrite(stored)
                return true
            } catch {
                logger.debug("optimistic renewal failed; reading the lease", metadata: ["error": "\(error)"])
            }
        }
        let current: Lease?
        do {
            current = try await store.get(configuration.lease)
        } catch {
            logger.warning("reading the lease failed", metadata: ["error": "\(error)"])
            return false
        }
        let (decision, previousLeader, leader) = state.withLock { state in
            let previous = state.leader
            let decision = state.decide(current: current, now: clock.now(), wallTime: wall)
            return (decision, previous, state.leader)
        }
        if leader != previousLeader, let leader, leader != configuration.identity {
            logger.info("new leader observed", metadata: ["leader": "\(leader)"])
        }
        do {
            switch decision {
            case .heldByOther:
                return false
            case .create(let lease):
                observeWrite(try await store.create(lease))
            case .update(let lease):
                observeWrite(try await store.update(lease))
            }
            return true
        } catch {
            logger.debug("writing the lease failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    private func observeWrite(_ stored: Lease) {
        let now = clock.now()
        state.withLock { $0.observeWrite(stored, now: now) }
    }

    private func release() async {
        guard let lease = state.withLock({ $0.release(wallTime: wallTime()) }) else { return }
        do {
            observeWrite(try await store.update(lease))
            logger.info("released leader lease")
        } catch {
            logger.warning("releasing the lease failed", metadata: ["error": "\(error)"])
        }
    }

    // MARK: - Leading

    private enum Outcome: Sendable {
        case finished(Result<Void, any Error>)
        case lost
    }

    /// Runs the body beside the renewal loop and its watchdog; whichever ends first ends the others.
    private func lead(_ body: @escaping @Sendable () async throws -> Void) async -> Outcome {
        let term = RenewalTerm(start: clock.now())
        return await withTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                do {
                    try await body()
                    return .finished(.success(()))
                } catch {
                    return .finished(.failure(error))
                }
            }
            group.addTask {
                await self.renew(term)
                return nil
            }
            group.addTask {
                await self.watch(term) ? .lost : nil
            }
            var outcome: Outcome?
            for await result in group {
                guard let result, outcome == nil else { continue }
                outcome = result
                if case .lost = result {
                    // Stop acting before anyone else can take over: the body is cancelled now.
                    leading.store(false, ordering: .relaxed)
                }
                group.cancelAll()
            }
            // Only cancellation ends all three without an outcome.
            return outcome ?? .finished(.failure(CancellationError()))
        }
    }

    /// Renews every `retryPeriod`, retrying failures every `retryPeriod` (client-go's `renew` loop); runs until
    /// cancelled. The watchdog decides when failures have gone on too long.
    private func renew(_ term: RenewalTerm) async {
        do {
            while true {
                term.startRound(at: clock.now())
                while await !tryAcquireOrRenew() {
                    try await clock.sleep(for: configuration.retryPeriod)
                }
                term.succeeded(at: clock.now())
                try await clock.sleep(for: configuration.retryPeriod)
            }
        } catch {
            return
        }
    }

    /// Sleeps until the current renewal round's deadline; `true` when a round failed to renew by it.
    private func watch(_ term: RenewalTerm) async -> Bool {
        while true {
            let deadline = term.deadline(
                renewDeadline: configuration.renewDeadline, retryPeriod: configuration.retryPeriod)
            do {
                try await clock.sleepUntil(deadline)
            } catch {
                return false
            }
            if term.hasFailed(now: clock.now(), renewDeadline: configuration.renewDeadline) {
                logger.warning("failed to renew the lease within the renew deadline")
                return true
            }
        }
    }
}

/// Errors of leader election.
public struct LeaderElectionError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Code: Sendable { case leadershipLost }
    private let code: Code

    /// The lease could not be renewed within the renew deadline; this elector has stopped leading.
    public static let leadershipLost = LeaderElectionError(code: .leadershipLost)

    public var description: String {
        switch code {
        case .leadershipLost: "leader election lost: the lease could not be renewed within the renew deadline"
        }
    }
}

/// The renewal rounds of one term, shared by the renewal loop and its watchdog.
private final class RenewalTerm: Sendable {
    private struct Round {
        var start: Duration
        var succeededAt: Duration?
    }

    private let round: Mutex<Round>

    init(start: Duration) { round = Mutex(Round(start: start)) }

    func startRound(at now: Duration) { round.withLock { $0 = Round(start: now) } }
    func succeeded(at now: Duration) { round.withLock { $0.succeededAt = now } }

    /// When the current round (or, if it succeeded, the next one, due a `retryPeriod` later) runs out of time.
    func deadline(renewDeadline: Duration, retryPeriod: Duration) -> Duration {
        round.withLock { round in
            if let succeededAt = round.succeededAt { return succeededAt + retryPeriod + renewDeadline }
            return round.start + renewDeadline
        }
    }

    func hasFailed(now: Duration, renewDeadline: Duration) -> Bool {
        round.withLock { round in round.succeededAt == nil && round.start + renewDeadline <= now }
    }
}
