// The schema text is the machine-api-operator's, converted from its YAML manifest to JSON; edit it only
// to follow the operator.

extension MachineAPIDefinitions {
    /// `machines.machine.openshift.io`'s openAPIV3Schema, as openshift/api generates it (`0000_10_machine-api_01_machines-Default.crd.yaml`).
    static let machineSchemaText = #"""
        {
          "description": "Machine is the Schema for the machines API\nCompatibility level 2: Stable within a major release for a minimum of 9 months or 3 minor releases (whichever is longer).",
          "properties": {
            "apiVersion": {
              "description": "APIVersion defines the versioned schema of this representation of an object.\nServers should convert recognized schemas to the latest internal value, and\nmay reject unrecognized values.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
              "type": "string"
            },
            "kind": {
              "description": "Kind is a string value representing the REST resource this object represents.\nServers may infer this from the endpoint the client submits requests to.\nCannot be updated.\nIn CamelCase.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
              "type": "string"
            },
            "metadata": {
              "type": "object"
            },
            "spec": {
              "description": "MachineSpec defines the desired state of Machine",
              "properties": {
                "lifecycleHooks": {
                  "description": "lifecycleHooks allow users to pause operations on the machine at\ncertain predefined points within the machine lifecycle.",
                  "properties": {
                    "preDrain": {
                      "description": "preDrain hooks prevent the machine from being drained.\nThis also blocks further lifecycle events, such as termination.",
                      "items": {
                        "description": "LifecycleHook represents a single instance of a lifecycle hook",
                        "properties": {
                          "name": {
                            "description": "name defines a unique name for the lifcycle hook.\nThe name should be unique and descriptive, ideally 1-3 words, in CamelCase or\nit may be namespaced, eg. foo.example.com/CamelCase.\nNames must be unique and should only be managed by a single entity.",
                            "maxLength": 256,
                            "minLength": 3,
                            "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
                            "type": "string"
                          },
                          "owner": {
                            "description": "owner defines the owner of the lifecycle hook.\nThis should be descriptive enough so that users can identify\nwho/what is responsible for blocking the lifecycle.\nThis could be the name of a controller (e.g. clusteroperator/etcd)\nor an administrator managing the hook.",
                            "maxLength": 512,
                            "minLength": 3,
                            "type": "string"
                          }
                        },
                        "required": [
                          "name",
                          "owner"
                        ],
                        "type": "object"
                      },
                      "type": "array",
                      "x-kubernetes-list-map-keys": [
                        "name"
                      ],
                      "x-kubernetes-list-type": "map"
                    },
                    "preTerminate": {
                      "description": "preTerminate hooks prevent the machine from being terminated.\nPreTerminate hooks be actioned after the Machine has been drained.",
                      "items": {
                        "description": "LifecycleHook represents a single instance of a lifecycle hook",
                        "properties": {
                          "name": {
                            "description": "name defines a unique name for the lifcycle hook.\nThe name should be unique and descriptive, ideally 1-3 words, in CamelCase or\nit may be namespaced, eg. foo.example.com/CamelCase.\nNames must be unique and should only be managed by a single entity.",
                            "maxLength": 256,
                            "minLength": 3,
                            "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$",
                            "type": "string"
                          },
                          "owner": {
                            "description": "owner defines the owner of the lifecycle hook.\nThis should be descriptive enough so that users can identify\nwho/what is responsible for blocking the lifecycle.\nThis could be the name of a controller (e.g. clusteroperator/etcd)\nor an administrator managing the hook.",
                            "maxLength": 512,
                            "minLength": 3,
                            "type": "string"
                          }
                        },
                        "required": [
                          "name",
                          "owner"
                        ],
                        "type": "object"
                      },
                      "type": "array",
                      "x-kubernetes-list-map-keys": [
                        "name"
                      ],
                      "x-kubernetes-list-type": "map"
                    }
                  },
                  "type": "object"
                },
                "metadata": {
                  "description": "ObjectMeta will autopopulate the Node created. Use this to\nindicate what labels, annotations, name prefix, etc., should be used\nwhen creating the Node.",
                  "properties": {
                    "annotations": {
                      "additionalProperties": {
                        "type": "string"
                      },
                      "description": "annotations is an unstructured key value map stored with a resource that may be\nset by external tools to store and retrieve arbitrary metadata. They are not\nqueryable and should be preserved when modifying objects.\nMore info: http://kubernetes.io/docs/user-guide/annotations",
                      "type": "object"
                    },
                    "generateName": {
                      "description": "generateName is an optional prefix, used by the server, to generate a unique\nname ONLY IF the Name field has not been provided.\nIf this field is used, the name returned to the client will be different\nthan the name passed. This value will also be combined with a unique suffix.\nThe provided value has the same validation rules as the Name field,\nand may be truncated by the length of the suffix required to make the value\nunique on the server.\n\nIf this field is specified and the generated name exists, the server will\nNOT return a 409 - instead, it will either return 201 Created or 500 with Reason\nServerTimeout indicating a unique name could not be found in the time allotted, and the client\nshould retry (optionally after the time indicated in the Retry-After header).\n\nApplied only if Name is not specified.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#idempotency",
                      "type": "string"
                    },
                    "labels": {
                      "additionalProperties": {
                        "type": "string"
                      },
                      "description": "Map of string keys and values that can be used to organize and categorize\n(scope and select) objects. May match selectors of replication controllers\nand services.\nMore info: http://kubernetes.io/docs/user-guide/labels",
                      "type": "object"
                    },
                    "name": {
                      "description": "name must be unique within a namespace. Is required when creating resources, although\nsome resources may allow a client to request the generation of an appropriate name\nautomatically. Name is primarily intended for creation idempotence and configuration\ndefinition.\nCannot be updated.\nMore info: http://kubernetes.io/docs/user-guide/identifiers#names",
                      "type": "string"
                    },
                    "namespace": {
                      "description": "namespace defines the space within each name must be unique. An empty namespace is\nequivalent to the \"default\" namespace, but \"default\" is the canonical representation.\nNot all objects are required to be scoped to a namespace - the value of this field for\nthose objects will be empty.\n\nMust be a DNS_LABEL.\nCannot be updated.\nMore info: http://kubernetes.io/docs/user-guide/namespaces",
                      "type": "string"
                    },
                    "ownerReferences": {
                      "description": "List of objects depended by this object. If ALL objects in the list have\nbeen deleted, this object will be garbage collected. If this object is managed by a controller,\nthen an entry in this list will point to this controller, with the controller field set to true.\nThere cannot be more than one managing controller.",
                      "items": {
                        "description": "OwnerReference contains enough information to let you identify an owning\nobject. An owning object must be in the same namespace as the dependent, or\nbe cluster-scoped, so there is no namespace field.",
                        "properties": {
                          "apiVersion": {
                            "description": "API version of the referent.",
                            "type": "string"
                          },
                          "blockOwnerDeletion": {
                            "description": "If true, AND if the owner has the \"foregroundDeletion\" finalizer, then\nthe owner cannot be deleted from the key-value store until this\nreference is removed.\nSee https://kubernetes.io/docs/concepts/architecture/garbage-collection/#foreground-deletion\nfor how the garbage collector interacts with this field and enforces the foreground deletion.\nDefaults to false.\nTo set this field, a user needs \"delete\" permission of the owner,\notherwise 422 (Unprocessable Entity) will be returned.",
                            "type": "boolean"
                          },
                          "controller": {
                            "description": "If true, this reference points to the managing controller.",
                            "type": "boolean"
                          },
                          "kind": {
                            "description": "Kind of the referent.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
                            "type": "string"
                          },
                          "name": {
                            "description": "Name of the referent.\nMore info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
                            "type": "string"
                          },
                          "uid": {
                            "description": "UID of the referent.\nMore info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#uids",
                            "type": "string"
                          }
                        },
                        "required": [
                          "apiVersion",
                          "kind",
                          "name",
                          "uid"
                        ],
                        "type": "object",
                        "x-kubernetes-map-type": "atomic"
                      },
                      "type": "array",
                      "x-kubernetes-list-map-keys": [
                        "uid"
                      ],
                      "x-kubernetes-list-type": "map"
                    }
                  },
                  "type": "object"
                },
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
                "conditions": {
                  "description": "conditions defines the current state of the Machine",
                  "items": {
                    "description": "Condition defines an observation of a Machine API resource operational state.",
                    "properties": {
                      "lastTransitionTime": {
                        "description": "Last time the condition transitioned from one status to another.\nThis should be when the underlying condition changed. If that is not known, then using the time when\nthe API field changed is acceptable.",
                        "format": "date-time",
                        "type": "string"
                      },
                      "message": {
                        "description": "A human readable message indicating details about the transition.\nThis field may be empty.",
                        "type": "string"
                      },
                      "reason": {
                        "description": "The reason for the condition's last transition in CamelCase.\nThe specific API may choose whether or not this field is considered a guaranteed API.\nThis field may not be empty.",
                        "type": "string"
                      },
                      "severity": {
                        "description": "severity provides an explicit classification of Reason code, so the users or machines can immediately\nunderstand the current situation and act accordingly.\nThe Severity field MUST be set only when Status=False.",
                        "type": "string"
                      },
                      "status": {
                        "description": "status of the condition, one of True, False, Unknown.",
                        "type": "string"
                      },
                      "type": {
                        "description": "type of condition in CamelCase or in foo.example.com/CamelCase.\nMany .condition.type values are consistent across resources like Available, but because arbitrary conditions\ncan be useful (see .node.status.conditions), the ability to deconflict is important.",
                        "type": "string"
                      }
                    },
                    "required": [
                      "lastTransitionTime",
                      "status",
                      "type"
                    ],
                    "type": "object"
                  },
                  "type": "array",
                  "x-kubernetes-list-map-keys": [
                    "type"
                  ],
                  "x-kubernetes-list-type": "map"
                },
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
                "nodeRef": {
                  "description": "nodeRef will point to the corresponding Node if it exists.",
                  "properties": {
                    "apiVersion": {
                      "description": "API version of the referent.",
                      "type": "string"
                    },
                    "fieldPath": {
                      "description": "If referring to a piece of an object instead of an entire object, this string\nshould contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].\nFor example, if the object reference is to a container within a pod, this would take on a value like:\n\"spec.containers{name}\" (where \"name\" refers to the name of the container that triggered\nthe event) or if no container name is specified \"spec.containers[2]\" (container with\nindex 2 in this pod). This syntax is chosen only to have some well-defined way of\nreferencing a part of an object.",
                      "type": "string"
                    },
                    "kind": {
                      "description": "Kind of the referent.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
                      "type": "string"
                    },
                    "name": {
                      "description": "Name of the referent.\nMore info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
                      "type": "string"
                    },
                    "namespace": {
                      "description": "Namespace of the referent.\nMore info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/",
                      "type": "string"
                    },
                    "resourceVersion": {
                      "description": "Specific resourceVersion to which this reference is made, if any.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#concurrency-control-and-consistency",
                      "type": "string"
                    },
                    "uid": {
                      "description": "UID of the referent.\nMore info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#uids",
                      "type": "string"
                    }
                  },
                  "type": "object",
                  "x-kubernetes-map-type": "atomic"
                },
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
