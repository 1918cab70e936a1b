// HollowNodes: hollow kubelets — what kubemark's hollow kubelet is (a Node that registers, heartbeats and runs the pods
// bound to it), without a process or a pod per node, so that one small machine holds thousands. A node's behaviour
// is data: the annotations on its Node object, changeable on a live node with `kubectl annotate`.
//
// Keys and values (no I/O)
//   HollowNodeKeys.swift                           the labels and annotations, documented: the single list of keys.
//   Configuration/HollowNodeShape.swift            capacity (= allocatable) and kubelet version.
//   Configuration/HollowNodeBehavior.swift         health schedule, failure injection, pod timings, intervals;
//                                                  `HollowNodeConditionOverride`; `HollowNodeConfiguration`.
//   Configuration/HollowNodeHealthSchedule.swift   kubemark's schedule as a pure function of time since start.
//   Configuration/HollowNodeConfiguration+Annotations.swift  annotations ⇄ configuration, with every error named.
//   Configuration/HollowNodeConfigurationError.swift
//
// Simulation (state machines as values: `step(now:)` returns the writes due and when to step again; `record(_:)`
// after a write succeeded)
//   Simulation/HollowNodeCondition.swift           node conditions, and the kubelet's targets (`KubeletConditions`).
//   Simulation/HollowNodeStateMachine.swift        one kubelet: start, status posts, Lease renewals, on a spread grid.
//   Simulation/HollowPodStateMachine.swift         one pod: Pending → Running → Succeeded/Failed, graceful deletion.
//
// Objects (the JSON a kubelet writes)
//   Objects/HollowNodeObjects.swift                registration patch, status patch, nodeInfo, Lease, Events.
//   Objects/HollowPodStatus.swift                  a running / finished pod's status.
//   Objects/HollowNodeTemplate.swift               the Node to create for a hollow node (CLI, kubemark provider).
//
// The pool (the `Service`)
//   Pool/HollowNodePool.swift                      `HollowNodePool`: two watches (hollow Nodes, bound Pods), run().
//   Pool/HollowNodePoolState.swift                 everything known, under one lock; applying events.
//   Pool/HollowTimerQueue.swift                    the min-heap of due keys, one worker per key at a time.
//   Pool/HollowNodePool+Scheduling.swift           the timer loop, the writers, the wake-up signal.
//   Pool/HollowNodePool+Nodes.swift                a node's writes: start, status, Lease, Events.
//   Pool/HollowNodePool+Pods.swift                 a pod's writes: status, delete.
//   Pool/HollowAddressAllocator.swift              InternalIP / podCIDR slots, pod IPs.
//   Pool/HollowNodePoolStatistics.swift            counts and Lease-lag histogram for the CLI and the benchmark.
//
// Time comes from an injected `ControllerClock`: every timestamp written (`lastTransitionTime`, `renewTime`,
// `startTime`) and every delay is on it, so tests run a `ManualClock` and advance it.
