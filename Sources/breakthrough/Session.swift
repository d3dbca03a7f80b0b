import BreakthroughCore
import BreakthroughStore
import Foundation

/// One command's view of the world: the ledger, the actor, and the moment it runs.
final class Session {
  /// Sessions stay referenced until the process exits: freeing a large folded ledger piece
  /// by piece would only delay the exit.
  nonisolated(unsafe) static var open: [Session] = []

  /// Closes every session's store, as the command ends: a team ledger's server is told goodbye.
  static func closeAll() {
    for session in open { session.ledger.close() }
  }

  let ledger: LedgerStore
  /// Who is acting, as named by --as or the environment; only moves need it.
  let actorName: String?
  let now: Date
  let zone: TimeZone
  /// What the ledger warned about and was shown, so that an error saying the same is not repeated.
  private var shownWarnings: Set<String> = []

  init(ledger: LedgerStore, actorName: String?, now: Date, zone: TimeZone) {
    self.ledger = ledger
    self.actorName = actorName
    self.now = now
    self.zone = zone
  }

  var state: LedgerState { ledger.state }
  var localNow: LocalMoment { LocalMoment(now, in: zone) }
  /// The actor and the moment, for a move.
  func context() throws -> MoveContext {
    guard let actorName else {
      // A team ledger never reached from here does not know who you are yet, and cannot record anyway.
      if ledger.connectionNote != nil {
        throw CommandFailure("nothing was recorded: the team ledger cannot be reached (see the warning above)")
      }
      throw CommandFailure("who is acting? set --as HANDLE, BREAKTHROUGH_USER or USER")
    }
    return MoveContext(actor: try Handle(actorName), now: now, zone: zone)
  }

  /// Reads a date as people type it; a date already past is accepted with a warning.
  func date(_ text: String) throws -> ByWhen {
    let by = try DateExpression.parse(text, today: localNow.day)
    if by.isPast(at: localNow) {
      warn("\(by.description) is already past; recorded as given (history entered after the fact)")
    }
    return by
  }

  /// Makes `move` on the freshest state, then prints its summary.
  func perform(_ move: Move) throws {
    let context = try context()
    let appended = Result { () throws(StoreError) in try ledger.append(move, context: context) }
    if case .failure(let error) = appended, shownWarnings.contains(error.description) {
      // The damage was named when the ledger was opened: say it once.
      throw CommandFailure("nothing was written: the ledger is damaged (see the warning above)")
    }
    let outcome = try appended.get()
    reportWarnings()
    print(Escaping.forDisplay(outcome.summary))
  }

  /// The id of the promise that `reference` names (P12, p12 or 12): numbers never change
  /// once shown, so the number read now names the same promise when the move is appended.
  func promiseID(named reference: String) throws -> String {
    try named { try $0.promise(named: reference).id }
  }

  /// What `find` finds on the state. A team ledger opened for a write is this machine's copy
  /// until the write: a number it does not know may have been given since, so the server is
  /// asked once before the reference is refused.
  func named<Found>(_ find: (LedgerState) throws -> Found) throws -> Found {
    do { return try find(state) } catch {
      guard try ledger.refresh() else { throw error }
      return try find(state)
    }
  }

  /// The id of the request `reference` names, when it names one (`R3`); nil for anything else,
  /// so that a command taking a promise or a request reads either.
  func requestID(ifNamedBy reference: String) throws -> String? {
    let trimmed = reference.trimmingCharacters(in: .whitespaces)
    guard trimmed.count > 1, trimmed.first.map({ "rR".contains($0) }) == true, trimmed.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber })
    else {
      return nil
    }
    return try named { try $0.request(named: trimmed).id }
  }

  /// Says what the ledger warned about; a long list is cut to its first few and a count.
  func reportWarnings() {
    let warnings = ledger.takeWarnings()
    let shown = warnings.count > 5 ? 3 : warnings.count
    for warning in warnings.prefix(shown) { warn(warning) }
    shownWarnings.formUnion(warnings.prefix(shown))
    if warnings.count > shown { warn("… and \(warnings.count - shown) more like these (`breakthrough log` shows the ledger)") }
  }

  func warn(_ message: String) {
    FileHandle.standardError.write(Data("warning: \(Escaping.forDisplay(message))\n".utf8))
  }
}
