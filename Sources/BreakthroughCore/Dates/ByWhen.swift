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
    var copy = text
    guard let byWhen = copy.withUTF8({ ByWhen(ledgerUTF8: $0) }) else { return nil }
    self = byWhen
  }

  /// Reads the ledger form from its UTF-8, byte by byte: the fold reads one of these for
  /// every promise in the ledger.
  init?(ledgerUTF8 bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count == 10 || bytes.count == 16, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = bytes.decimal(at: 0, digits: 4), let month = bytes.decimal(at: 5, digits: 2),
      let dayOfMonth = bytes.decimal(at: 8, digits: 2),
      let day = CalendarDay(year: year, month: month, day: dayOfMonth)
    else { return nil }
    guard bytes.count == 16 else {
      self.init(day: day)
      return
    }
    guard bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
      let hour = bytes.decimal(at: 11, digits: 2), let minute = bytes.decimal(at: 14, digits: 2), hour < 24, minute < 60
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
