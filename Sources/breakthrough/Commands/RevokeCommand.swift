import ArgumentParser
import BreakthroughCore

struct RevokeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "revoke",
    abstract: "As the performer, withdraw a promise, saying why.")

  @Argument(help: "The promise, e.g. P12.", completion: .openPromises) var number: String
  @Option(help: "Why it is withdrawn.") var note: String
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    try session.perform(.revoke(promise: try session.promiseID(named: number), note: note))
  }
}
