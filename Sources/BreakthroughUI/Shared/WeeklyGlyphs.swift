import BreakthroughCore

extension Glyphs {
  /// Weeks the board's header draws: two months, enough to see a trend, few enough for 80 columns.
  static let sparklineWeeks = 8

  /// Kept on time week by week in one cell each, oldest first: the eight heights from 0 to 100%,
  /// and a dot for a week nothing came due in (never the height of 0%).
  func sparkline(_ weeks: [WeekFigures]) -> String {
    let levels = isUnicode ? Array("▁▂▃▄▅▆▇█") : Array("_.-~=+*#")
    return String(
      weeks.map { week in
        guard let rate = week.keptOnTimeRate else { return isUnicode ? "·" : " " }
        return levels[min(levels.count - 1, Int(rate * Double(levels.count)))]
      })
  }

  /// ↑, ↓ or → for the trend; nothing while there is none.
  func trend(_ weeks: [WeekFigures]) -> String {
    switch WeeklyTrend(weeks) {
    case .up?: return isUnicode ? "↑" : "^"
    case .down?: return isUnicode ? "↓" : "v"
    case .level?: return isUnicode ? "→" : "="
    case nil: return ""
    }
  }

  /// "on time by week ▃▅▆▅▇▆█▇ 80% ↑": kept on time as a sparkline, this week's kept on time so far, and the trend.
  /// `short` leaves out "by week", for a border the notes leave little room on.
  func weeklyFigure(_ weeks: [WeekFigures], short: Bool = false) -> String {
    let thisWeek = weeks.last.map { FigureWords.rate($0.keptOnTimeRate) } ?? "–"
    let arrow = trend(weeks)
    return (short ? "on time " : "on time by week ") + "\(sparkline(weeks)) \(thisWeek)" + (arrow.isEmpty ? "" : " \(arrow)")
  }
}
