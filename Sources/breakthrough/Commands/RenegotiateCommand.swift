import ArgumentParser
import BreakthroughCore

struct RenegotiateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "renegotiate",
    abstract: "New terms agreed with the customer: the promise closes and a linked one carries the new by-when.",
    discussion:
      "After the by-when it is too late to renegotiate: it is recorded as not kept plus the new promise, and the output says so; "
      + "then --reason is required.")

  @Argument(help: "The promise, e.g. P12.", completion: .openPromises) var number: String
  @Option(help: ArgumentHelp("The new by-when.", valueName: "date")) var by: String
  @Option(help: "New conditions of satisfaction (else the same).") var what: String?
  @Option(help: "A note for the record.") var note: String?
  @Option(help: ArgumentHelp("After the by-when: why, the key of one of the team's reasons.", valueName: "key")) var reason: String?
  @Option(help: ArgumentHelp("The reason the new promise works on (a key).", valueName: "key")) var addresses: String?
  @OptionGroup var common: CommonOptions

  func run() throws {
    let session = try common.openSession(forWriting: true)
    let newBy = try session.date(by)
    try session.perform(
      .renegotiate(
        promise: try session.promiseID(named: number), by: newBy, what: what, note: note, reason: reason, addresses: addresses))
  }
}
