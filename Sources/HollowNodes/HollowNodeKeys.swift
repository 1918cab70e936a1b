/// The labels and annotations through which a hollow node's shape and behaviour are data on its Node object.
///
/// A Node labelled ``poolLabel`` is simulated by the hollow node pool of that name: the pool posts its status,
/// renews its Lease and runs the pods bound to it. Everything else about it is read from these annotations when
/// the Node appears and again whenever they change (`kubectl annotate node n1 hollow.dev/kubelet=stopped`), so a
/// test scripts failures the way it scripts objects. A value that does not parse is refused with a Warning Event on
/// the Node naming the key (reason `InvalidHollowNodeConfiguration`), and the node keeps its previous behaviour. Any
/// other `hollow.dev/` annotation is refused the same way, so a typo never goes unnoticed.
///
/// Durations use Go's syntax (`40s`, `1m30s`, `250ms`) and must not be negative; quantities Kubernetes' (`4`,
/// `500m`, `8Gi`); booleans are `true`/`false`. ``HollowNodeTemplate`` writes them from typed values.
public enum HollowNodeKeys {
    public static let prefix = "hollow.dev/"

    // MARK: Labels

    /// `hollow.dev/pool=<pool name>`: which pool simulates the node.
    public static let poolLabel = "hollow.dev/pool"

    // MARK: Shape (posted at registration and again when changed)

    /// Reported capacity; allocatable is the same (no system reservations). Quantities: `4`, `8Gi`, `110`.
    /// Defaults: cpu `4`, memory `16Gi`, pods `110` (a whole number), ephemeral-storage `100Gi`.
    public static let cpu = "hollow.dev/cpu"
    public static let memory = "hollow.dev/memory"
    public static let pods = "hollow.dev/pods"
    public static let ephemeralStorage = "hollow.dev/ephemeral-storage"
    /// The kubelet version the node reports, e.g. `v1.31.0` (the default).
    public static let kubeletVersion = "hollow.dev/kubelet-version"
    /// How long after the pool first sees the Node object the kubelet registers it (posts status and starts its
    /// Lease). Default `0s`.
    public static let registrationDelay = "hollow.dev/registration-delay"

    // MARK: Health schedule (kubemark's provider config)

    /// Go durations; booleans `true`/`false`. See ``HollowNodeHealthSchedule``: the node starts Ready; with
    /// `turn-unhealthy-periodically=true` it is NotReady from `healthy-duration` for `unhealthy-duration`, and so on;
    /// with `turn-unhealthy-after=true` it is NotReady for good from `healthy-duration` (or, when only that is given,
    /// `unhealthy-duration`) on. `turn-unhealthy-after` wins when both are true, as in kubemark's actuator. The
    /// schedule counts from ``kubeletStartTime``; changing it restarts the simulated kubelet with it.
    public static let healthyDuration = "hollow.dev/healthy-duration"
    public static let unhealthyDuration = "hollow.dev/unhealthy-duration"
    public static let turnUnhealthyPeriodically = "hollow.dev/turn-unhealthy-periodically"
    public static let turnUnhealthyAfter = "hollow.dev/turn-unhealthy-after"

    // MARK: Failure injection

    /// `running` (default) or `stopped`: a stopped kubelet renews no Lease, posts no status and leaves its pods
    /// alone, as after `systemctl stop kubelet`; the node lifecycle controller then marks the node Unknown. Set back
    /// to `running` (or removed), it starts again and reports Ready with a fresh transition.
    public static let kubelet = "hollow.dev/kubelet"
    /// `hollow.dev/condition.<Type>` = `<True|False|Unknown>[;until=<RFC 3339>][;reason=<Reason>][;message=<text>]`:
    /// reports that condition (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable, Ready or a custom
    /// type) until the time given, or until the annotation is removed; then the kubelet's own value comes back (a
    /// condition the kubelet does not own is removed). It wins over the health schedule. Its `lastTransitionTime`
    /// is when the pool saw the annotation, and `until` when it ends.
    public static let conditionPrefix = "hollow.dev/condition."
    /// `true`: pods on the node fail: running ones at once, new ones when they would have started (containers
    /// terminate with exit code 1, reason Error; phase Failed).
    public static let podFailure = "hollow.dev/pod-failure"

    // MARK: Pods

    /// How long a bound pod stays Pending before it runs (default 0).
    public static let podStartDelay = "hollow.dev/pod-start-delay"
    /// How long pods with `restartPolicy: Never` or `OnFailure` run before they succeed (default: forever).
    public static let podRunDuration = "hollow.dev/pod-run-duration"
    /// How long a deleted pod takes to terminate when that is shorter than its grace period (default: the whole
    /// grace period, as a container that ignores SIGTERM).
    public static let podTerminationDelay = "hollow.dev/pod-termination-delay"

    // MARK: Heartbeats

    /// How often the node's Lease is renewed (default 10 s; must be positive).
    public static let leaseRenewInterval = "hollow.dev/lease-renew-interval"
    /// How often status is posted when nothing changed (default 5 min; must be positive).
    public static let statusReportInterval = "hollow.dev/status-report-interval"

    // MARK: Written by the pool

    /// RFC 3339: when the simulated kubelet last started (registration; `kubelet` back to `running`; a change of
    /// the health schedule). The pool writes it and the health schedule counts from it, so a restarted pool picks the
    /// schedule up where it was. Its presence marks the node as registered; remove it to register the node again.
    public static let kubeletStartTime = "hollow.dev/kubelet-start-time"

    /// Every annotation key a hollow node reads, besides the `condition.<Type>` family.
    public static let annotationKeys: [String] = [
        cpu, memory, pods, ephemeralStorage, kubeletVersion, registrationDelay, healthyDuration, unhealthyDuration,
        turnUnhealthyPeriodically, turnUnhealthyAfter, kubelet, podFailure, podStartDelay, podRunDuration,
        podTerminationDelay, leaseRenewInterval, statusReportInterval, kubeletStartTime,
    ]
}
