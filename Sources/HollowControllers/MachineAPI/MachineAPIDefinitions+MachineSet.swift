// The schema text is the machine-api-operator's, converted from its YAML manifest to JSON; edit it only
// to follow the operator.

extension MachineAPIDefinitions {
    /// `machinesets.machine.openshift.io`'s openAPIV3Schema (`0000_10_machine-api_01_machinesets-Default.crd.yaml`), with `spec.template.spec` left for ``machineSetSchema`` to fill from the Machine's spec, which it repeats word for word.
    static let machineSetSchemaText = #"""
        {
          "description": "MachineSet ensures that a specified number of machines replicas are running at any given time.\nCompatibility level 2: Stable within a major release for a minimum of 9 months or 3 minor releases (whichever is longer).",
          "properties": {
            \#(typeMetaPropertiesText),
            "spec": {
              "description": "MachineSetSpec defines the desired state of MachineSet",
              "properties": {
                "deletePolicy": {
                  "description": "deletePolicy defines the policy used to identify nodes to delete when downscaling.\nDefaults to \"Random\".  Valid values are \"Random, \"Newest\", \"Oldest\"",
                  "enum": [
                    "Random",
                    "Newest",
                    "Oldest"
                  ],
                  "type": "string"
                },
                "minReadySeconds": {
                  "description": "minReadySeconds is the minimum number of seconds for which a newly created machine should be ready.\nDefaults to 0 (machine will be considered available as soon as it is ready)",
                  "format": "int32",
                  "type": "integer"
                },
                "replicas": {
                  "default": 1,
                  "description": "replicas is the number of desired replicas.\nThis is a pointer to distinguish between explicit zero and unspecified.\nDefaults to 1.",
                  "format": "int32",
                  "type": "integer"
                },
                "selector": \#(labelSelectorSchemaText(description: "selector is a label query over machines that should match the replica count.\nLabel keys and values that must match in order to be controlled by this MachineSet.\nIt must match the machine template's labels.\nMore info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors")),
                "template": {
                  "description": "template is the object that describes the machine that will be created if\ninsufficient replicas are detected.",
                  "properties": {
                    "metadata": \#(objectMetaSchemaText(description: "Standard object's metadata.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata")),
                    "spec": {
                      "description": "Specification of the desired behavior of the machine.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status",
                      "type": "object"
                    }
                  },
                  "type": "object"
                }
              },
              "type": "object"
            },
            "status": {
              "description": "MachineSetStatus defines the observed state of MachineSet",
              "properties": {
                "availableReplicas": {
                  "description": "The number of available replicas (ready for at least minReadySeconds) for this MachineSet.",
                  "format": "int32",
                  "type": "integer"
                },
                "conditions": \#(conditionsSchemaText(of: "MachineSet")),
                "errorMessage": {
                  "type": "string"
                },
                "errorReason": {
                  "description": "In the event that there is a terminal problem reconciling the\nreplicas, both ErrorReason and ErrorMessage will be set. ErrorReason\nwill be populated with a succinct value suitable for machine\ninterpretation, while ErrorMessage will contain a more verbose\nstring suitable for logging and human consumption.\n\nThese fields should not be set for transitive errors that a\ncontroller faces that are expected to be fixed automatically over\ntime (like service outages), but instead indicate that something is\nfundamentally wrong with the MachineTemplate's spec or the configuration of\nthe machine controller, and that manual intervention is required. Examples\nof terminal errors would be invalid combinations of settings in the\nspec, values that are unsupported by the machine controller, or the\nresponsible machine controller itself being critically misconfigured.\n\nAny transient errors that occur during the reconciliation of Machines\ncan be added as events to the MachineSet object and/or logged in the\ncontroller's output.",
                  "type": "string"
                },
                "fullyLabeledReplicas": {
                  "description": "The number of replicas that have labels matching the labels of the machine template of the MachineSet.",
                  "format": "int32",
                  "type": "integer"
                },
                "labelSelector": {
                  "description": "labelSelector is a label selector, in string format, for Machines corresponding to the MachineSet.\nIt is exposed via the scale subresource as status.selector.\nWhen omitted, the MachineSet controller has not yet reconciled spec.selector into status.labelSelector.\nWhen present, it must not be empty and must not exceed 4096 characters.",
                  "maxLength": 4096,
                  "minLength": 1,
                  "type": "string"
                },
                "observedGeneration": {
                  "description": "observedGeneration reflects the generation of the most recently observed MachineSet.",
                  "format": "int64",
                  "type": "integer"
                },
                "readyReplicas": {
                  "description": "The number of ready replicas for this MachineSet. A machine is considered ready when the node has been created and is \"Ready\".",
                  "format": "int32",
                  "type": "integer"
                },
                "replicas": {
                  "description": "replicas is the most recently observed number of replicas.",
                  "format": "int32",
                  "type": "integer"
                }
              },
              "type": "object"
            }
          },
          "type": "object"
        }
        """#
}
