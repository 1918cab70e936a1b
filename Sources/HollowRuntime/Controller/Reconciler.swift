import HollowModel

/// Brings one object's world to its desired state (controller-runtime's `reconcile.Reconciler`).
///
/// Reconcilers are level-based and idempotent: they read the current state (from informers' caches) and act on
/// the difference, with no separate create/update/delete logic. They never retry themselves: throwing an error
/// makes the ``Controller`` requeue the key with rate-limited backoff ("the retry logic should not be part of the
/// business logic", client-go's workqueue example). A key is never reconciled by two workers at once.
public protocol Reconciler: Sendable {
    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult
}

/// What a reconcile asks of the runner besides success (controller-runtime's `reconcile.Result`).
public struct ReconcileResult: Sendable, Hashable {
    /// Reconcile the key again after this long (rate limiting is reset): for work that depends on time passing,
    /// such as a health check's timeout.
    public var requeueAfter: Duration?
    /// Reconcile the key again after the rate limiter's backoff, without treating it as an error.
    public var requeue: Bool

    public init(requeueAfter: Duration? = nil, requeue: Bool = false) {
        self.requeueAfter = requeueAfter
        self.requeue = requeue
    }

    /// Nothing more to do until something changes.
    public static let done = ReconcileResult()

    public static func requeue(after delay: Duration) -> ReconcileResult { ReconcileResult(requeueAfter: delay) }
}

/// A reconciler made of a closure.
public struct ReconcilerFunction: Reconciler {
    private let body: @Sendable (ObjectKey) async throws -> ReconcileResult

    public init(_ body: @escaping @Sendable (ObjectKey) async throws -> ReconcileResult) {
        self.body = body
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        try await body(key)
    }
}
