/// When a promise (or the breakthrough) is due: a calendar day, optionally a time of day.
///
/// Without a time it is due by the end of that local day.
public struct ByWhen: Hashable, Comparable, Sendable {
  public let day: CalendarDay
  /// Minutes after local midnight, when a time of day was given.
  public let minuteOfDay: Int?

  public init(day: CalendarDay, minuteOfDay: Int? = nil) {
    self.day = day
    self.minuteOfDay = minuteOfDay
  }

  /// True once `now` is after the by-when: the end of the day, or the given time.
  @inlinable
  public func isPast(at now: LocalMoment) -> Bool {
    if now.day != day { return now.day > day }
    guard let minute = minuteOfDay else { return false }
    return now.secondOfDay > minute * 60
  }

  /// Whole calendar days from the by-when day to `now` (0 on the day itself).
  public func daysLate(at now: LocalMoment) -> Int {
    max(0, day.days(until: now.day))
  }

  /// The ledger form: `2026-11-28` or `2026-11-28T17:00`.
  public var ledgerText: String {
    guard let minute = minuteOfDay else { return day.iso }
    return "\(day.iso)T\(pad(minute / 60, 2)):\(pad(minute % 60, 2))"
  }

  /// For people: `2026-11-28` or `2026-11-28 17:00`.
  public var description: String {
    guard let minute = minuteOfDay else { return day.iso }
    return "\(day.iso) \(pad(minute / 60, 2)):\(pad(minute % 60, 2))"
  }

  /// Reads the ledger form.
  public init?(ledgerText text: String) {
    // Read byte by byte: the fold reads one of these for every promise in the ledger.
    let bytes = Array(text.utf8)
    func number(_ start: Int, _ count: Int) -> Int? {
      var value = 0
      for byte in bytes[start..<(start + count)] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard bytes.count == 10 || bytes.count == 16, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = number(0, 4), let month = number(5, 2), let dayOfMonth = number(8, 2),
      let day = CalendarDay(year: year, month: month, day: dayOfMonth)
    else { return nil }
    guard bytes.count == 16 else {
      self.init(day: day)
      return
    }
    guard bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
      let hour = number(11, 2), let minute = number(14, 2), hour < 24, minute < 60
    else { return nil }
    self.init(day: day, minuteOfDay: hour * 60 + minute)
  }

  @inlinable
  public static func < (lhs: ByWhen, rhs: ByWhen) -> Bool {
    (lhs.day, lhs.minuteOfDay ?? 24 * 60) < (rhs.day, rhs.minuteOfDay ?? 24 * 60)
  }
}

extension CalendarDay {
  /// Reads `YYYY-MM-DD`.
  public init?<S: StringProtocol>(iso text: S) {
    let fields = text.split(separator: "-", omittingEmptySubsequences: false)
    guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
      fields.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
      let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2])
    else { return nil }
    self.init(year: year, month: month, day: day)
  }
}

/// Reads `HH:MM` (24-hour) into minutes after midnight.
func parseClock<S: StringProtocol>(_ text: S) -> Int? {
  let fields = text.split(separator: ":", omittingEmptySubsequences: false)
  guard fields.count == 2, (1...2).contains(fields[0].count), fields[1].count == 2,
    fields.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
    let hour = Int(fields[0]), let minute = Int(fields[1]), hour < 24, minute < 60
  else { return nil }
  return hour * 60 + minute
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
