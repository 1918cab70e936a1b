// HollowKubemark: the Machine API's kubemark provider — each Machine becomes a hollow node (a Node object that a
// `HollowNodePool` registers and runs), configured by the Machine's `KubemarkMachineProviderConfig`, as
// openshift/cluster-api-provider-kubemark backs Machines with hollow-kubelet pods.
//
// KubemarkMachineProviderConfig.swift          the config: kubemark's fields plus Hollow's (provisioning delay,
//                                              jitter and failure, node-join delay, failure domains, region,
//                                              maxPods); what they mean for the node (shape, health schedule, zone).
// KubemarkMachineProviderConfig+Parsing.swift  `spec.providerSpec.value` → config, every problem named by field.
// KubemarkTiming.swift                         provisioning and deletion schedules as pure functions of the
//                                              Machine's timestamps, its uid and `now` (restart-safe, no timers).
// KubemarkActuator.swift                       `KubemarkActuator: MachineActuator`: create / exists / update / delete
//                                              of the Machine's Node.
// KubemarkMachineSetCapacity.swift             scale from zero: the capacity annotations cluster-autoscaler reads,
//                                              derived from a MachineSet's template, and the controller that writes
//                                              them.
