import Foundation

/// Reads the by-when forms people type: `2026-11-28`, `today`, `tomorrow`, a weekday,
/// `+3d`, `+2w`, `eow`, `eom`, each optionally followed by `HH:MM`.
public enum DateExpression {
  /// What to say when a date cannot be read.
  public static let acceptedForms =
    "use YYYY-MM-DD, today, tomorrow, a weekday (mon…sun, the next one), +3d, +2w, eow (this Friday) or eom (end of month), optionally followed by HH:MM"

  /// What to say when a moment in the past cannot be read.
  public static let acceptedPastForms =
    "use YYYY-MM-DD, today, yesterday, a weekday (mon…sun, the last one), -3d or -2w, optionally followed by HH:MM"

  /// The by-when that `text` names, counted from `today`.
  public static func parse(_ text: String, today: CalendarDay) throws(Refusal) -> ByWhen {
    try parse(text, forms: acceptedForms) { day(named: $0, today: today) }
  }

  /// A moment in the past that `text` names ("since mon", "since yesterday 09:00"), counted
  /// back from `today`: a weekday is the last one, today included.
  public static func parsePast(_ text: String, today: CalendarDay) throws(Refusal) -> ByWhen {
    try parse(text, forms: acceptedPastForms) { word in
      switch word {
      case "today": return today
      case "yesterday": return today.adding(days: -1)
      default: break
      }
      if let weekday = weekdayNumber(word) { return today.adding(days: -((today.weekday - weekday + 7) % 7)) }
      if word.hasPrefix("-"), let count = Int(word.dropFirst().dropLast()), (0...100_000).contains(count),
        word.dropFirst().dropLast().allSatisfy(\.isASCIIDigit)
      {
        switch word.last {
        case "d": return today.adding(days: -count)
        case "w": return today.adding(days: -7 * count)
        default: return nil
        }
      }
      return CalendarDay(iso: word).flatMap { (1900...9999).contains($0.parts.year) ? $0 : nil }
    }
  }

  private static func parse(_ text: String, forms: String, day: (String) -> CalendarDay?) throws(Refusal) -> ByWhen {
    let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
    var words = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    // "2026-11-28T17:00" is one word with its time.
    if words.count == 1, let splitAt = words[0].firstIndex(of: "t"), words[0].first?.isASCIIDigit == true {
      let word = words[0]
      words = [String(word[..<splitAt]), String(word[word.index(after: splitAt)...])]
    }
    guard (1...2).contains(words.count), let day = day(words[0]) else {
      throw Refusal("unknown date \"\(Escaping.forDisplay(text))\": \(forms)")
    }
    guard words.count == 2 else { return ByWhen(day: day) }
    guard let minute = parseClock(words[1]) else {
      throw Refusal(
        "unknown time \"\(Escaping.forDisplay(words[1]))\" in \"\(Escaping.forDisplay(text))\": write the time as HH:MM, from 00:00 to 23:59"
      )
    }
    return ByWhen(day: day, minuteOfDay: minute)
  }

  static func day(named word: String, today: CalendarDay) -> CalendarDay? {
    switch word {
    case "today": return today
    case "tomorrow": return today.adding(days: 1)
    case "eom": return today.endOfMonth
    case "eow": return next(weekday: 5, from: today, includingToday: true)
    default: break
    }
    if let weekday = weekdayNumber(word) {
      return next(weekday: weekday, from: today, includingToday: false)
    }
    if word.hasPrefix("+"), let unit = word.last, let count = Int(word.dropFirst().dropLast()),
      (0...100_000).contains(count), word.dropFirst().dropLast().allSatisfy(\.isASCIIDigit)
    {
      switch unit {
      case "d": return today.adding(days: count)
      case "w": return today.adding(days: 7 * count)
      default: return nil
      }
    }
    // A by-when centuries away is a typing slip, not a promise.
    guard let day = CalendarDay(iso: word), (1900...9999).contains(day.parts.year) else { return nil }
    return day
  }

  static func weekdayNumber(_ word: String) -> Int? {
    let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    guard word.count >= 3 else { return nil }
    return names.firstIndex(where: { $0.hasPrefix(word) }).map { $0 + 1 }
  }

  /// The next day that falls on `weekday` (1 Monday … 7 Sunday).
  static func next(weekday: Int, from today: CalendarDay, includingToday: Bool) -> CalendarDay {
    var ahead = (weekday - today.weekday + 7) % 7
    if ahead == 0 && !includingToday { ahead = 7 }
    return today.adding(days: ahead)
  }
}
