import HollowControllers
import HollowKubemark
import HollowModel
import HollowNodes
import Testing

/// A provider config value: the type meta, then `fields` (JSON members, without braces).
func providerSpec(_ fields: String) -> JSON {
    let members = fields.isEmpty ? "" : ", " + fields
    return try! JSON(
        parsing: #"{"apiVersion": "kubemarkproviderconfig.k8s.io/v1alpha1", "kind": "KubemarkMachineProviderConfig""#
            + members + "}")
}

func config(_ build: (inout KubemarkMachineProviderConfig) -> Void) -> KubemarkMachineProviderConfig {
    var config = KubemarkMachineProviderConfig()
    build(&config)
    return config
}

struct ConfigCase: Sendable, CustomTestStringConvertible {
    let name: String
    let fields: String
    let expected: KubemarkMachineProviderConfig
    var testDescription: String { name }
}

struct InvalidCase: Sendable, CustomTestStringConvertible {
    let name: String
    let value: JSON?
    /// The whole error message.
    let message: String
    var testDescription: String { name }

    init(_ name: String, fields: String, _ message: String) {
        self.name = name
        self.value = providerSpec(fields)
        self.message = message
    }

    init(_ name: String, value: JSON?, _ message: String) {
        self.name = name
        self.value = value
        self.message = message
    }
}

@Suite struct KubemarkMachineProviderConfigParsingTests {
    static let valid: [ConfigCase] = [
        ConfigCase(name: "only the type meta: kubemark's defaults", fields: "", expected: KubemarkMachineProviderConfig()),
        ConfigCase(
            name: "the kubemark repository's example machine",
            fields: #"""
                "unhealthyDuration": "5s", "healthyDuration": "5s", "turnUnhealthyPeriodically": true,
                "image": "docker.io/gofed/kubemark:v1.14.3-beta.0-2", "numCores": 2, "memoryCapacity": 10737418240
                """#,
            expected: config {
                $0.unhealthyDuration = .seconds(5)
                $0.healthyDuration = .seconds(5)
                $0.turnUnhealthyPeriodically = true
                $0.image = "docker.io/gofed/kubemark:v1.14.3-beta.0-2"
                $0.numCores = 2
                $0.memoryCapacity = Quantity(10 << 30, format: .binarySI)
            }),
        ConfigCase(
            name: "metadata, deletionTimeout and a quantity for memory",
            fields: #""metadata": {"creationTimestamp": null}, "deletionTimeout": "1m30s", "memoryCapacity": "32Gi""#,
            expected: config {
                $0.deletionTimeout = .seconds(90)
                $0.memoryCapacity = Quantity(32 << 30, format: .binarySI)
            }),
        ConfigCase(
            name: "null is unset",
            fields: #""healthyDuration": null, "numCores": null, "turnUnhealthyAfter": null, "image": null"#,
            expected: KubemarkMachineProviderConfig()),
        ConfigCase(
            name: "Hollow's extensions",
            fields: #"""
                "provisioningDelay": "2s", "provisioningJitter": "500ms", "provisioningFailureProbability": 0.25,
                "nodeJoinDelay": "1s", "failureDomains": ["zone-a", "zone-b"], "region": "east", "maxPods": 250
                """#,
            expected: config {
                $0.provisioningDelay = .seconds(2)
                $0.provisioningJitter = .milliseconds(500)
                $0.provisioningFailureProbability = 0.25
                $0.nodeJoinDelay = .seconds(1)
                $0.failureDomains = ["zone-a", "zone-b"]
                $0.region = "east"
                $0.maxPods = 250
            }),
        ConfigCase(
            name: "a probability written as a whole number", fields: #""provisioningFailureProbability": 1"#,
            expected: config { $0.provisioningFailureProbability = 1 }),
        ConfigCase(
            name: "an image without a tag", fields: #""image": "registry.local:5000/kubemark""#,
            expected: config { $0.image = "registry.local:5000/kubemark" }),
    ]

    @Test(arguments: valid)
    func validConfigsParse(_ testCase: ConfigCase) throws {
        #expect(try KubemarkMachineProviderConfig(providerSpec: providerSpec(testCase.fields)) == testCase.expected)
    }

    static let invalid: [InvalidCase] = [
        InvalidCase(
            "no value", value: nil,
            "spec.providerSpec.value: missing (want a KubemarkMachineProviderConfig)"),
        InvalidCase(
            "not an object", value: "kubemark",
            #"spec.providerSpec.value: must be an object, got the string "kubemark""#),
        InvalidCase(
            "another apiVersion",
            value: try! JSON(parsing: #"{"apiVersion": "awsproviderconfig.openshift.io/v1beta1", "kind": "KubemarkMachineProviderConfig"}"#),
            #"apiVersion: unknown apiVersion "awsproviderconfig.openshift.io/v1beta1" (want kubemarkproviderconfig.k8s.io/v1alpha1)"#),
        InvalidCase(
            "another kind and no apiVersion", value: try! JSON(parsing: #"{"kind": "AWSMachineProviderConfig"}"#),
            "apiVersion: missing (want kubemarkproviderconfig.k8s.io/v1alpha1); "
                + #"kind: unknown kind "AWSMachineProviderConfig" (want KubemarkMachineProviderConfig)"#),
        InvalidCase(
            "a negative duration", fields: #""healthyDuration": "-5s""#,
            #"healthyDuration: "-5s" must not be negative"#),
        InvalidCase(
            "a duration without a unit", fields: #""provisioningDelay": "5""#,
            #"provisioningDelay: "5" is not a duration (time: missing unit in duration "5"); use e.g. 40s, 1m30s, 250ms"#),
        InvalidCase(
            "a duration as a number", fields: #""deletionTimeout": 5"#,
            #"deletionTimeout: must be a duration string such as "40s", got the number 5"#),
        InvalidCase(
            "numCores as a string", fields: #""numCores": "x""#,
            #"numCores: must be a whole number, got the string "x""#),
        InvalidCase("numCores zero", fields: #""numCores": 0"#, "numCores: must be at least 1, got 0"),
        InvalidCase("maxPods a fraction", fields: #""maxPods": 1.5"#, "maxPods: must be a whole number, got the number 1.5"),
        InvalidCase(
            "a malformed quantity", fields: #""memoryCapacity": "12XB""#,
            #"memoryCapacity: "12XB" is not a quantity such as 16Gi or 512Mi, nor a byte count"#),
        InvalidCase(
            "a negative memory", fields: #""memoryCapacity": "-1Gi""#, "memoryCapacity: -1Gi must be greater than zero"),
        InvalidCase(
            "a probability above one", fields: #""provisioningFailureProbability": 1.5"#,
            "provisioningFailureProbability: 1.5 is outside 0...1"),
        InvalidCase(
            "a probability as a string", fields: #""provisioningFailureProbability": "10%""#,
            #"provisioningFailureProbability: must be a number from 0 to 1, got the string "10%""#),
        InvalidCase(
            "a boolean as a string", fields: #""turnUnhealthyAfter": "yes""#,
            #"turnUnhealthyAfter: must be true or false, got the string "yes""#),
        InvalidCase(
            "an image tag that is not a version", fields: #""image": "quay.io/kubemark:latest""#,
            #"image: tag "latest" of "quay.io/kubemark:latest" is not a kubelet version (want e.g. …/kubemark:v1.27.3)"#),
        InvalidCase(
            "an empty failure domain", fields: #""failureDomains": ["zone-a", ""]"#,
            #"failureDomains[1]: must be a zone name, got the string """#),
        InvalidCase(
            "failure domains as a string", fields: #""failureDomains": "zone-a""#,
            #"failureDomains: must be a list of zone names, got the string "zone-a""#),
        InvalidCase(
            "a periodic schedule without durations", fields: #""turnUnhealthyPeriodically": true"#,
            "turnUnhealthyPeriodically: needs healthyDuration; turnUnhealthyPeriodically: needs unhealthyDuration"),
        InvalidCase(
            "a periodic schedule with a zero phase", fields: #""turnUnhealthyPeriodically": true, "healthyDuration": "0s", "unhealthyDuration": "5s""#,
            "healthyDuration: must be greater than zero with turnUnhealthyPeriodically"),
        InvalidCase(
            "turnUnhealthyAfter without a duration", fields: #""turnUnhealthyAfter": true"#,
            "turnUnhealthyAfter: needs healthyDuration (or unhealthyDuration): how long the node stays Ready"),
        InvalidCase(
            "every problem, in field order after unknown fields",
            fields: #""numCPUs": 4, "numCores": "x", "healthyDuration": "-5s""#,
            "numCPUs: unknown field (known: " + KubemarkMachineProviderConfig.fieldNames.joined(separator: ", ") + "); "
                + #"healthyDuration: "-5s" must not be negative; numCores: must be a whole number, got the string "x""#),
    ]

    @Test(arguments: invalid)
    func invalidConfigsFailWithTheFieldAndTheReason(_ testCase: InvalidCase) {
        #expect(throws: MachineActuatorError.failed(.invalidConfiguration, testCase.message)) {
            try KubemarkMachineProviderConfig(providerSpec: testCase.value)
        }
    }

    @Test func isKubemarkLooksOnlyAtTheTypeMeta() throws {
        #expect(KubemarkMachineProviderConfig.isKubemark(providerSpec(#""numCores": "x""#)))
        #expect(!KubemarkMachineProviderConfig.isKubemark(try JSON(parsing: #"{"kind": "KubemarkMachineProviderConfig"}"#)))
        #expect(!KubemarkMachineProviderConfig.isKubemark(nil))
    }
}

@Suite struct KubemarkMachineProviderConfigMeaningTests {
    @Test(arguments: [
        ("docker.io/gofed/kubemark:v1.27.3", "v1.27.3"),
        ("docker.io/gofed/kubemark:v1.11.3-6", "v1.11.3-6"),
        ("registry.local:5000/team/kubemark:v1.30.1@sha256:abcdef", "v1.30.1"),
        ("registry.local:5000/kubemark", nil),
        ("kubemark", nil),
    ] as [(String, String?)])
    func theImageTagIsTheKubeletVersion(image: String, version: String?) {
        #expect(config { $0.image = image }.kubeletVersion == version)
        #expect(config { $0.image = image }.shape.kubeletVersion == version ?? HollowNodeShape.defaultKubeletVersion)
    }

    struct ScheduleCase: Sendable, CustomTestStringConvertible {
        let name: String
        let fields: String
        let schedule: HollowNodeHealthSchedule.Mode
        var testDescription: String { name }
    }

    @Test(arguments: [
        ScheduleCase(name: "nothing: always healthy", fields: "", schedule: .alwaysHealthy),
        ScheduleCase(
            name: "durations alone change nothing", fields: #""healthyDuration": "5s", "unhealthyDuration": "5s""#,
            schedule: .alwaysHealthy),
        ScheduleCase(
            name: "periodic", fields: #""turnUnhealthyPeriodically": true, "healthyDuration": "40s", "unhealthyDuration": "5s""#,
            schedule: .periodic(healthy: .seconds(40), unhealthy: .seconds(5))),
        ScheduleCase(
            name: "after: the README's unhealthyDuration alone", fields: #""turnUnhealthyAfter": true, "unhealthyDuration": "40s""#,
            schedule: .unhealthyAfter(.seconds(40))),
        ScheduleCase(
            name: "after: the actuator's healthyDuration wins",
            fields: #""turnUnhealthyAfter": true, "healthyDuration": "10s", "unhealthyDuration": "40s""#,
            schedule: .unhealthyAfter(.seconds(10))),
        ScheduleCase(
            name: "after wins over periodic",
            fields: #""turnUnhealthyAfter": true, "turnUnhealthyPeriodically": true, "healthyDuration": "10s", "unhealthyDuration": "3s""#,
            schedule: .unhealthyAfter(.seconds(10))),
    ])
    func healthScheduleFollowsKubemark(_ testCase: ScheduleCase) throws {
        let parsed = try KubemarkMachineProviderConfig(providerSpec: providerSpec(testCase.fields))
        #expect(parsed.healthSchedule.mode == testCase.schedule)
    }

    @Test func nodeConfigurationCarriesShapeScheduleAndJoinDelay() throws {
        let parsed = try KubemarkMachineProviderConfig(
            providerSpec: providerSpec(
                #""numCores": 8, "memoryCapacity": "32Gi", "maxPods": 250, "image": "x/kubemark:v1.27.3", "nodeJoinDelay": "3s", "turnUnhealthyAfter": true, "healthyDuration": "1m""#
            ))
        let annotations = parsed.nodeConfiguration.annotations
        #expect(
            annotations == [
                "hollow.dev/cpu": "8", "hollow.dev/memory": "32Gi", "hollow.dev/pods": "250",
                "hollow.dev/kubelet-version": "v1.27.3", "hollow.dev/registration-delay": "3s",
                "hollow.dev/turn-unhealthy-after": "true", "hollow.dev/healthy-duration": "1m0s",
            ])
        // What the pool reads back is what was meant.
        #expect(try HollowNodeConfiguration(annotations: annotations) == parsed.nodeConfiguration)
    }

    @Test func machinesSpreadOverTheFailureDomainsAndKeepTheirZone() {
        let spread = config { $0.failureDomains = ["zone-a", "zone-b", "zone-c"] }
        let names = (0..<60).map { "workers-\($0)" }
        let zones = names.map { spread.zone(forMachineNamed: $0) }
        #expect(zones == names.map { spread.zone(forMachineNamed: $0) }, "stable")
        for zone in spread.failureDomains {
            let count = zones.filter { $0 == zone }.count
            #expect(count >= 10, "\(zone) holds \(count) of 60")
        }
        #expect(KubemarkMachineProviderConfig().zone(forMachineNamed: "workers-0") == nil)
    }
}
