import HollowModel
import Testing

@testable import HollowControllers

/// Which Machines a MachineSet deletes first, re-expressed from the machine-api-operator's
/// `pkg/controller/machineset/delete_policy_test.go` and cluster-api's `machineset_delete_policy_test.go`
/// (now `machineset_deletion_order_test.go`): same facts, own cases. Names fix the order within a tier.
@Suite("MachineSet delete policy")
struct MachineSetDeletePolicyTests {
    typealias F = MachineFixtures

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let machines: [Machine]
        let count: Int
        let expected: [String]
        var testDescription: String { name }
    }

    static func pick(_ test: Case, _ policy: MachineSetDeletePolicy) -> [String] {
        MachineSetSync.machinesToDelete(from: test.machines, count: test.count, policy: policy, now: F.now).map(\.name)
    }

    // MARK: Random

    static func running(_ name: String) -> Machine { F.machine(name, node: "node-\(name)") }
    static func noNode(_ name: String) -> Machine { F.machine(name) }
    static func failed(_ name: String) -> Machine { F.machine(name, node: "node-\(name)", errorMessage: "instance gone") }
    static func deleting(_ name: String) -> Machine { F.machine(name, node: "node-\(name)", deleting: true) }
    static func marked(_ name: String) -> Machine {
        F.machine(name, annotations: [MachineAPI.deleteMachineAnnotation: "yes"], node: "node-\(name)")
    }

    static let randomCases: [Case] = [
        Case(name: "nothing to delete", machines: [running("a")], count: 0, expected: []),
        Case(name: "more to delete than there are", machines: [running("a")], count: 2, expected: ["a"]),
        Case(
            name: "a failed machine before running ones", machines: [running("a"), failed("b"), running("c")],
            count: 2, expected: ["b", "a"]),
        Case(
            name: "failed machines fill the count", machines: [running("a"), failed("b"), failed("c"), failed("d")],
            count: 2, expected: ["b", "c"]),
        Case(
            name: "deleting machines before failed ones",
            machines: [running("a"), deleting("b"), failed("c"), deleting("d")], count: 2, expected: ["b", "d"]),
        Case(
            name: "deleting, then failed", machines: [running("a"), deleting("b"), running("c"), failed("d")],
            count: 2, expected: ["b", "d"]),
        Case(
            name: "deleting, then running", machines: [running("a"), deleting("b"), running("c")], count: 2,
            expected: ["b", "a"]),
        Case(
            name: "annotated before one without a node", machines: [running("a"), marked("b"), noNode("c"), running("d")],
            count: 1, expected: ["b"]),
        Case(
            name: "the legacy annotation counts too",
            machines: [
                running("a"),
                F.machine("b", annotations: [MachineDeletePriority.legacyDeleteMachineAnnotation: "yes"], node: "n"),
                noNode("c"),
            ], count: 1, expected: ["b"]),
        Case(
            name: "machines without a node before running ones",
            machines: [running("a"), noNode("d"), marked("b"), failed("c")], count: 3, expected: ["b", "c", "d"]),
        Case(
            name: "an empty annotation value is no mark", machines: [
                running("a"), F.machine("b", annotations: [MachineAPI.deleteMachineAnnotation: ""], node: "n"),
                noNode("c"),
            ], count: 1, expected: ["c"]),
        Case(
            name: "phase Failed without a message still counts as failed",
            machines: [noNode("a"), F.machine("b", node: "n", phase: .failed)], count: 1, expected: ["b"]),
    ]

    @Test(arguments: randomCases)
    func random(_ test: Case) {
        #expect(Self.pick(test, .random) == test.expected)
    }

    // MARK: Newest

    static let newest = F.machine("newest", created: F.ago(days: 1))
    static let new = F.machine("new", created: F.ago(days: 5))
    static let old = F.machine("old", created: F.ago(days: 10))
    static let oldest = F.machine("oldest", created: F.ago(days: 11))
    static let deletingOld = F.machine("deleting", created: F.ago(days: 20), deleting: true)

    static let newestCases: [Case] = [
        Case(name: "a deleting machine first", machines: [new, oldest, old, deletingOld, newest], count: 1, expected: ["deleting"]),
        Case(name: "then the youngest", machines: [new, oldest, deletingOld, old, newest], count: 2, expected: ["deleting", "newest"]),
        Case(
            name: "then the next youngest", machines: [new, deletingOld, oldest, old, newest], count: 3,
            expected: ["deleting", "newest", "new"]),
        Case(
            name: "an annotated old machine before the youngest",
            machines: [new, oldest, old, newest, F.machine("marked", created: F.ago(days: 10), annotations: [MachineAPI.deleteMachineAnnotation: "yes"])],
            count: 1, expected: ["marked"]),
        Case(
            name: "the legacy annotation as well",
            machines: [new, oldest, newest, F.machine("marked", created: F.ago(days: 10), annotations: [MachineDeletePriority.legacyDeleteMachineAnnotation: "1"])],
            count: 1, expected: ["marked"]),
        Case(
            name: "an old machine with an error before the youngest",
            machines: [new, oldest, old, newest, F.machine("broken", created: F.ago(days: 10), errorReason: "InvalidConfiguration")],
            count: 1, expected: ["broken"]),
    ]

    @Test(arguments: newestCases)
    func newestFirst(_ test: Case) {
        #expect(Self.pick(test, .newest) == test.expected)
    }

    // MARK: Oldest

    static let undated = F.machine("undated")
    static let days500 = F.machine("days-500", created: F.ago(days: 500))
    static let days1000 = F.machine("days-1000", created: F.ago(days: 1000))
    static let days3750 = F.machine("days-3750", created: F.ago(days: 3750))

    static let oldestCases: [Case] = [
        Case(name: "the oldest", machines: [undated, new, oldest, old, newest], count: 1, expected: ["oldest"]),
        Case(name: "then the next oldest", machines: [new, oldest, old, newest, undated], count: 2, expected: ["oldest", "old"]),
        Case(name: "three", machines: [new, oldest, old, newest, undated], count: 3, expected: ["oldest", "old", "new"]),
        Case(
            name: "a machine without a creation time goes last", machines: [new, oldest, old, newest, undated], count: 4,
            expected: ["oldest", "old", "new", "newest"]),
        Case(
            name: "an annotated young machine first",
            machines: [undated, new, oldest, old, newest, F.machine("marked", created: F.ago(days: 1), annotations: [MachineAPI.deleteMachineAnnotation: "yes"])],
            count: 1, expected: ["marked"]),
        Case(
            name: "a failed machine first",
            machines: [undated, new, oldest, newest, F.machine("broken", created: F.ago(days: 10), errorMessage: "boom")],
            count: 1, expected: ["broken"]),
        Case(
            name: "annotated before a ten-year-old machine",
            machines: [new, F.machine("marked", created: F.ago(days: 1), annotations: [MachineAPI.deleteMachineAnnotation: "yes"]), days500, days1000, days3750],
            count: 1, expected: ["marked"]),
        Case(
            name: "very old machines still in age order", machines: [new, days500, days1000, days3750], count: 3,
            expected: ["days-3750", "days-1000", "days-500"]),
        Case(
            name: "seconds apart is enough", machines: [
                F.machine("b", created: F.ago(seconds: 2)), F.machine("a", created: F.ago(seconds: 1)),
                F.machine("c", created: F.ago(seconds: 3)),
            ], count: 2, expected: ["c", "b"]),
    ]

    @Test(arguments: oldestCases)
    func oldestFirst(_ test: Case) {
        #expect(Self.pick(test, .oldest) == test.expected)
    }

    // MARK: The policy value

    @Test func policyValues() throws {
        #expect(try MachineSetDeletePolicy(specValue: nil) == .random)
        #expect(try MachineSetDeletePolicy(specValue: "") == .random)
        #expect(try MachineSetDeletePolicy(specValue: "Oldest") == .oldest)
        #expect(try MachineSetDeletePolicy(specValue: "Newest") == .newest)
        #expect(throws: MachineSetError.self) { try MachineSetDeletePolicy(specValue: "oldest") }
    }

    @Test func priorities() {
        let now = F.now
        #expect(MachineDeletePriority.of(Self.running("a"), policy: .random, now: now) == 20)
        #expect(MachineDeletePriority.of(Self.noNode("a"), policy: .random, now: now) == 40)
        #expect(MachineDeletePriority.of(Self.marked("a"), policy: .random, now: now) == 50)
        #expect(MachineDeletePriority.of(Self.deleting("a"), policy: .random, now: now) == 100)
        #expect(MachineDeletePriority.of(Self.marked("a"), policy: .oldest, now: now) == 100)
        #expect(MachineDeletePriority.of(Self.undated, policy: .oldest, now: now) == 0)
        #expect(MachineDeletePriority.of(F.machine("future", created: F.ago(seconds: -60)), policy: .oldest, now: now) == 0)
        let tenYears = MachineDeletePriority.of(Self.days3750, policy: .oldest, now: now)
        // Ten years old comes to betterDelete itself (the operator: "tends to betterDelete after ~3750 days").
        #expect(tenYears > 49.99 && tenYears <= 50)
        #expect(MachineDeletePriority.of(Self.days3750, policy: .newest, now: now) == 100 - tenYears)
    }
}
