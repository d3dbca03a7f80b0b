import ArgumentParser
import BreakthroughCore
import BreakthroughStore
import Foundation

/// The options every command takes: which ledger, and who is acting.
struct CommonOptions: ParsableArguments {
  @Option(
    name: .customLong("store"),
    help: ArgumentHelp(
      "The ledger file (else $BREAKTHROUGH_STORE, else ~/.local/share/breakthrough/ledger.jsonl).", valueName: "path"))
  var store: String?

  @Option(name: .customLong("as"), help: ArgumentHelp("Act as this person (else $BREAKTHROUGH_USER, else $USER).", valueName: "handle"))
  var actor: String?

  /// Opens the ledger and names the actor. What the ledger warns about is printed, unless a
  /// screen will show it (printed first, it would be wiped by the screen).
  func openSession(reportingWarnings: Bool = true) throws -> Session {
    let environment = ProcessInfo.processInfo.environment
    let path = StoreLocation.ledgerPath(option: store, environment: environment)
    let ledger = try FileLedger(path: path)
    let actorName = StoreLocation.actorName(option: actor, environment: environment)
    let session = Session(ledger: ledger, actorName: actorName, now: Date(), zone: .current)
    if reportingWarnings { session.reportWarnings() }
    Session.open.append(session)
    return session
  }
}

/// A message for the person and a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}
