import BreakthroughCore
import BreakthroughTestSupport
import Foundation

/// A ledger built in memory from moves, with fixed ids and a hand-turned clock: the same
/// ledger every run, so exports can be compared with golden files.
struct SampleLedger {
  var state = LedgerState()
  /// Every event applied, in order.
  private(set) var events: [Event] = []
  var now: Date
  let zone: TimeZone
  private var counter = 0

  /// Where the exports' golden files are kept (`Golden.check`).
  static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  /// Text with everything that breaks formats: wide characters, emoji, quotes, commas,
  /// semicolons, a backslash, a line break, an escape sequence, and Markdown's markup.
  static let awkward = "Wide 李娜 & emoji 🎉, \"quoted\"; semi\\colon\nsecond line \u{1B}[31mred *bold* _em_ [link](x) <b>|pipe` #"

  init(now: String = "2026-12-01T09:00:00.000Z", zone: TimeZone = TimeZone(identifier: "UTC")!) {
    self.now = Timestamp.parse(now)!
    self.zone = zone
  }

  var today: CalendarDay { LocalMoment(now, in: zone).day }

  /// Makes `move` as `actor` now, and applies its events.
  @discardableResult
  mutating func move(_ actor: String, _ move: Move) throws -> MoveOutcome {
    counter += 1
    let prefix = String(format: "00000000-0000-4000-8000-%012d", counter * 10)
    let sequence = Sequence()
    let context = MoveContext(actor: handle(actor), now: now, zone: zone, makeID: { prefix.dropLast() + sequence.next() })
    let outcome = try state.outcome(of: move, context: context)
    for event in outcome.events { state.apply(event) }
    events += outcome.events
    return outcome
  }

  /// Makes a promise due `days` from today (at `minute` past midnight when given); returns its id.
  @discardableResult
  mutating func promise(_ what: String, from performer: String, to customer: String, dueIn days: Int, minute: Int? = nil) throws -> String {
    try move(performer, .make(what: what, to: handle(customer), by: ByWhen(day: today.adding(days: days), minuteOfDay: minute)))
    return state.promise(number: state.nextNumber - 1)!.id
  }

  mutating func advance(hours: Double) {
    now = now.addingTimeInterval(hours * 3600)
  }

  /// Distinct last digits for the ids one move makes.
  private final class Sequence: @unchecked Sendable {
    private var value = 0
    func next() -> String {
      value += 1
      return String(value % 10)
    }
  }

  /// A week of a small team: every kind of accounting, awkward text, a time-of-day by-when.
  static func week() throws -> SampleLedger {
    var ledger = SampleLedger()
    try ledger.move(
      "ana", .declare(statement: "Ship the first release; with \"everyone\", together", by: ByWhen(day: ledger.today.adding(days: 30))))
    let kept = try ledger.promise("Draft the plan, with numbers", from: "ana", to: "ben", dueIn: 2)
    let awkward = try ledger.promise(awkward, from: "ben", to: "ana", dueIn: 3, minute: 16 * 60 + 30)
    let notKept = try ledger.promise("Book the venue", from: "李娜", to: "ana", dueIn: 1)
    let renegotiated = try ledger.promise("Write the tests", from: "ana", to: "李娜", dueIn: 5)
    let revoked = try ledger.promise("Order shirts", from: "ben", to: "ben", dueIn: 4)
    let delivered = try ledger.promise("Send the invitations", from: "李娜", to: "ben", dueIn: 6)
    try ledger.promise("Fix the printer", from: "ben", to: "ana", dueIn: 1)
    ledger.advance(hours: 24)
    try ledger.move("ana", .deliver(promise: kept, accepted: false, note: "on the shared drive"))
    try ledger.move("ben", .accept(promise: kept))
    try ledger.move(
      "李娜",
      .notKept(
        promise: notKept, note: "the venue, was; full",
        replacement: .init(what: "Book another venue", by: ByWhen(day: ledger.today.adding(days: 3))), reason: "external"))
    try ledger.move("ana", .renegotiate(promise: renegotiated, by: ByWhen(day: ledger.today.adding(days: 9)), note: "waiting on the API"))
    try ledger.move("ben", .revoke(promise: revoked, note: "not needed after all"))
    try ledger.move("李娜", .deliver(promise: delivered, accepted: false))
    try ledger.move("ben", .confidence(promise: awkward, level: .atRisk))
    ledger.advance(hours: 26)
    return ledger
  }
}
