/// Figures week by week, kept as sums per week: a promise that changes is taken out of its
/// week as it was and added as it is, so following a move never recounts the ledger.
public struct WeeklyFigures: Equatable, Sendable {
  /// By the week's Monday, in days since 1970-01-01; weeks nothing was due in are absent.
  private var byWeek: [Int: WeekFigures] = [:]

  public init() {}

  /// Counts the promise the tally is of in the week of `day`, its by-when's day.
  mutating func count(_ tally: Tally, due day: CalendarDay, as sign: Int) {
    let start = day.weekStart
    var week = byWeek[start.daysSinceEpoch] ?? WeekFigures(start: start)
    week.count(tally, as: sign)
    // A week that no longer has anything due goes, so figures followed move by move equal
    // figures counted afresh.
    byWeek[start.daysSinceEpoch] = week.cameDue == 0 ? nil : week
  }

  /// The `count` weeks up to the one holding `day`, oldest first; a week nothing came due in
  /// is there with nothing counted, so its rates are nil.
  public func weeks(_ count: Int, endingWith day: CalendarDay) -> [WeekFigures] {
    let last = day.weekStart
    return (0..<max(0, count)).reversed().map { back in
      let start = last.adding(days: -7 * back)
      return byWeek[start.daysSinceEpoch] ?? WeekFigures(start: start)
    }
  }
}
