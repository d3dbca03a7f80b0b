import BreakthroughCore
import Testing

/// The date parser on random text, seeded and bounded: an answer or a refusal, never a crash,
/// and every refusal says which forms are accepted.
@Suite struct DateFuzzTests {
  static let today = CalendarDay(year: 2026, month: 11, day: 26)!

  @Test func randomTextIsParsedOrRefusedWithTheAcceptedForms() {
    var generator = SeededGenerator(seed: 3)
    let pieces = [
      "+", "-", "d", "w", "m", "y", ":", " ", "2026", "-11-", "99999999999999999999", "0", "9", "12", "24", "60",
      "today", "tomorrow", "fri", "eow", "eom", "mon", "\u{0}", "\u{1B}[31m", "日本", "٣", "⁵", "+1e9d", "-0",
    ]
    var answered = 0
    var refused = 0
    for _ in 0..<20_000 {
      let text = (0..<Int.random(in: 0...5, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
      do {
        let by = try DateExpression.parse(text, today: Self.today)
        #expect(by.day.iso.count == 10, "\(text) gave \(by.day.iso)")
        answered += 1
      } catch {
        #expect(
          error.message.contains("use YYYY-MM-DD, today, tomorrow") || error.message.contains("write the time as HH:MM"),
          "refusal of \(text) names the forms: \(error.message)")
        refused += 1
      }
    }
    #expect(answered > 100 && refused > 100)
  }

  @Test func hugeOffsetsAndImpossibleDatesAreRefused() {
    for text in [
      "+99999999999999d", "+9223372036854775807d", "+2000000w", "9999-99-99", "2026-02-30", "0000-01-01", "2026-11-26 25:00",
      "2026-11-26 12:60", "+3d 99:99", "-3d", "+-3d",
    ] {
      #expect(throws: Refusal.self, "\(text)") { try DateExpression.parse(text, today: Self.today) }
    }
  }
}
