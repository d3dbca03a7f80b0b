import ArgumentParser
import BreakthroughCore

struct ReleaseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "release",
    abstract: "As the customer, release a promise you no longer need.")

  @Argument(help: "The promise, e.g. P12.", completion: .openPromises) var number: String
  @Option(help: "A note for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    try session.perform(.release(promise: try session.promiseID(named: number), note: note))
  }
}
