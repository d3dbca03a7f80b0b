import ArgumentParser
import BreakthroughCore

struct DeclareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "declare",
    abstract: "Declare the team's breakthrough (a new declaration revises the current one).")

  @Argument(help: "The unprecedented result, said publicly.") var statement: String
  @Option(help: ArgumentHelp("When it will have happened.", valueName: "date")) var by: String
  @Option(help: "How everyone will know it happened.") var measure: String?
  @Option(help: "Why it matters.") var why: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    let by = try session.date(by)
    try session.perform(.declare(statement: statement, by: by, measure: measure, why: why))
  }
}
