import ArgumentParser

/// Measures Breakthrough on generated ledgers, and drives the ledger hard for the fault tests.
@main
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "breakthrough-bench",
    abstract: "Benchmarks and stress drivers for Breakthrough's ledger and screens.",
    subcommands: [
      RunCommand.self, GenerateCommand.self, CompareCommand.self, ReachCommand.self, AppendCommand.self, WatchCommand.self,
      TeamCommand.self,
    ])
}
