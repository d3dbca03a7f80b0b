/// Figures week by week over a window of weeks, kept as sums per week: a promise that changes
/// is taken out of its week as it was and added as it is, so following a move never recounts
/// the ledger. Only promises due within the window are counted: at 100,000 promises, keeping
/// every week of the ledger's history made opening a board several milliseconds slower.
public struct WeeklyFigures: Equatable, Sendable {
  /// The Mondays of the first and last week counted.
  public let first: CalendarDay
  public let last: CalendarDay
  /// By the week's Monday, in days since 1970-01-01; weeks nothing was due in are absent.
  private var byWeek: [Int: WeekFigures] = [:]

  /// Figures for the `count` weeks up to the one holding `day`.
  public init(weeks count: Int, endingWith day: CalendarDay) {
    last = day.weekStart
    first = last.adding(days: -7 * max(0, count - 1))
  }

  /// Whether a promise due on `day` is counted here.
  func covers(_ day: CalendarDay) -> Bool { day >= first && day < last.adding(days: 7) }

  /// Counts the promise the tally is of in the week of `day`, its by-when's day, if that week
  /// is in the window.
  mutating func count(_ tally: Tally, due day: CalendarDay, as sign: Int) {
    guard covers(day) else { return }
    let start = day.weekStart
    var week = byWeek[start.daysSinceEpoch] ?? WeekFigures(start: start)
    week.count(tally, as: sign)
    // A week that no longer has anything due goes, so figures followed move by move equal
    // figures counted afresh.
    byWeek[start.daysSinceEpoch] = week.cameDue == 0 ? nil : week
  }

  /// The weeks of the window, oldest first; a week nothing came due in is there with nothing
  /// counted, so its rates are nil.
  public var weeks: [WeekFigures] {
    stride(from: first.daysSinceEpoch, through: last.daysSinceEpoch, by: 7).map { start in
      byWeek[start] ?? WeekFigures(start: CalendarDay(daysSinceEpoch: start))
    }
  }

  /// The last `count` weeks of the window (all of them when it holds fewer).
  public func weeks(last count: Int) -> [WeekFigures] { Array(weeks.suffix(max(0, count))) }
}
