import ArgumentParser
import BreakthroughCore

struct PromiseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "promise",
    abstract: "Make a promise; prints its number (P12).")

  @Argument(help: "What will be done: the conditions of satisfaction, in one sentence.") var what: String
  @Option(help: ArgumentHelp("To whom it is promised.", valueName: "handle"), completion: .handles) var to: String
  @Option(help: ArgumentHelp("By when.", valueName: "date")) var by: String
  @Option(help: ArgumentHelp("Who promises (else the actor: --as, $BREAKTHROUGH_USER, $USER).", valueName: "handle"), completion: .handles)
  var from: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    var options = common
    if let from { options.actor = from }
    let session = try options.openSession()
    let customer = try Handle(to)
    let by = try session.date(by)
    try session.perform(.make(what: what, to: customer, by: by))
  }
}
