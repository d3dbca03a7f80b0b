import ArgumentParser
import BreakthroughCore

struct DoneCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "done",
    abstract: "Report delivery of a promise; it waits for the customer to accept (kept at once with --accepted).")

  @Argument(help: "The promise, e.g. P12.", completion: .openPromises) var number: String
  @Flag(help: "The customer accepted it then and there (in the meeting): kept at once.") var accepted = false
  @Option(help: "A note for the record.") var note: String?
  @Option(help: ArgumentHelp("Delivered late: why, the key of one of the team's reasons (optional).", valueName: "key")) var reason: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    try session.perform(.deliver(promise: try session.promiseID(named: number), accepted: accepted, note: note, reason: reason))
  }
}
