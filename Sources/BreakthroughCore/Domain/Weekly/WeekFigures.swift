/// What became of the promises due in one week, Monday to Sunday, by the day of their by-when.
public struct WeekFigures: Equatable, Sendable {
  /// The week's Monday.
  public let start: CalendarDay
  /// Promises due this week whose by-when has passed or that were closed (released ones never count).
  public internal(set) var cameDue = 0
  /// Kept, and delivered at or before the by-when.
  public internal(set) var keptOnTime = 0
  /// Renegotiated or revoked before the by-when.
  public internal(set) var closedWithNotice = 0
  /// Accounted as not kept (a renegotiation after the by-when is one).
  public internal(set) var notKept = 0
  /// Delivered after the by-when, kept or still awaiting acceptance.
  public internal(set) var late = 0

  public init(start: CalendarDay) {
    self.start = start
  }

  /// Kept on time or closed with notice.
  public var honored: Int { keptOnTime + closedWithNotice }
  /// kept on time ÷ came due; nil when nothing came due, which is not 0%.
  public var keptOnTimeRate: Double? { rate(keptOnTime) }
  /// honored ÷ came due; nil when nothing came due.
  public var honoredRate: Double? { rate(honored) }

  private func rate(_ count: Int) -> Double? {
    cameDue == 0 ? nil : Double(count) / Double(cameDue)
  }

  /// Adds the promise the tally is of (`sign` 1), or takes it out again (-1).
  mutating func count(_ tally: Tally, as sign: Int) {
    guard tally.state != .released, tally.state != .withdrawn, tally.isPast || tally.state.isClosed else { return }
    cameDue += sign
    if tally.wasKeptOnTime { keptOnTime += sign }
    if tally.wasClosedWithNotice { closedWithNotice += sign }
    if tally.state == .notKept { notKept += sign }
    if tally.wasDeliveredLate { late += sign }
  }
}

extension CalendarDay {
  /// The Monday of this day's week.
  public var weekStart: CalendarDay { adding(days: 1 - weekday) }
}
