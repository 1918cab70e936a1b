import ArgumentParser
import Foundation
import HollowClient
import HollowModel
import HollowNodes
import Logging

/// `hollow node …`: hollow nodes on the cluster in `KUBECONFIG` (or `--kubeconfig`), simulated by a pool that runs
/// in `hollow up` or `hollow nodes`.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "Add, list, fail, heal and delete hollow nodes.",
        subcommands: [NodeAdd.self, NodeList.self, NodeFail.self, NodeHeal.self, NodeDelete.self])
}

/// Where commands that talk to a cluster find it.
struct ClusterOptions: ParsableArguments {
    @Option(help: "The kubeconfig to use (default: $KUBECONFIG, then ~/.kube/config, then in-cluster).")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use.")
    var context: String?

    /// Runs `body` with a client for the selected cluster; configuration problems are one-line failures.
    func withClient<T: Sendable>(_ body: (KubernetesClient) async throws -> T) async throws -> T {
        var configuration = try loadClientConfiguration(kubeconfig: kubeconfig, context: context)
        configuration.userAgent = "hollow-node"
        configuration.maxRetries = 2
        configuration.requestTimeout = .seconds(20)
        do {
            return try await KubernetesClient.withClient(configuration, body)
        } catch let error as APIError {
            throw CommandFailure(error.message)
        }
    }
}

/// `hollow node add`.
struct NodeAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create hollow nodes.",
        discussion: """
            Creates Nodes labelled for the pool (hollow.dev/pool) with their shape and behaviour as hollow.dev/ \
            annotations; the pool registers them and reports them Ready. With --count N and one NAME, the nodes are \
            NAME-0 … NAME-(N-1). --schedule takes kubemark's health schedules: periodic:HEALTHY/UNHEALTHY (Ready for \
            HEALTHY, NotReady for UNHEALTHY, repeating) or unhealthy-after:DURATION (NotReady for good after it).
            """)

    @OptionGroup var cluster: ClusterOptions

    @Argument(help: "Node names.")
    var names: [String]

    @Option(help: "Create this many nodes named NAME-0, NAME-1, … (one NAME).")
    var count: Int?

    @Option(help: "CPU capacity, e.g. 4 or 3500m.") var cpu: String?
    @Option(help: "Memory capacity, e.g. 16Gi.") var memory: String?
    @Option(help: "Pod capacity.") var pods: String?
    @Option(help: "Labels, k=v[,k=v…].") var labels: String?
    @Option(help: "Taints, key[=value]:Effect[,…] (Effect: NoSchedule, PreferNoSchedule, NoExecute).") var taints: String?
    @Option(help: "Health schedule: periodic:HEALTHY/UNHEALTHY or unhealthy-after:DURATION.") var schedule: String?
    @Option(help: "topology.kubernetes.io/zone.") var zone: String?
    @Option(help: "node.kubernetes.io/instance-type.") var instanceType: String?
    @Option(help: "The pool that simulates the nodes.") var pool = "default"

    func templates() throws -> [HollowNodeTemplate] {
        var configuration = HollowNodeConfiguration()
        if let cpu { configuration.shape.cpu = try quantity(cpu, flag: "--cpu") }
        if let memory { configuration.shape.memory = try quantity(memory, flag: "--memory") }
        if let pods { configuration.shape.pods = try quantity(pods, flag: "--pods") }
        if let schedule { configuration.behavior.health = try Self.schedule(schedule) }
        let labelMap = try labels.map { try Self.labels($0) } ?? [:]
        let taintList = try taints.map { try Self.taints($0) } ?? []
        var nodeNames = names
        if let count {
            guard names.count == 1 else { throw CommandFailure("--count takes exactly one NAME, not \(names.count)") }
            guard (1...100_000).contains(count) else { throw CommandFailure("--count must be between 1 and 100000, not \(count)") }
            nodeNames = (0..<count).map { "\(names[0])-\($0)" }
        }
        guard !nodeNames.isEmpty else { throw CommandFailure("name at least one node") }
        for name in nodeNames {
            if let problem = isDNS1123Subdomain(name).first { throw CommandFailure("invalid node name \"\(name)\": \(problem)") }
        }
        if let problem = isDNS1123Label(pool).first { throw CommandFailure("invalid --pool \"\(pool)\": \(problem)") }
        return nodeNames.map { name in
            HollowNodeTemplate(
                name: name, pool: pool, configuration: configuration, labels: labelMap, instanceType: instanceType,
                zone: zone, taints: taintList)
        }
    }

    func validate() throws { _ = try templates() }

    func run() async throws {
        let templates = try templates()
        try await cluster.withClient { client in
            let nodes = client.resource(Node.self)
            for template in templates {
                _ = try await nodes.create(template.node)
                print("node/\(template.name) created")
            }
        }
    }

    static func schedule(_ text: String) throws -> HollowNodeHealthSchedule {
        if text.hasPrefix("periodic:") {
            let parts = text.dropFirst("periodic:".count).split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw CommandFailure("--schedule periodic takes HEALTHY/UNHEALTHY durations, e.g. periodic:40s/5s, not \"\(text)\"")
            }
            let healthy = try positiveDuration(String(parts[0]), flag: "--schedule (healthy)")
            let unhealthy = try positiveDuration(String(parts[1]), flag: "--schedule (unhealthy)")
            return HollowNodeHealthSchedule(.periodic(healthy: healthy, unhealthy: unhealthy))
        }
        if text.hasPrefix("unhealthy-after:") {
            let after = try positiveDuration(String(text.dropFirst("unhealthy-after:".count)), flag: "--schedule")
            return HollowNodeHealthSchedule(.unhealthyAfter(after))
        }
        if text == "healthy" { return .alwaysHealthy }
        throw CommandFailure("--schedule must be periodic:HEALTHY/UNHEALTHY, unhealthy-after:DURATION or healthy, not \"\(text)\"")
    }

    static func labels(_ text: String) throws -> [String: String] {
        var labels: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw CommandFailure("--labels: \"\(pair)\" is not key=value") }
            labels[String(parts[0])] = String(parts[1])
        }
        if let error = validateLabels(labels.map { ($0.key, $0.value) }, field: "--labels").first {
            throw CommandFailure(error.description)
        }
        return labels
    }

    static func taints(_ text: String) throws -> [JSON] {
        try text.split(separator: ",").map { entry in
            guard let colon = entry.lastIndex(of: ":") else {
                throw CommandFailure("--taints: \"\(entry)\" is not key[=value]:Effect")
            }
            let effect = String(entry[entry.index(after: colon)...])
            guard ["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(effect) else {
                throw CommandFailure("--taints: unknown effect \"\(effect)\" (NoSchedule, PreferNoSchedule, NoExecute)")
            }
            let keyValue = entry[..<colon].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(keyValue[0])
            guard !key.isEmpty, validateLabels([(key, keyValue.count == 2 ? String(keyValue[1]) : "")], field: "--taints").isEmpty
            else { throw CommandFailure("--taints: invalid taint \"\(entry)\"") }
            var taint: JSONObject = ["key": .string(key)]
            if keyValue.count == 2 { taint["value"] = .string(String(keyValue[1])) }
            taint["effect"] = .string(effect)
            return .object(taint)
        }
    }
}

/// `hollow node list`.
struct NodeList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List hollow nodes.")

    @OptionGroup var cluster: ClusterOptions

    func run() async throws {
        try await cluster.withClient { client in
            let nodes = try await client.resource(Node.self).list(options: ListOptions(labelSelector: HollowNodeKeys.poolLabel))
            var rows = [["NAME", "POOL", "STATUS", "KUBELET", "SCHEDULE", "INJECTED"]]
            for node in nodes.items.sorted(by: { $0.name < $1.name }) {
                let annotations = node.metadata.annotations
                let ready = (node.object[path: ["status", "conditions"]]?.arrayValue ?? [])
                    .first { $0["type"]?.stringValue == "Ready" }?["status"]?.stringValue
                let status = switch ready {
                case "True": "Ready"
                case "False": "NotReady"
                case "Unknown": "Unknown"
                default: "Registering"
                }
                let configuration = try? HollowNodeConfiguration(annotations: annotations)
                let schedule: String =
                    switch configuration?.behavior.health.mode {
                    case .periodic(let healthy, let unhealthy)?: "periodic \(goDuration(healthy))/\(goDuration(unhealthy))"
                    case .unhealthyAfter(let after)?: "unhealthy after \(goDuration(after))"
                    case .alwaysHealthy?: "-"
                    case nil: "invalid"
                    }
                var injected = (configuration?.behavior.conditionOverrides.values.map { "\($0.type)=\($0.status)" } ?? []).sorted()
                if configuration?.behavior.podFailure == true { injected.append("pods-fail") }
                rows.append([
                    node.name, node.metadata.labels[HollowNodeKeys.poolLabel] ?? "", status,
                    configuration?.behavior.kubelet.rawValue ?? "?", schedule,
                    injected.isEmpty ? "-" : injected.joined(separator: ","),
                ])
            }
            print(table(rows), terminator: "")
        }
    }
}

/// `hollow node fail`.
struct NodeFail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fail",
        abstract: "Inject a failure into a hollow node.",
        discussion: """
            --kubelet-stopped stops the simulated kubelet (no Lease renewals, no status: the node lifecycle controller \
            marks it Unknown after its grace period), as `systemctl stop kubelet` would. --condition TYPE=STATUS \
            reports that node condition (MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable, Ready or a \
            custom type), for --for DURATION or until healed. --pods-fail makes the node's pods fail.
            """)

    @OptionGroup var cluster: ClusterOptions
    @Argument(help: "The node.") var name: String
    @Flag(help: "Stop the kubelet.") var kubeletStopped = false
    @Option(help: "A condition to report, TYPE=STATUS (True, False or Unknown).") var condition: String?
    @Option(name: .customLong("for"), help: "How long the condition lasts (Go duration).") var duration: String?
    @Flag(help: "Make the node's pods fail.") var podsFail = false

    func annotations(now: Timestamp) throws -> [String: String] {
        var annotations: [String: String] = [:]
        if kubeletStopped { annotations[HollowNodeKeys.kubelet] = HollowNodeBehavior.KubeletState.stopped.rawValue }
        if podsFail { annotations[HollowNodeKeys.podFailure] = "true" }
        if let condition {
            let parts = condition.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw CommandFailure("--condition must be TYPE=STATUS, not \"\(condition)\"")
            }
            let status = String(parts[1])
            guard ["True", "False", "Unknown"].contains(status) else {
                throw CommandFailure("--condition status must be True, False or Unknown, not \"\(status)\"")
            }
            let until = try duration.map { now.adding(try positiveDuration($0, flag: "--for")) }
            let override = HollowNodeConditionOverride(type: String(parts[0]), status: status, until: until)
            annotations[HollowNodeKeys.conditionPrefix + override.type] = override.annotationValue
        } else if duration != nil {
            throw CommandFailure("--for goes with --condition")
        }
        guard !annotations.isEmpty else { throw CommandFailure("say what fails: --kubelet-stopped, --condition TYPE=STATUS or --pods-fail") }
        // The pool refuses what does not parse; check here first so that the command fails instead.
        do { _ = try HollowNodeConfiguration(annotations: annotations) } catch { throw CommandFailure(error.description) }
        return annotations
    }

    func validate() throws { _ = try annotations(now: .now()) }

    func run() async throws {
        let annotations = try annotations(now: .now())
        try await cluster.withClient { client in
            let patch: JSON = ["metadata": ["annotations": .object(JSONObject(annotations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))]]
            _ = try await client.resource(Node.self).patch(name, .merge(patch))
            print("node/\(name) failing: \(annotations.keys.sorted().joined(separator: ", "))")
        }
    }
}

/// `hollow node heal`.
struct NodeHeal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heal", abstract: "Undo injected failures: start the kubelet, drop injected conditions and pod failures.")

    @OptionGroup var cluster: ClusterOptions
    @Argument(help: "The node.") var name: String

    func run() async throws {
        try await cluster.withClient { client in
            let nodes = client.resource(Node.self)
            let node = try await nodes.get(name)
            var removals = JSONObject()
            for key in node.metadata.annotations.keys.sorted()
            where key == HollowNodeKeys.kubelet || key == HollowNodeKeys.podFailure
                || key.hasPrefix(HollowNodeKeys.conditionPrefix)
            {
                removals[key] = .null
            }
            guard !removals.isEmpty else {
                print("node/\(name) has no injected failure")
                return
            }
            _ = try await nodes.patch(name, .merge(["metadata": ["annotations": .object(removals)]]))
            print("node/\(name) healed")
        }
    }
}

/// `hollow node delete`.
struct NodeDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete hollow nodes.")

    @OptionGroup var cluster: ClusterOptions
    @Argument(help: "The nodes.") var names: [String]

    func run() async throws {
        try await cluster.withClient { client in
            for name in names {
                try await client.resource(Node.self).delete(name)
                print("node/\(name) deleted")
            }
        }
    }
}

/// A Go duration as Go prints it (`40s`, `1m30s`).
func goDuration(_ duration: Duration) -> String { GoDuration(duration).description }

/// Quantity from a flag, or a one-line failure.
func quantity(_ text: String, flag: String) throws -> Quantity {
    let value: Quantity
    do { value = try Quantity(parsing: text) } catch { throw CommandFailure("\(flag): \(error)") }
    guard value.nanoUnits >= 0 else { throw CommandFailure("\(flag) must not be negative, not \(text)") }
    return value
}

/// Left-aligned columns separated by three spaces, as kubectl prints.
func table(_ rows: [[String]]) -> String {
    guard let first = rows.first else { return "" }
    let widths = (0..<first.count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
        row.enumerated().map { index, cell in
            index == row.count - 1 ? cell : cell.padding(toLength: widths[index] + 3, withPad: " ", startingAt: 0)
        }.joined()
    }.joined(separator: "\n") + "\n"
}
