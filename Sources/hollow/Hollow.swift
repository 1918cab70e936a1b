import ArgumentParser

/// `hollow`: the command-line entry point. Each subcommand wires library services together and does nothing
/// else.
@main
struct Hollow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hollow",
        abstract: "Kubernetes machines and nodes that appear in seconds, cost nothing and fail on command.",
        subcommands: [Up.self, Controllers.self, Install.self, Nodes.self, NodeCommand.self, Bench.self])
}
