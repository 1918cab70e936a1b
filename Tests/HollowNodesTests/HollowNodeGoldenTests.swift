import Foundation
import HollowModel
import HollowNodes
import Testing

/// One golden file per behaviour (kwok's `testdata` style): Golden/<name>.json holds the input — the Node's
/// annotations, annotation changes over time, pods, a span and a sampling step — and the expected sequence of the
/// node's Ready condition (status, reason, lastTransitionTime), other non-default conditions, its last Lease renewal
/// and its pods' phases, all times relative to the start. The test computes the sequence with the pure state
/// machines (``HollowNodeSimulation``) and compares.
///
/// `HOLLOW_UPDATE_GOLDEN=1 swift test --filter HollowNodeGoldenTests` rewrites the `expected` part of every file in
/// the source tree from what is computed, so changes show up as reviewable diffs (build again before comparing: the
/// test bundle holds a copy of the files).
struct HollowNodeGoldenTests {
    static let cases = [
        "default", "periodic", "turn-unhealthy-after", "turn-unhealthy-after-healthy-duration",
        "kubelet-stopped-then-started", "condition-override", "registration-delay", "pod-failure",
        "pod-run-duration", "pod-termination", "invalid-change-keeps-behaviour", "schedule-change-restarts",
    ]

    @Test(arguments: cases)
    func behaviourMatchesItsGoldenFile(_ name: String) throws {
        let updating = ProcessInfo.processInfo.environment["HOLLOW_UPDATE_GOLDEN"] == "1"
        // Updating reads and writes the source tree (the bundle holds a copy made at build time).
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/\(name).json")
        let url = try updating
            ? source
            : #require(
                Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Golden"),
                "Golden/\(name).json is missing from the test bundle")
        let file = try JSON(parsing: Array(try Data(contentsOf: url)))
        let simulation = try Self.simulation(from: file)
        let computed = simulation.run().map(Self.render)

        if updating {
            var updated = file
            updated["expected"] = .array(computed)
            try Self.pretty(updated).write(to: source, atomically: true, encoding: .utf8)
            return
        }
        let expected = file["expected"]?.arrayValue ?? []
        #expect(expected.count == computed.count, "\(name): \(computed.count) samples computed, \(expected.count) expected")
        for (index, (want, got)) in zip(expected, computed).enumerated() {
            #expect(want == got, "\(name) sample \(index): expected \(want.serializedString), computed \(got.serializedString)")
        }
    }

    // MARK: - Reading the input

    static func simulation(from file: JSON) throws -> HollowNodeSimulation {
        func duration(_ json: JSON?, _ what: String) throws -> Duration {
            let text = try #require(json?.stringValue, "\(what) must be a duration string")
            return try GoDuration(parsing: text).duration
        }
        var annotations: [String: String] = [:]
        for member in file["annotations"]?.objectValue ?? [:] { annotations[member.key] = member.value.stringValue }
        var simulation = HollowNodeSimulation(
            annotations: annotations, span: try duration(file["span"], "span"), step: try duration(file["step"], "step"))
        for event in file["events"]?.arrayValue ?? [] {
            var changes: [String: String?] = [:]
            for member in event["annotate"]?.objectValue ?? [:] { changes[member.key] = member.value.stringValue }
            simulation.events.append(.init(at: try duration(event["at"], "events[].at"), annotate: changes))
        }
        for pod in file["pods"]?.arrayValue ?? [] {
            simulation.pods.append(
                .init(
                    name: try #require(pod["name"]?.stringValue),
                    restartPolicy: pod["restartPolicy"]?.stringValue
                        .flatMap(HollowPodStateMachine.RestartPolicy.init(rawValue:)) ?? .always,
                    boundAt: try duration(pod["boundAt"] ?? "0s", "boundAt"),
                    deleteAt: try pod["deleteAt"].map { try duration($0, "deleteAt") },
                    gracePeriodSeconds: pod["gracePeriodSeconds"]?.intValue ?? 30))
        }
        if let grace = file["nodeMonitorGracePeriod"] {
            simulation.nodeMonitorGracePeriod = try duration(grace, "nodeMonitorGracePeriod")
        }
        return simulation
    }

    // MARK: - Writing the output

    static func relative(_ time: Timestamp) -> String {
        GoDuration(time.duration(since: HollowNodeSimulation.origin)).description
    }

    static func render(_ sample: HollowNodeSimulation.Sample) -> JSON {
        var row: JSONObject = ["at": .string(GoDuration(sample.at).description)]
        if let ready = sample.ready {
            row["ready"] = .string(ready.status)
            row["reason"] = .string(ready.reason)
            row["lastTransitionTime"] = .string(relative(ready.lastTransitionTime))
        } else {
            row["ready"] = .null
        }
        if !sample.others.isEmpty {
            row["others"] = .array(
                sample.others.map { .string("\($0.type)=\($0.status) \($0.reason) since \(relative($0.lastTransitionTime))") })
        }
        if let lease = sample.lease {
            // To the millisecond: renewals fall at a hashed offset within the interval.
            let nanos = lease.duration(since: HollowNodeSimulation.origin).nanosecondsTruncatedToMilliseconds
            row["lease"] = .string(GoDuration(nanoseconds: nanos).description)
        }
        if !sample.pods.isEmpty {
            row["pods"] = .object(JSONObject(sample.pods.map { ($0.name, JSON.string($0.phase)) }))
        }
        if let error = sample.error { row["error"] = .string(error) }
        return .object(row)
    }

    /// The file with one top-level member a line and one sample a line, so diffs read as the behaviour changing.
    static func pretty(_ file: JSON) -> String {
        var lines = ["{"]
        let members = file.objectValue?.members ?? []
        for (index, member) in members.enumerated() {
            let comma = index == members.count - 1 ? "" : ","
            let key = JSON.string(member.key).serializedString
            if case .array(let items) = member.value, !items.isEmpty {
                lines.append("  \(key): [")
                for (itemIndex, item) in items.enumerated() {
                    lines.append("    \(item.serializedString)\(itemIndex == items.count - 1 ? "" : ",")")
                }
                lines.append("  ]\(comma)")
            } else {
                lines.append("  \(key): \(member.value.serializedString)\(comma)")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Duration {
    fileprivate var nanosecondsTruncatedToMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000_000_000 * 1_000_000
    }
}
