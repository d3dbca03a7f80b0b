import BreakthroughCore
import Foundation

/// Writes a realistic ledger of a team's two years: about three events a promise (made, and
/// a mix of deliveries and acceptances, not kept with replacements, renegotiations and
/// confidence), 20 people, a current breakthrough, about a tenth overdue, some wide characters.
/// Events are made directly, not through a fold, so that a million promises fit in memory.
struct LedgerGenerator {
  static let people = [
    "ana", "ben", "cleo", "dev", "李娜", "emre", "fatima", "gus", "hana", "ivan", "jo", "kemal", "lea", "mo",
    "nadia", "oskar", "priya", "quinn", "rosa", "sam",
  ].compactMap { try? Handle($0) }
  /// The reasons the misses give, skewed as a team's are: a few causes most of the time.
  static let reasons = [
    "waiting", "waiting", "waiting", "prerequisite", "prerequisite", "underestimated", "priorities", "external", "people", "unclear",
  ]
  static let verbs = ["Ship", "Draft", "Review", "Call", "Fix", "Migrate", "Write", "Book", "Prepare", "Record", "Test", "Plan"]
  static let objects = [
    "the onboarding guide", "SSO login for the pilot", "the billing database", "the board update deck",
    "Acme's pilot contract", "the offsite venue", "the support rota", "the 3-minute demo video",
    "the 東京 customer visit notes", "the release checklist ✅", "the Q1 hiring plan", "the status page",
  ]

  let promises: Int
  let now: Date
  let zone: TimeZone
  var generator = SeededGenerator(seed: 42)

  /// One promise as the other tool would hold it, for the side-by-side comparison.
  struct Item {
    let id: String
    let what: String
    let performer: Handle
    let made: Date
    let by: ByWhen
    let closedAt: Date?
    let isDone: Bool
  }

  /// Calls `line` with each ledger line in order and `item` with each promise.
  mutating func generate(line: (String) -> Void, item: (Item) -> Void) {
    let start = now.addingTimeInterval(-730 * 86_400)
    let breakthroughID = "b-\(UInt64.random(in: 1...UInt64.max, using: &generator))"
    let declared = Event(
      id: newID(), at: start, actor: Self.people[0],
      body: .declared(
        BreakthroughTerms(
          id: breakthroughID, statement: "Three paying teams on v1 within four months", measure: "three signed, paid invoices",
          why: nil, by: ByWhen(day: LocalMoment(now, in: zone).day.adding(days: 120)))))
    line(EventCoding.line(for: declared))
    let step = now.timeIntervalSince(start) / Double(max(1, promises))
    var number = 0
    while number < promises {
      number += 1
      let made = start.addingTimeInterval(Double(number) * step - Double.random(in: 0...step, using: &generator))
      number = promise(number: number, made: made, breakthrough: breakthroughID, replacing: nil, line: line, item: item)
    }
  }

  /// Writes one promise's life; returns the last number used (a replacement takes the next).
  /// `replacing`: the terms a renegotiation already wrote, whose life goes on here.
  private mutating func promise(
    number: Int, made: Date, breakthrough: String, replacing: PromiseTerms?,
    line: (String) -> Void, item: (Item) -> Void
  ) -> Int {
    let terms: PromiseTerms
    if let replacing {
      terms = replacing
    } else {
      let performer = Self.people.randomElement(using: &generator) ?? Self.people[0]
      var customer = Self.people.randomElement(using: &generator) ?? Self.people[1]
      if customer == performer { customer = Self.people[((Self.people.firstIndex(of: performer) ?? 0) + 1) % Self.people.count] }
      let by = ByWhen(day: LocalMoment(made, in: zone).day.adding(days: Int.random(in: 1...21, using: &generator)))
      let what =
        "\(Self.verbs.randomElement(using: &generator) ?? "Ship") \(Self.objects.randomElement(using: &generator) ?? "it") #\(number)"
      terms = PromiseTerms(
        id: newID(), number: number, performer: performer, customer: customer, what: what, by: by,
        breakthrough: breakthrough, replaces: nil)
      line(EventCoding.line(for: Event(id: newID(), at: made, actor: performer, body: .made(terms))))
    }
    let performer = terms.performer
    let customer = terms.customer
    let by = terms.by
    let what = terms.what
    let due = moment(of: by)
    func at(_ date: Date) -> Date { min(date, now) }
    if Double.random(in: 0...1, using: &generator) < 0.4 {
      let level = Confidence.allCases.randomElement(using: &generator) ?? .onTrack
      line(
        EventCoding.line(
          for: Event(
            id: newID(), at: at(made.addingTimeInterval(3600)), actor: performer,
            body: .confidence(promise: terms.id, level: level, note: nil))))
    }
    var lastNumber = number
    var closedAt: Date?
    var isDone = false
    let roll = Double.random(in: 0...1, using: &generator)
    if due > now {
      // Still running: mostly open, some delivered and waiting for acceptance.
      if roll < 0.15 {
        line(
          EventCoding.line(
            for: Event(
              id: newID(), at: at(made.addingTimeInterval(86_400)), actor: performer,
              body: .delivered(promise: terms.id, accepted: false, note: nil))))
      }
    } else if roll < 0.62 {
      let delivered = due.addingTimeInterval(Double.random(in: -3...0.5, using: &generator) * 86_400)
      line(
        EventCoding.line(
          for: Event(
            id: newID(), at: at(delivered), actor: performer,
            body: .delivered(promise: terms.id, accepted: false, note: nil))))
      closedAt = at(delivered.addingTimeInterval(86_400))
      isDone = true
      line(EventCoding.line(for: Event(id: newID(), at: closedAt ?? now, actor: customer, body: .accepted(promise: terms.id, note: nil))))
    } else if roll < 0.72 {
      closedAt = at(due.addingTimeInterval(-86_400))
      isDone = true
      line(
        EventCoding.line(
          for: Event(
            id: newID(), at: closedAt ?? now, actor: performer,
            body: .delivered(promise: terms.id, accepted: true, note: "shown in the meeting"))))
    } else if roll < 0.80 && lastNumber < promises {
      lastNumber += 1
      closedAt = at(due.addingTimeInterval(-2 * 86_400))
      let replacement = PromiseTerms(
        id: newID(), number: lastNumber, performer: performer, customer: customer, what: what,
        by: ByWhen(day: by.day.adding(days: 7)), breakthrough: breakthrough, replaces: terms.id)
      line(
        EventCoding.line(
          for: Event(
            id: newID(), at: closedAt ?? now, actor: performer,
            body: .renegotiated(promise: terms.id, note: "the customer agreed", replacement: replacement))))
      item(Item(id: terms.id, what: what, performer: performer, made: made, by: by, closedAt: closedAt, isDone: false))
      return promise(number: lastNumber, made: closedAt ?? now, breakthrough: breakthrough, replacing: replacement, line: line, item: item)
    } else if roll < 0.88 {
      closedAt = at(due.addingTimeInterval(86_400))
      line(
        EventCoding.line(
          for: Event(
            id: newID(), at: closedAt ?? now, actor: performer,
            body: .notKept(
              promise: terms.id, note: "it slipped", replacement: nil, lateRenegotiation: false,
              reason: Self.reasons[lastNumber % Self.reasons.count]))))
    } else if roll < 0.90 {
      closedAt = at(due.addingTimeInterval(-86_400))
      line(EventCoding.line(for: Event(id: newID(), at: closedAt ?? now, actor: customer, body: .released(promise: terms.id, note: nil))))
    }
    // Whatever is left open past its by-when is an overdue accounting: about a tenth of all.
    item(Item(id: terms.id, what: what, performer: performer, made: made, by: by, closedAt: closedAt, isDone: isDone))
    return lastNumber
  }

  private func moment(of by: ByWhen) -> Date {
    let midnight = Double(by.day.adding(days: 1).daysSinceEpoch) * 86_400
    return Date(timeIntervalSince1970: midnight - Double(zone.secondsFromGMT()))
  }

  private mutating func newID() -> String {
    let high = UInt64.random(in: 0...UInt64.max, using: &generator)
    let low = UInt64.random(in: 0...UInt64.max, using: &generator)
    let hex = String(high, radix: 16) + String(low, radix: 16)
    return String(hex.prefix(32))
  }
}
