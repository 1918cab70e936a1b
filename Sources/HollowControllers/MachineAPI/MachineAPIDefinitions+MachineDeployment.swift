// The schema text is the machine-api-operator's, converted from its YAML manifest to JSON; edit it only
// to follow the operator.

extension MachineAPIDefinitions {
    /// The MachineDeployment's own fields, from the operator's last MachineDeployment manifest (`0000_30_machine-api-operator_04_machinedeployment.crd.yaml`, 2019), with `int-or-string` made structural and `status.labelSelector` added for the scale subresource; ``machineDeploymentSchema`` adds the MachineSet's `selector` and `template`.
    static let machineDeploymentSchemaText = #"""
        {
          "description": "MachineDeployment rolls MachineSets from one machine template to the next.",
          "properties": {
            "spec": {
              "properties": {
                "minReadySeconds": {
                  "description": "Minimum number of seconds for which a newly created machine should be ready. Defaults to 0 (machine will be considered available as soon as it is ready)",
                  "format": "int32",
                  "type": "integer"
                },
                "paused": {
                  "description": "Indicates that the deployment is paused.",
                  "type": "boolean"
                },
                "progressDeadlineSeconds": {
                  "description": "The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Note that progress will not be estimated during the time a deployment is paused. Defaults to 600s.",
                  "format": "int32",
                  "type": "integer"
                },
                "replicas": {
                  "description": "Number of desired machines. Defaults to 1. This is a pointer to distinguish between explicit zero and not specified.",
                  "format": "int32",
                  "type": "integer"
                },
                "revisionHistoryLimit": {
                  "description": "The number of old MachineSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.",
                  "format": "int32",
                  "type": "integer"
                },
                "strategy": {
                  "description": "The deployment strategy to use to replace existing machines with new ones.",
                  "properties": {
                    "rollingUpdate": {
                      "description": "Rolling update config params. Present only if MachineDeploymentStrategyType = RollingUpdate.",
                      "properties": {
                        "maxSurge": {
                          "description": "The maximum number of machines that can be scheduled above the desired number of machines. Value can be an absolute number (ex: 5) or a percentage of desired machines (ex: 10%). This can not be 0 if MaxUnavailable is 0. Absolute number is calculated from percentage by rounding up. Defaults to 1. Example: when this is set to 30%, the new MachineSet can be scaled up immediately when the rolling update starts, such that the total number of old and new machines do not exceed 130% of desired machines. Once old machines have been killed, new MachineSet can be scaled up further, ensuring that total number of machines running at any time during the update is at most 130% of desired machines.",
                          "x-kubernetes-int-or-string": true
                        },
                        "maxUnavailable": {
                          "description": "The maximum number of machines that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired machines (ex: 10%). Absolute number is calculated from percentage by rounding down. This can not be 0 if MaxSurge is 0. Defaults to 0. Example: when this is set to 30%, the old MachineSet can be scaled down to 70% of desired machines immediately when the rolling update starts. Once new machines are ready, old MachineSet can be scaled down further, followed by scaling up the new MachineSet, ensuring that the total number of machines available at all times during the update is at least 70% of desired machines.",
                          "x-kubernetes-int-or-string": true
                        }
                      },
                      "type": "object"
                    },
                    "type": {
                      "description": "Type of deployment. Currently the only supported strategy is \"RollingUpdate\". Default is RollingUpdate.",
                      "type": "string"
                    }
                  },
                  "type": "object"
                }
              },
              "required": [
                "selector",
                "template"
              ],
              "type": "object",
              "description": "Specification of desired behavior of the MachineDeployment."
            },
            "status": {
              "properties": {
                "availableReplicas": {
                  "description": "Total number of available machines (ready for at least minReadySeconds) targeted by this deployment.",
                  "format": "int32",
                  "type": "integer"
                },
                "observedGeneration": {
                  "description": "The generation observed by the deployment controller.",
                  "format": "int64",
                  "type": "integer"
                },
                "readyReplicas": {
                  "description": "Total number of ready machines targeted by this deployment.",
                  "format": "int32",
                  "type": "integer"
                },
                "replicas": {
                  "description": "Total number of non-terminated machines targeted by this deployment (their labels match the selector).",
                  "format": "int32",
                  "type": "integer"
                },
                "unavailableReplicas": {
                  "description": "Total number of unavailable machines targeted by this deployment. This is the total number of machines that are still required for the deployment to have 100% available capacity. They may either be machines that are running but not yet available or machines that still have not been created.",
                  "format": "int32",
                  "type": "integer"
                },
                "updatedReplicas": {
                  "description": "Total number of non-terminated machines targeted by this deployment that have the desired template spec.",
                  "format": "int32",
                  "type": "integer"
                },
                "labelSelector": {
                  "description": "The label selector of the deployment's machines in string form, for the scale subresource.",
                  "type": "string"
                }
              },
              "type": "object",
              "description": "Most recently observed status of MachineDeployment."
            }
          },
          "type": "object"
        }
        """#
}
