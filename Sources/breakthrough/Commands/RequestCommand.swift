import ArgumentParser
import BreakthroughCore

/// What a request and an offer both say: what, by when, when an answer is wanted, and for which element.
struct ProposalOptions: ParsableArguments {
  @Argument(help: "What would be done: the conditions of satisfaction, in one sentence.") var what: String
  @Option(help: ArgumentHelp("By when it would be done.", valueName: "date")) var by: String
  @Option(
    name: .customLong("reply-by"), help: ArgumentHelp("When an answer is wanted (past it, the answer is overdue).", valueName: "date"))
  var replyBy: String?
  @Option(
    name: .customLong("for"), help: ArgumentHelp("The element of the breakthrough it would cover, e.g. E2.", valueName: "element"),
    completion: .openElements)
  var element: String?

  /// The parts, read as the session reads dates and numbers.
  func read(in session: Session) throws -> (by: ByWhen, replyBy: ByWhen?, element: String?) {
    (
      try session.date(by), try replyBy.map { try session.date($0) },
      try element.map { name in try session.named { try $0.element(named: name).id } }
    )
  }
}

struct RequestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "request",
    abstract: "Ask someone for a promise; prints its number (R3). It is owed an answer: a promise, a counter or a decline.")

  @OptionGroup var proposal: ProposalOptions
  @Option(help: ArgumentHelp("Whom you ask.", valueName: "handle"), completion: .handles) var of: String
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    let (by, replyBy, element) = try proposal.read(in: session)
    try session.perform(.request(what: proposal.what, of: try Handle(of), by: by, replyBy: replyBy, element: element))
  }
}

struct OfferCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "offer",
    abstract: "Offer someone a promise; prints its number (R4). When they accept it, the promise is made.")

  @OptionGroup var proposal: ProposalOptions
  @Option(help: ArgumentHelp("To whom you offer it.", valueName: "handle"), completion: .handles) var to: String
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    let (by, replyBy, element) = try proposal.read(in: session)
    try session.perform(.offer(what: proposal.what, to: try Handle(to), by: by, replyBy: replyBy, element: element))
  }
}
