import Foundation

/// A realistic sample ledger for `breakthrough demo`: a team of five (one name in Chinese),
/// a breakthrough, and about forty promises in every state, dated around `now`.
public enum DemoLedger {
  /// The events, oldest first, as the team would have made them.
  public static func events(now: Date, zone: TimeZone) -> [Event] {
    var builder = Builder(now: now, zone: zone)
    builder.build()
    return builder.events
  }

  struct Builder {
    let now: Date
    let zone: TimeZone
    var state = LedgerState()
    var events: [Event] = []
    var clock: Date
    var counter = 0

    init(now: Date, zone: TimeZone) {
      self.now = now
      self.zone = zone
      clock = now.addingTimeInterval(-30 * 86_400)
    }

    var today: CalendarDay { LocalMoment(now, in: zone).day }

    static let work = [
      "Draft the onboarding guide for pilot teams", "Call Acme about the pilot contract", "Fix the invoice export for EU customers",
      "Record a 3-minute product demo video", "Publish the pricing page", "Interview five churned users",
      "Ship SSO login for the pilot", "Write the security questionnaire answers", "Set up the support rota for December",
      "Send the pilot proposal to Globex", "Migrate the billing database to the new cluster", "Prepare the board update deck",
      "整理客户反馈并分类", "Review the accessibility audit 🎯", "Book the offsite venue", "Close the Q4 hiring loop",
    ]

    mutating func build() {
      let people = ["ana", "ben", "cleo", "dev", "李娜"]
      let today = self.today
      at(daysAgo: 30)
      act("ana") { (state, context) throws(Refusal) in
        try state.declare(statement: "Three paying teams on v1 within four months", by: ByWhen(day: today.adding(days: 125)),
                          measure: "three signed, paid invoices", why: "proof that teams will pay for accountability", context: context)
      }
      // Forty promises made over the last four weeks, due from three weeks ago to three weeks ahead.
      for index in 0..<40 {
        let daysAgo = 28 - index * 2 / 3
        at(daysAgo: daysAgo)
        let performer = people[index % 5], customer = people[(index * 3 + 1) % 5]
        // Due at least two days after it was made, as people promise.
        let dueIn = max((index * 7) % 42 - 21, 2 - daysAgo)
        let what = Builder.work[index % Builder.work.count]
        act(performer) { (state, context) throws(Refusal) in
          try state.makePromise(what: what, to: try Handle(customer), by: ByWhen(day: today.adding(days: dueIn)), context: context)
        }
      }
      // What became of them.
      for number in 1...40 {
        guard let promise = state.promise(number: number) else { continue }
        let due = promise.by.day, performer = promise.performer.text, customer = promise.customer.text
        let wasDue = due < today
        at(day: wasDue ? due.adding(days: number % 3 == 0 ? 1 : -1) : today.adding(days: -1))
        clock = max(clock, promise.madeAt.addingTimeInterval(3600))
        switch number % 8 {
        case 0, 1:
          move(promise.number, as: performer) { (state, promise, context) throws(Refusal) in try state.deliver(promise, accepted: false, note: nil, context: context) }
          if number % 8 == 0 { move(promise.number, as: customer) { (state, promise, context) throws(Refusal) in try state.accept(promise, note: nil, context: context) } }
        case 2:
          move(promise.number, as: performer) { (state, promise, context) throws(Refusal) in
            try state.stateConfidence(promise, wasDue ? .offTrack : .atRisk, note: "waiting on legal", context: context)
          }
        case 3 where wasDue:
          move(promise.number, as: performer) { (state, promise, context) throws(Refusal) in
            try state.accountNotKept(promise, note: "the vendor slipped a week",
                                     then: (what: promise.what + " (second try)", by: ByWhen(day: today.adding(days: 5))), context: context)
          }
        case 4:
          move(promise.number, as: performer) { (state, promise, context) throws(Refusal) in
            try state.renegotiate(promise, by: ByWhen(day: due.adding(days: 10)), what: nil, note: "scope grew", context: context)
          }
        case 5 where wasDue:
          move(promise.number, as: performer) { (state, promise, context) throws(Refusal) in try state.revoke(promise, note: "no longer needed by the pilot", context: context) }
        case 6:
          move(promise.number, as: customer) { (state, promise, context) throws(Refusal) in try state.release(promise, note: nil, context: context) }
        default:
          move(promise.number, as: performer) { (state, promise, context) throws(Refusal) in try state.stateConfidence(promise, .onTrack, note: nil, context: context) }
        }
      }
    }

    mutating func at(daysAgo: Int) {
      clock = now.addingTimeInterval(Double(-daysAgo) * 86_400)
    }

    mutating func at(day: CalendarDay) {
      let offset = Double(day.daysSinceEpoch - today.daysSinceEpoch) * 86_400
      clock = min(now, now.addingTimeInterval(offset))
    }

    mutating func act(_ actor: String, _ move: (LedgerState, MoveContext) throws(Refusal) -> MoveOutcome) {
      counter += 1
      let seed = counter
      let sequence = IDSequence(prefix: "demo-\(seed)")
      guard let handle = try? Handle(actor) else { return }
      let context = MoveContext(actor: handle, now: clock, zone: zone, makeID: sequence.next)
      guard let outcome = try? move(state, context) else { return }
      for event in outcome.events { state.apply(event) }
      events += outcome.events
    }

    mutating func move(_ number: Int, as actor: String, _ move: (LedgerState, Promise, MoveContext) throws(Refusal) -> MoveOutcome) {
      act(actor) { (state, context) throws(Refusal) in
        guard let promise = state.promise(number: number) else { throw Refusal("no P\(number)") }
        return try move(state, promise, context)
      }
    }
  }
}

/// Unique ids for the demo: a random stem, numbered, so each demo ledger is distinct.
final class IDSequence: @unchecked Sendable {
  private let prefix: String
  private var count = 0

  init(prefix: String) {
    self.prefix = prefix + "-" + UUID().uuidString.prefix(8).lowercased()
  }

  func next() -> String {
    count += 1
    return "\(prefix)-\(count)"
  }
}
