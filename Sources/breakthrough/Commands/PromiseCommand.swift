import ArgumentParser
import BreakthroughCore

struct PromiseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "promise",
    abstract: "Make a promise; prints its number (P12). `promise R3` promises what R3 asks.")

  @Argument(help: "What will be done: the conditions of satisfaction, in one sentence; or a request you were asked, e.g. R3.")
  var what: String
  @Option(help: ArgumentHelp("To whom it is promised.", valueName: "handle"), completion: .handles) var to: String?
  @Option(help: ArgumentHelp("By when.", valueName: "date")) var by: String?
  @Option(
    name: .customLong("for"), help: ArgumentHelp("The element of the breakthrough it covers, e.g. E2.", valueName: "element"),
    completion: .openElements)
  var element: String?
  @Option(help: ArgumentHelp("The reason for a miss it works on, e.g. waiting (`breakthrough reasons` lists them).", valueName: "key"))
  var addresses: String?
  @Option(help: ArgumentHelp("Who promises (else the actor: --as, $BREAKTHROUGH_USER, $USER).", valueName: "handle"), completion: .handles)
  var from: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    var options = common
    if let from { options.actor = from }
    let session = try options.openSession(forWriting: true)
    if to == nil, by == nil, element == nil, let request = try session.requestID(ifNamedBy: what) {
      return try session.perform(.promiseAsAsked(request: request))
    }
    guard let to, let by else {
      throw ValidationError(
        "say to whom and by when: breakthrough promise \"WHAT\" --to HANDLE --by DATE (or promise R3 to promise what R3 asks)")
    }
    let customer = try Handle(to)
    let date = try session.date(by)
    let element = try element.map { name in try session.named { try $0.element(named: name).id } }
    try session.perform(.make(what: what, to: customer, by: date, element: element, addresses: addresses))
  }
}
