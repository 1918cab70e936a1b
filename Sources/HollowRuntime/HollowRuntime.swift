// HollowRuntime: the controller runtime — what client-go's `tools/cache`, `util/workqueue` and `leaderelection`
// and controller-runtime's `controller` and `reconcile` packages are to Kubernetes controllers.
//
// Time
//   Clock/ControllerClock.swift        `ControllerClock` (monotonic Clock + wall-clock `Timestamp`), `SystemClock`.
//   Clock/ManualClock.swift            a clock tests advance by hand; sleepers wake deterministically.
//
// Work queue (client-go's workqueue: queue.go, delaying_queue.go, rate_limiting_queue.go)
//   WorkQueue/WorkQueue.swift          `WorkQueue<Key>`: dedup, no concurrent processing of a key, delays, backoff.
//   WorkQueue/WorkQueue+State.swift    its bookkeeping as a value (dirty / processing / queue / delayed / getters).
//   WorkQueue/DelayedItems.swift       the min-heap of delayed keys.
//   WorkQueue/RateLimiter.swift        per-item exponential backoff, token bucket, max-of, the controller default.
//
// Informers (client-go's sharedIndexInformer, reflector, DeltaFIFO, processorListener)
//   Informer/Informer.swift            `Informer<Object>`: cache, indices, sync, handlers, run() over the client's
//                                      `ResourceUpdate` stream with restart backoff.
//   Informer/InformerCache.swift       objects by key plus indices; the diff of a `.replace` into events.
//   Informer/EventHandler.swift        handlers and each one's buffered delivery loop.
//   Informer/SharedInformerFactory.swift  one informer per (type, resource, namespace, options); `ListWatcher`.
//
// Controllers (controller-runtime's controller + reconcile)
//   Controller/Reconciler.swift        `Reconciler`, `ReconcileResult`.
//   Controller/Controller.swift        the runner: N workers, retry policy, graceful drain.
//   Controller/Controller+Watch.swift  informer → queue wiring (`watch`, `watchOwned`).
//
// Leader election (client-go's leaderelection + resourcelock.LeaseLock)
//   LeaderElection/LeaseStore.swift             the three Lease calls, `LeaderElectionRecord`.
//   LeaderElection/LeaderElectionState.swift    the decisions, as a value with no I/O.
//   LeaderElection/LeaderElector.swift          campaign, lead with renewal and watchdog, release.
//
// Everything long-lived is a `Service` (or runs inside one) and does its work in child tasks of `run()`; time comes
// from an injected clock so tests advance a `ManualClock` instead of sleeping.
