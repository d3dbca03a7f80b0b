import ArgumentParser
import BreakthroughCore

struct AcceptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accept",
    abstract: "As the customer, accept a delivery: the promise is kept.")

  @Argument(help: "The promise, e.g. P12.", completion: .openPromises) var number: String
  @Option(help: "A note for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession()
    try session.perform(.accept(promise: try session.promiseID(named: number), note: note))
  }
}
