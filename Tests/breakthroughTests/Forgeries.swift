import BreakthroughCore
import Foundation

/// Lines a member writes by hand (an editor, `psql`) to bend the record: each well formed, each
/// against the rule book. Built with the ledger's own encoder, so they read exactly as a line
/// written by any program would.
struct Forgeries {
  /// What the honest moves made first, read back with `show --format json`.
  struct Ledger {
    let delivered: String  // P1, ana → ben, delivered by ana
    let bensPromise: String  // P2, ben → ana, open
    let revoked: String  // P3, ana → ben, revoked by ana
    let request: String  // R1, ben asks cy
    let breakthrough: String  // declared by ana
    let element: String  // E1, added by ana
  }

  /// The next promise number when the forgeries are written.
  let nextNumber: Int
  let at = Date(timeIntervalSince1970: 1_800_000_000)

  /// Each forged event with the reason every reader must give for leaving it out.
  func events(on ledger: Ledger) -> [(event: Event, reason: String)] {
    func by(_ text: String) -> ByWhen { ByWhen(ledgerText: text) ?? ByWhen(day: CalendarDay(daysSinceEpoch: 50_000)) }
    func event(_ id: String, _ actor: String, _ body: EventBody) -> Event {
      Event(id: id, at: at, actor: (try? Handle(actor)) ?? (try? Handle("ana"))!, body: body)
    }
    func handle(_ text: String) -> Handle { (try? Handle(text))! }
    let inOthersName = PromiseTerms(
      id: "forged-made", number: nextNumber, performer: handle("cy"), customer: handle("ana"), what: "cy will do my work",
      by: by("2099-01-09"), breakthrough: nil, replaces: nil)
    let secondP3 = PromiseTerms(
      id: "forged-p3", number: 3, performer: handle("ana"), customer: handle("ben"), what: "a second P3", by: by("2099-01-09"),
      breakthrough: nil, replaces: nil)
    let onOthersRequest = PromiseTerms(
      id: "forged-answer", number: nextNumber + 1, performer: handle("cy"), customer: handle("ben"), what: "Review the budget",
      by: by("2099-01-05"), breakthrough: nil, replaces: nil, request: ledger.request)
    return [
      (
        event("forged-1", "ana", .accepted(promise: ledger.delivered, note: nil)),
        "ana may not accept P1: only ben, to whom P1 was made, can accept it"
      ),
      (
        event("forged-2", "ana", .delivered(promise: ledger.bensPromise, accepted: true, note: nil)),
        "ana may not report P2 done: only ben, who made P2, can report it done"
      ),
      (
        event("forged-3", "ben", .accepted(promise: ledger.revoked, note: nil)),
        "ben may not accept P3: P3 is revoked, so it is too late to accept it"
      ),
      (
        event("forged-4", "ana", .made(inOthersName)),
        "ana may not make P\(nextNumber): a promise is made by its performer, cy; to ask cy for one, make a request"
      ),
      (event("forged-5", "ana", .made(secondP3)), "ana may not make P3: the next promise is P\(nextNumber + 1)"),
      (
        event("forged-6", "ana", .made(onOthersRequest)),
        "ana may not promise R1 as asked: only cy, who must answer it, can promise it as asked"
      ),
      (
        event("forged-7", "ben", .breakthroughAccounted(breakthrough: ledger.breakthrough, outcome: .achieved, note: nil)),
        "ben may not account for the breakthrough: only ana, who declared it, can account for it"
      ),
      (
        event("forged-8", "cy", .elementMet(element: ledger.element, note: nil)),
        "cy may not mark E1 met: only ana, who added it, can mark it met"
      ),
    ]
  }

  /// Each forged event as a ledger line.
  func lines(on ledger: Ledger) -> [String] {
    events(on: ledger).map { EventCoding.line(for: $0.event) }
  }
}
