// The schema text is the machine-api-operator's, converted from its YAML manifest to JSON; edit it only
// to follow the operator.

extension MachineAPIDefinitions {
    /// `machines.machine.openshift.io`'s openAPIV3Schema, as openshift/api generates it (`0000_10_machine-api_01_machines-Default.crd.yaml`).
    static let machineSchemaText = #"""
        {
          "description": "Machine is the Schema for the machines API\nCompatibility level 2: Stable within a major release for a minimum of 9 months or 3 minor releases (whichever is longer).",
          "properties": {
            \#(typeMetaPropertiesText),
            "spec": {
              "description": "MachineSpec defines the desired state of Machine",
              "properties": {
                "lifecycleHooks": {
                  "description": "lifecycleHooks allow users to pause operations on the machine at\ncertain predefined points within the machine lifecycle.",
                  "properties": {
                    "preDrain": \#(lifecycleHooksSchemaText(description: "preDrain hooks prevent the machine from being drained.\nThis also blocks further lifecycle events, such as termination.")),
                    "preTerminate": \#(lifecycleHooksSchemaText(description: "preTerminate hooks prevent the machine from being terminated.\nPreTerminate hooks be actioned after the Machine has been drained."))
                  },
                  "type": "object"
                },
                "metadata": \#(objectMetaSchemaText(description: "ObjectMeta will autopopulate the Node created. Use this to\nindicate what labels, annotations, name prefix, etc., should be used\nwhen creating the Node.")),
                "providerID": {
                  "description": "providerID is the identification ID of the machine provided by the provider.\nThis field must match the provider ID as seen on the node object corresponding to this machine.\nThis field is required by higher level consumers of cluster-api. Example use case is cluster autoscaler\nwith cluster-api as provider. Clean-up logic in the autoscaler compares machines to nodes to find out\nmachines at provider which could not get registered as Kubernetes nodes. With cluster-api as a\ngeneric out-of-tree provider for autoscaler, this field is required by autoscaler to be\nable to have a provider view of the list of machines. Another list of nodes is queried from the k8s apiserver\nand then a comparison is done to find out unregistered machines and are marked for delete.\nThis field will be set by the actuators and consumed by higher level entities like autoscaler that will\nbe interfacing with cluster-api as generic provider.",
                  "type": "string"
                },
                "providerSpec": {
                  "description": "providerSpec details Provider-specific configuration to use during node creation.",
                  "properties": {
                    "value": {
                      "description": "value is an inlined, serialized representation of the resource\nconfiguration. It is recommended that providers maintain their own\nversioned API types that should be serialized/deserialized from this\nfield, akin to component config.",
                      "type": "object",
                      "x-kubernetes-preserve-unknown-fields": true
                    }
                  },
                  "type": "object"
                },
                "taints": {
                  "description": "The list of the taints to be applied to the corresponding Node in additive\nmanner. This list will not overwrite any other taints added to the Node on\nan ongoing basis by other entities. These taints should be actively reconciled\ne.g. if you ask the machine controller to apply a taint and then manually remove\nthe taint the machine controller will put it back) but not have the machine controller\nremove any taints",
                  "items": {
                    "description": "The node this Taint is attached to has the \"effect\" on\nany pod that does not tolerate the Taint.",
                    "properties": {
                      "effect": {
                        "description": "Required. The effect of the taint on pods\nthat do not tolerate the taint.\nValid effects are NoSchedule, PreferNoSchedule and NoExecute.",
                        "type": "string"
                      },
                      "key": {
                        "description": "Required. The taint key to be applied to a node.",
                        "type": "string"
                      },
                      "timeAdded": {
                        "description": "TimeAdded represents the time at which the taint was added.",
                        "format": "date-time",
                        "type": "string"
                      },
                      "value": {
                        "description": "The taint value corresponding to the taint key.",
                        "type": "string"
                      }
                    },
                    "required": [
                      "effect",
                      "key"
                    ],
                    "type": "object"
                  },
                  "type": "array",
                  "x-kubernetes-list-type": "atomic"
                }
              },
              "type": "object"
            },
            "status": {
              "description": "MachineStatus defines the observed state of Machine",
              "properties": {
                "addresses": {
                  "description": "addresses is a list of addresses assigned to the machine. Queried from cloud provider, if available.",
                  "items": {
                    "description": "NodeAddress contains information for the node's address.",
                    "properties": {
                      "address": {
                        "description": "The node address.",
                        "type": "string"
                      },
                      "type": {
                        "description": "Node address type, one of Hostname, ExternalIP or InternalIP.",
                        "type": "string"
                      }
                    },
                    "required": [
                      "address",
                      "type"
                    ],
                    "type": "object"
                  },
                  "type": "array",
                  "x-kubernetes-list-type": "atomic"
                },
                "conditions": \#(conditionsSchemaText(of: "Machine")),
                "errorMessage": {
                  "description": "errorMessage will be set in the event that there is a terminal problem\nreconciling the Machine and will contain a more verbose string suitable\nfor logging and human consumption.\n\nThis field should not be set for transitive errors that a controller\nfaces that are expected to be fixed automatically over\ntime (like service outages), but instead indicate that something is\nfundamentally wrong with the Machine's spec or the configuration of\nthe controller, and that manual intervention is required. Examples\nof terminal errors would be invalid combinations of settings in the\nspec, values that are unsupported by the controller, or the\nresponsible controller itself being critically misconfigured.\n\nAny transient errors that occur during the reconciliation of Machines\ncan be added as events to the Machine object and/or logged in the\ncontroller's output.",
                  "type": "string"
                },
                "errorReason": {
                  "description": "errorReason will be set in the event that there is a terminal problem\nreconciling the Machine and will contain a succinct value suitable\nfor machine interpretation.\n\nThis field should not be set for transitive errors that a controller\nfaces that are expected to be fixed automatically over\ntime (like service outages), but instead indicate that something is\nfundamentally wrong with the Machine's spec or the configuration of\nthe controller, and that manual intervention is required. Examples\nof terminal errors would be invalid combinations of settings in the\nspec, values that are unsupported by the controller, or the\nresponsible controller itself being critically misconfigured.\n\nAny transient errors that occur during the reconciliation of Machines\ncan be added as events to the Machine object and/or logged in the\ncontroller's output.",
                  "type": "string"
                },
                "lastOperation": {
                  "description": "lastOperation describes the last-operation performed by the machine-controller.\nThis API should be useful as a history in terms of the latest operation performed on the\nspecific machine. It should also convey the state of the latest-operation for example if\nit is still on-going, failed or completed successfully.",
                  "properties": {
                    "description": {
                      "description": "description is the human-readable description of the last operation.",
                      "type": "string"
                    },
                    "lastUpdated": {
                      "description": "lastUpdated is the timestamp at which LastOperation API was last-updated.",
                      "format": "date-time",
                      "type": "string"
                    },
                    "state": {
                      "description": "state is the current status of the last performed operation.\nE.g. Processing, Failed, Successful etc",
                      "type": "string"
                    },
                    "type": {
                      "description": "type is the type of operation which was last performed.\nE.g. Create, Delete, Update etc",
                      "type": "string"
                    }
                  },
                  "type": "object"
                },
                "lastUpdated": {
                  "description": "lastUpdated identifies when this status was last observed.",
                  "format": "date-time",
                  "type": "string"
                },
                "nodeRef": \#(objectReferenceSchemaText(description: "nodeRef will point to the corresponding Node if it exists.")),
                "phase": {
                  "description": "phase represents the current phase of machine actuation.\nOne of: Failed, Provisioning, Provisioned, Running, Deleting",
                  "type": "string"
                },
                "providerStatus": {
                  "description": "providerStatus details a Provider-specific status.\nIt is recommended that providers maintain their\nown versioned API types that should be\nserialized/deserialized from this field.",
                  "type": "object",
                  "x-kubernetes-preserve-unknown-fields": true
                }
              },
              "type": "object"
            }
          },
          "type": "object"
        }
        """#
}
