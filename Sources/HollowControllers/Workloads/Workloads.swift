// Workloads: kube-controller-manager's ReplicaSet, Deployment and DaemonSet controllers. Their decision logic is pure
// functions over object values, which do no I/O and read no clock: a reconciler lists from its informers, calls a
// `plan` function with `now`, carries out the returned actions in order (stopping at the first failure and letting the
// work queue retry), writes the status the plan computed, and requeues after `requeueAfter`.
//
// How this folder is organised:
//
// - `Workload*.swift`     What the three controllers share: pod predicates and the ReplicaSet deletion order
//                         (`WorkloadPod`), pods built from a template (`WorkloadPodTemplate`), claiming by selector and
//                         controller reference with kube's adopt/release patches (`WorkloadClaim`, `WorkloadOwnership`),
//                         `intstr` resolution, the template hash (`WorkloadHash`), status conditions, creation/deletion
//                         expectations and slow-start batches (`WorkloadExpectations`, `workloadSlowStartBatches`).
// - `ReplicaSet*.swift`   `ReplicaSetSync.plan`: claim pods, create or delete towards `spec.replicas` (at most 500 a
//                         sync, surplus ranked as `ActivePodsWithRanks`), and the new status.
// - `Deployment*.swift`   `DeploymentSync.plan`: claim ReplicaSets, find or create the new one (pod-template-hash,
//                         revisions, rollback), RollingUpdate (`rolling.go`) or Recreate, proportional scaling and
//                         paused Deployments (`sync.go`), history cleanup, and the status with kube's conditions.
//                         `+Sizes` holds the arithmetic (`ResolveFenceposts`, `NewRSNewReplicas`, `GetProportion`),
//                         `+ReplicaSets` finding and building ReplicaSets and their annotations, `+Status` the
//                         conditions, `+Rollout` the strategies.
// - `DaemonSet*.swift`    `DaemonSetSync.plan`: ControllerRevisions for the template, which nodes should run a daemon
//                         pod (`DaemonSetPlacement`: node selector, required node affinity, taints against the
//                         tolerations the controller adds), pods to create pinned by node affinity and to delete,
//                         RollingUpdate with maxUnavailable or maxSurge, history cleanup, and the status.
//
// Each `plan` mirrors one `sync*` of kube's controller and reads the cache as kube does: a write made earlier in the
// same sync is not seen by its later steps unless kube itself uses the API's answer.
//
// The running controllers (the only files here that do I/O):
//
// - `*Controller.swift`        `ReplicaSetController`, `DeploymentController`, `DaemonSetController`: `make(context)`
//                              builds a `Controller` over the shared informers; its reconciler lists from the caches,
//                              calls the plan with `context.clock.wallTime`, carries the actions out in order, writes
//                              the status and requeues. Conflicts and AlreadyExists (a cache behind a write) requeue
//                              quietly; other failures go to the runner's backoff; a `WorkloadError` is logged and not
//                              retried until the object changes.
// - `WorkloadOwnerEvents`      the informer handlers that map owned objects (pods, ReplicaSets, ControllerRevisions)
//                              to their controller's key, and orphans to every owner that selects them, lowering
//                              expectations as pods are seen created and deleted.
// - `WorkloadControl`          expectations under a lock, pod creates in slow-start batches and deletes
//                              (`PodControl`), the adoption recheck and claim patches, type metadata for writes.
