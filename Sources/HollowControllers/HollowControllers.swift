// HollowControllers: the controllers Hollow runs — in `hollow up`, or against any cluster with `hollow controllers`.
// Each folder keeps a controller's decisions as pure functions over object values (tested with no I/O) apart from
// the runner that feeds them from informers and writes what they decide.
//
// Manager/        `ControllerManager` (which controllers, shared informers, leader election), `ControllerContext`,
//                 the event recorder.
// Scheduler/      kube-scheduler's default profile: filters, scoring, the Unschedulable message; the scheduler.
// NodeLifecycle/  node health, taints and taint-based eviction; the node lifecycle and taint eviction controllers.
// Workloads/      ReplicaSet, Deployment and DaemonSet sync plans and their controllers.
