import Foundation

/// A realistic sample ledger for `breakthrough demo`: a team of five (one name in Chinese),
/// a breakthrough with its roll and five elements, about forty promises in every state, and
/// requests in every state, dated around `now`.
public enum DemoLedger {
  /// The sample team, in the order the demo offers to act as them.
  public static let team: [Handle] = ["ana", "ben", "cleo", "dev", "李娜"].compactMap { try? Handle($0) }

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
      let people = DemoLedger.team.map(\.text)
      let today = self.today
      at(daysAgo: 30)
      act(
        "ana",
        .declare(
          statement: "Three paying teams on v1 within four months", by: ByWhen(day: today.adding(days: 125)),
          measure: "three signed, paid invoices", why: "proof that teams will pay for accountability"))
      // Forty promises made over the last four weeks, due from three weeks ago to three weeks ahead.
      for index in 0..<40 {
        let daysAgo = 28 - index * 2 / 3
        at(daysAgo: daysAgo)
        let performer = people[index % 5]
        let customer = people[(index * 3 + 1) % 5]
        // Due at least two days after it was made, as people promise.
        let dueIn = max((index * 7) % 42 - 21, 2 - daysAgo)
        guard let customer = try? Handle(customer) else { continue }
        act(performer, .make(what: Builder.work[index % Builder.work.count], to: customer, by: ByWhen(day: today.adding(days: dueIn))))
      }
      // What became of them.
      for number in 1...40 {
        guard let promise = state.promise(number: number) else { continue }
        let id = promise.id
        let due = promise.by.day
        let performer = promise.performer.text
        let customer = promise.customer.text
        let wasDue = due < today
        at(day: wasDue ? due.adding(days: number % 3 == 0 ? 1 : -1) : today.adding(days: -1))
        clock = max(clock, promise.madeAt.addingTimeInterval(3600))
        switch number % 8 {
        case 0, 1:
          act(performer, .deliver(promise: id, accepted: false))
          if number % 8 == 0 { act(customer, .accept(promise: id)) }
        case 2:
          act(performer, .confidence(promise: id, level: wasDue ? .offTrack : .atRisk, note: "waiting on legal"))
        case 3 where wasDue:
          let replacement = Move.Replacement(what: promise.what + " (second try)", by: ByWhen(day: today.adding(days: 5)))
          let reason = ["waiting", "external", "waiting", "underestimated", "waiting"][number / 8 % 5]
          act(performer, .notKept(promise: id, note: "the vendor slipped a week", replacement: replacement, reason: reason))
        case 4:
          // After its by-when a renegotiation is a miss, and says why.
          let late = wasDue && number % 3 == 0 ? "priorities" : nil
          act(performer, .renegotiate(promise: id, by: ByWhen(day: due.adding(days: 10)), note: "scope grew", reason: late))
        case 5 where wasDue:
          act(performer, .revoke(promise: id, note: "no longer needed by the pilot"))
        case 6:
          act(customer, .release(promise: id))
        default:
          act(performer, .confidence(promise: id, level: .onTrack))
        }
      }
      buildConversations()
    }

    /// Who is in, what the breakthrough will take, and requests in every state.
    mutating func buildConversations() {
      let today = self.today
      func day(_ offset: Int) -> ByWhen { ByWhen(day: today.adding(days: offset)) }
      func handle(_ text: String) -> Handle { (try? Handle(text)) ?? DemoLedger.team[0] }
      at(daysAgo: 6)
      for person in ["ben", "cleo", "李娜"] { act(person, .enroll()) }
      act("dev", .notYet(note: "a clear owner for support, so the pilot does not land on me alone"))
      let elements = [
        ("A signed pilot contract with Acme", day(20)), ("Pricing published and tested with five teams", day(30)),
        ("SSO that pilot teams can switch on themselves", day(15)), ("A support rota that answers within a day", day(25)),
        ("Security questionnaire answered", day(-2)),
      ]
      for (what, by) in elements { act("ana", .addElement(what: what, by: by)) }
      let ids = state.conversations.elements.map(\.id)
      guard ids.count == 5 else { return }
      act("ana", .meetElement(element: ids[4], note: "sent to Globex's security team"))
      at(daysAgo: 4)
      act("ana", .request(what: "Send the pilot contract to Acme", of: handle("ben"), by: day(6), element: ids[0]))
      if let asked = state.conversations.requests.last { act("ben", .promiseAsAsked(request: asked.id)) }
      act("cleo", .make(what: "Publish the pricing page draft", to: handle("ana"), by: day(3), element: ids[1]))
      act("dev", .make(what: "Ship SSO login behind a flag", to: handle("ana"), by: day(-1), element: ids[2]))
      act("ana", .request(what: "Draft the support rota", of: handle("dev"), by: day(5), replyBy: day(1), element: ids[3]))
      act("ana", .request(what: "Take the Friday support shift", of: handle("dev"), by: day(2)))
      if let asked = state.conversations.requests.last { act("dev", .decline(request: asked.id, note: "on leave that week")) }
      act("ben", .offer(what: "Redo the logo for the pilot deck", to: handle("cleo"), by: day(8)))
      if let offered = state.conversations.requests.last { act("ben", .withdraw(request: offered.id, note: "the old one will do")) }
      at(daysAgo: 2)
      act("cleo", .request(what: "Review the pricing copy", of: handle("ben"), by: day(4), replyBy: day(-1)))
      act("ana", .request(what: "Run the pilot kickoff call", of: handle("cleo"), by: day(2)))
      if let asked = state.conversations.requests.last {
        act("cleo", .counter(request: asked.id, by: day(7), what: nil, note: "Acme's team is away until next week"))
      }
      at(daysAgo: 1)
      act("dev", .request(what: "Pair on the SSO rollout plan", of: handle("ana"), by: day(5), replyBy: day(1)))
      act("李娜", .offer(what: "Translate the onboarding guide into Chinese", to: handle("ana"), by: day(10)))
    }

    mutating func at(daysAgo: Int) {
      clock = now.addingTimeInterval(Double(-daysAgo) * 86_400)
    }

    mutating func at(day: CalendarDay) {
      let offset = Double(day.daysSinceEpoch - today.daysSinceEpoch) * 86_400
      clock = min(now, now.addingTimeInterval(offset))
    }

    /// Makes `move` as `actor` at the builder's clock; a move the ledger refuses is left out.
    mutating func act(_ actor: String, _ move: Move) {
      counter += 1
      let sequence = IDSequence(prefix: "demo-\(counter)")
      guard let handle = try? Handle(actor) else { return }
      let context = MoveContext(actor: handle, now: clock, zone: zone, makeID: sequence.next)
      guard let outcome = try? state.outcome(of: move, context: context) else { return }
      for event in outcome.events { state.apply(event) }
      events += outcome.events
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
