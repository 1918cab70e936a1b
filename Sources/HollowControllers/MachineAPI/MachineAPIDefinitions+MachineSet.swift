// The schema text is the machine-api-operator's, converted from its YAML manifest to JSON; edit it only
// to follow the operator.

extension MachineAPIDefinitions {
    /// `machinesets.machine.openshift.io`'s openAPIV3Schema (`0000_10_machine-api_01_machinesets-Default.crd.yaml`), with `spec.template.spec` left for ``machineSetSchema`` to fill from the Machine's spec, which it repeats word for word.
    static let machineSetSchemaText = #"""
        {
          "description": "MachineSet ensures that a specified number of machines replicas are running at any given time.\nCompatibility level 2: Stable within a major release for a minimum of 9 months or 3 minor releases (whichever is longer).",
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
                "selector": {
                  "description": "selector is a label query over machines that should match the replica count.\nLabel keys and values that must match in order to be controlled by this MachineSet.\nIt must match the machine template's labels.\nMore info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
                  "properties": {
                    "matchExpressions": {
                      "description": "matchExpressions is a list of label selector requirements. The requirements are ANDed.",
                      "items": {
                        "description": "A label selector requirement is a selector that contains values, a key, and an operator that\nrelates the key and values.",
                        "properties": {
                          "key": {
                            "description": "key is the label key that the selector applies to.",
                            "type": "string"
                          },
                          "operator": {
                            "description": "operator represents a key's relationship to a set of values.\nValid operators are In, NotIn, Exists and DoesNotExist.",
                            "type": "string"
                          },
                          "values": {
                            "description": "values is an array of string values. If the operator is In or NotIn,\nthe values array must be non-empty. If the operator is Exists or DoesNotExist,\nthe values array must be empty. This array is replaced during a strategic\nmerge patch.",
                            "items": {
                              "type": "string"
                            },
                            "type": "array",
                            "x-kubernetes-list-type": "atomic"
                          }
                        },
                        "required": [
                          "key",
                          "operator"
                        ],
                        "type": "object"
                      },
                      "type": "array",
                      "x-kubernetes-list-type": "atomic"
                    },
                    "matchLabels": {
                      "additionalProperties": {
                        "type": "string"
                      },
                      "description": "matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels\nmap is equivalent to an element of matchExpressions, whose key field is \"key\", the\noperator is \"In\", and the values array contains only \"value\". The requirements are ANDed.",
                      "type": "object"
                    }
                  },
                  "type": "object",
                  "x-kubernetes-map-type": "atomic"
                },
                "template": {
                  "description": "template is the object that describes the machine that will be created if\ninsufficient replicas are detected.",
                  "properties": {
                    "metadata": {
                      "description": "Standard object's metadata.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
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
                "conditions": {
                  "description": "conditions defines the current state of the MachineSet",
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
