import BreakthroughCore
import Foundation
import Testing

@Suite struct DateExpressionTests {
  /// Thursday 2026-11-26.
  static let thursday = CalendarDay(year: 2026, month: 11, day: 26) ?? CalendarDay(daysSinceEpoch: 0)

  static func parse(_ text: String, today: CalendarDay = thursday) throws(Refusal) -> String {
    try DateExpression.parse(text, today: today).ledgerText
  }

  @Test(arguments: [
    ("2026-11-28", "2026-11-28"), ("today", "2026-11-26"), ("tomorrow", "2026-11-27"), ("Tomorrow", "2026-11-27"),
    ("fri", "2026-11-27"), ("friday", "2026-11-27"), ("mon", "2026-11-30"), ("thu", "2026-12-03"),
    ("+3d", "2026-11-29"), ("+0d", "2026-11-26"), ("+2w", "2026-12-10"), ("eow", "2026-11-27"), ("eom", "2026-11-30"),
    ("tomorrow 17:00", "2026-11-27T17:00"), ("2026-11-28T09:30", "2026-11-28T09:30"), ("2026-11-28 9:30", "2026-11-28T09:30"),
    ("+1d 23:59", "2026-11-27T23:59"), ("  eom  ", "2026-11-30"),
  ])
  func acceptedForm(_ text: String, _ expected: String) throws {
    #expect(try Self.parse(text) == expected)
  }

  @Test func endOfWeekAndMonthAtTheirEdges() throws {
    let friday = Self.thursday.adding(days: 1)
    let saturday = Self.thursday.adding(days: 2)
    #expect(try Self.parse("eow", today: friday) == "2026-11-27")
    #expect(try Self.parse("eow", today: saturday) == "2026-12-04")
    let leapFebruary = try #require(CalendarDay(year: 2028, month: 2, day: 10))
    #expect(try Self.parse("eom", today: leapFebruary) == "2028-02-29")
    #expect(try Self.parse("+1d", today: try #require(CalendarDay(year: 2026, month: 12, day: 31))) == "2027-01-01")
  }

  @Test(arguments: [
    "someday", "", "2026-02-30", "2026-13-01", "26-11-28", "tomorrow 25:00", "tomorrow 7pm", "+3x", "+d",
    "-3d", "fr", "today tomorrow 10:00", "2026-11-28T", "\u{1B}[31m",
  ])
  func refusedForm(_ text: String) {
    #expect(throws: Refusal.self) { try Self.parse(text) }
    do { _ = try Self.parse(text) } catch {
      #expect(error.message.contains("YYYY-MM-DD") || error.message.contains("HH:MM"))
      #expect(!error.message.unicodeScalars.contains("\u{1B}"))
    }
  }

  @Test func aDayWithoutATimeIsDueByTheEndOfThatDay() throws {
    let by = ByWhen(day: Self.thursday)
    #expect(!by.isPast(at: LocalMoment(day: Self.thursday, secondOfDay: 86_399)))
    #expect(by.isPast(at: LocalMoment(day: Self.thursday.adding(days: 1), secondOfDay: 0)))
    let atFive = ByWhen(day: Self.thursday, minuteOfDay: 17 * 60)
    #expect(!atFive.isPast(at: LocalMoment(day: Self.thursday, secondOfDay: 17 * 3600)))
    #expect(atFive.isPast(at: LocalMoment(day: Self.thursday, secondOfDay: 17 * 3600 + 1)))
  }

  /// New York leaves daylight saving on Sunday 2026-11-01: that day has 25 hours.
  @Test func aDaylightSavingWeekKeepsCalendarDays() throws {
    let newYork = try #require(TimeZone(identifier: "America/New_York"))
    // Saturday 2026-10-31 12:00 EDT (UTC-4).
    let saturdayNoon = try #require(Timestamp.parse("2026-10-31T16:00:00.000Z"))
    let today = LocalMoment(saturdayNoon, in: newYork)
    #expect(today.day.iso == "2026-10-31")
    #expect(today.clock == "12:00")
    #expect(try Self.parse("+1d", today: today.day) == "2026-11-01")
    #expect(try Self.parse("+1w", today: today.day) == "2026-11-07")
    #expect(try Self.parse("sun", today: today.day) == "2026-11-01")
    // Sunday 23:30 EST (UTC-5) is still Sunday, so a promise due Sunday is not yet late…
    let sundayLate = LocalMoment(try #require(Timestamp.parse("2026-11-02T04:30:00.000Z")), in: newYork)
    #expect(sundayLate.day.iso == "2026-11-01")
    #expect(sundayLate.clock == "23:30")
    let dueSunday = try DateExpression.parse("+1d", today: today.day)
    #expect(!dueSunday.isPast(at: sundayLate))
    // …and at 00:30 on Monday it is, by exactly one day.
    let mondayEarly = LocalMoment(try #require(Timestamp.parse("2026-11-02T05:30:00.000Z")), in: newYork)
    #expect(dueSunday.isPast(at: mondayEarly))
    #expect(dueSunday.daysLate(at: mondayEarly) == 1)
  }

  @Test func wordsForPeople() throws {
    let now = LocalMoment(day: Self.thursday, secondOfDay: 12 * 3600)
    func words(_ days: Int, minute: Int? = nil) -> String {
      ByWhen(day: Self.thursday.adding(days: days), minuteOfDay: minute).words(at: now)
    }
    #expect(words(0) == "today")
    #expect(words(0, minute: 9 * 60) == "late today")
    #expect(words(1) == "tomorrow")
    #expect(words(1, minute: 17 * 60) == "tomorrow 17:00")
    #expect(words(1 + 0) == "tomorrow")
    #expect(words(4) == "Mon")
    #expect(words(9) == "in 9 d")
    #expect(words(-2) == "2 d late")
    #expect(words(200) == "2027-06-14")
  }

  @Test func timestampsRoundTrip() throws {
    let instant = try #require(Timestamp.parse("2026-11-26T23:50:00.123Z"))
    #expect(Timestamp.text(instant) == "2026-11-26T23:50:00.123Z")
    #expect(Timestamp.parse("2026-11-26 23:50:00Z") == nil)
    #expect(Timestamp.parse("2026-02-30T00:00:00Z") == nil)
    #expect(Timestamp.text(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
  }
}
