import HollowModel
import Testing

@testable import HollowControllers

private typealias F = SchedulerFixtures

struct SchedulerPodUsageTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var pod: Pod
        var requests: SchedulerResources
        var nonZeroMilliCPU: Int64
        var nonZeroMemory: Int64
        var testDescription: String { name }
    }

    static let mi: Int64 = 1 << 20
    static let gi: Int64 = 1 << 30
    static let defaultMemory: Int64 = 200 * mi

    static let cases: [Case] = [
        Case(
            name: "a container without requests counts 100m and 200Mi for scoring only",
            pod: F.pod(containers: [F.container()]),
            requests: .zero, nonZeroMilliCPU: 100, nonZeroMemory: defaultMemory),
        Case(
            name: "millicores and binary memory",
            pod: F.pod(requests: ["cpu": "250m", "memory": "512Mi"]),
            requests: SchedulerResources(milliCPU: 250, memory: 512 * mi), nonZeroMilliCPU: 250,
            nonZeroMemory: 512 * mi),
        Case(
            name: "containers are summed (kube: 2X container with requests)",
            pod: F.pod(containers: [
                F.container(requests: ["cpu": "500m", "memory": "500Mi"]),
                F.container("sidekick", requests: ["cpu": "700m", "memory": "800Mi"]),
            ]),
            requests: SchedulerResources(milliCPU: 1200, memory: 1300 * mi), nonZeroMilliCPU: 1200,
            nonZeroMemory: 1300 * mi),
        Case(
            name: "the largest init container wins over the sum (fit.go's example)",
            pod: F.pod(
                containers: [
                    F.container(requests: ["cpu": "2", "memory": "1G"]),
                    F.container("c2", requests: ["cpu": "1", "memory": "1G"]),
                ],
                initContainers: [
                    F.container("ic1", requests: ["cpu": "2", "memory": "1G"]),
                    F.container("ic2", requests: ["cpu": "2", "memory": "3G"]),
                ]),
            requests: SchedulerResources(milliCPU: 3000, memory: 3_000_000_000), nonZeroMilliCPU: 3000,
            nonZeroMemory: 3_000_000_000),
        Case(
            name: "limits stand in for missing requests",
            pod: F.pod(containers: [F.container(limits: ["cpu": "1", "memory": "1Gi"])]),
            requests: SchedulerResources(milliCPU: 1000, memory: gi), nonZeroMilliCPU: 1000, nonZeroMemory: gi),
        Case(
            name: "an explicit request is kept below its limit",
            pod: F.pod(containers: [F.container(requests: ["cpu": "100m"], limits: ["cpu": "2", "memory": "64Mi"])]),
            requests: SchedulerResources(milliCPU: 100, memory: 64 * mi), nonZeroMilliCPU: 100,
            nonZeroMemory: 64 * mi),
        Case(
            name: "overhead is added",
            pod: F.pod(
                requests: ["cpu": "250m", "memory": "128Mi"],
                spec: ["overhead": ["cpu": "250m", "memory": "120Mi"]]),
            requests: SchedulerResources(milliCPU: 500, memory: 248 * mi), nonZeroMilliCPU: 500,
            nonZeroMemory: 248 * mi),
        Case(
            name: "sidecars run next to the containers and before later init containers",
            pod: F.pod(
                containers: [F.container(requests: ["cpu": "500m", "memory": "500Mi"])],
                initContainers: [
                    F.container("sidecar", requests: ["cpu": "200m", "memory": "100Mi"], restartPolicy: "Always"),
                    F.container("migrate", requests: ["cpu": "1", "memory": "100Mi"]),
                ]),
            // containers + sidecar = 700m/600Mi; migrate + sidecar = 1200m/200Mi.
            requests: SchedulerResources(milliCPU: 1200, memory: 600 * mi), nonZeroMilliCPU: 1200,
            nonZeroMemory: 600 * mi),
        Case(
            name: "extended, hugepages and ephemeral-storage are tracked, unknown unprefixed names are not",
            pod: F.pod(requests: [
                "cpu": "1", "example.com/gpu": "2", "hugepages-2Mi": "4Mi", "ephemeral-storage": "1Gi", "foo": "3",
            ]),
            requests: SchedulerResources(
                milliCPU: 1000, ephemeralStorage: gi, scalarResources: ["example.com/gpu": 2, "hugepages-2Mi": 4 * mi]),
            nonZeroMilliCPU: 1000, nonZeroMemory: defaultMemory),
        Case(
            name: "pod-level requests replace the containers' (kube: 1X container and 1X init container)",
            pod: F.pod(
                containers: [F.container(requests: ["cpu": "500m", "memory": "500Mi"])],
                initContainers: [F.container("init", requests: ["cpu": "500m", "memory": "500Mi"])],
                spec: ["resources": ["requests": ["cpu": "1200m", "memory": "1200Mi"]]]),
            requests: SchedulerResources(milliCPU: 1200, memory: 1200 * mi), nonZeroMilliCPU: 1200,
            nonZeroMemory: 1200 * mi),
        Case(
            name: "pod-level memory only leaves cpu to the default (kube: pod-level memory requests)",
            pod: F.pod(
                containers: [F.container()], initContainers: [F.container("init")],
                spec: ["resources": ["requests": ["memory": "1200Mi"]]]),
            requests: SchedulerResources(memory: 1200 * mi), nonZeroMilliCPU: 100, nonZeroMemory: 1200 * mi),
        Case(
            name: "pod-level cpu with container ephemeral-storage (kube: unsupported container resources)",
            pod: F.pod(
                containers: [F.container(requests: ["ephemeral-storage": "800Mi"])],
                initContainers: [F.container("init", requests: ["ephemeral-storage": "500Mi"])],
                spec: ["resources": ["requests": ["cpu": "500m"]]]),
            requests: SchedulerResources(milliCPU: 500, ephemeralStorage: 800 * mi), nonZeroMilliCPU: 500,
            nonZeroMemory: defaultMemory),
    ]

    @Test(arguments: cases)
    func podUsageFollowsPodRequests(_ testCase: Case) {
        let usage = SchedulerPodUsage(testCase.pod)
        #expect(usage.requests == testCase.requests)
        #expect(usage.nonZeroMilliCPU == testCase.nonZeroMilliCPU)
        #expect(usage.nonZeroMemory == testCase.nonZeroMemory)
    }

    @Test func priorityDefaultsToZero() {
        #expect(F.pod().schedulerPriority == 0)
        #expect(F.pod(spec: ["priority": 2_000_000_000]).schedulerPriority == 2_000_000_000)
    }

    struct CandidateCase: Sendable, CustomTestStringConvertible {
        var name: String
        var pod: Pod
        var candidate: Bool
        var testDescription: String { name }
    }

    static let candidateCases: [CandidateCase] = {
        var deleting = F.pod()
        deleting.metadata.deletionTimestamp = Timestamp(secondsSinceEpoch: 1_700_000_000)
        return [
            CandidateCase(name: "a new pod", pod: F.pod(), candidate: true),
            CandidateCase(
                name: "default-scheduler named explicitly", pod: F.pod(spec: ["schedulerName": "default-scheduler"]),
                candidate: true),
            CandidateCase(name: "an empty scheduler name", pod: F.pod(spec: ["schedulerName": ""]), candidate: true),
            CandidateCase(
                name: "another scheduler's pod", pod: F.pod(spec: ["schedulerName": "volcano"]), candidate: false),
            CandidateCase(name: "a bound pod", pod: F.pod(nodeName: "node-1"), candidate: false),
            CandidateCase(name: "a pod being deleted", pod: deleting, candidate: false),
            CandidateCase(name: "a succeeded pod", pod: F.pod(phase: "Succeeded"), candidate: false),
            CandidateCase(name: "a failed pod", pod: F.pod(phase: "Failed"), candidate: false),
            CandidateCase(name: "a pending pod", pod: F.pod(phase: "Pending"), candidate: true),
            CandidateCase(
                name: "a pod with scheduling gates",
                pod: F.pod(spec: ["schedulingGates": [["name": "example.com/wait"]]]), candidate: false),
        ]
    }()

    @Test(arguments: candidateCases)
    func schedulerTakesOnlyUnboundLivePodsOfItsOwn(_ testCase: CandidateCase) {
        #expect(testCase.pod.isSchedulerCandidate() == testCase.candidate)
    }
}
