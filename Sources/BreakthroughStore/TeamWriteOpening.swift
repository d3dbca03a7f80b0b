import BreakthroughCore
import Foundation

/// A one-shot write that opens the team ledger with its write, in one round trip after
/// connecting: the move is judged on this machine's copy (as it verified it) and sent, after the
/// checks an open makes, in the same flight (`TeamSchema.write(_:after:checkingFor:…)`). When
/// the checks fail nothing runs, and the ledger is opened step by step, saying what is wrong;
/// when others appended first, their rows come back instead, are checked against the chain and
/// kept, and the move is judged again as every write is.
extension TeamLedger {
  /// The write that opens the ledger: its outcome once recorded; nil when nothing was recorded
  /// and the ledger is now open for the usual write (which judges the move again).
  func appendOpening(_ move: (LedgerState) throws(Refusal) -> MoveOutcome) throws(StoreError) -> MoveOutcome? {
    guard let verified = unopened, let connection, let identity else { return nil }
    let outcome: MoveOutcome
    do { outcome = try move(mirror.state) } catch {
      // Refused on this machine's copy: the server may know more (a promise made since).
      try opened()
      return nil
    }
    let lines = outcome.events.map { EventCoding.line(for: $0) }
    let written: (answer: TeamSchema.WriteAnswer, serverProcess: Int?)?
    do {
      written = try TeamSchema.write(
        Self.rows(outcome, lines), after: verified, checkingFor: identity, on: connection, whileWaiting: whileWaiting)
    } catch {
      unopened = nil
      // Others appended between the check and the write, or the server holds fewer events than
      // this machine read (a restore, which the open names): open, and judge the move again.
      guard !["40001", "23505", "22023"].contains(error.sqlState) else {
        try opened()
        return nil
      }
      return try afterFailedWrite(error, outcome: outcome)
    }
    guard let written else {
      try opened()
      return nil
    }
    // The server agreed with this machine on all an open checks: the ledger is open.
    unopened = nil
    lastCatchUp = clock()
    switch written.answer {
    case .written(let hashes):
      keepWritten(lines, after: verified.count, hashes: hashes)
      return outcome
    case .missed(var missed):
      // A pooler that lends the server between statements is named before anything is recorded
      // (a write that went through stands: a one-shot command needs nothing of its session).
      if let process = written.serverProcess, connection.isPooled(serverProcess: process) {
        do { try checkPooler(serverProcess: process) } catch { throw StoreError.io(error.message) }
      }
      do { try keep(&missed) } catch let error as StoreError { throw error } catch {
        throw StoreError.io("\(error); nothing was recorded")
      }
      return nil
    }
  }

  /// Opens the ledger on the connection made, as any command's open would.
  private func opened() throws(StoreError) {
    do { try finishOpening() } catch { throw StoreError.io(error.message + (error.isConnectionLost ? "; nothing was recorded" : "")) }
  }
}
