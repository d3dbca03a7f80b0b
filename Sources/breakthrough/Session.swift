import BreakthroughCore
import BreakthroughStore
import Foundation

/// One command's view of the world: the ledger, the actor, and the moment it runs.
final class Session {
  let ledger: FileLedger
  let actor: Handle
  let now: Date
  let zone: TimeZone

  init(ledger: FileLedger, actor: Handle, now: Date, zone: TimeZone) {
    self.ledger = ledger
    self.actor = actor
    self.now = now
    self.zone = zone
  }

  var state: LedgerState { ledger.state }
  var localNow: LocalMoment { LocalMoment(now, in: zone) }
  var context: MoveContext { MoveContext(actor: actor, now: now, zone: zone) }

  /// Reads a date as people type it; a date already past is accepted with a warning.
  func date(_ text: String) throws -> ByWhen {
    let by = try DateExpression.parse(text, today: localNow.day)
    if by.isPast(at: localNow) {
      warn("\(by.description) is already past; recorded as given (history entered after the fact)")
    }
    return by
  }

  /// Appends what `move` returns on the freshest state, then prints its summary.
  func perform(_ move: (LedgerState) throws(Refusal) -> MoveOutcome) throws {
    let outcome = try ledger.append(move)
    reportWarnings()
    print(Escaping.forDisplay(outcome.summary))
  }

  /// Performs a move on the promise that `reference` names.
  func perform(on reference: String, _ move: (LedgerState, Promise) throws(Refusal) -> MoveOutcome) throws {
    try perform { (state) throws(Refusal) in try move(state, try state.promise(named: reference)) }
  }

  func reportWarnings() {
    for warning in ledger.takeWarnings() { warn(warning) }
  }

  func warn(_ message: String) {
    FileHandle.standardError.write(Data("warning: \(Escaping.forDisplay(message))\n".utf8))
  }
}
