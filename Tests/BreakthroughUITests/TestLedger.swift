import BreakthroughCore
import BreakthroughStore
import BreakthroughTestSupport
import Foundation
import TerminalKit

/// A clock the test moves by hand: no sleeping in tests.
final class TestClock: @unchecked Sendable {
  var now = BoardHarness.now
  func advance(_ seconds: Double) { now = now.addingTimeInterval(seconds) }
}

/// Real ledger files for screen tests, written with the same moves people make.
enum TestLedger {
  static func path() -> String {
    Scratch.url.appendingPathComponent("screen-\(UUID().uuidString)/ledger.jsonl").path
  }

  static func keys(_ text: String) -> [TerminalEvent] { text.map { .key(.character($0)) } }

  /// `performer` promises `customer` on the day `madeDaysAgo` before the test's now, due
  /// `dueInDays` after it (negative: already past); returns the promise's id.
  @discardableResult
  static func promise(
    _ what: String, in ledger: FileLedger, from performer: String, to customer: String,
    madeDaysAgo: Int = 5, dueInDays: Int
  ) throws -> String {
    let made = BoardHarness.now.addingTimeInterval(Double(-madeDaysAgo) * 86_400)
    let context = MoveContext(actor: try Handle(performer), now: made, zone: BoardHarness.zone)
    let by = ByWhen(day: LocalMoment(BoardHarness.now, in: BoardHarness.zone).day.adding(days: dueInDays))
    let customer = try Handle(customer)
    let outcome = try ledger.append { (state) throws(Refusal) in try state.makePromise(what: what, to: customer, by: by, context: context) }
    guard case .made(let terms, _)? = outcome.events.first?.body else { throw Refusal("a making made no promise: \(outcome.events)") }
    return terms.id
  }

  /// A move by `actor` at the test's now.
  static func move(
    in ledger: FileLedger, as actor: String,
    _ move: @escaping (LedgerState, MoveContext) throws(Refusal) -> MoveOutcome
  ) throws {
    let context = MoveContext(actor: try Handle(actor), now: BoardHarness.now, zone: BoardHarness.zone)
    try ledger.append { (state) throws(Refusal) in try move(state, context) }
  }
}
