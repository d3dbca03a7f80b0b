import ArgumentParser
import BreakthroughCore

struct AccountBreakthroughCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "account",
    abstract: "Account for the current breakthrough at its by-when: achieved or not-achieved.")

  @Argument(help: "achieved or not-achieved", completion: .list(["achieved", "not-achieved"])) var outcome: String
  @Option(help: "What happened (required for not-achieved).") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    guard let outcome = BreakthroughOutcome(rawValue: outcome.lowercased()), outcome != .revised else {
      throw CommandFailure("\"\(Escaping.forDisplay(outcome))\" is not an outcome: use achieved or not-achieved (to revise, declare anew)")
    }
    let session = try common.openSession(forWriting: true)
    try session.perform(.accountBreakthrough(outcome: outcome, note: note))
  }
}
