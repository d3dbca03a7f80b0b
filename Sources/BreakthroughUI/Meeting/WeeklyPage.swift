import BreakthroughCore
import TerminalKit

extension MeetingState {
  /// Weeks the meeting's page shows: a quarter.
  static let weeklyPageWeeks = 12

  /// "How we keep our word": kept on time week by week, a bar per week with its figure beside
  /// it, thicker on a wall; a week nothing came due in says so, with no bar.
  func drawWeeklyPage(into grid: inout Grid, _ area: Rect) {
    let weeks = digest.measures.weeks.weeks(last: Self.weeklyPageWeeks)
    grid.put(
      "How we keep our word \(glyphs.isUnicode ? "—" : "-") last \(weeks.count) weeks", row: area.top, column: area.left + 1,
      limit: area.width - 2, role: .header)
    let trend = glyphs.trend(weeks)
    let subtitle =
      "kept on time, by the week promises came due (Monday first)" + (trend.isEmpty ? "" : " \(glyphs.separator) trend \(trend)")
    grid.put(subtitle, row: area.top + 1, column: area.left + 1, limit: area.width - 2, role: .dim)
    let room = area.height - 3
    guard room > 0 else { return }
    let thickness = max(1, min(3, room / weeks.count))
    let shown = min(weeks.count, room / thickness)
    let labelWidth = 11
    let figureWidth = 24
    let barLeft = area.left + 1 + labelWidth
    let barWidth = max(4, area.width - labelWidth - figureWidth - 3)
    let full = glyphs.isUnicode ? "█" : "#"
    let track = glyphs.isUnicode ? "░" : "."
    for (offset, week) in weeks.suffix(shown).enumerated() {
      let top = area.top + 3 + offset * thickness
      let isThisWeek = offset == shown - 1
      grid.put(
        isThisWeek ? "this week" : week.start.iso.dropFirst(5) + "", row: top, column: area.left + 1, limit: labelWidth - 1, role: .title)
      guard let rate = week.keptOnTimeRate else {
        grid.put("nothing due", row: top, column: barLeft, limit: barWidth, role: .dim)
        continue
      }
      let filled = Int((Double(barWidth) * rate).rounded())
      let role: Role = rate >= 0.8 ? .kept : rate >= 0.5 ? .atRisk : .overdue
      for row in top..<(top + thickness) {
        grid.put(String(repeating: full, count: filled), row: row, column: barLeft, role: role)
        grid.put(String(repeating: track, count: barWidth - filled), row: row, column: barLeft + filled, role: .dim)
      }
      let figure = "\(FigureWords.rate(rate)) (\(week.keptOnTime) of \(week.cameDue))"
      grid.put(figure, row: top, column: barLeft + barWidth + 1, limit: figureWidth, role: .header)
    }
  }
}
