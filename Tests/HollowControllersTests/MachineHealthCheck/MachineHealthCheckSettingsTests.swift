import HollowModel
import Testing

@testable import HollowControllers

/// Reading a MachineHealthCheck's spec and the older `node-unhealthy-conditions` ConfigMap.
@Suite("MachineHealthCheck settings")
struct MachineHealthCheckSettingsTests {
    static func configMap(_ conditions: String?) -> ConfigMap {
        var configMap = ConfigMap([
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": ["name": "node-unhealthy-conditions", "namespace": "openshift-machine-api"],
        ])
        if let conditions { configMap.object[path: ["data", "conditions"]] = .string(conditions) }
        return configMap
    }

    @Test func theSpecIsReadWithItsDefaults() throws {
        let settings = try MachineHealthCheckSettings(MHCFixtures.healthCheck())
        #expect(settings.unhealthyConditions == MHCFixtures.readyConditions)
        #expect(settings.maxUnhealthy == .percent(100))
        #expect(settings.nodeStartupTimeout == .seconds(600))
        #expect(settings.selector.matches(["role": "worker"]))
        #expect(!settings.selector.matches(["role": "infra"]))
    }

    @Test func anEmptyOrMissingSelectorSelectsEveryMachine() throws {
        var healthCheck = MHCFixtures.healthCheck()
        healthCheck.object[path: ["spec", "selector"]] = .object([:])
        #expect(try MachineHealthCheckSettings(healthCheck).selector.matches(["any": "thing"]))
        healthCheck.object[path: ["spec", "selector"]] = nil
        #expect(try MachineHealthCheckSettings(healthCheck).selector.matches([:]))
    }

    @Test func withoutConditionsTheOlderDefaultsApply() throws {
        let settings = try MachineHealthCheckSettings(MHCFixtures.healthCheck(conditions: nil))
        #expect(settings.unhealthyConditions == nil)
        #expect(try settings.effectiveConditions(override: nil) == UnhealthyCondition.olderDefaults)
        #expect(UnhealthyCondition.olderDefaults.map(\.description) == ["Ready=Unknown for 5m0s", "Ready=False for 5m0s"])
        let empty = try MachineHealthCheckSettings(MHCFixtures.healthCheck(conditions: []))
        #expect(try empty.effectiveConditions(override: nil) == UnhealthyCondition.olderDefaults)
    }

    @Test func theConfigMapOverridesTheDefaultsButNotTheSpec() throws {
        let override = Self.configMap(
            """
            items:
            - name: NetworkUnavailable
              timeout: 5s
              status: True
            - name: Ready
              timeout: 1m30s
              status: "Unknown"
            """)
        let withoutConditions = try MachineHealthCheckSettings(MHCFixtures.healthCheck(conditions: nil))
        #expect(
            try withoutConditions.effectiveConditions(override: override) == [
                UnhealthyCondition(type: "NetworkUnavailable", status: "True", timeout: .seconds(5)),
                UnhealthyCondition(type: "Ready", status: "Unknown", timeout: .seconds(90)),
            ])
        let withConditions = try MachineHealthCheckSettings(MHCFixtures.healthCheck())
        #expect(try withConditions.effectiveConditions(override: override) == MHCFixtures.readyConditions)
    }

    @Test(arguments: [
        (nil as String?, "can not find \"conditions\""),
        ("items: [", "do not parse as YAML"),
        ("- a\n- b", "must be a YAML mapping"),
        ("items: {name: Ready}", "items must be a list"),
        ("items:\n- status: \"False\"\n  timeout: 5s", "items[0].name: required"),
        ("items:\n- name: Ready\n  timeout: 5s", "items[0].status: required"),
        ("items:\n- name: Ready\n  status: \"False\"\n  timeout: 300", "missing unit in duration"),
    ])
    func aMalformedConfigMapIsAClearError(_ data: String?, _ expected: String) throws {
        let settings = try MachineHealthCheckSettings(MHCFixtures.healthCheck(conditions: nil))
        let error = try #require(throws: MachineHealthCheckError.self) {
            try settings.effectiveConditions(override: Self.configMap(data))
        }
        #expect(error.description.contains(expected), "\(error)")
        #expect(error.description.contains("ConfigMap openshift-machine-api/node-unhealthy-conditions"))
    }

    @Test func aConfigMapWithNoItemsChecksNoConditions() throws {
        let settings = try MachineHealthCheckSettings(MHCFixtures.healthCheck(conditions: nil))
        #expect(try settings.effectiveConditions(override: Self.configMap("items: []")) == [])
        #expect(try settings.effectiveConditions(override: Self.configMap("items:")) == [])
    }

    @Test(arguments: [
        (MHCFixtures.healthCheck(nodeStartupTimeout: "ten minutes"), "spec.nodeStartupTimeout: time: invalid duration"),
        (MHCFixtures.healthCheck(nodeStartupTimeout: "-1m"), "spec.nodeStartupTimeout: must not be negative"),
        (MHCFixtures.healthCheck(maxUnhealthy: "1%0"), "spec.maxUnhealthy: invalid value \"1%0\""),
        (MHCFixtures.healthCheck(conditions: [["type": "Ready", "status": "False", "timeout": "5"]]),
         "spec.unhealthyConditions[0].timeout: time: missing unit in duration"),
        (MHCFixtures.healthCheck(conditions: [["status": "False", "timeout": "5s"]]), "spec.unhealthyConditions[0].type: required"),
    ])
    func aMalformedSpecIsAClearError(_ healthCheck: MachineHealthCheck, _ expected: String) throws {
        let error = try #require(throws: MachineHealthCheckError.self) { try MachineHealthCheckSettings(healthCheck) }
        #expect(error.description.hasPrefix(expected), "\(error)")
        #expect(!error.isUnsupported)
    }

    @Test func externalRemediationIsRefusedNotTurnedIntoDeletion() throws {
        var template = MHCFixtures.healthCheck()
        template.object[path: ["spec", "remediationTemplate"]] = [
            "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "Metal3RemediationTemplate", "name": "x",
        ]
        let error = try #require(throws: MachineHealthCheckError.self) { try MachineHealthCheckSettings(template) }
        #expect(error.isUnsupported)
        #expect(error.description == "spec.remediationTemplate: external remediation is not supported")

        var annotated = MHCFixtures.healthCheck()
        annotated.metadata.annotations = ["machine.openshift.io/remediation-strategy": "external-baremetal"]
        #expect(throws: MachineHealthCheckError.self) { try MachineHealthCheckSettings(annotated) }
    }

    @Test func thePausedAnnotationIsHonouredWhateverItsValue() {
        var healthCheck = MHCFixtures.healthCheck()
        #expect(!MachineHealthCheckSettings.isPaused(healthCheck))
        healthCheck.metadata.annotations = ["cluster.x-k8s.io/paused": ""]
        #expect(MachineHealthCheckSettings.isPaused(healthCheck))
    }
}
