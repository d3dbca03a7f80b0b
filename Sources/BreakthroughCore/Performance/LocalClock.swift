import Foundation

/// Reads many instants on one time zone's wall clock. Asking the zone for its offset costs
/// about a third of a microsecond, and the measures ask for every promise in the ledger; the
/// offset is the same all day on all but the days of a change, so it is asked once a day.
public struct LocalClock {
  public let zone: TimeZone
  /// The zone's offset over each whole UTC day (by days since 1970) that has a single one.
  private var offsets: [Int: Int] = [:]
  private var last = (day: Int.min, offset: 0)

  public init(_ zone: TimeZone) {
    self.zone = zone
  }

  /// The local moment of `instant`.
  public mutating func moment(_ instant: Date) -> LocalMoment {
    let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
    let utcDay = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    if utcDay == last.day { return LocalMoment(localSeconds: seconds + last.offset) }
    if let offset = offsets[utcDay] {
      last = (utcDay, offset)
      return LocalMoment(localSeconds: seconds + offset)
    }
    let start = Date(timeIntervalSince1970: Double(utcDay * 86_400))
    let offset = zone.secondsFromGMT(for: start)
    // A day whose offset differs at its two ends holds a change: each instant is asked alone.
    guard zone.secondsFromGMT(for: start.addingTimeInterval(86_399)) == offset else { return LocalMoment(instant, in: zone) }
    offsets[utcDay] = offset
    last = (utcDay, offset)
    return LocalMoment(localSeconds: seconds + offset)
  }
}
