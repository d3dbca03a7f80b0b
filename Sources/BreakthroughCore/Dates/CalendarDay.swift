/// A day of the proleptic Gregorian calendar, counted from 1970-01-01.
///
/// Dates are calendar dates: adding a day is adding one to the count, so "+1d" across a
/// daylight-saving change is still the next day. No time zone is involved.
public struct CalendarDay: Hashable, Comparable, Sendable {
  /// Days since 1970-01-01 (negative before it).
  public let daysSinceEpoch: Int

  public init(daysSinceEpoch: Int) {
    self.daysSinceEpoch = daysSinceEpoch
  }

  /// The day with these parts, or nil when they name no real day (2026-02-30).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), (1...CalendarDay.length(ofMonth: month, year: year)).contains(day)
    else { return nil }
    // Howard Hinnant's days_from_civil.
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let monthIndex = month > 2 ? month - 3 : month + 9
    let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    daysSinceEpoch = era * 146_097 + dayOfEra - 719_468
  }

  /// Year, month (1–12) and day of month.
  public var parts: (year: Int, month: Int, day: Int) {
    let z = daysSinceEpoch + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// ISO weekday: 1 is Monday, 7 is Sunday.
  public var weekday: Int {
    // 1970-01-01 was a Thursday (4).
    let offset = (daysSinceEpoch + 3) % 7
    return (offset < 0 ? offset + 7 : offset) + 1
  }

  /// The day `count` days later (earlier when negative).
  public func adding(days count: Int) -> CalendarDay {
    CalendarDay(daysSinceEpoch: daysSinceEpoch + count)
  }

  /// Days from this day to `other` (positive when `other` is later).
  public func days(until other: CalendarDay) -> Int {
    other.daysSinceEpoch - daysSinceEpoch
  }

  /// The last day of this day's month.
  public var endOfMonth: CalendarDay {
    let (year, month, _) = parts
    return adding(days: CalendarDay.length(ofMonth: month, year: year) - parts.day)
  }

  /// `YYYY-MM-DD`.
  public var iso: String {
    let (year, month, day) = parts
    guard (0...9999).contains(year) else { return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    // Written digit by digit: lists and screens show one for every row.
    return String(unsafeUninitializedCapacity: 10) { text in
      for (offset, value, width) in [(0, year, 4), (5, month, 2), (8, day, 2)] {
        var rest = value
        for position in (offset..<(offset + width)).reversed() {
          text[position] = UInt8(ascii: "0") + UInt8(rest % 10)
          rest /= 10
        }
      }
      text[4] = UInt8(ascii: "-")
      text[7] = UInt8(ascii: "-")
      return 10
    }
  }

  /// Short English weekday name ("Mon").
  public var weekdayName: String {
    CalendarDay.weekdayNames[weekday - 1]
  }

  static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

  static func length(ofMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  @inlinable
  public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
    lhs.daysSinceEpoch < rhs.daysSinceEpoch
  }
}

/// Zero-padded decimal, as dates and times are written.
func pad(_ value: Int, _ width: Int) -> String {
  let digits = String(value)
  return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
