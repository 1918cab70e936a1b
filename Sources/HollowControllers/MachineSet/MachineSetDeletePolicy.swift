import HollowModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `spec.deletePolicy` of a MachineSet: which Machines go first when it scales down.
///
/// Every policy ranks a Machine by a deletion priority from 0 to 100 (the machine-api-operator's
/// `pkg/controller/machineset/delete_policy.go`) and deletes the highest first:
///
/// - `Random` (the default): being deleted 100; marked with the delete-machine annotation, failed or carrying an error
///   50; without a Node yet 40 (it runs no workload); any other 20. "Random" is a misnomer kept from the API: within
///   a tier the order is by name, and Machine names end in random characters.
/// - `Oldest`: being deleted, marked or failed 100; otherwise the Machine's age mapped onto 0–50
///   (`50 × (1 − e^(−age / 100 days))`), so older Machines go first; no creation time, or one in the future, 0.
/// - `Newest`: being deleted, marked or failed 100; otherwise `100 − ` the Oldest priority, so younger Machines go
///   first.
public enum MachineSetDeletePolicy: String, Sendable, CaseIterable {
    case random = "Random"
    case newest = "Newest"
    case oldest = "Oldest"

    /// The policy `spec.deletePolicy` names; a missing or empty value is `Random`.
    /// - Throws: ``MachineSetError`` for any other value (the operator's
    ///   `unsupported delete policy X, must be one of 'Random', 'Newest', or 'Oldest'`).
    public init(specValue: String?) throws(MachineSetError) {
        guard let specValue, !specValue.isEmpty else {
            self = .random
            return
        }
        guard let policy = MachineSetDeletePolicy(rawValue: specValue) else {
            throw .unsupportedDeletePolicy(specValue)
        }
        self = policy
    }
}

/// The deletion priorities of the machine-api-operator's MachineSet controller.
public enum MachineDeletePriority {
    public static let mustDelete = 100.0
    public static let betterDelete = 50.0
    public static let preferDelete = 40.0
    public static let couldDelete = 20.0
    public static let mustNotDelete = 0.0

    /// `secondsPerHundredDays`: the age scale of the Oldest and Newest policies; a Machine ten years old ranks
    /// almost `betterDelete`.
    static let ageScaleSeconds = 8_640_000.0

    /// The annotation older machine-api-operators set instead of ``MachineAPI/deleteMachineAnnotation``; still
    /// honoured.
    public static let legacyDeleteMachineAnnotation = "machine.openshift.io/cluster-api-delete-machine"

    /// The priority of deleting `machine` under `policy` at `now`.
    public static func of(_ machine: Machine, policy: MachineSetDeletePolicy, now: Timestamp) -> Double {
        if machine.isDeleting { return mustDelete }
        switch policy {
        case .random:
            if isMarked(machine) || hasFailed(machine) { return betterDelete }
            // No Node yet: it runs no workload.
            if machine.nodeName == nil { return preferDelete }
            return couldDelete
        case .oldest:
            if isMarked(machine) || hasFailed(machine) { return mustDelete }
            return agePriority(machine, now: now)
        case .newest:
            if isMarked(machine) || hasFailed(machine) { return mustDelete }
            return mustDelete - agePriority(machine, now: now)
        }
    }

    /// The delete-machine annotation (or its older spelling) with a non-empty value: the operator ignores an empty
    /// one.
    public static func isMarked(_ machine: Machine) -> Bool {
        let annotations = machine.metadata.annotations
        return !(annotations[MachineAPI.deleteMachineAnnotation] ?? "").isEmpty
            || !(annotations[legacyDeleteMachineAnnotation] ?? "").isEmpty
    }

    /// Phase Failed, or an `errorReason` or `errorMessage` in the status.
    public static func hasFailed(_ machine: Machine) -> Bool {
        machine.phase == .failed || machine.errorReason != nil || machine.errorMessage != nil
    }

    /// `oldestDeletePriority`'s age term: 0 (never deleted first) without a creation time or with one after `now`.
    static func agePriority(_ machine: Machine, now: Timestamp) -> Double {
        guard let created = machine.metadata.creationTimestamp else { return mustNotDelete }
        let age = now.duration(since: created)
        guard age >= .zero else { return mustNotDelete }
        let seconds = Double(age.components.seconds) + Double(age.components.attoseconds) / 1e18
        return betterDelete * (1 - exp(-seconds / ageScaleSeconds))
    }
}

extension MachineSetSync {
    /// `getMachinesToDeletePrioritized`: the `count` Machines of `machines` to delete under `policy`, highest priority
    /// first; equal priorities in name order (cluster-api's tie break, so that every sync picks the same ones).
    /// Nothing when `count` is 0 or less; all of them, ranked, when `count` covers them all.
    public static func machinesToDelete(
        from machines: [Machine], count: Int, policy: MachineSetDeletePolicy, now: Timestamp
    ) -> [Machine] {
        guard count > 0 else { return [] }
        let ranked = machines.map { (machine: $0, priority: MachineDeletePriority.of($0, policy: policy, now: now)) }
            .sorted { lhs, rhs in
                if lhs.priority != rhs.priority { return lhs.priority > rhs.priority }
                return lhs.machine.name.utf8.lexicographicallyPrecedes(rhs.machine.name.utf8)
            }
        return ranked.prefix(count).map(\.machine)
    }
}
