import ArgumentParser
import BreakthroughCore

struct AcceptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accept",
    abstract: "As the customer, accept a delivery (P12: kept), or an offer or a counter to your request (R4: the promise is made).")

  @Argument(help: "The promise, e.g. P12, or the request, e.g. R4.", completion: .openPromisesAndRequests) var number: String
  @Option(help: "A note for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    if let request = try session.requestID(ifNamedBy: number) { return try session.perform(.acceptOffer(request: request)) }
    try session.perform(.accept(promise: try session.promiseID(named: number), note: note))
  }
}
