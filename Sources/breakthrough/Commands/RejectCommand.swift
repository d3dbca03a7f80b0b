import ArgumentParser
import BreakthroughCore

struct RejectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reject",
    abstract: "As the customer, reject a delivery, saying what is missing: the promise is open again.")

  @Argument(help: "The promise, e.g. P12.", completion: .openPromises) var number: String
  @Option(help: "What is missing.") var note: String
  @Option(help: ArgumentHelp("Why it fell short: the key of one of the team's reasons (optional).", valueName: "key")) var reason: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    try session.perform(.reject(promise: try session.promiseID(named: number), note: note, reason: reason))
  }
}
