import HollowModel
import Testing

@testable import HollowNodes

struct HollowNodeConfigurationTests {
    @Test func noAnnotationsGiveTheDefaults() throws {
        let configuration = try HollowNodeConfiguration(annotations: ["unrelated/key": "x"])
        #expect(configuration == HollowNodeConfiguration())
        #expect(configuration.shape.cpu == Quantity(4))
        #expect(configuration.shape.memory.description == "16Gi")
        #expect(configuration.shape.pods == Quantity(110))
        #expect(configuration.shape.ephemeralStorage.description == "100Gi")
        #expect(configuration.behavior.leaseRenewInterval == .seconds(10))
        #expect(configuration.behavior.statusReportInterval == .seconds(300))
        #expect(configuration.behavior.health == .alwaysHealthy)
    }

    @Test func everyKeyParses() throws {
        let configuration = try HollowNodeConfiguration(annotations: [
            "hollow.dev/cpu": "8", "hollow.dev/memory": "32Gi", "hollow.dev/pods": "250",
            "hollow.dev/ephemeral-storage": "1Ti", "hollow.dev/kubelet-version": "v1.30.2",
            "hollow.dev/registration-delay": "3s", "hollow.dev/turn-unhealthy-periodically": "true",
            "hollow.dev/healthy-duration": "40s", "hollow.dev/unhealthy-duration": "5s", "hollow.dev/kubelet": "stopped",
            "hollow.dev/condition.DiskPressure": "True;until=2026-01-01T00:05:00Z;reason=Full;message=disk is full",
            "hollow.dev/pod-failure": "true", "hollow.dev/pod-start-delay": "250ms", "hollow.dev/pod-run-duration": "1m",
            "hollow.dev/pod-termination-delay": "2s", "hollow.dev/lease-renew-interval": "5s",
            "hollow.dev/status-report-interval": "1m", "hollow.dev/kubelet-start-time": "2026-01-01T00:00:00.000000Z",
        ])
        #expect(configuration.shape == HollowNodeShape(
            cpu: Quantity(8), memory: try Quantity(parsing: "32Gi"), pods: Quantity(250),
            ephemeralStorage: try Quantity(parsing: "1Ti"), kubeletVersion: "v1.30.2"))
        let b = configuration.behavior
        #expect(b.registrationDelay == .seconds(3))
        #expect(b.health == HollowNodeHealthSchedule(.periodic(healthy: .seconds(40), unhealthy: .seconds(5))))
        #expect(b.kubelet == .stopped)
        #expect(
            b.conditionOverrides["DiskPressure"]
                == HollowNodeConditionOverride(
                    type: "DiskPressure", status: "True", until: try Timestamp(parsing: "2026-01-01T00:05:00Z"),
                    reason: "Full", message: "disk is full"))
        #expect(b.podFailure)
        #expect(b.podStartDelay == .milliseconds(250))
        #expect(b.podRunDuration == .seconds(60))
        #expect(b.podTerminationDelay == .seconds(2))
        #expect(b.leaseRenewInterval == .seconds(5))
        #expect(b.statusReportInterval == .seconds(60))
    }

    @Test func annotationsRoundTrip() throws {
        var configuration = HollowNodeConfiguration()
        configuration.shape.cpu = Quantity(milliUnits: 1500)
        configuration.shape.kubeletVersion = "v1.29.0"
        configuration.behavior.health = HollowNodeHealthSchedule(.unhealthyAfter(.seconds(90)))
        configuration.behavior.conditionOverrides["NetworkUnavailable"] = HollowNodeConditionOverride(
            type: "NetworkUnavailable", status: "True")
        configuration.behavior.podRunDuration = .seconds(5)
        configuration.behavior.leaseRenewInterval = .seconds(2)
        #expect(try HollowNodeConfiguration(annotations: configuration.annotations) == configuration)
        #expect(configuration.annotations["hollow.dev/cpu"] == "1500m")
        #expect(configuration.annotations["hollow.dev/healthy-duration"] == "1m30s")
        #expect(HollowNodeConfiguration().annotations.isEmpty)
    }

    /// kubemark: turnUnhealthyAfter times itself with healthyDuration, else (the README's form) unhealthyDuration,
    /// and wins over turnUnhealthyPeriodically.
    @Test(arguments: [
        (["hollow.dev/turn-unhealthy-after": "true", "hollow.dev/unhealthy-duration": "40s"], HollowNodeHealthSchedule.Mode.unhealthyAfter(.seconds(40))),
        (["hollow.dev/turn-unhealthy-after": "true", "hollow.dev/healthy-duration": "30s", "hollow.dev/unhealthy-duration": "40s"], .unhealthyAfter(.seconds(30))),
        (["hollow.dev/turn-unhealthy-after": "true", "hollow.dev/turn-unhealthy-periodically": "true", "hollow.dev/healthy-duration": "10s", "hollow.dev/unhealthy-duration": "5s"], .unhealthyAfter(.seconds(10))),
        (["hollow.dev/turn-unhealthy-periodically": "true", "hollow.dev/healthy-duration": "10s", "hollow.dev/unhealthy-duration": "5s"], .periodic(healthy: .seconds(10), unhealthy: .seconds(5))),
        (["hollow.dev/turn-unhealthy-periodically": "false", "hollow.dev/healthy-duration": "10s"], .alwaysHealthy),
        (["hollow.dev/healthy-duration": "10s", "hollow.dev/unhealthy-duration": "5s"], .alwaysHealthy),
    ])
    func healthFlagsFollowKubemark(annotations: [String: String], mode: HollowNodeHealthSchedule.Mode) throws {
        #expect(try HollowNodeConfiguration(annotations: annotations).behavior.health.mode == mode)
    }

    /// Every error message, naming the key and the value.
    @Test(arguments: [
        (["hollow.dev/unhealthy-duration": "-5s"],
         #"hollow.dev/unhealthy-duration: "-5s" is not a valid duration: must not be negative"#),
        (["hollow.dev/healthy-duration": "40"],
         #"hollow.dev/healthy-duration: "40" is not a valid duration: missing unit (e.g. 40s, 5m, 250ms)"#),
        (["hollow.dev/pod-run-duration": "2d"],
         #"hollow.dev/pod-run-duration: "2d" is not a valid duration: unknown unit "d" (use ns, us, ms, s, m or h)"#),
        (["hollow.dev/registration-delay": "soon"],
         #"hollow.dev/registration-delay: "soon" is not a valid duration: expected a Go duration such as 40s, 1m30s or 250ms"#),
        (["hollow.dev/lease-renew-interval": "0s"],
         #"hollow.dev/lease-renew-interval: "0s" is not a valid duration: must be greater than zero"#),
        (["hollow.dev/status-report-interval": "-1m"],
         #"hollow.dev/status-report-interval: "-1m" is not a valid duration: must not be negative"#),
        (["hollow.dev/pod-start-delay": "-1s"],
         #"hollow.dev/pod-start-delay: "-1s" is not a valid duration: must not be negative"#),
        (["hollow.dev/pod-termination-delay": "x"],
         #"hollow.dev/pod-termination-delay: "x" is not a valid duration: expected a Go duration such as 40s, 1m30s or 250ms"#),
        (["hollow.dev/memory": "16GB"],
         #"hollow.dev/memory: "16GB" is not a valid quantity: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"#),
        (["hollow.dev/memory": "16iK"],
         #"hollow.dev/memory: "16iK" is not a valid quantity: unable to parse quantity's suffix"#),
        (["hollow.dev/cpu": "four"],
         #"hollow.dev/cpu: "four" is not a valid quantity: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"#),
        (["hollow.dev/cpu": "-2"], #"hollow.dev/cpu: "-2" is not a valid quantity: must not be negative"#),
        (["hollow.dev/pods": "10.5"], #"hollow.dev/pods: "10.5" is not a valid quantity: must be a whole number"#),
        (["hollow.dev/ephemeral-storage": "-1Gi"],
         #"hollow.dev/ephemeral-storage: "-1Gi" is not a valid quantity: must not be negative"#),
        (["hollow.dev/kubelet-version": "1.31"],
         #"hollow.dev/kubelet-version: "1.31" is not a valid version: must look like v1.31.0"#),
        (["hollow.dev/kubelet": "paused"],
         #"hollow.dev/kubelet: "paused" is not a valid kubelet state: must be running or stopped"#),
        (["hollow.dev/pod-failure": "yes"], #"hollow.dev/pod-failure: "yes" is not a valid boolean: must be true or false"#),
        (["hollow.dev/turn-unhealthy-periodically": "on"],
         #"hollow.dev/turn-unhealthy-periodically: "on" is not a valid boolean: must be true or false"#),
        (["hollow.dev/turn-unhealthy-after": "true"],
         #"hollow.dev/turn-unhealthy-after: "true" needs hollow.dev/healthy-duration (or hollow.dev/unhealthy-duration): how long the node stays Ready"#),
        (["hollow.dev/turn-unhealthy-periodically": "true", "hollow.dev/healthy-duration": "10s"],
         #"hollow.dev/turn-unhealthy-periodically: "true" needs hollow.dev/unhealthy-duration"#),
        (["hollow.dev/turn-unhealthy-periodically": "true"],
         #"hollow.dev/turn-unhealthy-periodically: "true" needs hollow.dev/healthy-duration and hollow.dev/unhealthy-duration"#),
        (["hollow.dev/turn-unhealthy-periodically": "true", "hollow.dev/healthy-duration": "0s", "hollow.dev/unhealthy-duration": "5s"],
         #"hollow.dev/healthy-duration: "0s" is not a valid duration: must be greater than zero for a periodic schedule"#),
        (["hollow.dev/condition.DiskPressure": "Yes"],
         #"hollow.dev/condition.DiskPressure: "Yes" is not a valid condition: status must be True, False or Unknown, then optionally ;until=<RFC 3339>;reason=<Reason>;message=<text>"#),
        (["hollow.dev/condition.DiskPressure": "True;until=tomorrow"],
         #"hollow.dev/condition.DiskPressure: "True;until=tomorrow" is not a valid condition: until: parsing time "tomorrow" as "2006-01-02T15:04:05Z07:00": cannot parse year"#),
        (["hollow.dev/condition.DiskPressure": "True;for=5m"],
         #"hollow.dev/condition.DiskPressure: "True;for=5m" is not a valid condition: unknown parameter "for" (known: until, reason, message)"#),
        (["hollow.dev/condition.DiskPressure": "True;reason=disk full"],
         #"hollow.dev/condition.DiskPressure: "True;reason=disk full" is not a valid condition: reason "disk full" must be CamelCase: a letter, then letters, digits, _ , or :"#),
        (["hollow.dev/condition.DiskPressure": "True;reason=A;reason=B"],
         #"hollow.dev/condition.DiskPressure: "True;reason=A;reason=B" is not a valid condition: reason is given twice"#),
        (["hollow.dev/condition.DiskPressure": "True;Full"],
         #"hollow.dev/condition.DiskPressure: "True;Full" is not a valid condition: "Full" is not name=value"#),
        (["hollow.dev/condition.": "True"],
         #"hollow.dev/condition.: "True" is not a valid condition: the condition type after hollow.dev/condition. must be a name such as DiskPressure"#),
        (["hollow.dev/kubelet-start-time": "yesterday"],
         #"hollow.dev/kubelet-start-time: "yesterday" is not a valid time: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse year"#),
        (["hollow.dev/colour": "blue"],
         "hollow.dev/colour: unknown key (known: cpu, memory, pods, ephemeral-storage, kubelet-version, registration-delay, healthy-duration, unhealthy-duration, turn-unhealthy-periodically, turn-unhealthy-after, kubelet, pod-failure, pod-start-delay, pod-run-duration, pod-termination-delay, lease-renew-interval, status-report-interval, kubelet-start-time, condition.<Type>)"),
    ])
    func badValuesAreRefusedNamingTheKey(annotations: [String: String], message: String) throws {
        let error = try #require(throws: HollowNodeConfigurationError.self) {
            try HollowNodeConfiguration(annotations: annotations)
        }
        #expect(error.description == message)
        #expect(error.problems.count == 1)
    }

    @Test func everyBadKeyIsReportedUnknownKeysFirst() throws {
        let error = try #require(throws: HollowNodeConfigurationError.self) {
            try HollowNodeConfiguration(annotations: [
                "hollow.dev/unhealthy-duration": "-5s", "hollow.dev/cpu": "x", "hollow.dev/zzz": "1", "hollow.dev/aaa": "1",
            ])
        }
        #expect(error.keys == ["hollow.dev/aaa", "hollow.dev/zzz", "hollow.dev/cpu", "hollow.dev/unhealthy-duration"])
    }
}

struct HollowNodeHealthScheduleTests {
    typealias Phase = HollowNodeHealthSchedule.Phase

    @Test func periodicStartsHealthyAndFlipsAtEachBoundary() {
        let schedule = HollowNodeHealthSchedule(.periodic(healthy: .seconds(40), unhealthy: .seconds(5)))
        #expect(schedule.phase(at: .zero) == Phase(healthy: true, since: .zero, until: .seconds(40)))
        #expect(schedule.phase(at: .seconds(39)) == Phase(healthy: true, since: .zero, until: .seconds(40)))
        #expect(schedule.phase(at: .seconds(40)) == Phase(healthy: false, since: .seconds(40), until: .seconds(45)))
        #expect(schedule.phase(at: .milliseconds(44_999)) == Phase(healthy: false, since: .seconds(40), until: .seconds(45)))
        #expect(schedule.phase(at: .seconds(45)) == Phase(healthy: true, since: .seconds(45), until: .seconds(85)))
        #expect(schedule.phase(at: .seconds(86)) == Phase(healthy: false, since: .seconds(85), until: .seconds(90)))
        #expect(schedule.phase(at: .seconds(-3)) == Phase(healthy: true, since: .zero, until: .seconds(40)))
    }

    @Test func unhealthyAfterStaysUnhealthy() {
        let schedule = HollowNodeHealthSchedule(.unhealthyAfter(.seconds(40)))
        #expect(schedule.phase(at: .seconds(10)) == Phase(healthy: true, since: .zero, until: .seconds(40)))
        #expect(schedule.phase(at: .seconds(40)) == Phase(healthy: false, since: .seconds(40), until: nil))
        #expect(schedule.phase(at: .seconds(4000)) == Phase(healthy: false, since: .seconds(40), until: nil))
        #expect(HollowNodeHealthSchedule(.unhealthyAfter(.zero)).phase(at: .zero).healthy == false)
    }

    @Test func alwaysHealthyNeverFlips() {
        #expect(HollowNodeHealthSchedule.alwaysHealthy.phase(at: .seconds(1e6)) == Phase(healthy: true, since: .zero, until: nil))
    }
}
