import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// The measures on a fixture whose figures are worked out by hand below.
@Suite struct MeasuresTests {
  /// Made on 2026-11-01 (after the breakthrough), measured at 2026-11-26 12:00 UTC:
  ///
  /// | P  | who       | by    | what happened                                   | came due | counts as            |
  /// |----|-----------|-------|-------------------------------------------------|----------|----------------------|
  /// | 1  | ana → ben | 11-05 | delivered 11-04, accepted 11-10                 | yes      | kept on time         |
  /// | 2  | ana → ben | 11-05 | delivered and accepted 11-07                    | yes      | kept late            |
  /// | 3  | ana → ben | 11-20 | renegotiated 11-10 → P4                         | yes      | honored with notice  |
  /// | 4  | ana → ben | 12-10 | open                                            | no       | open                 |
  /// | 5  | ana → ben | 11-08 | revoked 11-12                                   | yes      | revoked late         |
  /// | 6  | ana → ben | 11-20 | open                                            | yes      | 6 days overdue       |
  /// | 7  | ben → ana | 11-24 | open                                            | yes      | 2 days overdue       |
  /// | 8  | ben → ana | 11-28 | open                                            | no       | due within 7 days    |
  /// | 9  | ben → ana | 11-15 | released 11-10                                  | never    | —                    |
  /// | 10 | ana → ben | 11-22 | delivered 11-21, not yet accepted               | yes      | awaiting acceptance  |
  /// | 11 | ben → ana | 11-30 | accounted not kept 11-12                        | yes      | not kept             |
  ///
  /// Team: came due 8 (1 2 3 5 6 7 10 11); kept on time 1 → 1/8; honored (1 + 1) / 8;
  /// unaccounted 2 with 6 + 2 = 8 days; open 4 (4 6 7 8), due within 7 days 1 (8).
  /// ana: came due 6 (1 2 3 5 6 10), kept on time 1, notice 1, unaccounted 1 (6 days), open 2 (4 6).
  /// ben: came due 2 (7 11), kept on time 0, unaccounted 1 (2 days), open 2 (7 8), due within 7 days 1.
  static func ledger() throws -> LedgerFixture {
    var fixture = LedgerFixture()
    fixture.at("2026-11-01T10:00")
    let end = ByWhen(ledgerText: "2027-03-31") ?? ByWhen(day: CalendarDay(daysSinceEpoch: 0))
    try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.declare(statement: "Three paying teams", by: end, measure: "3 invoices", why: nil, context: context)
    }
    fixture.at("2026-11-01T12:00")
    for (performer, customer, day) in [
      ("ana", "ben", "2026-11-05"), ("ana", "ben", "2026-11-05"), ("ana", "ben", "2026-11-20"),
    ] { try fixture.promise(from: performer, to: customer, by: day) }
    fixture.at("2026-11-04T09:00")
    try fixture.move(1, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.deliver(promise, accepted: false, note: nil, context: context)
    }
    fixture.at("2026-11-07T09:00")
    try fixture.move(2, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.deliver(promise, accepted: true, note: nil, context: context)
    }
    fixture.at("2026-11-10T09:00")
    try fixture.move(1, as: "ben") { (state, promise, context) throws(Refusal) in try state.accept(promise, note: nil, context: context) }
    let later = ByWhen(ledgerText: "2026-12-10") ?? end
    try fixture.move(3, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.renegotiate(promise, by: later, what: nil, note: nil, context: context)
    }
    for (performer, customer, day) in [
      ("ana", "ben", "2026-11-08"), ("ana", "ben", "2026-11-20"), ("ben", "ana", "2026-11-24"),
      ("ben", "ana", "2026-11-28"), ("ben", "ana", "2026-11-15"), ("ana", "ben", "2026-11-22"), ("ben", "ana", "2026-11-30"),
    ] { try fixture.promise(from: performer, to: customer, by: day) }
    try fixture.move(9, as: "ana") { (state, promise, context) throws(Refusal) in try state.release(promise, note: nil, context: context) }
    fixture.at("2026-11-12T09:00")
    try fixture.move(5, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.revoke(promise, note: "dropped", context: context)
    }
    try fixture.move(11, as: "ben") { (state, promise, context) throws(Refusal) in
      try state.accountNotKept(promise, note: "vendor failed", then: nil, reason: "external", context: context)
    }
    fixture.at("2026-11-21T09:00")
    try fixture.move(10, as: "ana") { (state, promise, context) throws(Refusal) in
      try state.deliver(promise, accepted: false, note: nil, context: context)
    }
    fixture.at("2026-11-26T12:00")
    return fixture
  }

  @Test func theFixtureIsWhatTheTableSays() throws {
    let fixture = try Self.ledger()
    #expect(
      fixture.state.promises.readEach().map(\.state) == [
        .kept, .kept, .renegotiated, .open, .revoked, .open, .open, .open, .released, .delivered, .notKept,
      ])
    #expect(fixture.promise(4).replaces == fixture.promise(3).id)
  }

  @Test func teamFigures() throws {
    let fixture = try Self.ledger()
    let team = Measures(fixture.state, now: fixture.now, zone: fixture.zone).team
    #expect(team.cameDue == 8)
    #expect(team.keptOnTime == 1)
    #expect(team.closedWithNotice == 1)
    #expect(team.keptOnTimeRate == 1.0 / 8)
    #expect(team.honoredRate == 2.0 / 8)
    #expect(team.unaccounted == 2)
    #expect(team.daysOverdue == 8)
    #expect(team.open == 4)
    #expect(team.dueWithinWeek == 1)
  }

  @Test func perPersonFigures() throws {
    let fixture = try Self.ledger()
    let people = Measures(fixture.state, now: fixture.now, zone: fixture.zone).people
    #expect(people.map(\.person.text) == ["ana", "ben"])
    let ana = people[0].figures
    let ben = people[1].figures
    #expect(
      [ana.cameDue, ana.keptOnTime, ana.closedWithNotice, ana.unaccounted, ana.daysOverdue, ana.open, ana.dueWithinWeek]
        == [6, 1, 1, 1, 6, 2, 0] as [Int])
    #expect(
      [ben.cameDue, ben.keptOnTime, ben.closedWithNotice, ben.unaccounted, ben.daysOverdue, ben.open, ben.dueWithinWeek]
        == [2, 0, 0, 1, 2, 2, 1] as [Int])
    #expect(ben.keptOnTimeRate == 0)
  }

  /// People are told apart by their handles, however alike (same length, same first letter),
  /// and one person is one however the letters of the handle are encoded (the Hangul syllable
  /// 각 as one code point or as its three letters).
  @Test func eachPersonHasTheirOwnFigures() throws {
    var fixture = LedgerFixture()
    let performers = ["ana", "amy", "ana", "李娜", "李明", "\u{AC01}", "\u{1100}\u{1161}\u{11A8}", "amy"]
    for performer in performers { _ = try fixture.promise(from: performer, dueIn: 5) }
    let people = Measures(fixture.state, now: fixture.now, zone: fixture.zone).people
    #expect(people.map(\.person.text) == ["ana", "amy", "李娜", "李明", "\u{AC01}"])
    #expect(people.map(\.figures.open) == [2, 2, 1, 1, 2])
  }

  @Test func breakthroughFigures() throws {
    let fixture = try Self.ledger()
    let figures = try #require(Measures(fixture.state, now: fixture.now, zone: fixture.zone).breakthrough)
    // 2026-11-26 → 2027-03-31: 4 + 31 + 31 + 28 + 31 days.
    #expect(figures.daysLeft == 125)
    #expect(figures.linkedPromises == 11)
    #expect(figures.linked.keptOnTimeRate == 1.0 / 8)
  }

  @Test func promisesMadeBeforeTheBreakthroughAreOutsideItsWindow() throws {
    var fixture = LedgerFixture()
    fixture.at("2026-10-01T09:00")
    try fixture.promise(from: "ana", to: "ben", by: "2026-10-05")
    fixture.at("2026-11-01T09:00")
    let end = ByWhen(day: fixture.today.adding(days: 90))
    try fixture.perform("ana") { (state, context) throws(Refusal) in
      try state.declare(statement: "Big", by: end, measure: nil, why: nil, context: context)
    }
    try fixture.promise(from: "ana", to: "ben", by: "2026-11-03")
    fixture.at("2026-11-26T09:00")
    let measures = Measures(fixture.state, now: fixture.now, zone: fixture.zone)
    #expect(measures.team.unaccounted == 1)
    #expect(measures.team.daysOverdue == 23)
    #expect(measures.breakthrough?.linkedPromises == 1)
  }

  @Test func nothingDueMeansNoRate() {
    let measures = Measures(LedgerState(), now: Date(), zone: .current)
    #expect(measures.team.keptOnTimeRate == nil)
    #expect(measures.breakthrough == nil)
  }
}
