import ArgumentParser
import BreakthroughCore

struct NotKeptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "not-kept",
    abstract: "Account that a promise was not kept: what happened, and optionally the promise that replaces it.")

  @Argument(help: "The promise, e.g. P12.", completion: .openPromises) var number: String
  @Option(help: "What happened.") var note: String
  @Option(help: ArgumentHelp("Why: the key of one of the team's reasons (`breakthrough reasons` lists them).", valueName: "key"))
  var reason: String?
  @Option(help: ArgumentHelp("The new promise that replaces it (with --by).", valueName: "what")) var then: String?
  @Option(help: ArgumentHelp("By when the replacement is due.", valueName: "date")) var by: String?
  @Option(help: ArgumentHelp("The reason the replacement works on (a key, as for --reason).", valueName: "key")) var addresses: String?
  @OptionGroup var common: CommonOptions

  func validate() throws {
    if (then == nil) != (by == nil) {
      throw ValidationError("--then and --by go together: the replacement needs both what and by when")
    }
    if addresses != nil, then == nil {
      throw ValidationError("--addresses is said of the replacement: give it with --then and --by")
    }
  }

  func run() throws {
    let session = try common.openSession(forWriting: true)
    let replacement = try then.map { Move.Replacement(what: $0, by: try session.date(by ?? ""), addresses: addresses) }
    try session.perform(.notKept(promise: try session.promiseID(named: number), note: note, replacement: replacement, reason: reason))
  }
}
