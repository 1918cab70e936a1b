// The schema text is the machine-api-operator's, converted from its YAML manifest to JSON; edit it only
// to follow the operator.

extension MachineAPIDefinitions {
    /// `machinehealthchecks.machine.openshift.io`'s openAPIV3Schema (`0000_10_machine-api_01_machinehealthchecks.crd.yaml`).
    static let machineHealthCheckSchemaText = #"""
        {
          "description": "MachineHealthCheck is the Schema for the machinehealthchecks API\nCompatibility level 2: Stable within a major release for a minimum of 9 months or 3 minor releases (whichever is longer).",
          "properties": {
            \#(typeMetaPropertiesText),
            "spec": {
              "description": "Specification of machine health check policy",
              "properties": {
                "maxUnhealthy": {
                  "anyOf": [
                    {
                      "type": "integer"
                    },
                    {
                      "type": "string"
                    }
                  ],
                  "default": "100%",
                  "description": "Any farther remediation is only allowed if at most \"MaxUnhealthy\" machines selected by\n\"selector\" are not healthy.\nExpects either a postive integer value or a percentage value.\nPercentage values must be positive whole numbers and are capped at 100%.\nBoth 0 and 0% are valid and will block all remediation.\nDefaults to 100% if not set.",
                  "pattern": "^((100|[0-9]{1,2})%|[0-9]+)$",
                  "x-kubernetes-int-or-string": true
                },
                "nodeStartupTimeout": {
                  "default": "10m",
                  "description": "Machines older than this duration without a node will be considered to have\nfailed and will be remediated.\nTo prevent Machines without Nodes from being removed, disable startup checks\nby setting this value explicitly to \"0\".\nExpects an unsigned duration string of decimal numbers each with optional\nfraction and a unit suffix, eg \"300ms\", \"1.5h\" or \"2h45m\".\nValid time units are \"ns\", \"us\" (or \"µs\"), \"ms\", \"s\", \"m\", \"h\".",
                  "pattern": "^0|([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$",
                  "type": "string"
                },
                "remediationTemplate": \#(objectReferenceSchemaText(description: "remediationTemplate is a reference to a remediation template\nprovided by an infrastructure provider.\n\nThis field is completely optional, when filled, the MachineHealthCheck controller\ncreates a new object from the template referenced and hands off remediation of the machine to\na controller that lives outside of Machine API Operator.")),
                "selector": \#(labelSelectorSchemaText(description: "Label selector to match machines whose health will be exercised.\nNote: An empty selector will match all machines.")),
                "unhealthyConditions": {
                  "description": "unhealthyConditions contains a list of the conditions that determine\nwhether a node is considered unhealthy.  The conditions are combined in a\nlogical OR, i.e. if any of the conditions is met, the node is unhealthy.",
                  "items": {
                    "description": "UnhealthyCondition represents a Node condition type and value with a timeout\nspecified as a duration.  When the named condition has been in the given\nstatus for at least the timeout value, a node is considered unhealthy.",
                    "properties": {
                      "status": {
                        "minLength": 1,
                        "type": "string"
                      },
                      "timeout": {
                        "description": "Expects an unsigned duration string of decimal numbers each with optional\nfraction and a unit suffix, eg \"300ms\", \"1.5h\" or \"2h45m\".\nValid time units are \"ns\", \"us\" (or \"µs\"), \"ms\", \"s\", \"m\", \"h\".",
                        "pattern": "^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$",
                        "type": "string"
                      },
                      "type": {
                        "minLength": 1,
                        "type": "string"
                      }
                    },
                    "type": "object"
                  },
                  "minItems": 1,
                  "type": "array"
                }
              },
              "type": "object"
            },
            "status": {
              "description": "Most recently observed status of MachineHealthCheck resource",
              "properties": {
                "conditions": \#(conditionsSchemaText(of: "MachineHealthCheck")),
                "currentHealthy": {
                  "description": "total number of machines counted by this machine health check",
                  "minimum": 0,
                  "type": "integer"
                },
                "expectedMachines": {
                  "description": "total number of machines counted by this machine health check",
                  "minimum": 0,
                  "type": "integer"
                },
                "remediationsAllowed": {
                  "description": "remediationsAllowed is the number of further remediations allowed by this machine health check before\nmaxUnhealthy short circuiting will be applied",
                  "format": "int32",
                  "minimum": 0,
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
