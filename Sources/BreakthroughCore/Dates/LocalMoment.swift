import Foundation

/// A moment as read on the team's wall clock: a calendar day and the second of that day.
///
/// Made from an instant and a time zone at the edge; everything in the domain that asks
/// "is it past?" compares local moments, so daylight-saving changes never shift a day.
public struct LocalMoment: Hashable, Comparable, Sendable {
  public let day: CalendarDay
  /// Seconds since local midnight, 0..<86_400 (a leap hour is folded by the zone).
  public let secondOfDay: Int

  public init(day: CalendarDay, secondOfDay: Int) {
    self.day = day
    self.secondOfDay = secondOfDay
  }

  /// The local moment of `instant` in `zone`.
  public init(_ instant: Date, in zone: TimeZone) {
    self.init(localSeconds: Int(instant.timeIntervalSince1970.rounded(.down)) + zone.secondsFromGMT(for: instant))
  }

  /// The instant this wall-clock moment is in `zone` (in a gap left by a clock change, the
  /// instant as if the clock had not changed).
  public func instant(in zone: TimeZone) -> Date {
    let local = TimeInterval(day.daysSinceEpoch * 86_400 + secondOfDay)
    let guess = Date(timeIntervalSince1970: local - TimeInterval(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local))))
    return Date(timeIntervalSince1970: local - TimeInterval(zone.secondsFromGMT(for: guess)))
  }

  /// The moment `seconds` after 1970-01-01 00:00 on the local wall clock.
  init(localSeconds seconds: Int) {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    day = CalendarDay(daysSinceEpoch: days)
    secondOfDay = seconds - days * 86_400
  }

  /// `HH:MM`.
  public var clock: String {
    "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2))"
  }

  /// `HH:MM:SS`.
  public var clockWithSeconds: String {
    clock + ":" + pad(secondOfDay % 60, 2)
  }

  public static func < (lhs: LocalMoment, rhs: LocalMoment) -> Bool {
    (lhs.day, lhs.secondOfDay) < (rhs.day, rhs.secondOfDay)
  }
}
