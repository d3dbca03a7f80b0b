import ArgumentParser
import BreakthroughCore

struct CounterCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "counter",
    abstract: "Answer a request or an offer with other terms; then the other side accepts, counters or declines.")

  @Argument(help: "The request, e.g. R3.", completion: .openRequests) var request: String
  @Option(help: ArgumentHelp("The by-when you can promise.", valueName: "date")) var by: String?
  @Option(help: "What you can promise instead.") var what: String?
  @Option(help: "Why these terms.") var note: String
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    let id = try session.named { try $0.request(named: request).id }
    try session.perform(.counter(request: id, by: try by.map { try session.date($0) }, what: what, note: note))
  }
}

struct DeclineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decline",
    abstract: "Decline a request or an offer, saying why: an honest no honors your word as much as a promise.")

  @Argument(help: "The request, e.g. R3.", completion: .openRequests) var request: String
  @Option(help: "Why not.") var note: String
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    try session.perform(.decline(request: try session.named { try $0.request(named: request).id }, note: note))
  }
}

struct WithdrawCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "withdraw",
    abstract: "Take back your request, offer or counter while it waits for an answer.")

  @Argument(help: "The request, e.g. R3.", completion: .openRequests) var request: String
  @Option(help: "A note for the record.") var note: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    try session.perform(.withdraw(request: try session.named { try $0.request(named: request).id }, note: note))
  }
}
