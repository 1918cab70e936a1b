import HollowModel

/// The kubemark provider's time-dependent decisions as pure functions of the Machine's timestamps and `now`, so that
/// no timer lives in memory: a restarted controller asks again and gets the same answer.
public enum KubemarkTiming {
    /// What `create` should do now.
    public enum Provisioning: Sendable, Equatable {
        /// Not yet: the instance is still "provisioning" for this long.
        case wait(Duration)
        /// Provisioning failed (the failure probability came up for this Machine).
        case fail(String)
        /// Create the node.
        case create
    }

    /// The extra provisioning delay of the Machine with `uid`: a fixed fraction of `jitter`.
    public static func jitter(_ jitter: Duration, uid: String) -> Duration {
        guard jitter > .zero else { return .zero }
        return .nanoseconds(Int64(Double(jitter.nanoseconds) * KubemarkHash.fraction(uid, salt: "provisioning-jitter")))
    }

    /// Whether provisioning the Machine with `uid` fails at `probability`: the same answer for a uid every time;
    /// never at 0, always at 1.
    public static func provisioningFails(probability: Double, uid: String) -> Bool {
        probability > 0 && KubemarkHash.fraction(uid, salt: "provisioning-failure") < probability
    }

    /// Whether the node may be created at `now` for a Machine created at `created`: first the delay (plus this
    /// Machine's jitter) must have passed, then it may fail.
    public static func provisioning(
        _ config: KubemarkMachineProviderConfig, uid: String, created: Timestamp, now: Timestamp
    ) -> Provisioning {
        let ready = created.adding(config.provisioningDelay + jitter(config.provisioningJitter, uid: uid))
        if now < ready { return .wait(ready.duration(since: now)) }
        if provisioningFails(probability: config.provisioningFailureProbability, uid: uid) {
            return .fail(
                "provisioning the instance failed (simulated: provisioningFailureProbability "
                    + "\(config.provisioningFailureProbability))")
        }
        return .create
    }

    /// How much longer deleting the instance takes: `deletionTimeout` counted from `started`, zero when it has
    /// passed or there is no timeout.
    public static func deletionRemaining(timeout: Duration?, started: Timestamp, now: Timestamp) -> Duration {
        guard let timeout else { return .zero }
        let done = started.adding(timeout)
        return now < done ? done.duration(since: now) : .zero
    }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: Int64 { GoDuration(self).nanoseconds }
}
