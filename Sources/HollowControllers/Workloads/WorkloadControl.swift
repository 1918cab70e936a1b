import HollowClient
import HollowModel
import Logging
import Synchronization

// What the three workload reconcilers share when they carry out a plan: expectations under a lock, pod creates in
// slow-start batches and deletes (kube's `PodControl`), the claim patches and the owner recheck before adopting
// (`ControllerRefManager`), and type metadata on the objects they write.

/// ``WorkloadExpectations`` under a lock, shared by a controller's informer handlers (which lower them as they see
/// pods come and go) and its workers (which record them before creating or deleting and read them before deciding).
final class WorkloadExpectationsStore: Sendable {
    private let state = Mutex(WorkloadExpectations())

    init() {}

    func isSatisfied(_ key: String, now: Timestamp) -> Bool { state.withLock { $0.isSatisfied(key, now: now) } }

    /// Replaces what is expected for `key`: `creations` pods to appear and the pods `deletingPodKeys` to go.
    func expect(_ key: String, creations: Int, deletingPodKeys: [String], now: Timestamp) {
        state.withLock { $0.expect(key, creations: creations, deletingPodKeys: deletingPodKeys, now: now) }
    }

    /// A pod was seen created, or `count` creates failed or were skipped.
    func creationObserved(_ key: String, count: Int = 1) {
        guard count > 0 else { return }
        state.withLock { expectations in
            for _ in 0..<count { expectations.creationObserved(key) }
        }
    }

    /// A pod was seen deleted or being deleted, or its delete failed.
    func deletionObserved(_ key: String, podKey: String) {
        state.withLock { $0.deletionObserved(key, podKey: podKey) }
    }

    /// The owner is gone: drop whatever it expected.
    func forget(_ key: String) { state.withLock { $0.forget(key) } }
}

/// Pod writes as kube's `RealPodControl` makes them, in the batches its controllers use.
struct WorkloadPodControl: Sendable {
    let pods: ResourceClient<Pod>
    let logger: Logger

    /// The outcome of ``createPods(_:)``.
    struct CreateOutcome {
        /// How many pods the API server created.
        var created: Int
        /// The first failure; creates after the batch it happened in were not attempted.
        var error: (any Error)?
    }

    /// POSTs `pods` in `workloadSlowStartBatches`, the pods of one batch concurrently, and stops after the first
    /// batch with a failure (`slowStartBatch`), so that a quota or admission error costs one request, not hundreds.
    func createPods(_ pods: [Pod]) async -> CreateOutcome {
        var outcome = CreateOutcome(created: 0)
        var next = 0
        for size in workloadSlowStartBatches(pods.count) {
            let batch = Array(pods[next..<(next + size)])
            next += size
            let results = await withTaskGroup(of: (any Error)?.self) { group in
                for pod in batch {
                    group.addTask {
                        do {
                            _ = try await self.pods.create(WorkloadTypeMeta.pod(pod), namespace: pod.namespace)
                            return nil
                        } catch {
                            return error
                        }
                    }
                }
                var errors: [any Error] = []
                for await error in group { if let error { errors.append(error) } }
                return errors
            }
            outcome.created += batch.count - results.count
            if let first = results.first {
                logger.warning(
                    "failed to create pods", metadata: ["failed": "\(results.count)", "error": "\(first)"])
                outcome.error = first
                return outcome
            }
        }
        return outcome
    }

    /// The outcome of ``deletePods(_:)``.
    struct DeleteOutcome {
        /// The keys of the pods whose DELETE did not delete them, a NotFound included: no informer event will say
        /// they went, so their expectations are lowered by hand.
        var unobservedKeys: [String]
        /// The first failure other than NotFound.
        var error: (any Error)?
    }

    /// DELETEs `pods` concurrently; a NotFound counts as deleted.
    func deletePods(_ pods: [Pod]) async -> DeleteOutcome {
        let failures = await withTaskGroup(of: (String, (any Error)?)?.self) { group in
            for pod in pods {
                group.addTask {
                    do {
                        try await self.pods.delete(pod.name, namespace: pod.namespace)
                        return nil
                    } catch let error as APIError where error.isNotFound {
                        return (pod.key, nil)
                    } catch {
                        return (pod.key, error)
                    }
                }
            }
            var failures: [(String, (any Error)?)] = []
            for await failure in group { if let failure { failures.append(failure) } }
            return failures
        }
        let outcome = DeleteOutcome(
            unobservedKeys: failures.map(\.0), error: failures.lazy.compactMap(\.1).first)
        if let error = outcome.error {
            logger.warning("failed to delete pods", metadata: ["error": "\(error)"])
        }
        return outcome
    }
}

/// The claim half of kube's `ControllerRefManager`: adoption and release patches, and the owner recheck before the
/// first adoption of a sync.
enum WorkloadClaimControl {
    /// `RecheckDeletionTimestamp`: a live GET of `owner` before adopting anything, so that an owner deleted since the
    /// cache saw it adopts nothing (the garbage collector would orphan it at once).
    /// - Throws: ``WorkloadControllerError`` when the owner is gone, replaced or being deleted; the API's error when
    ///   the GET fails.
    static func recheckOwner<Owner: KubernetesObject>(_ owner: Owner, client: ResourceClient<Owner>) async throws {
        let fresh: Owner
        do {
            fresh = try await client.get(owner.name, namespace: owner.namespace)
        } catch let error as APIError where error.isNotFound {
            throw WorkloadControllerError.ownerGone(owner.key, uid: owner.metadata.uid ?? "", found: nil)
        }
        guard fresh.metadata.uid == owner.metadata.uid else {
            throw WorkloadControllerError.ownerGone(owner.key, uid: owner.metadata.uid ?? "", found: fresh.metadata.uid)
        }
        guard !WorkloadPod.isBeingDeleted(fresh) else { throw WorkloadControllerError.ownerBeingDeleted(owner.key) }
    }

    /// Strategic-merge-patches `object` with an adoption patch; an object gone meanwhile is not adopted, and that is
    /// no failure (`ClaimObject` ignores NotFound).
    static func adopt<Object: KubernetesObject>(_ object: Object, patch: JSON, client: ResourceClient<Object>)
        async throws
    {
        do {
            _ = try await client.patch(object.name, namespace: object.namespace, .strategicMerge(patch))
        } catch let error as APIError where error.isNotFound {
            return
        }
    }

    /// Strategic-merge-patches `object` with a release patch; NotFound (gone) and Invalid (replaced by an object with
    /// another UID) mean there is nothing left to release.
    static func release<Object: KubernetesObject>(_ object: Object, patch: JSON, client: ResourceClient<Object>)
        async throws
    {
        do {
            _ = try await client.patch(object.name, namespace: object.namespace, .strategicMerge(patch))
        } catch let error as APIError where error.isNotFound || error.isInvalid {
            return
        }
    }
}

/// `apiVersion` and `kind` on objects the controllers write: objects from a list carry neither.
enum WorkloadTypeMeta {
    static func pod(_ pod: Pod) -> Pod { with(pod, apiVersion: "v1", kind: "Pod") }
    static func replicaSet(_ object: ReplicaSet) -> ReplicaSet {
        with(object, apiVersion: ReplicaSet.apiVersion, kind: ReplicaSet.kindName)
    }
    static func deployment(_ object: Deployment) -> Deployment {
        with(object, apiVersion: Deployment.apiVersion, kind: Deployment.kindName)
    }
    static func daemonSet(_ object: DaemonSet) -> DaemonSet {
        with(object, apiVersion: DaemonSet.apiVersion, kind: DaemonSet.kindName)
    }
    static func controllerRevision(_ object: ControllerRevision) -> ControllerRevision {
        with(object, apiVersion: ControllerRevision.apiVersion, kind: ControllerRevision.kindName)
    }

    private static func with<Object: KubernetesObject>(_ object: Object, apiVersion: String, kind: String) -> Object {
        var object = object
        object.object["apiVersion"] = .string(apiVersion)
        object.object["kind"] = .string(kind)
        return object
    }
}

/// Why a workload reconciler stopped a sync part-way (the runner retries it with backoff).
struct WorkloadControllerError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable { case ownerGone, ownerBeingDeleted }
    private let code: Code
    let description: String

    /// kube's `original %s %v/%v is gone: got uid %v, wanted %v`.
    static func ownerGone(_ key: String, uid: String, found: String?) -> WorkloadControllerError {
        WorkloadControllerError(
            code: .ownerGone, description: "original \(key) is gone: got uid \(found ?? "<none>"), wanted \(uid)")
    }

    /// kube's `%v/%v has just been deleted at %v`: no adoptions for an owner on its way out.
    static func ownerBeingDeleted(_ key: String) -> WorkloadControllerError {
        WorkloadControllerError(code: .ownerBeingDeleted, description: "\(key) has just been deleted")
    }
}
