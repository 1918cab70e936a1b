import HollowModel
import Testing

@testable import HollowControllers

private typealias F = SchedulerFixtures

struct SchedulerObjectsTests {
    @Test func bindingNamesThePodAndTheNode() {
        let binding = SchedulerObjects.binding(for: F.pod("web-1", namespace: "shop"), nodeName: "node-7")
        #expect(
            binding.serializedString
                == #"{"apiVersion":"v1","kind":"Binding","metadata":{"name":"web-1","namespace":"shop"},"target":{"apiVersion":"v1","kind":"Node","name":"node-7"}}"#
        )
    }

    @Test func bindingCarriesThePodUIDWhenKnown() {
        let binding = SchedulerObjects.binding(for: F.pod("web-1", uid: "1f0c"), nodeName: "node-7")
        #expect(binding[path: ["metadata", "uid"]] == "1f0c")
    }

    @Test func unschedulableConditionHasKubesShape() {
        let now = Timestamp(secondsSinceEpoch: 1_750_000_000)
        let condition = SchedulerObjects.unschedulableCondition(
            message: "0/1 nodes are available: 1 Insufficient cpu.", now: now, pod: F.pod())
        #expect(
            condition.serializedString
                == #"{"type":"PodScheduled","status":"False","lastProbeTime":null,"lastTransitionTime":"2025-06-15T15:06:40Z","reason":"Unschedulable","message":"0/1 nodes are available: 1 Insufficient cpu."}"#
        )
        var generated = F.pod()
        generated.metadata.generation = 3
        let observed = SchedulerObjects.unschedulableCondition(message: "m", now: now, pod: generated)
        #expect(observed["observedGeneration"] == 3)
    }

    @Test func settingTheConditionKeepsTheTransitionTimeWhileTheStatusHolds() {
        var pod = F.pod()
        let first = Timestamp(secondsSinceEpoch: 1_750_000_000)
        let later = first.adding(.seconds(30))
        let added = pod.setSchedulerCondition(
            SchedulerObjects.unschedulableCondition(message: "a", now: first, pod: pod))
        #expect(added)
        // Same message later: nothing changes, so no update is needed.
        let repeated = pod.setSchedulerCondition(
            SchedulerObjects.unschedulableCondition(message: "a", now: later, pod: pod))
        #expect(!repeated)
        // A new message: updated, but the condition has been False since `first`.
        let updated = pod.setSchedulerCondition(
            SchedulerObjects.unschedulableCondition(message: "b", now: later, pod: pod))
        #expect(updated)
        let conditions = pod.object[path: ["status", "conditions"]]?.arrayValue ?? []
        #expect(conditions.count == 1)
        #expect(conditions.first?["message"] == "b")
        #expect(conditions.first?["lastTransitionTime"] == .string(first.rfc3339))
    }

    @Test func eventMessagesAreKubes() {
        #expect(
            SchedulerObjects.scheduledEventMessage(for: F.pod("web", namespace: "shop"), nodeName: "n1")
                == "Successfully assigned shop/web to n1")
        let long = String(repeating: "x", count: 2000)
        let truncated = SchedulerObjects.failedSchedulingEventMessage(long)
        #expect(truncated.utf8.count == 1024)
        #expect(truncated.hasSuffix("x ..."))
        #expect(SchedulerObjects.failedSchedulingEventMessage("short") == "short")
    }
}
