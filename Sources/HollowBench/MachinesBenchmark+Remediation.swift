import Foundation
import HollowModel
import Synchronization

/// What the health-check phase saw, fed by the benchmark's informers: when each victim node's timeout fell due (its
/// `Ready=False` `lastTransitionTime` plus the timeout), when its Machine was first seen deleting, and when nodes
/// that did not exist before the phase turned Ready.
final class RemediationTimeline: Sendable {
    private struct State {
        var victims: Set<String>
        var existing: Set<String>
        var notReadySince: [String: Timestamp] = [:]
        var deletionSeen: [String: Timestamp] = [:]
        var replacementReady: [String: Timestamp] = [:]
    }

    private let state: Mutex<State>

    /// - Parameters:
    ///   - victims: the nodes turned NotReady.
    ///   - existing: the nodes that existed before (a node not among them is a replacement).
    init(victims: Set<String>, existing: Set<String>) {
        state = Mutex(State(victims: victims, existing: existing))
    }

    func deletionSeen(node: String) {
        let now = Timestamp.now()
        state.withLock { state in
            guard state.victims.contains(node), state.deletionSeen[node] == nil else { return }
            state.deletionSeen[node] = now
        }
    }

    func nodeChanged(_ node: Node) {
        let now = Timestamp.now()
        guard let ready = node.readyCondition else { return }
        state.withLock { state in
            if state.victims.contains(node.name) {
                if ready.status == "False", state.notReadySince[node.name] == nil, let since = ready.since {
                    state.notReadySince[node.name] = since
                }
            } else if !state.existing.contains(node.name), ready.status == "True",
                state.replacementReady[node.name] == nil
            {
                state.replacementReady[node.name] = now
            }
        }
    }

    var remediated: Int { state.withLock { $0.deletionSeen.count } }
    var replacementsReady: Int { state.withLock { $0.replacementReady.count } }

    /// Timeout → deletion for each victim, and the k-th timeout → the k-th replacement Ready.
    func summaries(timeout: Duration) -> (start: LatencySummary?, ready: LatencySummary?, remediated: Int) {
        state.withLock { state in
            var starts = LatencySamples()
            var dueTimes: [Timestamp] = []
            for (node, since) in state.notReadySince {
                let due = since.adding(timeout)
                dueTimes.append(due)
                if let seen = state.deletionSeen[node] { starts.record(seen.duration(since: due)) }
            }
            var ready = LatencySamples()
            for (due, seen) in zip(dueTimes.sorted(), state.replacementReady.values.sorted()) {
                ready.record(seen.duration(since: due))
            }
            return (
                starts.count > 0 ? starts.summary() : nil, ready.count > 0 ? ready.summary() : nil,
                state.deletionSeen.count
            )
        }
    }
}

/// `12.3 s`, or "not reached".
func secondsText(_ duration: Duration?) -> String {
    duration.map { String(format: "%.1f s", $0.inSeconds) } ?? "not reached"
}

/// `123 ms`.
func millisecondsText(_ duration: Duration) -> String { String(format: "%.0f ms", duration.inMilliseconds) }
