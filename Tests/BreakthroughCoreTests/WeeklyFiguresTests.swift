import BreakthroughCore
import BreakthroughTestSupport
import Foundation
import Testing

/// Week by week on the measures' fixture (`MeasuresTests.ledger`), counted by hand from its
/// table: a week is the one its by-when's day falls in, Monday first. Measured on 11-26:
///
/// | week of | due in it                                      | came due | on time | honored | not kept | late |
/// |---------|------------------------------------------------|----------|---------|---------|----------|------|
/// | 10-26   | nothing                                        | 0        |         |         |          |      |
/// | 11-02   | P1 on time, P2 late, P5 revoked late (11-08)   | 3        | 1       | 1       | 0        | 1    |
/// | 11-09   | P9 released                                    | 0        |         |         |          |      |
/// | 11-16   | P3 with notice, P6 overdue, P10 awaiting       | 3        | 0       | 1       | 0        | 0    |
/// | 11-23   | P7 overdue, P8 not yet due (today is 11-26)    | 1        | 0       | 0       | 0        | 0    |
///
/// and on 11-30, the week of 11-30 holds P11, not kept (closed before its by-when came).
@Suite struct WeeklyFiguresTests {
  static func day(_ text: String) -> CalendarDay { ByWhen(ledgerText: text)?.day ?? CalendarDay(daysSinceEpoch: 0) }

  struct Row: Equatable, CustomStringConvertible {
    let start: String
    let counts: [Int]
    var description: String { "\(start) \(counts)" }
  }

  static func rows(_ weeks: [WeekFigures]) -> [Row] {
    weeks.map { Row(start: $0.start.iso, counts: [$0.cameDue, $0.keptOnTime, $0.honored, $0.notKept, $0.late]) }
  }

  @Test func theTeamsWeeksAreWhatTheTableSays() throws {
    let fixture = try MeasuresTests.ledger()
    let measures = Measures(fixture.state, now: fixture.now, zone: fixture.zone)
    #expect(measures.weeks.weeks.count == Measures.weeksKept)
    #expect(measures.weeks.first.iso == "2026-09-07" && measures.weeks.last.iso == "2026-11-23")
    let weeks = measures.weeks.weeks(last: 5)
    #expect(
      Self.rows(weeks) == [
        Row(start: "2026-10-26", counts: [0, 0, 0, 0, 0]), Row(start: "2026-11-02", counts: [3, 1, 1, 0, 1]),
        Row(start: "2026-11-09", counts: [0, 0, 0, 0, 0]), Row(start: "2026-11-16", counts: [3, 0, 1, 0, 0]),
        Row(start: "2026-11-23", counts: [1, 0, 0, 0, 0]),
      ])
    #expect(weeks[1].keptOnTimeRate == 1.0 / 3 && weeks[1].honoredRate == 1.0 / 3)
    #expect(weeks[3].keptOnTimeRate == 0 && weeks[3].honoredRate == 1.0 / 3)
    // Nothing due is not 0%.
    #expect(weeks[0].keptOnTimeRate == nil && weeks[2].honoredRate == nil)
    #expect(WeeklyTrend(weeks) == .down)
    #expect(WeeklyTrend(Array(weeks.prefix(2))) == nil, "one week with something due is no trend")
    let monday = try #require(Timestamp.parse("2026-11-30T12:00:00.000Z"))
    let next = WeeklyMeasures(fixture.state, now: monday, zone: fixture.zone, weeks: 1, perPerson: false).team.weeks
    #expect(Self.rows(next) == [Row(start: "2026-11-30", counts: [1, 0, 0, 1, 0])])
  }

  @Test func eachPersonsWeeksAddUpToTheTeams() throws {
    let fixture = try MeasuresTests.ledger()
    let weekly = WeeklyMeasures(fixture.state, now: fixture.now, zone: fixture.zone, weeks: 4, perPerson: true)
    #expect(weekly.people.map(\.person.text) == ["ana", "ben"])
    let ana = Self.rows(weekly.people[0].figures.weeks)
    let ben = Self.rows(weekly.people[1].figures.weeks)
    #expect(ana.map(\.counts) == [[3, 1, 1, 0, 1], [0, 0, 0, 0, 0], [3, 0, 1, 0, 0], [0, 0, 0, 0, 0]])
    #expect(ben.map(\.counts) == [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
    #expect(weekly.team.weeks == Measures(fixture.state, now: fixture.now, zone: fixture.zone).weeks.weeks(last: 4))
    #expect(WeeklyMeasures(fixture.state, now: fixture.now, zone: fixture.zone, weeks: 4, perPerson: false).people.isEmpty)
  }

  /// Monday 03:00 UTC is still Sunday evening in New York and already Monday noon in Tokyo:
  /// "this week" and what has come due are the zone's, which is why a team has one.
  @Test func theWeekAndWhatCameDueAreTheZones() throws {
    var fixture = LedgerFixture(now: "2026-11-20T12:00:00.000Z")
    try fixture.promise(dueIn: 9)  // Sunday 11-29
    fixture.now = Timestamp.parse("2026-11-30T03:00:00.000Z") ?? fixture.now
    let zones = ["America/New_York", "Asia/Tokyo"].compactMap { TimeZone(identifier: $0) }
    let thisWeek = zones.map { zone in WeeklyMeasures(fixture.state, now: fixture.now, zone: zone, weeks: 1, perPerson: false).team.weeks[0]
    }
    #expect(thisWeek.map(\.start.iso) == ["2026-11-23", "2026-11-30"])
    // In New York the Sunday by-when has not ended yet: nothing has come due that week.
    #expect(thisWeek[0].cameDue == 0)
    let tokyoLastWeek = WeeklyMeasures(fixture.state, now: fixture.now, zone: zones[1], weeks: 2, perPerson: false).team.weeks[0]
    #expect(tokyoLastWeek.cameDue == 1 && tokyoLastWeek.keptOnTime == 0)
  }

  @Test func weeksStartOnMonday() {
    #expect(Self.day("2026-11-29").weekStart.iso == "2026-11-23")  // a Sunday
    #expect(Self.day("2026-11-30").weekStart.iso == "2026-11-30")  // a Monday
    #expect(Self.day("1969-12-31").weekStart.iso == "1969-12-29")  // before the epoch
  }
}
