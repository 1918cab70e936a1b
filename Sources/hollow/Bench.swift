import ArgumentParser

/// `hollow bench …`: benchmarks that print figures and their ratios to measured ceilings.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark and print its figures.",
        subcommands: [])
}
